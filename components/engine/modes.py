"""Why a run converges, or doesn't, one eigendirection at a time.

The loss is a quadratic with Hessian H, so gradient descent moves the error w − w* along each
eigenvector vᵢ of H on its own: zᵢ(t) = vᵢᵀ(w_t − w*) shrinks by |1 − lr·λᵢ| per step (for momentum
and Nesterov, (zᵢ, uᵢ) is multiplied by a 2×2 matrix Mᵢ: components/engine/optimizers.py). The largest
λ sets the stable learning rate, the smallest the speed; their ratio, the condition number, says how
long the slowest direction takes once the fastest is stable. Here the run's own coefficients are
projected onto the eigenvectors (measured) and set beside what the iteration matrices predict.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from components.engine.analysis import Analysis, condition_number_of, resolves
from components.engine.closed_form import iteration_matrices, matrix_powers
from components.engine.optimizers import OPTIMIZERS
from components.engine.training import Trajectory


@dataclass(frozen=True)
class Modes:
    """The run's error along each eigendirection of H, measured and predicted, and the spectrum."""

    steps: np.ndarray  # the run's frame steps
    measured: np.ndarray  # (frames, directions): |vᵢᵀ(w_t − w*)| of the run's own coefficients
    predicted: np.ndarray | None  # the same from the iteration matrix, |(Mᵢᵗ)₀₀·zᵢ(0)|; None for Adam
    eigenvalues: np.ndarray  # λᵢ, ascending (mode i is the i-th smallest)
    lr_lambda: np.ndarray  # lr·λᵢ, what the stability limit bounds
    limit: float | None  # the optimizer's largest stable lr·λ: 2 for plain descent; None for Adam
    rates: np.ndarray | None  # the factor |zᵢ| shrinks (or grows) by per step in the long run; None for Adam

    @property
    def condition_number(self) -> float:
        return condition_number_of(self.eigenvalues)

    @property
    def resolved(self) -> bool:
        """Whether float64 resolves the smallest eigenvalue (at degree 15 in powers of x it does not)."""
        return resolves(self.eigenvalues)

    @property
    def slowest(self) -> int | None:
        """The converging mode that shrinks slowest (the largest rate below 1); None if none converges."""
        if self.rates is None or not (self.rates < 1).any():
            return None
        return int(np.argmax(np.where(self.rates < 1, self.rates, -np.inf)))

    @property
    def growing(self) -> int | None:
        """The mode that grows fastest, when any grows (a run past its stable learning rate)."""
        if self.rates is None or not (self.rates > 1).any():
            return None
        return int(np.argmax(self.rates))

    def steps_to_shrink(self, mode: int, factor: float = 100.0) -> int | None:
        """Steps for mode `mode` to shrink by `factor` at its rate (None if it never does)."""
        if self.rates is None or not 0 < self.rates[mode] < 1:
            return 0 if self.rates is not None and self.rates[mode] == 0 else None
        return math.ceil(math.log(factor) / -math.log(self.rates[mode]))


def errors_along_modes(analysis: Analysis, coefficients: np.ndarray) -> np.ndarray:
    """zᵢ = vᵢᵀ(w − w*) for each row of coefficients (in the run's basis), in float64."""
    with np.errstate(all="ignore"):
        return (np.asarray(coefficients, dtype=np.float64) - analysis.optimum) @ analysis.eigenvectors


def eigenmodes(trajectory: Trajectory, analysis: Analysis) -> Modes:
    settings = trajectory.settings
    optimizer = OPTIMIZERS[settings.optimizer]
    steps = np.asarray(trajectory.frame_steps, dtype=np.int64)
    measured = np.abs(errors_along_modes(analysis, trajectory.frame_basis_coefficients))
    lr_lambda = settings.lr * analysis.eigenvalues
    if optimizer.iteration is None:  # Adam rescales each coefficient by its own history: no fixed matrix
        return Modes(steps, measured, None, analysis.eigenvalues, lr_lambda, None, None)
    start = errors_along_modes(analysis, trajectory.initial_basis_coefficients)
    powers = matrix_powers(iteration_matrices(settings, analysis.eigenvalues), max(int(steps[-1]), 1))
    with np.errstate(all="ignore"):
        predicted = np.abs(powers.at(steps) * start)
    return Modes(steps, measured, predicted, analysis.eigenvalues, lr_lambda,
                 optimizer.stability(settings.beta),
                 optimizer.contraction(lr_lambda, settings.beta))
