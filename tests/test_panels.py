"""The panels: every module under components/ui/panels is in the page's list, and each one's pure part
works from a Page built of a real run, without a Streamlit page around it."""
from __future__ import annotations

import dataclasses
import importlib
import json
from pathlib import Path

import plotly.io
import pytest

from components.engine.analysis import analyse
from components.engine.runs import run
from components.engine.step_code import STAGES, StepCode, step_code
from components.problem.data import run_data
from components.state.settings import Settings, View
from components.ui.page import Page
from components.ui.panels import PANELS, WITHHELD, chart, downloads, metrics, notes, step
from components.views.summary import figure_data

PANEL_DIR = Path(__file__).resolve().parents[1] / "components" / "ui" / "panels"


def page(settings: Settings, mode: str = "normal") -> Page:
    data = run_data(settings)
    trajectory, analysis = run(settings, data=data), analyse(settings, data)
    chart_data = figure_data(trajectory, analysis, data=data)
    return Page(settings=settings, view=View(mode=mode), trajectory=trajectory, analysis=analysis,
                data=data, chart=chart_data, autograd_seconds=None)


def test_every_panel_module_is_on_the_page_once_and_can_show_itself():
    modules = sorted(p.stem for p in PANEL_DIR.glob("*.py") if p.stem != "__init__")
    assert sorted(p.__name__.rsplit(".", 1)[1] for p in (*PANELS, WITHHELD)) == modules
    assert all(callable(importlib.import_module(f"components.ui.panels.{m}").show) for m in modules)


def test_a_page_makes_each_thing_once_and_a_page_made_from_it_anew():
    shown, made = page(Settings(steps=50)), []
    first = shown.once("notes", lambda: made.append(1) or notes.notes_of(shown))
    assert shown.once("notes", lambda: made.append(1) or []) is first and made == [1]
    other = dataclasses.replace(shown, view=View(lang="ko"))
    assert other.once("notes", lambda: notes.notes_of(other)) != first  # its own, in Korean
    assert other == dataclasses.replace(shown, view=View(lang="ko"))  # what it made is not what it is


@pytest.mark.parametrize("mode", ["normal", "lecture"])
def test_the_panels_pure_parts_work_from_the_page_record(mode):
    shown = page(Settings(degree=4), mode)  # diverges: every part has something to say
    figure = chart.figure_for(shown)
    assert len(figure["frames"]) == len(shown.trajectory.frame_steps)
    assert figure["layout"]["meta"] == chart.run_id(shown)  # what the autoplay finds the chart by
    latex, dropped = notes.equation(shown)
    assert latex.startswith("y = ") and "x^{4}" in latex
    assert [n.kind for n in notes.notes_of(shown)] == ["warning", "error"]
    figures = dict((label, value) for label, value, _ in metrics.figures_of(shown))
    assert figures["metric.gap"] == "diverged" and figures["metric.method"] == "autograd"
    files = downloads.files_of(shown)
    assert [name for _, _, name, _ in files][-1] == "polynomial_autograd_playground.py"
    assert files[3][1]().splitlines()[0] == "step,loss"  # a file is made when asked for


def test_the_step_panels_pure_parts_work_from_the_page_record():
    shown = page(Settings(degree=4))  # diverges at step 7 or so: the steps past it are not the run's
    last = shown.trajectory.last_step
    assert step.checked_step(shown) == (0, None)
    beyond = dataclasses.replace(shown, view=View(step=last + 1))
    checked, problem = step.checked_step(beyond)
    assert checked == 0 and f"{last + 1:,} is not a step of this run" in problem
    assert f"0 to {last:,}" in problem
    html = step.code_html(step_code(shown.settings), "loss", graph_font=20)
    assert html.count('class="now"') == 2 and "font-size: 20px" in html and "y_pred - y" in html
    marked = step.code_html(StepCode(("x = '<b>' & 1",), {s: () for s in STAGES}), "loss")
    assert "x = &#x27;&lt;b&gt;&#x27; &amp; 1" in marked and "<b>" not in marked  # every line escaped


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_an_encoded_figure_sends_the_text_plotly_writes_and_keeps_only_the_layouts_size(lang):
    shown = page(Settings(degree=4))  # diverges: markers and values off the chart, "<br>" in the equations
    figure = chart.figure_for(dataclasses.replace(shown, view=View(lang=lang)))
    for name in ("a/b <script> – … ≈", "only \u2028", "only \u2029"):  # what plotly.io.to_json escapes
        figure["data"][0]["name"] = name
        sent = plotly.io.to_json(chart.PrebuiltFigure(chart.EncodedFigure(figure)).to_dict(), validate=False)
        assert sent == plotly.io.to_json(figure, validate=False, engine="orjson")  # as st.plotly_chart's
    figure["data"][0]["name"] = "a/b <script> \u2028 \u2029 ≈"
    encoded = chart.EncodedFigure(figure)
    sent = plotly.io.to_json(chart.PrebuiltFigure(encoded).to_dict(), validate=False)  # as st.plotly_chart
    assert sent == plotly.io.to_json(figure, validate=False, engine="orjson")  # Streamlit's, orjson installed
    assert json.loads(sent) == json.loads(plotly.io.to_json(figure, validate=False, engine="json"))
    assert "<" not in sent and "\u2028" not in sent
    assert dict(encoded) == {"layout": {"height": figure["layout"]["height"]}}
