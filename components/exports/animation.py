"""The animation to take away: one self-contained HTML page (plotly.js inlined, it plays offline), or an
animated GIF drawn by Kaleido with the system's Chromium. Pure functions of build_figure's figure: no
Streamlit.
"""
from __future__ import annotations

import asyncio
import io
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import plotly.io as pio

from components.views.figures import AXIS_TITLES_PX

# ---------------------------------------------------------------------------------------------
# The animation as one HTML file


def animation_html(figure: dict[str, Any]) -> str:
    """A self-contained page of build_figure's figure: plotly.js is inlined, so it plays offline."""
    # validate=False hands the dict to plotly.js as it is: validating a run's frames through go.Figure
    # costs about as much as the training, and build_figure's schema is checked by its own tests.
    # It also keeps the page's look: validation would add plotly.py's default template, which the
    # app (theme=None, a prebuilt dict) never applies.
    return pio.to_html(figure, include_plotlyjs=True, full_html=True, auto_play=False, validate=False,
                       config={"displaylogo": False, "responsive": True})


# ---------------------------------------------------------------------------------------------
# The numbers as CSV


# ---------------------------------------------------------------------------------------------
# The animation as an animated GIF

GIF_FRAME_MS = 100  # 60 frames play in 6 s
GIF_LAST_FRAME_MS = 2500  # the trained polynomial stays up before the loop starts over
GIF_COLOURS = 64  # the figure has a handful of colours; the rest are anti-aliasing shades
KALEIDO_TABS = 2  # Chromium tabs rendering at once


def gif_frames(figure: dict[str, Any], width: int, height: int, max_frames: int) -> list[dict[str, Any]]:
    """Still figures of at most `max_frames` animation frames (the first and last included), without
    controls."""
    if max_frames < 1:
        raise ValueError(f"max_frames must be at least 1, not {max_frames}")
    frames = figure.get("frames") or [{"name": None, "data": [], "traces": []}]
    picks = np.unique(np.linspace(0, len(frames) - 1, min(len(frames), max_frames)).round().astype(int))
    layout = dict(figure["layout"])
    title = layout.get("title", {}).get("text", "")
    # A GIF has nothing to press: the buttons and slider go, and with them the band below the
    # plots, but for the tick labels and axis titles.
    layout.update(updatemenus=[], sliders=[], width=width, height=height, autosize=False,
                  margin={**layout.get("margin", {}), "b": AXIS_TITLES_PX + 12})
    stills = []
    for i in picks:
        frame = frames[i]
        data = [dict(trace) for trace in figure["data"]]
        for index, update in zip(frame.get("traces", range(len(frame["data"]))), frame["data"]):
            data[index] = _merged(data[index], update)  # what Plotly.animate does to the traces
        step = f"step {frame['name']}" if frame.get("name") is not None else ""
        text = " · ".join(t for t in (title, step) if t)
        stills.append({"data": data,
                       "layout": {**layout, "title": {**layout.get("title", {}), "text": text}}})
    return stills


def animated_gif(figure: dict[str, Any], width: int = 800, height: int = 450, max_frames: int = 60) -> bytes:
    """An animated GIF of build_figure's animation: each kept frame drawn by Kaleido in Chromium, looping."""
    # Imported here: only the GIF needs them, and the rest of the module works without them.
    import kaleido
    from PIL import Image

    pngs = _run_async(_render_pngs(kaleido, gif_frames(figure, width, height, max_frames), width, height))
    images = [Image.open(io.BytesIO(png)).convert("RGB") for png in pngs]
    # One palette for every frame, from the last (every trace is on it): unchanged pixels keep their
    # index, so each GIF frame stores only what moved.
    chosen = images[-1].quantize(colors=GIF_COLOURS, method=Image.Quantize.MEDIANCUT).getpalette() or []
    palette = np.array(chosen[: 3 * GIF_COLOURS]).reshape(-1, 3)
    frames = [_indexed(image, palette) for image in images]
    out = io.BytesIO()
    durations = [GIF_FRAME_MS] * (len(frames) - 1) + [GIF_LAST_FRAME_MS]
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=durations, loop=0)
    return out.getvalue()


def _indexed(image: Any, palette: np.ndarray) -> Any:
    """The RGB image as a palette image, each pixel the nearest palette colour.

    Pillow's own quantize(palette=...) looks colours up in a coarse cache and turns the white
    background into (252, 252, 252); a frame has only a few thousand distinct colours, so the
    exact nearest colour of each is cheap.
    """
    from PIL import Image

    rgb = np.asarray(image, dtype=np.int32)
    packed = (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]
    colours, inverse = np.unique(packed, return_inverse=True)
    distinct = np.stack([colours >> 16, (colours >> 8) & 255, colours & 255], axis=1)
    nearest = ((distinct[:, None, :] - palette[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    out = Image.frombytes("P", image.size, nearest[inverse].astype(np.uint8).tobytes())
    out.putpalette(palette.astype(np.uint8).ravel().tolist())
    return out


def browser_path() -> str | None:
    """The Chrome or Chromium Kaleido drives: $BROWSER_PATH, else Debian's Chromium, else Kaleido's own
    search."""
    return os.environ.get("BROWSER_PATH") or shutil.which("chromium") or None


async def _render_pngs(kaleido: Any, stills: list[dict[str, Any]], width: int, height: int) -> list[bytes]:
    options = {"format": "png", "width": width, "height": height, "scale": 1}
    # mathjax=False: Kaleido would otherwise load MathJax from a CDN, and nothing here is LaTeX.
    # plotly.js comes from the plotly package's own copy, so no network is needed at all.
    path = browser_path()
    async with kaleido.Kaleido(n=KALEIDO_TABS, mathjax=False, **({"path": path} if path else {})) as k:
        return list(await asyncio.gather(*(k.calc_fig(still, options) for still in stills)))


def _run_async(coroutine: Any) -> Any:
    """Run a coroutine to completion from synchronous code, even where an event loop is already running."""
    with ThreadPoolExecutor(max_workers=1) as pool:  # a fresh thread has no running loop
        return pool.submit(asyncio.run, coroutine).result()


def _merged(base: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """base with update's keys laid over it, nested dicts merged, lists replaced (as plotly.js animates)."""
    out = dict(base)
    for key, value in update.items():
        out[key] = (_merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict)
                    else value)
    return out
