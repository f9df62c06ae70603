"""The step's views: the graph's DOT, its table and its words, and the code they show."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from components.engine.inspection import StepInspection, inspect_step
from components.engine.replay import Replay
from components.engine.step_code import STAGES, coefficient_names, step_code
from components.problem.data import run_data
from components.state.i18n import LANGUAGES
from components.state.settings import Settings
from components.views.step_figure import step_figure
from components.views.step_graph import HIGHLIGHT, graph_dot
from components.views.step_table import arrow_table, largest_gradient, number, stage_words, step_table


def inspected(settings: Settings, step: int = 3) -> StepInspection:
    data = run_data(settings)
    return inspect_step(settings, data, Replay(settings, data).state_at(step), settings.steps)


@pytest.fixture(scope="module")
def tutorial() -> StepInspection:
    return inspected(Settings(steps=20))


def test_names_are_the_tutorials_then_numbered() -> None:
    assert coefficient_names(3) == ("a", "b", "c", "d")
    assert coefficient_names(6)[4:] == ("c4", "c5", "c6")


def test_the_code_never_holds_a_typed_formula() -> None:
    settings = Settings(target="expr", expr="sin(3*x) + 0.5*x")
    code = step_code(settings)
    text = "".join(code.source(stage) for stage in (None, *STAGES))
    assert "sin" not in text and "0.5" not in text
    assert text == "".join(step_code(Settings()).source(stage) for stage in (None, *STAGES))


def lit_nodes(dot: str) -> list[str]:
    return re.findall(rf'label="([^"]*)", style="filled,[a-z]+", fillcolor="{HIGHLIGHT}"', dot)


def test_each_stage_lights_its_own_nodes(tutorial: StepInspection) -> None:
    forward, loss, backward, update = (lit_nodes(graph_dot(tutorial, stage)) for stage in STAGES)
    assert sorted(n.split("\\n")[0] for n in forward) == ["AddBackward0"] * 3 + ["MulBackward0"] * 3
    assert sorted(n.split("\\n")[0] for n in loss) == ["PowBackward0", "SubBackward0", "SumBackward0"]
    assert len(backward) == len(tutorial.graph.nodes)
    assert all(n.startswith("AccumulateGrad") for n in update) and len(update) == 4
    assert "dir=back" in graph_dot(tutorial, "backward") and "dir=back" not in graph_dot(tutorial, "forward")


def test_leaves_show_grad_only_once_backward_ran(tutorial: StepInspection) -> None:
    assert "a.grad = None" in graph_dot(tutorial, "loss")
    grad = number(tutorial.grad[0], 4)
    assert f"a.grad = {grad}" in graph_dot(tutorial, "backward")
    assert f"{number(tutorial.value[0], 4)} → {number(tutorial.after[0], 4)}" in graph_dot(tutorial, "update")
    assert f"loss = {number(tutorial.loss, 4)}" in graph_dot(tutorial, "loss")


def test_degree_15_groups_the_repeated_terms() -> None:
    inspection = inspected(Settings(steps=5, degree=15, basis="legendre"), step=1)
    dot = graph_dot(inspection, "forward")
    boxes = re.findall(r"^\s+n\d+ \[", dot, flags=re.M)
    assert "group [" in dot and len(boxes) < 20
    assert "12 more terms, d … c14" in dot
    assert "c15 = " in dot and "c4 = " not in dot  # the last term is drawn; the grouped ones are in the box
    ungrouped = graph_dot(inspected(Settings(steps=5, degree=5), step=1), "forward")
    assert "group [" not in ungrouped


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_table_has_a_row_per_coefficient_and_says_grad(tutorial: StepInspection, lang: str) -> None:
    headers, rows = step_table(tutorial, lang)
    assert len(rows) == 4 and all(len(row) == len(headers) for row in rows)
    assert any("grad" in header for header in headers)
    assert rows[3][0].startswith("d · x³")
    assert rows[0][2] == number(tutorial.grad[0])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_the_arrow_table_is_what_pandas_writes_for_the_indexed_frame(lang: str, optimizer: str) -> None:
    headers, rows = step_table(inspected(Settings(degree=5, steps=20, optimizer=optimizer, lr=1e-4)), lang)
    table = arrow_table(headers, rows)
    expected = pa.Table.from_pandas(pd.DataFrame(rows, columns=headers).set_index(headers[0]))
    assert table.equals(expected, check_metadata=True)
    assert table.to_pandas().index.name == headers[0] and len(table) == 6


def test_momentum_and_adam_show_their_state() -> None:
    momentum, _ = step_table(inspected(Settings(steps=20, optimizer="momentum")), "en")
    assert "velocity v before" in momentum and "the step: lr × v" in momentum
    adam, _ = step_table(inspected(Settings(steps=20, optimizer="adam", lr=0.01)), "en")
    assert "Adam's m before (mean of grad)" in adam and "Adam's step" in adam


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_words_carry_the_steps_numbers(tutorial: StepInspection, lang: str) -> None:
    k = int(np.argmax(np.abs(tutorial.grad)))
    backward = stage_words(tutorial, "backward", lang)
    assert f"{tutorial.names[k]}.grad = {number(tutorial.grad[k], 3)}" in backward
    update = stage_words(tutorial, "update", lang)
    assert number(tutorial.after[k], 4) in update and number(tutorial.loss_after, 4) in update
    assert number(tutorial.loss, 4) in stage_words(tutorial, "loss", lang)
    for stage in STAGES:
        assert "{" not in stage_words(tutorial, stage, lang)


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "nesterov", "adam"])
def test_the_words_say_which_way_the_update_really_goes(optimizer: str) -> None:
    # Late in a momentum run the velocity can point against the gradient: the words follow the update.
    settings = Settings(steps=400, optimizer=optimizer, lr=0.01 if optimizer == "adam" else 1e-6, beta=0.9)
    for step in (0, 150, 399):
        inspection = inspected(settings, step)
        k = largest_gradient(inspection)
        said = stage_words(inspection, "backward", "en")
        assert ("the loss grows if" in said) == (inspection.grad[k] > 0)
        moved_down = inspection.after[k] < inspection.value[k]
        assert ("lowers" in said) == moved_down and ("raises" in said) == (not moved_down)


def test_the_figure_adds_errors_then_the_curve_after(tutorial: StepInspection) -> None:
    counts = [len(step_figure(tutorial, stage)["data"]) for stage in STAGES]
    assert counts == [2, 3, 3, 4]
    errors = step_figure(tutorial, "loss")["data"][2]
    assert errors["y"][1] == pytest.approx(tutorial.prediction[0])
