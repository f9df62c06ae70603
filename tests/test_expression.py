"""The typed target formula: values against torch, every forbidden construct refused with its position, and
property tests that random text and random syntax trees never get past the whitelist."""
from __future__ import annotations

import ast
import dataclasses
import math
import re
import warnings

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.problem.targets import target_values
from components.state.errors import SettingError
from components.state.expression import (
    ALLOWED_NODES,
    CONSTANTS,
    EXPRESSION_HELP,
    FUNCTIONS,
    MAX_DEPTH,
    MAX_LENGTH,
    VARIABLES,
    Expression,
    check_finite,
    evaluate,
    parse_expression,
)

DOMAIN = (-2.0, 4.0)  # not symmetric, so u differs from x
X = torch.linspace(-2.0, 4.0, 61, dtype=torch.float64)
U = (2 * X - 2.0) / 6.0
GRID = torch.linspace(-2.0, 2.0, 9, dtype=torch.float64)  # small, for the property tests


def values(text: str, x: torch.Tensor = X, domain: tuple[float, float] = DOMAIN) -> torch.Tensor:
    return evaluate(parse_expression(text), x, domain)


def assert_whitelisted(expression: Expression) -> None:
    """Every node is a whitelisted type, every name known, every call to a whitelisted function."""
    for node in ast.walk(expression.tree):
        assert isinstance(node, ALLOWED_NODES), ast.dump(node)
        if isinstance(node, ast.Name):
            assert node.id in (*VARIABLES, *CONSTANTS, *FUNCTIONS), node.id
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS and len(node.args) == 1
            assert not node.keywords
        if isinstance(node, ast.Constant):
            assert type(node.value) in (int, float)


@pytest.mark.parametrize("text, expected", [
    ("sin(3*x) + 0.5*x", torch.sin(3 * X) + 0.5 * X),
    ("exp(-u**2)", torch.exp(-(U**2))),
    ("abs(x)**0.5", torch.abs(X) ** 0.5),
    ("1/(1+25*u**2)", 1 / (1 + 25 * U**2)),
    ("-x**2", -(X**2)),  # ** binds tighter than unary minus, as in Python and in maths
    ("2**-1", torch.full_like(X, 0.5)),
    ("pi*x", math.pi * X),
    ("e", torch.full_like(X, math.e)),
    ("3", torch.full_like(X, 3.0)),
    ("  x / 4 - +u", X / 4 - U),
])
def test_values_match_torch(text, expected):
    result = values(text)
    assert result.shape == X.shape and result.dtype == X.dtype
    torch.testing.assert_close(result, expected)


def test_minus_binds_looser_than_power():
    assert bool((values("-x**2") <= 0).all()) and bool((values("(-x)**2") >= 0).all())


def test_constants_broadcast_to_the_shape_dtype_and_device_of_x():
    x = torch.arange(12, dtype=torch.float32).reshape(3, 4)
    for text in ("3", "pi", "2**-1", "e + 1"):
        result = evaluate(parse_expression(text), x, (0.0, 11.0))
        assert result.shape == (3, 4) and result.dtype == torch.float32 and result.device == x.device


def test_x_alone_is_a_copy_not_the_callers_tensor():
    x = GRID.clone()
    result = evaluate(parse_expression("x"), x, (-2.0, 2.0))
    result[0] = 100.0
    assert x[0] == -2.0


def test_the_built_in_targets_written_as_formulas_give_the_same_values():
    for name, text in {"sin": "sin(x)", "cos": "cos(x)", "exp": "exp(x)", "abs": "abs(x)", "sign": "sign(x)",
                       "gauss": "exp(-8*u**2)", "runge": "1/(1+25*u**2)"}.items():
        torch.testing.assert_close(values(text), target_values(name, X, DOMAIN))


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_function_matches_numpy(name):
    reference = {"asin": np.arcsin, "acos": np.arccos, "atan": np.arctan}.get(name) or getattr(np, name)
    x = torch.linspace(0.05, 0.95, 19, dtype=torch.float64)
    np.testing.assert_allclose(evaluate(parse_expression(f"{name}(x)"), x, (0.0, 1.0)).numpy(),
                               reference(x.numpy()))


def test_expressions_are_frozen_and_equal_by_text():
    a, b = parse_expression("sin(x)"), parse_expression("sin(x)")
    assert a == b and hash(a) == hash(b) and a != parse_expression("sin(x) ")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.text = "x"  # type: ignore[misc]


def test_help_is_one_line_naming_every_function():
    assert "\n" not in EXPRESSION_HELP and "x" in EXPRESSION_HELP and "pi" in EXPRESSION_HELP
    assert all(name in EXPRESSION_HELP for name in FUNCTIONS if not name.startswith("arc"))


@pytest.mark.parametrize("text, problem, position", [
    ("__import__('os')", "'__import__' cannot be called", 1),
    ("os.system('ls')", "attribute access ('.') is not allowed", 3),
    ("x.__class__", "attribute access ('.') is not allowed", 2),
    ("x[0]", "indexing ('[...]') is not allowed", 2),
    ("(lambda: 1)()", "lambda is not allowed", 2),
    ("[x for x in y]", "comprehensions are not allowed", 1),
    ("x if x else 1", "if-else expressions are not allowed", 3),
    ("x < 1", "comparisons are not allowed", 3),
    ("x and 1", "'and' and 'or' are not allowed", 3),
    ("not x", "'not' is not allowed", 1),
    ("x % 2", "'%' is not allowed", 3),
    ("(x) ^ 2", "'^' (use ** for powers) is not allowed", 5),
    ("open('f')", "'open' cannot be called", 1),
    ("eval('1')", "'eval' cannot be called", 1),
    ("1(2)", "only functions can be called", 1),
    ("sin(x, 2)", "extra argument to sin()", 8),
    ("sin()", "sin() without an argument", 1),
    ("sin(x=1)", "keyword arguments are not allowed", 5),
    ("sin(*x)", "'*' unpacking is not allowed", 5),
    ("sin + 1", "function 'sin' used without brackets", 1),
    ("'abc'", "strings are not allowed", 1),
    ("f'{x}'", "f-strings are not allowed", 1),
    ("1j", "complex numbers ('j') are not allowed", 1),
    ("True", "True is not allowed", 1),
    ("None", "None is not allowed", 1),
    ("(x, 1)", "tuples (',') are not allowed", 1),
    ("x ** x", "'**' exponent must be a plain number", 6),
    ("e**x", "'**' exponent must be a plain number", 4),
    ("x**2**0.5", "'**' exponent must be a plain number", 4),  # right-associative: the exponent is 2**0.5
    ("x ** 100", "'**' exponent too large (at most 10)", 6),
    ("x ** -11", "'**' exponent too large (at most 10)", 6),
    ("10000000", "number too large (at most 1,000,000 in size)", 1),
    ("x + 1e7", "number too large (at most 1,000,000 in size)", 5),
    ("1e999", "number too large", 1),
    ("x + os", "unknown name 'os'", 5),
    ("ｓｉｎ(x) + os", "unknown name 'os'", 10),  # fullwidth letters: 3 bytes each, one character each
    ("x + $", "invalid syntax", 5),
    ("   x + $", "invalid syntax", 8),  # the leading spaces count
    ("x +\n1", "non-printable character '\\n'", 4),
    ("x # comment", "'#' is not allowed", 3),
    ("x\\", "'\\\\' is not allowed", 2),
    ("1if x else 2", "'if' written straight after the number '1'", 2),
    ("x + 1e5or 2", "'or' written straight after the number '1e5'", 8),
    ("x1if", "unknown name 'x1if'", 1),  # a digit inside a name is no number
    ("x.5if 1 else 2", "'if' written straight after the number '5'", 4),
    ("0xfor", "'or' written straight after the number '0xf'", 4),
    ("2sin(x)", "invalid decimal literal", 1),
    ("-" * (MAX_DEPTH + 5) + "x", f"nested more than {MAX_DEPTH} deep", MAX_DEPTH + 1),
])
def test_a_forbidden_construct_is_named_with_its_position(text, problem, position):
    with pytest.raises(SettingError) as caught:
        parse_expression(text)
    message = str(caught.value)
    assert message.startswith("expr: ") and caught.value.name == "expr" and caught.value.value == text
    assert problem in message and f"at position {position};" in message, message


@pytest.mark.parametrize("text, problem", [
    ("", "not an empty text"), ("   ", "not an empty text"), ("x +", "invalid syntax at the end"),
    ("sin(", "'(' was never closed"), ("3x", "put * between a number and a name, like 3*x"),
    ("x" * (MAX_LENGTH + 1), f"at most {MAX_LENGTH} characters, got 201"),
    ("(" * 100 + "x" + ")" * 100, "at most 200 characters"), ("x\x00", "non-printable"),
    ("\ud800", "non-printable"), (None, "text such as"),
])
def test_empty_long_and_broken_texts_are_refused(text, problem):
    with pytest.raises(SettingError, match="^expr: ") as caught:
        parse_expression(text)  # type: ignore[arg-type]
    assert problem in str(caught.value)


def test_the_limits_are_exactly_where_they_say():
    assert parse_expression("x" + " " * (MAX_LENGTH - 1)).text.startswith("x")
    for wrap in ("sin({})", "-{}", "({}) * 2"):
        deepest = "x"
        for _ in range(MAX_DEPTH - 1):  # x is one level deep, each wrapper adds one
            deepest = wrap.format(deepest)
        parse_expression(deepest)
        with pytest.raises(SettingError, match="nested more than"):
            parse_expression(wrap.format(deepest))
    parse_expression("x ** 10 + x ** -10 + 1000000 + 1e-300")


def test_check_finite_names_the_first_x_where_the_value_is_not_finite():
    x = torch.linspace(-math.pi, math.pi, 101)
    with pytest.raises(SettingError, match=r"not finite \(nan\) at x = -3\.14159 \(e\.g\. log of a negative"):
        check_finite(parse_expression("log(x)"), x, (-math.pi, math.pi))
    grid = torch.linspace(-2.0, 2.0, 5)
    assert 0.0 in grid.tolist()
    with pytest.raises(SettingError, match=r"not finite \(inf\) at x = 0 "):
        check_finite(parse_expression("1/x"), grid, (-2.0, 2.0))
    with pytest.raises(SettingError, match=r"at x = -2 "):
        check_finite(parse_expression("0/0 + x"), grid, (-2.0, 2.0))


def test_check_finite_passes_finite_values_through_in_the_dtype_of_x():
    expression = parse_expression("exp(100*u)")  # e**100 overflows float32 but not float64
    x64 = torch.linspace(0.0, 1.0, 11, dtype=torch.float64)
    torch.testing.assert_close(check_finite(expression, x64, (0.0, 1.0)),
                               evaluate(expression, x64, (0.0, 1.0)))
    with pytest.raises(SettingError, match="at x = 1 "):
        check_finite(expression, x64.float(), (0.0, 1.0))


def test_evaluate_refuses_a_tree_that_did_not_come_from_parse_expression():
    for text in ("open('f')", "x.real", "[x][0]", "boom(x)", "sin(x, x)"):
        with pytest.raises(SettingError, match="made by parse_expression"):
            evaluate(Expression(text, ast.parse(text, mode="eval")), GRID, (-2.0, 2.0))


def check_parse_and_evaluate(text: str) -> None:
    """parse_expression either returns a whitelisted Expression or raises SettingError, and Python's parser
    prints no warning; evaluating the Expression gives x's shape and dtype; check_finite adds only
    SettingError."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            expression: Expression | None = parse_expression(text)
        except SettingError as error:
            assert str(error).startswith("expr: ")
            expression = None
    assert not caught, [str(warning.message) for warning in caught]
    if expression is None:
        return
    assert_whitelisted(expression)
    result = evaluate(expression, GRID, (-2.0, 2.0))
    assert isinstance(result, torch.Tensor) and result.shape == GRID.shape and result.dtype == GRID.dtype
    try:
        check_finite(expression, GRID, (-2.0, 2.0))
    except SettingError as error:
        assert "not finite" in str(error)


TOKENS = ["x", "u", "pi", "e", "sin", "log", "sqrt", "exp", "abs", "(", ")", "+", "-", "*", "/", "**", " ",
          "2", "0.5", "10", "1e6", "1e7", ".", ",", "[", "]", ":", "=", "<", "'", "j", "if", "else", "and",
          "lambda", "for", "in", "os", "boom", "__import__", "__class__", "{", "}", "@", "%", "~", "not",
          "True", "*x", "é"]


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(max_size=250),
                 st.text(alphabet=st.characters(codec="ascii"), max_size=250),
                 st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)))
def test_random_text_is_an_expression_or_a_setting_error_and_nothing_else(text):
    check_parse_and_evaluate(text)


# Random syntax trees as (source, has a forbidden construct, depth): depth counts nodes from the top of the
# tree down to the deepest leaf, the same way the parser's limit does. A forbidden piece is one choice in five
# at each node (one strategy, not a one_of, which would flatten it into many equal choices), so that a fair
# share of the trees are wholly allowed and get evaluated.
LEAVES = st.sampled_from([("x", False, 1), ("u", False, 1), ("pi", False, 1), ("e", False, 1),
                          ("2", False, 1), ("0.5", False, 1), ("1000000", False, 1), ("1e-3", False, 1)])
FUNCTION_NAMES = st.sampled_from(sorted(FUNCTIONS))
FORBIDDEN = [  # {a} and {b} are subtrees
    "({a}) ** 11", "({a}) ** -100", "({a}) ** x", "({a}) ** (1/2)", "({a}) % ({b})", "({a}) // ({b})",
    "boom({a})", "open({a})", "exec({a})", "eval({a})", "__import__({a})", "getattr({a}, {b})", "print({a})",
    "({a}).__class__", "({a}).real", "({a}).system", "({a}).__globals__", "({a})[0]", "({a})[{b}:]",
    "(lambda: {a})()", "[{a} for x in x]", "({a}) < ({b})", "({a}) if x else ({b})", "({a}) or ({b})",
    "sin(x={a})", "sin({a}, {b})", "sin(*{a})", "({a}) + boom", "({a}) + os", "({a}) + 's'", "({a}) + True",
    "({a}) + 1j", "({a}) + 1e7", "({a}, {b})", "{{{a}}}",
]


def _combine(children: st.SearchStrategy) -> st.SearchStrategy:
    pair = st.tuples(children, children)
    return st.one_of(
        st.tuples(pair, st.sampled_from("+-*/")).map(lambda p: (
            f"({p[0][0][0]}) {p[1]} ({p[0][1][0]})", p[0][0][1] or p[0][1][1],
            1 + max(p[0][0][2], p[0][1][2]))),
        st.tuples(children, st.integers(-10, 10)).map(  # a negative exponent is a unary minus: one level more
            lambda p: (f"({p[0][0]}) ** {p[1]}", p[0][1], 1 + max(p[0][2], 2 if p[1] < 0 else 1))),
        children.map(lambda c: (f"-({c[0]})", c[1], 1 + c[2])),
        st.tuples(FUNCTION_NAMES, children).map(lambda p: (f"{p[0]}({p[1][0]})", p[1][1], 1 + p[1][2])),
        st.tuples(st.sampled_from(FORBIDDEN), pair).map(
            lambda p: (p[0].format(a=p[1][0][0], b=p[1][1][0]), True, 0)),
    )


TREES = st.recursive(LEAVES, _combine, max_leaves=25)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TREES)
def test_random_trees_parse_exactly_when_everything_in_them_is_allowed(tree):
    source, forbidden, depth = tree
    if forbidden:
        with pytest.raises(SettingError):
            parse_expression(source)  # so nothing like boom(...), open(...) or x.__class__ can reach evaluate
        return
    if len(source) > MAX_LENGTH or depth > MAX_DEPTH:
        with pytest.raises(SettingError, match="characters|nested"):
            parse_expression(source)
        return
    expression = parse_expression(source)
    assert_whitelisted(expression)
    check_parse_and_evaluate(source)


def test_every_formula_the_help_shows_is_in_code_and_its_example_is_accepted():
    for lang in ("en", "ko"):
        help_text = EXPRESSION_HELP.in_(lang)
        outside_code = re.sub(r"`[^`]*`", "", help_text)
        assert not re.search(r"[*_$\\]", outside_code), outside_code  # nothing Markdown would eat
        example = re.findall(r"`([^`]*)`", help_text)[-1]
        assert example == "sin(3*x) + 0.5*x" and parse_expression(example).text == example
