"""Why the engine's steps/s at 1,000,000 points stay near 2× the reference: what faster ways would give.

python -m bench.large_data [--compile]

Each row trains the tutorial's cubic on 1,000,000 points (lr 1e-9) in this process, beside the
reference script run in the same session, and prints steps/s:
- the engine (components/engine/training.py: one addmv, r·r, loss.backward()), timed by fit_trajectory: its
  time also holds the loss of the last state and the recording of every step (about 1% here);
- about the best eager torch can do here: the loss and its gradient written out by hand in one pass
  over cache-sized blocks, into buffers made once, with no autograd at all;
- with --compile, torch.compile's fused kernels for the same loss (its compile time printed apart).
The hand-written pass is not what the app runs: it would replace autograd's derivative, which is
what the page exists to show.
"""
from __future__ import annotations

import argparse
import statistics
import time
from typing import Callable

import torch

from bench.reference import reference_steps_per_s
from components.engine.training import fit_trajectory, initial_coefficients, prepare
from components.state.settings import Settings

POINTS, STEPS, LR = 1_000_000, 100, 1e-9
BLOCK = 131_072  # points per block: the block's features (2 MB) stay in the core's cache for both uses

StepFn = Callable[[torch.Tensor], float]  # one update of w in place; returns the loss before it


def data(settings: Settings) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The engine's own features 1, x, x², x³ (rows), sin(x) and first coefficients (a column), on the CPU."""
    problem = prepare(settings, torch.device("cpu"))
    return problem.features, problem.samples.y, initial_coefficients(settings).unsqueeze(1)


def hand_fused_step(rows: torch.Tensor, y: torch.Tensor) -> StepFn:
    """Loss Σr² and gradient 2·rows·r per block, r = rowsᵀw − y, with no autograd and no fresh n-sized
    tensor."""
    blocks = [(rows[:, i : i + BLOCK], y[None, i : i + BLOCK]) for i in range(0, rows.shape[1], BLOCK)]
    residual, grad, loss = torch.empty(1, BLOCK), torch.empty(4, 1), torch.empty(())

    def step(w: torch.Tensor) -> float:
        grad.zero_(), loss.zero_()
        for features, target in blocks:
            r = residual[:, : features.shape[1]]
            torch.addmm(target, w.t(), features, beta=-1, out=r)
            loss.add_(torch.dot(r.view(-1), r.view(-1)))
            grad.addmm_(features, r.t(), alpha=2)
        w.sub_(LR * grad)
        return float(loss)

    return step


def compiled_step(rows: torch.Tensor, y: torch.Tensor) -> StepFn:
    def loss_of(w: torch.Tensor) -> torch.Tensor:
        r = (w * rows).sum(0) - y
        return (r * r).sum()

    compiled = torch.compile(loss_of, dynamic=False)

    def step(w: torch.Tensor) -> float:
        w.requires_grad_(True)
        loss = compiled(w)
        loss.backward()
        with torch.no_grad():
            w.sub_(LR * w.grad)
        w.grad = None
        return float(loss)

    return step


def steps_per_s(step: StepFn, w0: torch.Tensor) -> float:
    w = w0.clone()
    started = time.perf_counter()
    for _ in range(STEPS):
        step(w)
    return STEPS / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--compile", action="store_true",
                        help="also time torch.compile (about 20 s to compile)")
    args = parser.parse_args()
    settings = Settings(points=POINTS, lr=LR, steps=STEPS, device="cpu")
    rows, y, w0 = data(settings)
    hand_fused = hand_fused_step(rows, y)
    variants: dict[str, Callable[[], float]] = {
        "engine (autograd)": lambda: fit_trajectory(settings).steps_per_s,
        "hand-written fused pass, no autograd": lambda: steps_per_s(hand_fused, w0),
    }
    if args.compile:
        started, compiled = time.perf_counter(), compiled_step(rows, y)
        compiled(w0.clone())  # the first call compiles
        print(f"torch.compile: {time.perf_counter() - started:.1f} s to compile")
        variants["torch.compile, fused kernels"] = lambda: steps_per_s(compiled, w0)
    rates: dict[str, list[float]] = {name: [] for name in ["reference", *variants]}
    for _ in range(3):  # interleaved, so a noisy neighbour slows every row alike
        rates["reference"].append(reference_steps_per_s(POINTS, STEPS, LR))
        for name, measure in variants.items():
            rates[name].append(measure())
    reference = statistics.median(rates["reference"])
    print(f"steps/s at {POINTS:,} points, {STEPS} steps (median of 3, interleaved)\n")
    print("| way | steps/s | × reference |\n|---|---:|---:|")
    for name, values in rates.items():
        rate = statistics.median(values)
        print(f"| {name} | {rate:,.0f} | {rate / reference:.1f}× |")


if __name__ == "__main__":
    main()
