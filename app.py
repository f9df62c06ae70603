"""Polynomial Autograd Playground: the page. It builds one Page record per rerun and lays out the panels.

Settings come from the sidebar (components/ui/controls.py); the run, its analysis and the chart's data
are cached (components/ui/computed.py), each built once from one shared RunData (components/problem/data.py);
the panels (components/ui/panels) show them. Every word on the page comes from the translation table,
components/state/i18n.py, in the language the sidebar's language control (and lang=ko in the URL) chooses.
"""
from __future__ import annotations

import dataclasses

import streamlit as st

from components.engine.training import resolve_device
from components.state.errors import SettingError
from components.state.i18n import say, text
from components.state.settings import Settings, View
from components.ui import alerts, collector, controls, reconnect
from components.ui.computed import (
    analysis_of,
    autograd_estimate,
    chart_data,
    data_of,
    pinned_runs,
    taylor_of,
    train,
)
from components.ui.page import Page, style
from components.ui.panels import PANELS, WITHHELD
from components.ui.panels.chart import terms_per_line

# A link with ?mode=lecture opens with the sidebar folded away: the chart gets the whole projector.
# The URL is read first, so that even the browser tab's title is in the language it asks for.
controls.seed_from_url()
st.set_page_config(page_title=text(st.session_state["lang"], "page.title"), page_icon="📈", layout="wide",
                   initial_sidebar_state="collapsed" if st.query_params.get("mode") == "lecture" else "auto")


def runnable(settings: Settings, lang: str) -> Settings:
    """The settings, on the CPU (with a message) if the device asked for is not on this machine."""
    try:
        resolve_device(settings.device)
        return settings
    except SettingError as error:
        alerts.show("warning", text(lang, "page.cpu_instead", error=error.message(lang)))
        return settings.replace(device="cpu")


def has_formula(settings: Settings) -> bool:
    """Whether the target is a function (with a Taylor polynomial), not the reader's points."""
    return settings.target != "data"


PAGE = "_page"  # this session's last Page, and what it was built from


def page_of(sidebar: controls.Controls) -> Page:
    """The one record of this rerun: every panel reads it, none rebuilds it. A rerun that changed none of
    what it is built from (an expander opened, a button that changes no setting) takes the session's last
    one, with no look in the caches: their keys and copies were an eighth of such a rerun."""
    pins = tuple(controls.pinned())  # (each keeps its colour once it has one: controls.style_of)
    view = dataclasses.replace(sidebar.view, inside=0, why=0)  # a section opened changes nothing a Page holds
    # compared as the caches and the link tell settings apart (by key: -0.0 is not 0.0 there)
    built_from = (sidebar.settings.key, view, tuple(pin.key for pin in pins))
    kept = st.session_state.get(PAGE)
    if kept is not None and kept[0] == built_from:
        return kept[1]
    page = new_page(sidebar.settings, view, pins)
    st.session_state[PAGE] = (built_from, page)
    return page


def new_page(settings: Settings, view: View, pins: tuple[Settings, ...]) -> Page:
    """The Page of these settings, view and pinned runs, from the caches (training what is not there)."""
    lang, lecture = view.lang, view.mode == "lecture"
    # Around the call: a session waiting for the same new run as another (a hall on one link) sees it too.
    with st.spinner(text(lang, "page.training")):  # shown only if the run takes longer than half a second
        trajectory = train(settings, lang)
    pinned = pinned_runs(pins, settings, trajectory, lang)
    taylor = bool(view.taylor) and has_formula(settings)
    chart = chart_data(settings, lang, terms_per_line(lecture), bool(view.extrapolate), taylor,
                       tuple((p.settings, p.style) for p in pinned), trajectory, pinned)
    return Page(settings=settings, view=view, trajectory=trajectory, analysis=analysis_of(settings),
                data=data_of(settings), chart=chart, autograd_seconds=autograd_estimate(settings),
                taylor=taylor_of(settings) if taylor else None, pinned=pinned)


def main() -> None:
    collector.freeze_imported_objects()
    sidebar = controls.sidebar()
    with st.sidebar:  # its empty frame at the sidebar's foot moves nothing; drawn before any panel can fail
        reconnect.reload_after_reconnect()
    lang, lecture = sidebar.view.lang, sidebar.view.mode == "lecture"
    st.html(style(sidebar.view))
    st.subheader(text(lang, "page.title"))
    st.caption(text(lang, "page.caption_lecture" if lecture else "page.caption"))
    alerts.show_all([("warning", say(lang, message)) for message in sidebar.warnings]
                    + [("info", say(lang, prompt)) for prompt in sidebar.prompts])
    sidebar = dataclasses.replace(sidebar, settings=runnable(sidebar.settings, lang))
    page = page_of(sidebar)
    if WITHHELD.hidden(page):  # the start alone, until the reader predicts the rest
        WITHHELD.show(page)
        return
    WITHHELD.show_score(page)
    for panel in PANELS:
        panel.show(page)


main()
