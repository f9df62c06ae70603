"""Polynomial Autograd Playground: the page. Layout and wiring only; the work is in components/."""
from __future__ import annotations

import hashlib
import json
import time

import plotly.graph_objects as go
import streamlit as st
import streamlit.components.v1 as components

from components import controls
from components.analysis import Analysis, analyse
from components.figures import build_figure, for_projector
from components.settings import SettingError, Settings
from components.summary import equation_latex, figure_data, format_lr, gap_percent, notes
from components.runs import TIME_BUDGET_S, autograd_seconds, run, uses_closed_form
from components.training import Trajectory, resolve_device

PROGRESS_AFTER_S = 1.0  # runs shorter than this finish before a progress bar would help
# Streamlit's default top padding pushes the chart's Play button below the fold of a 720-pixel projector.
COMPACT_PAGE = "<style>[data-testid='stMainBlockContainer'] { padding-top: 1.5rem; }</style>"
AUTOPLAY_SCRIPT = """<script>
const runId = RUN_ID, started = Date.now();
const timer = setInterval(() => {
  for (const plot of window.parent.document.querySelectorAll('.js-plotly-plot')) {
    const play = [...plot.querySelectorAll('.updatemenu-button')].find(b => b.textContent.includes('Play'));
    if (plot.layout && plot.layout.meta === runId && play) {
      play.dispatchEvent(new MouseEvent('click', {bubbles: true}));
      clearInterval(timer);
    }
  }
  if (Date.now() - started > 20000) clearInterval(timer);
}, 200);
</script>"""

# A link with ?mode=lecture opens with the sidebar folded away: the chart gets the whole projector.
st.set_page_config(page_title="Polynomial Autograd Playground", page_icon="📈", layout="wide",
                   initial_sidebar_state="collapsed" if st.query_params.get("mode") == "lecture" else "auto")


@st.cache_data(max_entries=32, show_spinner="Training…")
def train(settings: Settings) -> Trajectory:
    """The run, cached by settings; a progress bar appears once a run has taken a second."""
    started, bar = time.perf_counter(), None

    def on_progress(step: int, total: int) -> None:
        nonlocal bar
        if bar is None and time.perf_counter() - started > PROGRESS_AFTER_S:
            bar = st.progress(0.0)
        if bar is not None:
            bar.progress(step / total, text=f"Training: step {step:,} of {total:,}")

    trajectory = run(settings, on_progress=on_progress, time_budget_s=TIME_BUDGET_S)
    if bar is not None:
        bar.empty()
    return trajectory


@st.cache_data(max_entries=32, show_spinner=False)
def analysis_of(settings: Settings) -> Analysis:
    return analyse(settings)


@st.cache_data(max_entries=32, show_spinner=False)
def autograd_estimate(settings: Settings) -> float | None:
    """How long step-by-step autograd would have taken, said beside a closed-form answer."""
    return autograd_seconds(settings) if uses_closed_form(settings) else None


def runnable(settings: Settings) -> Settings:
    """The settings, on the CPU (with a message) if the device asked for is not on this machine."""
    try:
        resolve_device(settings.device)
        return settings
    except SettingError as error:
        st.warning(f"{error} Running on the CPU instead.")
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
    st.session_state["lr"] = value


def show_metrics(trajectory: Trajectory, analysis: Analysis) -> None:
    final = float(trajectory.loss[-1])
    gap = "diverged" if trajectory.diverged_at is not None else f"{gap_percent(final, analysis.optimum_loss):,.3g}%"
    results = st.columns(4)
    results[0].metric("Final loss", f"{final:.4g}")
    results[1].metric("Best possible loss", f"{analysis.optimum_loss:.4g}", help="The least-squares optimum.")
    results[2].metric("Gap to the best", gap)
    results[3].metric("Held-out loss", f"{trajectory.test_loss:.4g}", help="On points halfway between the samples.")
    run = st.columns(4)
    run[0].metric("Training time", f"{trajectory.wall_time_s:.3g} s")
    run[1].metric("Speed", f"{trajectory.steps_per_s:,.0f} steps/s")
    run[2].metric("Device", trajectory.device.upper())
    run[3].metric("Computed by", trajectory.method)


def autoplay(run_id: str) -> None:
    """Press the chart's Play once the chart of this run is drawn (Streamlit's chart does not autoplay).

    The script sits in a zero-height component frame that changes with the run, so it runs once
    per new chart; it finds the chart by the run id in its layout.meta and clicks its Play button.
    """
    components.html(AUTOPLAY_SCRIPT.replace("RUN_ID", json.dumps(run_id)), height=0)


def main() -> None:
    settings, view, url_messages = controls.sidebar()
    lecture = view.mode == "lecture"
    st.html(COMPACT_PAGE)
    st.subheader("Polynomial Autograd Playground")
    st.caption("PyTorch's autograd fits a polynomial by gradient descent, step by step. "
               "Press ▶ Play under the chart to watch it; move the sliders on the left to change the run.")
    for message in url_messages:
        st.warning(message)
    settings = runnable(settings)
    trajectory, analysis = train(settings), analysis_of(settings)
    figure = build_figure(figure_data(trajectory, analysis))
    if lecture:
        figure = for_projector(figure)
        figure["layout"]["meta"] = run_id = hashlib.sha1(repr(settings).encode()).hexdigest()[:12]
    st.plotly_chart(PrebuiltFigure(figure), theme=None,
                    config={"displaylogo": False, "displayModeBar": False, "responsive": True})
    if lecture:
        autoplay(run_id)
    st.latex(equation_latex(trajectory.final_coefficients))
    for note in notes(trajectory, analysis, autograd_estimate(settings)):
        getattr(st, note.kind)(note.text)
        if note.suggested_lr is not None:
            st.button(f"Use the learning rate {format_lr(note.suggested_lr)}", type="primary",
                      on_click=use_lr, args=(note.suggested_lr,))
    show_metrics(trajectory, analysis)


main()
