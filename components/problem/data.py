"""A run's data, built once: its samples, its held-out samples, and the feature matrix of each.

Everything that needs the samples takes this one object (the analysis, the autograd loop, the closed
form, the estimate of autograd's time, the figure), instead of each sampling the target again. One
name and one orientation for the feature matrix everywhere: `features`, one row per basis function
and one column per sample, shape (degree + 1, samples), as the tutorial's a·1 + b·x + … sums it.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import torch

from components.problem.basis import features_of
from components.problem.targets import Dataset, make_dataset
from components.state.settings import Settings

# The settings a run's data depends on: two runs that differ only in the rest (the learning rate,
# the steps, the optimizer, …) share it.
DATA_FIELDS = ("degree", "basis", "target", "expr", "data", "holdout", "xmin", "xmax", "points", "noise",
               "seed", "dtype")


@dataclass(frozen=True)
class RunData:
    """The samples of one run on the CPU, in its dtype, and their features, each made the first time it is
    needed (the analysis alone needs none of the training's). Read, never written: the page shares one among
    the runs that need it."""

    settings: Settings
    samples: Dataset

    def _features(self, x: torch.Tensor) -> torch.Tensor:
        return features_of(x, self.settings.basis, self.settings.degree, self.settings.domain)

    @functools.cached_property
    def features(self) -> torch.Tensor:
        """(degree + 1, samples), in the training's dtype."""
        return self._features(self.samples.x)

    @functools.cached_property
    def test_features(self) -> torch.Tensor:
        """The same at the held-out samples."""
        return self._features(self.samples.x_test)

    def features64(self) -> np.ndarray:
        """The features in float64, of the same samples: what the analysis solves exactly (made when asked:
        at 10⁶ points they are 128 MB, and the analysis that needs them is cached)."""
        return self._features(self.samples.x.double()).numpy()


def data_key(settings: Settings) -> tuple:
    """What the data depends on: a cache key shared by every run on the same samples (the seed only where it
    draws them: the noise, or which of the reader's points are held out)."""
    drawn = settings.holdout > 0 if settings.target == "data" else settings.noise > 0
    return tuple(None if name == "seed" and not drawn else getattr(settings, name) for name in DATA_FIELDS)


def run_data(settings: Settings) -> RunData:
    """Sample the target once; the feature matrices follow from the samples when asked for."""
    return RunData(settings=settings, samples=make_dataset(settings))
