"""Inside one step: the graph autograd records, the gradients loss.backward() fills in, and the update.

Below its heading the section opens on a click (inside=1 in the link); closed, nothing of it is built. Its
content is an st.fragment: choosing a step or a stage reruns the panel alone, never the page or its
training. The step's state comes from a replay of the run kept in the session (components/engine/replay.py),
so stepping on costs one step of the engine.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field

import pyarrow as pa
import streamlit as st

from components.engine.inspection import StepInspection, inspect_step
from components.engine.replay import Replay, StepState, closed_form_state
from components.engine.step_code import STAGES, StepCode
from components.exports.notebook import step_notebook
from components.state.i18n import text
from components.ui import alerts, controls
from components.ui.page import Page
from components.ui.panels.chart import EncodedFigure, PrebuiltFigure, run_key
from components.views.step_figure import step_figure
from components.views.step_graph import graph_dot, grouped_terms
from components.views.step_table import arrow_table, stage_words, step_table, table_caption

STAGE = "_step_stage"  # the stage shown, kept while the section is closed (the step: the view's, in the link)
STAGE_WIDGET = "step_stage"  # the stage control, which Streamlit forgets while it is not drawn
REPLAY = "_step_replay"
INSPECTED = "_step_inspected"  # the InspectedStep shown
PROBLEM = "_step_problem"  # why the step asked for is not shown, said until another step is chosen
LONG_REPLAY = 1000  # steps to replay above which a spinner says so
CODE_STYLE = """<style>
.step-code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: var(--step-code-size, 0.85rem);
             background: #F6F6F6; border-radius: 0.5rem; padding: 0.6rem 0; margin: 0; overflow-x: auto; }
.step-code span { display: block; padding: 0 0.8rem; white-space: pre; min-height: 1.3em; }
.step-code span.now { background: #FFD54F; font-weight: 600; }
</style>"""
# Streamlit's own CSS shrinks the text of a graphviz chart to about half the size the graph was laid out
# for; the text is put back at the DOT's font size (in the SVG's units, so it scales with the drawing).
GRAPH_TEXT_STYLE = ("<style>[data-testid='stGraphVizChart'] svg text {{ font-size: {size}px !important; }}"
                    "</style>")


def code_html(code: StepCode, stage: str, graph_font: int = 14) -> str:
    """The step's code, every line escaped, the lines of `stage` highlighted (and the graph's text size)."""
    lines = "".join(f'<span class="{"now" if part == stage else ""}">{html.escape(line)}</span>'
                    for part, line in code.lines())
    return f'{CODE_STYLE}{GRAPH_TEXT_STYLE.format(size=graph_font)}<pre class="step-code">{lines}</pre>'


def checked_step(page: Page) -> tuple[int, str | None]:
    """The view's step if the run has it, else 0 and the message that says why."""
    last = page.trajectory.last_step
    if 0 <= page.view.step <= last:
        return page.view.step, None
    return 0, text(page.lang, "step.out_of_range", value=f"{page.view.step:,}", last=last)


def state_of(page: Page, step: int) -> StepState:
    """The run before update `step`: from the closed form if it answered, else from the session's replay."""
    if page.trajectory.by_closed_form:
        return closed_form_state(page.settings, page.analysis, page.data, step)
    replay = st.session_state.get(REPLAY)
    if replay is None or replay.settings != page.settings:
        replay = st.session_state[REPLAY] = Replay(page.settings, page.data, page.trajectory.device)
    start = replay.at if step >= replay.at else max(s for s in replay.checkpoints if s <= step)
    if step - start > LONG_REPLAY:
        with st.spinner(text(page.lang, "step.replaying", step=step)):
            return replay.state_at(step)
    return replay.state_at(step)


def move(steps: int, stages: int, last: int) -> None:
    """A button's callback: on by whole steps (to the forward pass), or by stages (past an update, the next
    step)."""
    position = controls.step() * len(STAGES) + STAGES.index(st.session_state.get(STAGE) or STAGES[0])
    position = (controls.step() + steps) * len(STAGES) if steps else position + stages
    position = min(max(position, 0), last * len(STAGES) + len(STAGES) - 1)
    controls.set_step(position // len(STAGES))
    st.session_state[STAGE] = STAGES[position % len(STAGES)]


def show(page: Page) -> None:
    st.subheader(text(page.lang, "step.title"))
    st.caption(text(page.lang, "step.caption"))
    step, problem = checked_step(page)
    if problem:  # said once the section is open; the link is put right at once, open or closed
        st.session_state[PROBLEM] = problem
        controls.set_step(step)
        controls.write_step(step)
    section = controls.opened_section("inside", text(page.lang, "step.open"))
    if section is not None:
        with section:
            inside_one_step(page)


@st.fragment
def inside_one_step(page: Page) -> None:
    """The controls, the words, the graph, the code, the figure and the table of the chosen step and stage."""
    lang, last = page.lang, page.trajectory.last_step
    step = min(controls.step(), last)
    # One row that wraps (one layout block): columns and a row inside them took four.
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.number_input(text(lang, "step.label"), 0, last, help=text(lang, "step.help", last=last), width=200,
                        **controls.bound_step())
        st.segmented_control(text(lang, "step.stage_label"), STAGES, label_visibility="collapsed",
                             format_func=lambda s: text(lang, f"step.stage.{s}"), required=True,
                             **controls.kept_widget(STAGE_WIDGET, STAGE, STAGES[0]))
        st.button(text(lang, "step.previous_stage"), on_click=move, args=(0, -1, last),
                  disabled=step == 0 and st.session_state[STAGE] == STAGES[0])
        st.button(text(lang, "step.next_stage"), on_click=move, args=(0, 1, last),
                  disabled=step == last and st.session_state[STAGE] == STAGES[-1])
        st.button(text(lang, "step.next_step"), on_click=move, args=(1, 0, last), disabled=step == last)
    step, stage = min(controls.step(), last), st.session_state[STAGE]
    if step:  # a step of the run was chosen: the message about the one that was not is done
        st.session_state.pop(PROBLEM, None)
    if st.session_state.get(PROBLEM):
        alerts.show("warning", st.session_state[PROBLEM])
    controls.write_step(step)
    draw(inspected(page, step), stage, page)


@dataclass
class InspectedStep:
    """A step run and checked, and what the panel draws of it: its table, and each stage's words, graph, code
    and figure, made the first time the stage is shown."""

    key: tuple  # which run, language, type and step
    inspection: StepInspection
    table: pa.Table  # its index kept (pandas' metadata): st.table sends an Arrow table as it is
    stages: dict[str, tuple[str, str, str, EncodedFigure]] = field(default_factory=dict)

    def drawn(self, stage: str, page: Page) -> tuple[str, str, str, EncodedFigure]:
        """(words, graph's DOT, code's HTML, figure) of one stage."""
        if stage not in self.stages:
            i, lang, font = self.inspection, page.lang, page.panel_font
            figure = step_figure(i, stage, lang, font_size=22 if page.lecture else 14)
            self.stages[stage] = (stage_words(i, stage, lang), graph_dot(i, stage, lang, font_size=font),
                                  code_html(i.code, stage, font), EncodedFigure(figure))
        return self.stages[stage]


def inspected(page: Page, step: int) -> InspectedStep:
    """The step, kept in the session while the run, language and step stay: a rerun of the page that changed
    nothing would otherwise take a step of the engine and build the panel's figures again."""
    key = (*run_key(page), step)
    kept = st.session_state.get(INSPECTED)
    if kept is None or kept.key != key:
        inspection = inspect_step(page.settings, page.data, state_of(page, step), page.trajectory.last_step)
        headers, rows = step_table(inspection, page.lang)
        kept = st.session_state[INSPECTED] = InspectedStep(key, inspection, arrow_table(headers, rows))
    return kept


def draw(step: InspectedStep, stage: str, page: Page) -> None:
    lang, inspection = page.lang, step.inspection
    words, dot, code, figure = step.drawn(stage, page)
    alerts.show("info", words)
    graph_column, code_column = st.columns(2)
    graph_column.graphviz_chart(dot, width="stretch")
    if grouped_terms(inspection):
        graph_column.caption(text(lang, "step.graph_grouped", count=len(grouped_terms(inspection))))
    code_column.html(code)
    st.plotly_chart(PrebuiltFigure(figure), theme=None,
                    config={"displaylogo": False, "displayModeBar": False})
    st.table(step.table, hide_index=False)  # said, not worked out from the table on every rerun
    st.caption(table_caption(inspection, lang))
    st.download_button(text(lang, "step.notebook"),
                       data=lambda: step_notebook(page.settings, inspection.step),
                       file_name=f"polynomial_autograd_step_{inspection.step}.ipynb",
                       mime="application/x-ipynb+json",
                       on_click="ignore", help=text(lang, "step.notebook_help"))
