"""Every preset shows what its sentence claims, on the real engine, and in the picture where it can."""
import numpy as np
import torch

from components.engine.analysis import analyse
from components.engine.closed_form import closed_form_trajectory
from components.engine.runs import run
from components.problem.targets import target_values
from components.state.presets import BY_KEY, PRESETS
from components.views.figures import build_figure, polynomial_values
from components.views.summary import figure_data


def outcome(key: str):
    settings = BY_KEY[key].settings
    return run(settings), analyse(settings)


def gap(trajectory, analysis) -> float:
    return float(trajectory.loss[-1]) / analysis.optimum_loss - 1


def test_presets_have_distinct_keys_names_and_settings():
    assert (len({p.key for p in PRESETS}) == len({p.name for p in PRESETS})
            == len({p.settings for p in PRESETS}) == 9)


def test_the_tutorial_has_not_converged():
    trajectory, analysis = outcome("tutorial")
    assert trajectory.diverged_at is None and gap(trajectory, analysis) > 0.3


def test_too_big_a_step_diverges():
    trajectory, analysis = outcome("too-big")
    assert BY_KEY["too-big"].settings.lr > analysis.stable_lr and trajectory.diverged_at is not None


def test_the_same_step_at_degree_4_diverges_within_40_steps():
    trajectory, analysis = outcome("degree-4")
    assert analysis.stable_lr < 4.7e-7 and trajectory.diverged_at is not None and trajectory.diverged_at < 40


def distances_from_target(key: str) -> tuple[float, float]:
    """How far the trained polynomial and the best one stray from the target, at most, on the domain."""
    settings = BY_KEY[key].settings
    trajectory, analysis = outcome(key)
    x = np.linspace(settings.xmin, settings.xmax, 2001)
    target = target_values(settings.target, torch.from_numpy(x), settings.domain).numpy()
    return (float(np.abs(polynomial_values(trajectory.final_coefficients, x) - target).max()),
            float(np.abs(polynomial_values(analysis.optimum_power, x) - target).max()))


def test_ill_conditioned_powers_of_x_stay_visibly_off_after_50000_steps():
    trajectory, analysis = outcome("ill-conditioned")
    assert BY_KEY["ill-conditioned"].settings.lr < analysis.stable_lr < 6e-8
    assert trajectory.diverged_at is None and trajectory.loss[-1] > 1000 * analysis.optimum_loss
    fit, best = distances_from_target("ill-conditioned")
    assert fit > 0.3 and best < 0.02  # "strays by up to 0.4, where the best possible stays within 0.02"
    assert fit < 0.45


def test_legendre_reaches_the_best_fit_within_200_steps():
    trajectory, analysis = outcome("legendre")
    assert trajectory.loss[200] <= 1.01 * analysis.optimum_loss


def test_momentum_gets_within_one_percent_where_plain_descent_does_not_and_the_chart_draws_both():
    trajectory, analysis = outcome("momentum")
    plain = run(BY_KEY["momentum"].settings.replace(optimizer="gd"))
    assert gap(trajectory, analysis) < 0.01 < 0.385 < gap(plain, analysis) < 0.395
    reference = closed_form_trajectory(BY_KEY["momentum"].settings.replace(optimizer="gd"), analysis=analysis)
    figure = build_figure(figure_data(trajectory, analysis, reference=reference))
    (drawn,) = [t for t in figure["data"] if t["name"] == "plain gradient descent"]
    assert drawn["line"]["dash"] == "dot" and drawn["x"][-1] == 2000
    assert drawn["y"][-1] / analysis.optimum_loss - 1 > 0.385  # the grey line ends 39% above the optimum


def test_adam_fits_the_cubic_within_one_percent():
    trajectory, analysis = outcome("adam")
    assert gap(trajectory, analysis) < 0.01


def test_runges_title_writes_the_target_in_x():
    trajectory, analysis = outcome("runge")
    title = build_figure(figure_data(trajectory, analysis))["layout"]["title"]["text"]
    assert "1/(1+25(x/π)²)" in title and "u" not in title.replace("autograd", "")
    assert "1/(1+25(x/π)²)" in str(BY_KEY["runge"].shows)


def test_runges_best_polynomial_misses_the_peak_and_wiggles():
    settings = BY_KEY["runge"].settings
    trajectory, analysis = outcome("runge")
    x = np.linspace(settings.xmin, settings.xmax, 2001)
    u = 2 * (x - settings.xmin) / (settings.xmax - settings.xmin) - 1
    error = polynomial_values(analysis.optimum_power, x) - 1 / (1 + 25 * u**2)
    assert abs(error[1000]) > 0.05  # misses the peak at u = 0
    assert np.count_nonzero(np.diff(np.sign(error)) != 0) >= 10  # crosses the target again and again
    assert gap(trajectory, analysis) < 0.01  # and training does reach that best polynomial


def test_noisy_data_is_overfitted_and_the_chart_draws_the_noise_and_the_held_out_loss():
    trajectory, analysis = outcome("noisy")
    noise_variance = BY_KEY["noisy"].settings.noise ** 2
    assert trajectory.loss[-1] < noise_variance < trajectory.test_loss
    figure = build_figure(figure_data(trajectory, analysis))
    by_name = {t["name"]: t for t in figure["data"]}
    assert len(by_name["samples"]["x"]) == 40
    assert by_name["noise level"]["y"] == [noise_variance] * 2
    held_out = by_name["held-out loss"]["y"]
    # the green line ends above, the loss below
    assert held_out[-1] > noise_variance > by_name["loss"]["y"][-1]
    assert (held_out[-1] == np.float32(trajectory.test_loss).item()
            or abs(held_out[-1] / trajectory.test_loss - 1) < 1e-3)
