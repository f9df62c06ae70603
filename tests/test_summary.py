import re

import numpy as np
import pytest

from components.engine.analysis import analyse
from components.engine.training import fit_trajectory
from components.state.settings import Settings
from components.views.equation import equation_latex, format_number
from components.views.figures import polynomial_values
from components.views.summary import figure_data, gap_percent, notes, safe_lr


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
    assert ("4.64e-7" in found[0].text and "1e-6" in found[0].text
            and found[0].suggested_lr == pytest.approx(4.5e-7))
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


def test_durations_read_as_a_person_says_them():
    from components.views.formatting import format_duration
    assert [format_duration(s) for s in (0.241, 12.3, 170, 12_000, 12 * 86_400, 3.5e9)] == [
        "0.24 s", "12 s", "2 min 50 s", "3 h 20 min", "12 days", "110 years"]
    assert format_duration(170, "ko") == "2분 50초"


def test_a_float32_run_a_hair_below_the_float64_optimum_is_at_the_optimum():
    from components.views.summary import at_optimum
    assert (at_optimum(8.8171669, 8.8171675) and at_optimum(8.81717, 8.81717)
            and not at_optimum(8.83, 8.8171675))
    settings = Settings(degree=5, basis="legendre", lr=4e-4, steps=2000)
    (note,) = notes(fit_trajectory(settings), analyse(settings))
    assert note.kind == "success" and "best possible" in note.text and "%" not in note.text


def test_a_learning_rate_far_below_its_bound_says_the_run_crawls_and_how_long_it_would_take():
    settings = Settings(lr=1e-16)
    found = notes(fit_trajectory(settings), analyse(settings))
    crawl, progress = found
    assert crawl.kind == "info" and "far below" in crawl.text and crawl.suggested_lr == pytest.approx(3.5e-6)
    assert "longer than anyone can run" in progress.text and "years" in progress.text
    assert "30,461,380" not in progress.text and re.search(r"3\.0×10¹³ steps", progress.text)
    # the powers' learning rate, in a basis whose bound is 500 times larger
    legendre = Settings(basis="legendre")
    crawl, _ = notes(fit_trajectory(legendre), analyse(legendre))
    assert "Each basis has its own" in crawl.text and crawl.suggested_lr == pytest.approx(4.9e-4)


def test_no_learning_rate_is_offered_that_the_slider_cannot_take():
    settings = Settings(degree=15, xmin=-10.0, xmax=10.0)
    found = notes(fit_trajectory(settings), analyse(settings))
    assert all(n.suggested_lr is None for n in found)
    assert any("below the smallest this page offers (1e-16)" in n.text for n in found)


def test_a_stable_learning_rate_that_would_take_forever_says_so():
    # powers of x, degree 9: stable only far below, and hopelessly slow there
    settings = Settings(degree=9, lr=1e-6)
    found = notes(fit_trajectory(settings), analyse(settings))
    offered = [n for n in found if n.suggested_lr is not None]
    assert offered and 1e-16 <= offered[0].suggested_lr < 1e-6
    assert any("would need about" in n.text and "Legendre" in n.text for n in found)


def test_a_diverged_run_reports_the_speed_of_the_steps_it_ran():
    settings = Settings(degree=4, steps=2000)
    trajectory = fit_trajectory(settings)
    assert trajectory.diverged_at is not None and trajectory.last_step < 40
    assert trajectory.steps_run >= 1024  # its first chunk ran whole
    assert trajectory.steps_per_s > 500  # not the 4 steps/s of 31 kept steps over a chunk's time


def test_a_run_stuck_at_float32s_rounding_says_so_not_that_it_needs_more_steps():
    settings = Settings(degree=12, basis="legendre", lr=2e-4, steps=5000)
    (note,) = notes(fit_trajectory(settings), analyse(settings))
    assert "rounding of float32" in note.text and "float64" in note.text and "would bring" not in note.text


def test_the_chart_says_how_the_run_was_computed():
    settings = Settings(steps=100_000)
    from components.engine.closed_form import closed_form_trajectory
    closed = figure_data(closed_form_trajectory(settings), analyse(settings))
    assert closed.title == "Degree 3 fit to sin(x) in closed form"
    assert (figure_data(fit_trajectory(Settings(steps=5)), analyse(Settings())).title
            == "Degree 3 fit to sin(x) by autograd")


def test_a_run_that_got_there_anyway_is_not_told_it_crawls():
    # 1e-6 is far below degree 1's bound, and the line fits in 2000 steps all the same
    settings = Settings(degree=1)
    (note,) = notes(fit_trajectory(settings), analyse(settings))
    assert note.kind == "success" and note.suggested_lr is None


def test_in_the_legendre_basis_the_slow_note_does_not_send_the_reader_to_legendre():
    settings = Settings(degree=15, basis="legendre", points=16, lr=1e-4)
    texts = " ".join(n.text for n in notes(fit_trajectory(settings), analyse(settings)))
    assert "just below the bound" in texts and "Legendre basis gets there" not in texts


def test_when_the_best_possible_loss_is_about_zero_no_percentage_of_it_is_given():
    settings = Settings(degree=15, basis="legendre", points=10, lr=1e-3)  # 16 coefficients through 10 points
    (note,) = notes(fit_trajectory(settings), analyse(settings))
    assert "best possible is about 0" in note.text and "%" not in note.text
    exact = Settings(degree=3, target="expr", expr="x**2 + 0.1*x", lr=3e-6, steps=5000, dtype="float64")
    (note,) = notes(fit_trajectory(exact), analyse(exact))
    assert note.kind == "success" and "about 0" in note.text and "rounding" not in note.text


def test_a_loss_too_large_from_the_start_says_no_step_was_taken():
    settings = Settings(degree=15, xmin=-100.0, xmax=100.0)
    trajectory = fit_trajectory(settings)
    assert trajectory.diverged_at == 0
    found = notes(trajectory, analyse(settings))
    assert found[-1].kind == "error" and "no step could be taken" in found[-1].text


def test_a_plain_descent_beside_it_that_diverges_leaves_the_runs_own_scale_alone():
    from components.engine.closed_form import closed_form_trajectory
    from components.views.figures import build_figure
    settings = Settings(optimizer="momentum", lr=5e-6)  # stable for momentum, not for plain descent
    trajectory, analysis = fit_trajectory(settings), analyse(settings)
    reference = closed_form_trajectory(settings.replace(optimizer="gd"), analysis=analysis)
    assert trajectory.diverged_at is None and reference.diverged_at is not None
    figure = build_figure(figure_data(trajectory, analysis, reference=reference))
    low, high = figure["layout"]["yaxis2"]["range"]
    assert 10**high < 10 * float(trajectory.loss.max())
    assert any(t["name"] == f"plain gradient descent (diverged at step {reference.diverged_at})"
               for t in figure["data"])


def test_a_bound_the_estimate_never_reaches_says_more_than_its_horizon(monkeypatch):
    import components.views.summary as summary
    settings = Settings(degree=15, basis="legendre", points=16, lr=1e-4)
    trajectory, analysis = fit_trajectory(settings.replace(steps=10)), analyse(settings)
    # The estimate answers None when 10¹⁵ steps are not enough; no setting on the slider gets there cheaply.
    monkeypatch.setattr(summary, "steps_to_within", lambda *args, **kwargs: None)
    texts = [n.text for n in summary.learning_rate_notes(trajectory, analysis, "en")]
    assert any("would need more than 1×10¹⁵ steps" in t for t in texts) and "about ∞" not in " ".join(texts)
