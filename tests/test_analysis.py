import math

import numpy as np
import pytest
import torch
from numpy.polynomial import Polynomial

from components.engine.analysis import analyse, contraction_rates, design_matrix, gradient_at, steps_to_within
from components.engine.training import fit_trajectory, initial_coefficients
from components.problem.targets import make_dataset
from components.state.settings import Settings


@pytest.mark.parametrize("settings", [
    Settings(), Settings(degree=5, basis="legendre"), Settings(degree=7, basis="scaled", target="runge"),
    Settings(degree=2, target="exp", xmin=-1.0, xmax=2.0, loss="mean"),
])
def test_the_optimum_is_numpys_least_squares_fit(settings):
    phi, y = design_matrix(settings)
    x = make_dataset(settings).x.double().numpy()  # the float32 grid the training sees
    fitted = Polynomial.fit(x, y, settings.degree).convert().coef
    analysis = analyse(settings)
    np.testing.assert_allclose(analysis.optimum_power, fitted, rtol=1e-6, atol=1e-9)
    residual = np.sum((Polynomial(fitted)(x) - y) ** 2) / (len(y) if settings.loss == "mean" else 1)
    assert analysis.optimum_loss == pytest.approx(residual, rel=1e-9)


def test_the_tutorials_problem_has_the_known_numbers():
    analysis = analyse(Settings())
    assert analysis.optimum_loss == pytest.approx(8.82, abs=0.01)
    assert 250 < analysis.condition_number < 400
    assert analyse(Settings(degree=7)).condition_number > 1e6
    assert analyse(Settings(basis="legendre")).condition_number < 10


@pytest.mark.parametrize("settings", [Settings(steps=3000), Settings(degree=5, basis="legendre", steps=3000)])
def test_the_stable_learning_rate_separates_converging_from_diverging_runs(settings):
    bound = analyse(settings).stable_lr
    below = fit_trajectory(settings.replace(lr=0.95 * bound))
    above = fit_trajectory(settings.replace(lr=1.2 * bound))
    assert below.diverged_at is None and below.loss[-1] < below.loss[0]
    assert above.diverged_at is not None


@pytest.mark.parametrize("optimizer", ["momentum", "nesterov"])
def test_the_momentum_bounds_separate_converging_from_diverging_runs(optimizer):
    settings = Settings(degree=4, basis="legendre", optimizer=optimizer, steps=3000)
    bound = analyse(settings).optimizer_stable_lr
    if optimizer == "momentum":
        assert bound > analyse(settings).stable_lr  # heavy ball tolerates a larger step than plain descent
    assert fit_trajectory(settings.replace(lr=0.95 * bound)).diverged_at is None
    assert fit_trajectory(settings.replace(lr=1.1 * bound)).diverged_at is not None


def test_contraction_rates_cross_one_at_the_bound():
    for optimizer in ("gd", "momentum", "nesterov"):
        settings = Settings(optimizer=optimizer, basis="legendre")
        analysis = analyse(settings)
        bound = analysis.optimizer_stable_lr
        assert contraction_rates(settings.replace(lr=0.99 * bound), analysis.eigenvalues).max() < 1
        assert contraction_rates(settings.replace(lr=1.01 * bound), analysis.eigenvalues).max() > 1
    assert analyse(Settings(optimizer="adam")).optimizer_stable_lr is None


def test_steps_to_within_one_percent_matches_an_actual_run():
    settings = Settings()
    analysis = analyse(settings)
    needed = steps_to_within(settings, analysis, initial_coefficients(settings).double().numpy())
    assert 2000 < needed < 100_000  # the tutorial has not converged after its 2000 steps
    assert fit_trajectory(settings.replace(steps=needed)).loss[-1] <= 1.01 * analysis.optimum_loss
    assert fit_trajectory(settings.replace(steps=needed - 50)).loss[-1] > 1.01 * analysis.optimum_loss


def test_steps_to_within_says_never_above_the_bound_and_nothing_for_adam():
    settings = Settings(degree=4)
    analysis = analyse(settings)
    start = initial_coefficients(settings).double().numpy()
    assert steps_to_within(settings, analysis, start) is None
    assert steps_to_within(settings.replace(optimizer="adam"), analysis, start) is None
    assert steps_to_within(settings, analysis, analysis.optimum) == 0
    assert math.isfinite(analysis.condition_number)


@pytest.mark.parametrize("reduction", ["sum", "mean"])
def test_the_gradient_formula_is_autograds(reduction):
    features = torch.randn(4, 50, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    y = torch.randn(50, dtype=torch.float64, generator=torch.Generator().manual_seed(2))
    w = torch.randn(4, dtype=torch.float64, requires_grad=True)
    squared = (w @ features - y).pow(2)
    (squared.sum() if reduction == "sum" else squared.mean()).backward()
    formula = gradient_at(features.numpy(), y.numpy(), w.detach().numpy(), reduction)
    np.testing.assert_allclose(formula, w.grad.numpy(), rtol=1e-12)


@pytest.mark.parametrize("name, value", [("lr", 3e-3), ("steps", 7), ("seed", 5), ("engine", "autograd"),
                                         ("device", "cpu")])
def test_the_analysis_depends_on_no_setting_outside_its_shared_key(name, value):
    from components.ui.computed import analysis_key

    for settings in (Settings(degree=4, optimizer="momentum", beta=0.5),
                     Settings(basis="legendre", loss="mean")):
        other = settings.replace(**{name: value})
        assert analysis_key(settings) == analysis_key(other)  # one entry for both
        one, two = analyse(settings), analyse(other)
        assert all(np.array_equal(a, b) if isinstance(a, np.ndarray) else a == b
                   for a, b in zip(vars(one).values(), vars(two).values()))


MOMENTUM = Settings(optimizer="momentum")


@pytest.mark.parametrize("settings, name, value", [
    (MOMENTUM, "loss", "mean"), (MOMENTUM, "optimizer", "nesterov"), (MOMENTUM, "beta", 0.5),
    (Settings(noise=0.1), "seed", 3)])
def test_each_setting_the_analysis_depends_on_is_in_its_key(settings, name, value):
    from components.ui.computed import analysis_key

    other = settings.replace(**{name: value})
    one, two = analyse(settings), analyse(other)
    assert analysis_key(settings) != analysis_key(other)
    assert (one.optimizer_stable_lr, one.optimum_loss, one.eigenvalues[-1]) != (
        two.optimizer_stable_lr, two.optimum_loss, two.eigenvalues[-1])


def test_a_beta_the_optimizer_ignores_is_left_out_of_the_key():
    from components.ui.computed import analysis_key

    assert analysis_key(Settings(beta=0.5)) == analysis_key(Settings())  # plain descent has no β
    assert analyse(Settings(beta=0.5)).optimizer_stable_lr == analyse(Settings()).optimizer_stable_lr
