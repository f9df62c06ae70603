"""Which of a run's samples to draw: numpy only, so the figures import it without torch."""
from __future__ import annotations

import numpy as np


def thinned(count: int, limit: int) -> np.ndarray:
    """Indices of at most `limit` evenly strided points, the last one included."""
    if count <= limit:
        return np.arange(count)
    return np.unique(np.linspace(0, count - 1, limit).round().astype(np.int64))
