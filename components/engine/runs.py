"""Which computation answers a setting, within what limits, and on which device when the GPU fails.

The exact closed form answers where it is exact and faster; step-by-step autograd answers the
rest, within a cap on its work and a time budget, so that one visitor cannot starve the others.
"""
from __future__ import annotations

import dataclasses
from typing import Callable, Sequence

import torch

from components.engine.analysis import Analysis
from components.engine.closed_form import closed_form_trajectory, has_closed_form
from components.engine.training import Trajectory, fit_trajectory
from components.problem.data import RunData
from components.state.i18n import Phrase
from components.state.pins import MAX_PINS
from components.state.settings import Settings

CLOSED_FORM_ABOVE_STEPS = 20_000  # below this, step-by-step autograd answers in about a second anyway
TIME_BUDGET_S = 20.0  # a step-by-step run longer than this stops and says it was cut short
PINNED_BUDGET_S = TIME_BUDGET_S / MAX_PINS  # a pinned run's share: all of them take no longer than one run
SAMPLE_WORK = 2_000_000  # points × coefficients × steps of the short run that measures autograd's speed
MAX_AUTOGRAD_WORK = 2_000_000_000  # points × steps of one step-by-step run (1,000,000 points × 2,000 steps)


def uses_closed_form(settings: Settings) -> bool:
    return (settings.engine == "closed-form" and has_closed_form(settings)
            and settings.steps > CLOSED_FORM_ABOVE_STEPS)


def capped(settings: Settings) -> tuple[Settings, Phrase | None]:
    """The settings with steps cut to the autograd work cap, and a sentence saying so (or None)."""
    if uses_closed_form(settings) or settings.sample_count * settings.steps <= MAX_AUTOGRAD_WORK:
        return settings, None
    steps = MAX_AUTOGRAD_WORK // settings.sample_count
    return settings.replace(steps=steps), Phrase("runs.capped", limit=MAX_AUTOGRAD_WORK, steps=steps,
                                                 wanted=settings.steps, points=settings.sample_count)


def run(settings: Settings, on_progress: Callable[[int, int], None] | None = None,
        time_budget_s: float | None = TIME_BUDGET_S, data: RunData | None = None,
        analysis: Analysis | None = None, frame_steps: Sequence[int] | None = None) -> Trajectory:
    """The trajectory of these settings, by the closed form or by step-by-step autograd, within the limits
    (its coefficients kept at `frame_steps`, or at log-spaced steps)."""
    if uses_closed_form(settings):
        return closed_form_trajectory(settings, frame_steps, analysis=analysis, data=data)
    allowed, cap_notice = capped(settings)
    trajectory, device_notice = on_cpu_if_cuda_fails(
        allowed, lambda s: fit_trajectory(s, frame_steps, on_progress=on_progress,
                                          time_budget_s=time_budget_s, data=data))
    notice = (Phrase("runs.two_notices", first=cap_notice, second=device_notice)
              if cap_notice and device_notice
              else cap_notice or device_notice)
    return dataclasses.replace(trajectory, notice=notice)


def pinned_run(settings: Settings, frame_steps: Sequence[int], data: RunData | None = None,
               analysis: Analysis | None = None) -> Trajectory:
    """A run pinned beside the current one, its coefficients kept at the current run's frame steps: by the
    exact closed form wherever it has one (six pinned runs then cost what one training does), else like any
    run, within the same limits."""
    if settings.engine == "closed-form" and has_closed_form(settings):
        return closed_form_trajectory(settings, frame_steps, analysis=analysis, data=data)
    return run(settings, data=data, analysis=analysis, frame_steps=frame_steps, time_budget_s=PINNED_BUDGET_S)


def is_cuda_fault(error: RuntimeError) -> bool:
    return isinstance(error, torch.cuda.OutOfMemoryError) or "CUDA" in str(error) or "cuda" in str(error)


def on_cpu_if_cuda_fails(settings: Settings,
                         attempt: Callable[[Settings], Trajectory]) -> tuple[Trajectory, Phrase | None]:
    """attempt(settings); if it fails on CUDA (out of memory, a device error), attempt again on the CPU."""
    try:
        return attempt(settings), None
    except RuntimeError as error:  # torch reports CUDA's faults, out of memory included, as RuntimeErrors
        if settings.device == "cpu" or not is_cuda_fault(error):
            raise
        reason = str(error).strip().splitlines()[0][:120]
        return attempt(settings.replace(device="cpu")), Phrase("runs.gpu_failed", reason=reason)


def autograd_seconds(settings: Settings, data: RunData | None = None) -> float:
    """About how long step-by-step autograd would take, from a short measured run of the same settings."""
    sample = int(min(200, max(10, SAMPLE_WORK // (settings.sample_count * (settings.degree + 1)))))
    steps_per_s = fit_trajectory(settings.replace(steps=sample), data=data).steps_per_s
    return settings.steps / steps_per_s
