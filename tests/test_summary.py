import numpy as np
import pytest

from components.analysis import analyse
from components.figures import polynomial_values
from components.settings import Settings
from components.summary import equation_latex, figure_data, format_number, gap_percent, notes, safe_lr
from components.training import fit_trajectory


def test_equation_writes_each_sign_once():
    latex = equation_latex(np.array([0.0586, 0.837, -0.0101, -0.0906]))
    assert latex == "y = 0.0586 + 0.837x - 0.0101x^{2} - 0.0906x^{3}"
    assert equation_latex(np.array([-1.5, 2.0])) == "y = -1.5 + 2x"
    assert "+ -" not in equation_latex(np.array([-1e-7, -3e6, 0.0]))


def test_numbers_use_powers_of_ten_when_tiny_or_huge():
    assert format_number(3.14159) == "3.14"
    assert format_number(-2.5e-7) == r"-2.50 \times 10^{-7}"
    assert format_number(123456.0) == r"1.23 \times 10^{5}"


@pytest.mark.parametrize("bound", [4.643e-7, 1.0049, 9.96e-7, 3.5579e-6, 1.2e-12])
def test_the_offered_learning_rate_is_round_and_below_the_bound(bound):
    lr = safe_lr(bound)
    assert 0.9 * bound < lr < bound and len(f"{lr:g}".split("e")[0].replace(".", "").lstrip("0")) <= 2


def test_notes_for_the_tutorial_say_not_converged_and_how_many_steps_would_do():
    settings = Settings()
    (note,) = notes(fit_trajectory(settings), analyse(settings))
    assert note.kind == "info" and "Not converged yet" in note.text and "3,044 steps" in note.text


def test_notes_for_a_diverging_run_offer_a_stable_learning_rate():
    settings = Settings(degree=4)
    found = notes(fit_trajectory(settings), analyse(settings))
    assert [n.kind for n in found] == ["warning", "error"]
    assert "4.64e-7" in found[0].text and "1e-6" in found[0].text and found[0].suggested_lr == pytest.approx(4.5e-7)
    assert "diverged at step" in found[1].text and "c4 (the x⁴ term)" in found[1].text


def test_notes_for_a_converged_run_say_so():
    settings = Settings(basis="legendre", loss="mean", lr=0.5, steps=300)
    (note,) = notes(fit_trajectory(settings), analyse(settings))
    assert note.kind == "success" and "Converged" in note.text


def test_gap_is_in_percent_of_the_optimum():
    assert gap_percent(12.0, 8.0) == 50.0 and gap_percent(1.0, 0.0) == float("inf")


def test_figure_data_draws_the_optimum_and_the_noisy_samples():
    settings = Settings(steps=50, noise=0.2, points=300)
    trajectory, analysis = fit_trajectory(settings), analyse(settings)
    data = figure_data(trajectory, analysis)
    np.testing.assert_allclose(data.optimum, polynomial_values(analysis.optimum_power, data.x))
    assert data.sample_x is not None and len(data.sample_x) == 300
    assert (data.sample_y - np.sin(data.sample_x)).std() == pytest.approx(0.2, rel=0.2)
    assert figure_data(fit_trajectory(Settings(steps=5)), analyse(Settings())).sample_x is None
