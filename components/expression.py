"""A typed target formula such as ``sin(3*x) + 0.5*x``: parsed safely, checked, and evaluated with torch.

The text is only ever read by `ast.parse` (never eval, exec or compile), and every node of the tree is checked
against a small whitelist before anything is evaluated; the evaluator itself knows nothing but the whitelisted
nodes, so a tree that slipped past the check would still fail instead of running. Problems are reported as
`SettingError("expr", text, ...)` naming the problem and its 1-based character position in the text.
"""
from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass, field
from typing import Callable, NoReturn

import torch

from components.settings import SettingError

NAME = "expr"  # the setting name every error carries
MAX_LENGTH = 200  # characters, checked before parsing: it also keeps Python's parser far from its own limits
MAX_DEPTH = 30  # nodes from the top of the tree down to the deepest leaf
MAX_EXPONENT = 10  # in a ** b, b must be a number with |b| <= this
MAX_LITERAL = 1e6  # the largest number that may be typed

VARIABLES = ("x", "u")  # u is x mapped linearly from the domain onto [-1, 1], as for the built-in targets
CONSTANTS: dict[str, float] = {"pi": math.pi, "e": math.e}
FUNCTIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {  # each takes exactly one argument
    "sin": torch.sin, "cos": torch.cos, "tan": torch.tan,
    "arcsin": torch.asin, "asin": torch.asin, "arccos": torch.acos, "acos": torch.acos,
    "arctan": torch.atan, "atan": torch.atan,
    "sinh": torch.sinh, "cosh": torch.cosh, "tanh": torch.tanh,
    "exp": torch.exp, "log": torch.log, "sqrt": torch.sqrt,
    "abs": torch.abs, "sign": torch.sign, "floor": torch.floor, "ceil": torch.ceil,
}
BINARY: dict[type[ast.operator], Callable[[torch.Tensor, torch.Tensor], torch.Tensor]] = {
    ast.Add: torch.add, ast.Sub: torch.sub, ast.Mult: torch.mul, ast.Div: torch.div, ast.Pow: torch.pow,
}
UNARY: dict[type[ast.unaryop], Callable[[torch.Tensor], torch.Tensor]] = {
    ast.USub: torch.neg, ast.UAdd: lambda t: t,
}
# The only node types a checked tree holds (operators and the Load context included).
ALLOWED_NODES: tuple[type[ast.AST], ...] = (
    ast.Expression, ast.Constant, ast.Name, ast.Load, ast.UnaryOp, ast.BinOp, ast.Call, *UNARY, *BINARY,
)

EXPRESSION_HELP = (
    f"Use x, u (x scaled to [-1, 1]), numbers, pi, e, + - * / ** (the exponent a number, at most {MAX_EXPONENT}) "
    f"and {' '.join(name for name in FUNCTIONS if not name.startswith('arc'))} (arcsin etc. too), "
    f"e.g. sin(3*x) + 0.5*x"
)

_GENERAL = "only numbers, x, u, pi, e, + - * / ** and calls such as sin(x)"
_CALLS = f"calls only to {', '.join(FUNCTIONS)}, with one argument each"
_NAMES = "names are x, u (x scaled to [-1, 1]), pi and e"
# A number running straight into a keyword ("1if", "0xfor", "1e5or"); a digit inside a name (x1if) is no number.
_NUMBER_THEN_KEYWORD = re.compile(
    r"(?<!\w)(?:0[xX][\da-fA-F_]+|0[oObB][\d_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)"
    r"(and|else|for|if|in|is|not|or)"
)
_SYMBOLS: dict[type[ast.AST], str] = {
    ast.FloorDiv: "'//'", ast.Mod: "'%'", ast.MatMult: "'@'", ast.BitAnd: "'&'", ast.BitOr: "'|'",
    ast.BitXor: "'^' (use ** for powers)", ast.LShift: "'<<'", ast.RShift: "'>>'", ast.Invert: "'~'",
    ast.Not: "'not'",
}
_FORBIDDEN: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access ('.') is", ast.Subscript: "indexing ('[...]') is", ast.Lambda: "lambda is",
    ast.ListComp: "comprehensions are", ast.SetComp: "comprehensions are", ast.DictComp: "comprehensions are",
    ast.GeneratorExp: "comprehensions are", ast.IfExp: "if-else expressions are", ast.Compare: "comparisons are",
    ast.BoolOp: "'and' and 'or' are", ast.NamedExpr: "':=' is", ast.JoinedStr: "f-strings are",
    ast.Starred: "'*' unpacking is", ast.List: "lists are", ast.Tuple: "tuples (',') are", ast.Set: "sets are",
    ast.Dict: "dicts are", ast.Slice: "slices are", ast.Await: "await is", ast.Yield: "yield is",
    ast.YieldFrom: "yield is",
}


@dataclass(frozen=True)
class Expression:
    """A checked formula; make one with `parse_expression`. Equal (and hashed) by its text alone."""

    text: str
    tree: ast.Expression = field(compare=False, repr=False)


def parse_expression(text: str) -> Expression:
    """The checked formula in `text`; raises SettingError naming the first problem and where it is."""
    if not isinstance(text, str):
        raise SettingError(NAME, text, "text such as sin(3*x) + 0.5*x")
    if len(text) > MAX_LENGTH:
        raise SettingError(NAME, text, f"at most {MAX_LENGTH} characters, got {len(text)}")
    source = text.lstrip(" ")  # Python refuses leading spaces in an expression ("unexpected indent")
    lead = len(text) - len(source)
    if not source.strip():
        raise SettingError(NAME, text, "a formula such as sin(3*x) + 0.5*x, not an empty text")
    for index, char in enumerate(text):
        # One printable line keeps ast's (line, byte column) positions simple to turn into characters. A
        # backslash only means something inside a string, where an unknown escape makes ast.parse warn; a
        # comment would hide text from the check. Strings themselves are refused by the tree check below.
        if not char.isprintable():
            raise SettingError(NAME, text, f"non-printable character {char!r} at position {index + 1}; one line")
        if char in "\\#":
            raise SettingError(NAME, text, f"{char!r} is not allowed at position {index + 1}; {_GENERAL}")
    # A number running straight into one of these words ("1if", "0xfor") makes ast.parse print a SyntaxWarning
    # ("invalid decimal literal") instead of failing; no allowed name holds such a pair, so refuse it first.
    run_together = _NUMBER_THEN_KEYWORD.search(text)
    if run_together:
        number, word = text[run_together.start():run_together.start(1)], run_together.group(1)
        raise SettingError(NAME, text, f"'{word}' written straight after the number {number!r} at position "
                                       f"{run_together.start(1) + 1}; {_GENERAL}")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        offset = error.offset or 0  # characters, 1-based; 0 or None when Python only knows "at the end"
        where = f"position {lead + offset}" if 1 <= offset <= len(source) else "the end"
        hint = "put * between a number and a name, like 3*x" if "literal" in error.msg else _GENERAL
        raise SettingError(NAME, text, f"{error.msg} at {where}; {hint}") from None
    except (ValueError, RecursionError, MemoryError):
        raise SettingError(NAME, text, f"a simpler formula; {_GENERAL}") from None
    _Checker(text, source, lead).check(tree.body, 1)
    return Expression(text, tree)


class _Checker:
    """Walks a parsed tree and raises SettingError at the first node outside the whitelist."""

    def __init__(self, text: str, source: str, lead: int):
        self.text, self.source, self.lead = text, source, lead
        self.data = source.encode("utf-8")  # ast columns count UTF-8 bytes, not characters

    def _char(self, byte_offset: int) -> int:
        return len(self.data[:byte_offset].decode("utf-8", errors="ignore"))

    def at(self, node: ast.AST) -> int:
        """1-based character position where `node` starts."""
        return self.lead + self._char(getattr(node, "col_offset", 0)) + 1

    def after(self, node: ast.AST) -> int:
        """1-based position of the first character after `node` and its closing brackets: an operator, '.', '['."""
        index = self._char(getattr(node, "end_col_offset", 0) or 0)
        while index < len(self.source) and self.source[index] in " )":
            index += 1
        return self.lead + index + 1

    def fail(self, problem: str, position: int, hint: str = _GENERAL) -> NoReturn:
        raise SettingError(NAME, self.text, f"{problem} at position {position}; {hint}")

    def check(self, node: ast.AST, depth: int) -> None:
        if depth > MAX_DEPTH:
            self.fail(f"formula nested more than {MAX_DEPTH} deep", self.at(node), "a simpler formula")
        if isinstance(node, ast.Constant):
            self.check_number(node)
        elif isinstance(node, ast.Name):
            if node.id in FUNCTIONS:
                self.fail(f"function '{node.id}' used without brackets", self.at(node), f"call it, like {node.id}(x)")
            if node.id not in VARIABLES and node.id not in CONSTANTS:
                self.fail(f"unknown name '{node.id}'", self.at(node), _NAMES)
        elif isinstance(node, ast.UnaryOp):
            if type(node.op) not in UNARY:
                self.fail(f"{_SYMBOLS.get(type(node.op), 'this operator')} is not allowed", self.at(node))
            self.check(node.operand, depth + 1)
        elif isinstance(node, ast.BinOp):
            if type(node.op) not in BINARY:
                self.fail(f"{_SYMBOLS.get(type(node.op), 'this operator')} is not allowed", self.after(node.left))
            self.check(node.left, depth + 1)
            if isinstance(node.op, ast.Pow):
                self.check_exponent(node.right)
            self.check(node.right, depth + 1)
        elif isinstance(node, ast.Call):
            self.check_call(node, depth)
        else:
            # Point at the operator where the construct has one, so "x.__class__" points at the '.'.
            first = {ast.Attribute: "value", ast.Subscript: "value", ast.Compare: "left", ast.IfExp: "body",
                     ast.NamedExpr: "target"}.get(type(node))
            if isinstance(node, ast.BoolOp):
                position = self.after(node.values[0])
            else:
                position = self.after(getattr(node, first)) if first else self.at(node)
            self.fail(f"{_FORBIDDEN.get(type(node), type(node).__name__ + ' is')} not allowed", position)

    def check_number(self, node: ast.Constant) -> None:
        value = node.value
        if type(value) not in (int, float):  # bool is an int to Python, but True is no number here
            kind = {complex: "complex numbers ('j') are", str: "strings are", bytes: "bytes are"}.get(type(value))
            self.fail(f"{kind or repr(value) + ' is'} not allowed", self.at(node))
        if not (math.isfinite(value) and abs(value) <= MAX_LITERAL):  # ints compare exactly, however long
            self.fail(f"number too large (at most {MAX_LITERAL:,.0f} in size)", self.at(node))

    def check_exponent(self, node: ast.expr) -> None:
        """Only a typed number, perhaps signed, may be an exponent: it keeps powers small and easy to check."""
        number = node.operand if isinstance(node, ast.UnaryOp) and type(node.op) in UNARY else node
        if not (isinstance(number, ast.Constant) and type(number.value) in (int, float)):
            self.fail("'**' exponent must be a plain number such as 2 or -0.5, not a formula", self.at(node),
                      f"exponents from -{MAX_EXPONENT} to {MAX_EXPONENT}; use exp(...) for e to a power")
        if not abs(number.value) <= MAX_EXPONENT:  # `not <=` also catches nan, which ast never makes
            self.fail(f"'**' exponent too large (at most {MAX_EXPONENT})", self.at(node),
                      f"exponents from -{MAX_EXPONENT} to {MAX_EXPONENT}")

    def check_call(self, node: ast.Call, depth: int) -> None:
        if not isinstance(node.func, ast.Name):
            self.check(node.func, depth + 1)  # names the construct, such as a lambda or attribute access
            self.fail("only functions can be called", self.at(node), _CALLS)
        name = node.func.id
        if name not in FUNCTIONS:
            self.fail(f"'{name}' cannot be called", self.at(node), _CALLS)
        if node.keywords:
            self.fail(f"keyword arguments are not allowed in {name}()", self.at(node.keywords[0]), _CALLS)
        if not node.args:
            self.fail(f"{name}() without an argument", self.at(node), _CALLS)
        if len(node.args) > 1:
            self.fail(f"extra argument to {name}()", self.at(node.args[1]), _CALLS)
        self.check(node.args[0], depth + 1)


def evaluate(expression: Expression, x: torch.Tensor, domain: tuple[float, float]) -> torch.Tensor:
    """The formula at every point of x (a floating tensor): same shape, dtype and device as x."""
    if not x.is_floating_point():
        raise TypeError(f"x must be a floating tensor, got {x.dtype}")
    low, high = domain
    # The same u as targets.scaled, written out so that targets may import this module without a cycle.
    u = (2 * x - (low + high)) / (high - low)

    def value(node: ast.AST) -> torch.Tensor:
        # Constants become full tensors at once: every operation is then torch's (1/0 gives inf, not
        # ZeroDivisionError; (-8)**0.5 gives nan, not a complex number), and the result always has x's shape.
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return torch.full_like(x, node.value)
        if isinstance(node, ast.Name) and node.id in VARIABLES:
            return x if node.id == "x" else u
        if isinstance(node, ast.Name) and node.id in CONSTANTS:
            return torch.full_like(x, CONSTANTS[node.id])
        if isinstance(node, ast.UnaryOp) and type(node.op) in UNARY:
            return UNARY[type(node.op)](value(node.operand))
        if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
            return BINARY[type(node.op)](value(node.left), value(node.right))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS
                and len(node.args) == 1 and not node.keywords):
            return FUNCTIONS[node.func.id](value(node.args[0]))
        # Unreachable for a tree from parse_expression; refuse rather than guess for any other.
        raise SettingError(NAME, expression.text, f"a formula made by parse_expression; {_GENERAL}")

    result = value(expression.tree.body)
    return result.clone() if result is x else result  # "x" or "+x": never hand back the caller's own tensor


def check_finite(expression: Expression, x: torch.Tensor, domain: tuple[float, float]) -> torch.Tensor:
    """The values of `evaluate`, after checking they are all finite; raises SettingError naming the first bad x."""
    values = evaluate(expression, x, domain)
    bad = ~torch.isfinite(values)
    if bool(bad.any()):
        index = int(bad.flatten().nonzero()[0])
        where, found = x.flatten()[index].item(), values.flatten()[index].item()
        raise SettingError(NAME, expression.text,
                           f"values that are finite on the whole domain; the value is not finite ({found}) at "
                           f"x = {where:.6g} (e.g. log of a negative number, or division by zero)")
    return values
