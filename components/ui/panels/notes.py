"""Below the chart: the trained polynomial, and the notes in plain words (with a stable learning rate to
use)."""
from __future__ import annotations

import streamlit as st

from components.state.i18n import text
from components.ui import alerts, controls
from components.ui.page import Page
from components.ui.panels.chart import terms_per_line
from components.views.equation import equation_latex, left_out
from components.views.formatting import format_lr
from components.views.points_notes import points_notes
from components.views.summary import Note, notes


def equation(page: Page) -> tuple[str, str]:
    """The final polynomial in LaTeX, and the terms it leaves out as ≈ 0 ("" when none)."""
    coefficients, domain = page.trajectory.final_coefficients, page.settings.domain
    return equation_latex(coefficients, domain, terms_per_line(page.lecture)), left_out(coefficients, domain)


def notes_of(page: Page) -> list[Note]:
    return (points_notes(page.settings, page.data, page.analysis, page.lang)
            + notes(page.trajectory, page.analysis, page.autograd_seconds, page.lang))


def use_lr(value: float) -> None:
    controls.set_setting("lr", value)


def use_basis(basis: str) -> None:
    controls.set_setting("basis", basis)


def show(page: Page) -> None:
    latex, dropped = page.once("notes_equation", lambda: equation(page))
    st.latex(latex)
    if dropped:
        st.caption(text(page.lang, "page.left_out", terms=dropped))
    for note in page.once("notes", lambda: notes_of(page)):
        alerts.show(note.kind, note.text)
        if note.suggested_lr is not None:
            st.button(text(page.lang, "page.use_lr", lr=format_lr(note.suggested_lr)), type="primary",
                      on_click=use_lr, args=(note.suggested_lr,))
        if note.suggested_basis is not None:
            basis = text(page.lang, f"choice.basis.{note.suggested_basis}")
            st.button(text(page.lang, "page.use_basis", basis=basis), type="primary", on_click=use_basis,
                      args=(note.suggested_basis,), key="use_basis")
