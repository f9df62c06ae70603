"""Every preset shows what its sentence claims, on the real engine."""
import numpy as np

from components.analysis import analyse
from components.figures import polynomial_values
from components.presets import BY_KEY, PRESETS
from components.runs import run


def outcome(key: str):
    settings = BY_KEY[key].settings
    return run(settings), analyse(settings)


def gap(trajectory, analysis) -> float:
    return float(trajectory.loss[-1]) / analysis.optimum_loss - 1


def test_presets_have_distinct_keys_names_and_settings():
    assert len({p.key for p in PRESETS}) == len({p.name for p in PRESETS}) == len({p.settings for p in PRESETS}) == 9


def test_the_tutorial_has_not_converged():
    trajectory, analysis = outcome("tutorial")
    assert trajectory.diverged_at is None and gap(trajectory, analysis) > 0.3


def test_too_big_a_step_diverges():
    trajectory, analysis = outcome("too-big")
    assert BY_KEY["too-big"].settings.lr > analysis.stable_lr and trajectory.diverged_at is not None


def test_the_same_step_at_degree_4_diverges_within_40_steps():
    trajectory, analysis = outcome("degree-4")
    assert analysis.stable_lr < 4.7e-7 and trajectory.diverged_at is not None and trajectory.diverged_at < 40


def test_ill_conditioned_powers_of_x_barely_move():
    trajectory, analysis = outcome("ill-conditioned")
    assert BY_KEY["ill-conditioned"].settings.lr < analysis.stable_lr < 6e-8
    assert trajectory.diverged_at is None and gap(trajectory, analysis) > 1


def test_legendre_reaches_the_best_fit_within_200_steps():
    trajectory, analysis = outcome("legendre")
    assert trajectory.loss[200] <= 1.01 * analysis.optimum_loss


def test_momentum_gets_within_one_percent_where_plain_descent_does_not():
    trajectory, analysis = outcome("momentum")
    plain = run(BY_KEY["momentum"].settings.replace(optimizer="gd"))
    assert gap(trajectory, analysis) < 0.01 < gap(plain, analysis)


def test_adam_fits_the_cubic_within_one_percent():
    trajectory, analysis = outcome("adam")
    assert gap(trajectory, analysis) < 0.01


def test_runges_best_polynomial_misses_the_peak_and_wiggles():
    settings = BY_KEY["runge"].settings
    trajectory, analysis = outcome("runge")
    x = np.linspace(settings.xmin, settings.xmax, 2001)
    u = 2 * (x - settings.xmin) / (settings.xmax - settings.xmin) - 1
    error = polynomial_values(analysis.optimum_power, x) - 1 / (1 + 25 * u**2)
    assert abs(error[1000]) > 0.05  # misses the peak at u = 0
    assert np.count_nonzero(np.diff(np.sign(error)) != 0) >= 10  # crosses the target again and again
    assert gap(trajectory, analysis) < 0.01  # and training does reach that best polynomial


def test_noisy_data_is_overfitted():
    trajectory, _ = outcome("noisy")
    noise_variance = BY_KEY["noisy"].settings.noise ** 2
    assert trajectory.loss[-1] < noise_variance < trajectory.test_loss
