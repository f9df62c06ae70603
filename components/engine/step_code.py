"""One step of the tutorial's loop as code: the lines the step inspection runs and shows, and the notebook
prints.

The tutorial names its four tensors a, b, c, d and writes the prediction term by term, so that autograd
records one node per operation and one leaf per coefficient. The step here does the same for any degree
and basis (a, b, c, d, then c4, c5, …), then gathers the leaves' gradients into the exported script's
weight column `w` and updates it with the script's own lines. The code is built from the settings' choices
only (the degree, the basis, the loss, the optimizer), never from text a user typed: the samples `x`, `u`,
`rows` and `y` come in as tensors.
"""
from __future__ import annotations

from dataclasses import dataclass

from components.engine.optimizers import OPTIMIZERS
from components.state.settings import Settings

STAGES = ("forward", "loss", "backward", "update")
TUTORIAL_NAMES = ("a", "b", "c", "d")
TERMS_PER_LINE = 4  # of the prediction's sum, so that degree 15 stays readable


def coefficient_names(degree: int) -> tuple[str, ...]:
    """a, b, c, d as the tutorial names them, then c4, c5, …"""
    return tuple(TUTORIAL_NAMES[k] if k < len(TUTORIAL_NAMES) else f"c{k}" for k in range(degree + 1))


def term(settings: Settings, k: int, name: str) -> str:
    """Coefficient k times its basis function, as the tutorial writes `b * x` and `c * x ** 2`."""
    if settings.basis == "legendre":
        return f"{name} * rows[{k}]"  # P_k(u), the script's feature row k
    v = "x" if settings.basis == "power" else "u"
    return name if k == 0 else f"{name} * {v}" if k == 1 else f"{name} * {v} ** {k}"


def _sum_lines(start: str, terms: list[str]) -> list[str]:
    """start + the terms added up, TERMS_PER_LINE to a line, in parentheses when it takes more than one."""
    rows = [" + ".join(terms[i : i + TERMS_PER_LINE]) for i in range(0, len(terms), TERMS_PER_LINE)]
    if len(rows) == 1:
        return [start + rows[0]]
    indent = " " * (len(start) + 1)
    middle = [indent + "+ " + row for row in rows[1:-1]]
    return [start + "(" + rows[0], *middle, indent + "+ " + rows[-1] + ")"]


def _list_lines(start: str, items: list[str], end: str) -> list[str]:
    """start + the items separated by commas, TERMS_PER_LINE to a line (start opens a bracket), then end."""
    rows = [", ".join(items[i : i + TERMS_PER_LINE]) for i in range(0, len(items), TERMS_PER_LINE)]
    indent = " " * len(start)
    return [(start if i == 0 else indent) + row + ("," if i < len(rows) - 1 else end)
            for i, row in enumerate(rows)]


@dataclass(frozen=True)
class StepCode:
    """The set-up (the step's coefficients as leaves) and the lines of each stage, in STAGES' order."""

    setup: tuple[str, ...]
    stages: dict[str, tuple[str, ...]]

    def source(self, stage: str | None = None) -> str:
        """One stage's lines (the set-up's when None), as a block of Python."""
        return "\n".join(self.setup if stage is None else self.stages[stage]) + "\n"

    def lines(self) -> list[tuple[str | None, str]]:
        """Every line with the stage it belongs to (None: the set-up), a blank line between blocks."""
        out: list[tuple[str | None, str]] = [(None, line) for line in self.setup]
        for stage in STAGES:
            out += [(None, "")] + [(stage, line) for line in self.stages[stage]]
        return out


def step_code(settings: Settings) -> StepCode:
    """The code of one step for these settings (degree, basis, loss and optimizer)."""
    names = list(coefficient_names(settings.degree))
    reduce = "sum" if settings.loss == "sum" else "mean"
    update = [line[4:] for line in OPTIMIZERS[settings.optimizer].script_update]  # out of the script's loop
    return StepCode(
        setup=("# The step's coefficients as the tutorial's tensors (requires_grad=True):",
               "# autograd records every operation on them.",
               "leaves = [p.detach().clone().requires_grad_(True) for p in w.view(-1)]",
               *_list_lines("[", names, "] = leaves")),
        stages={
            "forward": ("# Forward pass: the prediction y_pred from the coefficients.",
                        *_sum_lines("y_pred = ", [term(settings, k, name) for k, name in enumerate(names)])),
            "loss": (f"# Loss: the {reduce} of the squared errors.",
                     f"loss = (y_pred - y).pow(2).{reduce}()"),
            "backward": (f"# Backward pass: autograd fills {names[0]}.grad … {names[-1]}.grad.",
                         "loss.backward()"),
            "update": ("# Update: the gradients gathered into w.grad, then the script's step.",
                       *_list_lines("w.grad = torch.stack([", [f"{name}.grad" for name in names],
                                    "]).view_as(w)"),
                       *update),
        },
    )
