"""The fit of one step, stage by stage: the samples, the prediction ŷ, its errors ŷ − y as thin segments,
and the curve after the update."""
from __future__ import annotations

from typing import Any

import numpy as np

from components.engine.inspection import StepInspection
from components.state.i18n import text
from components.views.figures import FIT_COLOUR, OPTIMUM_COLOUR, TARGET_COLOUR

ERROR_COLOUR = "#CC79A7"  # Okabe–Ito reddish purple: the errors, apart from the fit's vermillion
HEIGHT = 380


def _segments(x: np.ndarray, y: np.ndarray,
              y_pred: np.ndarray) -> tuple[list[float | None], list[float | None]]:
    """One vertical segment per sample from y to ŷ, as a single trace (None breaks the line)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for xi, yi, pi in zip(x.tolist(), y.tolist(), y_pred.tolist()):
        xs += [xi, xi, None]
        ys += [yi, pi, None]
    return xs, ys


def step_figure(inspection: StepInspection, stage: str, lang: str = "en",
                font_size: int = 14) -> dict[str, Any]:
    """A Plotly figure (a plain dict) of the stage: forward ŷ, loss and backward the errors, update the new
    curve."""
    i = inspection
    line = 2.5 if font_size <= 16 else 4
    traces: list[dict[str, Any]] = [
        {"type": "scatter", "mode": "markers", "x": i.sample_x.tolist(), "y": i.sample_y.tolist(),
         "name": text(lang, "step.figure.samples"), "marker": {"color": TARGET_COLOUR, "size": 4}},
        {"type": "scatter", "mode": "lines", "x": i.sample_x.tolist(), "y": i.prediction.tolist(),
         "name": text(lang, "step.figure.prediction", step=i.step),
         "line": {"color": FIT_COLOUR, "width": line}},
    ]
    if stage != "forward":
        xs, ys = _segments(i.sample_x, i.sample_y, i.prediction)
        traces.append({"type": "scatter", "mode": "lines", "x": xs, "y": ys,
                       "name": text(lang, "step.figure.errors"),
                       "line": {"color": ERROR_COLOUR, "width": 1}, "hoverinfo": "skip"})
    if stage == "update":
        traces.append({"type": "scatter", "mode": "lines", "x": i.sample_x.tolist(),
                       "y": i.prediction_after.tolist(),
                       "name": text(lang, "step.figure.after"),
                       "line": {"color": OPTIMUM_COLOUR, "width": line, "dash": "dash"}})
    font = {"size": font_size, "color": TARGET_COLOUR}
    axis = {"showline": True, "linecolor": TARGET_COLOUR, "gridcolor": "#D9D9D9", "zeroline": False}
    return {
        "data": traces,
        "layout": {
            "title": {"text": text(lang, f"step.figure.title_{stage}", step=i.step), "font": font},
            "height": HEIGHT + (60 if font_size > 16 else 0), "font": font,
            "paper_bgcolor": "white", "plot_bgcolor": "white",
            "margin": {"l": 60, "r": 20, "t": 60, "b": 40},
            # Under the x axis's title, not on it.
            "legend": {"orientation": "h", "y": -0.2, "yanchor": "top", "x": 0, "font": font},
            "xaxis": axis, "yaxis": axis,  # no axis titles: the legend says what is drawn, under the x ticks
        },
    }
