"""The polynomial as a reader sees it: y = c0 + c1 x + c2 x² + …, one notation for every number.

In LaTeX below the chart and in plain text in every frame of it. Numbers from 0.001 up to 10,000 are
written as decimals with three significant digits, all others as m × 10ⁿ. A term too small to matter
anywhere on the domain (a float32 run leaves 10⁻¹⁶ where an odd target wants 0) is left out, and
`left_out` names it, so the page can say so. Long polynomials are broken into lines of a few terms.
Only numpy: the figure uses this too.
"""
from __future__ import annotations

import functools
import math
from typing import Iterable, NamedTuple

import numpy as np

NEGLIGIBLE = 1e-6  # a term under this share of the largest term, everywhere on the domain, is ≈ 0
TERMS_PER_LINE = 4  # below the chart: four terms fit a 1024-pixel screen with the sidebar open
SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


class Term(NamedTuple):
    power: int
    value: float


def terms(coefficients: np.ndarray,
          domain: tuple[float, float] = (-1.0, 1.0)) -> tuple[list[Term], list[int]]:
    """The terms worth writing, and the powers left out because they are ≈ 0 on the whole domain."""
    c = np.asarray(coefficients, dtype=np.float64)
    kept = kept_terms(c[None, :], domain)[0]
    return ([Term(int(k), float(c[k])) for k in np.flatnonzero(kept)],
            [int(k) for k in np.flatnonzero(~kept)])


def kept_terms(coefficients: np.ndarray, domain: tuple[float, float]) -> np.ndarray:
    """For each row of coefficients, which terms are worth writing: all of a diverging run's (whatever is
    there), else those over NEGLIGIBLE of the row's largest term somewhere on the domain."""
    c = np.asarray(coefficients, dtype=np.float64)
    reach = max(abs(domain[0]), abs(domain[1]))
    with np.errstate(over="ignore", invalid="ignore"):
        size = np.abs(c) * reach ** np.arange(c.shape[-1])
        largest = size.max(axis=-1, keepdims=True)
        kept = (size > NEGLIGIBLE * largest) & (largest > 0)
    return np.where(np.isfinite(size).all(axis=-1, keepdims=True), kept, True)


def mantissa_exponent(value: float, digits: int = 3) -> tuple[str, int | None]:
    """|value| as (digits, None) when written as a decimal, else (mantissa, exponent of ten).

    One correctly rounded formatting gives both: "2.89e+03" is 2890 (the decimal's digits, their point
    moved), "1.23e-07" stays a power of ten. The chart writes some thousand numbers a run this way.
    """
    size = abs(value)
    if size == 0 or not math.isfinite(size):
        return ("0" if size == 0 else str(size)), None
    mantissa, exponent_text = f"{size:.{digits - 1}e}".split("e")
    exponent = int(exponent_text)
    if not -3 <= exponent <= 3:  # the rounded value is under 0.001, or 10,000 and over
        return mantissa, exponent
    figures = mantissa.replace(".", "")
    if exponent >= digits - 1:  # a whole number: 2890
        return figures + "0" * (exponent - digits + 1), None
    point = exponent + 1  # the digits before the decimal point (0.0123 has none, and a zero after it)
    decimal = figures[:point] + "." + figures[point:] if point > 0 else "0." + "0" * -point + figures
    return _trimmed(decimal), None


def _trimmed(decimal: str) -> str:
    return decimal.rstrip("0").rstrip(".") if "." in decimal else decimal


def format_number(value: float, digits: int = 3) -> str:
    """A number in LaTeX: 3.14, 2890, -2.50 \\times 10^{-7}."""
    digits_text, exponent = mantissa_exponent(value, digits)
    sign = "-" if value < 0 else ""
    return sign + (digits_text if exponent is None else rf"{digits_text} \times 10^{{{exponent}}}")


def format_text(value: float, digits: int = 3) -> str:
    """The same number in plain text: 3.14, 2890, −2.50×10⁻⁷ (its sign left to the caller when positive)."""
    digits_text, exponent = mantissa_exponent(value, digits)
    sign = "−" if value < 0 else ""
    return sign + (digits_text if exponent is None
                   else f"{digits_text}×10{str(exponent).translate(SUPERSCRIPTS)}")


@functools.cache
def _decimal_texts() -> tuple[str, ...]:
    """format_text of each three-digit decimal from 0.00100 to 9990, at (exponent + 3) * 1000 + digits."""
    return tuple(format_text(float(f"{m}e{e - 2}")) if m >= 100 else ""
                 for e in range(-3, 4) for m in range(1000))


def rounded_digits(values: np.ndarray, digits: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every value rounded to `digits` significant digits in one numpy pass: (whole, places, power, sure).

    Each value is scaled by `power`, an exact double (10^±22 at most), to `digits` digits before the point
    (times 10^places: divided where places is negative) and rounded to the whole number `whole`. Where `sure`,
    that is the decimal rounding of the value itself: the scaled value is not within rounding error of a half
    (10⁻⁶), it has `digits` digits (not one more or less at a power of ten), and there are at most 15 of them,
    where a double's own rounding error reaches the half. Elsewhere (zero, not finite, a scale out of range)
    the caller writes the value as text instead.
    """
    v = np.asarray(values, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        places = digits - 1 - np.floor(np.log10(np.abs(v)))
        exact = np.isfinite(places) & (np.abs(places) <= 22)
        power = 10.0 ** np.abs(np.where(exact, places, 0))
        scaled = np.where(places >= 0, v * power, v / power)
        whole = np.round(scaled)
        sure = (exact & (digits <= 15) & (np.abs(np.abs(scaled - whole) - 0.5) > 1e-6)
                & (np.abs(whole) >= 10.0 ** (digits - 1)) & (np.abs(whole) < 10.0**digits))
    return whole, places, power, sure


def magnitude_texts(values: np.ndarray) -> list[str]:
    """format_text(|v|) of every value (row by row), as one numpy pass and a table: a run's frames write some
    thousand numbers, which one by one took most of the time of the chart's data. Where the rounding to three
    digits is sure (rounded_digits) and the exponent a decimal's, the digits and exponent pick the text; any
    other value is written by format_text itself."""
    v = np.abs(np.asarray(values, dtype=np.float64)).ravel()
    whole, places, _, sure = rounded_digits(v, 3)
    with np.errstate(invalid="ignore"):
        exponent = 2 - places
        sure &= (exponent >= -3) & (exponent <= 3)
        index = np.where(sure, (exponent + 3) * 1000 + whole, -1).astype(np.int64).tolist()
    table = _decimal_texts()
    return [table[i] if i >= 0 else format_text(x) for i, x in zip(index, v.tolist())]


def _lines(pieces: list[str], per_line: int) -> list[list[str]]:
    return [pieces[i : i + per_line] for i in range(0, len(pieces), per_line)] or [["0"]]


def equation_latex(coefficients: np.ndarray, domain: tuple[float, float] = (-1.0, 1.0),
                   per_line: int = TERMS_PER_LINE) -> str:
    """y = c0 + c1 x + c2 x² …, each sign written once: `- 0.0906x^{3}`, never `+ -0.0906x^{3}`."""
    pieces = []
    for term in terms(coefficients, domain)[0]:
        monomial = "" if term.power == 0 else ("x" if term.power == 1 else f"x^{{{term.power}}}")
        magnitude = format_number(abs(term.value)) + monomial
        pieces.append(("-" if term.value < 0 else "") + magnitude if not pieces
                      else f"{'-' if term.value < 0 else '+'} {magnitude}")
    lines = [" ".join(line) for line in _lines(pieces, per_line)]
    if len(lines) == 1:
        return "y = " + lines[0]
    return r"\begin{aligned} y = {} & " + r" \\ & ".join(lines) + r" \end{aligned}"


def equation_text(coefficients: np.ndarray, domain: tuple[float, float] = (-1.0, 1.0),
                  per_line: int = TERMS_PER_LINE) -> list[str]:
    """The same equation in plain text, one string per line:
    ["y = 0.0586 + 0.837x − 0.0101x²", "− 0.0906x³"]."""
    kept = terms(coefficients, domain)[0]
    return _text_lines([(t.power, t.value, format_text(abs(t.value))) for t in kept], per_line)


def frame_equations(coefficients: np.ndarray, domain: tuple[float, float],
                    per_line: int = TERMS_PER_LINE) -> list[list[str]]:
    """equation_text of each row (each frame of a run), its terms chosen and its numbers written for all
    rows in one pass."""
    c = np.asarray(coefficients, dtype=np.float64)
    kept, written = kept_terms(c, domain).tolist(), magnitude_texts(c)
    width = c.shape[-1]
    return [_text_lines([(k, v, written[row * width + k]) for k, (v, keep) in enumerate(zip(values, keeps))
                         if keep], per_line)
            for row, (values, keeps) in enumerate(zip(c.tolist(), kept))]


@functools.cache
def monomial_text(power: int) -> str:
    """"", "x", "x²", "x¹⁵"."""
    return "" if power == 0 else "x" + (str(power).translate(SUPERSCRIPTS) if power > 1 else "")


def _text_lines(kept: Iterable[tuple[int, float, str]], per_line: int) -> list[str]:
    """The terms (power, value, |value| written) as lines of text."""
    pieces = []
    for power, value, magnitude in kept:
        term = magnitude + monomial_text(power)
        if pieces:
            pieces.append(("− " if value < 0 else "+ ") + term)
        else:
            pieces.append("−" + term if value < 0 else term)
    lines = [" ".join(line) for line in _lines(pieces, per_line)]
    return ["y = " + lines[0], *lines[1:]]


def left_out(coefficients: np.ndarray, domain: tuple[float, float]) -> str:
    """The monomials left out as ≈ 0, such as "x², x⁴" ("" when none)."""
    return ", ".join(monomial_text(k) or "1" for k in terms(coefficients, domain)[1])
