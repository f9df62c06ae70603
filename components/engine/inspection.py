"""Inside one step: the graph autograd records, the gradients loss.backward() fills in, and the update.

`inspect_step` runs components/engine/step_code.py's code on a step's coefficients and optimizer state:
the tutorial's forward pass with one leaf tensor per coefficient, its loss, `loss.backward()`, and the
exported script's update. It walks the graph autograd recorded (`loss.grad_fn` and its `next_functions`),
and checks the gradient two more ways in float64: by the formula 2·Σ(ŷ − y)·φₖ(x) (over n for the mean),
and by central differences. It runs on the CPU: one pass is cheap even at 10⁶ points.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from types import CodeType
from typing import Any

import numpy as np
import torch

from components.engine.analysis import gradient_at
from components.engine.optimizers import OPTIMIZERS
from components.engine.replay import StepState
from components.engine.step_code import STAGES, StepCode, coefficient_names, step_code
from components.engine.training import loss_of
from components.problem.data import RunData
from components.problem.sampling import thinned
from components.state.expression import scaled
from components.state.settings import Settings

DRAWN_SAMPLES = 160  # samples whose prediction and error the step's figure draws
RELATIVE_H = 1e-3  # central differences step by h = RELATIVE_H · max(1, |value|)


@dataclass(frozen=True)
class GraphNode:
    """One node of the recorded graph: a backward function, or the AccumulateGrad of a leaf."""

    key: int  # its place in the walk from the loss (0 is loss.grad_fn)
    name: str  # the class name torch gives it: AddBackward0, MulBackward0, …, AccumulateGrad
    part: str  # "forward" (below y_pred), "loss" (between y_pred and the loss) or "leaf"
    leaf: int | None  # the coefficient an AccumulateGrad holds
    term: int  # the highest coefficient below it: what a drawing groups by


@dataclass(frozen=True)
class Graph:
    nodes: tuple[GraphNode, ...]
    edges: tuple[tuple[int, int], ...]  # (input, the node that uses it): the forward direction
    prediction: int  # the node that made y_pred


@dataclass(frozen=True)
class StepInspection:
    """Everything one step does, in numbers (float64 copies of the run's dtype's values)."""

    settings: Settings
    step: int
    last_step: int  # the run's: at it, the update is the one the run would take next
    names: tuple[str, ...]
    code: StepCode
    graph: Graph
    value: np.ndarray  # the coefficients at the step, in the run's basis
    loss: float
    grad: np.ndarray  # .grad, from loss.backward()
    grad_by_hand: np.ndarray  # 2·Σ(ŷ − y)·φₖ(x), over n for the mean loss, in float64
    grad_numeric: np.ndarray  # central differences of the float64 loss
    h: np.ndarray  # their step sizes
    state_before: dict[str, np.ndarray]  # the optimizer's state (velocity, Adam's moments)
    state_after: dict[str, np.ndarray]
    after: np.ndarray  # the coefficients after the update
    loss_after: float
    sample_x: np.ndarray  # DRAWN_SAMPLES of the samples, for the figure
    sample_y: np.ndarray
    prediction: np.ndarray  # ŷ there at the step
    prediction_after: np.ndarray  # and after the update

    @property
    def change(self) -> np.ndarray:
        """What the update subtracted from each coefficient (lr × grad for plain descent)."""
        return self.value - self.after


def walk(loss: torch.Tensor, y_pred: torch.Tensor, leaves: list[torch.Tensor]) -> Graph:
    """The graph autograd recorded for `loss`, read from its grad_fn and their next_functions."""
    keys: dict[Any, int] = {}
    order: list[Any] = []
    edges: list[tuple[int, int]] = []

    def key_of(fn: Any) -> int:
        if fn not in keys:
            keys[fn] = len(order)
            order.append(fn)
        return keys[fn]

    key_of(loss.grad_fn)
    i = 0
    while i < len(order):  # breadth first: the loss's inputs, then theirs
        fn = order[i]
        for child, _ in fn.next_functions:
            if child is not None:
                edges.append((key_of(child), keys[fn]))
        i += 1
    below_prediction = _reachable(y_pred.grad_fn)
    leaf_of = {id(leaf): k for k, leaf in enumerate(leaves)}
    terms = _highest_leaf(order, leaf_of)
    nodes = []
    for key, fn in enumerate(order):
        leaf = leaf_of.get(id(fn.variable)) if hasattr(fn, "variable") else None
        part = "leaf" if leaf is not None else "forward" if fn in below_prediction else "loss"
        nodes.append(GraphNode(key, type(fn).__name__, part, leaf, terms[key]))
    return Graph(tuple(nodes), tuple(edges), keys[y_pred.grad_fn])


def _reachable(root: Any) -> set[Any]:
    seen, stack = {root}, [root]
    while stack:
        for child, _ in stack.pop().next_functions:
            if child is not None and child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def _highest_leaf(order: list[Any], leaf_of: dict[int, int]) -> list[int]:
    """For each node, the highest coefficient index among the leaves below it."""
    memo: dict[Any, int] = {}

    def highest(fn: Any) -> int:
        if fn not in memo:
            own = leaf_of.get(id(fn.variable), -1) if hasattr(fn, "variable") else -1
            memo[fn] = max([own, *(highest(c) for c, _ in fn.next_functions if c is not None)])
        return memo[fn]

    return [highest(fn) for fn in order]


def sample_tensors(settings: Settings, data: RunData) -> dict[str, torch.Tensor]:
    """The step code's inputs, as the script names them: x, the feature rows and y, and u (x mapped onto
    [-1, 1]) for the scaled basis, whose terms are powers of u."""
    x = data.samples.x
    inputs = {"x": x, "rows": data.features, "y": data.samples.y}
    return inputs | ({"u": scaled(x, settings.domain)} if settings.basis == "scaled" else {})


def inspect_step(settings: Settings, data: RunData, state: StepState, last_step: int) -> StepInspection:
    """Run one step's code on `state` and read off the graph, the gradients, the update and the losses."""
    code = step_code(settings)
    w = state.coefficients.detach().to("cpu").clone().requires_grad_(True)
    update = OPTIMIZERS[settings.optimizer].update(w, settings.lr, settings.beta)
    update.load(state.optimizer_state)
    before = {name: value.double().numpy().ravel().copy() for name, value in update.state().items()}
    space: dict[str, Any] = {"torch": torch, "w": w, "learning_rate": settings.lr, "beta": settings.beta,
                             **sample_tensors(settings, data), **update.script_names()}
    run_block(code.source(), space)
    for stage in STAGES[:2]:
        run_block(code.source(stage), space)
    names = coefficient_names(settings.degree)
    leaves = [space[name] for name in names]
    graph = walk(space["loss"], space["y_pred"], leaves)
    run_block(code.source("backward"), space)
    grad = np.array([float(leaf.grad) for leaf in leaves])
    run_block(code.source("update"), space)
    update.adopt(space)  # the script may bind its state anew (velocity = beta * velocity + w.grad)
    after = w.detach().double().numpy().ravel().copy()
    value = state.coefficients.double().numpy().ravel().copy()
    by_hand, numeric, h = float64_gradients(settings, data, value)
    pick = thinned(settings.sample_count, DRAWN_SAMPLES)
    features = data.features[:, pick].double().numpy()
    return StepInspection(
        settings=settings, step=state.step, last_step=last_step, names=names, code=code, graph=graph,
        value=value, loss=float(space["loss"].detach()), grad=grad, grad_by_hand=by_hand,
        grad_numeric=numeric, h=h,
        state_before=before,
        state_after={name: v.double().numpy().ravel().copy() for name, v in update.state().items()},
        after=after, loss_after=loss_of_coefficients(settings, data, w.detach()),
        sample_x=data.samples.x[pick].double().numpy(), sample_y=data.samples.y[pick].double().numpy(),
        prediction=space["y_pred"].detach()[pick].double().numpy(), prediction_after=after @ features,
    )


def run_block(source: str, space: dict[str, Any]) -> None:
    """Run one block of step_code's code in `space`. The code is the playground's own, built from the
    settings' fixed choices (no user text reaches it), so running it is what makes the graph the code's,
    never drawn by hand."""
    exec(compiled(source), space)  # noqa: S102 (the playground's own code, see above)


@functools.lru_cache(maxsize=256)
def compiled(source: str) -> CodeType:
    """A block compiled once: a few dozen distinct blocks, one per choice of loss, basis and optimizer."""
    return compile(source, "<one step>", "exec")


def loss_of_coefficients(settings: Settings, data: RunData, w: torch.Tensor) -> float:
    """The run's loss at coefficients `w`, in its dtype, by the engine's own loss function."""
    with torch.no_grad():
        column = w.view(-1, 1).to(data.features.dtype)
        return float(loss_of(column, data.features, data.samples.y, settings.loss))


def float64_gradients(settings: Settings, data: RunData,
                      value: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The gradient at `value` in float64 by the formula 2·Σ(ŷ − y)·φₖ(x) (÷ n for the mean), and by central
    differences (L(w + h·eₖ) − L(w − h·eₖ)) / 2h of the float64 loss, with their step sizes h."""
    features, y = data.features.double().numpy(), data.samples.y.double().numpy()
    scale = 1.0 if settings.loss == "sum" else 1.0 / len(y)
    residual = value @ features - y  # ŷ − y
    h = RELATIVE_H * np.maximum(1.0, np.abs(value))
    numeric = np.empty(len(value))
    for k, step in enumerate(h):
        up = ((residual + step * features[k]) ** 2).sum()
        down = ((residual - step * features[k]) ** 2).sum()
        numeric[k] = float(scale * (up - down) / (2 * step))
    return gradient_at(features, y, value, settings.loss), numeric, h
