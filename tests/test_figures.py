"""The figure: its traces, fixed axes, frames, controls, size, and the loss downsampling behind it."""
from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.polynomial import polynomial as P

from components.engine.training import FRAME_COUNT
from components.views.figures import (
    FigureData,
    build_figure,
    downsample_loss,
    for_projector,
    polynomial_values,
    significant,
)

ROOT = Path(__file__).resolve().parents[1]
MOVING = ["fit", "fit off the chart", "fit off the chart", "equation", "loss so far", "current step"]


def sine_example(degree: int = 3, noise: float = 0.0, steps: int = 2000, points: int = 2000,
                 diverged_at: int | None = None) -> FigureData:
    """sin on [-π, π], its least-squares polynomial, and 200 frames of coefficients moving toward it: twice
    the page's FRAME_COUNT, so that the size checks below hold with room to spare."""
    x = np.linspace(-np.pi, np.pi, points)
    target = np.sin(x)
    rng = np.random.default_rng(1)
    y = target + noise * rng.standard_normal(points)
    best = P.polyfit(x, y, degree)
    optimum = P.polyval(x, best)
    optimum_loss = float(np.sum((optimum - y) ** 2))
    frame_steps = np.unique(np.concatenate([np.arange(100),
                                            np.geomspace(100, steps, 100).round()])).astype(np.int64)
    assert len(frame_steps) == 200
    start = rng.standard_normal(degree + 1) * 0.1
    progress = 1 - np.exp(-frame_steps / (steps / 6))
    coefficients = start + progress[:, None] * (best - start)
    loss = (optimum_loss + 1e4 * np.exp(-np.arange(steps + 1) / (steps / 6))).astype(np.float32)
    return FigureData(
        x=x, target=target, optimum=optimum, optimum_loss=optimum_loss, loss=loss, frame_steps=frame_steps,
        frame_coefficients=coefficients, title=f"Degree {degree} polynomial fitted to sin(x)",
        target_label="sin(x)", sample_x=x if noise else None, sample_y=y if noise else None,
        diverged_at=diverged_at,
    )


def trace(figure: dict, name: str) -> dict:
    (found,) = [t for t in figure["data"] if t["name"] == name]
    return found


def to_json(figure: dict) -> str:
    """JSON as a browser would get it; numpy leftovers converted, NaN refused (it is not JSON)."""
    return json.dumps(figure, allow_nan=False,
                      default=lambda o: o.tolist() if hasattr(o, "tolist") else str(o))


def test_importing_figures_needs_neither_torch_nor_streamlit():
    script = (
        "import sys; sys.modules['torch'] = None; sys.modules['streamlit'] = None\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "import numpy as np\n"
        "from components.views.figures import FigureData, build_figure\n"
        "x = np.linspace(-1, 1, 50)\n"
        "data = FigureData(x=x, target=x**2, optimum=x**2, optimum_loss=0.5, "
        "loss=np.array([3.0, 2.0, 1.0], np.float32),\n"
        "                  frame_steps=np.array([0, 2]), "
        "frame_coefficients=np.array([[0, 0, 0.5], [0, 0, 1.0]]))\n"
        "print(len(build_figure(data)['frames']))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"


def test_the_traces_are_named_and_samples_appear_only_with_noise():
    clean, noisy = build_figure(sine_example()), build_figure(sine_example(noise=0.3))
    names = [t["name"] for t in clean["data"]]
    assert {"target", "optimum", "fit", "loss", "loss so far", "current step", "optimum loss"} <= set(names)
    assert "samples" not in names
    assert [t["name"] for t in noisy["data"]].count("samples") == 1
    samples = trace(noisy, "samples")
    assert samples["mode"] == "markers" and len(samples["x"]) == len(samples["y"]) > 100
    assert trace(clean, "optimum")["line"]["dash"] == "dash"
    assert trace(clean, "fit")["line"]["width"] >= 3 and trace(clean, "target")["line"]["width"] >= 3
    for name in ("loss", "loss so far", "current step", "optimum loss"):
        assert (trace(clean, name)["xaxis"], trace(clean, name)["yaxis"]) == ("x2", "y2")
    assert all(t["type"] == "scatter" for t in clean["data"])


@pytest.mark.parametrize("noise", [0.0, 0.3])
def test_frames_update_only_the_moving_traces(noise):
    data = sine_example(noise=noise)
    figure = build_figure(data)
    frames = figure["frames"]
    assert len(frames) == len(data.frame_steps) <= 200
    assert [f["name"] for f in frames] == [str(s) for s in data.frame_steps]
    names = [t["name"] for t in figure["data"]]
    for frame in frames:
        assert [names[i] for i in frame["traces"]] == MOVING
        assert len(frame["data"]) == len(MOVING)
        assert all(d["type"] == "scatter" for d in frame["data"])
    # The marker sits on the frame's own step, and the strong loss curve ends there.
    for frame, step in zip(frames, data.frame_steps):
        by_name = {names[i]: d for i, d in zip(frame["traces"], frame["data"])}
        assert by_name["current step"]["x"] == [int(step)]
        assert by_name["current step"]["y"][0] == pytest.approx(float(data.loss[step]), rel=1e-3)
        assert by_name["loss so far"]["x"][-1] == int(step) and max(by_name["loss so far"]["x"]) == int(step)


def test_the_static_view_is_the_last_frame_and_draws_the_trained_polynomial():
    data = sine_example()
    figure = build_figure(data)
    fit = trace(figure, "fit")
    x = np.array(fit["x"])
    expected = polynomial_values(data.frame_coefficients[-1], x)
    y_low, y_high = figure["layout"]["yaxis"]["range"]
    np.testing.assert_allclose(fit["y"], expected, atol=(y_high - y_low) / 1000)
    last = figure["frames"][-1]
    fit_index = [t["name"] for t in figure["data"]].index("fit")
    assert last["data"][last["traces"].index(fit_index)]["y"] == fit["y"]
    assert trace(figure, "current step")["x"] == [int(data.frame_steps[-1])]
    # An early frame draws a different polynomial: the animation really moves.
    assert figure["frames"][0]["data"][0]["y"] != fit["y"]


def test_the_fit_axes_are_fixed_around_the_target_and_the_optimum():
    data = sine_example(degree=15)
    layout = build_figure(data)["layout"]
    low, high = layout["yaxis"]["range"]
    assert layout["yaxis"]["autorange"] is False and layout["xaxis"]["autorange"] is False
    for curve in (data.target, data.optimum):
        assert low < curve.min() and curve.max() < high
    assert high - low < 2 * (max(data.target.max(), data.optimum.max())
                             - min(data.target.min(), data.optimum.min()))
    assert layout["xaxis"]["range"] == pytest.approx([-math.pi, math.pi])


def test_the_loss_axis_is_log_and_fixed_over_the_whole_run():
    data = sine_example()
    figure = build_figure(data)
    layout = figure["layout"]
    assert layout["yaxis2"]["type"] == "log" and layout["yaxis2"]["autorange"] is False
    low, high = layout["yaxis2"]["range"]  # in decades
    assert low < math.log10(data.optimum_loss) and math.log10(float(data.loss.max())) < high
    assert layout["xaxis2"]["range"] == [0, len(data.loss) - 1]
    assert trace(figure, "optimum loss")["y"] == pytest.approx([data.optimum_loss] * 2)
    # faint vs strong
    assert trace(figure, "loss")["line"]["color"] != trace(figure, "loss so far")["line"]["color"]


def test_losses_at_or_below_zero_and_non_finite_do_not_break_the_log_axis():
    data = sine_example()
    loss = data.loss.copy()
    loss[5], loss[6], loss[7] = 0.0, -1.0, np.nan
    broken = FigureData(**{**data.__dict__, "loss": loss, "optimum_loss": 0.0})
    figure = build_figure(broken)
    to_json(figure)  # no NaN anywhere
    low, high = figure["layout"]["yaxis2"]["range"]
    assert math.isfinite(low) and math.isfinite(high) and low < high
    for name in ("loss", "loss so far", "optimum loss"):
        values = [v for v in trace(figure, name)["y"] if v is not None]
        assert values and min(values) > 0 and math.log10(min(values)) >= low - 1e-9


def test_play_pause_and_a_slider_with_one_step_per_frame():
    data = sine_example()
    layout = build_figure(data)["layout"]
    menu = layout["updatemenus"][0]  # Play and Pause; the speeds come after them
    play, pause = menu["buttons"]
    assert menu["type"] == "buttons" and "Play" in play["label"] and "Pause" in pause["label"]
    assert play["method"] == pause["method"] == "animate"
    assert (play["args"][0] is None and play["args"][1]["frame"]["redraw"] is False
            and play["args"][1]["fromcurrent"])
    assert pause["args"][0] == [None] and pause["args"][1]["frame"]["duration"] == 0
    (slider,) = layout["sliders"]
    assert [s["label"] for s in slider["steps"]] == [str(s) for s in data.frame_steps]
    assert [s["args"][0] for s in slider["steps"]] == [[str(s)] for s in data.frame_steps]
    assert all(s["method"] == "animate" and s["args"][1]["frame"]["redraw"] is False for s in slider["steps"])
    assert slider["active"] == len(data.frame_steps) - 1
    assert slider["currentvalue"]["prefix"] == "step " and slider["currentvalue"]["suffix"] == " of 2,000"
    # plotly labels every k-th tick, which ends short of the last step: the ticks go unlabelled
    assert (slider["font"]["color"] == "rgba(0, 0, 0, 0)"
            and slider["currentvalue"]["font"]["color"] != "rgba(0, 0, 0, 0)")


def font_sizes(node) -> list[float]:
    """Every font size anywhere in the figure."""
    if isinstance(node, dict):
        own = [node["font"]["size"]] if isinstance(node.get("font"), dict) and "size" in node["font"] else []
        return own + [size for value in node.values() for size in font_sizes(value)]
    if isinstance(node, list):
        return [size for value in node for size in font_sizes(value)]
    return []


@pytest.mark.parametrize("font_size", [14, 16, 22])
def test_every_text_is_readable_from_the_back_of_the_hall(font_size):
    figure = build_figure(sine_example(noise=0.2, diverged_at=1234), font_size=font_size)
    layout = figure["layout"]
    sizes = font_sizes(figure)
    assert len(sizes) >= 8 and min(sizes) >= font_size >= 14
    titles = " ".join(a["text"] for a in layout["annotations"])
    assert "The fit" in titles and "Loss (log scale)" in titles
    assert "diverged at<br>step 1,234" in titles  # inside the loss panel, beside a line at that step
    (line,) = layout["shapes"]
    assert line["xref"] == "x2" and line["x0"] == line["x1"] == 1234
    assert ([layout[a]["title"]["text"] for a in ("xaxis", "yaxis", "xaxis2", "yaxis2")]
            == ["x", "y", "step", "loss"])
    assert layout["autosize"] is True and "width" not in layout and 450 <= layout["height"] <= 600
    assert layout["legend"]["orientation"] == "h"
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "white"


def test_the_projector_figure_has_large_type_thick_lines_and_long_legend_swatches():
    import plotly.graph_objects as go

    figure = build_figure(sine_example(noise=0.2))
    hall = for_projector(figure, font_size=22, line_scale=1.6)
    go.Figure(hall)  # still valid for plotly
    assert min(font_sizes(hall)) >= 22
    assert trace(hall, "fit")["line"]["width"] == pytest.approx(1.6 * trace(figure, "fit")["line"]["width"])
    assert hall["layout"]["legend"]["itemwidth"] == round(1.6 * figure["layout"]["legend"]["itemwidth"])
    assert figure["layout"]["legend"]["itemwidth"] >= 30  # plotly's least
    assert hall["frames"] == figure["frames"]
    # One legend entry per colour, so that the legend fits one row on a 1024-pixel projector.
    shown = [t["name"] for t in hall["data"] if t.get("showlegend", True)]
    assert shown == ["samples", "target", "optimum", "fit"]
    assert trace(hall, "optimum")["legendgroup"] == trace(hall, "optimum loss")["legendgroup"]
    assert trace(hall, "fit")["legendgroup"] == trace(hall, "loss so far")["legendgroup"]


def test_the_figure_is_plain_json_under_a_megabyte_and_valid_for_plotly():
    data = sine_example(degree=15)
    started = time.perf_counter()
    figure = build_figure(data)
    built = time.perf_counter() - started
    json.dumps(figure, allow_nan=False)  # plain Python values only: no numpy left in the dict
    size = len(to_json(figure))
    import plotly.graph_objects as go

    started = time.perf_counter()
    go.Figure(figure)  # what st.plotly_chart does with a dict: raises on any misspelt attribute
    validated = time.perf_counter() - started
    print(f"\n200 frames, degree 15: {size / 1e6:.3f} MB of JSON, built in {built * 1e3:.1f} ms, "
          f"validated by plotly in {validated * 1e3:.0f} ms")
    assert len(figure["frames"]) == 200
    assert size <= 1_000_000


def test_default_size_build_time_is_printed():
    data = sine_example()
    started = time.perf_counter()
    figure = build_figure(data)
    print("\ndegree 3, 2000 points, 200 frames (twice the page's): built in "
          f"{(time.perf_counter() - started) * 1e3:.1f} ms, {len(to_json(figure)) / 1e6:.3f} MB")
    assert len(figure["frames"]) == 200


def test_polynomial_values_are_ordinary_powers_of_x():
    c = np.array([0.5, -1.0, 2.0, 0.25])
    x = np.linspace(-3, 3, 7)
    np.testing.assert_allclose(polynomial_values(c, x), 0.5 - x + 2 * x**2 + 0.25 * x**3)
    rows = np.stack([c, 2 * c])
    np.testing.assert_allclose(polynomial_values(rows, x), [P.polyval(x, c), P.polyval(x, 2 * c)])
    assert polynomial_values(c.astype(np.float32), x.astype(np.float32)).dtype == np.float64


def test_downsampling_keeps_a_spike_the_ends_and_a_bounded_size():
    steps = 1_000_000
    loss = (10 + 1e4 * np.exp(-np.arange(steps + 1) / 5e4)).astype(np.float32)
    loss[654_321] = 1e6
    kept_steps, kept = downsample_loss(loss, 2000)
    assert len(kept_steps) <= 2000
    assert kept_steps[0] == 0 and kept_steps[-1] == steps
    assert kept.max() == pytest.approx(1e6) and 654_321 in kept_steps
    assert kept.min() == pytest.approx(float(loss.min()))
    assert np.all(np.diff(kept_steps) > 0)
    np.testing.assert_allclose(kept, loss[kept_steps])


def downsampled_one_bucket_at_a_time(loss: np.ndarray, max_points: int) -> tuple[list[int], list[float]]:
    """downsample_loss as its docstring says it, bucket by bucket: what the one-pass version must equal."""
    values = np.asarray(loss, dtype=np.float64)
    steps = np.flatnonzero(np.isfinite(values))
    values = values[steps]
    if len(steps) <= max_points:
        return steps.tolist(), values.tolist()
    buckets = max(1, (max_points - 2) // 2)
    edges = np.unique(np.round(np.geomspace(1, steps[-1] + 1, buckets + 1)).astype(np.int64) - 1)
    bounds = np.searchsorted(steps, edges)
    keep = {0, len(steps) - 1}
    for start, stop in zip(bounds[:-1], bounds[1:]):
        if stop > start:
            keep |= {start + int(np.argmin(values[start:stop])), start + int(np.argmax(values[start:stop]))}
    index = sorted(keep)
    return steps[index].tolist(), values[index].tolist()


@settings(max_examples=200, deadline=None)
@given(hnp.arrays(np.float64, st.integers(1, 3000),
                  elements=st.one_of(st.floats(0, 1e6), st.sampled_from([np.nan, np.inf, 1.0, 0.5]))),
       st.sampled_from([4, 5, 150, 2000]))
def test_downsampling_in_one_pass_keeps_what_a_bucket_by_bucket_pass_keeps(loss, max_points):
    kept_steps, kept = downsample_loss(loss, max_points)
    assert (kept_steps.tolist(), kept.tolist()) == downsampled_one_bucket_at_a_time(loss, max_points)


def as_text(values: np.ndarray, digits: int, positive: bool) -> list[float | None]:
    return [float(f"{v:.{digits}g}") if math.isfinite(v) and (v > 0 or not positive) else None
            for v in values.tolist()]


@settings(max_examples=300, deadline=None)
@given(hnp.arrays(np.float64, st.integers(0, 200), elements=st.floats(allow_nan=True, allow_infinity=True)),
       st.integers(1, 17), st.booleans())
def test_significant_digits_are_the_numbers_their_text_reads(values, digits, positive):
    got, expected = significant(values, digits, positive), as_text(values, digits, positive)
    assert [None if v is None else (v, math.copysign(1, v)) for v in got] == \
        [None if v is None else (v, math.copysign(1, v)) for v in expected]


def test_significant_digits_agree_on_halves_powers_of_ten_and_every_size():
    rng = np.random.default_rng(0)
    sizes = 10.0 ** rng.integers(-320, 308, 20_000)
    values = np.concatenate([sizes * rng.choice([1, 0.99995, 1.00005, 9.9995, 0.5, 0.12345], len(sizes)),
                             rng.lognormal(0, 20, 20_000), -rng.lognormal(0, 3, 20_000),
                             [0.0, -0.0, 5e-324, 1.7976931348623157e308, 9.9995, 99.995, 999.95, 1e22, 1e23]])
    for digits in (3, 4):
        got = significant(values, digits)
        assert all(g == e and math.copysign(1, g) == math.copysign(1, e)
                   for g, e in zip(got, as_text(values, digits, False)))


def test_downsampling_drops_non_finite_values_and_leaves_short_curves_alone():
    loss = np.array([5.0, np.nan, 4.0, np.inf, 3.0, -np.inf, 2.0], dtype=np.float32)
    kept_steps, kept = downsample_loss(loss)
    assert kept_steps.tolist() == [0, 2, 4, 6] and kept.tolist() == [5.0, 4.0, 3.0, 2.0]
    long = np.full(100_001, 1.0, dtype=np.float32)
    long[::7] = np.nan
    kept_steps, kept = downsample_loss(long, 500)
    assert len(kept) <= 500 and np.isfinite(kept).all() and kept_steps[-1] == 100_000
    just_over = np.linspace(9, 1, 2001)
    kept_steps, kept = downsample_loss(just_over, 2000)
    assert len(kept) <= 2000 and kept_steps[0] == 0 and kept_steps[-1] == 2000


@pytest.mark.parametrize("changes", [{}, {"degree": 5}])
def test_a_real_run_draws_its_trained_polynomial(changes):
    """The tutorial's settings for 300 steps; at degree 5 its learning rate diverges."""
    import torch

    from components.engine.analysis import analyse
    from components.engine.training import fit_trajectory
    from components.problem.targets import target_label, target_values
    from components.state.settings import Settings

    settings = Settings(steps=300, **changes)
    trajectory, analysis = fit_trajectory(settings), analyse(settings)
    x = np.linspace(settings.xmin, settings.xmax, 2000)
    data = FigureData(
        x=x,
        target=target_values(settings.target, torch.from_numpy(x), settings.domain).numpy(),
        optimum=polynomial_values(analysis.optimum_power, x),
        optimum_loss=analysis.optimum_loss,
        loss=trajectory.loss,
        frame_steps=trajectory.frame_steps,
        frame_coefficients=trajectory.frame_coefficients,
        title="A real run",
        target_label=target_label(settings.target),
        diverged_at=trajectory.diverged_at,
    )
    figure = build_figure(data)
    to_json(figure)
    assert len(figure["frames"]) == len(trajectory.frame_steps) <= FRAME_COUNT
    fit = trace(figure, "fit")
    low, high = figure["layout"]["yaxis"]["range"]
    assert low < -1 and 1 < high  # sin's range, whatever the polynomial does
    expected = polynomial_values(trajectory.final_coefficients, np.array(fit["x"]))
    visible = (expected > low) & (expected < high)
    np.testing.assert_allclose(np.array(fit["y"])[visible], expected[visible], atol=(high - low) / 1000)
    titles = " ".join(a["text"] for a in figure["layout"]["annotations"])
    if changes:
        assert (trajectory.diverged_at is not None
                and f"diverged at<br>step {trajectory.diverged_at}" in titles)
        assert figure["layout"]["xaxis2"]["range"][1] == trajectory.diverged_at == trajectory.last_step + 1
    else:
        assert trajectory.diverged_at is None and "diverged" not in titles
        assert len(figure["frames"]) == FRAME_COUNT
        # Still short of the optimum after 300 steps, as the tutorial is: the loss ends above the dashed line.
        assert trace(figure, "current step")["y"][0] > analysis.optimum_loss


def test_a_fit_off_the_chart_is_marked_at_the_edge_it_left_with_its_value():
    data = sine_example()
    low = data.frame_coefficients.copy()
    low[-1] = [0, 0, 0, 0]
    low[-2] = [50.0, 0, 0, 0]  # the whole polynomial far above the chart
    low[-3] = [0, 0, 0, -3.0]  # −3x³: below at the right end, above at the left
    figure = build_figure(FigureData(**{**data.__dict__, "frame_coefficients": low}))
    names = [t["name"] for t in figure["data"]]
    above, below = [i for i, n in enumerate(names) if n == "fit off the chart"]
    (y_low, y_high), (x_low, x_high) = figure["layout"]["yaxis"]["range"], figure["layout"]["xaxis"]["range"]

    def edges(frame: dict) -> tuple[dict, dict]:
        by_index = dict(zip(frame["traces"], frame["data"]))
        return by_index[above], by_index[below]

    up, down = edges(figure["frames"][-2])
    assert up["y"] == [y_high] and up["text"] == ["50"] and down["y"] == [None]
    up, down = edges(figure["frames"][-3])
    assert up["y"] == [y_high] and down["y"] == [y_low] and down["text"][0].startswith("−93")
    assert x_low < up["x"][0] < down["x"][0] < x_high  # inside the panel, the left end above, the right below
    up, down = edges(figure["frames"][-1])
    assert up["y"] == down["y"] == [None]  # on the chart: no marker (one blank point, so the last one goes)
    assert (figure["data"][above]["marker"]["symbol"] == "triangle-up"
            and figure["data"][above]["cliponaxis"] is False)


def test_every_frame_carries_its_own_equation_in_a_band_above_the_panels():
    data = sine_example(degree=15)
    lines = [f"y = {i} + x<br>+ x²<br>+ x³" for i in range(len(data.frame_steps))]
    figure = build_figure(FigureData(**{**data.__dict__, "frame_equations": lines}))
    index = [t["name"] for t in figure["data"]].index("equation")
    assert ([dict(zip(f["traces"], f["data"]))[index]["text"] for f in figure["frames"]]
            == [[line] for line in lines])
    assert figure["data"][index]["text"] == [lines[-1]] and figure["data"][index]["mode"] == "text"
    layout = figure["layout"]
    band, panels = layout["yaxis3"]["domain"], layout["yaxis"]["domain"]
    assert panels[1] < band[0] < band[1] == 1.0 and layout["yaxis2"]["domain"] == panels
    assert layout["height"] > build_figure(data)["layout"]["height"]  # three lines of equation take room


def test_the_divergence_label_is_written_on_the_panels_side_of_its_line():
    data = sine_example()
    early = build_figure(FigureData(**{**data.__dict__, "loss": data.loss[:1], "diverged_at": 0}))["layout"]
    late = build_figure(sine_example(diverged_at=1234))["layout"]
    assert early["annotations"][-1]["xanchor"] == "left" and late["annotations"][-1]["xanchor"] == "right"


def test_the_log_step_axis_starts_at_step_1_and_says_so():
    figure = build_figure(sine_example(diverged_at=1500), step_axis="log")
    axis = figure["layout"]["xaxis2"]
    assert axis["type"] == "log" and axis["range"] == [0.0, pytest.approx(math.log10(2000))]
    assert "log" in axis["title"]["text"]
    assert trace(figure, "optimum loss")["x"][0] == 1  # a level line from step 0 would vanish on a log axis
    (label,) = [a for a in figure["layout"]["annotations"] if "diverged" in a["text"]]
    assert label["x"] == pytest.approx(math.log10(1500))  # annotations on a log axis take the logarithm
    linear = build_figure(sine_example())["layout"]["xaxis2"]
    assert "type" not in linear and linear["range"] == [0, 2000]


def test_the_speed_control_plays_in_the_browser_at_three_frame_durations():
    figure = build_figure(sine_example(), lang="ko")
    play_pause, speeds = figure["layout"]["updatemenus"]  # the autoplay presses the first ▶: Play's
    play = play_pause["buttons"][0]
    slow, fast = speeds["buttons"]
    durations = [b["args"][1]["frame"]["duration"] for b in (slow, play, fast)]
    assert durations == sorted(durations, reverse=True) and len(set(durations)) == 3  # slow, normal, fast
    assert all(b["method"] == "animate" and b["args"][1]["fromcurrent"] for b in speeds["buttons"])
    assert [b["label"] for b in speeds["buttons"]] == ["▶ 느리게", "▶ 빠르게"] and play["label"] == "▶ 재생"


def test_extrapolation_shades_the_training_domain_and_keeps_the_height_of_its_inside():
    data = sine_example()
    x = np.linspace(-1.5 * np.pi, 1.5 * np.pi, 600)
    wide = FigureData(**{**vars(data), "x": x, "target": np.sin(x), "training_domain": (-np.pi, np.pi),
                         "optimum": P.polyval(x, P.polyfit(data.x, data.target, 3))})
    figure = build_figure(wide)
    layout = figure["layout"]
    assert layout["xaxis"]["range"] == [pytest.approx(-1.5 * np.pi), pytest.approx(1.5 * np.pi)]
    (shade,) = layout["shapes"]
    assert (shade["x0"], shade["x1"], shade["type"]) == (-np.pi, np.pi, "rect")
    low, high = layout["yaxis"]["range"]
    assert -1.5 < low < -1 and 1 < high < 1.5  # the cubic outside (±5.7 at ±1.5π) does not stretch the panel
    assert max(trace(figure, "optimum")["y"]) > 2 * high  # it leaves the panel: drawn, seen to leave


def test_the_taylor_polynomial_is_drawn_beside_the_optimum_in_the_legend():
    data = sine_example()
    taylor = data.x - data.x**3 / 6
    figure = build_figure(FigureData(**{**vars(data), "taylor": taylor, "taylor_label": "Taylor"}))
    drawn = trace(figure, "Taylor")
    assert drawn["line"]["dash"] == "dashdot" and drawn["x"] == trace(figure, "optimum")["x"]
    ranks = {t["name"]: t["legendrank"] for t in figure["data"]}
    assert ranks["optimum"] < ranks["Taylor"] < ranks["fit"]
    low, high = figure["layout"]["yaxis"]["range"]
    assert min(drawn["y"]) >= low - 100 * (high - low)  # far values cut short, as the fit's are
