"""python -m bench.step_click: how long a click inside one step takes the server, over Streamlit's own
protocol.

A real `streamlit run app.py` on a loopback port, and a client that speaks its websocket protocol (no
browser: the server alone is measured): it opens the page with that section open (inside=1), then presses
"Next stage ▶" and "Next step ▶▶" as the browser would, a rerun of the step panel's fragment each. Each
click is timed two ways: the wall time from the message sent to the server's script_finished, and the CPU
time the server process spent (from /proc). The same client against a page that is nothing but one
fragment with two buttons gives Streamlit's own floor, measured in the same run.
"""
from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

from scripts.streamlit_session import StreamlitSession
from tests.app_server import cpu_seconds, start_server, stop_server

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "test-output" / "bench"
CLICKS = 30
FLOOR_APP = """import streamlit as st
st.write("a page")
@st.fragment
def buttons():
    st.button("Next stage ▶")
    st.button("Next step ▶▶")
buttons()
"""


def clicks(port: int, pid: int) -> list[tuple[str, list[float], float]]:
    """(what, wall seconds of each rerun, server CPU seconds per rerun) for the page, then each button."""
    session = StreamlitSession(f"http://127.0.0.1:{port}", query="inside=1")  # the section open
    try:
        session.rerun()  # the first page: imports, training, caches
        found = []
        for label in (None, "Next stage ▶", "Next step ▶▶"):
            assert label is None or session.widgets[label].fragment, f"{label} is not inside a fragment"
            cpu = cpu_seconds(pid)
            walls = [session.rerun(trigger=label).seconds for _ in range(CLICKS)]
            found.append((label or "whole page, cached", walls, (cpu_seconds(pid) - cpu) / CLICKS))
        return found
    finally:
        session.close()


def measure(app: Path) -> list[tuple[str, list[float], float]]:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    server, url = start_server(OUTPUT / f"{app.stem}.log", app=app)
    try:
        return clicks(int(url.rsplit(":", 1)[1]), server.pid)
    finally:
        stop_server(server)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        floor = Path(folder) / "floor.py"
        floor.write_text(FLOOR_APP)
        rows = [("the page", *row) for row in measure(ROOT / "app.py")]
        rows += [("one fragment, two buttons", *row) for row in measure(floor)]
    print(f"A click inside one step, tutorial settings: {CLICKS} reruns each, over Streamlit's websocket on "
          "loopback\n")
    print("| app | rerun | wall median | wall p95 | server CPU per rerun |\n|---|---|---:|---:|---:|")
    for app, what, walls, cpu in rows:
        ms = sorted(s * 1e3 for s in walls)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        print(f"| {app} | {what} | {statistics.median(ms):.0f} ms | {p95:.0f} ms | {cpu * 1e3:.0f} ms |")


if __name__ == "__main__":
    main()
