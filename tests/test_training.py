import numpy as np
import pytest
import torch

from components.engine.analysis import analyse, design_matrix
from components.engine.training import (
    CHUNK_STEPS,
    FRAME_COUNT,
    TERMWISE_MAX_POINTS,
    fit_trajectory,
    initial_coefficients,
    log_spaced_steps,
    resolve_device,
    train_chunks,
    train_steps,
)
from components.state.errors import SettingError
from components.state.settings import Settings
from tests.conftest import run_reference


@pytest.mark.parametrize("seed", [0, 1, 42])
def test_default_settings_reproduce_the_tutorials_final_coefficients(seed):
    expected, _ = run_reference("--seed", str(seed), "--device", "cpu")
    trajectory = fit_trajectory(Settings(seed=seed, device="cpu"))
    assert trajectory.last_step == 2000
    np.testing.assert_allclose(trajectory.final_coefficients, expected, rtol=1e-6, atol=0)


def test_initial_coefficients_are_the_tutorials_draws_and_leave_the_global_generator_alone():
    before = torch.random.get_rng_state()
    torch.manual_seed(5)
    a, b, c, d = (torch.randn((), dtype=torch.float) for _ in range(4))
    assert torch.equal(initial_coefficients(Settings(seed=5)), torch.stack([a, b, c, d]))
    torch.random.set_rng_state(before)
    fit_trajectory(Settings(steps=10))
    assert torch.equal(torch.random.get_rng_state(), before)


def test_training_changes_no_global_torch_state():
    default_dtype, default_device = torch.get_default_dtype(), torch.empty(()).device
    fit_trajectory(Settings(steps=10, dtype="float64"))
    assert torch.get_default_dtype() == default_dtype and torch.empty(()).device == default_device


def test_train_steps_yields_every_iteration_with_both_coefficient_forms():
    settings = Settings(steps=CHUNK_STEPS + 10, basis="legendre", degree=4, lr=1e-4)
    steps = list(train_steps(settings))
    assert [s.step for s in steps] == list(range(settings.steps + 1))
    trajectory = fit_trajectory(settings, frame_steps=[0, 7, settings.steps])
    for frame, step in zip(trajectory.frame_coefficients, [0, 7, settings.steps]):
        np.testing.assert_allclose(steps[step].power_coefficients, frame, rtol=1e-12)
    np.testing.assert_allclose([s.loss for s in steps], trajectory.loss, rtol=0)
    assert steps[0].loss > steps[-1].loss


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_chunks_keep_their_values_after_the_next_chunk_is_made(dtype):
    chunks = list(train_chunks(Settings(steps=CHUNK_STEPS + 10, dtype=dtype)))
    fresh = next(train_chunks(Settings(steps=CHUNK_STEPS + 10, dtype=dtype)))
    np.testing.assert_array_equal(chunks[0].coefficients, fresh.coefficients)
    np.testing.assert_array_equal(chunks[0].loss, fresh.loss)


def test_the_device_hands_results_over_a_chunk_at_a_time():
    chunks = list(train_chunks(Settings(steps=2 * CHUNK_STEPS + 5)))
    assert [c.start for c in chunks] == [0, CHUNK_STEPS, 2 * CHUNK_STEPS]
    assert [len(c.loss) for c in chunks] == [CHUNK_STEPS, CHUNK_STEPS, 6]
    assert chunks[0].loss.dtype == np.float32


def test_trajectory_keeps_every_loss_and_the_frame_coefficients():
    settings = Settings(steps=5000)
    trajectory = fit_trajectory(settings)
    assert trajectory.loss.dtype == np.float32 and trajectory.loss.shape == (5001,)
    assert list(trajectory.frame_steps) == list(log_spaced_steps(5000))
    assert trajectory.frame_coefficients.shape == (len(trajectory.frame_steps), 4)
    np.testing.assert_allclose(trajectory.frame_coefficients[0], trajectory.initial_coefficients, rtol=1e-7)
    np.testing.assert_allclose(trajectory.frame_coefficients[-1], trajectory.final_coefficients)
    assert (trajectory.device == resolve_device("auto").type and trajectory.wall_time_s > 0
            and trajectory.diverged_at is None)
    assert trajectory.test_loss > 0 and trajectory.steps_per_s > 0


def test_a_run_keeps_frame_count_steps_every_one_of_the_first_dozen():
    steps = log_spaced_steps(2000)
    assert len(steps) == FRAME_COUNT and list(steps[:12]) == list(range(12)) and steps[-1] == 2000


def test_log_spaced_steps_are_dense_early_and_keep_both_ends():
    steps = log_spaced_steps(1_000_000, 200)
    assert len(steps) == 200 and steps[0] == 0 and steps[-1] == 1_000_000
    assert list(steps[:10]) == list(range(10)) and np.all(np.diff(steps) > 0)
    assert list(log_spaced_steps(50, 200)) == list(range(51))


@pytest.mark.parametrize("optimizer, lr_fraction, steps", [
    ("gd", 0.5, 300), ("momentum", 0.1, 300), ("nesterov", 0.1, 300), ("adam", None, 3000)])
def test_every_optimizer_reaches_the_optimum_on_a_well_conditioned_problem(optimizer, lr_fraction, steps):
    base = Settings(basis="legendre", loss="mean")
    analysis = analyse(base)
    lr = 0.003 if lr_fraction is None else lr_fraction * analysis.stable_lr
    trajectory = fit_trajectory(base.replace(optimizer=optimizer, lr=lr, steps=steps))
    assert trajectory.loss[0] > 10 * analysis.optimum_loss  # it starts far away …
    assert trajectory.loss[-1] <= 1.01 * analysis.optimum_loss  # … and ends within 1%


def test_momentum_is_the_heavy_ball_recurrence():
    settings = Settings(optimizer="momentum", beta=0.8, lr=1e-4, steps=3, basis="legendre")
    steps = list(train_steps(settings))
    w = [s.coefficients for s in steps]
    # w₂ − w₁ = β (w₁ − w₀) − lr ∇L(w₁), and w₁ − w₀ = −lr ∇L(w₀)
    gradient_0 = -(w[1] - w[0]) / settings.lr
    gradient_1 = -(w[2] - w[1] - settings.beta * (w[1] - w[0])) / settings.lr
    phi, y = design_matrix(settings)
    for coefficients, gradient in ((w[0], gradient_0), (w[1], gradient_1)):
        np.testing.assert_allclose(gradient, 2 * phi.T @ (phi @ coefficients - y), rtol=1e-3)


def test_degree_four_at_the_tutorials_learning_rate_diverges_without_raising():
    settings = Settings(degree=4)
    assert 4.5e-7 < analyse(settings).stable_lr < 4.7e-7 < settings.lr
    trajectory = fit_trajectory(settings)
    assert trajectory.diverged_at is not None and 0 < trajectory.diverged_at <= settings.steps
    assert trajectory.last_step == trajectory.diverged_at - 1 and np.isfinite(trajectory.loss).all()
    assert trajectory.diverged_coefficient.startswith("c4")  # the x⁴ term, the stiffest direction, blows up
    assert np.isfinite(trajectory.final_coefficients).all()
    assert trajectory.loss[-1] > 1e30


def test_a_loss_that_is_infinite_from_the_start_is_reported_at_step_zero():
    trajectory = fit_trajectory(Settings(degree=15, xmin=-100.0, xmax=100.0, lr=1.0, steps=5))
    assert trajectory.diverged_at == 0 and trajectory.last_step == 0 and trajectory.loss[0] == np.inf
    np.testing.assert_allclose(trajectory.final_coefficients, trajectory.initial_coefficients)


def test_progress_is_reported_and_a_time_budget_cuts_the_run_short():
    seen = []
    trajectory = fit_trajectory(Settings(steps=3 * CHUNK_STEPS),
                                on_progress=lambda step, total: seen.append((step, total)))
    assert (seen[-1] == (3 * CHUNK_STEPS, 3 * CHUNK_STEPS) and len(seen) == 4
            and trajectory.cut_short_at is None)
    short = fit_trajectory(Settings(steps=1_000_000), time_budget_s=0.2)
    assert short.cut_short_at is not None and short.cut_short_at == short.last_step < 1_000_000
    assert short.frame_steps[-1] == short.last_step


def test_the_device_is_chosen_and_reported():
    assert resolve_device("cpu").type == "cpu"
    assert resolve_device("auto").type == ("cuda" if torch.cuda.is_available() else "cpu")
    if not torch.cuda.is_available():
        with pytest.raises(SettingError, match="device: 'cuda' is not allowed"):
            resolve_device("cuda")
        with pytest.raises(SettingError):
            fit_trajectory(Settings(device="cuda", steps=3))


def test_float64_and_the_matrix_product_path_agree_with_the_termwise_path():
    small = fit_trajectory(Settings(points=TERMWISE_MAX_POINTS, dtype="float64", steps=50, lr=1e-8))
    large = fit_trajectory(Settings(points=TERMWISE_MAX_POINTS + 1, dtype="float64", steps=50, lr=1e-8))
    np.testing.assert_allclose(small.final_coefficients, large.final_coefficients, rtol=1e-3)


def test_held_out_loss_tracks_the_training_loss_without_noise_and_exceeds_it_with_noise():
    clean = fit_trajectory(Settings(basis="legendre", loss="mean", lr=0.5, steps=200))
    assert clean.test_loss == pytest.approx(float(clean.loss[-1]), rel=0.01)
    noisy = fit_trajectory(Settings(basis="legendre", loss="mean", lr=0.5, steps=500, degree=15, points=40,
                                    noise=0.3))
    assert noisy.test_loss > noisy.loss[-1]


needs_cuda = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")


@needs_cuda
@pytest.mark.parametrize("optimizer, lr",
                         [("gd", 1e-4), ("momentum", 2e-5), ("nesterov", 2e-5), ("adam", 1e-2)])
def test_on_cuda_the_graphed_loop_is_the_plain_loop_and_agrees_with_the_cpu(optimizer, lr):
    settings = Settings(device="cuda", optimizer=optimizer, lr=lr, basis="legendre", degree=5,
                        steps=3 * CHUNK_STEPS + 7)
    graphed = fit_trajectory(settings)
    plain = fit_trajectory(settings, cuda_graph=False)
    cpu = fit_trajectory(settings.replace(device="cpu"))
    assert graphed.device.startswith("cuda") and cpu.device == "cpu"
    np.testing.assert_array_equal(graphed.loss, plain.loss)  # the same kernels in the same order
    np.testing.assert_array_equal(graphed.frame_coefficients, plain.frame_coefficients)
    np.testing.assert_allclose(graphed.loss, cpu.loss, rtol=1e-4)
    np.testing.assert_allclose(graphed.final_coefficients, cpu.final_coefficients, rtol=1e-4, atol=1e-6)


@needs_cuda
def test_on_cuda_the_tutorials_run_and_its_divergence_match_the_cpu():
    for settings in (Settings(device="cuda"), Settings(device="cuda", points=1_000_000, lr=1e-9, steps=100)):
        gpu, cpu = fit_trajectory(settings), fit_trajectory(settings.replace(device="cpu"))
        np.testing.assert_allclose(gpu.final_coefficients, cpu.final_coefficients, rtol=1e-4, atol=1e-6)
    # A diverging run amplifies rounding differences: compare where and how it breaks, and its size.
    gpu, cpu = (fit_trajectory(Settings(device="cuda", degree=4)),
                fit_trajectory(Settings(device="cpu", degree=4)))
    assert (abs(gpu.diverged_at - cpu.diverged_at) <= 1
            and gpu.diverged_coefficient == cpu.diverged_coefficient)
    assert (np.linalg.norm(gpu.final_coefficients - cpu.final_coefficients)
            < 1e-4 * np.linalg.norm(cpu.final_coefficients))
    assert resolve_device("auto").type == "cuda"


def test_a_float64_run_on_the_cpu_keeps_its_start_as_the_start():
    # float64 on the CPU: `to` hands back the very tensor; a loop updating it in place once moved the start.
    settings = Settings(dtype="float64", steps=5)
    trajectory = fit_trajectory(settings)
    drawn = initial_coefficients(settings).numpy()
    np.testing.assert_array_equal(trajectory.initial_basis_coefficients, drawn)
    np.testing.assert_array_equal(trajectory.frame_basis_coefficients[0], drawn)
