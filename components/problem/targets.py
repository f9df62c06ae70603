"""The functions a polynomial can be fitted to, and the data sampled from them.

Each target is a function of x and of u, the same x mapped onto [-1, 1]: the Gaussian bump and
Runge's function are defined on u so that they keep their shape whatever the domain.
"""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Callable

import torch

from components.state.errors import SettingError
from components.state.expression import check_finite, evaluate, parse_expression, scaled
from components.state.i18n import Phrase
from components.state.points import HOLDOUT_SEED_OFFSET, decode_points, held_out_count
from components.state.settings import Settings

TargetFn = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]

TARGET_FUNCTIONS: dict[str, tuple[str, TargetFn]] = {
    "sin": ("sin(x)", lambda x, u: torch.sin(x)),
    "cos": ("cos(x)", lambda x, u: torch.cos(x)),
    "exp": ("exp(x)", lambda x, u: torch.exp(x)),
    "abs": ("|x|", lambda x, u: torch.abs(x)),
    "sign": ("sign(x)", lambda x, u: torch.sign(x)),
    "gauss": ("exp(-8u²)", lambda x, u: torch.exp(-8 * u**2)),
    "runge": ("1/(1+25u²)", lambda x, u: 1 / (1 + 25 * u**2)),
}

# the noise draws from its own stream, so the initial weights stay the tutorial's
NOISE_SEED_OFFSET = 1_000_003


def target_values(name: str, x: torch.Tensor, domain: tuple[float, float], expression: str = "",
                  finite: bool = True) -> torch.Tensor:
    """The target at x; `expression` is the typed one, used when the name is "expr".

    With `finite`, a typed expression that is not finite somewhere (log of a negative x, 1/x at 0)
    raises a SettingError naming the first such x; without, it gives nan or inf there (a gap when drawn).
    The reader's points (name "data") have no function between them: nan everywhere, nothing drawn.
    """
    if name == "data":
        return torch.full_like(x, math.nan)
    if name == "expr":
        expression_tree = parse_expression(expression)
        return check_finite(expression_tree, x, domain) if finite else evaluate(expression_tree, x, domain)
    return TARGET_FUNCTIONS[name][1](x, scaled(x, domain))


def target_fault(settings: Settings) -> Phrase | None:
    """Why the typed target cannot be trained on (not finite at some sample), or None."""
    return _samples_fault(settings.target, settings.expr, settings.xmin, settings.xmax, settings.points,
                            settings.dtype)


@functools.lru_cache(maxsize=64)  # the page asks on every rerun; only these settings decide the answer
def _samples_fault(target: str, expr: str, xmin: float, xmax: float, points: int,
                   dtype: str) -> Phrase | None:
    try:
        make_dataset(Settings(target=target, expr=expr, xmin=xmin, xmax=xmax, points=points, dtype=dtype))
    except SettingError as error:
        return error.phrase
    return None


def target_label(name: str, expression: str = "", domain: tuple[float, float] = (-math.pi, math.pi)) -> str:
    """The target as the page writes it, in x alone: u, the x scaled to [-1, 1], is written out.

    exp(-8u²) on [-π, π] reads exp(-8(x/π)²); a typed formula is the reader's own text, with what u
    means added when it uses u.
    """
    u = u_in_x(domain)
    if name == "data":
        return "data"
    if name == "expr":
        uses_u = re.search(r"(?<![A-Za-z0-9_])u(?![A-Za-z0-9_])", expression)
        return f"{expression}, u = {u}" if uses_u else expression
    return TARGET_FUNCTIONS[name][0].replace("u²", "x²" if u == "x" else f"({u})²")


def u_in_x(domain: tuple[float, float]) -> str:
    """u = (x − centre) / half-width written as simply as it goes: x/π, (x − 1)/2, x + 3."""
    low, high = domain
    centre, half = (low + high) / 2, (high - low) / 2

    def number(value: float) -> str:
        return "π" if math.isclose(value, math.pi) else f"{value:g}"

    shifted = "x" if centre == 0 else f"x {'−' if centre > 0 else '+'} {number(abs(centre))}"
    if half == 1:
        return shifted
    return f"{shifted}/{number(half)}" if centre == 0 else f"({shifted})/{number(half)}"


@dataclass(frozen=True)
class Dataset:
    """Training samples on an even grid, and held-out samples halfway between them."""

    x: torch.Tensor
    y: torch.Tensor
    x_test: torch.Tensor
    y_test: torch.Tensor


def make_dataset(settings: Settings, device: torch.device | str = "cpu") -> Dataset:
    """The tutorial's `torch.linspace` grid, the target on it, and Gaussian noise drawn from the seed; or the
    reader's points."""
    dtype = getattr(torch, settings.dtype)
    if settings.target == "data":
        return Dataset(*(t.to(device=device, dtype=dtype) for t in reader_samples(settings)))
    x = torch.linspace(settings.xmin, settings.xmax, settings.points, dtype=dtype)
    x_test = (x[:-1] + x[1:]) / 2
    y = target_values(settings.target, x, settings.domain, settings.expr)
    y_test = target_values(settings.target, x_test, settings.domain, settings.expr)
    if settings.noise > 0:
        generator = torch.Generator().manual_seed(settings.seed + NOISE_SEED_OFFSET)
        y = y + settings.noise * torch.randn(y.shape, generator=generator, dtype=dtype)
        y_test = y_test + settings.noise * torch.randn(y_test.shape, generator=generator, dtype=dtype)
    return Dataset(*(t.to(device) for t in (x, y, x_test, y_test)))


def held_out_scale(settings: Settings) -> float:
    """What a held-out sum of squares is multiplied by to compare with the training's sum: the reader's
    held-out points are fewer than the ones trained on (8 beside 33, say), and their sum is scaled up to
    as many. 1 for a mean, and for the built-in targets, whose held-out samples are as many less one."""
    if settings.target != "data" or settings.loss != "sum":
        return 1.0
    held = len(decode_points(settings.data)) - settings.sample_count
    return settings.sample_count / held if held else 1.0


def reader_samples(settings: Settings) -> tuple[torch.Tensor, ...]:
    """The reader's points (float32) as x, y, x_test, y_test: a fraction `holdout` of them, drawn by a
    generator seeded from the seed, held out; each part in the order the points came."""
    points = decode_points(settings.data)
    x, y = torch.from_numpy(points.x.copy()), torch.from_numpy(points.y.copy())
    held = held_out_count(len(points), settings.holdout)
    generator = torch.Generator().manual_seed(settings.seed + HOLDOUT_SEED_OFFSET)
    order = torch.randperm(len(points), generator=generator) if held else torch.arange(len(points))
    test, train = order[:held].sort().values, order[held:].sort().values
    return x[train], y[train], x[test], y[test]
