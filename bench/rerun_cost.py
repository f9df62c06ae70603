"""python -m bench.rerun_cost: what one rerun of the page costs the server, over Streamlit's own protocol.

A real `streamlit run app.py` and the protocol client (scripts/streamlit_session.py, which keeps the
browser's message cache, so that an unchanged chart comes back as a reference, as a browser gets it). Each
figure is the server process's CPU time (from /proc) per rerun, over rounds that alternate:
- cached reruns (nothing changed) of the page as it opens (Advanced and the lower sections closed), and with
  Advanced open;
- uncached reruns at the tutorial settings: a new seed each (a new run to train), sent in the same rerun that
  closes Advanced again, so that the page measured is the one a reader first sees (the click that opens
  Advanced to reach the seed is not counted). Beside each, the training time the page reports (its
  "Training time", the training loop alone); the figure is the CPU beyond it;
- both again on a second page with the two lower sections open (inside=1&why=1), as a reader who opened
  them has it.
The machine is shared and noisy: the medians over the rounds are printed, and each round's figures.
"""
from __future__ import annotations

import re
import statistics
import sys

from bench.step_click import OUTPUT
from scripts.streamlit_session import StreamlitSession
from tests.app_server import cpu_seconds, start_server, stop_server

SEED = "Random seed (initial coefficients)"
ADVANCED = "Advanced"
TRAINING = "Training time"
CACHED, UNCACHED = 15, 4  # reruns of each kind per round
SECTIONS_OPEN = "inside=1&why=1"  # the page with Inside one step and Why it converges open


def seconds_shown(text: str) -> float:
    value = float(re.match(r"[\d.]+", text).group())
    return value / 1e3 if "ms" in text else value


def cached_cpu(session: StreamlitSession, pid: int) -> float:
    cpu = cpu_seconds(pid)
    for _ in range(CACHED):
        session.rerun()
    return (cpu_seconds(pid) - cpu) / CACHED


def uncached_beyond_training(session: StreamlitSession, pid: int, first_seed: int) -> float:
    """CPU per new run beyond its training: each seed sent with Advanced closed in the same rerun."""
    spent = 0.0
    for seed in range(first_seed, first_seed + UNCACHED):
        session.rerun({ADVANCED: True})  # to reach the seed box (not counted)
        cpu = cpu_seconds(pid)
        reply = session.rerun({SEED: seed, ADVANCED: False})
        spent += cpu_seconds(pid) - cpu - seconds_shown(reply.metrics[TRAINING])
    return spent / UNCACHED


def main(rounds: int = 6) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    server, url = start_server(OUTPUT / "rerun_cost.log")
    session, sections = StreamlitSession(url), StreamlitSession(url, query=SECTIONS_OPEN)
    closed, opened, beyond, sections_cached, sections_beyond = [], [], [], [], []
    try:
        for page in (session, sections):
            page.rerun()
            page.rerun()
        for round_ in range(rounds):
            closed.append(cached_cpu(session, server.pid))
            session.rerun({ADVANCED: True})
            opened.append(cached_cpu(session, server.pid))
            session.rerun({ADVANCED: False})
            beyond.append(uncached_beyond_training(session, server.pid, 1 + round_ * UNCACHED))
            sections_cached.append(cached_cpu(sections, server.pid))
            sections_beyond.append(uncached_beyond_training(sections, server.pid, 1001 + round_ * UNCACHED))
    finally:
        session.close()
        sections.close()
        stop_server(server)
    print("| rerun | server CPU per rerun, median | each round |\n|---|---:|---|")
    for name, values in (("cached (nothing changed), the page as it opens", closed),
                         ("cached, with Advanced open", opened),
                         ("uncached at the tutorial settings (a new seed): CPU beyond the training", beyond),
                         ("cached, both lower sections open", sections_cached),
                         ("uncached, both lower sections open: CPU beyond the training", sections_beyond)):
        print(f"| {name} | {statistics.median(values) * 1e3:.0f} ms | "
              f"{', '.join(f'{v * 1e3:.0f}' for v in values)} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 6)
