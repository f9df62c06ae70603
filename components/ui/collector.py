"""Python's garbage collector, told which objects live as long as the server.

A full collection walks every object that could be in a reference cycle: with torch, Streamlit and Plotly
imported, some 260,000 of them, about 150 ms of this machine's CPU each time, and the page's figures (tens
of thousands of new lists and dicts each) set one off every few uncached reruns. What the imports made lives
as long as the process: frozen once the page's modules are loaded (gc.freeze), the collector skips it, and a
full collection takes some 15 ms instead. Objects made later are collected as before. One collection first,
so that no garbage already there is frozen with the rest (Streamlit's own after each run is off).
"""
from __future__ import annotations

import functools
import gc


@functools.cache
def freeze_imported_objects() -> None:
    """Leave everything alive now out of every later collection (once per process)."""
    gc.collect()
    gc.freeze()
