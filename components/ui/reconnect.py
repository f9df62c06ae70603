"""A page that lost its server reloads once it is connected again, so that its server runs it afresh.

When a replica dies, the browser's websocket reconnects through HAProxy to a live replica, but Streamlit's
page keeps what it drew and does not rerun: the new server holds no session for it, and the next click
would reach a session that never saw the page's settings (its widget's change is lost). The URL holds
every setting, so reloading it is the whole cure: the live replica runs the page from its link. The
script sits in a zero-height frame and watches the app's connection state; it reloads only after the
connection was lost and came back, never on a page that stayed connected.
"""
from __future__ import annotations

import streamlit.components.v1 as components

WATCH_SCRIPT = """<script>
let lost = false;
setInterval(() => {
  const app = window.parent.document.querySelector('[data-testid="stApp"]');
  const state = app && app.getAttribute('data-test-connection-state');
  if (!state) return;
  if (state !== 'CONNECTED') lost = true;
  else if (lost) window.parent.location.reload();
}, 500);
</script>"""


def reload_after_reconnect() -> None:
    """Put the watcher on the page (the same frame every rerun: the browser keeps it, and its memory)."""
    components.html(WATCH_SCRIPT, height=0)
