"""The page's messages: plain text in a coloured box, several of them sent as one element."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.ui.alerts import STACK, alert_html
from tests.conftest import alerts


def messages_page() -> None:
    import streamlit as st

    from components.ui import alerts

    alerts.show_all(st.session_state["messages"])


def page_with(messages: list[tuple[str, str]]) -> AppTest:
    at = AppTest.from_function(messages_page)
    at.session_state["messages"] = messages
    return at.run()


def test_a_message_is_shown_as_the_text_it_is():
    shown = alert_html("warning", "<b>x</b> **2** $y$")
    assert "&lt;b&gt;x&lt;/b&gt; **2** $y$</div>" in shown and 'data-kind="warning"' in shown


def test_several_messages_are_one_element_each_in_its_own_box_in_order():
    sent = [("warning", "degree: '<i>' is not allowed"), ("info", "a prompt"), ("warning", "lr: 'zz'")]
    at = page_with(sent)
    assert not at.exception and len(at.get("html")) == 1
    assert alerts(at) == [text for _, text in sent]
    assert at.get("html")[0].proto.body == STACK.format("".join(alert_html(*message) for message in sent))
    assert alerts(at, "info") == ["a prompt"] and "<i>" not in at.get("html")[0].proto.body


def test_one_message_is_a_box_of_its_own_and_none_is_nothing():
    one = page_with([("error", "refused")])
    assert one.get("html")[0].proto.body == alert_html("error", "refused")
    assert len(page_with([]).get("html")) == 0
