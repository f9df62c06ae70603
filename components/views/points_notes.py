"""What the page says about the reader's own points: how many are held out, whether the link carries them,
and when powers of x cannot fit them by gradient descent (x far from 0, as years are)."""
from __future__ import annotations

import math

import numpy as np

from components.engine.analysis import Analysis, resolves
from components.problem.data import RunData
from components.state.i18n import text
from components.state.points import MAX_POINTS_IN_LINK, decode_points
from components.state.settings import Settings, link_carries
from components.views.equation import SUPERSCRIPTS
from components.views.formatting import format_plain
from components.views.summary import Note

HOPELESS_SPREAD = 1e3  # features this far apart in size: no learning rate suits both ends
SCALED_BASIS = "legendre"  # what the note's button chooses: the best conditioned of the two


def feature_spread(x: np.ndarray, degree: int) -> float:
    """How many times the largest of the features 1, x, …, x^degree is the smallest, in root mean square over
    the samples (in logarithms, so that x = 10⁶ at degree 15 does not overflow)."""
    logs = 2 * np.log(np.maximum(np.abs(np.asarray(x, dtype=np.float64)), 1e-300))
    log_rms = [0.5 * (np.logaddexp.reduce(k * logs) - math.log(len(logs))) for k in range(degree + 1)]
    return math.exp(min(max(log_rms) - min(log_rms), 700))


def kappa_text(analysis: Analysis) -> str:
    """The condition number, or that float64 cannot resolve it."""
    if not resolves(analysis.eigenvalues):
        return "> 10¹⁶"
    return format_plain(analysis.condition_number)


def points_notes(s: Settings, data: RunData, analysis: Analysis, lang: str) -> list[Note]:
    """The notes a run (settings `s`) on the reader's points gets (none for the built-in targets). Its own
    settings, not its samples': those are shared by runs that differ in the loss, say."""
    if s.target != "data":
        return []
    count = len(decode_points(s.data))
    notes = []
    if s.holdout > 0:
        held = count - s.sample_count
        said = text(lang, "data.held_out", held=held, count=count, trained=s.sample_count,
                    percent=f"{held / count:.0%}", seed=s.seed)
        if s.loss == "sum":  # components/problem/targets.py: held_out_scale
            said += " " + text(lang, "data.held_out_scaled", trained=s.sample_count, held=held)
        notes.append(Note("info", said))
    if not link_carries(s):
        notes.append(Note("info", text(lang, "data.not_in_link", count=count, most=MAX_POINTS_IN_LINK)))
    if s.basis == "power" and (spread := feature_spread(data.samples.x.numpy(), s.degree)) >= HOPELESS_SPREAD:
        low, high = s.domain
        power = "x" + str(s.degree).translate(SUPERSCRIPTS)
        notes.append(Note("warning", text(lang, "data.raw_x", xmin=low, xmax=high, power=power,
                                          spread=format_plain(spread, 2), kappa=kappa_text(analysis)),
                          suggested_basis=SCALED_BASIS))
    return notes
