"""The target's Taylor polynomial (components/engine/taylor.py): known series, shifted domains, typed targets,
the targets with no series at the centre and why, its loss, and the time budget of its derivatives."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from numpy.polynomial import Polynomial

from components.engine.analysis import analyse
from components.engine.taylor import derivatives_at, taylor_polynomial
from components.problem.data import run_data
from components.problem.targets import make_dataset, target_values
from components.state.settings import Settings


@pytest.fixture(autouse=True)
def unlimited_time(monkeypatch):
    """The page's time budget off: on a loaded machine it could cut a heavy target's degree, which only the
    budget's own test is about."""
    monkeypatch.setattr("components.engine.taylor.BUDGET_S", math.inf)


RUNGE_SLOPE = -25 / math.pi**2  # 1/(1+25u²) with u = x/π is Σ (−25/π²)^m x^(2m)


def series(target: str, degree: int) -> list[float]:
    """The known Taylor coefficients about 0, in powers of x."""
    known = {
        "sin": lambda k: 0.0 if k % 2 == 0 else (-1) ** (k // 2) / math.factorial(k),
        "cos": lambda k: 0.0 if k % 2 else (-1) ** (k // 2) / math.factorial(k),
        "exp": lambda k: 1 / math.factorial(k),
        "runge": lambda k: 0.0 if k % 2 else RUNGE_SLOPE ** (k // 2),
    }[target]
    return [known(k) for k in range(degree + 1)]


@pytest.mark.parametrize("target", ["sin", "cos", "exp", "runge"])
@pytest.mark.parametrize("degree", [1, 3, 6, 10])
def test_the_polynomial_is_the_known_series_about_0(target, degree):
    taylor = taylor_polynomial(Settings(target=target, degree=degree))
    assert taylor.centre == 0.0 and taylor.problem is None
    assert taylor.coefficients.dtype == np.float64 and len(taylor.coefficients) == degree + 1
    np.testing.assert_allclose(taylor.coefficients, series(target, degree), rtol=1e-10, atol=1e-15)


def test_a_shifted_domain_gives_the_series_about_its_centre_in_powers_of_x():
    taylor = taylor_polynomial(Settings(target="exp", degree=7, xmin=0.0, xmax=2.0))
    assert taylor.centre == 1.0
    x = np.array([0.0, 0.3, 1.0, 1.7, 2.0])
    about_1 = sum(math.e * (x - 1) ** k / math.factorial(k) for k in range(8))
    np.testing.assert_allclose(Polynomial(taylor.coefficients)(x), about_1, rtol=1e-12)
    assert taylor.coefficients[0] == pytest.approx(math.e * sum((-1) ** k / math.factorial(k)
                                                                for k in range(8)), rel=1e-12)


def test_a_typed_polynomial_is_its_own_taylor_polynomial():
    cubic = taylor_polynomial(Settings(target="expr", expr="x**3 - 2*x", degree=3))
    np.testing.assert_array_equal(cubic.coefficients, [0.0, -2.0, 0.0, 1.0])
    quintic = taylor_polynomial(Settings(target="expr", expr="x**3 - 2*x", degree=5))
    np.testing.assert_array_equal(quintic.coefficients, [0.0, -2.0, 0.0, 1.0, 0.0, 0.0])
    shifted = taylor_polynomial(Settings(target="expr", expr="x**3 - 2*x", degree=4, xmin=1.0, xmax=4.0))
    np.testing.assert_allclose(shifted.coefficients, [0.0, -2.0, 0.0, 1.0, 0.0], atol=1e-12)


def test_autograds_nan_beside_a_typed_power_is_replaced_by_its_limit():
    # torch.pow with a tensor exponent gives 0·∞ = nan for a typed x**3 at 0 from order 5; both sides say 0
    def cube(x: torch.Tensor) -> torch.Tensor:
        return target_values("expr", x, (-1.0, 1.0), "x**3", finite=False)

    assert math.isnan(derivatives_at(cube, 0.0, 5)[5])
    taylor = taylor_polynomial(Settings(target="expr", expr="x**3", degree=6, xmin=-1.0, xmax=1.0))
    np.testing.assert_array_equal(taylor.coefficients, [0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0])


def test_derivatives_at_are_autograds_exact_values():
    assert derivatives_at(torch.exp, 0.5, 6) == pytest.approx([math.exp(0.5)] * 7, rel=1e-15)
    assert derivatives_at(torch.sin, 0.0, 5) == pytest.approx([0, 1, 0, -1, 0, 1], abs=1e-15)
    assert derivatives_at(lambda x: x**3, 2.0, 5) == [8.0, 12.0, 12.0, 6.0, 0.0, 0.0]
    assert derivatives_at(lambda x: torch.full_like(x, 7.0), 1.0, 2) == [7.0, 0.0, 0.0]  # no graph at all
    assert derivatives_at(torch.abs, 0.0, 1) == [0.0, 0.0]  # autograd alone sees no kink in |x|


@pytest.mark.parametrize("target, reason, order", [("abs", "taylor.reason_kink", 1),
                                                   ("sign", "taylor.reason_jump", None)])
def test_abs_and_sign_have_no_series_at_0(target, reason, order):
    taylor = taylor_polynomial(Settings(target=target, degree=4))
    assert taylor.coefficients is None and taylor.loss is None
    assert taylor.problem.key == "taylor.no_series"
    assert taylor.problem.values["centre"] == "0"
    assert taylor.problem.values["target"] == {"abs": "|x|", "sign": "sign(x)"}[target]
    assert taylor.problem.values["reason"].key == reason
    assert taylor.problem.values["reason"].values.get("order") == order
    korean = taylor.problem.in_("ko")
    assert "테일러 급수가 없습니다" in korean and ("1계 도함수" in korean) == (order == 1)


@pytest.mark.parametrize("expr, reason, order", [
    ("x*abs(x)", "taylor.reason_kink", 2), ("abs(x)**3", "taylor.reason_kink", 3),
    ("floor(x)", "taylor.reason_jump", None), ("sign(x)**2", "taylor.reason_jump", None),
    ("1/x", "taylor.reason_infinite", 0), ("sqrt(abs(x))", "taylor.reason_infinite", 1),
    ("x + 0.001*abs(x)", "taylor.reason_kink", 1),
])
def test_typed_targets_without_a_series_name_the_lowest_order_at_fault(expr, reason, order):
    problem = taylor_polynomial(Settings(target="expr", expr=expr, degree=5, xmin=-1.0, xmax=1.0)).problem
    assert problem.values["reason"].key == reason
    assert problem.values["reason"].values.get("order") == order


def test_a_kink_away_from_the_centre_is_no_problem():
    abs_off = taylor_polynomial(Settings(target="expr", expr="abs(x - 1)", degree=3))
    np.testing.assert_allclose(abs_off.coefficients, [1.0, -1.0, 0.0, 0.0], atol=1e-15)
    abs_at_1 = taylor_polynomial(Settings(target="abs", degree=3, xmin=0.0, xmax=2.0))  # |x| = x about 1
    np.testing.assert_allclose(abs_at_1.coefficients, [0.0, 1.0, 0.0, 0.0], atol=1e-15)
    assert abs_at_1.loss == pytest.approx(0.0, abs=1e-20)


# Runge's function stops at degree 11: nested autograd's graph grows about 3.5 times per order for it (degree
# 11 takes about a second, degree 15 minutes); at degrees 12 to 15 it was checked by hand (none flagged).
SMOOTH = [(t, d) for t in ("sin", "cos", "exp", "gauss") for d in range(1, 16)]
SMOOTH += [("runge", d) for d in range(1, 12)]


@pytest.mark.parametrize("target, degree", SMOOTH)
@pytest.mark.parametrize("domain", [(-math.pi, math.pi), (0.5, 2.0), (-100.0, 100.0), (-1e-3, 1e-3)])
def test_smooth_targets_always_have_a_series(target, degree, domain):
    settings = Settings(target=target, degree=degree, xmin=domain[0], xmax=domain[1])
    assert taylor_polynomial(settings, run_data(settings.replace(points=10))).problem is None


@pytest.mark.parametrize("expr", ["sin(3*x)", "x**3 - 2*x", "exp(-x**2)", "1/(1 + x**2)", "log(4 + x)"])
def test_smooth_typed_targets_always_have_a_series(expr):
    for degree in range(1, 9):  # a typed 1/(1 + x**2) takes 35 s at degree 11 (torch.pow of two tensors)
        settings = Settings(target="expr", expr=expr, degree=degree)
        assert taylor_polynomial(settings, run_data(settings.replace(points=10))).problem is None, degree


@pytest.mark.parametrize("settings", [Settings(), Settings(loss="mean"), Settings(target="exp", degree=5),
                                      Settings(target="gauss", degree=8, xmin=-1.0, xmax=3.0, loss="mean",
                                               noise=0.1, points=500)])
def test_the_loss_is_the_squared_error_on_the_training_samples(settings):
    samples = make_dataset(settings)
    x, y = samples.x.double().numpy(), samples.y.double().numpy()
    taylor = taylor_polynomial(settings)
    errors = Polynomial(taylor.coefficients)(x) - y
    expected = np.sum(errors**2) / (len(y) if settings.loss == "mean" else 1)
    assert taylor.loss == pytest.approx(expected, rel=1e-9)
    assert taylor_polynomial(settings, run_data(settings)).loss == taylor.loss


def test_the_best_cubic_for_sin_is_not_its_taylor_cubic():
    # The tutorial's settings: the Taylor cubic x − x³/6 has loss 805.38 on the 2000 samples, the
    # least-squares cubic (0.857x − 0.0933x³) 8.817, about 91 times less: x − x³/6 is −2.03 at π.
    settings = Settings()
    taylor = taylor_polynomial(settings)
    np.testing.assert_allclose(taylor.coefficients, [0.0, 1.0, 0.0, -1 / 6], atol=1e-15)
    optimum = analyse(settings).optimum_loss
    assert taylor.loss == pytest.approx(805.38, abs=0.01)
    assert taylor.loss / optimum > 10


def test_derivatives_that_would_overrun_the_budget_stop_at_a_lower_degree_and_say_so():
    settings = Settings(target="runge", degree=15)  # each order's graph some 3.5 times the last's
    cut = taylor_polynomial(settings, budget_s=0.5)  # the page's: a minute and 3.9 GB at full degree
    assert cut.degree is not None and 4 <= cut.degree < 15
    assert cut.notice is not None and cut.notice.key == "taylor.cut"
    assert f"degree {cut.degree}, not 15" in cut.notice
    assert cut.notice.in_("ko").endswith(f"{cut.degree}차입니다.")
    in_x = [(-25 / math.pi**2) ** (k // 2) if k % 2 == 0 else 0.0 for k in range(cut.degree + 1)]
    np.testing.assert_allclose(cut.coefficients, in_x, rtol=1e-10, atol=1e-12)
    assert taylor_polynomial(Settings(degree=3), budget_s=0.0).degree == 0  # no time: the value alone
    assert taylor_polynomial(Settings(degree=15), budget_s=0.5).notice is None  # sin's stay small
