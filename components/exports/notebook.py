"""A run as a Jupyter notebook: the exported script's cells, trained up to one step, then that step's stages.

The last cell prints the step inspection's table (value, .grad, the gradient by the formula and by central
differences, what the update subtracted, the value after). For a run the page trained step by step on the
CPU the numbers are the page's; for one it answered in closed form they agree to float32's precision.
"""
from __future__ import annotations

import nbformat
from nbformat import v4

from components.engine.inspection import RELATIVE_H
from components.engine.step_code import STAGES, coefficient_names, step_code
from components.exports.script import (
    NOTEBOOK_POINTS_PATH,
    POINTS_FILE,
    embeds_points,
    script_loop,
    script_result,
    script_setup,
)
from components.state.settings import Settings

STAGE_TITLES = {"forward": "1. Forward pass", "loss": "2. Loss", "backward": "3. Backward pass",
                "update": "4. Update"}


def table_code(settings: Settings) -> str:
    """The cell that prints one line per coefficient: the numbers of the page's table, in full precision."""
    names = coefficient_names(settings.degree)
    scale = "1.0" if settings.loss == "sum" else "1.0 / len(y)"
    return "\n".join([
        "# The gradient two more ways, in float64: the formula 2·Σ(ŷ − y)·φₖ(x) (÷ n for the mean loss), and",
        "# central differences (L(w + h·eₖ) − L(w − h·eₖ)) / 2h of the float64 loss.",
        f"scale = {scale}",
        "rows64, y64 = rows.double(), y.double()",
        "residual = value @ rows64 - y64",
        "by_hand = 2 * scale * (rows64 @ residual)",
        f"h = {RELATIVE_H!r} * value.abs().clamp(min=1)",
        "numeric = [scale * (((residual + h[k] * rows64[k]) ** 2).sum()",
        "                    - ((residual - h[k] * rows64[k]) ** 2).sum()) / (2 * h[k])",
        "           for k in range(degree + 1)]",
        "after = w.detach().view(-1).double()",
        f"names = {list(names)!r}",
        'print("name value grad by_hand numeric h change after")',
        "for k, name in enumerate(names):",
        "    numbers = [value[k], grads[k], by_hand[k], numeric[k], h[k], value[k] - after[k], after[k]]",
        '    print(name, *(f"{float(n):.9g}" for n in numbers))',
    ])


def points_note(settings: Settings) -> str:
    """Where the notebook finds the reader's points."""
    if settings.target != "data":
        return ""
    if embeds_points(settings):
        return "\n\nYour points are written into the first code cell."
    return (f"\n\nYour points are read from `{POINTS_FILE}` in this notebook's folder: save the page's "
            "download \"Your points (CSV)\" there under that name.")


def step_notebook(settings: Settings, step: int) -> str:
    """The notebook (.ipynb text) of these settings, trained with autograd to `step`, then that step."""
    code = step_code(settings)
    names = coefficient_names(settings.degree)
    setup = script_setup(settings, NOTEBOOK_POINTS_PATH)
    cells = [
        v4.new_markdown_cell(f"# One step of a Polynomial Autograd Playground run: step {step:,}\n\n"
                             "The exported script's cells, trained with autograd up to this step; then the "
                             "step itself, stage by stage, as the page shows it; the last cell prints the "
                             "page's table." + points_note(settings)),
        v4.new_code_cell("\n".join(setup)),
        v4.new_markdown_cell(f"## Train up to step {step:,}\n\nThe script's loop, run for {step:,} steps."),
        v4.new_code_cell("\n".join([f"steps = {step}  # the step inspected: the loop stops before its update",
                                    *script_loop(settings)])),
        v4.new_markdown_cell(f"## Step {step:,}\n\nThe coefficients as the tutorial's tensors "
                             f"{', '.join(names)}, each with requires_grad=True."),
        v4.new_code_cell(code.source().rstrip("\n")),
    ]
    for stage in STAGES:
        source = code.source(stage).rstrip("\n")
        if stage == "loss":
            source += "\nprint(loss.item())"
        if stage == "update":  # before it: what the table compares with
            cells.append(v4.new_code_cell("value = w.detach().view(-1).double().clone()\n"
                                          f"grads = [p.grad.item() for p in ({', '.join(names)},)]"))
        cells += [v4.new_markdown_cell(f"### {STAGE_TITLES[stage]}"), v4.new_code_cell(source)]
    cells += [v4.new_markdown_cell("## The table"), v4.new_code_cell(table_code(settings)),
              v4.new_markdown_cell("## The polynomial after the step"),
              v4.new_code_cell("\n".join(script_result(settings)))]
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = v4.new_notebook(cells=cells, metadata={"kernelspec": kernel})
    return nbformat.writes(notebook)
