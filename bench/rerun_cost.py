"""python -m bench.rerun_cost: what one rerun of the page costs the server, over Streamlit's own protocol.

A real `streamlit run app.py` and the protocol client (scripts/streamlit_session.py): 40 cached reruns
(nothing changed), then 10 uncached ones at the tutorial settings (a new seed each: a new run to train),
each measured as the server process's CPU time (from /proc) and as wall time; beside the uncached ones,
the training time the page itself reports (its "Training time" figure, the training loop alone).
"""
from __future__ import annotations

import re
import statistics

from bench.step_click import OUTPUT
from scripts.streamlit_session import StreamlitSession
from tests.app_server import cpu_seconds, start_server, stop_server

SEED = "Random seed (initial coefficients)"
TRAINING = "Training time"


def seconds_shown(text: str) -> float:
    value = float(re.match(r"[\d.]+", text).group())
    return value / 1e3 if "ms" in text else value


def main() -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    server, url = start_server(OUTPUT / "rerun_cost.log")
    session = StreamlitSession(url)
    try:
        session.rerun()
        session.rerun()
        cpu = cpu_seconds(server.pid)
        cached = [session.rerun().seconds for _ in range(40)]
        cached_cpu = (cpu_seconds(server.pid) - cpu) / 40
        cpu, uncached, training = cpu_seconds(server.pid), [], []
        for seed in range(1, 11):
            reply = session.rerun({SEED: seed})
            uncached.append(reply.seconds)
            training.append(seconds_shown(reply.metrics[TRAINING]))
        uncached_cpu = (cpu_seconds(server.pid) - cpu) / 10
    finally:
        session.close()
        stop_server(server)
    train = statistics.median(training)
    print("| rerun | wall median | server CPU per rerun |\n|---|---:|---:|")
    print(f"| cached (nothing changed) | {statistics.median(cached) * 1e3:.0f} ms "
          f"| {cached_cpu * 1e3:.0f} ms |")
    print(f"| uncached, tutorial settings (new seed) | {statistics.median(uncached) * 1e3:.0f} ms "
          f"| {uncached_cpu * 1e3:.0f} ms |")
    print(f"\nThe page's own training time in those runs: {train * 1e3:.0f} ms (median); the uncached "
          f"rerun's CPU beyond it: {(uncached_cpu - train) * 1e3:.0f} ms.")


if __name__ == "__main__":
    main()
