"""A client of Streamlit's own websocket protocol: one page's session, without a browser.

It does what the browser does over `/_stcore/stream` (subprotocol `streamlit`): sends `BackMsg.rerun_script`
with the URL's query string and the widgets that changed, then reads the server's `ForwardMsg`s until
`script_finished`. The cookies of a first plain GET go along with the websocket, so a load balancer's
stickiness cookie keeps the session on its replica. When the connection breaks (a replica died), `rerun`
connects again, as the browser does, and sends the query string the server last wrote into the URL: every
setting lives there, so the page comes back as it was. Like the browser, it keeps the messages the server
marks cacheable (the large elements, a figure's JSON) and names them in each rerun request, so that an
element unchanged since a recent rerun comes back as a reference to it, not as its bytes again: the server
is measured doing what it does for a browser. Used by the load test (tests/load/locustfile.py),
the replicas' warm-up (scripts/serve.sh: `python -m scripts.streamlit_session URL`) and
bench/step_click.py.
"""
from __future__ import annotations

import re
import socket
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect


@dataclass
class Widget:
    id: str
    kind: str  # the element's type: slider, button, number_input, …
    fragment: str  # the fragment it was drawn in ("" for the page)


@dataclass
class Rerun:
    """What one rerun sent back."""

    seconds: float  # from the message sent to script_finished
    exceptions: list[str] = field(default_factory=list)
    latex: list[str] = field(default_factory=list)  # st.latex bodies: the equation
    charts: list[str] = field(default_factory=list)  # Plotly specs (JSON text)
    metrics: dict[str, str] = field(default_factory=dict)  # st.metric: label → value shown
    kinds: list[str] = field(default_factory=list)  # every element's type, in the order drawn
    # each transient message (st.spinner): the text of the spinners it shows, [] where it clears them
    transients: list[list[str]] = field(default_factory=list)
    reconnected: bool = False
    links: list[str] = field(default_factory=list)  # each query string the page wrote into the URL
    references: int = 0  # elements the server sent as a reference to one this session already holds


class ServerGone(Exception):
    """The server closed the connection and could not be reached again."""


class StreamlitSession:
    """One page of a Streamlit app, as a browser tab holds it."""

    def __init__(self, base_url: str, query: str = "", timeout_s: float = 120.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.query = query.lstrip("?")  # the URL's query string, as the server last wrote it
        self.timeout_s = timeout_s
        self.widgets: dict[str, Widget] = {}  # by label
        self.connection: ClientConnection | None = None
        self.reconnects = 0
        self.cache = MessageCache()

    def connect(self) -> None:
        cookies = CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
        with opener.open(f"{self.base_url}/?{self.query}", timeout=self.timeout_s) as page:
            page.read()
        header = "; ".join(f"{c.name}={c.value}" for c in cookies)
        url = re.sub(r"^http", "ws", self.base_url) + "/_stcore/stream"
        self.connection = connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout_s,
                                  legacy=True,  # held open across calls, not as a context manager
                                  additional_headers={"Cookie": header} if header else None)
        # As browsers do: no Nagle delay on the small messages a click sends.
        self.connection.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        self.cache = MessageCache()  # the browser keeps its cache per connection

    def rerun(self, values: dict[str, Any] | None = None, trigger: str | None = None,
              reconnect_tries: int = 10) -> Rerun:
        """A rerun with these widgets changed (by label: value) or this button pressed (by label).

        A broken connection is connected again and the rerun sent again, with the URL's query string:
        the settings come back from it, and the change is applied on top."""
        for attempt in range(reconnect_tries + 1):
            try:
                if self.connection is None:
                    self.connect()
                reply = self._rerun(values or {}, trigger)
                reply.reconnected = attempt > 0
                return reply
            except (ConnectionClosed, OSError):
                self.close()
                self.widgets = {}  # a new server has new widget ids
                self.reconnects += 1
                time.sleep(min(0.5 * 2**attempt, 4.0))
        raise ServerGone(f"no server at {self.base_url} after {reconnect_tries} tries")

    def _rerun(self, values: dict[str, Any], trigger: str | None) -> Rerun:
        if (values or trigger) and not self.widgets:  # after a reconnect: learn the new page's widgets first
            self._rerun({}, None)
        message = BackMsg()
        state = message.rerun_script
        state.query_string, state.page_script_hash = self.query, ""
        state.cached_message_hashes[:] = self.cache.hashes()
        for label, value in values.items():
            _set_value(state.widget_states.widgets.add(), self.widgets[label], value)
        if trigger is not None:
            widget = self.widgets[trigger]
            pressed = state.widget_states.widgets.add()
            pressed.id, pressed.trigger_value = widget.id, True
            state.fragment_id = widget.fragment
        started = time.perf_counter()
        assert self.connection is not None
        self.connection.send(message.SerializeToString())
        reply, hits = Rerun(0.0), self.cache.hits
        while True:
            forward = self.cache.resolve(self.connection.recv(timeout=self.timeout_s))
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                self._read_element(forward.delta, reply)
            elif kind == "delta" and forward.delta.WhichOneof("type") == "new_transient":
                reply.transients.append([e.spinner.text for e in forward.delta.new_transient.elements
                                         if e.WhichOneof("type") == "spinner"])
            elif kind == "delta" and forward.delta.add_block.WhichOneof("type") == "expandable":
                block = forward.delta.add_block.expandable  # an expander that reruns the page when clicked
                if block.id:
                    self.widgets[block.label] = Widget(block.id, "expander", forward.delta.fragment_id)
            elif kind == "page_info_changed":
                self.query = forward.page_info_changed.query_string
                reply.links.append(self.query)
            elif kind == "new_session":
                self.cache.max_age = forward.new_session.config.max_cached_message_age
            elif kind == "script_finished" and forward.script_finished != EARLY_FOR_RERUN:
                # (a run cut short for another goes on as that one: its messages are this rerun's too)
                if forward.script_finished in FINISHED:  # as the browser, which ages its cache only then
                    self.cache.finish_run(state.fragment_id)
                reply.seconds, reply.references = time.perf_counter() - started, self.cache.hits - hits
                return reply

    def _read_element(self, delta: Any, reply: Rerun) -> None:
        element = delta.new_element
        kind = element.WhichOneof("type")
        reply.kinds.append(kind)
        if kind == "exception":
            reply.exceptions.append(element.exception.message)
        elif kind == "markdown" and element.markdown.body.startswith("$$"):
            reply.latex.append(element.markdown.body)
        elif kind == "plotly_chart":
            reply.charts.append(element.plotly_chart.spec)
        elif kind == "metric":
            reply.metrics[element.metric.label] = element.metric.body
        widget = getattr(element, kind) if kind else None
        if widget is not None and hasattr(widget, "id") and hasattr(widget, "label") and widget.id:
            self.widgets[widget.label] = Widget(widget.id, kind, delta.fragment_id)


FINISHED = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)
EARLY_FOR_RERUN = ForwardMsg.FINISHED_EARLY_FOR_RERUN


class MessageCache:
    """The browser's cache of the server's cacheable messages (its ForwardMessageCache): each dropped once
    it has gone unused for more than max_age finished reruns (a fragment's rerun drops only that fragment's
    messages; the others wait for the next whole rerun)."""

    def __init__(self, max_age: int = 2) -> None:
        self.max_age = max_age
        self.runs = 0
        self.hits = 0  # references resolved
        self.messages: dict[str, tuple[bytes, int, str]] = {}  # hash → (bytes, run last used, fragment)

    def hashes(self) -> list[str]:
        return list(self.messages)

    def resolve(self, raw: bytes) -> ForwardMsg:
        """The message these bytes are, or the one a reference (ref_hash) names."""
        forward = ForwardMsg()
        forward.ParseFromString(raw)
        if forward.WhichOneof("type") == "ref_hash":
            cached, _, fragment = self.messages[forward.ref_hash]  # a miss is a server bug: let it raise
            self.messages[forward.ref_hash] = (cached, self.runs, fragment)
            self.hits += 1
            metadata = forward.metadata
            forward = ForwardMsg()
            forward.ParseFromString(cached)
            forward.metadata.CopyFrom(metadata)
        elif forward.metadata.cacheable and forward.hash:  # new, or sent whole again: used now
            self.messages[forward.hash] = (raw, self.runs, forward.delta.fragment_id)
        return forward

    def finish_run(self, fragment: str = "") -> None:
        self.runs += 1
        self.messages = {key: (raw, used, where) for key, (raw, used, where) in self.messages.items()
                         if self.runs - used <= self.max_age or (fragment and where != fragment)}


def _set_value(state: Any, widget: Widget, value: Any) -> None:
    """A widget's new value in the form the browser sends it."""
    state.id = widget.id
    if widget.kind == "slider":
        state.double_array_value.data[:] = [float(value)]
    elif widget.kind == "number_input":
        state.double_value = float(value)
    elif widget.kind in ("checkbox", "toggle", "expander"):  # an expander's value: whether it is open
        state.bool_value = bool(value)
    else:
        raise ValueError(f"no way to set a {widget.kind} here")


def warm(base_url: str) -> float:
    """Open one page (importing torch, training the tutorial's run): the first visitor then waits for
    nothing."""
    session = StreamlitSession(base_url)
    try:
        reply = session.rerun()
        if reply.exceptions:
            raise RuntimeError(reply.exceptions[0])
        return reply.seconds
    finally:
        session.close()


if __name__ == "__main__":
    print(f"warmed {sys.argv[1]} in {warm(sys.argv[1]):.1f} s")
