"""Predict, then reveal: with predict=1 a new run shows only its start until the reader predicts what it does
and presses Reveal; then the page plays the run and scores the guess in a sentence."""
from __future__ import annotations

import dataclasses

import streamlit as st

from components.state.i18n import text
from components.state.settings import Settings
from components.ui import alerts, controls
from components.ui.page import Page
from components.ui.panels import chart
from components.views.prediction import OUTCOMES, WITHIN, outcome_of, score, start_only


def hidden(page: Page) -> bool:
    """Whether this run's outcome is still withheld (what is revealed is the current run: a pin that comes
    or goes hides nothing again)."""
    return controls.withheld(page.settings)


def reveal(settings: Settings) -> None:
    guess = (st.session_state["predict_kind"], st.session_state["predict_within"])
    st.session_state[controls.REVEALED][settings] = guess
    chart.play_once()


def show(page: Page) -> None:
    """The start of the run alone, the guess, and Reveal."""
    lang = page.lang
    start = dataclasses.replace(page, chart=start_only(page.chart))
    st.plotly_chart(chart.PrebuiltFigure(chart.figure_for(start)), theme=None, key=chart.CHART_KEY,
                    config=chart.CONFIG)
    st.subheader(text(lang, "predict.title"))
    st.caption(text(lang, "predict.caption"))
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.radio(text(lang, "predict.kind"), OUTCOMES, key="predict_kind", horizontal=True,
                 format_func=lambda kind: text(lang, f"predict.kind.{kind}"))
        st.select_slider(text(lang, "predict.within"), WITHIN, value=1_000, key="predict_within",
                         format_func=lambda steps: f"{steps:,}")
        st.button(text(lang, "predict.reveal"), type="primary", on_click=reveal, args=(page.settings,))


def show_score(page: Page) -> None:
    """The guess scored, once the run is revealed."""
    guess = st.session_state.get(controls.REVEALED, {}).get(page.settings) if page.view.predict else None
    if guess:
        kind, within = guess
        actual = outcome_of(page.trajectory, page.analysis)
        alerts.show("success" if kind == actual.kind else "warning", score(kind, within, actual, page.lang))
