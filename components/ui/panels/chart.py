"""The animated chart: the fit and the loss, and in lecture mode a Play pressed by itself."""
from __future__ import annotations

import hashlib
import json
import math
from typing import Any

import orjson
import plotly.graph_objects as go
import streamlit as st
import streamlit.components.v1 as components

from components.state.i18n import text
from components.state.settings import STEP_AXES
from components.ui import alerts, controls
from components.ui.computed import shared
from components.ui.page import Page
from components.views.equation import TERMS_PER_LINE
from components.views.figures import build_figure, for_projector
from components.views.summary import extrapolation_errors

PLAY_ONCE = "_play_once"
CHART_KEY = "chart"  # its element is .st-key-chart on the page: the animated chart, apart from any other
LECTURE_FONT = 22  # the chart's type in lecture mode
CONFIG = {"displaylogo": False, "displayModeBar": False, "responsive": True}  # every figure's on the page
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
    figure = build_figure(page.chart, font_size=LECTURE_FONT if page.lecture else 16, lang=page.lang,
                          step_axis=page.view.axis)
    if page.lecture:
        figure = for_projector(figure, font_size=LECTURE_FONT)
    figure["layout"]["meta"] = run_id(page)  # what the autoplay finds the chart by
    return figure


# A figure is kept as its JSON, some 0.4 MB: a hall's few dozen views fit, and a rerun that changed nothing
# the chart shows neither builds nor encodes it anew.
@shared(max_entries=32)
def shared_figure(key: tuple, _page: Page) -> dict[str, Any]:
    """figure_for(page), built and encoded once per settings, language and mode, shared (read only) by every
    session."""
    return EncodedFigure(figure_for(_page))


def run_key(page: Page) -> tuple:
    """Which run this is, in which language and type (a run recomputed after its cache entry went can end
    elsewhere: cut short at another step, or on the CPU after a GPU failed)."""
    t = page.trajectory
    return page.settings, page.lang, page.lecture, t.method, t.device, t.last_step, t.cut_short_at


def figure_key(page: Page) -> tuple:
    """All the chart depends on: the run, the view's choices for it, and the pinned runs with their colours
    (a pin's colour depends on what its session pinned before it)."""
    v, pinned = page.view, tuple((p.settings, p.style) for p in page.pinned)
    return (*run_key(page), v.taylor, v.extrapolate, v.axis, pinned)


def play_once() -> None:
    """Press Play by itself on the next rerun (a run just revealed), outside lecture mode too."""
    st.session_state[PLAY_ONCE] = True


def run_id(page: Page) -> str:
    return hashlib.sha1(page.settings.key.encode()).hexdigest()[:12]


# What plotly.io.to_json escapes in its output, so that the JSON can sit inside a page's <script>: done once
# here, so that its own pass over the text on every rerun finds nothing to replace. It also escapes the line
# separators U+2028 and U+2029, left to it: no figure of the page has them unless a reader's text does, and a
# search for each in the bytes took a quarter of the encoding's time (every "−" begins as they do).
HTML_SAFE = tuple((raw.encode(), escaped.encode()) for raw, escaped in
                  (("<", "\\u003c"), (">", "\\u003e"), ("/", "\\u002f")))


class EncodedFigure(dict):
    """A figure as its JSON, written once, and the little of it Streamlit reads itself (the layout's size).

    st.plotly_chart encodes its figure with plotly.io.to_json on every rerun: some 6 ms of the server's CPU
    for the chart, on every rerun of every page, for a figure that is the same each time. Plotly's encoder
    first asks the object for `to_plotly_json()`; this one answers with the JSON it wrote when it was made,
    as an orjson Fragment, which orjson writes out as it is. The text Streamlit sends is the same.

    The figure's dicts and lists are not kept: a chart's are some 50,000 objects, and every object kept
    is one more that Python's collector walks through on each of its full collections. The figure is of
    JSON's own types (dicts, lists, numbers, strings), as the views build them: anything else orjson refuses
    with a TypeError, rather than plotly's slower pass that would convert it.
    """

    def __init__(self, spec: dict[str, Any]) -> None:
        layout = spec.get("layout", {})
        super().__init__(layout={key: layout[key] for key in ("width", "height") if key in layout})
        # plotly.io.to_json's own steps for a figure of plain dicts and lists, its escaping done on the
        # bytes (on the decoded text it took longer than the encoding).
        encoded = orjson.dumps(spec, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY)
        for raw, escaped in HTML_SAFE:
            encoded = encoded.replace(raw, escaped)
        self.json = encoded

    def to_plotly_json(self) -> orjson.Fragment:
        return orjson.Fragment(self.json)


class PrebuiltFigure(go.Figure):
    """A figure dict handed to st.plotly_chart as it is.

    Given a dict, Streamlit re-validates it through go.Figure: for a run's frames that takes longer
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


def view_controls(page: Page) -> None:
    """The fit panel's Taylor and extrapolation toggles and the loss panel's step axis (view settings, in the
    link)."""
    lang = page.lang
    if page.settings.target == "data" and controls.view_choice("taylor"):  # said once (view_notes), then off
        controls.reset_view_choice("taylor")
    with st.container(horizontal=True, gap="medium", vertical_alignment="center"):
        if page.settings.target != "data":  # the reader's points have no formula to expand
            st.toggle(text(lang, "chart.taylor"), help=text(lang, "chart.taylor_help"),
                      **controls.bound_view("taylor"))
        st.toggle(text(lang, "chart.extrapolate"), help=text(lang, "chart.extrapolate_help"),
                  **controls.bound_view("extrapolate"))
        st.segmented_control(text(lang, "chart.axis"), STEP_AXES, required=True,
                             help=text(lang, "chart.axis_help"),
                             format_func=lambda axis: text(lang, f"choice.axis.{axis}"),
                             **controls.bound_view("axis"))


def view_notes(page: Page) -> list[str]:
    """What the Taylor polynomial and the extrapolation add, in words (nothing when both are off)."""
    lang, notes = page.lang, []
    if page.taylor is not None:
        t = page.taylor
        notes.append(t.problem.in_(lang) if t.problem is not None else text(
            lang, "chart.taylor_losses", centre=f"{t.centre:g}", taylor=f"{t.loss:.4g}",
            optimum=f"{page.analysis.optimum_loss:.4g}"))
        notes += [t.notice.in_(lang)] if t.notice is not None else []
    if page.view.taylor and page.settings.target == "data":
        notes.append(text(lang, "data.no_taylor"))
    if page.view.extrapolate and page.settings.target == "data":
        notes.append(text(lang, "data.no_extrapolation_error"))
    elif page.view.extrapolate:
        inside, outside = extrapolation_errors(page.trajectory)
        notes.append(text(lang, "chart.extrapolated", inside=f"{inside:.3g}", outside=f"{outside:.3g}")
                     if math.isfinite(outside)  # a typed target may be undefined outside: sqrt(1 - x**2)
                     else text(lang, "chart.extrapolated_undefined", inside=f"{inside:.3g}"))
    return notes


def show(page: Page) -> None:
    figure = shared_figure(figure_key(page), page)
    st.plotly_chart(PrebuiltFigure(figure), theme=None, key=CHART_KEY,
                    config=CONFIG)
    if page.lecture or st.session_state.pop(PLAY_ONCE, False):
        autoplay(run_id(page))
    view_controls(page)  # under the chart: above it they pushed ▶ Play below a 720-pixel projector's fold
    alerts.show_all([("info", note) for note in page.once("chart_view_notes", lambda: view_notes(page))])
