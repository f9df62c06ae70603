import statistics

import numpy as np
import pytest
import torch

from components.engine.runs import (
    CLOSED_FORM_ABOVE_STEPS,
    MAX_AUTOGRAD_WORK,
    autograd_seconds,
    capped,
    on_cpu_if_cuda_fails,
    run,
    uses_closed_form,
)
from components.engine.training import fit_trajectory
from components.state.settings import Settings


def test_the_closed_form_answers_long_exact_runs_unless_autograd_is_asked_for():
    long = Settings(steps=CLOSED_FORM_ABOVE_STEPS + 1)
    assert uses_closed_form(long) and uses_closed_form(long.replace(optimizer="nesterov"))
    assert not uses_closed_form(long.replace(engine="autograd"))
    assert not uses_closed_form(long.replace(optimizer="adam"))
    assert not uses_closed_form(Settings(steps=CLOSED_FORM_ABOVE_STEPS))


def test_a_million_steps_come_back_at_once_and_agree_with_autograd_where_both_run():
    trajectory = run(Settings(steps=1_000_000))
    assert (trajectory.method == "closed form" and trajectory.last_step == 1_000_000
            and trajectory.wall_time_s < 1)
    settings = Settings(steps=CLOSED_FORM_ABOVE_STEPS + 1, basis="legendre", degree=5, lr=1e-4)
    exact, autograd = run(settings), run(settings.replace(engine="autograd"))
    assert autograd.method == "autograd"
    np.testing.assert_allclose(exact.loss, autograd.loss, rtol=1e-4)


def test_adam_runs_step_by_step_and_stops_at_the_time_budget():
    trajectory = run(Settings(optimizer="adam", steps=1_000_000), time_budget_s=0.3)
    assert trajectory.method == "autograd" and trajectory.cut_short_at is not None
    assert trajectory.cut_short_at == trajectory.last_step < 1_000_000


def test_the_autograd_estimate_is_measured_and_grows_with_the_steps():
    settings = Settings(steps=100_000)
    # Each estimate beside a run measured right after it, so that both meet the same moment of a shared
    # machine (whose speed moves by half within minutes); the median of three against what the run took.
    estimates, ratios = [], []
    for _ in range(3):
        estimates.append(autograd_seconds(settings))
        measured_rate = fit_trajectory(settings.replace(steps=2000)).steps_per_s
        ratios.append(estimates[-1] / (100_000 / measured_rate))
    assert statistics.median(ratios) == pytest.approx(1, rel=0.6)  # a noisy, shared machine
    assert autograd_seconds(settings.replace(steps=1_000_000)) > 3 * statistics.median(estimates)


def test_step_by_step_work_is_capped_and_said_so():
    settings = Settings(points=1_000_000, steps=1_000_000, optimizer="adam")
    allowed, notice = capped(settings)
    assert allowed.steps == MAX_AUTOGRAD_WORK // 1_000_000 and allowed.points == 1_000_000
    assert "stops at step 2,000 of 1,000,000" in notice
    assert capped(Settings()) == (Settings(), None)
    assert capped(Settings(points=1_000_000, steps=1_000_000))[1] is None  # the closed form is cheap: exempt


def test_a_cuda_fault_falls_back_to_the_cpu_with_a_notice():
    def attempt(settings: Settings):
        if settings.device == "cuda":  # what a GPU out of memory looks like at the device-call boundary
            raise torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 8.00 GiB")
        return run(settings.replace(steps=10))

    trajectory, notice = on_cpu_if_cuda_fails(Settings(device="cuda"), attempt)
    assert trajectory.device == "cpu" and trajectory.last_step == 10
    assert notice == ("The GPU failed (CUDA out of memory. Tried to allocate 8.00 GiB); the run was done on "
                      "the CPU instead.")


def test_a_cpu_fault_is_not_hidden():
    def attempt(settings: Settings):
        raise RuntimeError("a real bug")

    for device in ("cpu", "auto", "cuda"):
        with pytest.raises(RuntimeError, match="a real bug"):
            on_cpu_if_cuda_fails(Settings(device=device), attempt)


def test_the_notice_reaches_the_trajectory():
    trajectory = run(Settings(points=100_000, steps=30_000, engine="autograd"), time_budget_s=0.2)
    assert trajectory.notice and "stops at step 20,000 of 30,000" in trajectory.notice
