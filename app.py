"""Polynomial Autograd Playground: the page. Layout and wiring only; the work is in components/.

Every word on the page comes from the translation table, components/state/i18n.py, in the language the
sidebar's language control (and lang=ko in the URL) chooses.
"""
from __future__ import annotations

import functools
import hashlib
import json
import time

import plotly.graph_objects as go
import streamlit as st
import streamlit.components.v1 as components

from components.engine.analysis import Analysis, analyse
from components.engine.closed_form import exact_trajectory
from components.engine.optimizers import OPTIMIZERS
from components.engine.runs import TIME_BUDGET_S, autograd_seconds, run, uses_closed_form
from components.engine.training import Trajectory, resolve_device
from components.exports.animation import animated_gif, animation_html, browser_path
from components.exports.script import pytorch_script
from components.exports.tables import loss_csv, trajectory_csv
from components.state.errors import SettingError
from components.state.i18n import say, text
from components.state.settings import Settings
from components.ui import alerts, controls
from components.views.equation import TERMS_PER_LINE, equation_latex, left_out
from components.views.figures import build_figure, for_projector
from components.views.formatting import format_duration, format_lr, format_plain, format_rate
from components.views.summary import at_optimum, best_is_zero, figure_data, gap_percent, notes

PROGRESS_AFTER_S = 1.0  # runs shorter than this finish before a progress bar would help
# A class clicking through settings asks for hundreds of distinct runs; most are a few kilobytes, so
# many are kept, and server.maxCacheDataSize in .streamlit/config.toml bounds their bytes (a million-step
# loss curve is 4 MB), least recently used out first. No ttl: measured, a ttl raised the server's memory
# by 63 MiB from the first page on.
cached = functools.partial(st.cache_data, max_entries=512, show_spinner=False)
# Streamlit's default top padding (6rem) pushes the Play button below the fold of a 720-pixel projector;
# 3rem still clears the header bar.
COMPACT_PAGE = """<style>
[data-testid='stMainBlockContainer'] { padding-top: 3rem; }
[data-testid='stMainBlockContainer'] [data-testid='stMetric'] { min-width: 8rem; }
</style>"""
# A hall reads the notes, the equation and the figures from the back row too.
LECTURE_PAGE = """<style>
[data-testid='stMainBlockContainer'] { --alert-font-size: 1.45rem; }
[data-testid='stMainBlockContainer'] .katex-display { font-size: 1.6rem; }
[data-testid='stMainBlockContainer'] [data-testid='stMetricLabel'] p { font-size: 1.25rem; }
[data-testid='stMainBlockContainer'] [data-testid='stMetricValue'] { font-size: 2.6rem; }
[data-testid='stMainBlockContainer'] [data-testid='stBaseButton-primary'] p { font-size: 1.3rem; }
</style>"""
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

# A link with ?mode=lecture opens with the sidebar folded away: the chart gets the whole projector.
# The URL is read first, so that even the browser tab's title is in the language it asks for.
controls.seed_from_url()
st.set_page_config(page_title=text(st.session_state["lang"], "page.title"), page_icon="📈", layout="wide",
                   initial_sidebar_state="collapsed" if st.query_params.get("mode") == "lecture" else "auto")


@cached
def train(settings: Settings, _lang: str) -> Trajectory:
    """The run, cached by settings (not by the language: Streamlit leaves _-named arguments out of the key);
    a progress bar appears once a run has taken a second."""
    started, bar = time.perf_counter(), None

    def on_progress(step: int, total: int) -> None:
        nonlocal bar
        if bar is None and time.perf_counter() - started > PROGRESS_AFTER_S:
            bar = st.progress(0.0)
        if bar is not None:
            bar.progress(step / total, text=text(_lang, "page.progress", step=step, total=total))

    trajectory = run(settings, on_progress=on_progress, time_budget_s=TIME_BUDGET_S)
    if bar is not None:
        bar.empty()
    return trajectory


@cached
def analysis_of(settings: Settings) -> Analysis:
    return analyse(settings)


@cached
def plain_descent(settings: Settings) -> Trajectory | None:
    """For a momentum run, plain gradient descent with the same settings, drawn beside it (exact, in closed form)."""
    if not OPTIMIZERS[settings.optimizer].uses_beta:
        return None
    return exact_trajectory(settings.replace(optimizer="gd"), analysis=analysis_of(settings))


@cached
def autograd_estimate(settings: Settings) -> float | None:
    """How long step-by-step autograd would have taken, said beside a closed-form answer."""
    return autograd_seconds(settings) if uses_closed_form(settings) else None


def runnable(settings: Settings, lang: str) -> Settings:
    """The settings, on the CPU (with a message) if the device asked for is not on this machine."""
    try:
        resolve_device(settings.device)
        return settings
    except SettingError as error:
        alerts.show("warning", text(lang, "page.cpu_instead", error=error.message(lang)))
        return settings.replace(device="cpu")


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


def use_lr(value: float) -> None:
    controls.set_setting("lr", value)


def show_metrics(trajectory: Trajectory, analysis: Analysis, lang: str) -> None:
    """The run's figures, each as wide as its words, flowing onto more rows on a narrow screen
    (four fixed columns cut "closed form" to "clos…" at 1024 pixels)."""
    final = float(trajectory.loss[-1])
    gap = (text(lang, "metric.diverged") if trajectory.diverged_at is not None
           else f"{final - analysis.optimum_loss:.3g}" if best_is_zero(trajectory, analysis)  # no % of about 0
           else text(lang, "metric.at_optimum") if at_optimum(final, analysis.optimum_loss)
           else f"{format_plain(gap_percent(final, analysis.optimum_loss))}%")
    figures = [
        ("metric.final_loss", f"{final:.4g}", None),
        ("metric.best_loss", f"{analysis.optimum_loss:.4g}", "metric.best_loss_help"),
        ("metric.gap", gap, None),
        ("metric.held_out", f"{trajectory.test_loss:.4g}", "metric.held_out_help"),
        ("metric.time", format_duration(trajectory.wall_time_s, lang), None),
        ("metric.speed", format_rate(trajectory.steps_per_s), "metric.speed_help"),
        ("metric.device", trajectory.device.upper(), None),
        ("metric.method", text(lang, f"method.{trajectory.method}"), None),
    ]
    with st.container(horizontal=True, gap="large"):
        for label, value, help_key in figures:
            st.metric(text(lang, label), value, help=text(lang, help_key) if help_key else None, width="content")


def show_exports(settings: Settings, trajectory: Trajectory, analysis: Analysis, reference: Trajectory | None,
                 lang: str) -> None:
    """Download buttons that do not rerun the page, and the code.

    A file is made only when its button is clicked. The buttons keep the run and its analysis (a few
    kilobytes at 2000 steps) and rebuild the figure then: a button holding the figure itself (2.5 MB)
    would keep it for as long as the page stays open.
    """
    st.markdown(f"**{text(lang, 'exports.title')}**")

    def figure() -> dict:  # at the page's normal size, whatever the mode
        return build_figure(figure_data(trajectory, analysis, lang, reference=reference), lang=lang)

    script = pytorch_script(settings)
    # Deferred, the script too: data given directly is stored as a media file on every rerun, and a
    # browser that asks for it after the next rerun replaced it gets a 404 (seen under load).
    files = [("exports.html", lambda: animation_html(figure()), "polynomial-autograd.html", "text/html"),
             ("exports.gif", lambda: animated_gif(figure()), "polynomial-autograd.gif", "image/gif"),
             ("exports.frames_csv", lambda: trajectory_csv(trajectory), "frames.csv", "text/csv"),
             ("exports.loss_csv", lambda: loss_csv(trajectory), "loss.csv", "text/csv"),
             ("exports.script", lambda: script, "polynomial_autograd_playground.py", "text/x-python")]
    # Three to a row, each as wide as its column and free to wrap: five in a row cut their labels short.
    columns = [column for _ in range(2) for column in st.columns(3)]
    for column, (key, data, name, mime) in zip(columns, files):
        no_gif = key == "exports.gif" and browser_path() is None
        column.download_button(text(lang, key), data=data, file_name=name, mime=mime, on_click="ignore",
                               disabled=no_gif, help=text(lang, "exports.gif_missing") if no_gif else None,
                               width="stretch", wrap=True)
    with st.expander(text(lang, "exports.code")):
        st.caption(text(lang, "exports.code_caption"))
        st.code(script, language="python")


def autoplay(run_id: str) -> None:
    """Press the chart's Play once the chart of this run is drawn (Streamlit's chart does not autoplay).

    The script sits in a zero-height component frame that changes with the run, so it runs once
    per new chart; it finds the chart by the run id in its layout.meta and clicks its Play button.
    """
    components.html(AUTOPLAY_SCRIPT.replace("RUN_ID", json.dumps(run_id)), height=0)


def main() -> None:
    sidebar = controls.sidebar()
    settings, lecture, lang = sidebar.settings, sidebar.view.mode == "lecture", sidebar.view.lang
    st.html(COMPACT_PAGE + (LECTURE_PAGE if lecture else ""))
    st.subheader(text(lang, "page.title"))
    st.caption(text(lang, "page.caption_lecture" if lecture else "page.caption"))
    for message in sidebar.warnings:
        alerts.show("warning", say(lang, message))
    for prompt in sidebar.prompts:
        alerts.show("info", say(lang, prompt))
    settings = runnable(settings, lang)
    with st.spinner(text(lang, "page.training")):  # shown only if the run takes longer than half a second
        trajectory = train(settings, lang)
    analysis = analysis_of(settings)
    per_line = LECTURE_TERMS_PER_LINE if lecture else TERMS_PER_LINE
    data = figure_data(trajectory, analysis, lang, reference=plain_descent(settings), equation_terms=per_line)
    figure = build_figure(data, font_size=LECTURE_FONT if lecture else 16, lang=lang)
    if lecture:
        figure = for_projector(figure, font_size=LECTURE_FONT)
        figure["layout"]["meta"] = run_id = hashlib.sha1(repr(settings).encode()).hexdigest()[:12]
    st.plotly_chart(PrebuiltFigure(figure), theme=None,
                    config={"displaylogo": False, "displayModeBar": False, "responsive": True})
    if lecture:
        autoplay(run_id)
    st.latex(equation_latex(trajectory.final_coefficients, settings.domain, per_line))
    if dropped := left_out(trajectory.final_coefficients, settings.domain):
        st.caption(text(lang, "page.left_out", terms=dropped))
    for note in notes(trajectory, analysis, autograd_estimate(settings), lang):
        alerts.show(note.kind, note.text)
        if note.suggested_lr is not None:
            st.button(text(lang, "page.use_lr", lr=format_lr(note.suggested_lr)), type="primary",
                      on_click=use_lr, args=(note.suggested_lr,))
    show_metrics(trajectory, analysis, lang)
    show_exports(settings, trajectory, analysis, plain_descent(settings), lang)


main()
