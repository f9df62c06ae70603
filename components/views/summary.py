"""What the page says about a run: the data its chart draws, and the notes below it.

Pure computation, like the training: the page (app.py) only lays these out. What is said is in the
language `lang` asks for (components/state/i18n.py); English unless told.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import torch

from components.engine.analysis import MAX_ESTIMATED_STEPS, ZERO_GOAL, Analysis, steps_to_within
from components.engine.training import Trajectory
from components.problem.data import RunData, run_data
from components.problem.sampling import thinned
from components.problem.targets import held_out_scale, target_label, target_values
from components.state.i18n import say, text
from components.state.settings import LEAST_LR, MAX_STEPS
from components.views.equation import format_text, frame_equations
from components.views.figures import CURVE_POINTS, FigureData, PinnedCurve, polynomial_values
from components.views.formatting import format_duration, format_lr, format_plain

DRAW_POINTS = 400  # where the target and the optimum are drawn
POINTS_MARGIN = 0.03  # of the domain's width, beside the reader's points at each end of the fit panel
EXTRAPOLATE = 1.5  # the extrapolation view's reach: this many half-widths of the domain about its centre
CONVERGED = 0.01  # within 1% of the optimum's loss counts as converged
AT_OPTIMUM = 1e-5  # within a thousandth of a percent: float32 cannot tell the loss from the optimum's
# A best loss under this share of the starting loss is about 0: below float32's rounding of the squares
# (a polynomial target, or no more samples than coefficients). Such a run is judged by how far its loss
# fell instead, to ZERO_GOAL of where it started (the goal steps_to_within takes then).
ZERO_BEST = 1e-16
FAR_BELOW = 0.01  # a learning rate under a hundredth of the stable bound crawls
TITLE_TARGET_CHARACTERS = 24  # a typed formula is cut to this in the chart's title
SPEED_OF_NOBODY_S = 86_400.0  # more autograd time than a day: longer than anyone can run


def figure_data(trajectory: Trajectory, analysis: Analysis, lang: str = "en",
                reference: Trajectory | None = None, equation_terms: int = 4,
                data: RunData | None = None, extrapolate: bool = False,
                taylor: np.ndarray | None = None, pinned: Sequence[PinnedCurve] = ()) -> FigureData:
    """Everything the chart draws for this run; `reference`, another run drawn beside it (plain descent);
    with `extrapolate` the fit panel reaches beyond the training domain; `taylor`, the target's Taylor
    polynomial (powers of x) drawn beside the optimum."""
    s = trajectory.settings
    reader = s.target == "data"
    # the reader's points lie on the domain's very ends: a margin, so that the first and last are seen whole
    x = drawn_x(widened(s.domain, POINTS_MARGIN) if reader else s.domain, extrapolate)
    noisy = s.noise > 0 and not reader  # the reader's points carry no noise of the page's
    samples = (data or run_data(s)).samples if noisy or reader else None
    pick = torch.from_numpy(thinned(s.sample_count, CURVE_POINTS))
    label = text(lang, "figure.your_points") if reader else target_label(s.target, s.expr, s.domain)
    cut = s.expr if len(s.expr) <= TITLE_TARGET_CHARACTERS else s.expr[: TITLE_TARGET_CHARACTERS - 1] + "…"
    short = label if reader else target_label(s.target, cut, s.domain)  # a long formula cut, u's meaning kept
    held = samples is not None and len(samples.x_test) > 0  # none held out of the reader's points by default
    title_key = "figure.title_closed_form" if trajectory.by_closed_form else "figure.title"
    return FigureData(
        x=x,
        target=target_values(s.target, torch.from_numpy(x), s.domain, s.expr, finite=False).numpy(),
        optimum=np.polynomial.polynomial.polyval(x, analysis.optimum_power),
        optimum_loss=analysis.optimum_loss,
        loss=trajectory.loss,
        frame_steps=trajectory.frame_steps,
        frame_coefficients=trajectory.frame_coefficients,
        title=text(lang, title_key, degree=s.degree, target=short),
        target_label=label,
        # At most as many as the figure draws: 10⁶ noisy points would be thinned to 1,000 there anyway.
        sample_x=None if samples is None else samples.x[pick].double().numpy(),
        sample_y=None if samples is None else samples.y[pick].double().numpy(),
        reader_points=reader,
        held_x=samples.x_test.double().numpy() if reader and held else None,
        held_y=samples.y_test.double().numpy() if reader and held else None,
        diverged_at=trajectory.diverged_at,
        frame_equations=["<br>".join(lines) for lines in
                         frame_equations(trajectory.frame_coefficients, s.domain, equation_terms)],
        held_out=held_out_losses(trajectory, samples.x_test, samples.y_test) if held else None,
        noise_level=s.noise**2 * (1 if s.loss == "mean" else s.points) if noisy else None,
        reference_loss=None if reference is None else reference.loss,
        reference_label=(text(lang, "figure.reference") if reference is None or reference.diverged_at is None
                         else text(lang, "figure.reference_diverged", step=reference.diverged_at)),
        training_domain=s.domain if extrapolate else None,
        taylor=None if taylor is None else polynomial_values(taylor, x),
        pinned=tuple(pinned),
        taylor_label="" if taylor is None else text(lang, "figure.taylor", centre=f"{sum(s.domain) / 2:g}"),
    )


def widened(domain: tuple[float, float], share: float) -> tuple[float, float]:
    """The domain, `share` of its width wider at each end."""
    margin = share * (domain[1] - domain[0])
    return domain[0] - margin, domain[1] + margin


def drawn_x(domain: tuple[float, float], extrapolate: bool = False) -> np.ndarray:
    """Where the fit panel draws: the training domain, or EXTRAPOLATE times as wide about its centre."""
    if not extrapolate:
        return np.linspace(*domain, DRAW_POINTS)
    centre, half = (domain[0] + domain[1]) / 2, (domain[1] - domain[0]) / 2
    reach = EXTRAPOLATE * half
    return np.linspace(centre - reach, centre + reach, round(DRAW_POINTS * EXTRAPOLATE))


def extrapolation_errors(trajectory: Trajectory) -> tuple[float, float]:
    """The final fit's mean squared error against the target inside the training domain and outside it (on
    the extrapolation panel's reach), on an even grid: polynomials that fit inside explode outside."""
    s = trajectory.settings
    x = drawn_x(s.domain, extrapolate=True)
    target = target_values(s.target, torch.from_numpy(x), s.domain, s.expr, finite=False).numpy()
    with np.errstate(over="ignore", invalid="ignore"):
        squared = (polynomial_values(trajectory.final_coefficients, x) - target) ** 2
    inside, finite = (x >= s.domain[0]) & (x <= s.domain[1]), np.isfinite(target)

    def mean(part: np.ndarray) -> float:  # a typed target may be undefined outside (sqrt(x) on [0, 1])
        return float(np.mean(squared[part & finite])) if (part & finite).any() else math.nan

    return mean(inside), mean(~inside)


def held_out_losses(trajectory: Trajectory, x_test: torch.Tensor, y_test: torch.Tensor) -> np.ndarray:
    """The loss on the held-out samples of each frame's polynomial, in float64."""
    predicted = polynomial_values(trajectory.frame_coefficients, x_test.double().numpy())
    with np.errstate(over="ignore", invalid="ignore"):
        squared = (predicted - y_test.double().numpy()) ** 2
        s = trajectory.settings
        return squared.mean(axis=1) if s.loss == "mean" else squared.sum(axis=1) * held_out_scale(s)


def gap_percent(loss: float, optimum_loss: float) -> float:
    """How far the loss is above the best possible, in percent of the best possible."""
    return math.inf if optimum_loss <= 0 else 100 * (loss - optimum_loss) / optimum_loss


def at_optimum(loss: float, optimum_loss: float) -> bool:
    """The loss equals the optimum's to float precision (a float32 run may sit a hair below the float64
    optimum)."""
    return gap_percent(loss, optimum_loss) <= 100 * AT_OPTIMUM


@dataclass(frozen=True)
class Note:
    kind: str  # "warning", "error", "info" or "success"
    text: str
    suggested_lr: float | None = None  # offered as a one-click setting
    suggested_basis: str | None = None  # likewise


def safe_lr(bound: float) -> float:
    """A round learning rate just below a stability bound: 0.99 × bound, cut (never rounded up) to 2
    digits."""
    value = 0.99 * bound
    unit = 10.0 ** (math.floor(math.log10(value)) - 1)
    return float(f"{math.floor(value / unit) * unit:.2g}")


def best_is_zero(trajectory: Trajectory, analysis: Analysis) -> bool:
    """The best possible loss is about 0 (a polynomial target, or no more samples than coefficients):
    then a percentage of it means nothing, and the run is judged by how far its loss fell."""
    start = float(trajectory.loss[0])
    return math.isfinite(start) and analysis.optimum_loss <= ZERO_BEST * start


def goal_loss(trajectory: Trajectory, analysis: Analysis) -> float:
    """The loss that counts as converged: within 1% of the best, or (a best of about 0) ZERO_GOAL of the
    start."""
    if best_is_zero(trajectory, analysis):
        return ZERO_GOAL * float(trajectory.loss[0])
    return (1 + CONVERGED) * analysis.optimum_loss


def converged(trajectory: Trajectory, analysis: Analysis) -> bool:
    return float(trajectory.loss[-1]) <= goal_loss(trajectory, analysis)


def first_converged(trajectory: Trajectory, analysis: Analysis) -> int | None:
    """The first step at which the run counts as converged (None if it never does in its steps)."""
    within = np.flatnonzero(trajectory.loss <= goal_loss(trajectory, analysis))
    return int(within[0]) if len(within) else None


def notes(trajectory: Trajectory, analysis: Analysis, autograd_seconds: float | None = None,
          lang: str = "en") -> list[Note]:
    """Plain-language remarks: how it was computed, the learning rate too large or far too small, diverged,
    not converged yet."""
    s = trajectory.settings
    out = [Note("warning", say(lang, trajectory.notice))] if trajectory.notice else []
    if trajectory.by_closed_form:
        out.append(Note("info", text(lang, "note.closed_form_estimate",
                                     duration=format_duration(autograd_seconds, lang))
                        if autograd_seconds else text(lang, "note.closed_form")))
    done = trajectory.diverged_at is None and converged(trajectory, analysis)
    out += learning_rate_notes(trajectory, analysis, lang, done)
    if trajectory.diverged_at == 0:
        return out + [Note("error", text(lang, "note.diverged_at_start"))]
    if trajectory.diverged_at is not None:
        out.append(Note("error",
                        text(lang, "note.diverged", step=trajectory.diverged_at, last=trajectory.last_step,
                             coefficient=say(lang, trajectory.diverged_coefficient))))
        return out
    if trajectory.cut_short_at is not None:
        out.append(Note("warning", text(lang, "note.cut_short", step=trajectory.cut_short_at, steps=s.steps)))
    return out + [progress_note(trajectory, analysis, autograd_seconds, lang)]


def learning_rate_notes(trajectory: Trajectory, analysis: Analysis, lang: str,
                        done: bool = False) -> list[Note]:
    """The learning rate against its stable bound: above it, or so far below that the run crawls (unless
    it got there all the same: `done`).

    The one-click learning rate is offered only where the slider can take it and where it helps.
    """
    s, bound = trajectory.settings, analysis.optimizer_stable_lr
    if bound is None or (FAR_BELOW * bound <= s.lr < bound) or (s.lr < bound and done):
        return []
    offered = safe_lr(bound)
    if offered < LEAST_LR:
        return [Note("warning",
                     text(lang, "note.lr_below_slider", bound=format_lr(bound), least=format_lr(LEAST_LR)))]
    if s.lr >= bound:
        out = [Note("warning", text(lang, "note.lr_too_large", lr=format_lr(s.lr), degree=s.degree,
                                    bound=format_lr(bound)), suggested_lr=offered)]
    else:
        out = [Note("info", text(lang, "note.lr_far_below", lr=format_lr(s.lr), bound=format_lr(bound)),
                    suggested_lr=offered)]
    needed = steps_to_within(s.replace(lr=offered), analysis, trajectory.initial_basis_coefficients)
    if needed is None or needed > MAX_STEPS:
        key = "note.lr_too_slow_legendre" if s.basis == "legendre" else "note.lr_too_slow"
        goal = text(lang, "note.goal_zero" if best_is_zero(trajectory, analysis) else "note.goal_percent")
        if needed is None:  # not within the 10¹⁵ steps the estimate looks at
            out.append(Note("info", text(lang, "note.lr_never", lr=format_lr(offered), goal=goal,
                                         steps=format_text(MAX_ESTIMATED_STEPS, 1))))
        else:
            out.append(Note("info",
                            text(lang, key, lr=format_lr(offered), goal=goal, needed=format_text(needed, 2))))
    return out


def progress_note(trajectory: Trajectory, analysis: Analysis, autograd_seconds: float | None,
                  lang: str) -> Note:
    """Converged (at the optimum, or within 1%), or how far off and how long it would take."""
    s = trajectory.settings
    final = float(trajectory.loss[-1])
    zero = best_is_zero(trajectory, analysis)
    if zero and converged(trajectory, analysis):
        return Note("success", text(lang, "note.converged_zero", loss=f"{final:.3g}"))
    if not zero and at_optimum(final, analysis.optimum_loss):
        return Note("success", text(lang, "note.at_optimum", dtype=s.dtype))
    gap = gap_percent(final, analysis.optimum_loss)
    if converged(trajectory, analysis):
        return Note("success", text(lang, "note.converged", gap=format_plain(gap, 2)))
    distance = (text(lang, "note.distance_zero", loss=f"{final:.3g}") if zero
                else text(lang, "note.distance_percent", gap=format_plain(gap)))
    goal = text(lang, "note.goal_zero" if zero else "note.goal_percent")
    needed = steps_to_within(s, analysis, trajectory.initial_basis_coefficients)
    if not needed:
        return Note("info", text(lang, "note.not_converged", distance=distance))
    if needed <= trajectory.last_step and not zero:  # the maths says it is there by now: the rounding is not
        key = "note.precision_floor" if s.dtype == "float32" else "note.precision_floor_64"
        return Note("info",
                    text(lang, key, loss=f"{final:.3g}", best=f"{analysis.optimum_loss:.3g}", needed=needed))
    speed = (s.steps / autograd_seconds if trajectory.by_closed_form and autograd_seconds
             else trajectory.steps_per_s)
    seconds = needed / speed if speed > 0 and math.isfinite(speed) else math.inf
    duration = format_duration(seconds, lang)
    if needed <= MAX_STEPS:
        return Note("info",
                    text(lang, "note.not_converged_steps", distance=distance, goal=goal, needed=needed,
                         duration=duration))
    key = "note.not_converged_forever" if seconds > SPEED_OF_NOBODY_S else "note.not_converged_beyond"
    return Note("info", text(lang, key, distance=distance, goal=goal, needed=format_text(needed, 2),
                             duration=duration, most=MAX_STEPS))
