"""Prepared comparisons: a run and the runs pinned beside it, each with the sentence of what it shows.

Choosing one sets the current run and pins the others (components/state/pins.py), so its link carries it
like any comparison. The name and the sentence are the translation table's comparison.<key>.name and
comparison.<key>.shows; tests/test_comparisons.py runs each and checks its sentence's numbers.
"""
from __future__ import annotations

from dataclasses import dataclass

from components.state.i18n import Phrase
from components.state.settings import Settings


@dataclass(frozen=True)
class Comparison:
    key: str
    current: Settings
    pinned: tuple[Settings, ...]

    @property
    def name(self) -> Phrase:
        return Phrase(f"comparison.{self.key}.name")

    @property
    def shows(self) -> Phrase:
        return Phrase(f"comparison.{self.key}.shows")


COMPARISONS = [
    # the same lr 1e-6: degree 3 crawls, degree 4 (λ_max 7.7 times larger) diverges at step 31
    Comparison("degree-3-vs-4", Settings(), (Settings(degree=4),)),
    # each at 99% of its own stable lr, 2/λ_max: Legendre's λ_max is 140 times smaller
    Comparison("power-vs-legendre", Settings(lr=3.5e-6), (Settings(basis="legendre", lr=4.9e-4),)),
    Comparison("optimizers", Settings(), (Settings(optimizer="momentum"), Settings(optimizer="nesterov"),
                                          Settings(optimizer="adam", lr=1e-2))),
    # the mean is the sum over n = 2000: the same run needs an lr n times larger
    Comparison("sum-vs-mean", Settings(), (Settings(loss="mean", lr=2e-3),)),
]
BY_KEY = {comparison.key: comparison for comparison in COMPARISONS}
