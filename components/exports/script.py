"""A run as a plain PyTorch script, in the tutorial's style, that prints the page's polynomial."""
from __future__ import annotations

import ast
import math
from urllib.parse import urlencode

from components.engine.optimizers import OPTIMIZERS
from components.engine.runs import capped, uses_closed_form
from components.engine.training import TERMWISE_MAX_POINTS
from components.problem.basis import to_power_matrix
from components.problem.targets import NOISE_SEED_OFFSET
from components.state.expression import BINARY, CONSTANTS, FUNCTIONS, UNARY, VARIABLES, parse_expression
from components.state.points import HOLDOUT_SEED_OFFSET, decode_points
from components.state.settings import FIELDS, Settings, format_value, in_use, to_query

# ---------------------------------------------------------------------------------------------
# The run as a PyTorch script

# Each target as torch code of x and u, exactly as components/problem/targets.py computes it; u is x
# mapped onto [-1, 1], so the bump and Runge's function keep their shape on any domain.
TARGET_CODE: dict[str, str] = {
    "sin": "torch.sin(x)",
    "cos": "torch.cos(x)",
    "exp": "torch.exp(x)",
    "abs": "torch.abs(x)",
    "sign": "torch.sign(x)",
    "gauss": "torch.exp(-8 * u**2)",
    "runge": "1 / (1 + 25 * u**2)",
}
TARGETS_OF_U = ("gauss", "runge")
EMBEDDED_POINTS = 1000  # more of the reader's points than this are read from a file beside the script
POINTS_FILE = "points.csv"
SCRIPT_POINTS_PATH = f"Path(__file__).with_name({POINTS_FILE!r})"  # beside the script, wherever it runs
NOTEBOOK_POINTS_PATH = f"Path({POINTS_FILE!r})"  # a notebook runs in its own folder, and has no __file__


def target_code(settings: Settings) -> str:
    """The target as torch code of x (and u); a typed expression is rebuilt from its checked tree, never
    copied."""
    if settings.target != "expr":
        return TARGET_CODE[settings.target]
    tree = parse_expression(settings.expr).tree.body
    code = ast.unparse(_as_torch(tree))
    # A formula without x or u is one number: spread over x, as the playground spreads it.
    return code if _variables(tree) else f"torch.zeros_like(x) + ({code})"


def _as_torch(node: ast.AST) -> ast.expr:
    """A checked formula's tree as Python over torch tensors: only numbers, x, u, math.pi, math.e and torch
    calls."""
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return ast.Constant(node.value)
    if isinstance(node, ast.Name) and node.id in VARIABLES:
        return ast.Name(node.id, ast.Load())
    if isinstance(node, ast.Name) and node.id in CONSTANTS:  # pi and e, as math.pi and math.e
        return ast.Attribute(ast.Name("math", ast.Load()), node.id, ast.Load())
    if isinstance(node, ast.UnaryOp) and type(node.op) in UNARY:
        return ast.UnaryOp(type(node.op)(), _as_torch(node.operand))
    if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
        return ast.BinOp(_as_torch(node.left), type(node.op)(), _as_torch(node.right))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS:
        argument = _as_torch(node.args[0])
        if not _variables(node.args[0]):  # torch.sin(2) wants a tensor: the playground makes every number one
            argument = ast.Call(_torch("as_tensor"), [argument],
                                [ast.keyword("dtype", ast.Name("dtype", ast.Load()))])
        return ast.Call(_torch(TORCH_NAMES[node.func.id]), [argument], [])
    # parse_expression never lets one by
    raise ValueError(f"not part of a checked formula: {type(node).__name__}")


def _torch(name: str) -> ast.Attribute:
    return ast.Attribute(ast.Name("torch", ast.Load()), name, ast.Load())


def _variables(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in VARIABLES}


# The playground's function names (arcsin, asin, …) as the torch functions it calls.
TORCH_NAMES: dict[str, str] = {name: function.__name__ for name, function in FUNCTIONS.items()}


def script_setup(settings: Settings, points_path: str = SCRIPT_POINTS_PATH) -> list[str]:
    """The script up to its loop: the settings, the samples, the features, the weights and the optimizer's
    state. `points_path`, the Python expression of where the reader's points are read from when there are
    too many to write into the script."""
    s, _ = capped(settings)  # the page's own cap on a step-by-step run's work, if it applies
    typed_u = s.target == "expr" and "u" in _variables(parse_expression(s.expr).tree)
    uses_u = s.basis != "power" or s.target in TARGETS_OF_U or typed_u
    lines = _script_header(s, settings)
    if s.target == "data" and not embeds_points(s):
        lines += ["import csv", "from pathlib import Path"]
    lines += [
        "import math",
        "",
        "import torch",
        "import torch.nn.functional as F",
        "",
        f"dtype = torch.{s.dtype}",
        f"degree = {s.degree}",
        f"learning_rate = {s.lr!r}",
        f"steps = {s.steps}",
    ]
    if OPTIMIZERS[s.optimizer].uses_beta:
        lines.append(f"beta = {s.beta!r}  # the momentum coefficient")
    if s.target == "data":
        lines += [f"seed = {s.seed}", "", *points_lines(s, points_path)]
    else:
        lines += _sampled_lines(s)
    if uses_u:
        lines.append("u = (2 * x - (xmin + xmax)) / (xmax - xmin)  # x mapped onto [-1, 1]")
    if s.target != "data":
        lines.append(f"y = {target_code(s)}")
    if s.noise > 0 and in_use(vars(s), "noise"):
        lines += [
            "# Noise from its own seeded generator, so the weights below are drawn as without noise.",
            f"noise_generator = torch.Generator().manual_seed(seed + {NOISE_SEED_OFFSET:_})",
            "y = y + noise * torch.randn(y.shape, generator=noise_generator, dtype=dtype)",
        ]
    lines += ["", *_feature_lines(s), ""]
    lines += [
        "# Random weights, one per feature, drawn one after another as the tutorial draws a, b, c, d,",
        "# from a seeded generator. requires_grad=True: gradients with respect to them are needed.",
        "generator = torch.Generator().manual_seed(seed)",
        "w = torch.stack([torch.randn((), generator=generator, dtype=dtype) for _ in range(degree + 1)])",
        "w = w.unsqueeze(1).requires_grad_(True)  # a column: w * rows multiplies feature row k by weight k",
        "",
    ]
    lines += OPTIMIZERS[s.optimizer].script_setup
    return lines


def _sampled_lines(s: Settings) -> list[str]:
    """The tutorial's even grid of samples (the target on it follows)."""
    lines = [f"xmin, xmax = {_number(s.xmin)}, {_number(s.xmax)}", f"points = {s.points}"]
    if s.noise > 0:
        lines.append(f"noise = {s.noise!r}  # standard deviation of the Gaussian noise added to the target")
    return lines + [
        f"seed = {s.seed}",
        "",
        "# Input and output tensors, on the CPU (PyTorch's default device). requires_grad=False (the",
        "# default): no gradients are needed for them during the backward pass.",
        "x = torch.linspace(xmin, xmax, points, dtype=dtype)",
    ]


def embeds_points(settings: Settings) -> bool:
    """Whether the script holds the reader's points itself (else it reads them from points.csv beside it)."""
    return len(decode_points(settings.data)) <= EMBEDDED_POINTS


def points_lines(s: Settings, points_path: str) -> list[str]:
    """The reader's points as the page keeps them (float32), their domain, and the held-out ones set aside."""
    points = decode_points(s.data)
    if embeds_points(s):
        lines = ["# Your points, as the page keeps them (32-bit floats), written into this script."]
        for name, values in (("x", points.x), ("y", points.y)):
            lines += _wrapped([str(v) for v in values], "    ", first=f"{name} = torch.tensor([",
                              last="], dtype=torch.float32).to(dtype)")
    else:
        lines = [f"# Your {len(points):,} points are read from {POINTS_FILE}, saved beside this file (the",
                 "# page's download \"Your points (CSV)\"): 32-bit floats, as the page keeps them.",
                 f"with open({points_path}, newline=\"\") as file:",
                 "    rows = list(csv.reader(file))[1:]  # under the header x,y",
                 "x = torch.tensor([float(row[0]) for row in rows], dtype=torch.float32).to(dtype)",
                 "y = torch.tensor([float(row[1]) for row in rows], dtype=torch.float32).to(dtype)"]
    lines.append("xmin, xmax = x.min().item(), x.max().item()  # the domain: the points' x range")
    if s.holdout > 0:
        lines += [
            f"# A fraction {s.holdout:g} of the points held out, drawn by their own generator: the run",
            "# trains on the rest.",
            f"held = max(1, min(len(x) - 1, round({s.holdout!r} * len(x))))",
            f"holdout_generator = torch.Generator().manual_seed(seed + {HOLDOUT_SEED_OFFSET:_})",
            "order = torch.randperm(len(x), generator=holdout_generator)",
            "train = order[held:].sort().values",
            "x, y = x[train], y[train]",
        ]
    return lines


def script_loop(settings: Settings) -> list[str]:
    """The script's training loop (it runs for `steps` steps)."""
    s, _ = capped(settings)
    return [
        f"report_every = {max(100, s.steps // 20)}",
        "for t in range(steps):",
        *_loss_lines(s),
        "    if t % report_every == report_every - 1:",
        "        print(t, loss.item())",
        "",
        "    # Backward pass: autograd fills w.grad.",
        "    loss.backward()",
        "",
        *OPTIMIZERS[s.optimizer].script_update,
        "",
    ]


def script_result(settings: Settings) -> list[str]:
    """The script's last lines: the trained polynomial, printed as powers of x."""
    return _result_lines(capped(settings)[0])


def pytorch_script(settings: Settings) -> str:
    """A runnable script, the tutorial's loop written out for these settings, that prints the page's final
    polynomial."""
    return "\n".join(script_setup(settings) + script_loop(settings) + script_result(settings)) + "\n"


def _script_header(s: Settings, asked: Settings) -> list[str]:
    """Which settings the script reproduces, and the URL query of the page's view."""
    values = [f"{name}={format_value(getattr(s, name))}" for name in FIELDS
              if name not in ("device", "engine", "expr", "data") and in_use(vars(s), name)]
    if s.target == "expr":  # the formula as the checked tree reads back, not the typed text itself
        values.append(f"expr={ast.unparse(parse_expression(s.expr).tree)}")
    # urlencode percent-escapes every character that could end this comment line.
    query = urlencode({k: v for k, v in to_query(asked).items() if k != "data"})  # the points: below
    lines = [
        "# Polynomial Autograd Playground: one run as a plain PyTorch script, in the style of PyTorch's",
        '# tutorial "Tensors and autograd" (polynomial_autograd.py). It prints the final polynomial',
        "# the page shows, y = c0 + c1 x + c2 x^2 + ..., as coefficients of powers of x.",
        "#",
        "# Settings reproduced:",
        *_wrapped(values, "#   ", first="#   "),
        "# The page's URL query: "
        f"{'?' + query if query else '(empty: every setting at its default, the tutorial)'}",
        "#",
        "# It runs on the CPU. The page's numbers are the CPU's to the last digit; on a GPU the sums",
        "# are added up in another order, so the last digits differ.",
    ]
    if uses_closed_form(s):
        lines += [
            "# The page computes a run this long in closed form; this script takes every step with",
            "# autograd (as ?engine=autograd does), which agrees with it up to rounding.",
        ]
    if s.steps != asked.steps:
        lines += [f"# The page stops this run at step {s.steps:,} of {asked.steps:,} "
                  "(its cap on the work of one",
                  "# run), and so does this script."]
    if s.target == "data":
        where = "are written into it" if embeds_points(s) else f"are read from {POINTS_FILE} beside it"
        lines += [f"# Your {len(decode_points(s.data)):,} points {where} (the query above leaves them out)."]
    if s.target == "expr":
        lines += ["# The typed target is written with Python numbers where the page makes tensors of them:",
                  "# equal up to rounding."]
    return lines + [""]


def _feature_lines(s: Settings) -> list[str]:
    if s.basis == "legendre":
        return [
            "# The features, one row per weight: Legendre polynomials P0(u), P1(u), ... by Bonnet's",
            "# recursion, k P_k = (2k - 1) u P_{k-1} - (k - 1) P_{k-2}.",
            "legendre = [torch.ones_like(u), u]",
            "for k in range(2, degree + 1):",
            "    legendre.append(((2 * k - 1) * u * legendre[k - 1] - (k - 1) * legendre[k - 2]) / k)",
            "rows = torch.stack(legendre)",
        ]
    v = "x" if s.basis == "power" else "u"
    terms = [f"torch.ones_like({v})", v, *(f"{v} ** {k}" for k in range(2, s.degree + 1))]
    about = ("the tutorial's a + b x + c x^2 + d x^3 is the weights times these rows, summed"
             if s.basis == "power"
             else "powers of u, better conditioned than powers of x")
    return ["# The features, one row per weight:", f"# {about}.",
            *_wrapped(terms, "    ", first="rows = torch.stack([", last="])")]


def _loss_lines(s: Settings) -> list[str]:
    if s.sample_count <= TERMWISE_MAX_POINTS:  # as the page's training chooses
        error = "sum of squared errors" if s.loss == "sum" else "mean of the squared errors"
        return [
            "    # Forward pass: the prediction, weight times feature, summed term by term.",
            "    y_pred = (w * rows).sum(0)",
            "",
            f"    # Loss: {error}, a tensor of shape ()",
            f"    # (the tutorial writes (y_pred - y).pow(2).{s.loss}()).",
            f'    loss = F.mse_loss(y_pred, y, reduction="{s.loss}")',
        ]
    return [
        "    # Forward pass: the errors rows^T w - y as one matrix-vector product (for this many points",
        "    # it is faster than term by term).",
        "    residual = torch.addmv(y, rows.t(), w.view(-1), beta=-1)",
        "",
        f"    # Loss: {'sum' if s.loss == 'sum' else 'mean'} of squared errors, a tensor of shape ().",
        "    loss = residual.dot(residual)" + ("" if s.loss == "sum" else " / len(y)"),
    ]


def _result_lines(s: Settings) -> list[str]:
    if s.basis == "power":
        conversion = ["# The weights are the coefficients of 1, x, x^2, ...",
                      "c = w.detach().view(-1).double().tolist()"]
    else:
        matrix = to_power_matrix(s.basis, s.degree, s.domain)
        conversion = [
            "# The weights as coefficients of 1, x, x^2, ...: c = M w in float64, where column k of M is",
            "# feature k written in powers of x (computed by the playground for this basis and domain).",
            "to_power = torch.tensor([",
            *(line for row in matrix.tolist()
              for line in _wrapped([*map(repr, row)], "     ", "    [", "],")),
            "], dtype=torch.float64)",
            "c = (to_power @ w.detach().view(-1).double()).tolist()",
        ]
    return [
        *conversion,
        'terms = [repr(c[0]), f"{c[1]!r} x"] + [f"{c[k]!r} x^{k}" for k in range(2, degree + 1)]',
        'print("Result: y = " + " + ".join(terms))',
        "if not all(map(math.isfinite, c)):",
        '    print("The run diverged: the page shows its last step whose numbers were all finite.")',
    ]


def _number(value: float) -> str:
    """A float as Python source; ±π as math.pi, as the tutorial writes it."""
    if abs(value) == math.pi:
        return "math.pi" if value > 0 else "-math.pi"
    return repr(value)


def _wrapped(items: list[str], indent: str, first: str = "", last: str = "", width: int = 96) -> list[str]:
    """items joined by ", " into lines of at most `width` characters (the first line starts with `first`)."""
    lines, line = [], first
    for i, item in enumerate(items):
        piece = item + (", " if i < len(items) - 1 else last)
        if len(line) + len(piece.rstrip()) > width and line.strip() and line != first:
            lines.append(line.rstrip())
            line = indent
        line += piece
    return lines + [line.rstrip()]
