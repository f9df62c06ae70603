"""The page's own costs: an uncached rerun after a slider change, and the figure's size and build time."""
from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from bench.reference import reference_steps_per_s
from components.engine.analysis import analyse
from components.engine.landscape import landscape
from components.engine.modes import eigenmodes
from components.engine.runs import run
from components.state.settings import Settings
from components.ui.controls import ADVANCED_OPEN
from components.ui.panels.convergence import TAB_KEY
from components.views.figures import build_figure
from components.views.landscape_figure import landscape_figure
from components.views.modes_figure import modes_figure, spectrum_figure
from components.views.paths_figure import paths_figure
from components.views.summary import figure_data

APP = Path(__file__).resolve().parents[1] / "app.py"
# Every page measured here has both lower sections open (inside one step, why it converges), as a reader who
# opened them has it: the most a page builds (python -m bench.rerun_cost measures it closed too).
SECTIONS_OPEN = {"inside": "1", "why": "1"}


def rerun_seconds(query: dict[str, str], seeds: range = range(1, 6)) -> float:
    """Median time of a rerun after a change that misses the cache (a new seed), through AppTest."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=120)
    for key, value in (SECTIONS_OPEN | query).items():
        at.query_params[key] = value
    at.session_state[ADVANCED_OPEN] = True  # the seed's box is in the Advanced section
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


SIX_PINS = ["lr:1e-7", "lr:2e-7", "lr:5e-7", "optimizer:momentum", "optimizer:nesterov",
            "basis:legendre,lr:0.0002"]


def pinned_rerun_seconds(seeds: range = range(101, 106)) -> float:
    """Median time of a page with six pinned runs, none cached: a new seed each time (the pins differ from the
    current run in other settings, so they take its seed, and are new runs too)."""
    from streamlit.testing.v1 import AppTest

    times = []
    for seed in seeds:
        at = AppTest.from_file(str(APP), default_timeout=120)
        for key, value in (SECTIONS_OPEN | {"seed": str(seed), "pin": SIX_PINS}).items():
            at.query_params[key] = value
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
        assert not at.exception and len(at.dataframe[0].value) == 7, at.exception
    return statistics.median(times)


def page_json_bytes(query: dict, chart_only: bool = False) -> int:
    """Bytes of every Plotly figure one page sends (the chart, the step's fit, and the convergence panel's
    once each of its tabs has been opened), or of the chart's alone."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=120)
    for key, value in (SECTIONS_OPEN | query).items():
        at.query_params[key] = value
    at.run()
    specs = {chart.proto.id: chart.proto.spec for chart in at.get("plotly_chart")}
    for label in [tab.label for tab in at.tabs][1:] if not chart_only else []:
        at.session_state[f"{TAB_KEY}_en"] = label  # a click on the tab
        specs |= {chart.proto.id: chart.proto.spec for chart in at.run().get("plotly_chart")}
    return sum(len(spec) for key, spec in specs.items() if not chart_only or key.endswith("-chart"))


def new_figure_costs(settings: Settings, repeats: int = 5) -> dict[str, float]:
    """Milliseconds (the median of `repeats`) to build each figure of the convergence panel from the run: its
    maths (the projections, the grid) and its dict."""
    trajectory, analysis = run(settings), analyse(settings)
    names = [str(k) for k in range(settings.degree + 1)]
    builders = {
        "eigenmodes": lambda: modes_figure(eigenmodes(trajectory, analysis)),
        "spectrum": lambda: spectrum_figure(eigenmodes(trajectory, analysis)),
        "landscape": lambda: landscape_figure(landscape(trajectory, analysis), analysis.eigenvalues),
        "coefficient paths": lambda: paths_figure(trajectory.frame_steps, trajectory.frame_coefficients,
                                                  analysis.optimum_power, names, ""),
    }
    costs = {}
    for name, build in builders.items():
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            build()
            times.append(time.perf_counter() - started)
        costs[name] = statistics.median(times) * 1e3
    return costs


def rows() -> list[str]:
    reference_training_s = 2000 / statistics.median(reference_steps_per_s(2000, 2000, 1e-6) for _ in range(3))
    tutorial = rerun_seconds({})
    views = {"taylor": "1", "extrapolate": "1", "axis": "log"}
    pinned = pinned_rerun_seconds()
    pinned_json = page_json_bytes({"pin": SIX_PINS}, chart_only=True)
    with_views = rerun_seconds(views, seeds=range(11, 16))  # seeds of its own: runs nobody cached yet
    million = rerun_seconds({"steps": "1000000"})
    size, build_ms = figure_cost(Settings())
    return [
        f"page (CPU); the reference's own 2000-step training took {reference_training_s:.3f} s in this run",
        "", "| measure | value | target |", "|---|---:|---|",
        f"| uncached rerun, tutorial settings | {tutorial:.3f} s ({tutorial / reference_training_s:.2f}× the "
        "reference's training) | ≤ 1.0× |",
        f"| uncached rerun, tutorial settings, Taylor and extrapolation on | {with_views:.3f} s "
        f"({with_views / reference_training_s:.2f}× the reference's training) | ≤ 1.0× |",
        f"| uncached page, tutorial settings and 6 pinned runs | {pinned:.3f} s "
        f"({pinned / reference_training_s:.2f}× the reference's training) | ≤ 2.0× |",
        f"| uncached rerun, 1,000,000 steps | {million:.3f} s ({million / reference_training_s:.2f}× the "
        "reference's training) | ≤ 5× |",
        f"| figure JSON, default view | {size / 1e6:.2f} MB | ≤ 1 MB |",
        f"| figure build, default view | {build_ms:.1f} ms | ≤ 50 ms |",
        f"| all figures' JSON, one page, tutorial settings | {page_json_bytes({}) / 1e6:.2f} MB | ≤ 1.5 MB |",
        f"| the chart's JSON with 6 pinned runs | {pinned_json / 1e6:.2f} MB | ≤ 2 MB |",
        f"| all figures' JSON, Taylor, extrapolation, log axis, degree 15 Legendre | "
        f"{page_json_bytes({**views, 'degree': '15', 'basis': 'legendre', 'lr': '1e-4'}) / 1e6:.2f} MB "
        "| ≤ 1.5 MB |",
        *(f"| new figure built, {name}, {case} | {ms:.1f} ms | ≤ 30 ms |"
          for case, settings in (("tutorial settings", Settings()),
                                 ("degree 15 Legendre", Settings(degree=15, basis="legendre", lr=1e-4)))
          for name, ms in new_figure_costs(settings).items()),
    ]
