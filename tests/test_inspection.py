"""One step inspected: its graph is autograd's, its gradient agrees three ways, its update is the run's
own."""
from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import torch

from components.engine.analysis import analyse
from components.engine.closed_form import closed_form_coefficients, closed_form_trajectory
from components.engine.inspection import inspect_step
from components.engine.optimizers import OPTIMIZERS
from components.engine.replay import Replay, closed_form_state
from components.engine.training import fit_trajectory
from components.problem.basis import to_power_matrix
from components.problem.data import run_data
from components.state.settings import Settings

STEPS = 30
INSPECTED = (0, 1, 7, STEPS - 1)
# Settings at which every optimizer moves visibly in 30 steps (each at a stable learning rate).
CASES = {
    "tutorial": Settings(steps=STEPS),
    "legendre, mean": Settings(steps=STEPS, degree=5, basis="legendre", loss="mean", lr=0.05, points=500),
    "scaled, float64": Settings(steps=STEPS, degree=2, basis="scaled", dtype="float64", lr=1e-4, points=300),
}
ADAM_LR = 0.01


def settings_for(case: str, optimizer: str) -> Settings:
    s = CASES[case].replace(optimizer=optimizer)
    return s.replace(lr=ADAM_LR) if optimizer == "adam" else s


def every_step(settings: Settings) -> np.ndarray:
    """The run's coefficients at every step, in its own basis (the trajectory keeps them in powers of x)."""
    trajectory = fit_trajectory(settings, frame_steps=range(settings.steps + 1))
    to_power = to_power_matrix(settings.basis, settings.degree, settings.domain)
    return np.linalg.solve(to_power, trajectory.frame_coefficients.T).T


@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
@pytest.mark.parametrize("case", list(CASES))
def test_the_update_lands_on_the_runs_next_step(case: str, optimizer: str) -> None:
    settings = settings_for(case, optimizer)
    data = run_data(settings)
    run = every_step(settings)
    replay = Replay(settings, data)
    for step in INSPECTED:
        inspection = inspect_step(settings, data, replay.state_at(step), STEPS)
        np.testing.assert_allclose(inspection.value, run[step], rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(inspection.after, run[step + 1], rtol=1e-5, atol=1e-7)
        moved = np.abs(run[step + 1] - run[step]).max()
        assert moved > 0, "the case must move its coefficients"
        # Not only close in value: the change itself is the run's, to float precision of the change.
        np.testing.assert_allclose(inspection.change, run[step] - run[step + 1], atol=1e-3 * moved + 1e-7)


@pytest.mark.parametrize("case", list(CASES))
def test_the_gradient_agrees_three_ways(case: str) -> None:
    settings = CASES[case]
    data = run_data(settings)
    for step in (0, 5):
        inspection = inspect_step(settings, data, Replay(settings, data).state_at(step), STEPS)
        size = np.abs(inspection.grad_by_hand).max()
        tolerance = (1e-4 if settings.dtype == "float32" else 1e-9) * size
        np.testing.assert_allclose(inspection.grad, inspection.grad_by_hand, atol=tolerance)
        np.testing.assert_allclose(inspection.grad_numeric, inspection.grad_by_hand, atol=1e-7 * size)


def test_the_loss_is_the_runs() -> None:
    settings = CASES["tutorial"]
    data = run_data(settings)
    trajectory = fit_trajectory(settings)
    replay = Replay(settings, data)
    for step in (0, 10):
        inspection = inspect_step(settings, data, replay.state_at(step), STEPS)
        assert inspection.loss == pytest.approx(float(trajectory.loss[step]), rel=1e-6)
        assert inspection.loss_after == pytest.approx(float(trajectory.loss[step + 1]), rel=1e-5)


def test_a_replay_jumps_back_and_forth_to_the_same_states() -> None:
    settings = Settings(steps=600, optimizer="adam", lr=ADAM_LR)
    data = run_data(settings)
    replay = Replay(settings, data)
    late = replay.state_at(520)
    early = replay.state_at(3)
    again = replay.state_at(520)
    fresh = Replay(settings, data).state_at(3)
    torch.testing.assert_close(again.coefficients, late.coefficients, rtol=0, atol=0)
    torch.testing.assert_close(early.coefficients, fresh.coefficients, rtol=0, atol=0)
    assert set(late.optimizer_state) == {"exp_avg", "exp_avg_sq", "step"}
    torch.testing.assert_close(again.optimizer_state["exp_avg"], late.optimizer_state["exp_avg"],
                               rtol=0, atol=0)


def node_names(settings: Settings) -> Counter:
    data = run_data(settings)
    inspection = inspect_step(settings, data, Replay(settings, data).state_at(0), settings.steps)
    return Counter(node.name for node in inspection.graph.nodes)


def test_the_graph_is_the_tutorials_and_changes_with_the_code() -> None:
    tutorial = node_names(Settings(steps=STEPS))
    assert tutorial == Counter({"AccumulateGrad": 4, "MulBackward0": 3, "AddBackward0": 3, "SubBackward0": 1,
                                "PowBackward0": 1, "SumBackward0": 1})
    mean = node_names(Settings(steps=STEPS, loss="mean"))
    assert mean["MeanBackward0"] == 1 and "SumBackward0" not in mean
    legendre = node_names(Settings(steps=STEPS, basis="legendre"))
    assert legendre["MulBackward0"] == 4  # a * rows[0]: the constant has its own product
    assert node_names(Settings(steps=STEPS, degree=15))["AccumulateGrad"] == 16


def test_the_graph_knows_its_parts_and_leaves() -> None:
    settings = Settings(steps=STEPS)
    data = run_data(settings)
    graph = inspect_step(settings, data, Replay(settings, data).state_at(0), STEPS).graph
    leaves = sorted(node.leaf for node in graph.nodes if node.name == "AccumulateGrad")
    assert leaves == [0, 1, 2, 3]
    parts = {node.name: node.part for node in graph.nodes}
    assert parts["SumBackward0"] == parts["PowBackward0"] == parts["SubBackward0"] == "loss"
    assert parts["MulBackward0"] == parts["AddBackward0"] == "forward"
    assert graph.nodes[graph.prediction].name == "AddBackward0"
    assert graph.nodes[0].name == "SumBackward0"  # the walk starts at loss.grad_fn
    # Every leaf reaches the loss: the edges join the graph into one.
    reached, frontier = {0}, [0]
    while frontier:
        node = frontier.pop()
        for source, target in graph.edges:
            if target == node and source not in reached:
                reached.add(source)
                frontier.append(source)
    assert reached == {node.key for node in graph.nodes}


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "nesterov"])
def test_a_closed_form_runs_step_is_the_closed_forms(optimizer: str) -> None:
    settings = Settings(steps=30_000, optimizer=optimizer, lr=2e-6 if optimizer == "gd" else 1e-6)
    data = run_data(settings)
    analysis = analyse(settings, data)
    assert closed_form_trajectory(settings, analysis=analysis, data=data).diverged_at is None
    for step in (0, 1, 500, 29_999):
        state = closed_form_state(settings, analysis, data, step)
        inspection = inspect_step(settings, data, state, settings.steps)
        following = closed_form_coefficients(settings, analysis, np.array([step + 1]))[0]
        np.testing.assert_allclose(inspection.after, following, rtol=2e-6, atol=1e-8)
        # The velocity the update leaves is the next step's (by the end both steps are the optimum to
        # float64's last digit, and the velocity between them is 0).
        if optimizer != "gd" and step < 29_999:
            following_state = closed_form_state(settings, analysis, data, step + 1)
            next_velocity = following_state.optimizer_state["velocity"].double().numpy()
            np.testing.assert_allclose(inspection.state_after["velocity"], next_velocity.ravel(),
                                       rtol=1e-3, atol=1e-3 * np.abs(next_velocity).max())


@pytest.mark.parametrize("optimizer, beta", [("momentum", 0.8), ("nesterov", 0.8), ("nesterov", 0.0)])
def test_the_closed_forms_velocity_is_the_engines(optimizer: str, beta: float) -> None:
    settings = Settings(steps=200, optimizer=optimizer, dtype="float64", lr=1e-6, beta=beta)
    data = run_data(settings)
    analysis = analyse(settings, data)
    replay = Replay(settings, data)
    for step in (1, 2, 150):
        engine = replay.state_at(step).optimizer_state["velocity"]
        derived = closed_form_state(settings, analysis, data, step).optimizer_state["velocity"]
        torch.testing.assert_close(derived, engine, rtol=1e-6, atol=1e-9)


def test_a_million_points_still_get_a_real_pass_and_float64_checks():
    settings = Settings(points=1_000_000, steps=2, lr=1e-9)
    data = run_data(settings)
    inspection = inspect_step(settings, data, Replay(settings, data).state_at(1), settings.steps)
    assert Counter(node.name for node in inspection.graph.nodes)["AccumulateGrad"] == 4
    size = np.abs(inspection.grad_by_hand).max()
    np.testing.assert_allclose(inspection.grad_numeric, inspection.grad_by_hand, atol=1e-7 * size)
    np.testing.assert_allclose(inspection.grad, inspection.grad_by_hand, atol=1e-3 * size)  # float32 over 10⁶
    # Above 50,000 points the engine sums by one matrix-vector product, the step term by term as the tutorial
    # does: two float32 sums over 10⁶ terms, equal to about 10⁻⁴ of the update.
    run = every_step(settings)
    np.testing.assert_allclose(inspection.after, run[2], atol=1e-3 * np.abs(run[2] - run[1]).max())
