"""One record per optimizer: all that the playground knows about it, in one place.

The engine takes its update, the closed form its linear iteration, the analysis its stability bound
and contraction rate, the exported script its lines; its name, in each language, is the translation
table's choice.optimizer.<key>. Adding an optimizer is one more entry in OPTIMIZERS (its key also in
components/state/settings.py's OPTIMIZERS, the URL's list); tests/test_optimizers.py checks that every
entry is complete and agrees with the engine.

On the least-squares loss, along an eigenvector of the Hessian with eigenvalue λ, h = lr·λ, the error
z = w − w* and u = lr·velocity (u₀ = 0) move by a fixed 2×2 matrix M: (z, u)_{t+1} = M (z, u)_t.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import torch


class Update:
    """An optimizer's step: called under torch.no_grad(), it moves w against w.grad and clears it.

    Each update keeps its optimizer's state and hands it out under the exported script's names, so the
    step inspection can run the script's own lines on a copy (components/engine/inspection.py).
    """

    def __init__(self, w: torch.Tensor, lr: float, beta: float) -> None:
        self.w, self.lr, self.beta = w, lr, beta

    def __call__(self) -> None:
        raise NotImplementedError

    def state(self) -> dict[str, torch.Tensor]:
        """Copies of the optimizer's state, by name (none for plain descent)."""
        return {}

    def load(self, state: dict[str, torch.Tensor]) -> None:
        """Take over a state that state() gave (of this optimizer, for a w of the same shape)."""

    def script_names(self) -> dict[str, Any]:
        """The state as the exported script's variables (velocity, optimizer)."""
        return {}

    def adopt(self, names: dict[str, Any]) -> None:
        """Take the state back from the script's variables after its lines ran (they may bind it anew)."""


class PlainUpdate(Update):
    """Plain gradient descent: w ← w − lr·g."""

    def __call__(self) -> None:
        self.w.sub_(self.lr * self.w.grad)  # the tutorial's `a -= learning_rate * a.grad`
        self.w.grad = None


class MomentumUpdate(Update):
    """Heavy ball: v ← βv + g, w ← w − lr·v."""

    def __init__(self, w: torch.Tensor, lr: float, beta: float) -> None:
        super().__init__(w, lr, beta)
        self.velocity = torch.zeros_like(w)

    def __call__(self) -> None:
        self.velocity.mul_(self.beta).add_(self.w.grad)
        self.w.sub_(self.lr * self.velocity)
        self.w.grad = None

    def state(self) -> dict[str, torch.Tensor]:
        return {"velocity": self.velocity.detach().clone()}

    def load(self, state: dict[str, torch.Tensor]) -> None:
        self.velocity.copy_(state["velocity"])

    def script_names(self) -> dict[str, Any]:
        return {"velocity": self.velocity}

    def adopt(self, names: dict[str, Any]) -> None:
        self.velocity = names["velocity"]


class NesterovUpdate(MomentumUpdate):
    """v ← βv + g, w ← w − lr·(g + βv)."""

    def __call__(self) -> None:
        grad = self.w.grad
        self.velocity.mul_(self.beta).add_(grad)
        self.w.sub_(self.lr * (grad + self.beta * self.velocity))
        self.w.grad = None


class AdamUpdate(Update):
    """torch.optim.Adam; its state is the optimizer's: the two running means and the step count."""

    def __init__(self, w: torch.Tensor, lr: float, beta: float) -> None:
        super().__init__(w, lr, beta)
        self.adam = torch.optim.Adam([w], lr=lr)

    def __call__(self) -> None:
        self.adam.step()
        self.adam.zero_grad(set_to_none=True)

    def state(self) -> dict[str, torch.Tensor]:
        kept = self.adam.state[self.w]
        if not kept:  # before the first step torch keeps nothing: Adam starts from zeros
            zeros = torch.zeros_like(self.w).detach()
            return {"exp_avg": zeros, "exp_avg_sq": zeros.clone(), "step": torch.zeros(1)}
        return {"exp_avg": kept["exp_avg"].detach().clone(),
                "exp_avg_sq": kept["exp_avg_sq"].detach().clone(),
                "step": kept["step"].detach().clone().reshape(-1)}

    def load(self, state: dict[str, torch.Tensor]) -> None:
        if float(state["step"].reshape(-1)[0]) == 0:
            self.adam.state[self.w] = {}
            return
        # torch keeps Adam's step count on the CPU, even for a GPU's weights (on one it costs a sync a step).
        self.adam.state[self.w] = {"step": state["step"].reshape(()).to("cpu", copy=True),
                                   "exp_avg": state["exp_avg"].clone(),
                                   "exp_avg_sq": state["exp_avg_sq"].clone()}

    def script_names(self) -> dict[str, Any]:
        return {"optimizer": self.adam}


@dataclass(frozen=True)
class Optimizer:
    key: str  # the URL's name
    update: Callable[[torch.Tensor, float, float], Update]  # (w, lr, beta) → the update, state made once
    # (h, β) → M per direction; None: no linear rule
    iteration: Callable[[np.ndarray, float], np.ndarray] | None
    # (h, β) → M's spectral radius per direction
    contraction: Callable[[np.ndarray, float], np.ndarray] | None
    stability: Callable[[float], float] | None  # β → the largest stable lr·λ_max
    script_setup: tuple[str, ...]  # the exported script's lines before its loop
    script_update: tuple[str, ...]  # its lines after loss.backward()
    uses_beta: bool = False
    # its update can be captured in a CUDA graph (torch.optim's Adam keeps Python state)
    in_cuda_graph: bool = True


def _larger_root(trace: np.ndarray, det: np.ndarray) -> np.ndarray:
    """|the larger root| of z² − trace·z + det: how fast a 2×2 recurrence with that trace and det shrinks."""
    root = np.sqrt((trace**2 - 4 * det).astype(complex))
    return np.maximum(np.abs((trace + root) / 2), np.abs((trace - root) / 2))


def _matrices(h: np.ndarray, top_left: np.ndarray, top_right: np.ndarray | float, beta: float) -> np.ndarray:
    m = np.zeros((len(h), 2, 2))
    m[:, 0, 0], m[:, 0, 1], m[:, 1, 0], m[:, 1, 1] = top_left, top_right, h, beta
    return m


def _plain_iteration(h: np.ndarray, beta: float) -> np.ndarray:
    m = np.zeros((len(h), 2, 2))
    m[:, 0, 0] = 1 - h  # u stays 0: the second row and column do nothing
    return m


def _momentum_iteration(h: np.ndarray, beta: float) -> np.ndarray:
    return _matrices(h, 1 - h, -beta, beta)  # u' = βu + hz, z' = (1 − h)z − βu  (= z − u')


def _nesterov_iteration(h: np.ndarray, beta: float) -> np.ndarray:
    # z' = (1 − h(1 + β))z − β²u  (= z − hz − βu')
    return _matrices(h, 1 - h * (1 + beta), -beta * beta, beta)


MOMENTUM_SETUP = ("velocity = torch.zeros_like(w)  # the running sum of gradients, decayed by beta",)
ZERO_GRADIENT = ("", "        # Zero the gradients after the update.", "        w.grad = None")

# The bounds come from each method's 2×2 iteration matrix along one eigenvector (Jury's criterion):
# plain descent is stable for lr·λ < 2, heavy-ball momentum for lr·λ < 2(1 + β), Nesterov for
# lr·λ < 2(1 + β)/(1 + 2β).
OPTIMIZERS: dict[str, Optimizer] = {o.key: o for o in (
    Optimizer("gd", PlainUpdate, _plain_iteration, lambda h, beta: np.abs(1 - h), lambda beta: 2.0, (),
              ("    # Gradient descent by hand, outside autograd's tracking.",
               "    with torch.no_grad():",
               "        w -= learning_rate * w.grad", *ZERO_GRADIENT)),
    Optimizer("momentum", MomentumUpdate, _momentum_iteration,
              lambda h, beta: _larger_root(1 - h + beta, beta * np.ones_like(h)), lambda beta: 2 * (1 + beta),
              MOMENTUM_SETUP,
              ("    # Heavy-ball momentum by hand, outside autograd's tracking.",
               "    with torch.no_grad():",
               "        velocity = beta * velocity + w.grad",
               "        w -= learning_rate * velocity", *ZERO_GRADIENT), uses_beta=True),
    Optimizer("nesterov", NesterovUpdate, _nesterov_iteration,
              lambda h, beta: _larger_root(1 - h * (1 + beta) + beta, beta * (1 - h)),
              lambda beta: 2 * (1 + beta) / (1 + 2 * beta), MOMENTUM_SETUP,
              ("    # Nesterov momentum by hand, outside autograd's tracking.",
               "    with torch.no_grad():",
               "        velocity = beta * velocity + w.grad",
               "        w -= learning_rate * (w.grad + beta * velocity)  # a look ahead along the velocity",
               *ZERO_GRADIENT), uses_beta=True),
    Optimizer("adam", AdamUpdate, None, None, None,
              ("optimizer = torch.optim.Adam([w], lr=learning_rate)",),
              ("    # Adam's update (torch.optim steps outside autograd's tracking itself), "
               "then zero the gradients.",
               "    optimizer.step()",
               "    optimizer.zero_grad(set_to_none=True)"), in_cuda_graph=False),
)}
