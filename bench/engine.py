"""Steps per second: the tutorial's script, the autograd engine and the closed form, side by side."""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from bench.reference import reference_steps_per_s
from components.engine.analysis import analyse
from components.engine.closed_form import closed_form_trajectory
from components.engine.training import fit_trajectory, resolve_device
from components.state.settings import Settings


@dataclass(frozen=True)
class Case:
    name: str
    settings: Settings
    repeats: int = 3


def cases(device: str) -> list[Case]:
    """The issue's rows; on CUDA the large problems run longer, since each step is so much faster."""
    cuda = device == "cuda"
    return [
        Case("tutorial: cubic, 2000 points, 2000 steps", Settings(device=device)),
        Case("100,000 steps", Settings(device=device, steps=100_000), repeats=1),
        Case("degree 9, Legendre basis, 2000 steps",
             Settings(device=device, degree=9, basis="legendre", lr=1e-4)),
        Case("1,000,000 points, lr 1e-9", Settings(device=device, points=1_000_000, lr=1e-9,
                                                   steps=2000 if cuda else 50)),
    ]


@dataclass(frozen=True)
class Row:
    name: str
    reference: float  # steps/s of the tutorial's script (a cubic in powers of x, same points, steps and lr)
    autograd: float
    closed_form: float  # the fast-forward alone
    closed_form_with_analysis: float
    graph: float | None = None  # CUDA graphs; None on the CPU, where autograd is the plain loop


def median_rate(run, repeats: int) -> float:
    return statistics.median(run() for _ in range(repeats))


def closed_form_rates(settings: Settings) -> tuple[float, float]:
    """Steps/s of the closed form: the fast-forward alone (the page computes the analysis anyway, for
    the optimum it draws), and with the analysis (samples, least squares, eigendecomposition) counted."""
    started = time.perf_counter()
    analysis = analyse(settings)
    analysed = time.perf_counter() - started
    alone = closed_form_trajectory(settings, analysis=analysis).wall_time_s
    return settings.steps / alone, settings.steps / (analysed + alone)


def measure(case: Case) -> Row:
    s = case.settings
    fit_trajectory(s.replace(steps=min(s.steps, 64)))  # warm up kernels (and CUDA's context)
    device = resolve_device(s.device).type
    reference = median_rate(lambda: reference_steps_per_s(s.points, s.steps, s.lr, device), case.repeats)
    autograd = median_rate(lambda: fit_trajectory(s, cuda_graph=False).steps_per_s, case.repeats)
    graph = median_rate(lambda: fit_trajectory(s).steps_per_s, case.repeats) if device == "cuda" else None
    rates = [closed_form_rates(s.replace(device="cpu")) for _ in range(max(case.repeats, 5))]
    closed, analysed = (statistics.median(r[i] for r in rates) for i in (0, 1))
    return Row(case.name, reference, autograd, closed, analysed, graph)


def table(rows: list[Row], device: str) -> list[str]:
    graph = device == "cuda"
    head = ("| case | reference | autograd engine |" + (" engine + CUDA graphs |" if graph else "")
            + " closed form | closed form + its analysis |")
    lines = [f"steps/s on {device.upper()} (× = against the reference in the same run)", "", head,
             "|---|---:|---:|" + ("---:|" if graph else "") + "---:|---:|"]
    for r in rows:
        cells = [f"{r.reference:,.0f}", ratio(r.autograd, r.reference)]
        if graph:
            cells.append(ratio(r.graph, r.reference))
        cells += [ratio(r.closed_form, r.reference), ratio(r.closed_form_with_analysis, r.reference)]
        lines.append(f"| {r.name} | " + " | ".join(cells) + " |")
    return lines


def ratio(rate: float, reference: float) -> str:
    return f"{rate:,.0f} ({rate / reference:,.1f}×)"
