"""The page's own costs: an uncached rerun after a slider change, and the figure's size and build time."""
from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from bench.reference import reference_steps_per_s
from components.engine.analysis import analyse
from components.engine.runs import run
from components.state.settings import Settings
from components.views.figures import build_figure
from components.views.summary import figure_data

APP = Path(__file__).resolve().parents[1] / "app.py"


def rerun_seconds(query: dict[str, str], seeds: range = range(1, 6)) -> float:
    """Median time of a rerun after a change that misses the cache (a new seed), through AppTest."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    times = []
    for seed in seeds:
        at.sidebar.number_input(key="seed").set_value(seed)
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
        assert not at.exception, at.exception
    return statistics.median(times)


def figure_cost(settings: Settings) -> tuple[int, float]:
    """(bytes of the figure's JSON, milliseconds to build it)."""
    data = figure_data(run(settings), analyse(settings))
    started = time.perf_counter()
    figure = build_figure(data)
    built = time.perf_counter() - started
    return len(json.dumps(figure, separators=(",", ":"))), built * 1e3


def rows() -> list[str]:
    reference_training_s = 2000 / statistics.median(reference_steps_per_s(2000, 2000, 1e-6) for _ in range(3))
    tutorial = rerun_seconds({})
    million = rerun_seconds({"steps": "1000000"})
    size, build_ms = figure_cost(Settings())
    return [
        f"page (CPU); the reference's own 2000-step training took {reference_training_s:.3f} s in this run",
        "", "| measure | value | target |", "|---|---:|---|",
        f"| uncached rerun, tutorial settings | {tutorial:.3f} s ({tutorial / reference_training_s:.2f}× the "
        "reference's training) | ≤ 1.0× |",
        f"| uncached rerun, 1,000,000 steps | {million:.3f} s ({million / reference_training_s:.2f}× the "
        "reference's training) | ≤ 5× |",
        f"| figure JSON, default view | {size / 1e6:.2f} MB | ≤ 1 MB |",
        f"| figure build, default view | {build_ms:.1f} ms | ≤ 50 ms |",
    ]
