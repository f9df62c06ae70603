"""The loss over a plane through the optimum, and the run's path projected onto it.

Exact, not sampled: the loss is the quadratic L(w) = L(0) + g₀·w + ½ wᵀHw (components/engine/analysis.py),
so a 100 × 100 grid costs a few products. The default plane holds the two slowest eigendirections, the
long narrow valley where gradient descent crawls; the slowest and the fastest show why the learning rate
cannot grow; two coefficients show the valley as the coefficients see it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from components.engine.analysis import Analysis
from components.engine.training import Trajectory
from components.state.settings import COEFFICIENT_PLANE, EIGEN_PLANES

GRID = 101  # odd: the optimum itself is a grid point
MARGIN = 1.25  # the grid reaches this far beyond the farthest point of the path it shows
NEAR_START = 10.0  # a diverging path is shown only while its loss stays within this many times the start's


@dataclass(frozen=True)
class Plane:
    """Two orthonormal directions in the run's basis, and what each is: a mode's index or a coefficient's."""

    key: str
    first: np.ndarray
    second: np.ndarray
    kind: str  # "mode" (two eigenvectors) or "coefficient" (two coefficients)
    indices: tuple[int, int]


def plane_of(key: str, analysis: Analysis) -> Plane:
    """The plane `key` names (components/state/settings.py's is_plane must hold for the run's degree)."""
    vectors, size = analysis.eigenvectors, len(analysis.eigenvalues)
    if key in EIGEN_PLANES:
        i, j = (0, min(1, size - 1)) if key == "slowest" else (0, size - 1)
        return Plane(key, vectors[:, i], vectors[:, j], "mode", (i, j))
    match = COEFFICIENT_PLANE.fullmatch(key)
    i, j = int(match[1]), int(match[2])
    unit = np.eye(size)
    return Plane(key, unit[i], unit[j], "coefficient", (i, j))


@dataclass(frozen=True)
class Landscape:
    plane: Plane
    a: np.ndarray  # the grid along the first direction: w = w* + a·first + b·second
    b: np.ndarray
    excess: np.ndarray  # (len(b), len(a)): the loss above the optimum's on the grid
    steps: np.ndarray  # the frames' steps
    path_a: np.ndarray  # each frame's coefficients projected onto the plane
    path_b: np.ndarray
    path_loss: np.ndarray  # the quadratic's loss at each frame's own (unprojected) coefficients
    optimum_loss: float
    terms: tuple[float, float, float]  # hessian_terms of the plane

    def on_plane(self) -> np.ndarray:
        """The loss the contour gives at each frame's projected point."""
        return self.optimum_loss + excess_on_plane(self.terms, self.path_a, self.path_b)

    def off_plane(self) -> np.ndarray:
        """The part of each frame's loss that lies outside the plane (0 when the plane is the whole space)."""
        return np.maximum(self.path_loss - self.on_plane(), 0.0)


def hessian_terms(plane: Plane, hessian: np.ndarray) -> tuple[float, float, float]:
    """pᵀHp, pᵀHq, qᵀHq: all the quadratic needs on the plane."""
    p, q = plane.first, plane.second
    return float(p @ hessian @ p), float(p @ hessian @ q), float(q @ hessian @ q)


def excess_on_plane(terms: tuple[float, float, float], a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """½(a²·pᵀHp + 2ab·pᵀHq + b²·qᵀHq): the loss above the optimum's at w* + a·p + b·q."""
    pp, pq, qq = terms
    return 0.5 * (a * a * pp + 2 * a * b * pq + b * b * qq)


def extent(values: np.ndarray, losses: np.ndarray) -> float:
    """How far the grid reaches from the optimum along one direction: the path's farthest point, with a margin
    (a diverging path only while its loss is near the start's, else the valley would be a dot)."""
    shown = np.abs(values[np.isfinite(losses) & (losses <= NEAR_START * losses[0])])
    farthest = float(shown.max()) if len(shown) else 0.0
    return MARGIN * farthest if farthest > 0 else 1.0


def landscape(trajectory: Trajectory, analysis: Analysis, key: str = "slowest",
              grid: int = GRID) -> Landscape:
    plane = plane_of(key, analysis)
    with np.errstate(all="ignore"):
        offsets = np.asarray(trajectory.frame_basis_coefficients, dtype=np.float64) - analysis.optimum
        path_a, path_b = offsets @ plane.first, offsets @ plane.second
        path_loss = analysis.loss_of(trajectory.frame_basis_coefficients)
    terms = hessian_terms(plane, analysis.hessian)
    a = np.linspace(-1, 1, grid) * extent(path_a, path_loss)
    b = np.linspace(-1, 1, grid) * extent(path_b, path_loss)
    excess = excess_on_plane(terms, a[None, :], b[:, None])
    return Landscape(plane, a, b, excess, np.asarray(trajectory.frame_steps), path_a, path_b, path_loss,
                     analysis.optimum_loss, terms)
