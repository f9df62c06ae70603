"""Fast-forward: a whole run of gd, heavy-ball momentum or Nesterov in closed form, without training.

On the least-squares loss these optimizers are linear recurrences. In the eigenbasis of the
Hessian H each direction moves on its own: with z = (w − w*) along an eigenvector of eigenvalue
λ, h = lr·λ and u = lr·velocity (u₀ = 0, as the engine's velocity starts at zero),

    gd:        z' = (1 − h) z
    momentum:  u' = β u + h z,  z' = (1 − h) z − β u            (= z − u')
    nesterov:  u' = β u + h z,  z' = (1 − h(1 + β)) z − β² u     (= z − h z − β u')

so (z, u) is multiplied by a fixed 2×2 matrix M per direction, z(t) = (Mᵗ)₀₀ z(0), and the loss is
L(t) = L* + Σ ½ λ z(t)². Writing t = kB + j with B ≈ √steps, (Mᵗ)₀₀ = (first row of M^{kB}) ·
(first column of Mʲ): about 2√steps products of stacked 2×2 matrices, then one small matrix
product gives the loss at every step. Real arithmetic throughout, so repeated roots (critical
damping) and complex roots need no special case, and the relative error grows only like t·ε.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from components.engine.analysis import Analysis, analyse
from components.engine.optimizers import OPTIMIZERS
from components.engine.training import (
    Trajectory,
    broken_coefficient,
    held_out_loss,
    initial_coefficients,
    log_spaced_steps,
)
from components.problem.basis import to_power_matrix
from components.problem.data import RunData, run_data
from components.state.i18n import Phrase
from components.state.settings import Settings

SUPPORTED = tuple(key for key, optimizer in OPTIMIZERS.items() if optimizer.iteration)  # linear recurrences
FLOAT32_MAX = float(np.finfo(np.float32).max)


def has_closed_form(settings: Settings) -> bool:
    """Whether the run is a linear recurrence that `closed_form_trajectory` reproduces (adam is not)."""
    return settings.optimizer in SUPPORTED


def iteration_matrices(settings: Settings, eigenvalues: np.ndarray) -> np.ndarray:
    """Per eigen-direction, M (shape (directions, 2, 2)) with (z, u)_{t+1} = M (z, u)_t (the optimizer's
    record)."""
    iteration = OPTIMIZERS[settings.optimizer].iteration
    if iteration is None:
        raise ValueError(f"no closed form for optimizer {settings.optimizer!r}")
    return iteration(settings.lr * np.asarray(eigenvalues, dtype=np.float64), settings.beta)


@dataclass(frozen=True)
class Powers:
    """(Mᵗ)₀₀ of every direction for t < len(coarse)·block, split as t = k·block + j."""

    block: int
    coarse: np.ndarray  # (K, directions, 2): the first row of M^(k·block)
    fine: np.ndarray  # (block, directions, 2): the first column of M^j

    def at(self, steps: np.ndarray) -> np.ndarray:
        """(Mᵗ)₀₀ for each t in `steps`, shape (len(steps), directions)."""
        k, j = np.divmod(np.asarray(steps, dtype=np.int64), self.block)
        with np.errstate(all="ignore"):  # past a divergence the powers may overflow: those steps are dropped
            return np.einsum("sdc,sdc->sd", self.coarse[k], self.fine[j])


def matrix_powers(m: np.ndarray, last: int) -> Powers:
    """The powers of M needed for every t in 0..last: about 2√last stacked 2×2 products."""
    block = math.isqrt(last) + 1  # block² > last, so last // block < block
    directions = len(m)
    fine = np.empty((block + 1, directions, 2, 2))
    fine[0] = np.eye(2)
    coarse = np.empty((last // block + 1, directions, 2))
    row = np.tile([1.0, 0.0], (directions, 1))[:, None, :]
    with np.errstate(all="ignore"):  # a diverging run overflows; the first bad step is all that is used
        for j in range(block):
            fine[j + 1] = m @ fine[j]
        for k in range(len(coarse)):
            coarse[k] = row[:, 0]
            row = row @ fine[block]
    return Powers(block, coarse, fine[:block, :, :, 0])


def excess_losses(powers: Powers, weights: np.ndarray, last: int) -> np.ndarray:
    """Σ_d weights_d·((Mᵗ)₀₀)² for t = 0..last, by one (K, 3d) @ (3d, block) product.

    (a·p + b·q)² is expanded as a²p² + 2ab·pq + b²q² so that the sum over directions and the
    coarse × fine combination are a single BLAS call instead of a (K, block, d) temporary.
    """
    a, b = powers.coarse[..., 0], powers.coarse[..., 1]
    p, q = powers.fine[..., 0], powers.fine[..., 1]
    with np.errstate(all="ignore"):
        left = np.concatenate([weights * a * a, 2 * weights * a * b, weights * b * b], axis=1)
        right = np.concatenate([p * p, p * q, q * q], axis=1).T
        return (left @ right).ravel()[: last + 1]


def coefficients_from(analysis: Analysis, powers: Powers, start: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """w* + Σ (Mᵗ)₀₀ z(0) along each eigenvector: the coefficients at `steps`, in the run's basis."""
    with np.errstate(all="ignore"):
        return analysis.optimum + (powers.at(steps) * start) @ analysis.eigenvectors.T


def closed_form_coefficients(settings: Settings, analysis: Analysis, steps: np.ndarray) -> np.ndarray:
    """The coefficients the closed form gives at `steps` (float64, the run's basis): what the step inspection
    asks of a run the closed form answered."""
    initial = initial_coefficients(settings).double().numpy()
    start = analysis.eigenvectors.T @ (initial - analysis.optimum)
    powers = matrix_powers(iteration_matrices(settings, analysis.eigenvalues), int(np.max(steps)))
    return coefficients_from(analysis, powers, start, np.asarray(steps, dtype=np.int64))


def loss_limit(settings: Settings) -> float:
    """The largest loss the engine records as finite.

    The engine keeps its losses as float32, so any run breaks above float32's max. A float32 run
    with the mean loss breaks earlier: torch sums the squared errors in float32 before dividing.
    """
    if settings.loss == "mean" and settings.dtype == "float32":
        return FLOAT32_MAX / settings.sample_count
    return FLOAT32_MAX


def closed_form_trajectory(
    settings: Settings, frame_steps: Sequence[int] | None = None, analysis: Analysis | None = None,
    data: RunData | None = None,
) -> Trajectory:
    """The trajectory `fit_trajectory` would produce for gd, momentum or nesterov, computed in closed form.

    Everything is float64 on the samples the engine sees; divergence is where the engine would
    first see a non-finite value. `wall_time_s` is the closed-form computation alone (like
    `fit_trajectory`'s, which leaves out the data preparation): the analysis is not counted.
    """
    if not has_closed_form(settings):
        raise ValueError(f"no closed form for optimizer {settings.optimizer!r}; it has one for "
                         f"{', '.join(SUPPORTED)}")
    data = data or run_data(settings)
    analysis = analysis or analyse(settings, data)
    initial = initial_coefficients(settings).double().numpy()
    # Before the clock, as in fit_trajectory: log_spaced_steps is not part of the fast-forward.
    wanted = np.asarray(log_spaced_steps(settings.steps) if frame_steps is None else frame_steps,
                        dtype=np.int64)
    started = time.perf_counter()
    eigenvalues, eigenvectors = analysis.eigenvalues, analysis.eigenvectors
    start = eigenvectors.T @ (initial - analysis.optimum)  # z(0) of every direction
    powers = matrix_powers(iteration_matrices(settings, eigenvalues), settings.steps)
    with np.errstate(all="ignore"):
        loss = analysis.optimum_loss + excess_losses(powers, 0.5 * eigenvalues * start**2, settings.steps)

    def coefficients_at(steps: np.ndarray) -> np.ndarray:
        return coefficients_from(analysis, powers, start, steps)

    # The loss alone decides: a coefficient z past float32's max with ½λz² below it needs λ < 1e-38,
    # and no lr finite in float32 makes such a direction unstable. `not <=` also catches NaN.
    bad = ~(loss <= loss_limit(settings))
    diverged_at = int(np.argmax(bad)) if bad.any() else None
    last = settings.steps if diverged_at is None else max(diverged_at - 1, 0)
    steps = np.union1d(wanted[(wanted >= 0) & (wanted <= last)], [last]).astype(np.int64)
    frames = initial[None, :] if diverged_at == 0 else coefficients_at(steps)
    diverged_coefficient = (None if diverged_at is None
                            else _diverged_coefficient(settings, coefficients_at(np.array([diverged_at]))[0]))
    wall = time.perf_counter() - started

    final = frames[-1]
    to_power = to_power_matrix(settings.basis, settings.degree, settings.domain)
    return Trajectory(
        settings=settings,
        loss=(np.array([np.inf], dtype=np.float32) if diverged_at == 0
              else loss[: last + 1].astype(np.float32)),
        frame_steps=steps,
        frame_coefficients=frames @ to_power.T,
        frame_basis_coefficients=frames,
        initial_coefficients=to_power @ initial,
        initial_basis_coefficients=initial,
        final_coefficients=to_power @ final,
        final_basis_coefficients=final,
        test_loss=held_out_loss(settings, data, final),
        device="cpu",
        wall_time_s=wall,
        diverged_at=diverged_at,
        diverged_coefficient=diverged_coefficient,
        cut_short_at=None,
        method="closed form",
    )


def _diverged_coefficient(settings: Settings, row: np.ndarray) -> Phrase:
    """The engine's name for the broken coefficient: in float32, those past float32's max are already inf."""
    limit = FLOAT32_MAX if settings.dtype == "float32" else np.finfo(np.float64).max
    with np.errstate(invalid="ignore"):
        return broken_coefficient(np.where(np.abs(row) > limit, np.inf, row))
