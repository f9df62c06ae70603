"""One rerun of the page as one record, and the page's own look.

app.py builds a Page once per rerun (the settings, the view, the run, its analysis, what is drawn beside
it) and hands it to every panel in components/ui/panels, in order: no panel builds a run's data again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from components.engine.analysis import Analysis
from components.engine.taylor import Taylor
from components.engine.training import Trajectory
from components.problem.data import RunData
from components.state.settings import Settings, View
from components.views.figures import FigureData

# Streamlit's default top padding (6rem) pushes the Play button below the fold of a 720-pixel projector;
# 3rem still clears the header bar.
COMPACT_PAGE = """<style>
[data-testid='stMainBlockContainer'] { padding-top: 3rem; }
[data-testid='stMainBlockContainer'] [data-testid='stMetric'] { min-width: 8rem; }
</style>"""
# A hall reads the notes, the equation and the figures from the back row too.
LECTURE_PAGE = """<style>
[data-testid='stMainBlockContainer'] { --alert-font-size: 1.45rem; --step-code-size: 1.05rem; }
[data-testid='stMainBlockContainer'] .katex-display { font-size: 1.6rem; }
[data-testid='stMainBlockContainer'] [data-testid='stMetricLabel'] p { font-size: 1.25rem; }
[data-testid='stMainBlockContainer'] [data-testid='stMetricValue'] { font-size: 2.6rem; }
[data-testid='stMainBlockContainer'] [data-testid='stBaseButton-primary'] p { font-size: 1.3rem; }
</style>"""


@dataclass(frozen=True)
class PinnedRun:
    """A run pinned beside the current one (components/state/pins.py)."""

    settings: Settings
    label: str  # what differs from the current run
    trajectory: Trajectory
    analysis: Analysis
    style: int = 0  # its colour and dash (its place among the pins: it keeps them while others come and go)


T = TypeVar("T")


@dataclass(frozen=True)
class Page:
    """Everything one rerun shows."""

    settings: Settings
    view: View  # which lower sections are open is not in it (controls.opened_section reads that)
    trajectory: Trajectory
    analysis: Analysis
    data: RunData  # the run's samples and features, shared with its analysis and training
    chart: FigureData  # what the chart draws, for this view (the equation's line breaks follow its type)
    autograd_seconds: float | None  # what step-by-step autograd would have taken, beside a closed-form answer
    taylor: Taylor | None = None  # the target's Taylor polynomial, when the view draws it
    pinned: tuple[PinnedRun, ...] = ()
    # what panels made of it (once), kept with it: a session's reruns that change nothing share one Page
    made: dict[str, Any] = field(default_factory=dict, init=False, compare=False, repr=False)

    def once(self, name: str, make: Callable[[], T]) -> T:
        """make(), the first time a panel asks for `name` of this page; what it made then, after."""
        if name not in self.made:
            self.made[name] = make()
        return self.made[name]

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def lecture(self) -> bool:
        return self.view.mode == "lecture"

    @property
    def panel_font(self) -> int:
        """The type of the figures below the chart (a hall's larger)."""
        return 20 if self.lecture else 14


def style(page_view: View) -> str:
    """The page's CSS for this view."""
    return COMPACT_PAGE + (LECTURE_PAGE if page_view.mode == "lecture" else "")
