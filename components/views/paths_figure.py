"""Coefficient paths: each coefficient against the step on a log step axis, one small panel each (their
sizes differ by orders of magnitude), with its optimum's value dashed: the class sees which settle
first."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from components.state.i18n import text
from components.views.figures import FIT_COLOUR, OPTIMUM_COLOUR, TARGET_COLOUR, significant
from components.views.modes_figure import decade_ticks

SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
ROW_PX = 170
COLUMNS = 4
GAP = 0.06  # between the small panels, in shares of the figure


def term_label(basis: str, k: int) -> str:
    """Basis function k as the page writes it: 1, x, x², … (u, u², … scaled; P₀(u), P₁(u), … Legendre)."""
    if basis == "legendre":
        return f"P{str(k).translate(SUBSCRIPTS)}(u)"
    v = "x" if basis == "power" else "u"
    return "1" if k == 0 else v if k == 1 else f"{v}{str(k).translate(SUPERSCRIPTS)}"


def paths_figure(steps: np.ndarray, coefficients: np.ndarray, optimum: np.ndarray, names: list[str],
                 title: str, lang: str = "en", font_size: int = 14) -> dict[str, Any]:
    """Small multiples: coefficient k against the step (from step 1, log axis), and the optimum's value
    dashed."""
    shown = np.asarray(steps) > 0
    count = len(optimum)
    columns = min(COLUMNS, count)
    rows = math.ceil(count / columns)
    width = 2.5 if font_size <= 16 else 4
    font = {"size": font_size, "color": TARGET_COLOUR}
    traces, layout = [], {}
    for k in range(count):
        row, column = divmod(k, columns)
        axis = "" if k == 0 else str(k + 1)
        x0 = column / columns + (GAP / 2 if column else 0)
        y1 = 1 - row / rows - (GAP / 2 if row else 0)
        layout[f"xaxis{axis}"] = {"domain": [x0, (column + 1) / columns - GAP / 2], "type": "log",
                                  **decade_ticks(0, math.log10(max(int(steps[-1]), 1))),
                                  "anchor": f"y{axis}", "showline": True, "linecolor": TARGET_COLOUR,
                                  "exponentformat": "power", "tickfont": {"size": font_size - 2}}
        layout[f"yaxis{axis}"] = {"domain": [1 - (row + 1) / rows + GAP, y1], "anchor": f"x{axis}",
                                  "showline": True, "linecolor": TARGET_COLOUR, "zeroline": False,
                                  "exponentformat": "power", "tickfont": {"size": font_size - 2},
                                  "title": {"text": names[k], "font": font, "standoff": 4}}
        on = {"xaxis": f"x{axis}", "yaxis": f"y{axis}"}
        traces.append({"type": "scatter", "mode": "lines", "name": text(lang, "paths.run"), **on,
                       "x": np.asarray(steps)[shown].tolist(), "y": significant(coefficients[shown, k]),
                       "legendgroup": "run", "showlegend": k == 0,
                       "line": {"color": FIT_COLOUR, "width": width}})
        traces.append({"type": "scatter", "mode": "lines", "name": text(lang, "paths.optimum"), **on,
                       "x": [1, max(int(steps[-1]), 2)], "y": significant(np.repeat(optimum[k], 2)),
                       "legendgroup": "optimum", "showlegend": k == 0,
                       "line": {"color": OPTIMUM_COLOUR, "width": width, "dash": "dash"}})
    height = rows * ROW_PX + 130 + (rows * 40 if font_size > 16 else 0)
    return {"data": traces, "layout": {
        **layout, "title": {"text": title, "font": {**font, "size": font_size + 2}}, "font": font,
        "height": height, "paper_bgcolor": "white", "plot_bgcolor": "white", "showlegend": True,
        "margin": {"l": 70, "r": 20, "t": 90, "b": 40},
        "legend": {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom", "yref": "paper",
                   "font": font}}}
