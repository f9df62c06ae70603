"""Predict, then reveal: what a run does (converges, crawls or diverges, and by when), the chart of its start
alone while the class guesses, and the guess scored in a sentence."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from components.engine.analysis import Analysis, steps_to_within
from components.engine.training import Trajectory
from components.state.i18n import text
from components.views.figures import FigureData
from components.views.summary import first_converged

OUTCOMES = ("converges", "crawls", "diverges")
WITHIN = (10, 100, 1_000, 10_000, 100_000, 1_000_000)  # "within N steps": the guess's choices


@dataclass(frozen=True)
class Outcome:
    kind: str  # one of OUTCOMES: within 1% of the best in its steps, not yet, or broken
    step: int | None  # when it got within 1%, when it diverged, or (crawling) when it would get there


def outcome_of(trajectory: Trajectory, analysis: Analysis) -> Outcome:
    if trajectory.diverged_at is not None:
        return Outcome("diverges", trajectory.diverged_at)
    if (step := first_converged(trajectory, analysis)) is not None:
        return Outcome("converges", step)
    needed = steps_to_within(trajectory.settings, analysis, trajectory.initial_basis_coefficients)
    return Outcome("crawls", needed)


def start_only(data: FigureData) -> FigureData:
    """The chart's data cut to step 0: the target, the optimum and the starting polynomial, nothing after."""
    return dataclasses.replace(
        data, loss=data.loss[:1], frame_steps=data.frame_steps[:1],
        frame_coefficients=data.frame_coefficients[:1], frame_equations=(data.frame_equations or [""])[:1],
        diverged_at=None, reference_loss=None, pinned=(),
        held_out=None if data.held_out is None else data.held_out[:1])


def score(kind: str, within: int, actual: Outcome, lang: str = "en") -> str:
    """The guess against the run, in a sentence: right or wrong about what it does, and about when."""
    said = text(lang, f"predict.said.{kind}", within=f"{within:,}")
    known = "" if actual.step is not None or actual.kind != "crawls" else "_unknown"  # Adam: no estimate
    did = text(lang, f"predict.did.{actual.kind}{known}", step=f"{actual.step or 0:,}")
    if kind != actual.kind:
        return text(lang, "predict.wrong", said=said, did=did)
    # "within N steps" is right in N's decade: by N, and after the choice below it
    on_time = actual.step is not None and actual.step <= within and (within == WITHIN[0]
                                                                     or actual.step > within / 10)
    key = "predict.right" if on_time or kind == "crawls" else "predict.right_kind"
    return text(lang, key, said=said, did=did)
