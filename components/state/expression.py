"""A typed target formula such as ``sin(3*x) + 0.5*x``: parsed safely, checked, and evaluated with torch.

The text is only ever read by `ast.parse` (never eval, exec or compile), and every node of the tree is checked
against a small whitelist before anything is evaluated; the evaluator itself knows nothing but the whitelisted
nodes, so a tree that slipped past the check would still fail instead of running. Problems are reported as
`SettingError("expr", text, ...)` naming the problem and its 1-based character position in the text; the
problem is a Phrase (components/state/i18n.py), English as a str and said in Korean on a Korean page.
"""
from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass, field
from typing import Callable, NoReturn

import torch

from components.state.errors import SettingError
from components.state.i18n import Phrase

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

EXPRESSION_HELP = Phrase("expr.help", exponent=MAX_EXPONENT,
                         functions=" ".join(name for name in FUNCTIONS if not name.startswith("arc")))

_GENERAL = Phrase("expr.hint_general")
_CALLS = Phrase("expr.hint_calls", functions=", ".join(FUNCTIONS))
_NAMES = Phrase("expr.hint_names")
# A number running straight into a keyword ("1if", "0xfor", "1e5or"); a digit inside a name (x1if) is no
# number.
_NUMBER_THEN_KEYWORD = re.compile(
    r"(?<!\w)(?:0[xX][\da-fA-F_]+|0[oObB][\d_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)"
    r"(and|else|for|if|in|is|not|or)"
)
_SYMBOLS: dict[type[ast.AST], str] = {
    ast.FloorDiv: "'//'", ast.Mod: "'%'", ast.MatMult: "'@'", ast.BitAnd: "'&'", ast.BitOr: "'|'",
    ast.BitXor: Phrase("expr.caret"), ast.LShift: "'<<'", ast.RShift: "'>>'", ast.Invert: "'~'",
    ast.Not: "'not'",
}
_FORBIDDEN: dict[type[ast.AST], str] = {  # the key, in components/state/i18n.py, of "... is not allowed"
    ast.Attribute: "expr.attribute", ast.Subscript: "expr.subscript", ast.Lambda: "expr.lambda",
    ast.ListComp: "expr.comprehension", ast.SetComp: "expr.comprehension", ast.DictComp: "expr.comprehension",
    ast.GeneratorExp: "expr.comprehension", ast.IfExp: "expr.if_else", ast.Compare: "expr.comparison",
    ast.BoolOp: "expr.and_or", ast.NamedExpr: "expr.walrus", ast.JoinedStr: "expr.f_string",
    ast.Starred: "expr.unpacking", ast.List: "expr.list", ast.Tuple: "expr.tuple", ast.Set: "expr.set",
    ast.Dict: "expr.dict", ast.Slice: "expr.slice", ast.Await: "expr.await", ast.Yield: "expr.yield",
    ast.YieldFrom: "expr.yield",
}


@dataclass(frozen=True)
class Expression:
    """A checked formula; make one with `parse_expression`. Equal (and hashed) by its text alone."""

    text: str
    tree: ast.Expression = field(compare=False, repr=False)


def parse_expression(text: str) -> Expression:
    """The checked formula in `text`; raises SettingError naming the first problem and where it is."""
    if not isinstance(text, str):
        raise SettingError(NAME, text, Phrase("expr.not_text"))
    if len(text) > MAX_LENGTH:
        raise SettingError(NAME, text, Phrase("expr.too_long", limit=MAX_LENGTH, length=len(text)))
    source = text.lstrip(" ")  # Python refuses leading spaces in an expression ("unexpected indent")
    lead = len(text) - len(source)
    if not source.strip():
        raise SettingError(NAME, text, Phrase("expr.empty"))
    for index, char in enumerate(text):
        # One printable line keeps ast's (line, byte column) positions simple to turn into characters. A
        # backslash only means something inside a string, where an unknown escape makes ast.parse warn; a
        # comment would hide text from the check. Strings themselves are refused by the tree check below.
        if not char.isprintable():
            raise SettingError(NAME, text, Phrase("expr.non_printable", char=repr(char), position=index + 1))
        if char in "\\#":
            raise SettingError(NAME, text,
                               Phrase("expr.char_not_allowed", char=repr(char), position=index + 1,
                                      hint=_GENERAL))
    # A number running straight into one of these words ("1if", "0xfor") makes ast.parse print a SyntaxWarning
    # ("invalid decimal literal") instead of failing; no allowed name holds such a pair, so refuse it first.
    run_together = _NUMBER_THEN_KEYWORD.search(text)
    if run_together:
        number, word = text[run_together.start():run_together.start(1)], run_together.group(1)
        raise SettingError(NAME, text, Phrase("expr.number_then_word", word=word, number=repr(number),
                                              position=run_together.start(1) + 1, hint=_GENERAL))
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        offset = error.offset or 0  # characters, 1-based; 0 or None when Python only knows "at the end"
        where = (Phrase("expr.position", position=lead + offset) if 1 <= offset <= len(source)
                 else Phrase("expr.the_end"))
        hint = Phrase("expr.hint_multiply") if "literal" in error.msg else _GENERAL
        # error.msg is Python's own English ("invalid syntax"): quoted as it is in every language.
        raise SettingError(NAME, text,
                           Phrase("expr.syntax", detail=error.msg, where=where, hint=hint)) from None
    except (ValueError, RecursionError, MemoryError):
        raise SettingError(NAME, text, Phrase("expr.simpler", hint=_GENERAL)) from None
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
        """1-based position of the first character after `node` and its closing brackets:
        an operator, '.', '['."""
        index = self._char(getattr(node, "end_col_offset", 0) or 0)
        while index < len(self.source) and self.source[index] in " )":
            index += 1
        return self.lead + index + 1

    def fail(self, problem: Phrase, position: int, hint: Phrase = _GENERAL) -> NoReturn:
        raise SettingError(NAME, self.text,
                           Phrase("expr.problem_at", problem=problem, position=position, hint=hint))

    def check(self, node: ast.AST, depth: int) -> None:
        if depth > MAX_DEPTH:
            self.fail(Phrase("expr.nested", depth=MAX_DEPTH), self.at(node), Phrase("expr.hint_simpler"))
        if isinstance(node, ast.Constant):
            self.check_number(node)
        elif isinstance(node, ast.Name):
            if node.id in FUNCTIONS:
                self.fail(Phrase("expr.function_without_brackets", name=node.id), self.at(node),
                          Phrase("expr.hint_call_it", name=node.id))
            if node.id not in VARIABLES and node.id not in CONSTANTS:
                self.fail(Phrase("expr.unknown_name", name=node.id), self.at(node), _NAMES)
        elif isinstance(node, ast.UnaryOp):
            if type(node.op) not in UNARY:
                self.fail(self.operator_not_allowed(node.op), self.at(node))
            self.check(node.operand, depth + 1)
        elif isinstance(node, ast.BinOp):
            if type(node.op) not in BINARY:
                self.fail(self.operator_not_allowed(node.op), self.after(node.left))
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
            key = _FORBIDDEN.get(type(node))
            self.fail(Phrase(key) if key else Phrase("expr.construct", construct=type(node).__name__),
                      position)

    @staticmethod
    def operator_not_allowed(operator: ast.AST) -> Phrase:
        return Phrase("expr.operator_not_allowed",
                      operator=_SYMBOLS.get(type(operator), Phrase("expr.this_operator")))

    def check_number(self, node: ast.Constant) -> None:
        value = node.value
        if type(value) not in (int, float):  # bool is an int to Python, but True is no number here
            key = {complex: "expr.complex", str: "expr.string", bytes: "expr.bytes"}.get(type(value))
            self.fail(Phrase(key) if key else Phrase("expr.value_not_allowed", value=repr(value)),
                      self.at(node))
        if not (math.isfinite(value) and abs(value) <= MAX_LITERAL):  # ints compare exactly, however long
            self.fail(Phrase("expr.number_too_large", limit=MAX_LITERAL), self.at(node))

    def check_exponent(self, node: ast.expr) -> None:
        """Only a typed number, perhaps signed, may be an exponent: it keeps powers small and easy to
        check."""
        number = node.operand if isinstance(node, ast.UnaryOp) and type(node.op) in UNARY else node
        if not (isinstance(number, ast.Constant) and type(number.value) in (int, float)):
            self.fail(Phrase("expr.exponent_formula"), self.at(node),
                      Phrase("expr.hint_exponents_exp", limit=MAX_EXPONENT))
        if not abs(number.value) <= MAX_EXPONENT:  # `not <=` also catches nan, which ast never makes
            self.fail(Phrase("expr.exponent_too_large", limit=MAX_EXPONENT), self.at(node),
                      Phrase("expr.hint_exponents", limit=MAX_EXPONENT))

    def check_call(self, node: ast.Call, depth: int) -> None:
        if not isinstance(node.func, ast.Name):
            self.check(node.func, depth + 1)  # names the construct, such as a lambda or attribute access
            self.fail(Phrase("expr.only_functions"), self.at(node), _CALLS)
        name = node.func.id
        if name not in FUNCTIONS:
            self.fail(Phrase("expr.cannot_call", name=name), self.at(node), _CALLS)
        if node.keywords:
            self.fail(Phrase("expr.keyword_arguments", name=name), self.at(node.keywords[0]), _CALLS)
        if not node.args:
            self.fail(Phrase("expr.no_argument", name=name), self.at(node), _CALLS)
        if len(node.args) > 1:
            self.fail(Phrase("expr.extra_argument", name=name), self.at(node.args[1]), _CALLS)
        self.check(node.args[0], depth + 1)


def scaled(x: torch.Tensor, domain: tuple[float, float]) -> torch.Tensor:
    """x mapped linearly from the domain onto [-1, 1]: the u of the targets and of the scaled bases."""
    low, high = domain
    return (2 * x - (low + high)) / (high - low)


def evaluate(expression: Expression, x: torch.Tensor, domain: tuple[float, float]) -> torch.Tensor:
    """The formula at every point of x (a floating tensor): same shape, dtype and device as x."""
    if not x.is_floating_point():
        raise TypeError(f"x must be a floating tensor, got {x.dtype}")
    u = scaled(x, domain)

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
        raise SettingError(NAME, expression.text, Phrase("expr.not_from_parser", hint=_GENERAL))

    result = value(expression.tree.body)
    return result.clone() if result is x else result  # "x" or "+x": never hand back the caller's own tensor


def check_finite(expression: Expression, x: torch.Tensor, domain: tuple[float, float]) -> torch.Tensor:
    """The values of `evaluate`, after checking they are all finite; raises SettingError naming the first bad
    x."""
    values = evaluate(expression, x, domain)
    bad = ~torch.isfinite(values)
    if bool(bad.any()):
        index = int(bad.flatten().nonzero()[0])
        where, found = x.flatten()[index].item(), values.flatten()[index].item()
        raise SettingError(NAME, expression.text, Phrase("expr.not_finite", found=found, where=where))
    return values
