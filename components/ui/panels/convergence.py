"""Why it converges, or doesn't: the eigenmodes with the spectrum, the loss landscape with the run's path, and
the coefficient paths, each in a tab (st.tabs draws every tab's content: a link shows the whole lesson)."""
from __future__ import annotations

import streamlit as st

from components.engine.landscape import Landscape, landscape
from components.engine.modes import eigenmodes
from components.engine.step_code import coefficient_names
from components.state.i18n import text
from components.state.settings import EIGEN_PLANES, View, is_plane
from components.ui import alerts, controls
from components.ui.page import Page
from components.ui.panels.chart import CONFIG, PrebuiltFigure
from components.views.landscape_figure import landscape_figure
from components.views.modes_figure import modes_figure, spectrum_figure, spectrum_words
from components.views.paths_figure import paths_figure, term_label

TABS = ("modes", "landscape", "paths")
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
    st.subheader(text(lang, "why.title"))
    st.caption(text(lang, "why.caption"))
    modes_tab, landscape_tab, paths_tab = st.tabs([text(lang, f"why.tab.{t}") for t in TABS])
    with modes_tab:
        show_modes(page)
    with landscape_tab:
        show_landscape(page)
    with paths_tab:
        show_paths(page)


def show_modes(page: Page) -> None:
    modes = eigenmodes(page.trajectory, page.analysis)
    lines, spectrum = st.columns([3, 2])
    with lines:
        chart(modes_figure(modes, page.lang, page.panel_font), "modes")
    with spectrum:
        chart(spectrum_figure(modes, page.lang, page.panel_font), "spectrum")
    stable_lr, trajectory = page.analysis.optimizer_stable_lr, page.trajectory
    for words in spectrum_words(modes, stable_lr, page.settings.lr, trajectory.last_step, page.lang):
        alerts.show("info", words)
    # a closed form's frames are the iteration matrices' own
    st.caption(text(page.lang, "modes.caption_closed_form" if trajectory.by_closed_form else "modes.caption"))


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


def show_landscape(page: Page) -> None:
    plane = plane_in_force(page)
    options = plane_options(page.settings.degree)
    bound = controls.bound_view("plane")
    st.selectbox(text(page.lang, "landscape.plane_label"), options, key=bound["key"],
                 on_change=forget_plane_problem, format_func=lambda key: plane_name(key, page))
    if st.session_state.get(PLANE_PROBLEM):
        alerts.show("warning", st.session_state[PLANE_PROBLEM])
    surface = landscape(page.trajectory, page.analysis, plane)
    chart(landscape_figure(surface, page.analysis.eigenvalues, page.lang, page.panel_font), "landscape")
    st.caption(landscape_caption(page, surface))


def landscape_caption(page: Page, surface: Landscape) -> str:
    """What the contour leaves out: nothing at degree 1; the loss outside an eigen plane (the eigendirections
    are independent: it adds up); with coefficient planes, no such sum."""
    if page.settings.degree == 1:
        return text(page.lang, "landscape.whole_space")
    if surface.plane.kinds[0] == "coefficient":
        return text(page.lang, "landscape.projected_coefficients")
    off, loss = surface.off_plane(), surface.path_loss
    return text(page.lang, "landscape.projected", off_start=f"{off[0]:.3g}", start=f"{loss[0]:.4g}",
                off_last=f"{off[-1]:.2g}", last=f"{loss[-1]:.4g}")


def show_paths(page: Page) -> None:
    trajectory, analysis, settings = page.trajectory, page.analysis, page.settings
    names = coefficient_names(settings.degree)
    powers = [f"{names[k]} · {term_label('power', k)}" for k in range(settings.degree + 1)]
    chart(paths_figure(trajectory.frame_steps, trajectory.frame_coefficients, analysis.optimum_power, powers,
                       text(page.lang, "paths.title_power"), page.lang, page.panel_font), "paths_power")
    if settings.basis != "power":
        terms = [f"{names[k]} · {term_label(settings.basis, k)}" for k in range(settings.degree + 1)]
        chart(paths_figure(trajectory.frame_steps, trajectory.frame_basis_coefficients, analysis.optimum,
                           terms,
                           text(page.lang, "paths.title_basis",
                                basis=text(page.lang, f"choice.basis.{settings.basis}")),
                           page.lang, page.panel_font), "paths_basis")
    st.caption(text(page.lang, "paths.caption"))

