"""The reader's own points in the sidebar: a file to upload or a text to paste, and what the page says.

A file or text that reads as points becomes the target (as typing a formula does); one that does not is
answered by line, and the run keeps its previous target. The settings' store (components/ui/controls.py)
is handed in: this module keeps only the pasted text and the last message, both in session state, so that
a sidebar drawn again after lecture mode or a closed Advanced shows them as they were (the upload field
itself comes back empty: the points it gave stay the target).
"""
from __future__ import annotations

from typing import Any

import streamlit as st

from components.state.i18n import Phrase, say, text
from components.state.points import DataError, Points, decode_points, encode_points, held_out_count
from components.state.points_text import MAX_BYTES, read_points
from components.ui import alerts

FILE_KEY = "data_file"
TEXT_KEY = "data_text"
TEXT_STORE = "_data_text"  # the pasted text, kept while the box is not drawn
MESSAGE = "_data_message"  # (kind, Phrase) of the last file or text read
FILE_TYPES = ["csv", "tsv", "txt"]


def draw(store: dict[str, Any], lang: str) -> None:
    """The upload field, the paste box and its button, and the last message or the points in use."""
    st.file_uploader(text(lang, "label.data_file"), type=FILE_TYPES, key=FILE_KEY, on_change=load_file,
                     args=(store,), help=text(lang, "data.help"))
    st.session_state[TEXT_KEY] = st.session_state.get(TEXT_STORE, "")
    st.text_area(text(lang, "label.data_text"), key=TEXT_KEY, on_change=load_text, args=(store,), height=120,
                 max_chars=MAX_BYTES, placeholder=text(lang, "data.text_placeholder"))
    st.button(text(lang, "data.apply"), key="data_apply", on_click=load_text, args=(store,))
    message = st.session_state.get(MESSAGE)
    if message and (message[0] == "error" or store["target"] == "data"):
        alerts.show(message[0], say(lang, message[1]))
    elif store["data"] and store["target"] == "data":
        alerts.show("info", say(lang, described(decode_points(store["data"]), Phrase("figure.your_points"))))
    elif store["data"]:  # kept, but another target chosen since
        alerts.show("info", text(lang, "data.kept", count=len(decode_points(store["data"]))))


def described(points: Points, source: Any) -> Phrase:
    low, high = points.domain
    return Phrase("data.loaded", source=source, count=len(points), xmin=low, xmax=high)


def load_file(store: dict[str, Any]) -> None:
    """The upload field's callback (a file removed from the field leaves the points in use as they are)."""
    upload = st.session_state.get(FILE_KEY)
    if upload is not None:
        load(store, upload.getvalue(), upload.name)


def load_text(store: dict[str, Any]) -> None:
    """The paste box's and its button's callback."""
    pasted = st.session_state.get(TEXT_KEY, "")
    st.session_state[TEXT_STORE] = pasted
    if pasted.strip():
        load(store, pasted, Phrase("data.source_paste"))


def load(store: dict[str, Any], content: bytes | str, source: Any) -> None:
    """Read the points; if they fit a polynomial of the chosen degree, they become the target."""
    try:
        points = read_points(content)
        check_degree(points, store["degree"], store["holdout"])
    except DataError as error:
        st.session_state[MESSAGE] = ("error", Phrase("data.rejected", source=source, error=error.phrase))
        return
    store["data"], store["target"] = encode_points(points), "data"
    st.session_state[MESSAGE] = ("success", described(points, source))


def check_degree(points: Points, degree: int, holdout: float) -> None:
    """A DataError unless enough points are left to train a polynomial of this degree."""
    held = held_out_count(len(points), holdout)
    if degree >= len(points) - held:
        key = "data.needs_degree_holdout" if held else "data.needs_degree"
        raise DataError(Phrase(key, degree=degree, needed=degree + 1, count=len(points) - held, held=held))


def degree_cap(store: dict[str, Any], highest: int) -> int:
    """The degree slider's top: the highest degree the stored points fit (at least 2: a slider needs two
    ends)."""
    if store["target"] != "data" or not store["data"]:
        return highest
    try:
        count = len(decode_points(store["data"]))
    except ValueError:  # the settings' own check says what is wrong with it
        return highest
    return max(2, min(highest, count - held_out_count(count, store["holdout"]) - 1))
