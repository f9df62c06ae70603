"""The hall's short form for CI: 2 replicas behind HAProxy, a few sessions over Streamlit's protocol, one
replica killed during the load. It checks errors, not speed (`python -m tests.load.hall` reports the times).
Without HAProxy it skips with one line saying how to get it, except in CI, where that is a failure."""
from __future__ import annotations

from tests.load.hall import run_hall


def test_a_killed_replicas_sessions_reconnect_to_the_live_one_and_nothing_is_lost(haproxy):
    result = run_hall(replicas=2, sessions=6, changes=6, think_s=0.5, kill_after_s=2.0, deadline_s=240)
    assert result.errors == 0  # every change showed the degree asked for, on whichever replica
    assert result.reconnects >= 1  # some sessions were on the killed replica: they came back through HAProxy
    assert result.requests == 6 * (6 + 1)  # every page opened and every change made, none left in flight
