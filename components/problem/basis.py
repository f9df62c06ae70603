"""Features of x for a polynomial, and the conversion of their coefficients to ordinary powers of x.

- `power`:    1, x, x², … (the tutorial's; badly conditioned on [-π, π]);
- `scaled`:   1, u, u², … with u = x mapped onto [-1, 1];
- `legendre`: P0(u), P1(u), P2(u), … (nearly orthogonal on an even grid: well conditioned).
Whatever the basis, `to_power_matrix` turns its coefficients into c0 + c1 x + c2 x² + …
"""
from __future__ import annotations

from math import comb

import numpy as np
import torch
from numpy.polynomial import legendre as np_legendre

from components.state.expression import scaled


def features_of(x: torch.Tensor, basis: str, degree: int, domain: tuple[float, float]) -> torch.Tensor:
    """The feature rows, shape (degree + 1, len(x)): row k is the k-th basis function at every x."""
    u = x if basis == "power" else scaled(x, domain)
    rows = [torch.ones_like(u), u]
    for k in range(2, degree + 1):
        if basis == "legendre":  # Bonnet's recursion: k P_k = (2k - 1) u P_{k-1} - (k - 1) P_{k-2}
            rows.append(((2 * k - 1) * u * rows[k - 1] - (k - 1) * rows[k - 2]) / k)
        else:
            rows.append(u**k)  # x ** k, as the tutorial writes it
    return torch.stack(rows[: degree + 1])


def to_power_matrix(basis: str, degree: int, domain: tuple[float, float]) -> np.ndarray:
    """M (float64) such that M @ basis_coefficients = coefficients of 1, x, x², …"""
    size = degree + 1
    if basis == "power":
        return np.eye(size)
    in_u = np.eye(size)  # columns: each basis function as powers of u
    if basis == "legendre":
        in_u = np.stack([_padded(np_legendre.leg2poly(np.eye(size)[k]), size) for k in range(size)], axis=1)
    return _u_powers_to_x_powers(degree, domain) @ in_u


def _padded(coefficients: np.ndarray, size: int) -> np.ndarray:
    out = np.zeros(size)
    out[: len(coefficients)] = coefficients
    return out


def _u_powers_to_x_powers(degree: int, domain: tuple[float, float]) -> np.ndarray:
    """Column k: u^k = (a x + b)^k expanded by the binomial theorem into powers of x."""
    low, high = domain
    a, b = 2 / (high - low), -(low + high) / (high - low)
    out = np.zeros((degree + 1, degree + 1))
    for k in range(degree + 1):
        for j in range(k + 1):
            out[j, k] = comb(k, j) * a**j * b ** (k - j)
    return out
