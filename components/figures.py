"""The playground's figure: the fit (left) and the loss (right), animated over the kept steps.

Only numpy and the standard library: no Streamlit and no torch, so the figure can be built and
tested anywhere. The figure is a plain dict in Plotly's figure schema. Frames are built as plain
dicts because `go.Frame` validation is several times slower, and each frame carries only the
three traces that move (the fit, the strong loss curve and the current-step marker), so 200 of
them stay well under a megabyte. Its words (titles, legend, buttons) are in the language `lang`
asks for (components/i18n.py); the traces are named in that language too.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from components.i18n import text

FIT_POINTS = 300  # the moving polynomial is re-sent in every frame: 300 x keep it smooth and small
CURVE_POINTS = 1000  # at most this many points for what is drawn once (target, optimum, samples)
LOSS_POINTS = 2000  # the faint loss curve, drawn once
LOSS_SO_FAR_POINTS = 150  # the strong loss curve is re-sent in every frame, so it is coarser
Y_MARGIN = 0.15  # of the span, above and below the target and the optimum
LOG_MARGIN = 0.05  # of the span in decades, around the losses
HEIGHT = 540
TITLE_PX, LEGEND_PX, PANEL_TITLE_PX = 40, 38, 34  # the bands above the plots, top down
BOTTOM_PX = 165  # below the plots: x tick labels and axis titles, then buttons and slider
AXIS_TITLES_PX = 68
LEGEND_SWATCH_PX = 36  # a legend line's length at normal size, scaled with the lines in a hall
BUTTONS_EM = 12  # the Play and Pause buttons' width in font sizes: the slider starts after them

TARGET_COLOUR = "#1A1A1A"  # near black: survives any projector
FIT_COLOUR = "#D55E00"  # Okabe–Ito vermillion (colour-blind safe)
OPTIMUM_COLOUR = "#0072B2"  # Okabe–Ito blue
SAMPLE_COLOUR = "#8C8C8C"
FAINT_FIT_COLOUR = "rgba(213, 94, 0, 0.3)"  # the vermillion, washed out: the whole loss curve

# Play: run from the frame shown; redraw False animates the traces in place (fast, no re-layout).
PLAY_ARGS = [None, {"frame": {"duration": 60, "redraw": False}, "fromcurrent": True,
                    "transition": {"duration": 0}, "mode": "immediate"}]
PAUSE_ARGS = [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}]
JUMP_ARGS = {"mode": "immediate", "frame": {"duration": 0, "redraw": False}, "transition": {"duration": 0}}


@dataclass(frozen=True)
class FigureData:
    """Everything the figure draws, as plain numpy arrays (coefficients are powers of x)."""

    x: np.ndarray  # float64, increasing: where the target and the optimum are drawn
    target: np.ndarray  # the target function at x
    optimum: np.ndarray  # the least-squares polynomial at x
    optimum_loss: float
    loss: np.ndarray  # float32, the loss at steps 0..last
    frame_steps: np.ndarray  # int, increasing, at most 200, each in 0..last
    frame_coefficients: np.ndarray  # float64 (frames, degree + 1): c0 + c1 x + c2 x² + …
    title: str = ""
    target_label: str = ""  # e.g. "sin(x)"
    sample_x: np.ndarray | None = None  # the noisy training samples, only when noise > 0
    sample_y: np.ndarray | None = None
    diverged_at: int | None = None


def polynomial_values(coefficients: np.ndarray, x: np.ndarray) -> np.ndarray:
    """c0 + c1 x + c2 x² + … at every x, in float64 (Horner); a 2-D input gives one row per coefficient row."""
    c = np.asarray(coefficients, dtype=np.float64)
    x = np.asarray(x, dtype=np.float64)
    y = np.zeros(c.shape[:-1] + x.shape)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging fit may overflow: inf is drawn off-axis
        for k in range(c.shape[-1] - 1, -1, -1):
            y = y * x + c[..., k, None]
    return y


def downsample_loss(loss: np.ndarray, max_points: int = 2000) -> tuple[np.ndarray, np.ndarray]:
    """(steps, values): each log-spaced bucket of steps keeps its min and max, so spikes stay visible.

    Step 0 and the last finite step are always kept; non-finite values are dropped.
    """
    values = np.asarray(loss, dtype=np.float64)
    steps = np.flatnonzero(np.isfinite(values))
    values = values[steps]
    if len(steps) <= max_points:
        return steps, values
    # Buckets are log-spaced because the loss moves fastest at the start (and is drawn against a
    # log-spaced choice of frames); the first buckets hold a single step each.
    buckets = max(1, (max_points - 2) // 2)
    edges = np.unique(np.round(np.geomspace(1, steps[-1] + 1, buckets + 1)).astype(np.int64) - 1)
    bounds = np.searchsorted(steps, edges)
    keep = {0, len(steps) - 1}
    for start, stop in zip(bounds[:-1], bounds[1:]):
        if stop > start:
            segment = values[start:stop]
            keep.update((start + int(np.argmin(segment)), start + int(np.argmax(segment))))
    index = np.array(sorted(keep))
    return steps[index], values[index]


def build_figure(data: FigureData, font_size: int = 16, lang: str = "en") -> dict[str, Any]:
    """The two-panel animated figure, as a plain dict: {"data": [...], "layout": {...}, "frames": [...]}."""
    trace_name = {key: text(lang, f"figure.{key}") for key in (  # the legend's names
        "samples", "target", "optimum", "fit", "loss", "loss_so_far", "current_step", "optimum_loss")}
    x = np.asarray(data.x, dtype=np.float64)
    frame_steps = np.asarray(data.frame_steps, dtype=np.int64)
    loss = np.asarray(data.loss, dtype=np.float64)
    if not len(frame_steps) or not len(x):
        raise ValueError("a figure needs at least one frame and one x")
    last = max(len(loss) - 1, 0)

    # The fit panel: ranges fixed by the target and the optimum, so it never rescales while playing.
    y_low, y_high = _fixed_range(np.concatenate([data.target, data.optimum]).astype(np.float64))
    span = y_high - y_low
    x_places, y_places = _decimals(float(x[-1] - x[0])), _decimals(span)
    fit_x = np.linspace(x[0], x[-1], FIT_POINTS)
    # Far off-axis values are cut to 100 spans beyond the range: invisible either way, short in JSON.
    fits = np.clip(polynomial_values(data.frame_coefficients, fit_x), y_low - 100 * span, y_high + 100 * span)
    fit_rows = [_numbers(row, y_places) for row in fits]

    def line(name: str, xs: np.ndarray, ys: np.ndarray, colour: str, width: int, dash: str = "solid") -> dict[str, Any]:
        return {"type": "scatter", "name": name, "mode": "lines", "x": _numbers(np.asarray(xs, np.float64), x_places),
                "y": _numbers(np.asarray(ys, np.float64), y_places), "line": {"color": colour, "width": width, "dash": dash}}

    curve = _thin(len(x), CURVE_POINTS)
    fit_traces: list[dict[str, Any]] = []
    if data.sample_x is not None and data.sample_y is not None and len(data.sample_x):
        pick = _thin(len(data.sample_x), CURVE_POINTS)
        samples = line(trace_name["samples"], np.asarray(data.sample_x)[pick], np.asarray(data.sample_y)[pick],
                       SAMPLE_COLOUR, 1)
        del samples["line"]
        fit_traces.append({**samples, "mode": "markers",  # first, so drawn under the curves
                           "marker": {"color": SAMPLE_COLOUR, "size": 6, "opacity": 0.6}})
    fit_traces += [
        line(trace_name["target"], x[curve], np.asarray(data.target)[curve], TARGET_COLOUR, 3),
        line(trace_name["optimum"], x[curve], np.asarray(data.optimum)[curve], OPTIMUM_COLOUR, 3, "dash"),
        line(trace_name["fit"], fit_x, fits[-1], FIT_COLOUR, 4),  # the last frame: the trained polynomial
    ]

    # The loss panel: a log axis, which cannot show a loss <= 0, so such values sit on its floor.
    loss_low, loss_high = _log_range(np.append(loss, data.optimum_loss))
    floor = 10.0**loss_low
    all_steps, all_values = downsample_loss(loss, LOSS_POINTS)
    coarse_steps, coarse_values = downsample_loss(loss, LOSS_SO_FAR_POINTS)
    coarse_y = _significant(np.maximum(coarse_values, floor))

    def loss_at(i: int) -> list[dict[str, Any]]:
        """The strong curve up to frame i, ending on the frame's own step, and the marker there."""
        step = int(frame_steps[i])
        finite = step < len(loss) and bool(np.isfinite(loss[step]))
        here = _significant(np.array([max(loss[step], floor)]))[0] if finite else None
        cut = int(np.searchsorted(coarse_steps, step, side="right"))
        so_far_x, so_far_y = coarse_steps[:cut].tolist(), coarse_y[:cut]
        if here is not None and (not so_far_x or so_far_x[-1] != step):
            so_far_x, so_far_y = so_far_x + [step], so_far_y + [here]
        return [{"type": "scatter", "x": so_far_x, "y": so_far_y}, {"type": "scatter", "x": [step], "y": [here]}]

    so_far_now, marker_now = loss_at(len(frame_steps) - 1)
    # The three loss traces share one legend entry (the strong line): a short legend fits in one row
    # on a narrow page, and one click hides or shows the loss as a whole.
    on_right = {"xaxis": "x2", "yaxis": "y2", "legendgroup": "loss"}
    optimum_loss = max(data.optimum_loss, floor) if math.isfinite(data.optimum_loss) else None
    loss_traces = [
        {"type": "scatter", "name": trace_name["loss"], "mode": "lines", "x": all_steps.tolist(), **on_right,
         "showlegend": False,
         "y": _significant(np.maximum(all_values, floor)), "line": {"color": FAINT_FIT_COLOUR, "width": 2}},
        {**so_far_now, "name": trace_name["loss_so_far"], "mode": "lines", **on_right,
         "line": {"color": FIT_COLOUR, "width": 3}},
        {**marker_now, "name": trace_name["current_step"], "mode": "markers", **on_right, "showlegend": False,
         "cliponaxis": False,  # drawn whole at the last step, on the axis' edge
         "marker": {"color": FIT_COLOUR, "size": 14, "line": {"color": TARGET_COLOUR, "width": 2}}},
        {"type": "scatter", "name": trace_name["optimum_loss"], "mode": "lines", "x": [0, last],
         "y": [optimum_loss] * 2, "xaxis": "x2", "yaxis": "y2", "line": {"color": OPTIMUM_COLOUR, "width": 3, "dash": "dash"}},
    ]
    traces = fit_traces + loss_traces
    order = [t["name"] for t in traces]
    moving = [order.index(trace_name[key]) for key in ("fit", "loss_so_far", "current_step")]

    names = [str(int(s)) for s in frame_steps]
    # x is left out of the fit's frame data: it never changes, and plotly.js keeps a trace's own x
    # when a frame gives only y, which halves the size of the 200 copies of the fit.
    frames = [{"name": name, "traces": moving, "data": [{"type": "scatter", "y": fit_rows[i]}, *loss_at(i)]}
              for i, name in enumerate(names)]
    loss_title = (text(lang, "figure.loss_panel") if data.diverged_at is None
                  else text(lang, "figure.loss_panel_diverged", step=data.diverged_at))
    # Short: a panel may be 300 px wide.
    fit_title = text(lang, "figure.fit_panel", target=data.target_label or text(lang, "figure.target_fallback"))
    layout = _layout(data.title, fit_title, loss_title, font_size, (float(x[0]), float(x[-1])),
                     (y_low, y_high), (0, max(last, 1)), (loss_low, loss_high), names, lang)
    return {"data": traces, "layout": layout, "frames": frames}


def _layout(title: str, fit_title: str, loss_title: str, font_size: int, x_range: tuple[float, float],
            y_range: tuple[float, float], step_range: tuple[int, int], log_range: tuple[float, float],
            names: list[str], lang: str) -> dict[str, Any]:
    """Two panels side by side with fixed ranges, a legend on top, Play/Pause and a slider below."""
    font = {"size": font_size, "color": TARGET_COLOUR}
    axis = {"showline": True, "linecolor": TARGET_COLOUR, "linewidth": 2, "gridcolor": "#D9D9D9",
            "zeroline": False, "ticks": "outside", "title": {"font": font, "standoff": 8}}

    def titled(text: str, **more: Any) -> dict[str, Any]:
        return {**axis, "title": {**axis["title"], "text": text}, **more}

    def panel_title(text: str, centre: float) -> dict[str, Any]:
        return {"text": f"<b>{text}</b>", "x": centre, "y": 1.0, "xref": "paper", "yref": "paper",
                "xanchor": "center", "yanchor": "bottom", "yshift": 6, "showarrow": False,
                "font": {**font, "size": font_size + 1}}

    # Sliders and buttons are placed in plot-area fractions; the height and margins are fixed, so
    # a fixed pixel offset below the x-axis titles is a fixed fraction.
    top = (TITLE_PX if title else 0) + LEGEND_PX + PANEL_TITLE_PX
    plot_height = HEIGHT - top - BOTTOM_PX
    controls_y = -AXIS_TITLES_PX / plot_height
    slider_steps = [{"method": "animate", "label": name, "args": [[name], JUMP_ARGS]} for name in names]
    return {
        "title": {"text": title, "x": 0.5, "xanchor": "center", "y": 1 - 10 / HEIGHT, "yanchor": "top",
                  "font": {**font, "size": font_size + 4}},
        "font": font,
        "autosize": True,
        "height": HEIGHT,
        "margin": {"l": 80, "r": 30, "t": top, "b": BOTTOM_PX},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0.5, "xanchor": "center", "yref": "container", "yanchor": "top",
                   "y": 1 - ((TITLE_PX if title else 0) + 4) / HEIGHT, "font": font, "itemwidth": LEGEND_SWATCH_PX},
        "hovermode": "closest",
        # The gap between the panels holds the loss axis' tick labels and title on a 700 px page.
        "xaxis": titled("x", domain=[0.0, 0.43], anchor="y", range=list(x_range), autorange=False),
        "yaxis": titled("y", anchor="x", range=list(y_range), autorange=False),
        "xaxis2": titled(text(lang, "figure.axis_step"), domain=[0.57, 1.0], anchor="y2", range=list(step_range), autorange=False),
        "yaxis2": titled(text(lang, "figure.axis_loss"), anchor="x2", type="log", range=list(log_range), autorange=False,
                         **_log_ticks(*log_range)),
        "annotations": [panel_title(fit_title, 0.215), panel_title(loss_title, 0.785)],
        "updatemenus": [{
            "type": "buttons", "direction": "left", "showactive": False, "font": font,
            "x": 0.0, "xanchor": "left", "y": controls_y, "yanchor": "top", "pad": {"t": 0, "r": 0},
            "buttons": [{"label": text(lang, "figure.play"), "method": "animate", "args": PLAY_ARGS},
                        {"label": text(lang, "figure.pause"), "method": "animate", "args": PAUSE_ARGS}],
        }],
        "sliders": [{
            # The whole width, padded on the left by the buttons' width, so they never overlap.
            "active": len(names) - 1, "steps": slider_steps, "font": font, "transition": {"duration": 0},
            "x": 0.0, "xanchor": "left", "len": 1.0, "y": controls_y, "yanchor": "top",
            "pad": {"t": 0, "l": BUTTONS_EM * font_size},
            "currentvalue": {"prefix": text(lang, "figure.slider_prefix"), "visible": True, "xanchor": "left", "font": font},
        }],
    }


def _log_ticks(low: float, high: float) -> dict[str, Any]:
    """Full-size labels on the log axis: 1-2-5 steps, or round powers of ten over a wide span.

    Plotly's own log ticks label 2, 3, … 9 in a small font, unreadable from the back of a hall.
    """
    def within(mantissas: tuple[int, ...] | range) -> list[float]:
        return [m * 10.0**p for p in range(math.floor(low), math.ceil(high) + 1) for m in mantissas
                if low <= math.log10(m) + p <= high]

    values = within((1, 2, 5))
    if len(values) > 8:
        decades = math.floor(high) - math.ceil(low) + 1
        stride = next(s for s in (1, 2, 3, 5, 10, 20, 50, 100, 1000) if decades / s <= 7)
        values = [10.0**p for p in range(math.ceil(low), math.floor(high) + 1) if p % stride == 0]
    elif len(values) < 3:
        values = within(range(1, 10))
    if len(values) < 2:
        return {}  # a sliver of a decade: plotly's automatic ticks
    return {"tickmode": "array", "tickvals": values, "ticktext": [_tick_text(v) for v in values]}


def _tick_text(value: float) -> str:
    """1e-4, 0.001, …, 1000, 1e4: plain numbers where short, else scientific."""
    exponent = math.floor(math.log10(value) + 1e-9)
    if -3 <= exponent <= 3:
        return f"{value:.{max(0, -exponent)}f}"
    mantissa = value / 10.0**exponent
    return f"{mantissa:.0f}e{exponent}"


def _fixed_range(values: np.ndarray) -> tuple[float, float]:
    """The finite values' span plus a margin, so the fit panel never rescales."""
    finite = values[np.isfinite(values)]
    if not len(finite):
        return -1.0, 1.0
    low, high = float(finite.min()), float(finite.max())
    span = high - low if high > low else max(abs(high), 1.0)
    return low - Y_MARGIN * span, high + Y_MARGIN * span


def _log_range(values: np.ndarray) -> tuple[float, float]:
    """log10 of the finite positive values' span plus a margin (at least a tenth of a decade)."""
    positive = values[np.isfinite(values) & (values > 0)]
    if not len(positive):
        return 0.0, 1.0
    low, high = math.log10(float(positive.min())), math.log10(float(positive.max()))
    margin = max(LOG_MARGIN * (high - low), 0.1)
    return low - margin, high + margin


def _decimals(span: float) -> int:
    """Decimal places that resolve a 2000th of the span: finer than a pixel, yet short in JSON."""
    return max(0, math.ceil(-math.log10(span / 2000))) if span > 0 and math.isfinite(span) else 6


def _numbers(values: np.ndarray, places: int) -> list[float | None]:
    """Rounded values for JSON; NaN (never valid JSON) becomes null, a gap in the line."""
    rounded = np.round(values, places)
    if np.isfinite(rounded).all():
        return rounded.tolist()
    return [v if math.isfinite(v) else None for v in rounded.tolist()]


def _significant(values: np.ndarray, digits: int = 4) -> list[float]:
    """Four significant digits: what a log axis needs, and a float32 loss prints short."""
    return [float(f"{v:.{digits}g}") for v in values.tolist()]


def _thin(count: int, limit: int) -> np.ndarray:
    """Indices of at most `limit` evenly strided points, the last one included."""
    if count <= limit:
        return np.arange(count)
    return np.unique(np.linspace(0, count - 1, limit).round().astype(np.int64))


def for_projector(figure: dict[str, Any], font_size: int = 22, line_scale: float = 1.6) -> dict[str, Any]:
    """The figure for a hall: larger type, thicker lines and markers (the palette is already high-contrast)."""
    def scaled(style: dict[str, Any], key: str) -> dict[str, Any]:
        return {**style, key: style[key] * line_scale} if key in style else style

    traces = []
    for trace in _one_legend_entry_per_colour(figure["data"]):
        if "line" in trace:
            trace["line"] = scaled(trace["line"], "width")
        if "marker" in trace:
            trace["marker"] = scaled(trace["marker"], "size")
        traces.append(trace)
    layout = _with_font_size(figure["layout"], font_size)
    # Larger buttons push the slider further right, so that its "step N" is not hidden behind Pause.
    layout["sliders"] = [{**slider, "pad": {**slider.get("pad", {}), "l": BUTTONS_EM * font_size}}
                         for slider in layout.get("sliders", [])]
    # Thick dashed lines need a longer legend swatch (default 30 px) to read as dashed and to clear their label.
    swatch = layout["legend"].get("itemwidth", LEGEND_SWATCH_PX)
    layout["legend"] = {**layout["legend"], "itemwidth": max(30, round(swatch * line_scale))}  # 30: plotly's least
    return {**figure, "data": traces, "layout": layout}


def _one_legend_entry_per_colour(traces: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of the traces in which each loss-panel line joins the fit-panel line of its colour.

    At 22 px the five legend entries need two rows on a 1024-pixel projector, and the second covers
    the panel titles. The training (vermilion) and the optimum (blue) look the same in both panels,
    so one entry each says it all, and one click hides or shows both panels' lines.
    """
    group_of = {FIT_COLOUR: "loss", OPTIMUM_COLOUR: "optimum"}
    joined = []
    for trace in traces:
        trace = dict(trace)
        colour = trace.get("line", {}).get("color")
        if colour in group_of:
            trace["legendgroup"] = group_of[colour]
            if trace.get("xaxis") == "x2":
                trace["showlegend"] = False
        joined.append(trace)
    return joined


def _with_font_size(layout: dict[str, Any], size: int) -> dict[str, Any]:
    """Every font in the layout at least `size` pixels (larger ones, such as titles, are kept)."""
    def walk(value: Any, in_font: bool = False) -> Any:
        if isinstance(value, dict):
            return {k: (max(v, size) if in_font and k == "size" and isinstance(v, (int, float))
                        else walk(v, in_font or k in ("font", "tickfont", "titlefont"))) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, in_font) for v in value]
        return value

    return walk(layout)
