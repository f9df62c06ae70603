"""Steps per second of the autograd engine against the tutorial's script, measured in one run."""
from __future__ import annotations

import statistics

from bench.reference import reference_steps_per_s
from components.settings import Settings
from components.training import fit_trajectory

CASES = {
    "tutorial (2000 points, 2000 steps)": Settings(device="cpu"),
    "1,000,000 points, lr 1e-9, 50 steps": Settings(device="cpu", points=1_000_000, lr=1e-9, steps=50),
}


def engine_steps_per_s(settings: Settings) -> float:
    return fit_trajectory(settings).steps_per_s


def compare(settings: Settings, repeats: int = 3) -> tuple[float, float]:
    """Median steps/s of the reference and of the engine, alternated so both see the same machine load."""
    engine_steps_per_s(settings.replace(steps=min(settings.steps, 20)))  # warm up torch's kernels
    reference, engine = [], []
    for _ in range(repeats):
        reference.append(reference_steps_per_s(settings.points, settings.steps, settings.lr))
        engine.append(engine_steps_per_s(settings))
    return statistics.median(reference), statistics.median(engine)


def rows(repeats: int = 3) -> list[tuple[str, float, float]]:
    return [(name, *compare(settings, repeats)) for name, settings in CASES.items()]
