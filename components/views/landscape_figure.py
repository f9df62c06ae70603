"""The loss landscape on a plane through the optimum: log-spaced contours, the run's path projected onto the
plane, and a marker that walks it with its own Play button and slider."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from components.engine.landscape import Landscape
from components.engine.step_code import coefficient_names
from components.state.i18n import text
from components.views.figures import (
    FIT_COLOUR,
    JUMP_ARGS,
    OPTIMUM_COLOUR,
    PAUSE_ARGS,
    PLAY_ARGS,
    TARGET_COLOUR,
    significant,
)

HEIGHT = 560
DECADES = 8  # the contours reach this many decades below the grid's highest excess loss
PATH_COLOUR = "rgba(213, 94, 0, 0.55)"  # the fit's vermillion, lighter: the whole path under the marker


def axis_title(landscape: Landscape, which: int, eigenvalues: np.ndarray, lang: str) -> str:
    """"mode 1 (slowest, λ = 2.7)" or "coefficient b" for the plane's first (0) or second (1) direction."""
    index = landscape.plane.indices[which]
    if landscape.plane.kind == "coefficient":
        return text(lang, "landscape.axis_coefficient", name=coefficient_names(len(eigenvalues) - 1)[index])
    role = ("slowest" if index == 0 else "fastest" if index == len(eigenvalues) - 1 else "other")
    return text(lang, f"landscape.axis_mode_{role}", number=index + 1, eigenvalue=f"{eigenvalues[index]:.3g}")


def log_excess(landscape: Landscape) -> tuple[np.ndarray, float]:
    """log10 of the excess loss on the grid, floored DECADES below its top (the optimum itself is 0)."""
    top = float(np.max(landscape.excess))
    floor = top * 10.0**-DECADES if top > 0 else 1e-300
    return np.log10(np.maximum(landscape.excess, floor)), math.log10(floor)


def colour_bar(low: float, high: float, font_size: int, lang: str) -> dict[str, Any]:
    """Ticks at whole decades, labelled as losses (1e-3 … 1e4), not as their logarithms."""
    values = list(range(math.ceil(low), math.floor(high) + 1))
    return {"title": {"text": text(lang, "landscape.colour_bar"), "side": "right"},
            "tickvals": values, "ticktext": [f"1e{v}" for v in values], "tickfont": {"size": font_size}}


def landscape_figure(landscape: Landscape, eigenvalues: np.ndarray, lang: str = "en",
                     font_size: int = 14) -> dict[str, Any]:
    """Contours of the loss above the optimum's, the path, the optimum, and the frame's point (animated)."""
    z, low = log_excess(landscape)
    high = float(z.max())
    finite = np.isfinite(landscape.path_a) & np.isfinite(landscape.path_b)
    path_a, path_b = landscape.path_a[finite], landscape.path_b[finite]
    steps = landscape.steps[finite].tolist()
    marker = 12 if font_size <= 16 else 18
    xs, ys = significant(path_a), significant(path_b)  # the path, and each frame's point on it
    traces = [
        {"type": "contour", "x": significant(landscape.a), "y": significant(landscape.b),
         "z": np.round(z, 3).tolist(), "showscale": True, "hoverinfo": "skip",  # decades, to a thousandth
         "colorscale": [[0, "#F7FBFF"], [0.5, "#9ECAE1"], [1, "#2171B5"]], "reversescale": True,
         "contours": {"start": math.ceil(low * 2) / 2, "end": high, "size": 0.5, "coloring": "fill"},
         "line": {"color": "rgba(26, 26, 26, 0.35)", "width": 1},
         "colorbar": colour_bar(low, high, font_size, lang), "name": text(lang, "landscape.loss")},
        {"type": "scatter", "mode": "lines+markers", "name": text(lang, "landscape.path"),
         "x": xs, "y": ys, "text": [f"{s:,}" for s in steps],
         "hovertemplate": text(lang, "landscape.hover"), "line": {"color": PATH_COLOUR, "width": 2},
         "marker": {"color": PATH_COLOUR, "size": 5}},
        {"type": "scatter", "mode": "markers", "name": text(lang, "landscape.optimum"),
         "x": [0.0], "y": [0.0],
         "marker": {"color": OPTIMUM_COLOUR, "symbol": "star", "size": marker + 6,
                    "line": {"color": TARGET_COLOUR, "width": 1}}},
        _point(xs, ys, len(steps) - 1, text(lang, "landscape.now"), marker),
    ]
    frames = [{"name": str(step), "traces": [len(traces) - 1],
               "data": [_point(xs, ys, i, None, marker)]}
              for i, step in enumerate(steps)]
    layout = _layout(landscape, eigenvalues, steps, font_size, lang)
    return {"data": traces, "layout": layout, "frames": frames}


def _point(xs: list[float | None], ys: list[float | None], i: int, name: str | None,
           size: int) -> dict[str, Any]:
    point = {"type": "scatter", "x": xs[i:i + 1], "y": ys[i:i + 1]}
    if name is None:  # a frame: only the position changes
        return point
    return {**point, "mode": "markers", "name": name,
            "marker": {"color": FIT_COLOUR, "size": size, "line": {"color": TARGET_COLOUR, "width": 2}}}


def _layout(landscape: Landscape, eigenvalues: np.ndarray, steps: list[int], font_size: int,
            lang: str) -> dict[str, Any]:
    font = {"size": font_size, "color": TARGET_COLOUR}
    axis = {"showline": True, "linecolor": TARGET_COLOUR, "zeroline": False, "ticks": "outside",
            "exponentformat": "power"}
    controls_y = -0.22
    slider_steps = [{"method": "animate", "label": f"{s:,}", "args": [[str(s)], JUMP_ARGS]} for s in steps]
    return {
        "title": {"text": text(lang, "landscape.title"), "font": {**font, "size": font_size + 2}},
        "font": font, "height": HEIGHT + (100 if font_size > 16 else 0), "paper_bgcolor": "white",
        "plot_bgcolor": "white", "margin": {"l": 80, "r": 20, "t": 60, "b": 150},
        "legend": {"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": font},
        "xaxis": {**axis, "range": [landscape.a[0], landscape.a[-1]],
                  "title": {"text": axis_title(landscape, 0, eigenvalues, lang), "font": font}},
        "yaxis": {**axis, "range": [landscape.b[0], landscape.b[-1]],
                  "title": {"text": axis_title(landscape, 1, eigenvalues, lang), "font": font}},
        "updatemenus": [{"type": "buttons", "direction": "left", "showactive": False, "font": font,
                         "x": 0, "xanchor": "left", "y": controls_y, "yanchor": "top",
                         "buttons": [{"label": text(lang, "figure.play"), "method": "animate",
                                      "args": PLAY_ARGS},
                                     {"label": text(lang, "figure.pause"), "method": "animate",
                                      "args": PAUSE_ARGS}]}],
        "sliders": [{"active": len(steps) - 1, "steps": slider_steps, "x": 0, "len": 1.0, "y": controls_y,
                     "yanchor": "top", "pad": {"t": 0, "l": 12 * font_size},
                     "font": {**font, "color": "rgba(0, 0, 0, 0)"},
                     "currentvalue": {"prefix": text(lang, "figure.slider_prefix"), "font": font}}],
    }
