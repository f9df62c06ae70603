"""The playground's figure: the fit (left) and the loss (right), animated over the kept steps.

Only numpy and the standard library: no Streamlit and no torch, so the figure can be built and
tested anywhere. The figure is a plain dict in Plotly's figure schema. Frames are built as plain
dicts because `go.Frame` validation is several times slower, and each frame carries only the
three traces that move (the fit, the strong loss curve and the current-step marker), so a run's
hundred of them stay well under a megabyte. Its words (titles, legend, buttons) are in the language `lang`
asks for (components/state/i18n.py); the traces are named in that language too.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from components.problem.sampling import thinned
from components.state.i18n import text
from components.views.equation import format_text, rounded_digits

FIT_POINTS = 150  # the moving polynomial is re-sent in every frame: 150 x, some 4 pixels apart, look smooth
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
SPEED_MENU_SHARE = 0.2  # of the width, at the right end of the slider's row: ▶ slow and ▶ fast

TARGET_COLOUR = "#1A1A1A"  # near black: survives any projector
FIT_COLOUR = "#D55E00"  # Okabe–Ito vermillion (colour-blind safe)
OPTIMUM_COLOUR = "#0072B2"  # Okabe–Ito blue
SAMPLE_COLOUR = "#8C8C8C"
FAINT_FIT_COLOUR = "rgba(213, 94, 0, 0.3)"  # the vermillion, washed out: the whole loss curve
HELD_OUT_COLOUR = "#009E73"  # Okabe–Ito bluish green
REFERENCE_COLOUR = "#6E6E6E"  # grey: another run, beside this one
DIVERGED_COLOUR = "#B00020"
EQUATION_LINE_EM = 1.3  # the equation band above the panels: this many font sizes per line
EDGE_INSET = 0.3  # the off-chart marker keeps this share of the panel's width from its sides (its value, in a
# hall's type, then fits inside a 190-pixel panel: a 1024-pixel projector with the sidebar open)

SHADE_COLOUR = "rgba(0, 114, 178, 0.08)"  # the training domain, when the fit panel reaches beyond it
TAYLOR_COLOUR = "#CC79A7"  # Okabe–Ito reddish purple

# Play: run from the frame shown; redraw False animates the traces in place (fast, no re-layout).
SPEEDS = {"slow": 250, "normal": 60, "fast": 15}  # milliseconds a frame: the speed control's choices


def play_args(duration: int = SPEEDS["normal"]) -> list[Any]:
    return [None, {"frame": {"duration": duration, "redraw": False}, "fromcurrent": True,
                   "transition": {"duration": 0}, "mode": "immediate"}]


PLAY_ARGS = play_args()
PAUSE_ARGS = [[None],
              {"frame": {"duration": 0, "redraw": False}, "mode": "immediate", "transition": {"duration": 0}}]
JUMP_ARGS = {"mode": "immediate", "frame": {"duration": 0, "redraw": False}, "transition": {"duration": 0}}


# Pinned runs, each in a colour and a dash of its own: Okabe–Ito hues the chart does not use yet, then Tol's
# wine and grey, told apart by their dashes too (on a washed-out projector and for colour-blind eyes).
PIN_STYLES = (("#E69F00", "dash"), ("#009E73", "dot"), ("#CC79A7", "dashdot"), ("#56B4E9", "longdash"),
              ("#882255", "longdashdot"), ("#6E6E6E", "dot"))
PIN_FIT_POINTS = 100  # a pinned polynomial is re-sent in every frame too: coarser than the run's own
PIN_LOSS_POINTS = 500


@dataclass(frozen=True)
class PinnedCurve:
    """A pinned run as the chart draws it beside the current one."""

    label: str  # what differs: "degree 4", "Legendre, lr 2e-4"
    loss: np.ndarray  # at its every step
    frame_coefficients: np.ndarray  # powers of x, at the current run's frame steps (its last where it ended)
    diverged_at: int | None = None
    style: int = 0  # which of PIN_STYLES


@dataclass(frozen=True)
class FigureData:
    """Everything the figure draws, as plain numpy arrays (coefficients are powers of x)."""

    x: np.ndarray  # float64, increasing: where the target and the optimum are drawn
    target: np.ndarray  # the target function at x
    optimum: np.ndarray  # the least-squares polynomial at x
    optimum_loss: float
    loss: np.ndarray  # float32, the loss at steps 0..last
    frame_steps: np.ndarray  # int, increasing, at most FRAME_COUNT (100), each in 0..last
    frame_coefficients: np.ndarray  # float64 (frames, degree + 1): c0 + c1 x + c2 x² + …
    title: str = ""
    target_label: str = ""  # e.g. "sin(x)"
    sample_x: np.ndarray | None = None  # the training samples, when noisy or the reader's own points
    sample_y: np.ndarray | None = None
    reader_points: bool = False  # the samples are the reader's points: the target, with no curve between them
    held_x: np.ndarray | None = None  # the reader's held-out points, drawn apart from the training ones
    held_y: np.ndarray | None = None
    diverged_at: int | None = None
    frame_equations: list[str] | None = None  # each frame's polynomial written out, lines joined by <br>
    held_out: np.ndarray | None = None  # the held-out loss at each frame step (drawn with noisy samples)
    noise_level: float | None = None  # the loss a perfect fit of noisy samples would still have
    reference_loss: np.ndarray | None = None  # another run's loss at every step, drawn for comparison
    reference_label: str = ""
    # With the fit panel wider than the training domain (extrapolation): that domain, shaded. The panel's
    # height follows the target everywhere and the optimum inside it only: outside, the polynomials may
    # explode, and are meant to be seen leaving.
    training_domain: tuple[float, float] | None = None
    taylor: np.ndarray | None = None  # the target's Taylor polynomial at x, drawn beside the optimum
    taylor_label: str = ""
    pinned: tuple[PinnedCurve, ...] = ()


def polynomial_values(coefficients: np.ndarray, x: np.ndarray) -> np.ndarray:
    """c0 + c1 x + c2 x² + … at every x, in float64 (Horner); a 2-D input gives one row per coefficient
    row."""
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
    lengths = np.diff(bounds)
    starts = bounds[:-1][lengths > 0]  # the buckets holding a step: side by side, from bounds[0] on
    lengths = lengths[lengths > 0]
    keep = [np.array([0, len(steps) - 1])]
    if len(starts):
        covered = values[starts[0]:starts[-1] + lengths[-1]]
        bucket = np.repeat(np.arange(len(starts)), lengths)
        for extreme in (np.minimum, np.maximum):
            extremes = np.repeat(extreme.reduceat(covered, starts - starts[0]), lengths)
            hits = np.flatnonzero(covered == extremes)
            _, first = np.unique(bucket[hits], return_index=True)  # each bucket's first min (max), as argmin
            keep.append(starts[0] + hits[first])
    index = np.unique(np.concatenate(keep))
    return steps[index], values[index]


@dataclass(frozen=True)
class Panels:
    """The fixed ranges of both panels and how numbers in them are rounded."""

    x: np.ndarray  # where the target and the optimum are drawn
    fit_x: np.ndarray  # where the moving polynomial is drawn
    y_range: tuple[float, float]
    x_places: int
    y_places: int
    log_range: tuple[float, float]  # the loss axis, in decades
    step_range: tuple[int, int]  # from step 1 on a log step axis
    step_axis: str = "linear"

    @property
    def x_range(self) -> tuple[float, float]:
        return float(self.x[0]), float(self.x[-1])

    @property
    def floor(self) -> float:
        """The lowest loss the log axis shows: a loss at or below zero is drawn here."""
        return 10.0 ** self.log_range[0]


def build_figure(data: FigureData, font_size: int = 16, lang: str = "en",
                 step_axis: str = "linear") -> dict[str, Any]:
    """The two-panel animated figure, as a plain dict: {"data": [...], "layout": {...}, "frames": [...]}.

    The traces that move (the fit, where it left the chart, its equation, the loss so far and the
    current step) come last, in that order, and are the only ones each frame carries.
    """
    name = {key: text(lang, f"figure.{key}") for key in (  # the legend's names
        "samples", "target", "optimum", "fit", "loss", "loss_so_far", "current_step", "optimum_loss",
        "fit_off_chart", "held_out", "noise_level", "points", "held_out_points")}
    if data.reader_points:
        name["samples"] = name["points"]
    frame_steps = np.asarray(data.frame_steps, dtype=np.int64)
    if not len(frame_steps) or not len(data.x):
        raise ValueError("a figure needs at least one frame and one x")
    panels = _panels(data, step_axis)
    fits = polynomial_values(data.frame_coefficients, panels.fit_x)
    fit_frames = _fit_frames(fits, panels)
    equations = data.frame_equations or [""] * len(frame_steps)
    loss_frames = _loss_frames(data, panels)
    pinned_static, pinned_moving, pinned_frames = _pinned_traces(data, panels)
    static = _fit_traces(data, panels, name) + _loss_traces(data, panels, name) + pinned_static
    moving = _moving_traces(fit_frames[-1], equations[-1], loss_frames[-1], panels, name, font_size)
    moving += pinned_moving
    first_moving = len(static)
    frames = [{"name": str(int(step)), "traces": list(range(first_moving, first_moving + len(moving))),
               "data": [*fit_frames[i], {"type": "scatter", "text": [equations[i]]}, *loss_frames[i],
                        *pinned_frames[i]]}
              for i, step in enumerate(frame_steps)]
    # The legend reads as the panels do, left to right, whatever the order the traces are drawn in.
    order = [name[k] for k in ("samples", "held_out_points", "target", "optimum")] + [data.taylor_label]
    order += [name[k] for k in ("fit", "loss_so_far", "optimum_loss")]
    order += [data.reference_label, name["held_out"], name["noise_level"]] + [p.label for p in data.pinned]
    for trace in static + moving:
        trace["legendrank"] = 1000 + order.index(trace["name"]) if trace["name"] in order else 1100
    equation_lines = max(e.count("<br>") + 1 for e in equations) if data.frame_equations else 0
    layout = _layout(data, panels, font_size, [f["name"] for f in frames], equation_lines, lang)
    return {"data": static + moving, "layout": layout, "frames": frames}


def _panels(data: FigureData, step_axis: str = "linear") -> Panels:
    """Ranges fixed for the whole animation, so that nothing rescales while it plays."""
    x = np.asarray(data.x, dtype=np.float64)
    inside = (np.ones(len(x), bool) if data.training_domain is None
              else (x >= data.training_domain[0]) & (x <= data.training_domain[1]))
    drawn = [data.target, data.optimum[inside]]
    if data.reader_points:  # the points are the target: the panel shows every one of them
        drawn += [np.asarray(v) for v in (data.sample_y, data.held_y) if v is not None]
    y_low, y_high = _fixed_range(np.concatenate(drawn).astype(np.float64))
    own = np.asarray(data.loss, dtype=np.float64)
    losses = [own, [data.optimum_loss]]
    losses += [np.asarray(data.held_out, dtype=np.float64)] if data.held_out is not None else []
    if data.reference_loss is not None:  # a reference that blows up leaves the top, not the run squeezed flat
        reference = np.asarray(data.reference_loss, dtype=np.float64)
        finite = own[np.isfinite(own)]
        losses.append(reference[reference <= (finite.max() if len(finite) else np.inf)])
    losses += [[data.noise_level]] if data.noise_level else []
    for pin in data.pinned:  # a pinned run is seen whole, but one that blows up leaves the top from its start
        pinned = np.asarray(pin.loss, dtype=np.float64)
        losses.append(pinned if pin.diverged_at is None else pinned[pinned <= pinned[0]])
    last = max(len(data.loss) - 1, data.diverged_at or 0, 1,
               *(max(len(p.loss) - 1, p.diverged_at or 0) for p in data.pinned))
    return Panels(x=x, fit_x=np.linspace(x[0], x[-1], FIT_POINTS), y_range=(y_low, y_high),
                  x_places=_decimals(float(x[-1] - x[0])), y_places=_decimals(y_high - y_low),
                  log_range=_log_range(np.concatenate(losses)),
                  step_range=(1 if step_axis == "log" else 0, last), step_axis=step_axis)


def _line(name: str, xs: np.ndarray, ys: np.ndarray, colour: str, width: float, dash: str = "solid",
          places: tuple[int, int] = (6, 6)) -> dict[str, Any]:
    return {"type": "scatter", "name": name, "mode": "lines",
            "x": _numbers(np.asarray(xs, np.float64), places[0]),
            "y": _numbers(np.asarray(ys, np.float64), places[1]),
            "line": {"color": colour, "width": width, "dash": dash}}


def _fit_traces(data: FigureData, panels: Panels, name: dict[str, str]) -> list[dict[str, Any]]:
    """What the fit panel draws once: the samples (noisy, or the reader's points), the target and the
    optimum."""
    places, x = (panels.x_places, panels.y_places), panels.x
    curve = thinned(len(x), CURVE_POINTS)
    # the reader's points are the target, drawn as dark as its curve; noisy samples lie grey beneath
    colour = TARGET_COLOUR if data.reader_points else SAMPLE_COLOUR
    traces = _markers(name["samples"], data.sample_x, data.sample_y, places,
                      {"color": colour, "opacity": 0.8 if data.reader_points else 0.6})
    # held-out points hollow: points like the others, not trained on
    traces += _markers(name["held_out_points"], data.held_x, data.held_y, places,
                       {"color": colour, "symbol": "circle-open", "line": {"width": 2}})
    if not data.reader_points:  # the reader's points have no curve between them
        traces.append(_line(name["target"], x[curve], np.asarray(data.target)[curve], TARGET_COLOUR, 3,
                            places=places))
    traces.append(_line(name["optimum"], x[curve], _near(np.asarray(data.optimum)[curve], panels),
                        OPTIMUM_COLOUR, 3, "dash", places=places))
    if data.taylor is not None:
        traces.append(_line(data.taylor_label, x[curve], _near(np.asarray(data.taylor)[curve], panels),
                            TAYLOR_COLOUR, 3, "dashdot", places=places))
    return traces


def _markers(label: str, xs: np.ndarray | None, ys: np.ndarray | None, places: tuple[int, int],
             marker: dict[str, Any]) -> list[dict[str, Any]]:
    """Points drawn as markers (at most CURVE_POINTS of them), first so that the curves lie over them."""
    if xs is None or ys is None or not len(xs):
        return []
    pick = thinned(len(xs), CURVE_POINTS)
    trace = _line(label, np.asarray(xs)[pick], np.asarray(ys)[pick], SAMPLE_COLOUR, 1, places=places)
    del trace["line"]
    return [{**trace, "mode": "markers", "marker": {"size": 6, **marker}}]


def _near(values: np.ndarray, panels: Panels) -> np.ndarray:
    """Values far off the panel cut to 100 spans beyond its range: invisible either way, short in JSON."""
    low, high = panels.y_range
    with np.errstate(invalid="ignore"):
        return np.clip(values, low - 100 * (high - low), high + 100 * (high - low))


def _loss_traces(data: FigureData, panels: Panels, name: dict[str, str]) -> list[dict[str, Any]]:
    """What the loss panel draws once: the whole curve (faint), the optimum's loss, and what it is compared
    with."""
    on_right = {"xaxis": "x2", "yaxis": "y2"}
    floor, (first, last) = panels.floor, panels.step_range

    def curve(loss: np.ndarray) -> tuple[list[int], list[float]]:
        steps, values = downsample_loss(loss, LOSS_POINTS)
        return steps.tolist(), significant(np.maximum(values, floor))

    def level(value: float) -> list[float | None]:
        return [max(value, floor) if math.isfinite(value) else None] * 2

    steps, values = curve(data.loss)
    # The loss traces share one legend entry (the strong line): a short legend fits in one row on
    # a narrow page, and one click hides or shows the loss as a whole.
    traces = [{"type": "scatter", "name": name["loss"], "mode": "lines", "x": steps, "y": values, **on_right,
               "legendgroup": "loss", "showlegend": False, "line": {"color": FAINT_FIT_COLOUR, "width": 2}},
              {"type": "scatter", "name": name["optimum_loss"], "mode": "lines", "x": [first, last],
               "y": level(data.optimum_loss), **on_right,
               "line": {"color": OPTIMUM_COLOUR, "width": 3, "dash": "dash"}}]
    if data.reference_loss is not None:
        steps, values = curve(data.reference_loss)
        traces.append({"type": "scatter", "name": data.reference_label, "mode": "lines", "x": steps,
                       "y": values, **on_right,
                       "line": {"color": REFERENCE_COLOUR, "width": 3, "dash": "dot"}})
    if data.held_out is not None:
        traces.append({"type": "scatter", "name": name["held_out"], "mode": "lines",
                       "x": np.asarray(data.frame_steps).tolist(),
                       "y": significant(np.maximum(np.nan_to_num(data.held_out, nan=floor), floor)),
                       **on_right, "line": {"color": HELD_OUT_COLOUR, "width": 3}})
    if data.noise_level:
        traces.append({"type": "scatter", "name": name["noise_level"], "mode": "lines", "x": [first, last],
                       "y": level(data.noise_level), **on_right,
                       "line": {"color": HELD_OUT_COLOUR, "width": 2, "dash": "dashdot"}})
    return traces


def _fit_frames(values: np.ndarray, panels: Panels) -> list[list[dict[str, Any]]]:
    """Each frame of the fit panel (a row of `values` each): the polynomial, and a marker at the edge where it
    left the chart. Clipped and rounded in one pass over every frame: frame by frame it took longer than
    the rest of the figure.

    A diverging fit leaves the fixed range at once; the marker (▲ at the top, ▼ at the bottom, at its
    farthest point, with the value there) shows where it went, flipping sides as it overshoots.
    """
    low, high = panels.y_range
    drawn = _number_rows(_near(values, panels), panels.y_places)
    edges = [_edge_markers(values, values > high, high, panels),
             _edge_markers(values, values < low, low, panels)]
    # x is left out of the fit's frame data: it never changes, and plotly.js keeps a trace's own x
    # when a frame gives only y, which halves the size of the frames' copies of the fit.
    return [[{"type": "scatter", "y": row}, edges[0][i], edges[1][i]] for i, row in enumerate(drawn)]


def _edge_markers(values: np.ndarray, past: np.ndarray, edge: float, panels: Panels) -> list[dict[str, Any]]:
    """Each frame's marker where its fit left the chart past `edge` (`past`: which values did), at its
    farthest point, with its value there."""
    # One blank point rather than none: a frame with empty data leaves the last marker standing.
    markers = [{"type": "scatter", "x": [None], "y": [None], "text": [""]} for _ in range(len(values))]
    rows = np.flatnonzero(past.any(axis=1))  # most runs stay on the chart: their frames need no search
    if not len(rows):
        return markers
    off, past = values[rows], past[rows]
    farthest = np.argmax(np.where(past, np.abs(off), -1), axis=1)  # NaN is never past; ±inf is farthest
    # Kept off the panel's sides, so that the value written beside it stays inside the panel (and
    # unrounded: plotly hides a marker that is off its axes even by a rounding error).
    x0, x1 = panels.x_range
    inset = EDGE_INSET * (x1 - x0)
    xs = np.minimum(np.maximum(panels.fit_x[farthest], x0 + inset), x1 - inset).tolist()
    there = off[np.arange(len(rows)), farthest].tolist()
    for row, x, value in zip(rows.tolist(), xs, there):
        markers[row] = {"type": "scatter", "x": [x], "y": [edge], "text": [format_text(value)]}
    return markers


Traces = list[dict[str, Any]]


def _pinned_traces(data: FigureData, panels: Panels) -> tuple[Traces, Traces, list[Traces]]:
    """Each pinned run's whole loss curve (drawn once), and its polynomial and current step's marker, which
    move with the frames: (static traces, moving traces as the last frame draws them, each frame's data)."""
    static: list[dict[str, Any]] = []
    moving: list[dict[str, Any]] = []
    x = np.linspace(*panels.x_range, PIN_FIT_POINTS)
    per_frame: list[list[dict[str, Any]]] = [[] for _ in data.frame_steps]
    for pin in data.pinned:
        colour, dash = PIN_STYLES[pin.style % len(PIN_STYLES)]
        group, line = f"pin{pin.style}", {"color": colour, "width": 3, "dash": dash}
        steps, values = downsample_loss(pin.loss, PIN_LOSS_POINTS)
        static.append({"type": "scatter", "mode": "lines", "name": pin.label, "xaxis": "x2", "yaxis": "y2",
                       "x": steps.tolist(), "y": significant(np.maximum(values, panels.floor)),
                       "legendgroup": group, "showlegend": False, "line": line})
        fits = _near(polynomial_values(pin.frame_coefficients, x), panels)
        last_step = len(pin.loss) - 1
        for frame, (step, fit) in enumerate(zip(np.asarray(data.frame_steps).tolist(), fits)):
            here = pin.loss[min(step, last_step)]
            marker = significant(np.array([max(float(here), panels.floor)]))[0] if step <= last_step else None
            per_frame[frame] += [{"type": "scatter", "y": _numbers(fit, panels.y_places)},
                                 {"type": "scatter", "x": [min(step, last_step)], "y": [marker]}]
        moving += [{**per_frame[-1][-2], "mode": "lines", "name": pin.label, "legendgroup": group,
                    "x": _numbers(x, panels.x_places), "line": line, "hoverinfo": "name"},
                   {**per_frame[-1][-1], "mode": "markers", "name": pin.label, "legendgroup": group,
                    "showlegend": False, "xaxis": "x2", "yaxis": "y2", "cliponaxis": False,
                    "marker": {"color": colour, "size": 11, "line": {"color": TARGET_COLOUR, "width": 1}}}]
    return static, moving, per_frame


def _loss_frames(data: FigureData, panels: Panels) -> list[list[dict[str, Any]]]:
    """Per frame: the strong loss curve up to the frame's step, ending on it, and the marker there."""
    loss = np.asarray(data.loss, dtype=np.float64)
    coarse_steps, coarse_values = downsample_loss(loss, LOSS_SO_FAR_POINTS)
    coarse_x, coarse_y = coarse_steps.tolist(), significant(np.maximum(coarse_values, panels.floor))
    steps = np.asarray(data.frame_steps, dtype=np.int64)
    at = loss[np.minimum(steps, len(loss) - 1)]
    # the marker's value at each frame's step: none where the run has no finite loss there
    heres = significant(np.where((steps < len(loss)) & np.isfinite(at), np.maximum(at, panels.floor), np.nan))
    cuts = np.searchsorted(coarse_steps, steps, side="right").tolist()
    frames = []
    for step, here, cut in zip(steps.tolist(), heres, cuts):
        so_far_x, so_far_y = coarse_x[:cut], coarse_y[:cut]
        if here is not None and (not so_far_x or so_far_x[-1] != step):
            so_far_x, so_far_y = so_far_x + [step], so_far_y + [here]
        frames.append([{"type": "scatter", "x": so_far_x, "y": so_far_y},
                       {"type": "scatter", "x": [step], "y": [here]}])
    return frames


def _moving_traces(fit: list[dict[str, Any]], equation: str, loss: list[dict[str, Any]], panels: Panels,
                   name: dict[str, str], font_size: int) -> list[dict[str, Any]]:
    """The traces every frame updates, as the last frame draws them (the trained polynomial)."""
    polynomial, above, below = fit
    edge_text = {"mode": "markers+text", "showlegend": False, "cliponaxis": False, "hoverinfo": "skip",
                 "textfont": {"color": FIT_COLOUR, "size": font_size}}
    edge_marker = {"color": FIT_COLOUR, "size": 18, "line": {"color": TARGET_COLOUR, "width": 1}}
    so_far, marker = loss
    return [
        {**polynomial, "name": name["fit"], "mode": "lines", "x": _numbers(panels.fit_x, panels.x_places),
         "line": {"color": FIT_COLOUR, "width": 4}},
        {**above, "name": name["fit_off_chart"], **edge_text, "textposition": "bottom center",
         "marker": {**edge_marker, "symbol": "triangle-up"}},
        {**below, "name": name["fit_off_chart"], **edge_text, "textposition": "top center",
         "marker": {**edge_marker, "symbol": "triangle-down"}},
        # The equation of the frame's polynomial, in a band of its own above the panels: a text trace,
        # because frames that do not redraw (fast) update traces but never layout annotations.
        {"type": "scatter", "name": "equation", "mode": "text", "x": [0.5], "y": [0.5], "text": [equation],
         "xaxis": "x3", "yaxis": "y3", "showlegend": False, "hoverinfo": "skip", "cliponaxis": False,
         "textposition": "middle center", "textfont": {"color": TARGET_COLOUR, "size": font_size + 1}},
        {**so_far, "name": name["loss_so_far"], "mode": "lines", "xaxis": "x2", "yaxis": "y2",
         "legendgroup": "loss", "line": {"color": FIT_COLOUR, "width": 3}},
        {**marker, "name": name["current_step"], "mode": "markers", "xaxis": "x2", "yaxis": "y2",
         "legendgroup": "loss", "showlegend": False,
         "cliponaxis": False,  # drawn whole at the last step, on the axis' edge
         "marker": {"color": FIT_COLOUR, "size": 14, "line": {"color": TARGET_COLOUR, "width": 2}}},
    ]


def _layout(data: FigureData, panels: Panels, font_size: int, names: list[str], equation_lines: int,
            lang: str) -> dict[str, Any]:
    """Two panels side by side with fixed ranges, a legend and the equation on top, Play/Pause and a slider
    below.

    Top down, in pixels: the title, the legend (both in the top margin), then inside the plot area the
    equation band, the panel titles and the panels; below them the axis titles, buttons and slider.
    """
    font = {"size": font_size, "color": TARGET_COLOUR}
    axis = {"showline": True, "linecolor": TARGET_COLOUR, "linewidth": 2, "gridcolor": "#D9D9D9",
            "zeroline": False, "ticks": "outside", "title": {"font": font, "standoff": 8}}

    def titled(words: str, **more: Any) -> dict[str, Any]:
        return {**axis, "title": {**axis["title"], "text": words}, **more}

    equation_px = round(equation_lines * EQUATION_LINE_EM * font_size) + (4 if equation_lines else 0)
    height = HEIGHT + equation_px
    top = (TITLE_PX if data.title else 0) + LEGEND_PX
    plot_height = height - top - BOTTOM_PX
    panel_top = (plot_height - equation_px - PANEL_TITLE_PX) / plot_height  # the panels' top, as a fraction

    def panel_title(words: str, centre: float) -> dict[str, Any]:
        return {"text": f"<b>{words}</b>", "x": centre, "y": panel_top, "xref": "paper", "yref": "paper",
                "xanchor": "center", "yanchor": "bottom", "yshift": 6, "showarrow": False,
                "font": {**font, "size": font_size + 1}}

    # Sliders and buttons are placed in plot-area fractions; the height and margins are fixed, so
    # a fixed pixel offset below the x-axis titles is a fixed fraction.
    controls_y = -AXIS_TITLES_PX / plot_height
    hidden = {"visible": False, "range": [0, 1], "fixedrange": True}
    layout = {
        "title": {"text": data.title, "x": 0.5, "xanchor": "center", "y": 1 - 10 / height, "yanchor": "top",
                  "font": {**font, "size": font_size + 4}},
        "font": font,
        "autosize": True,
        "height": height,
        "margin": {"l": 80, "r": 30, "t": top, "b": BOTTOM_PX},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0.5, "xanchor": "center", "yref": "container", "yanchor": "top",
                   "y": 1 - ((TITLE_PX if data.title else 0) + 4) / height, "font": font,
                   "itemwidth": LEGEND_SWATCH_PX},
        "hovermode": "closest",
        # The gap between the panels holds the loss axis' tick labels and title on a 700 px page.
        "xaxis": titled("x", domain=[0.0, 0.43], anchor="y", range=list(panels.x_range), autorange=False),
        "yaxis": titled("y", anchor="x", domain=[0.0, panel_top], range=list(panels.y_range),
                        autorange=False),
        "xaxis2": titled(text(lang, f"figure.axis_step_{panels.step_axis}"), domain=[0.57, 1.0], anchor="y2",
                         autorange=False, **_step_axis(panels)),
        "yaxis2": titled(text(lang, "figure.axis_loss"), anchor="x2", type="log", domain=[0.0, panel_top],
                         range=list(panels.log_range), autorange=False, **_log_ticks(*panels.log_range)),
        "xaxis3": {**hidden, "domain": [0.0, 1.0], "anchor": "y3"},
        "yaxis3": {**hidden, "domain": [1 - equation_px / plot_height, 1.0], "anchor": "x3"},
        "annotations": [panel_title(text(lang, "figure.fit_panel"), 0.215),
                        panel_title(text(lang, "figure.loss_panel"), 0.785)],
        "shapes": [] if data.training_domain is None else [_shade(data.training_domain)],
        "updatemenus": [{
            "type": "buttons", "direction": "left", "showactive": False, "font": font,
            "x": 0.0, "xanchor": "left", "y": controls_y, "yanchor": "top", "pad": {"t": 0, "r": 0},
            "buttons": [{"label": text(lang, "figure.play"), "method": "animate", "args": PLAY_ARGS},
                        {"label": text(lang, "figure.pause"), "method": "animate", "args": PAUSE_ARGS}],
        }, _speed_menu(font, controls_y, lang)],
        "sliders": [_slider(names, font, controls_y, len(data.loss) - 1, lang)],
    }
    if data.diverged_at is not None:
        words = text(lang, "figure.diverged_here", step=data.diverged_at)
        _mark_divergence(layout, data.diverged_at, font, words)
    for pin in data.pinned:  # where a pinned run broke: a line and its label, in its colour
        if pin.diverged_at is not None:
            style = pin.style % len(PIN_STYLES)
            _mark_divergence(layout, pin.diverged_at, font, pin.label, PIN_STYLES[style][0],
                             height=0.35 + 0.1 * style)
    return layout


def _step_axis(panels: Panels) -> dict[str, Any]:
    """The loss panel's step axis: linear from step 0, or log from step 1 (which shows the fast start)."""
    first, last = panels.step_range
    if panels.step_axis == "log":
        return {"type": "log", "range": [0.0, math.log10(max(last, 2))]}
    return {"range": [first, last]}


def _shade(domain: tuple[float, float]) -> dict[str, Any]:
    """The training domain, shaded on the fit panel when the panel reaches beyond it."""
    return {"type": "rect", "xref": "x", "yref": "y domain", "x0": domain[0], "x1": domain[1], "y0": 0,
            "y1": 1, "fillcolor": SHADE_COLOUR, "line": {"width": 0}, "layer": "below"}


def _speed_menu(font: dict[str, Any], y: float, lang: str) -> dict[str, Any]:
    """▶ slow and ▶ fast beside the slider: each plays on from the frame shown at its frame duration, in the
    browser alone (▶ Play is the normal speed). Buttons, not a menu: no speed is chosen that Play ignores."""
    return {"type": "buttons", "direction": "left", "showactive": False, "font": font,
            "x": 1.0, "xanchor": "right", "y": y, "yanchor": "top", "pad": {"t": 0, "r": 0},
            "buttons": [{"label": text(lang, f"figure.speed.{speed}"), "method": "animate",
                         "args": play_args(SPEEDS[speed])} for speed in ("slow", "fast")]}


def _slider(names: list[str], font: dict[str, Any], y: float, last: int, lang: str) -> dict[str, Any]:
    """One slider step per frame; its ticks unlabelled (plotly labels every k-th frame, so the labels
    would end short of the last step) and the step shown as "step 316 of 2,000" instead."""
    steps = [{"method": "animate", "label": name, "args": [[name], JUMP_ARGS]} for name in names]
    return {
        # The width left of the speed menu, padded on the left by the buttons' width, so none overlap.
        "active": len(names) - 1, "steps": steps, "font": {**font, "color": "rgba(0, 0, 0, 0)"},
        "transition": {"duration": 0}, "x": 0.0, "xanchor": "left", "y": y, "yanchor": "top",
        "pad": {"t": 0, "l": BUTTONS_EM * font["size"]},
        "len": 1.0 - SPEED_MENU_SHARE,
        "currentvalue": {"prefix": text(lang, "figure.slider_prefix"), "visible": True, "xanchor": "left",
                         "suffix": text(lang, "figure.slider_suffix", last=last), "font": font},
    }


def _mark_divergence(layout: dict[str, Any], step: int, font: dict[str, Any], words: str,
                     colour: str = DIVERGED_COLOUR, height: float = 0.14) -> None:
    """A line in the loss panel at the step where a run broke, labelled inside the panel (a pinned run's in
    its own colour, each at its own height)."""
    layout["shapes"].append({"type": "line", "xref": "x2", "yref": "y2 domain", "x0": step, "x1": step,
                             "y0": 0, "y1": 1, "line": {"color": colour, "width": 3, "dash": "dot"}})
    # Low in the panel: a diverging loss climbs to the top right, and the optimum's line runs along the
    # bottom.
    # written on the side of the line where the panel is
    axis = layout["xaxis2"]
    x = math.log10(max(step, 1)) if axis.get("type") == "log" else step  # annotations take a log axis' log
    left = x < axis["range"][1] / 2
    layout["annotations"].append({"text": words, "x": x, "y": height,
                                  "xref": "x2", "yref": "y2 domain", "xanchor": "left" if left else "right",
                                  "yanchor": "bottom", "xshift": 6 if left else -6,
                                  "align": "left" if left else "right", "showarrow": False,
                                  "font": {**font, "color": colour}, "bgcolor": "rgba(255, 255, 255, 0.8)"})


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


def _number_rows(values: np.ndarray, places: int) -> list[list[float | None]]:
    """_numbers of each row of a 2-D array, rounded in one pass."""
    rounded = np.round(values, places)
    finite = np.isfinite(rounded).all(axis=1)
    rows = rounded.tolist()
    return [row if finite[i] else [v if math.isfinite(v) else None for v in row]
            for i, row in enumerate(rows)]


def significant(values: np.ndarray, digits: int = 4, positive: bool = False) -> list[float | None]:
    """Four significant digits: what a log axis needs, and a float32 loss prints short. A value that is not
    finite (or, for a log axis, not positive) becomes None: a gap in the line, and valid JSON.

    The same numbers as float(f"{v:.4g}"), in one numpy pass (rounded_digits): each value's whole number of
    `digits` digits scaled back by the same exact power of ten, so that the result is the double nearest the
    rounded decimal, as the text's is. A value the pass cannot be sure of is written as text instead.
    """
    v = np.asarray(values, dtype=np.float64).ravel()
    valid = np.isfinite(v) & (v > 0 if positive else True)
    whole, places, power, sure = rounded_digits(v, digits)
    with np.errstate(invalid="ignore", over="ignore"):
        out = np.where(places >= 0, whole / power, whole * power).tolist()
    for i in np.flatnonzero(valid & ~sure).tolist():
        out[i] = float(f"{v[i]:.{digits}g}")
    if not valid.all():
        for i in np.flatnonzero(~valid).tolist():
            out[i] = None
    return out


def for_projector(figure: dict[str, Any], font_size: int = 22, line_scale: float = 1.6) -> dict[str, Any]:
    """The figure for a hall: larger type, thicker lines and markers (the palette is already
    high-contrast)."""
    def scaled(style: dict[str, Any], key: str) -> dict[str, Any]:
        return {**style, key: style[key] * line_scale} if key in style else style

    traces = []
    for trace in _one_legend_entry_per_colour(figure["data"]):
        if "line" in trace:
            trace["line"] = scaled(trace["line"], "width")
        if "marker" in trace:
            trace["marker"] = scaled(trace["marker"], "size")
        if "textfont" in trace:  # the equation and the off-chart values
            trace["textfont"] = {**trace["textfont"], "size": max(trace["textfont"]["size"], font_size)}
        traces.append(trace)
    layout = _with_font_size(figure["layout"], font_size)
    # Larger buttons push the slider further right, so that its "step N" is not hidden behind Pause.
    layout["sliders"] = [{**slider, "pad": {**slider.get("pad", {}), "l": BUTTONS_EM * font_size}}
                         for slider in layout.get("sliders", [])]
    # Thick dashed lines need a longer legend swatch (default 30 px) to read as dashed and to clear their
    # label.
    swatch = layout["legend"].get("itemwidth", LEGEND_SWATCH_PX)
    # 30: plotly's least
    layout["legend"] = {**layout["legend"], "itemwidth": max(30, round(swatch * line_scale))}
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
                        else walk(v, in_font or k in ("font", "tickfont", "titlefont")))
                    for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, in_font) for v in value]
        return value

    return walk(layout)
