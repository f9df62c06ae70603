"""Compare runs: pin this run, unpin one, and a table of every run on the chart (sortable, as CSV too)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from components.state.comparisons import BY_KEY as COMPARISONS_BY_KEY
from components.state.i18n import text
from components.state.pins import MAX_PINS
from components.ui import alerts, controls
from components.ui.page import Page, PinnedRun
from components.views.comparison import comparison_table, table_csv


def table_of(page: Page) -> tuple[list[str], list[list]]:
    """The table's headers and rows: the current run first, then the pinned ones."""
    runs = [(text(page.lang, "pin.this_run"), page.trajectory, page.analysis)]
    runs += [(p.label, p.trajectory, p.analysis) for p in page.pinned]
    return comparison_table(runs, page.lang)


def comparison_choice(lang: str) -> None:
    """The prepared comparisons, and the sentence of the one in force."""
    in_force = controls.comparison_in_force()
    st.session_state["comparison"] = in_force.key if in_force else ""
    placeholder = text(lang, "comparison.placeholder")
    st.selectbox(text(lang, "comparison.label"), ["", *COMPARISONS_BY_KEY], key="comparison",
                 on_change=controls.apply_comparison, help=text(lang, "comparison.help"),
                 format_func=lambda key: COMPARISONS_BY_KEY[key].name.in_(lang) if key else placeholder)
    if in_force:
        st.caption(in_force.shows.in_(lang))


def limits_said(pinned: PinnedRun, lang: str) -> list[str]:
    """What a pinned run had to change, like any run (fewer steps, the CPU), and where its time ran out."""
    t, said = pinned.trajectory, []
    if t.notice is not None:
        said.append(text(lang, "pin.notice", label=pinned.label, notice=t.notice.in_(lang)))
    if t.cut_short_at is not None:
        said.append(text(lang, "pin.cut_short", label=pinned.label, step=f"{t.cut_short_at:,}"))
    return said


def show(page: Page) -> None:
    lang = page.lang
    st.markdown(f"**{text(lang, 'pin.title')}**")
    comparison_choice(lang)
    kept = controls.is_pinned(page.settings)
    unpinned = ([(text(lang, "pin.this_run"), page.settings)] if kept else [])
    unpinned += [(p.label, p.settings) for p in page.pinned]
    with st.container(horizontal=True, vertical_alignment="center"):
        st.button(text(lang, "pin.pin"), on_click=controls.pin, args=(page.settings,), key="pin_this",
                  disabled=kept or len(controls.pinned()) >= MAX_PINS,
                  help=text(lang, "pin.pin_help", most=MAX_PINS))
        for index, (label, settings) in enumerate(unpinned):
            st.button(text(lang, "pin.unpin", label=label), key=f"unpin_{index}", on_click=controls.unpin,
                      args=(settings,))
    alerts.show_all([("warning", words) for pinned in page.pinned for words in limits_said(pinned, lang)])
    if not page.pinned:
        st.caption(text(lang, "pin.hint"))
        return
    headers, rows = table_of(page)
    st.dataframe(pd.DataFrame(rows, columns=headers), hide_index=True,  # numbers sort as numbers
                 column_config={headers[k]: st.column_config.NumberColumn(format=f) for k, f in
                                ((1, "%.4g"), (2, "%.3g"), (4, "%d"), (5, "%.3g"), (6, "%.2e"))})
    st.download_button(text(lang, "pin.csv"), data=table_csv(headers, rows), file_name="runs.csv",
                       mime="text/csv", on_click="ignore")
