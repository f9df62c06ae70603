"""Which computation answers a setting: the exact closed form where it is exact and faster, else autograd."""
from __future__ import annotations

from typing import Callable

from components.fastforward import exact_trajectory, is_exact_for
from components.settings import Settings
from components.training import Trajectory, fit_trajectory

CLOSED_FORM_ABOVE_STEPS = 20_000  # below this, step-by-step autograd answers in about a second anyway
TIME_BUDGET_S = 20.0  # a step-by-step run longer than this stops and says it was cut short
SAMPLE_WORK = 2_000_000  # points × coefficients × steps of the short run that measures autograd's speed


def uses_closed_form(settings: Settings) -> bool:
    return settings.engine == "auto" and is_exact_for(settings) and settings.steps > CLOSED_FORM_ABOVE_STEPS


def run(settings: Settings, on_progress: Callable[[int, int], None] | None = None,
        time_budget_s: float | None = TIME_BUDGET_S) -> Trajectory:
    """The trajectory of these settings, by the closed form or by step-by-step autograd."""
    if uses_closed_form(settings):
        return exact_trajectory(settings)
    return fit_trajectory(settings, on_progress=on_progress, time_budget_s=time_budget_s)


def autograd_seconds(settings: Settings) -> float:
    """About how long step-by-step autograd would take, from a short measured run of the same settings."""
    sample = int(min(200, max(10, SAMPLE_WORK // (settings.points * (settings.degree + 1)))))
    steps_per_s = fit_trajectory(settings.replace(steps=sample)).steps_per_s
    return settings.steps / steps_per_s
