"""What the page says about a run: the data its figure draws, the equation, the figures and notes.

Pure computation, like the training: the page (app.py) only lays these out. What is said is in the
language `lang` asks for (components/i18n.py); English unless told.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from components.analysis import Analysis, steps_to_within
from components.figures import FigureData
from components.i18n import say, text
from components.targets import make_dataset, target_label, target_values
from components.training import Trajectory

DRAW_POINTS = 400  # where the target and the optimum are drawn
CONVERGED = 0.01  # within 1% of the optimum's loss counts as converged


def figure_data(trajectory: Trajectory, analysis: Analysis, lang: str = "en") -> FigureData:
    s = trajectory.settings
    x = np.linspace(s.xmin, s.xmax, DRAW_POINTS)
    samples = make_dataset(s) if s.noise > 0 else None
    return FigureData(
        x=x,
        target=target_values(s.target, torch.from_numpy(x), s.domain, s.expr, finite=False).numpy(),
        optimum=np.polynomial.polynomial.polyval(x, analysis.optimum_power),
        optimum_loss=analysis.optimum_loss,
        loss=trajectory.loss,
        frame_steps=trajectory.frame_steps,
        frame_coefficients=trajectory.frame_coefficients,
        title=text(lang, "figure.title", degree=s.degree, target=target_label(s.target, s.expr)),
        target_label=target_label(s.target, s.expr),
        sample_x=None if samples is None else samples.x.double().numpy(),
        sample_y=None if samples is None else samples.y.double().numpy(),
        diverged_at=trajectory.diverged_at,
    )


def format_number(value: float, digits: int = 3) -> str:
    """3 significant digits; powers of ten written out for very small or large numbers (LaTeX)."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    if 1e-3 <= abs(value) < 1e5:
        return f"{value:.{digits}g}"
    mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def format_lr(value: float) -> str:
    """A learning rate as a lecturer writes it: 1e-6, 4.64e-7, 2e-4, 0.5 (never 1e-06 or 0.0002)."""
    if value >= 0.1 or value == 0:
        return f"{value:.3g}"
    mantissa, exponent = f"{value:.2e}".split("e")
    return f"{float(mantissa):g}e{int(exponent)}"


def equation_latex(coefficients: np.ndarray) -> str:
    """y = c0 + c1 x + c2 x² …, each sign written once: `- 0.0906x^{3}`, never `+ -0.0906x^{3}`."""
    terms = []
    for power, c in enumerate(coefficients):
        monomial = "" if power == 0 else ("x" if power == 1 else f"x^{{{power}}}")
        magnitude = format_number(abs(float(c)))
        sign = "-" if c < 0 else "+"
        if not terms:
            terms.append(("-" if c < 0 else "") + magnitude + monomial)
        else:
            terms.append(f"{sign} {magnitude}{monomial}")
    return "y = " + " ".join(terms)


def gap_percent(loss: float, optimum_loss: float) -> float:
    """How far the loss is above the best possible, in percent of the best possible."""
    return math.inf if optimum_loss <= 0 else 100 * (loss - optimum_loss) / optimum_loss


@dataclass(frozen=True)
class Note:
    kind: str  # "warning", "error", "info" or "success"
    text: str
    suggested_lr: float | None = None  # offered as a one-click setting


def safe_lr(bound: float) -> float:
    """A round learning rate just below a stability bound: 0.99 × bound, cut (never rounded up) to 2 digits."""
    value = 0.99 * bound
    unit = 10.0 ** (math.floor(math.log10(value)) - 1)
    return float(f"{math.floor(value / unit) * unit:.2g}")


def notes(trajectory: Trajectory, analysis: Analysis, autograd_seconds: float | None = None,
          lang: str = "en") -> list[Note]:
    """Plain-language remarks: how it was computed, the learning rate too large, diverged, not converged yet."""
    s = trajectory.settings
    out = [Note("warning", say(lang, trajectory.notice))] if trajectory.notice else []
    if trajectory.method == "closed form":
        out.append(Note("info", text(lang, "note.closed_form_estimate", seconds=autograd_seconds) if autograd_seconds
                        else text(lang, "note.closed_form")))
    bound = analysis.optimizer_stable_lr
    if bound is not None and s.lr >= bound:
        out.append(Note("warning", text(lang, "note.lr_too_large", lr=format_lr(s.lr), degree=s.degree,
                                        bound=format_lr(bound)),
                        suggested_lr=safe_lr(bound)))
    if trajectory.diverged_at is not None:
        out.append(Note("error", text(lang, "note.diverged", step=trajectory.diverged_at, last=trajectory.last_step,
                                      coefficient=say(lang, trajectory.diverged_coefficient))))
        return out
    if trajectory.cut_short_at is not None:
        out.append(Note("warning", text(lang, "note.cut_short", step=trajectory.cut_short_at, steps=s.steps)))
    gap = gap_percent(float(trajectory.loss[-1]), analysis.optimum_loss)
    if gap <= 100 * CONVERGED:
        out.append(Note("success", text(lang, "note.converged", gap=max(gap, 0))))
    else:
        needed = steps_to_within(s, analysis, trajectory.initial_basis_coefficients)
        out.append(Note("info", text(lang, "note.not_converged_steps", gap=gap, needed=needed) if needed
                        else text(lang, "note.not_converged", gap=gap)))
    return out

