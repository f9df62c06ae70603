"""The eigenmodes of a run: each direction's error against the step (log–log), measured and predicted, and the
spectrum that decides them (lr·λᵢ against the stability limit), with what it says in words."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from components.engine.modes import Modes
from components.state.i18n import text
from components.views.figures import DIVERGED_COLOUR, TARGET_COLOUR, significant
from components.views.formatting import format_lr, format_plain

HEIGHT = 440
DEEPEST = 24  # decades the error axis may span
MOST_TICKS = 7  # labels on a log axis, at most (a hall reads them from the back)
# Slow modes blue, fast ones vermillion, through green and orange (Okabe–Ito hues: colour-blind safe).
RAMP = ("#0072B2", "#009E73", "#E69F00", "#D55E00")


def mode_colour(index: int, count: int) -> str:
    """Mode `index` of `count` on the ramp from blue (the slowest) to vermillion (the fastest)."""
    position = index / max(count - 1, 1) * (len(RAMP) - 1)
    low = min(int(position), len(RAMP) - 2)
    share = position - low
    a, b = (tuple(int(c[k:k + 2], 16) for k in (1, 3, 5)) for c in RAMP[low:low + 2])
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(a, b))


def decade_ticks(low: float, high: float) -> dict[str, Any]:
    """A log axis from `low` to `high` (in decades) labelled at whole decades once it spans two or more (the
    2s and 5s crowd it), every few decades past MOST_TICKS."""
    span = high - low
    return {"dtick": max(1, math.ceil(span / MOST_TICKS))} if span >= 2 else {"dtick": "D2"}


def _axes(font: dict[str, Any]) -> dict[str, Any]:
    return {"showline": True, "linecolor": TARGET_COLOUR, "gridcolor": "#D9D9D9", "zeroline": False,
            "ticks": "outside", "title": {"font": font}}


def _layout(title: str, font_size: int, x_title: str, y_title: str, **more: Any) -> dict[str, Any]:
    font = {"size": font_size, "color": TARGET_COLOUR}
    axis = _axes(font)
    return {"title": {"text": title, "font": {**font, "size": font_size + 2}}, "font": font,
            "height": HEIGHT + (80 if font_size > 16 else 0),
            "paper_bgcolor": "white", "plot_bgcolor": "white",
            "margin": {"l": 5 * font_size, "r": 20, "t": 60, "b": 60},
            "xaxis": {**axis, "title": {**axis["title"], "text": x_title}},
            "yaxis": {**axis, "title": {**axis["title"], "text": y_title}}, **more}


def modes_figure(modes: Modes, lang: str = "en", font_size: int = 14) -> dict[str, Any]:
    """One solid line per mode, its error |zᵢ| against the step on log–log axes; dashed, the prediction."""
    shown = modes.steps > 0  # a log axis starts after step 0
    steps, count = modes.steps[shown].tolist(), len(modes.eigenvalues)
    width = 2.5 if font_size <= 16 else 4
    traces = []
    for i in range(count):
        colour = mode_colour(i, count)
        name = text(lang, "modes.mode", number=i + 1, eigenvalue=f"{modes.eigenvalues[i]:.3g}")
        traces.append({"type": "scatter", "mode": "lines", "name": name, "legendgroup": str(i),
                       "x": steps, "y": significant(modes.measured[shown, i], positive=True),
                       "line": {"color": colour, "width": width}})
        if modes.predicted is not None:
            traces.append({"type": "scatter", "mode": "lines",
                           "name": text(lang, "modes.predicted_of", number=i + 1),
                           "legendgroup": str(i), "showlegend": False, "x": steps,
                           "y": significant(modes.predicted[shown, i], positive=True),
                           "line": {"color": colour, "width": width + 2, "dash": "dot"}, "opacity": 0.55})
    if modes.predicted is not None:  # one legend entry says what every dotted line is
        traces.append({"type": "scatter", "mode": "lines", "name": text(lang, "modes.predicted"), "x": [None],
                       "y": [None], "line": {"color": "#6E6E6E", "width": width + 2, "dash": "dot"}})
    layout = _layout(text(lang, "modes.title"), font_size, text(lang, "modes.axis_step"),
                     text(lang, "modes.axis_error"),
                     legend={"font": {"size": font_size}, "x": 1.02, "xanchor": "left", "y": 1})
    last = math.log10(max(int(modes.steps[-1]), 1))
    layout["xaxis"].update(type="log", exponentformat="power", **decade_ticks(0, last))
    errors = error_range(modes.measured[shown])
    layout["yaxis"].update(type="log", exponentformat="power", range=errors,
                           **decade_ticks(*(errors or (0, 9))))
    return {"data": traces, "layout": layout}


def error_range(measured: np.ndarray) -> list[float] | None:
    """The error axis in decades: the measured lines whole, at most DEEPEST decades under their top (a
    prediction plunging past the rounding of the number type leaves at the bottom; the lines stay legible)."""
    values = measured[np.isfinite(measured) & (measured > 0)]
    if not len(values):
        return None
    top = math.log10(values.max())
    return [max(math.log10(values.min()), top - DEEPEST) - 0.5, top + 0.5]


def spectrum_figure(modes: Modes, lang: str = "en", font_size: int = 14) -> dict[str, Any]:
    """Each mode's lr·λᵢ (log axis) against the optimizer's stability limit; those past it drawn as ✕."""
    count = len(modes.eigenvalues)
    numbers = list(range(1, count + 1))
    past = [modes.limit is not None and h > modes.limit for h in modes.lr_lambda]
    size = 12 if font_size <= 16 else 18
    traces = [{"type": "scatter", "mode": "markers", "name": text(lang, "modes.lr_lambda"), "x": numbers,
               "y": significant(modes.lr_lambda, positive=True), "showlegend": False,
               "marker": {"color": [DIVERGED_COLOUR if p else mode_colour(i, count)
                                    for i, p in enumerate(past)],
                          "symbol": ["x" if p else "circle" for p in past], "size": size,
                          "line": {"color": TARGET_COLOUR, "width": 1}}}]
    shapes, annotations = [], []
    if modes.limit is not None:
        shapes.append({"type": "line", "xref": "paper", "x0": 0, "x1": 1, "yref": "y", "y0": modes.limit,
                       "y1": modes.limit, "line": {"color": DIVERGED_COLOUR, "width": 3, "dash": "dash"}})
        annotations.append({"text": text(lang, "modes.limit", limit=f"{modes.limit:.3g}"), "xref": "paper",
                            "x": 0, "xanchor": "left", "y": math.log10(modes.limit), "yanchor": "bottom",
                            "showarrow": False, "font": {"color": DIVERGED_COLOUR, "size": font_size}})
    layout = _layout(text(lang, "modes.spectrum_title"), font_size, text(lang, "modes.axis_mode"),
                     text(lang, "modes.axis_lr_lambda"), shapes=shapes, annotations=annotations,
                     showlegend=False)
    top = max([*modes.lr_lambda[np.isfinite(modes.lr_lambda)], modes.limit or 0])
    low = min(modes.lr_lambda[modes.lr_lambda > 0], default=top / 10)
    span = [math.log10(low) - 0.3, math.log10(top) + 0.5]
    layout["yaxis"].update(type="log", exponentformat="power", range=span, **decade_ticks(*span))
    layout["xaxis"].update(tickmode="array", tickvals=numbers, range=[0.5, count + 0.5])
    return {"data": traces, "layout": layout}


def spectrum_words(modes: Modes, stable_lr: float | None, lr: float, steps: int,
                   lang: str = "en") -> list[str]:
    """What the spectrum says: the condition number, the stability limit, the slowest (or growing) mode."""
    lowest, highest = modes.eigenvalues[0], modes.eigenvalues[-1]
    words = [text(lang, "modes.words.condition", low=f"{lowest:.3g}", high=f"{highest:.3g}",
                  kappa=format_plain(modes.condition_number)) if modes.resolved
             else text(lang, "modes.words.condition_unresolved", low=f"{lowest:.3g}", high=f"{highest:.3g}",
                       bound=format_plain(1 / (len(modes.eigenvalues) * np.finfo(np.float64).eps)))]
    if modes.rates is None:
        return words + [text(lang, "modes.words.adam")]
    words.append(text(lang, "modes.words.limit", h=f"{modes.lr_lambda[-1]:.3g}", limit=f"{modes.limit:.3g}",
                      stable_lr=format_lr(stable_lr), lr=format_lr(lr)))
    if (grow := modes.growing) is not None:
        words.append(text(lang, "modes.words.growing", number=grow + 1, h=f"{modes.lr_lambda[grow]:.3g}",
                          rate=f"{modes.rates[grow]:.4g}", limit=f"{modes.limit:.3g}"))
    # a run that blows up crawls nowhere; an unresolved smallest eigenvalue gives no pace worth saying
    if (slow := modes.slowest) is not None and grow is None and modes.resolved:
        needed = modes.steps_to_shrink(slow)
        key = "modes.words.slowest_enough" if needed <= steps else "modes.words.slowest_short"
        words.append(text(lang, key, number=slow + 1, rate=f"{modes.rates[slow]:.6g}",
                          needed=f"{needed:,}", steps=f"{steps:,}"))
    return words
