"""The protocol client (scripts/streamlit_session.py) keeps the browser's message cache: the server sends an
element unchanged since a recent rerun as a reference, and the client reads it as the element it names."""
from __future__ import annotations

import json

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from scripts.streamlit_session import MessageCache, StreamlitSession
from tests.app_server import start_server, stop_server

DEGREE = "Degree of the polynomial"


def element(hash_: str, body: str, fragment: str = "") -> bytes:
    message = ForwardMsg()
    message.hash, message.metadata.cacheable = hash_, True
    message.delta.new_element.markdown.body = body
    message.delta.fragment_id = fragment
    return message.SerializeToString()


def reference(hash_: str, path: int) -> bytes:
    message = ForwardMsg()
    message.ref_hash = hash_
    message.metadata.delta_path[:] = [0, path]
    return message.SerializeToString()


def test_a_reference_reads_as_the_element_it_names_at_its_own_place():
    cache = MessageCache()
    cache.resolve(element("a", "the chart"))
    assert cache.hashes() == ["a"]
    resolved = cache.resolve(reference("a", 7))
    assert resolved.delta.new_element.markdown.body == "the chart"
    assert list(resolved.metadata.delta_path) == [0, 7] and cache.hits == 1


def test_an_element_unused_for_more_than_its_age_is_forgotten_and_a_fragment_drops_only_its_own():
    cache = MessageCache(max_age=2)
    cache.resolve(element("page", "a chart"))
    cache.resolve(element("step", "a step's figure", fragment="f1"))
    for _ in range(3):
        cache.finish_run(fragment="f1")  # the step panel alone reruns: the page's chart waits for a whole one
    assert cache.hashes() == ["page"]
    cache.finish_run()
    assert cache.hashes() == []


def test_a_rerun_that_changed_nothing_gets_the_chart_as_a_reference_and_no_new_link(tmp_path):
    server, url = start_server(tmp_path / "server.log")
    # the lower sections open: the step's fit and the eigenmodes are charts too
    session = StreamlitSession(url, query="inside=1&why=1")
    typed = StreamlitSession(url, query="step=5&steps=100&degree=4&inside=1&why=1")
    try:
        first = session.rerun()
        again = session.rerun()
        changed = session.rerun({DEGREE: 4})
        opened, unchanged = typed.rerun(), typed.rerun()
    finally:
        session.close()
        typed.close()
        stop_server(server)
    assert first.references == 0 and again.references >= 3  # the chart, the step's fit, the eigenmodes
    assert again.charts == first.charts and json.loads(again.charts[0])["frames"]
    assert changed.charts[0] != first.charts[0]  # a new run's chart comes whole
    # the URL is written when the settings change, not on every rerun (each write is a message)
    assert again.links == [] and len(changed.links) == 1 and "degree=4" in changed.links[0]
    # a link typed in another order is written in the page's own, once; a chosen step is no new link either
    assert opened.links[-1] == "degree=4&steps=100&step=5&inside=1&why=1" and unchanged.links == []
