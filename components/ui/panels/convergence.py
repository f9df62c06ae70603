"""Why it converges, or doesn't: the eigenmodes with the spectrum, the loss landscape with the run's path, and
the coefficient paths, each in a tab, in a section that opens on a click (why=1 in the link). Only the
open tab's figures are made and sent (a click on another tab reruns the page and draws it): the two hidden
tabs were a sixth of the server's CPU for every rerun."""
from __future__ import annotations

from typing import Any, Sequence

import streamlit as st

from components.engine.landscape import Landscape, landscape
from components.engine.modes import eigenmodes
from components.engine.step_code import coefficient_names
from components.state.i18n import text
from components.state.settings import EIGEN_PLANES, View, is_plane
from components.ui import alerts, controls
from components.ui.computed import shared
from components.ui.page import Page
from components.ui.panels.chart import CONFIG, EncodedFigure, PrebuiltFigure, run_key
from components.views.landscape_figure import landscape_figure
from components.views.modes_figure import modes_figure, spectrum_figure, spectrum_words
from components.views.paths_figure import paths_figure, term_label

TABS = ("modes", "landscape", "paths")
TAB_KEY = "why_tab"  # the open tab's widget, one per language (why_tab_en, why_tab_ko)
OPEN_TAB = "_why_tab_open"  # the open tab by name: kept while the tabs are not drawn or change language
PLANE_PROBLEM = "_plane_problem"  # why the link's plane is not drawn, said until another plane is chosen


def chart(figure: dict, key: str) -> None:
    st.plotly_chart(PrebuiltFigure(figure), theme=None, key=key, config=CONFIG)


def plane_options(degree: int) -> list[str]:
    """Every plane a run of this degree has: the two eigen planes, then each pair of coefficients."""
    pairs = [f"c{i}-c{j}" for i in range(degree + 1) for j in range(i + 1, degree + 1)]
    return [*EIGEN_PLANES, *pairs]


def plane_name(key: str, page: Page) -> str:
    if key in EIGEN_PLANES:
        return text(page.lang, f"landscape.plane.{key}")
    i, j = (int(part[1:]) for part in key.split("-"))
    names, basis = coefficient_names(page.settings.degree), page.settings.basis
    return text(page.lang, "landscape.plane.coefficients", first=names[i], second=names[j],
                first_term=term_label(basis, i), second_term=term_label(basis, j))


def show(page: Page) -> None:
    lang = page.lang
    plane = plane_in_force(page)
    st.subheader(text(lang, "why.title"))
    st.caption(text(lang, "why.caption"))
    section = controls.opened_section("why", text(lang, "why.open"))
    if section is not None:
        with section:
            show_open_tab(page, plane)


def show_open_tab(page: Page, plane: str) -> None:
    for tab, name in zip(tabs_in(page.lang), TABS):
        if tab.open:
            with tab:
                drawn_plane = plane if name == "landscape" else ""  # the other tabs: the same in any plane
                lesson = shared_lesson((*run_key(page), name, drawn_plane), page, name, drawn_plane)
                SHOWN[name](page, lesson)


def tabs_in(lang: str) -> Sequence[Any]:
    """The three tabs, opened where the reader left them; keyed by language, since Streamlit knows the open
    tab by its label."""
    labels = [text(lang, f"why.tab.{t}") for t in TABS]
    key, open_name = f"{TAB_KEY}_{lang}", st.session_state.get(OPEN_TAB, TABS[0])
    return st.tabs(labels, key=key, default=labels[TABS.index(open_name)], on_change=keep_open_tab,
                   args=(key, labels))


def keep_open_tab(key: str, labels: list[str]) -> None:
    """A tab's callback: the tab clicked, by name, for when the tabs are drawn anew."""
    st.session_state[OPEN_TAB] = TABS[labels.index(st.session_state[key])]


# The figures are a few hundred kilobytes each and the same for every session on the same run: built once, as
# the chart's are (components/ui/panels/chart.py), rather than on every rerun of every page.
@shared(max_entries=32)
def shared_lesson(key: tuple, _page: Page, _tab: str, _plane: str) -> dict[str, Any]:
    """lesson_of(page, tab, plane), built once per run, language, type, tab and plane, its figures encoded
    once, shared (read only)."""
    return {name: EncodedFigure(value) if isinstance(value, dict) and "layout" in value else value
            for name, value in lesson_of(_page, _tab, _plane).items()}


def lesson_of(page: Page, tab: str, plane: str) -> dict[str, Any]:
    """Every figure and sentence of one tab, by name."""
    lang, font, trajectory, analysis = page.lang, page.panel_font, page.trajectory, page.analysis
    if tab == "modes":
        modes = eigenmodes(trajectory, analysis)
        return {"modes": modes_figure(modes, lang, font), "spectrum": spectrum_figure(modes, lang, font),
                "words": spectrum_words(modes, analysis.optimizer_stable_lr, page.settings.lr,
                                        trajectory.last_step, lang)}
    if tab == "landscape":
        surface = landscape(trajectory, analysis, plane)
        return {"landscape": landscape_figure(surface, analysis.eigenvalues, lang, font),
                "landscape_caption": landscape_caption(page, surface)}
    return paths_of(page)


def show_modes(page: Page, lesson: dict[str, Any]) -> None:
    lines, spectrum = st.columns([3, 2])
    with lines:
        chart(lesson["modes"], "modes")
    with spectrum:
        chart(lesson["spectrum"], "spectrum")
    alerts.show_all([("info", words) for words in lesson["words"]])
    # a closed form's frames are the iteration matrices' own
    closed_form = page.trajectory.by_closed_form
    st.caption(text(page.lang, "modes.caption_closed_form" if closed_form else "modes.caption"))


def plane_in_force(page: Page) -> str:
    """The view's plane if the run has it; else the two slowest modes, and a message kept until another is
    chosen."""
    plane = page.view.plane
    if is_plane(plane, page.settings.degree):
        return plane
    default = plane_name(View().plane, page)
    st.session_state[PLANE_PROBLEM] = text(page.lang, "landscape.no_such_plane", plane=plane,
                                           degree=page.settings.degree, default=default)
    controls.reset_view_choice("plane")
    return View().plane


def forget_plane_problem() -> None:
    controls.keep_view_choice("plane")
    st.session_state.pop(PLANE_PROBLEM, None)


def show_landscape(page: Page, lesson: dict[str, Any]) -> None:
    options = plane_options(page.settings.degree)
    bound = controls.bound_view("plane")
    st.selectbox(text(page.lang, "landscape.plane_label"), options, key=bound["key"],
                 on_change=forget_plane_problem, format_func=lambda key: plane_name(key, page))
    if st.session_state.get(PLANE_PROBLEM):
        alerts.show("warning", st.session_state[PLANE_PROBLEM])
    chart(lesson["landscape"], "landscape")
    st.caption(lesson["landscape_caption"])


def landscape_caption(page: Page, surface: Landscape) -> str:
    """What the contour leaves out: nothing at degree 1; the loss outside an eigen plane (the eigendirections
    are independent: it adds up); with coefficient planes, no such sum."""
    if page.settings.degree == 1:
        return text(page.lang, "landscape.whole_space")
    if surface.plane.kind == "coefficient":
        return text(page.lang, "landscape.projected_coefficients")
    off, loss = surface.off_plane(), surface.path_loss
    return text(page.lang, "landscape.projected", off_start=f"{off[0]:.3g}", start=f"{loss[0]:.4g}",
                off_last=f"{off[-1]:.2g}", last=f"{loss[-1]:.4g}")


def paths_of(page: Page) -> dict[str, Any]:
    """The coefficient paths in powers of x, and in the run's basis when that differs."""
    trajectory, analysis, settings, lang = page.trajectory, page.analysis, page.settings, page.lang
    names = coefficient_names(settings.degree)

    def labels(basis: str) -> list[str]:
        return [f"{names[k]} · {term_label(basis, k)}" for k in range(settings.degree + 1)]

    power_title = text(lang, "paths.title_power")
    paths = {"paths_power": paths_figure(trajectory.frame_steps, trajectory.frame_coefficients,
                                         analysis.optimum_power, labels("power"), power_title, lang,
                                         page.panel_font)}
    if settings.basis != "power":
        title = text(lang, "paths.title_basis", basis=text(lang, f"choice.basis.{settings.basis}"))
        paths["paths_basis"] = paths_figure(trajectory.frame_steps, trajectory.frame_basis_coefficients,
                                            analysis.optimum, labels(settings.basis), title, lang,
                                            page.panel_font)
    return paths


def show_paths(page: Page, lesson: dict[str, Any]) -> None:
    for key in ("paths_power", "paths_basis"):
        if key in lesson:
            chart(lesson[key], key)
    st.caption(text(page.lang, "paths.caption"))


SHOWN = {"modes": show_modes, "landscape": show_landscape, "paths": show_paths}  # each tab's part of the page
