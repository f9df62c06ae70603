"""Closed-form facts about the least-squares problem behind a run.

The loss is L(w) = Σ (Φw − y)² (or its mean), a quadratic in w with Hessian H = 2ΦᵀΦ (over n
for the mean), so its optimum, its curvature and the learning rates at which gradient descent
is stable can all be computed directly, in float64, from the same samples the training uses.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from components.engine.optimizers import OPTIMIZERS
from components.problem.basis import to_power_matrix
from components.problem.data import RunData, run_data
from components.state.settings import Settings

MAX_ESTIMATED_STEPS = 10**15
ZERO_GOAL = 1e-12  # a best loss of about 0 is reached at this share of the starting loss


@dataclass(frozen=True)
class Analysis:
    optimum: np.ndarray  # float64, in the chosen basis
    optimum_power: np.ndarray  # the same polynomial as powers of x
    optimum_loss: float
    eigenvalues: np.ndarray  # of the Hessian, ascending
    eigenvectors: np.ndarray  # columns, in the order of the eigenvalues
    stable_lr: float  # plain gradient descent converges for lr below this: 2 / λ_max
    optimizer_stable_lr: float | None  # the same bound for the chosen optimizer (None for adam)
    # The loss is exactly the quadratic L(w) = loss_at_zero + gradient_at_zero·w + ½ wᵀ hessian w.
    hessian: np.ndarray
    gradient_at_zero: np.ndarray
    loss_at_zero: float

    def loss_of(self, w: np.ndarray) -> np.ndarray:
        """The loss at coefficients w (the last axis: one row per point), from the quadratic: no samples."""
        w = np.asarray(w, dtype=np.float64)
        quadratic = 0.5 * np.einsum("...i,ij,...j->...", w, self.hessian, w)
        return self.loss_at_zero + w @ self.gradient_at_zero + quadratic

    @property
    def condition_number(self) -> float:
        return condition_number_of(self.eigenvalues)


def condition_number_of(eigenvalues: np.ndarray) -> float:
    """λ_max / λ_min of ascending eigenvalues (∞ when the smallest is not positive)."""
    smallest = eigenvalues[0]
    return math.inf if smallest <= 0 else float(eigenvalues[-1] / smallest)


def resolves(eigenvalues: np.ndarray) -> bool:
    """Whether float64 tells the smallest eigenvalue from rounding: eigh's error is about n·ε·λ_max."""
    return bool(eigenvalues[0] > len(eigenvalues) * np.finfo(np.float64).eps * eigenvalues[-1])


def design_matrix(settings: Settings, data: RunData | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Φ = featuresᵀ (samples × basis functions, the least-squares convention) and y, in float64, from exactly
    the samples the training sees."""
    data = data or run_data(settings)
    return data.features64().T, data.samples.y.double().numpy()


def loss_at(phi: np.ndarray, y: np.ndarray, w: np.ndarray, reduction: str) -> float:
    total = float(np.sum((phi @ w - y) ** 2))
    return total / len(y) if reduction == "mean" else total


def gradient_at(features: np.ndarray, y: np.ndarray, w: np.ndarray, reduction: str) -> np.ndarray:
    """The loss's gradient at w by the tutorial's NumPy formula, 2·Σ(ŷ − y)·φₖ(x) (over n for the mean);
    features as the training holds them, (degree + 1, samples)."""
    scale = 1.0 if reduction == "sum" else 1.0 / len(y)
    return 2 * scale * (features @ (w @ features - y))


def analyse(settings: Settings, data: RunData | None = None) -> Analysis:
    phi, y = design_matrix(settings, data)
    optimum = np.linalg.lstsq(phi, y, rcond=None)[0]
    hessian = 2 * phi.T @ phi / (len(y) if settings.loss == "mean" else 1)
    eigenvalues, eigenvectors = np.linalg.eigh(hessian)
    return Analysis(
        optimum=optimum,
        optimum_power=to_power_matrix(settings.basis, settings.degree, settings.domain) @ optimum,
        optimum_loss=loss_at(phi, y, optimum, settings.loss),
        eigenvalues=eigenvalues,
        eigenvectors=eigenvectors,
        stable_lr=2 / eigenvalues[-1],
        optimizer_stable_lr=stable_lr_for(settings.optimizer, settings.beta, eigenvalues[-1]),
        hessian=hessian,
        gradient_at_zero=-2 * phi.T @ y / (len(y) if settings.loss == "mean" else 1),
        loss_at_zero=loss_at(phi, y, np.zeros(phi.shape[1]), settings.loss),
    )


def stable_lr_for(optimizer: str, beta: float, largest_eigenvalue: float) -> float | None:
    """The largest stable learning rate on a quadratic whose largest Hessian eigenvalue is given (None for
    Adam, which is no linear recurrence): the optimizer's bound on lr·λ_max, over λ_max."""
    stability = OPTIMIZERS[optimizer].stability
    return None if stability is None else stability(beta) / largest_eigenvalue


def contraction_rates(settings: Settings, eigenvalues: np.ndarray) -> np.ndarray:
    """Per eigen-direction, the factor by which the distance to the optimum shrinks each step."""
    return OPTIMIZERS[settings.optimizer].contraction(settings.lr * eigenvalues, settings.beta)


def steps_to_within(settings: Settings, analysis: Analysis, initial: np.ndarray,
                    tolerance: float = 0.01) -> int | None:
    """Estimated steps until the loss is within `tolerance` (1%) of the optimum's; None if never (or adam).

    The excess loss along each eigenvector of H decays like rate^(2t) from its initial share
    ½·λ·z², z being the initial distance to the optimum in that direction; exact for plain
    gradient descent, an estimate (ignoring transients) for the momentum methods.
    """
    if OPTIMIZERS[settings.optimizer].contraction is None:  # Adam: no linear rate to estimate from
        return None
    z = analysis.eigenvectors.T @ (np.asarray(initial, dtype=np.float64) - analysis.optimum)
    share = 0.5 * analysis.eigenvalues * z**2
    rates = contraction_rates(settings, analysis.eigenvalues)
    goal = tolerance * max(analysis.optimum_loss, ZERO_GOAL * (share.sum() + analysis.optimum_loss))

    def excess(t: int) -> float:
        with np.errstate(divide="ignore", under="ignore", over="ignore"):
            return float(np.sum(share * np.power(rates, 2.0 * t)))

    if excess(0) <= goal:
        return 0
    if excess(MAX_ESTIMATED_STEPS) > goal:
        return None
    low, high = 0, MAX_ESTIMATED_STEPS  # excess(low) > goal >= excess(high)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if excess(middle) > goal else (low, middle)
    return high

