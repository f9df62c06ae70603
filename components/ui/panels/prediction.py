"""Predict, then reveal: with predict=1 a new run shows only its start until the reader predicts what it does
and presses Reveal; then the page plays the run and scores the guess in a sentence."""
from __future__ import annotations

import dataclasses

import streamlit as st

from components.state.i18n import text
from components.state.settings import Settings
from components.ui import alerts
from components.ui.page import Page
from components.ui.panels import chart
from components.views.prediction import OUTCOMES, WITHIN, outcome_of, score, start_only

REVEALED = "_revealed"  # each run revealed → the guess it got


def key_of(page: Page) -> Settings:
    """What is revealed: the current run (unpinning or pinning another hides nothing again)."""
    return page.settings


def hidden(page: Page) -> bool:
    """Whether this run's outcome is still withheld."""
    return bool(page.view.predict) and key_of(page) not in st.session_state.setdefault(REVEALED, {})


def reveal(key: tuple) -> None:
    st.session_state[REVEALED][key] = (st.session_state["predict_kind"], st.session_state["predict_within"])
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
        st.button(text(lang, "predict.reveal"), type="primary", on_click=reveal, args=(key_of(page),))


def show_score(page: Page) -> None:
    """The guess scored, once the run is revealed."""
    guess = st.session_state.get(REVEALED, {}).get(key_of(page)) if page.view.predict else None
    if guess:
        kind, within = guess
        actual = outcome_of(page.trajectory, page.analysis)
        alerts.show("success" if kind == actual.kind else "warning", score(kind, within, actual, page.lang))
