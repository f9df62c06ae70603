"""The target's Taylor polynomial about the domain's centre, its derivatives taken by autograd itself.

Why show it: the cubic that gradient descent finds for sin(x) on [-π, π] is not x − x³/6. The Taylor
polynomial matches the target as closely as possible at one point (every derivative up to the degree at
the centre); the least-squares optimum matches it as well as possible over all the samples at once. Near
the centre the Taylor cubic is better, but towards the domain's ends it drifts far off (x − x³/6 at π is
about −2.03, sin π is 0), so its loss is many times the optimum's. Where the target has no Taylor series
at the centre (|x| and sign(x) at 0), it says why instead.

The derivatives are `torch.autograd.grad(..., create_graph=True)` repeated, once per order, in float64.
Autograd alone cannot see a kink: it gives |x|'(0) = 0. So each order is also taken just left and right of
the centre, at two distances a thousand times apart: a smooth f^(k) changes about a thousand times less
over the shorter one (by ε·f^(k+1), or less), a jump in f^(k) stays as large, whatever the size of the
derivatives. (This needs no f^(degree+1): nested autograd's graph, and its time, grow about 3.5 times per
order for a rational target such as Runge's, so the one order saved is the costliest.) The same growth is
why the page's polynomial stops at a lower degree, and says so, where the next order would overrun
BUDGET_S: at degree 15 Runge's function would take a minute and 3.9 GB.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch

from components.engine.analysis import loss_at
from components.problem.data import RunData, run_data
from components.problem.targets import target_label, target_values
from components.state.i18n import Phrase
from components.state.settings import Settings

FAR, NEAR = 1e-6, 1e-9  # the neighbours' distances from the centre, as shares of the domain's half-width
SHRINK = 0.1  # a smooth f^(k) changes a thousandth as much over NEAR as over FAR; a jump stays as large
ROUNDING = 1e-9  # changes below this share of |f^(k)| nearby are rounding, never a jump

BUDGET_S = 0.5  # the derivatives' time on a page; a rational target at degree 15 would take a minute
GROWTH = 3.5  # how many times longer each order of derivative takes than the one before, at worst

Function = Callable[[torch.Tensor], torch.Tensor]


@dataclass(frozen=True)
class Taylor:
    centre: float  # the domain's centre, (xmin + xmax) / 2
    coefficients: np.ndarray | None  # float64, degree + 1, in powers of x; None when there is no series
    loss: float | None  # on the run's training samples with its reduction; None with no series
    problem: Phrase | None  # why there is no series (taylor.no_series); None otherwise
    notice: Phrase | None = None  # a Taylor polynomial of lower degree than the run's, and why (taylor.cut)

    @property
    def degree(self) -> int | None:
        return None if self.coefficients is None else len(self.coefficients) - 1


def _derivatives(function: Function, points: torch.Tensor, order: int,
                 budget_s: float = math.inf) -> torch.Tensor:
    """(orders + 1, points): f, f', …, f^(orders) at each point of an elementwise function; orders is `order`,
    or fewer where the next one would overrun `budget_s` (each order's graph is some 3.5 times the last's)."""
    x = points.detach().to(torch.float64).requires_grad_(True)
    started = last = time.perf_counter()
    current = function(x)
    rows = [current.detach()]
    for _ in range(order):
        now = time.perf_counter()
        if now - started + GROWTH * (now - last) > budget_s:
            break
        last = now
        if current.requires_grad:  # elementwise: the gradient of the sum is each point's own derivative
            (grad,) = torch.autograd.grad(current.sum(), x, create_graph=True, allow_unused=True)
            current = torch.zeros_like(x) if grad is None else grad
        else:  # a constant, or a derivative that no longer depends on x: all the rest are 0
            current = torch.zeros_like(x)
        rows.append(current.detach())
    return torch.stack(rows)


def derivatives_at(function: Function, centre: float, order: int) -> list[float]:
    """f(c), f'(c), …, f^(order)(c) by repeated torch.autograd.grad(create_graph=True), float64."""
    return _derivatives(function, torch.tensor([centre], dtype=torch.float64), order)[:, 0].tolist()


def _mended(table: torch.Tensor) -> torch.Tensor:
    """The table with a nan at the centre (column 2) replaced by its limit, the mean of the two nearest
    values, where both are finite. Autograd gives 0·∞ = nan for a typed x**3 at 0 from order 5 (torch.pow
    with a tensor exponent), and sin(x)/x has none at 0 either; whether the limit is smooth is _fault's."""
    sides = (table[:, 1] + table[:, 3]) / 2
    mend = table[:, 2].isnan() & table[:, 1].isfinite() & table[:, 3].isfinite()
    mended = table.clone()
    mended[mend, 2] = sides[mend]
    return mended


def _fault(raw: torch.Tensor, table: torch.Tensor, degree: int) -> Phrase | None:
    """Why f, f', …, f^(degree) at c − FAR, c − NEAR, c, c + NEAR, c + FAR (the table's columns; the
    distances in half-widths) show no Taylor series at c, or None; `raw` is the table before _mended."""
    size = torch.nan_to_num(table.abs(), nan=0.0, posinf=0.0).max(dim=1).values  # |f^(k)| near c
    for k in range(degree + 1):  # the lowest order at fault is the one named
        if not math.isfinite(table[k, 2]):
            return Phrase("taylor.reason_infinite", order=k)
        far, near = (table[k, [0, 4]] - table[k, 2]).abs(), (table[k, [1, 3]] - table[k, 2]).abs()
        smooth = (near <= SHRINK * far) | (near <= ROUNDING * size[k])  # a nan beside c is no smooth f
        if not bool(smooth.all()):
            if not math.isfinite(raw[k, 2]):  # no limit either: sqrt(|x|)' at 0
                return Phrase("taylor.reason_infinite", order=k)
            return Phrase("taylor.reason_kink", order=k) if k else Phrase("taylor.reason_jump")
    return None


def _in_powers_of_x(shifted: np.ndarray, centre: float) -> np.ndarray:
    """Σ a_k (x − c)^k as Σ b_j x^j: b_j = Σ_k a_k C(k, j) (−c)^(k − j), the exact binomial expansion."""
    size = len(shifted)
    binomial = np.array([[math.comb(k, j) * (-centre) ** (k - j) if k >= j else 0.0 for k in range(size)]
                         for j in range(size)])
    return binomial @ shifted


def taylor_polynomial(settings: Settings, data: RunData | None = None,
                      budget_s: float | None = None) -> Taylor:
    """The target's Taylor polynomial of the run's degree about the domain's centre, and its loss; of a lower
    degree, said in its notice, where autograd's derivatives of the next order would overrun `budget_s`."""
    centre = (settings.xmin + settings.xmax) / 2
    half = (settings.xmax - settings.xmin) / 2

    def target(x: torch.Tensor) -> torch.Tensor:
        return target_values(settings.target, x, settings.domain, settings.expr, finite=False)

    steps = torch.tensor([-FAR, -NEAR, 0.0, NEAR, FAR], dtype=torch.float64)
    budget = BUDGET_S if budget_s is None else budget_s
    raw = _derivatives(target, centre + half * steps, settings.degree, budget)
    degree = len(raw) - 1
    table = _mended(raw)
    reason = _fault(raw, table, degree)
    if reason is not None:
        label = target_label(settings.target, settings.expr, settings.domain)
        return Taylor(centre, None, None, Phrase("taylor.no_series", target=label, centre=f"{centre:g}",
                                                 reason=reason))
    shifted = (table[:, 2] / torch.tensor(
        [math.factorial(k) for k in range(degree + 1)], dtype=torch.float64)).numpy()
    samples = (data or run_data(settings)).samples
    x, y = samples.x.double().numpy(), samples.y.double().numpy()
    # the loss from the centred form, which loses nothing to cancellation far from x = 0
    loss = loss_at(np.vander(x - centre, len(shifted), increasing=True), y, shifted, settings.loss)
    wanted = settings.degree
    notice = None if degree == wanted else Phrase("taylor.cut", degree=degree, wanted=wanted)
    return Taylor(centre, _in_powers_of_x(shifted, centre), loss, None, notice)
