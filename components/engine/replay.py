"""Where a run stood before any one of its updates: its coefficients and its optimizer's state.

A trajectory keeps the coefficients of some two hundred steps and no optimizer state, so the step
inspection asks here. A step-by-step run is replayed by its own engine (components/engine/training.py's
step, the same operations on the same device), from the nearest checkpoint, so that stepping on from
step t to t + 1 costs one step. A run the closed form answered is asked of the closed form again: its
coefficients at t − 1 and t give the velocity exactly enough (in float64) for momentum and Nesterov.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from components.engine.analysis import Analysis, gradient_at
from components.engine.closed_form import closed_form_coefficients
from components.engine.optimizers import OPTIMIZERS
from components.engine.training import initial_coefficients, make_step, make_update, prepare
from components.problem.data import RunData
from components.state.settings import Settings

CHECKPOINT_EVERY = 256  # steps between the replay's saved states: a jump back replays at most this many


@dataclass(frozen=True)
class StepState:
    """A run before update `step`: its coefficients (a column, in the run's dtype) and optimizer state."""

    step: int
    coefficients: torch.Tensor
    optimizer_state: dict[str, torch.Tensor]  # components/engine/optimizers.py: Update.state()


class Replay:
    """A step-by-step run replayed by its own engine, stopped at any step (kept per session by the page)."""

    def __init__(self, settings: Settings, data: RunData, device: str = "cpu") -> None:
        self.settings = settings
        problem = prepare(settings, torch.device(device), data)
        self.w = initial_coefficients(settings).to(device).unsqueeze(1).requires_grad_(True)
        self.update = make_update(settings, self.w)
        self.step_fn = make_step(settings, problem, self.w, self.update)
        self.loss_slot = torch.empty((), dtype=self.w.dtype, device=device)
        self.coefficient_slot = torch.empty_like(self.w)
        self.at = 0
        self.checkpoints: dict[int, StepState] = {0: self.snapshot()}

    def snapshot(self) -> StepState:
        return StepState(self.at, self.w.detach().to("cpu", copy=True),
                         {k: v.to("cpu", copy=True) for k, v in self.update.state().items()})

    def state_at(self, step: int) -> StepState:
        """The run before update `step`: from the nearest checkpoint at or before it, forward step by step."""
        if step < self.at:
            start = max(s for s in self.checkpoints if s <= step)
            saved = self.checkpoints[start]
            with torch.no_grad():
                self.w.copy_(saved.coefficients.to(self.w.device))
            self.update.load({k: v.to(self.w.device) for k, v in saved.optimizer_state.items()})
            self.at = start
        while self.at < step:
            self.step_fn(self.loss_slot, self.coefficient_slot, True)
            self.at += 1
            if self.at % CHECKPOINT_EVERY == 0:
                self.checkpoints[self.at] = self.snapshot()
        return self.snapshot()


def closed_form_state(settings: Settings, analysis: Analysis, data: RunData, step: int) -> StepState:
    """The state before update `step` of a run the closed form answered, in the run's dtype.

    Heavy ball: w_t = w_{t−1} − lr·v_t, so v_t = (w_{t−1} − w_t)/lr.
    Nesterov: w_t = w_{t−1} − lr·(g_{t−1} + β·v_t), so v_t = ((w_{t−1} − w_t)/lr − g_{t−1})/β
    (and v_t = g_{t−1} when β = 0). Before the first update v = 0.
    """
    dtype = getattr(torch, settings.dtype)
    steps = np.array([max(step - 1, 0), step])
    previous, current = closed_form_coefficients(settings, analysis, steps)
    state: dict[str, torch.Tensor] = {}
    if OPTIMIZERS[settings.optimizer].uses_beta:
        velocity = np.zeros_like(current) if step == 0 else (previous - current) / settings.lr
        if settings.optimizer == "nesterov" and step > 0:
            y = data.samples.y.double().numpy()
            gradient = gradient_at(data.features64(), y, previous, settings.loss)
            velocity = gradient if settings.beta == 0 else (velocity - gradient) / settings.beta
        state["velocity"] = torch.as_tensor(velocity, dtype=dtype).unsqueeze(1)
    return StepState(step, torch.as_tensor(current, dtype=dtype).unsqueeze(1), state)
