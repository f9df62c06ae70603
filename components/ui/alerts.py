"""Messages on the page, shown as plain text in a coloured box: never read as Markdown.

A message may quote what came in from a link or a text box. Streamlit's own alerts read their
text as Markdown, and Streamlit's Markdown turns more than Markdown into markup (coloured text,
icons, maths, arrows), so a crafted link could plant a clickable link or a formula in the page's
own warning box. Every message goes through `show` (or `show_all`, several as one element) instead: its
text is HTML-escaped, so the reader sees exactly the characters that were sent, in either language.
"""
from __future__ import annotations

import html
from typing import Sequence

import streamlit as st

# kind: (text colour, background, accent) — Streamlit's light alert palette, with a strong left edge
# that reads from the back of a hall.
STYLES = {
    "info": ("#004280", "rgba(28, 131, 225, 0.10)", "#1C83E1"),
    "success": ("#177233", "rgba(33, 195, 84, 0.10)", "#21C354"),
    "warning": ("#6B4E00", "rgba(255, 189, 69, 0.18)", "#E0A100"),
    "error": ("#7D353B", "rgba(255, 43, 43, 0.09)", "#FF2B2B"),
}
ROLES = {"info": "status", "success": "status", "warning": "alert", "error": "alert"}


def alert_html(kind: str, text: str) -> str:
    """The message box as HTML, its text escaped (line breaks and runs of spaces kept)."""
    colour, background, accent = STYLES[kind]
    style = (f"color: {colour}; background: {background}; border-left: 0.3rem solid {accent}; "
             "border-radius: 0.5rem; padding: 0.75rem 1rem; white-space: pre-wrap; overflow-wrap: anywhere; "
             "line-height: 1.5; font-size: var(--alert-font-size, 1rem)")
    return (f'<div class="page-alert" data-kind="{kind}" role="{ROLES[kind]}" style="{style}">'
            f"{html.escape(text, quote=False)}</div>")


# Messages one after another, spaced as Streamlit spaces its elements (its blocks' 1rem gap).
STACK = '<div class="page-alerts" style="display: flex; flex-direction: column; gap: 1rem">{}</div>'


def show(kind: str, text: str) -> None:
    """Put one message on the page: "info", "success", "warning" or "error"."""
    st.html(alert_html(kind, text))


def show_all(messages: Sequence[tuple[str, str]]) -> None:
    """Several messages, (kind, text) each, as one element of the page: each element is one more message
    the server sends on every rerun. Nothing when there are none."""
    if len(messages) == 1:
        show(*messages[0])
    elif messages:
        st.html(STACK.format("".join(alert_html(kind, text) for kind, text in messages)))
