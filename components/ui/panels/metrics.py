"""The run's figures: its loss against the best possible, its time and speed, where and how it ran."""
from __future__ import annotations

import math

import streamlit as st

from components.state.i18n import text
from components.ui.page import Page
from components.views.formatting import format_duration, format_plain, format_rate
from components.views.summary import at_optimum, best_is_zero, gap_percent


def figures_of(page: Page) -> list[tuple[str, str, str | None]]:
    """(label key, value, help key) of every figure, in the page's language."""
    trajectory, analysis, lang = page.trajectory, page.analysis, page.lang
    final = float(trajectory.loss[-1])
    gap = (text(lang, "metric.diverged") if trajectory.diverged_at is not None
           # no % of about 0
           else f"{final - analysis.optimum_loss:.3g}" if best_is_zero(trajectory, analysis)
           else text(lang, "metric.at_optimum") if at_optimum(final, analysis.optimum_loss)
           else f"{format_plain(gap_percent(final, analysis.optimum_loss))}%")
    reader = page.settings.target == "data"
    held_out = "—" if math.isnan(trajectory.test_loss) and reader else f"{trajectory.test_loss:.4g}"
    held_out_help = ("metric.held_out_none_help" if held_out == "—" else "metric.held_out_help_data" if reader
                     else "metric.held_out_help")
    return [
        ("metric.final_loss", f"{final:.4g}", None),
        ("metric.best_loss", f"{analysis.optimum_loss:.4g}", "metric.best_loss_help"),
        ("metric.gap", gap, None),
        ("metric.held_out", held_out, held_out_help),
        ("metric.time", format_duration(trajectory.wall_time_s, lang), None),
        ("metric.speed", format_rate(trajectory.steps_per_s), "metric.speed_help"),
        ("metric.device", trajectory.device.upper(), None),
        ("metric.method", text(lang, f"method.{trajectory.method}"), None),
    ]


def show(page: Page) -> None:
    """Each figure as wide as its words, flowing onto more rows on a narrow screen (four fixed columns
    cut "closed form" to "clos…" at 1024 pixels)."""
    with st.container(horizontal=True, gap="large"):
        for label, value, help_key in page.once("metrics", lambda: figures_of(page)):
            st.metric(text(page.lang, label), value, help=text(page.lang, help_key) if help_key else None,
                      width="content")
