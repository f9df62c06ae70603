"""The animated chart: the fit and the loss, and in lecture mode a Play pressed by itself."""
from __future__ import annotations

import hashlib
import json
from typing import Any

import plotly.graph_objects as go
import streamlit as st
import streamlit.components.v1 as components

from components.ui.page import Page
from components.views.equation import TERMS_PER_LINE
from components.views.figures import build_figure, for_projector

CHART_KEY = "chart"  # its element is .st-key-chart on the page: the animated chart, apart from any other
LECTURE_FONT = 22  # the chart's type in lecture mode
LECTURE_TERMS_PER_LINE = 3  # the equation's terms per line in that type
AUTOPLAY_SCRIPT = """<script>
const runId = RUN_ID, started = Date.now();
const timer = setInterval(() => {
  for (const plot of window.parent.document.querySelectorAll('.js-plotly-plot')) {
    const play = [...plot.querySelectorAll('.updatemenu-button')].find(b => b.textContent.includes('▶'));
    if (plot.layout && plot.layout.meta === runId && play) {
      play.dispatchEvent(new MouseEvent('click', {bubbles: true}));
      clearInterval(timer);
    }
  }
  if (Date.now() - started > 20000) clearInterval(timer);
}, 200);
</script>"""


def terms_per_line(lecture: bool) -> int:
    return LECTURE_TERMS_PER_LINE if lecture else TERMS_PER_LINE


def figure_for(page: Page) -> dict[str, Any]:
    """The chart's figure for this view: a hall's type and lines in lecture mode, with the run's id."""
    figure = build_figure(page.chart, font_size=LECTURE_FONT if page.lecture else 16, lang=page.lang)
    if page.lecture:
        figure = for_projector(figure, font_size=LECTURE_FONT)
        figure["layout"]["meta"] = run_id(page)
    return figure


# A figure is some 2.7 MB of Python objects: a hall's few dozen views fit, and a rerun that changed
# nothing the chart shows skips building it anew (st.plotly_chart still encodes it, with orjson).
@st.cache_resource(max_entries=32, show_spinner=False)
def shared_figure(key: tuple, _page: Page) -> dict[str, Any]:
    """figure_for(page), built once per settings, language and mode, shared (read only) by every session."""
    return figure_for(_page)


def figure_key(page: Page) -> tuple:
    """All the figure depends on: the view, and which run it is (a run recomputed after its cache entry went
    can end elsewhere: cut short at another step, or on the CPU after a GPU failed)."""
    t = page.trajectory
    return (page.settings, page.lang, page.lecture, t.method, t.device, t.last_step, t.cut_short_at)


def run_id(page: Page) -> str:
    return hashlib.sha1(repr(page.settings).encode()).hexdigest()[:12]


class PrebuiltFigure(go.Figure):
    """A figure dict handed to st.plotly_chart as it is.

    Given a dict, Streamlit re-validates it through go.Figure: for 200 frames that takes longer
    than the training itself. build_figure's output is checked against Plotly's schema by
    tests/test_figures.py instead, once, rather than on every rerun.
    """

    def __init__(self, spec: dict) -> None:  # skips go.Figure's validation on purpose
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


def autoplay(run: str) -> None:
    """Press the chart's Play once the chart of this run is drawn (Streamlit's chart does not autoplay).

    The script sits in a zero-height component frame that changes with the run, so it runs once
    per new chart; it finds the chart by the run id in its layout.meta and clicks its Play button.
    """
    components.html(AUTOPLAY_SCRIPT.replace("RUN_ID", json.dumps(run)), height=0)


def show(page: Page) -> None:
    figure = shared_figure(figure_key(page), page)
    st.plotly_chart(PrebuiltFigure(figure), theme=None, key=CHART_KEY,
                    config={"displaylogo": False, "displayModeBar": False, "responsive": True})
    if page.lecture:
        autoplay(run_id(page))
