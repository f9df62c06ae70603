"""Take it with you: the animation (HTML, GIF), the numbers (CSV), the PyTorch script, and the code itself."""
from __future__ import annotations

from typing import Any, Callable

import streamlit as st

from components.exports.animation import animated_gif, animation_html, browser_path
from components.exports.script import POINTS_FILE, pytorch_script
from components.exports.tables import loss_csv, points_csv, trajectory_csv
from components.state.i18n import text
from components.ui import controls
from components.ui.page import Page
from components.views.figures import build_figure


def files_of(page: Page) -> list[tuple[str, Callable[[], Any], str, str]]:
    """(label key, make the file, file name, MIME type) of every download.

    A file is made only when its button is clicked: the buttons keep the run and its chart's data (a
    few kilobytes at 2000 steps) and build the figure then, at the page's normal size; a button holding
    the figure itself (2.5 MB) would keep it for as long as the page stays open. The script is deferred
    too: data given directly is stored as a media file on every rerun, and a browser that asks for it
    after the next rerun replaced it gets a 404 (seen under load).
    """
    trajectory, chart, settings, lang = page.trajectory, page.chart, page.settings, page.lang

    def figure() -> dict:
        return build_figure(chart, lang=lang)

    files = [("exports.html", lambda: animation_html(figure()), "polynomial-autograd.html", "text/html"),
             ("exports.gif", lambda: animated_gif(figure()), "polynomial-autograd.gif", "image/gif"),
             ("exports.frames_csv", lambda: trajectory_csv(trajectory), "frames.csv", "text/csv"),
             ("exports.loss_csv", lambda: loss_csv(trajectory), "loss.csv", "text/csv"),
             ("exports.script", lambda: pytorch_script(settings), "polynomial_autograd_playground.py",
              "text/x-python")]
    if settings.target == "data":  # the script reads them from this file when they are too many to hold
        files.append(("exports.data_csv", lambda: points_csv(settings), POINTS_FILE, "text/csv"))
    return files


CODE_KEY = "code"  # the code's expander
CODE_KEPT_OPEN = f"_{CODE_KEY}_open"  # whether it is open (controls.kept_open)


def show(page: Page) -> None:
    """Download buttons that do not rerun the page, and the code."""
    lang = page.lang
    st.markdown(f"**{text(lang, 'exports.title')}**")
    # One row that wraps, each button as wide as its label: one layout block rather than a grid's eight.
    with st.container(horizontal=True, gap="small"):
        for key, data, name, mime in files_of(page):
            no_gif = key == "exports.gif" and browser_path() is None
            st.download_button(text(lang, key), data=data, file_name=name, mime=mime, on_click="ignore",
                               disabled=no_gif, help=text(lang, "exports.gif_missing") if no_gif else None)
    with st.expander(text(lang, "exports.code"), **controls.kept_open(CODE_KEY)) as code:
        if code.open:  # a click on it reruns the page; closed, the script is not sent on every rerun
            st.caption(text(lang, "exports.code_caption"))
            st.code(pytorch_script(page.settings), language="python")
