"""Runs compared: what each pinned run is called (what differs from the current one), its curves on the
current run's frames, and the table of all the runs."""
from __future__ import annotations

import csv
import io

import numpy as np

from components.engine.analysis import Analysis
from components.engine.training import Trajectory
from components.state.i18n import text
from components.state.pins import differences
from components.state.settings import Settings
from components.views.figures import PinnedCurve
from components.views.formatting import format_duration, format_lr
from components.views.summary import best_is_zero, first_converged, gap_percent

SHORT = ("optimizer", "basis", "loss")  # choices said by a short name of their own (pin.short.<name>.<value>)


def pin_label(pinned: Settings, current: Settings, lang: str = "en") -> str:
    """What differs, as a legend says it: "degree 4", "Legendre, lr 2e-4"."""
    changed = differences(pinned, current)
    if "data" in changed:  # a pinned run on other points (or on the reader's, beside a formula): how many
        del changed["data"]
        changed["target"] = text(lang, "pin.short.points", count=pinned.sample_count)
    elif changed.get("target") == "data":
        changed["target"] = text(lang, "pin.short.points", count=pinned.sample_count)
    words = [text(lang, f"pin.short.{name}.{value}") if name in SHORT
             else f"{name} {format_lr(float(value)) if name == 'lr' else value}"
             for name, value in changed.items()]
    return ", ".join(words)


def pinned_curve(trajectory: Trajectory, frame_steps: np.ndarray, label: str, lang: str = "en",
                 style: int = 0) -> PinnedCurve:
    """A pinned run on the current run's frames: at each frame step its coefficients at the latest step it
    kept (a run that ended sooner stays at its end), and its label saying where it diverged, if it did."""
    kept = np.asarray(trajectory.frame_steps)
    at = np.clip(np.searchsorted(kept, np.asarray(frame_steps), side="right") - 1, 0, len(kept) - 1)
    if trajectory.diverged_at is not None:
        label = text(lang, "pin.diverged", label=label, step=trajectory.diverged_at)
    return PinnedCurve(label, trajectory.loss, trajectory.frame_coefficients[at], trajectory.diverged_at,
                       style)


def outcome_words(trajectory: Trajectory, analysis: Analysis, lang: str = "en") -> str:
    """"converged", "not yet" or "diverged at k", beside the step it converged at."""
    if trajectory.diverged_at is not None:
        return text(lang, "pin.table.diverged", step=trajectory.diverged_at)
    return text(lang, "pin.table.converged_yes" if first_converged(trajectory, analysis) is not None
                else "pin.table.not_yet")


def comparison_table(runs: list[tuple[str, Trajectory, Analysis]], lang: str = "en") -> tuple[list[str],
                                                                                              list[list]]:
    """(headers, rows) of the runs, the current one first: what differs, the final loss, the gap to the best,
    the steps to within 1%, the condition number, the largest stable learning rate, the training time."""
    headers = [text(lang, f"pin.table.{key}") for key in
               ("run", "final_loss", "gap", "outcome", "converged", "condition", "stable_lr", "time")]
    rows = []
    for label, trajectory, analysis in runs:
        final, stable = float(trajectory.loss[-1]), analysis.optimizer_stable_lr
        # no gap for a run that diverged, or for a best of about 0; none below 0 for a float64 closed form
        # a hair under the optimum
        gap = (None if trajectory.diverged_at is not None or best_is_zero(trajectory, analysis)
               else float(f"{max(gap_percent(final, analysis.optimum_loss), 0.0):.3g}"))
        rows.append([label, float(f"{final:.4g}"), gap, outcome_words(trajectory, analysis, lang),
                     None if trajectory.diverged_at is not None else first_converged(trajectory, analysis),
                     float(f"{analysis.condition_number:.3g}"),
                     None if stable is None else float(f"{stable:.3g}"),
                     text(lang, "pin.table.time_by", time=format_duration(trajectory.wall_time_s, lang),
                          method=text(lang, f"method.{trajectory.method}"))])
    return headers, rows


def table_csv(headers: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(["" if value is None else value for value in row] for row in rows)
    return out.getvalue()
