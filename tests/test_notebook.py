"""The step's notebook runs, in a real kernel, and prints the page's table."""
from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from components.engine.inspection import inspect_step
from components.engine.replay import Replay
from components.exports.notebook import step_notebook
from components.exports.script import EMBEDDED_POINTS, POINTS_FILE
from components.exports.tables import points_csv
from components.problem.data import run_data
from components.state.points import encode_points, points_of
from components.state.settings import Settings


def printed_table(settings: Settings, step: int, folder: Path | None = None) -> dict[str, list[float]]:
    """The notebook's table, run in `folder` (where a points.csv it reads would be)."""
    notebook = nbformat.reads(step_notebook(settings, step), as_version=4)
    resources = {"metadata": {"path": str(folder)}} if folder else {}
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources=resources).execute()
    table = notebook.cells[-3]  # the table's cell, before the closing polynomial's two
    printed = "".join(output.get("text", "") for output in table.outputs).splitlines()
    assert printed[0].startswith("name value grad")
    return {line.split()[0]: [float(v) for v in line.split()[1:]] for line in printed[1:]}


MANY = np.linspace(0.0, 2.0, EMBEDDED_POINTS + 1)  # read from points.csv beside the notebook


@pytest.mark.parametrize("settings, step", [
    (Settings(steps=50), 12),
    (Settings(steps=50, target="data", data=encode_points(points_of(MANY, np.cos(MANY))), holdout=0.1,
              basis="legendre", lr=1e-4), 9),
    (Settings(steps=50, optimizer="momentum", degree=4, basis="legendre", lr=1e-4), 7),
    (Settings(steps=50, optimizer="adam", lr=0.01, loss="mean"), 20),
])
def test_the_notebook_prints_the_pages_numbers(settings: Settings, step: int, tmp_path: Path) -> None:
    data = run_data(settings)
    page = inspect_step(settings, data, Replay(settings, data).state_at(step), settings.steps)
    if settings.target == "data":
        (tmp_path / POINTS_FILE).write_text(points_csv(settings))
    printed = printed_table(settings, step, tmp_path)
    assert list(printed) == list(page.names)
    columns = np.array(list(printed.values())).T  # value grad by_hand numeric h change after
    expected = [page.value, page.grad, page.grad_by_hand, page.grad_numeric, page.h, page.change, page.after]
    for got, want in zip(columns, expected):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-9 * max(1.0, np.abs(want).max()))
