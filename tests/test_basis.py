import math

import numpy as np
import pytest
import torch
from numpy.polynomial import polynomial as P

from components.problem.basis import features_of, to_power_matrix

DOMAINS = [(-math.pi, math.pi), (-1.0, 3.0), (0.5, 2.0)]


@pytest.mark.parametrize("basis", ["power", "scaled", "legendre"])
@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("degree", [1, 3, 8])
def test_basis_coefficients_convert_to_the_same_polynomial_in_powers_of_x(basis, domain, degree):
    x = torch.linspace(*domain, 501, dtype=torch.float64)
    w = np.random.default_rng(degree).normal(size=degree + 1)
    in_basis = features_of(x, basis, degree, domain).T.numpy() @ w
    in_powers = P.polyval(x.numpy(), to_power_matrix(basis, degree, domain) @ w)
    assert np.allclose(in_basis, in_powers, rtol=1e-9, atol=1e-9 * np.abs(in_powers).max())


@pytest.mark.parametrize("domain", DOMAINS)
def test_one_polynomial_reported_in_three_bases_evaluates_identically(domain):
    degree = 5
    x = torch.linspace(*domain, 400, dtype=torch.float64)
    power = np.array([0.3, -1.2, 0.5, 0.25, -0.1, 0.02])
    reports = {}
    for basis in ("power", "scaled", "legendre"):
        # the same polynomial in this basis
        w = np.linalg.solve(to_power_matrix(basis, degree, domain), power)
        reports[basis] = features_of(x, basis, degree, domain).T.numpy() @ w
    scale = np.abs(reports["power"]).max()
    assert np.allclose(reports["power"], reports["scaled"], rtol=0, atol=1e-6 * scale)
    assert np.allclose(reports["power"], reports["legendre"], rtol=0, atol=1e-6 * scale)


def test_legendre_features_are_the_legendre_polynomials_of_the_scaled_x():
    x = torch.linspace(-2.0, 4.0, 7, dtype=torch.float64)
    u = (2 * x - 2.0) / 6.0
    rows = features_of(x, "legendre", 4, (-2.0, 4.0))
    assert (torch.allclose(rows[2], (3 * u**2 - 1) / 2)
            and torch.allclose(rows[4], (35 * u**4 - 30 * u**2 + 3) / 8))


def test_power_features_are_computed_as_the_tutorial_writes_them():
    x = torch.linspace(-math.pi, math.pi, 2000)
    rows = features_of(x, "power", 3, (-math.pi, math.pi))
    assert torch.equal(rows[1], x) and torch.equal(rows[2], x**2) and torch.equal(rows[3], x**3)
