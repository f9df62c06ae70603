"""The eigenmodes (components/engine/modes.py): the run's own error along each eigenvector of H against what
the optimizers' iteration matrices predict, the spectrum's facts, and the words the page says about them."""
from __future__ import annotations

import math

import numpy as np
import pytest

from components.engine.analysis import analyse
from components.engine.modes import eigenmodes, errors_along_modes
from components.engine.training import fit_trajectory
from components.state.settings import Settings
from components.views.modes_figure import modes_figure, spectrum_figure, spectrum_words

RESOLVED = {"float32": 1e-3, "float64": 1e-11}  # share of the coefficients' size the dtype still resolves


def modes_of(settings: Settings):
    trajectory, analysis = fit_trajectory(settings), analyse(settings)
    return trajectory, analysis, eigenmodes(trajectory, analysis)


@pytest.mark.parametrize("settings", [
    Settings(),
    Settings(dtype="float64", steps=500),
    Settings(optimizer="momentum", lr=2e-7, dtype="float64", steps=600),
    Settings(optimizer="nesterov", lr=2e-7, beta=0.8, steps=600),
    Settings(basis="legendre", degree=5, lr=1e-4, steps=300),
    Settings(basis="scaled", degree=4, optimizer="momentum", lr=2e-4, steps=400, loss="mean", points=500),
], ids=["tutorial", "float64", "momentum", "nesterov", "legendre", "scaled-mean"])
def test_the_measured_modes_follow_the_iteration_matrices_prediction(settings):
    trajectory, analysis, modes = modes_of(settings)
    assert modes.measured.shape == modes.predicted.shape == (len(trajectory.frame_steps), settings.degree + 1)
    scale = RESOLVED[settings.dtype] * np.abs(analysis.optimum).max()
    resolved = (modes.measured > scale) & (modes.predicted > scale)
    assert resolved.sum() > len(trajectory.frame_steps)  # most of the picture is checked, not a corner of it
    relative = np.abs(modes.measured - modes.predicted)[resolved] / modes.predicted[resolved]
    assert relative.max() < 1e-3


def test_plain_descents_prediction_is_one_minus_lr_lambda_to_the_step():
    trajectory, analysis, modes = modes_of(Settings(steps=300))
    start = np.abs(errors_along_modes(analysis, trajectory.initial_basis_coefficients))
    rates = np.abs(1 - 1e-6 * analysis.eigenvalues)
    expected = start * rates ** trajectory.frame_steps[:, None]
    np.testing.assert_allclose(modes.predicted, expected, rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(modes.rates, rates)


def test_a_diverging_runs_fastest_growing_mode_is_the_one_the_page_names():
    # Degree 4 at the tutorial's learning rate: lr·λ_max is past 2.
    trajectory, analysis, modes = modes_of(Settings(degree=4))
    assert trajectory.diverged_at is not None and modes.growing is not None
    early, late = modes.measured[1], modes.measured[-1]
    per_step = np.log(late / early) / (modes.steps[-1] - modes.steps[1])
    assert int(np.argmax(per_step)) == modes.growing == 4  # the largest eigenvalue
    assert math.isclose(math.exp(per_step[4]), modes.rates[4], rel_tol=1e-3)
    assert modes.lr_lambda[4] > modes.limit == 2
    words = " ".join(spectrum_words(modes, analysis.optimizer_stable_lr, 1e-6, 2000))
    assert "Mode 5 grows" in words and "blows this run up" in words


def test_the_slowest_mode_and_the_steps_it_needs_are_what_its_rate_says():
    _, analysis, modes = modes_of(Settings(steps=200))
    assert modes.slowest == 0  # plain descent: the smallest eigenvalue
    needed = modes.steps_to_shrink(0)
    rate = 1 - 1e-6 * analysis.eigenvalues[0]
    assert rate**needed <= 0.01 < rate ** (needed - 1)
    words = spectrum_words(modes, analysis.optimizer_stable_lr, 1e-6, 200)
    assert f"needs about {needed:,} steps" in words[-1] and "only 200" in words[-1]


@pytest.mark.parametrize("optimizer, limit", [("gd", 2), ("momentum", 3.8), ("nesterov", 3.8 / 2.8)])
def test_the_stability_limit_and_the_stable_learning_rate_are_the_analysis_own(optimizer, limit):
    _, analysis, modes = modes_of(Settings(optimizer=optimizer, steps=50))
    assert math.isclose(modes.limit, limit)
    assert math.isclose(analysis.optimizer_stable_lr, limit / analysis.eigenvalues[-1])
    words = spectrum_words(modes, analysis.optimizer_stable_lr, 1e-6, 50)
    assert f"below {limit:.3g}" in words[1]


def test_the_condition_numbers_the_lecture_quotes():
    assert math.isclose(modes_of(Settings(steps=1))[2].condition_number, 3.3e2, rel_tol=0.02)
    assert math.isclose(modes_of(Settings(degree=7, steps=1))[2].condition_number, 1.2e7, rel_tol=0.02)
    for degree in range(3, 10):  # Legendre polynomials of the scaled x: about 2·degree + 1, 7 to 19
        kappa = modes_of(Settings(degree=degree, basis="legendre", steps=1))[2].condition_number
        assert math.isclose(kappa, 2 * degree + 1, rel_tol=0.05)


def test_adam_has_measured_lines_only_and_says_why():
    _, analysis, modes = modes_of(Settings(optimizer="adam", lr=1e-2, steps=100))
    assert modes.predicted is None and modes.rates is None and modes.slowest is None
    figure = modes_figure(modes)
    assert len(figure["data"]) == 4 and all(t["line"].get("dash") is None for t in figure["data"])
    assert "no rate to predict" in spectrum_words(modes, None, 1e-2, 100)[-1]


def test_the_figures_draw_every_mode_and_mark_those_past_the_limit():
    _, _, modes = modes_of(Settings(degree=4))
    figure = modes_figure(modes, lang="ko")
    solid = [t for t in figure["data"] if t["line"].get("dash") is None]
    names = [f"모드 {i} (λ = {modes.eigenvalues[i - 1]:.3g})" for i in (1, 2)]
    assert [t["name"] for t in solid][:2] == names
    assert len(solid) == 5 and len(figure["data"]) == 11  # and a dotted line each, and the legend's one
    assert figure["data"][0]["x"][0] == modes.steps[1]  # a log step axis starts after step 0
    np.testing.assert_allclose(figure["data"][0]["y"], modes.measured[1:, 0], rtol=1e-3)
    spectrum = spectrum_figure(modes)
    assert spectrum["data"][0]["marker"]["symbol"] == ["circle"] * 4 + ["x"]
    assert spectrum["layout"]["shapes"][0]["y0"] == 2


def test_an_eigenvalue_float64_cannot_resolve_is_not_quoted_as_a_condition_number():
    _, analysis, modes = modes_of(Settings(degree=15, steps=1, lr=1e-16))  # λ_min under eigh's rounding
    assert not modes.resolved and modes_of(Settings(degree=7, steps=1))[2].resolved
    words = spectrum_words(modes, analysis.optimizer_stable_lr, 1e-16, 1)
    assert "only known to exceed" in words[0] and not any("slowest mode is" in w for w in words)


def test_the_spectrums_limit_is_labelled_at_its_height_on_the_log_axis():
    _, _, modes = modes_of(Settings(optimizer="momentum", steps=10))
    (label,) = spectrum_figure(modes)["layout"]["annotations"]
    assert label["y"] == pytest.approx(math.log10(3.8)) and "3.8" in label["text"]  # annotations take log10
