"""The tutorial's autograd loop, generalised: any degree, basis, optimizer, target and device.

Each iteration does what the tutorial does: evaluate the polynomial on every sample, take the
loss, call `loss.backward()`, and update the coefficients by hand under `torch.no_grad()`.
Nothing is copied to the host inside the loop: the loss and the coefficients of every step are
written into preallocated tensors on the device and handed over a chunk at a time, so a GPU is
never stalled by a per-step synchronisation.
"""
from __future__ import annotations

import functools
import math
import time
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from components.engine.optimizers import OPTIMIZERS, Update
from components.problem.basis import to_power_matrix
from components.problem.data import RunData, run_data
from components.problem.targets import Dataset, held_out_scale
from components.state.errors import SettingError
from components.state.i18n import Phrase
from components.state.settings import Settings

CHUNK_STEPS = 1024  # steps handed from the device to the host at a time
GRAPH_STEPS = 32  # steps captured in one CUDA graph (CHUNK_STEPS is a multiple of it)
# Up to this many points the polynomial is evaluated term by term, a·1 + b·x + c·x² + …, summed in
# the tutorial's order, which gives bit-for-bit the tutorial's numbers. Beyond it one matrix-vector
# product reads the features once per step instead of once per term, which is faster.
TERMWISE_MAX_POINTS = 50_000


def resolve_device(name: str) -> torch.device:
    """`auto` is CUDA when available, else the CPU; `cuda` without CUDA is a SettingError."""
    if name == "cuda" and not torch.cuda.is_available():
        raise SettingError("device", name, Phrase("allowed.no_cuda"))
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


def initial_coefficients(settings: Settings) -> torch.Tensor:
    """The tutorial's `torch.randn((),)` draws, one coefficient after another, after seeding."""
    generator = torch.Generator().manual_seed(settings.seed)  # private: global torch state is left alone
    dtype = getattr(torch, settings.dtype)
    return torch.stack([torch.randn((), generator=generator, dtype=dtype)
                        for _ in range(settings.degree + 1)])


def loss_of(w: torch.Tensor, features: torch.Tensor, y: torch.Tensor, reduction: str) -> torch.Tensor:
    """Sum (the tutorial's) or mean of the squared errors of the polynomial w (a column) at the samples."""
    if features.shape[1] <= TERMWISE_MAX_POINTS:
        return F.mse_loss((w * features).sum(0), y, reduction=reduction)
    # featuresᵀw − y in one fused pass, and r·r with no n-sized square: at 10⁶ points a step is bound by
    # memory traffic and fresh n-sized tensors, so every pass saved shows (python -m bench.large_data).
    residual = torch.addmv(y, features.t(), w.view(-1), beta=-1)
    total = residual.dot(residual)
    return total if reduction == "sum" else total / len(y)


def make_update(settings: Settings, w: torch.Tensor) -> Update:
    """The optimizer (components/engine/optimizers.py): a function, called under `torch.no_grad()`, that moves
    `w` against `w.grad` and clears it."""
    return OPTIMIZERS[settings.optimizer].update(w, settings.lr, settings.beta)


@dataclass(frozen=True)
class Chunk:
    """Consecutive training states: `loss[i]` and `coefficients[i]` belong to step `start + i`."""

    start: int
    loss: np.ndarray  # float32
    coefficients: np.ndarray  # float64, in the chosen basis, shape (rows, degree + 1)

    def first_non_finite(self) -> int | None:
        bad = ~(np.isfinite(self.loss) & np.isfinite(self.coefficients).all(axis=1))
        return int(np.argmax(bad)) if bad.any() else None


@dataclass(frozen=True)
class DeviceData:
    """A run's data on the device it trains on: the samples and the features of its training and held-out
    points."""

    samples: Dataset
    features: torch.Tensor  # (degree + 1, samples), components/problem/data.py's orientation
    test_features: torch.Tensor


def prepare(settings: Settings, device: torch.device, data: RunData | None = None) -> DeviceData:
    """The run's data (built here when not handed over) on the device."""
    data = data or run_data(settings)
    s = data.samples
    return DeviceData(Dataset(*(t.to(device) for t in (s.x, s.y, s.x_test, s.y_test))),
                      data.features.to(device), data.test_features.to(device))


StepFn = Callable[[torch.Tensor, torch.Tensor, bool], None]


def make_step(settings: Settings, problem: DeviceData, w: torch.Tensor,
              update: Update | None = None) -> StepFn:
    """One iteration of the tutorial's loop, writing its loss and coefficients into the given slots (with
    `update`'s state when given: a replay reads it)."""
    update = make_update(settings, w) if update is None else update

    def step(loss_slot: torch.Tensor, coefficient_slot: torch.Tensor, training: bool) -> None:
        loss = loss_of(w, problem.features, problem.samples.y, settings.loss)
        if training:
            loss.backward()
        with torch.no_grad():
            loss_slot.copy_(loss)
            coefficient_slot.copy_(w)
            if training:
                update()

    return step


BlockFn = Callable[[torch.Tensor, torch.Tensor], None]


def cuda_graph_block(settings: Settings, problem: DeviceData, w: torch.Tensor,
                     step: StepFn) -> BlockFn | None:
    """On CUDA, GRAPH_STEPS training steps captured as one CUDA graph: one launch replays them all.

    A step is some twenty tiny kernels, each far shorter than its launch, so step-by-step autograd
    on a GPU is bound by launch overhead; a graph replays the whole block at once. Adam (whose
    state torch.optim keeps) and the CPU keep the plain loop. Returns run(loss_out, coefficients_out).
    """
    if w.device.type != "cuda" or not OPTIMIZERS[settings.optimizer].in_cuda_graph:
        return None
    loss_block = torch.empty(GRAPH_STEPS, dtype=w.dtype, device=w.device)
    coefficient_block = torch.empty(GRAPH_STEPS, *w.shape, dtype=w.dtype, device=w.device)
    # Capture needs its kernels warmed up on a side stream first; a throwaway copy of the
    # coefficients takes those steps, so the run itself starts from the tutorial's draws.
    scratch = w.detach().clone().requires_grad_(True)
    scratch_step = make_step(settings, problem, scratch)
    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):
        for i in range(3):
            scratch_step(loss_block[i], coefficient_block[i], True)
    torch.cuda.current_stream().wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        for i in range(GRAPH_STEPS):
            step(loss_block[i], coefficient_block[i], True)

    def run_block(loss_out: torch.Tensor, coefficients_out: torch.Tensor) -> None:
        graph.replay()
        loss_out.copy_(loss_block)
        coefficients_out.copy_(coefficient_block)

    return run_block


def train_chunks(settings: Settings, problem: DeviceData | None = None, chunk_steps: int = CHUNK_STEPS,
                 cuda_graph: bool = True, initial: torch.Tensor | None = None) -> Iterator[Chunk]:
    """Run the loop; yield the loss and coefficients of steps 0..settings.steps, a chunk at a time.

    Step t holds the coefficients before the t-th update and their loss, so the last row is the
    trained polynomial. The run stops after the chunk in which a value first stops being finite.
    """
    device = problem.features.device if problem else resolve_device(settings.device)
    problem = problem or prepare(settings, device)
    initial = initial_coefficients(settings) if initial is None else initial
    # A column, so that `w * features` broadcasts over the samples without a reshape in the loop.
    # A copy even where `to` would hand back the same tensor (float64 on the CPU): the loop updates w in
    # place, and the caller's starting point must stay the start.
    w = initial.to(device, copy=True).unsqueeze(1).requires_grad_(True)
    step = make_step(settings, problem, w)
    block = cuda_graph_block(settings, problem, w, step) if cuda_graph else None
    loss_buffer = torch.empty(chunk_steps, dtype=w.dtype, device=device)
    coefficient_buffer = torch.empty(chunk_steps, *w.shape, dtype=w.dtype, device=device)
    loss_slots, coefficient_slots = loss_buffer.unbind(), coefficient_buffer.unbind()  # views, made once
    for start in range(0, settings.steps + 1, chunk_steps):
        count = min(chunk_steps, settings.steps + 1 - start)
        i = 0
        while i < count:
            if block and i + GRAPH_STEPS <= count and start + i + GRAPH_STEPS <= settings.steps:
                block(loss_buffer[i : i + GRAPH_STEPS], coefficient_buffer[i : i + GRAPH_STEPS])
                i += GRAPH_STEPS
            else:
                step(loss_slots[i], coefficient_slots[i], start + i < settings.steps)
                i += 1
        chunk = Chunk(  # copies: the buffers are overwritten by the next chunk
            start,
            loss_buffer[:count].to("cpu", torch.float32, copy=True).numpy(),
            coefficient_buffer[:count, :, 0].to("cpu", torch.float64, copy=True).numpy(),
        )
        yield chunk
        if chunk.first_non_finite() is not None:
            return


@dataclass(frozen=True)
class Step:
    step: int
    loss: float
    coefficients: np.ndarray  # in the chosen basis
    power_coefficients: np.ndarray  # c0 + c1 x + c2 x² + …


def train_steps(settings: Settings) -> Iterator[Step]:
    """Every iteration of the loop, one at a time (handed over from the device in chunks)."""
    to_power = to_power_matrix(settings.basis, settings.degree, settings.domain)
    for chunk in train_chunks(settings):
        power = chunk.coefficients @ to_power.T
        for i in range(len(chunk.loss)):
            yield Step(chunk.start + i, float(chunk.loss[i]), chunk.coefficients[i], power[i])


# The steps a run keeps its coefficients at: the chart's frames, and the points of the eigenmode lines, the
# landscape's path, the coefficient paths and the frames' CSV. Each chart frame carries the fit and the loss
# so far, and every new run's frames are built, encoded, hashed and sent. 100 play in six seconds at the
# normal speed and still take every one of the first dozen steps; 200 took a fifth of a new run's server
# time beyond the training (python -m bench.rerun_cost).
FRAME_COUNT = 100


@functools.lru_cache(maxsize=64)
def log_spaced_steps(last: int, count: int = FRAME_COUNT) -> np.ndarray:
    """About `count` distinct steps from 0 to `last`, dense at the start where the fit moves fast (read only:
    made once per run length, not on every run)."""
    if last + 1 <= count:
        steps = np.arange(last + 1)
    else:
        steps = np.unique(np.round(np.geomspace(1, last + 1, count)).astype(np.int64) - 1)
        # Rounding merges some of the first few: top up with the earliest steps not yet taken, all of
        # which lie below 2 × count.
        missing = np.setdiff1d(np.arange(min(last + 1, 2 * count)), steps)[: count - len(steps)]
        steps = np.union1d(steps, missing)
    steps.setflags(write=False)
    return steps


@dataclass(frozen=True)
class Trajectory:
    """A finished run, compact enough to cache and draw."""

    settings: Settings
    loss: np.ndarray  # float32, the loss at every step that was reached, 0..last_step
    frame_steps: np.ndarray  # int64, the steps at which the coefficients were kept
    frame_coefficients: np.ndarray  # float64 (frames, degree + 1), powers of x
    frame_basis_coefficients: np.ndarray  # the same frames in the run's basis, as trained (the eigenmodes)
    initial_coefficients: np.ndarray  # powers of x
    initial_basis_coefficients: np.ndarray
    final_coefficients: np.ndarray  # powers of x, at last_step
    final_basis_coefficients: np.ndarray
    test_loss: float  # held-out loss of the final polynomial
    device: str
    wall_time_s: float  # the training loop's, as the tutorial's timing line measures it
    diverged_at: int | None = None  # first step whose loss or coefficients are not finite
    diverged_coefficient: Phrase | None = None  # coefficient_name
    cut_short_at: int | None = None  # the step a time budget stopped the run at
    method: str = "autograd"  # or "closed form" (components/engine/closed_form.py)
    notice: Phrase | None = None  # what the run had to change: fewer steps, the CPU instead of a failing GPU
    # The steps the loop really took in wall_time_s: a run that diverges finishes its chunk (its device
    # is never asked step by step whether a value broke), so it ran more steps than it kept.
    steps_run: int | None = None

    @property
    def last_step(self) -> int:
        return len(self.loss) - 1

    @property
    def by_closed_form(self) -> bool:
        """Computed by the exact closed form (components/engine/closed_form.py), not trained step by step."""
        return self.method == "closed form"

    @property
    def steps_per_s(self) -> float:
        steps = self.last_step if self.steps_run is None else self.steps_run
        return steps / self.wall_time_s if self.wall_time_s > 0 else math.inf


SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def coefficient_name(index: int) -> Phrase:
    """c0 (the constant), c1 (the x term), c2 (the x² term), … (a Phrase: the page says it in its
    language)."""
    if index < 2:
        return Phrase("coefficient.constant") if index == 0 else Phrase("coefficient.linear")
    return Phrase("coefficient.power", index=index, power=str(index).translate(SUPERSCRIPTS))


def fit_trajectory(
    settings: Settings,
    frame_steps: Sequence[int] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    time_budget_s: float | None = None,
    cuda_graph: bool = True,
    data: RunData | None = None,
) -> Trajectory:
    """Train, keeping the loss of every step and the coefficients at `frame_steps`.

    Divergence never raises: the trajectory ends at the last finite step and says where and in
    which coefficient it broke. `on_progress(step, steps)` is called after every chunk; past
    `time_budget_s` seconds the run stops and `cut_short_at` says where.
    """
    wanted = np.asarray(log_spaced_steps(settings.steps) if frame_steps is None else frame_steps,
                        dtype=np.int64)
    to_power = to_power_matrix(settings.basis, settings.degree, settings.domain)
    loss = np.empty(settings.steps + 1, dtype=np.float32)
    kept: dict[int, np.ndarray] = {}
    last = last_basis = None
    diverged_at = diverged_coefficient = cut_short_at = None
    ran = 0
    device = resolve_device(settings.device)
    problem = prepare(settings, device, data)
    started = time.perf_counter()  # like the tutorial's timing line: the training loop alone
    drawn = initial_coefficients(settings)  # once: the loop starts from it, the trajectory keeps it
    initial = drawn.double().numpy()
    for chunk in train_chunks(settings, problem, cuda_graph=cuda_graph, initial=drawn):
        ran = min(chunk.start + len(chunk.loss), settings.steps)  # the last row is measured, not trained
        bad = chunk.first_non_finite()
        good = len(chunk.loss) if bad is None else bad
        loss[chunk.start : chunk.start + good] = chunk.loss[:good]
        for step in wanted[(wanted >= chunk.start) & (wanted < chunk.start + good)]:
            kept[int(step)] = chunk.coefficients[step - chunk.start]
        if good:
            last, last_basis = chunk.start + good - 1, chunk.coefficients[good - 1]
        if bad is not None:
            diverged_at = chunk.start + bad
            diverged_coefficient = broken_coefficient(chunk.coefficients[bad])
            break
        if on_progress:
            on_progress(last, settings.steps)
        if (time_budget_s is not None and time.perf_counter() - started > time_budget_s
                and last < settings.steps):
            cut_short_at = last
            break
    wall = time.perf_counter() - started
    if last is None:  # the very first loss was not finite: keep the initial coefficients to draw
        last, last_basis = 0, initial
        loss[0] = np.inf
    if last not in kept:  # the run ended early: its last good state closes the animation
        kept[last] = last_basis
    steps = np.array(sorted(kept), dtype=np.int64)
    return Trajectory(
        settings=settings,
        loss=loss[: last + 1].copy(),
        frame_steps=steps,
        frame_coefficients=np.stack([kept[s] for s in steps]) @ to_power.T,
        frame_basis_coefficients=np.stack([kept[s] for s in steps]),
        initial_coefficients=to_power @ initial,
        initial_basis_coefficients=initial,
        final_coefficients=to_power @ last_basis,
        final_basis_coefficients=last_basis,
        test_loss=held_out_loss(settings, problem, last_basis),
        device=str(device),
        wall_time_s=wall,
        diverged_at=diverged_at,
        diverged_coefficient=diverged_coefficient,
        cut_short_at=cut_short_at,
        steps_run=ran,
    )


def broken_coefficient(row: np.ndarray) -> Phrase:
    """The first non-finite coefficient; if all are finite (the loss overflowed), the largest one."""
    bad = ~np.isfinite(row)
    return coefficient_name(int(np.argmax(bad)) if bad.any() else int(np.argmax(np.abs(row))))


def held_out_loss(settings: Settings, problem: DeviceData | RunData, basis_coefficients: np.ndarray) -> float:
    """The loss on the held-out samples (halfway between the training points, or the reader's points held
    out), in the training's dtype; nan when none are held out."""
    features = problem.test_features
    if features.shape[1] == 0:
        return math.nan
    w = torch.as_tensor(basis_coefficients, dtype=features.dtype, device=features.device).unsqueeze(1)
    with torch.no_grad():
        return float(loss_of(w, features, problem.samples.y_test, settings.loss)) * held_out_scale(settings)
