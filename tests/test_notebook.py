"""The step's notebook runs, in a real kernel, and prints the page's table."""
from __future__ import annotations

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from components.engine.inspection import inspect_step
from components.engine.replay import Replay
from components.exports.notebook import step_notebook
from components.problem.data import run_data
from components.state.settings import Settings


def printed_table(settings: Settings, step: int) -> dict[str, list[float]]:
    notebook = nbformat.reads(step_notebook(settings, step), as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    table = notebook.cells[-3]  # the table's cell, before the closing polynomial's two
    printed = "".join(output.get("text", "") for output in table.outputs).splitlines()
    assert printed[0].startswith("name value grad")
    return {line.split()[0]: [float(v) for v in line.split()[1:]] for line in printed[1:]}


@pytest.mark.parametrize("settings, step", [
    (Settings(steps=50), 12),
    (Settings(steps=50, optimizer="momentum", degree=4, basis="legendre", lr=1e-4), 7),
    (Settings(steps=50, optimizer="adam", lr=0.01, loss="mean"), 20),
])
def test_the_notebook_prints_the_pages_numbers(settings: Settings, step: int) -> None:
    data = run_data(settings)
    page = inspect_step(settings, data, Replay(settings, data).state_at(step), settings.steps)
    printed = printed_table(settings, step)
    assert list(printed) == list(page.names)
    columns = np.array(list(printed.values())).T  # value grad by_hand numeric h change after
    expected = [page.value, page.grad, page.grad_by_hand, page.grad_numeric, page.h, page.change, page.after]
    for got, want in zip(columns, expected):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-9 * max(1.0, np.abs(want).max()))
