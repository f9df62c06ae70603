"""The polynomial written out: one notation for every number, terms ≈ 0 left out and named, long ones
wrapped."""
import math
import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from components.views.equation import (
    NEGLIGIBLE,
    equation_latex,
    equation_text,
    format_number,
    format_text,
    frame_equations,
    left_out,
    magnitude_texts,
    mantissa_exponent,
    terms,
)

COEFFICIENT_ROWS = hnp.arrays(np.float64, st.tuples(st.integers(1, 12), st.integers(1, 16)),
                              elements=st.one_of(st.floats(-1e12, 1e12), st.floats(-1e-12, 1e-12),
                                                 st.sampled_from([0.0, np.nan, np.inf, -np.inf, 1e308])))
DOMAINS = st.sampled_from([(-1.0, 1.0), (-math.pi, math.pi), (0.0, 1e3), (-1e-3, 2e-3), (1990.0, 2030.0)])


def test_numbers_are_decimals_up_to_ten_thousand_and_powers_of_ten_beyond():
    assert [format_number(v) for v in (3.14159, 2890.4, 0.00123, 1.5, 2.0, -0.0906)] == [
        "3.14", "2890", "0.00123", "1.5", "2", "-0.0906"]
    assert (format_number(2.22e5) == r"2.22 \times 10^{5}"
            and format_number(-2.5e-7) == r"-2.50 \times 10^{-7}")
    assert (format_text(2.22e5) == "2.22×10⁵" and format_text(-2.5e-7) == "−2.50×10⁻⁷"
            and format_text(9999.7) == "1.00×10⁴")


def rounded_then_written(value: float, digits: int) -> tuple[str, int | None]:
    """The notation's rule, the long way: round to `digits` significant digits; from 0.001 up to 10,000 write
    that rounded value as a decimal with as many places as its digits need, else as m × 10ⁿ."""
    rounded = float(f"{abs(value):.{digits}g}")
    if 1e-3 <= rounded < 1e4:
        places = max(0, digits - 1 - math.floor(math.log10(rounded)))
        decimal = f"{rounded:.{places}f}"
        return (decimal.rstrip("0").rstrip(".") if "." in decimal else decimal), None
    mantissa, exponent = f"{abs(value):.{digits - 1}e}".split("e")
    return mantissa, int(exponent)


# the edges of the decimals and the ties of rounding, where a shortcut would slip
EDGES = st.builds(lambda m, e: m * 10.0 ** e,
                  st.sampled_from([1, 9.995, 9.9949, 9.9951, 0.9995, 1.005, 99.95, 999.5, 9999.5, 1.2345]),
                  st.integers(-8, 8))


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.floats(1e-300, 1e300), st.floats(-1e6, 1e6), EDGES).filter(lambda v: v != 0),
       st.integers(1, 5))
def test_a_number_is_written_as_its_rounded_value(value, digits):
    assert mantissa_exponent(value, digits) == rounded_then_written(value, digits)


@settings(max_examples=300, deadline=None)
@given(hnp.arrays(np.float64, st.integers(1, 40),
                  elements=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.floats(-1e5, 1e5),
                                     EDGES, st.sampled_from([0.0, -0.0, 999.5, 0.0009995, 9995.0, 1e-3]),
                                     # 0.1005, 10.05: a half in decimal, a scaled float on the half or by it
                                     st.builds(lambda m, e: float(f"{m}5e{e}"), st.integers(100, 999),
                                               st.integers(-8, 4)))))
def test_numbers_written_in_one_pass_are_each_written_alone(values):
    assert magnitude_texts(values) == [format_text(abs(v)) for v in values.tolist()]
    assert magnitude_texts(values.reshape(1, -1)) == magnitude_texts(values)  # row by row


def test_a_degree_15_equation_uses_one_notation():
    rng = np.random.default_rng(0)
    coefficients = rng.standard_normal(16) * 10.0 ** rng.uniform(-4, 6, 16)
    latex = equation_latex(coefficients, (-1, 1))
    assert "e+" not in latex and "e-" not in latex  # never 2.89e+03 beside 2.22×10⁵
    for number in re.findall(r"(\d[\d.]*)(?: \\times 10\^\{(-?\d+)\})?", latex.replace("x^{", "x^")):
        digits, exponent = number
        value = float(digits) * 10.0 ** int(exponent or 0)
        assert (1e-3 <= value < 1e4) == (exponent == ""), number


def test_terms_too_small_to_matter_on_the_domain_are_left_out_and_named():
    # What a float32 fit of sin leaves: even terms of 10⁻¹⁶ beside odd terms of order one.
    coefficients = np.array([1e-16, 0.857, 0.0, -0.0933, 2e-17])
    kept, dropped = terms(coefficients, (-math.pi, math.pi))
    assert [t.power for t in kept] == [1, 3] and dropped == [0, 2, 4]
    assert equation_latex(coefficients, (-math.pi, math.pi)) == "y = 0.857x - 0.0933x^{3}"
    assert left_out(coefficients, (-math.pi, math.pi)) == "1, x², x⁴"
    assert "+0" not in equation_text(coefficients, (-math.pi, math.pi))[0]
    # The domain decides: 10⁻⁴ x⁴ is nothing on [-1, 1] beside 10³ but matters on [-100, 100].
    assert terms(np.array([1e3, 0, 0, 0, 1e-4]), (-1, 1))[1] == [1, 2, 3, 4]
    assert [t.power for t in terms(np.array([1e3, 0, 0, 0, 1e-4]), (-100, 100))[0]] == [0, 4]


def test_a_long_equation_is_wrapped_a_few_terms_to_a_line():
    coefficients = np.arange(1.0, 14.0)  # degree 12, every term kept
    latex = equation_latex(coefficients, (-1, 1), per_line=4)
    assert latex.startswith(r"\begin{aligned} y = {} & 1 + 2x") and latex.count(r"\\") == 3
    lines = equation_text(coefficients, (-1, 1), per_line=4)
    assert len(lines) == 4 and lines[0] == "y = 1 + 2x + 3x² + 4x³" and lines[-1] == "+ 13x¹²"
    assert equation_latex(np.zeros(4)) == "y = 0"


def kept_one_row(c: np.ndarray, domain: tuple[float, float]) -> list[int]:
    """The rule terms() follows, written for one row: every power if any term is not finite, else those over
    NEGLIGIBLE of the largest somewhere on the domain."""
    reach = max(abs(domain[0]), abs(domain[1]))
    with np.errstate(over="ignore", invalid="ignore"):
        size = np.abs(c) * reach ** np.arange(len(c))
    if not np.isfinite(size).all():
        return list(range(len(c)))
    return [k for k in range(len(c)) if size.max() > 0 and size[k] > NEGLIGIBLE * size.max()]


@settings(max_examples=200, deadline=None)
@given(COEFFICIENT_ROWS, DOMAINS, st.sampled_from([3, 4]))
def test_every_frames_equation_at_once_is_each_frames_own(rows, domain, per_line):
    assert frame_equations(rows, domain, per_line) == [equation_text(row, domain, per_line) for row in rows]
    for row in rows:
        kept, dropped = terms(row, domain)
        assert [t.power for t in kept] == kept_one_row(row, domain)
        assert sorted([t.power for t in kept] + dropped) == list(range(len(row)))
