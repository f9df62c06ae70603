"""Every knob of the playground in one frozen dataclass: default, allowed range and URL name.

`Settings` is the single source of truth: the widgets read their ranges from `FIELDS`, the URL
query string is parsed by `from_query` and written by `to_query`, the cache key is the (hashable)
Settings itself, and training reads nothing else.
"""
from __future__ import annotations

import dataclasses
import functools
import math
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from components.state.errors import SettingError, shorten
from components.state.i18n import LANGUAGES, Phrase
from components.state.points import MAX_POINTS_IN_LINK, decode_points, held_out_count

OPTIMIZERS = ("gd", "momentum", "nesterov", "adam")
BASES = ("power", "scaled", "legendre")
# expr: the typed expression; data: the reader's own points (components/state/points.py)
TARGETS = ("sin", "cos", "exp", "abs", "sign", "gauss", "runge", "expr", "data")
LOSSES = ("sum", "mean")
DEVICES = ("auto", "cpu", "cuda")
DTYPES = ("float32", "float64")
ENGINES = ("closed-form", "autograd")  # closed-form: the exact closed form where it is exact and faster
ALIASES = {"engine": {"auto": "closed-form"}}  # old links' spellings, still read

MAX_DEGREE = 15
MAX_STEPS = 1_000_000
MAX_POINTS = 1_000_000
MAX_ABS_X = 100.0
MAX_NOISE = 100.0
MAX_SEED = 2**31 - 1
MAX_HOLDOUT = 0.5  # of the reader's points held out: at most half
MAX_BETA = 0.999  # the widget's top too: a number box resets a value above its top to its bottom
LEAST_LR = 1e-16  # the learning-rate slider's smallest mark (a link may ask for less)
SAMPLED = ("xmin", "xmax", "points", "noise")  # how a built-in target is sampled: not the reader's points
LIST_KEYS = ("pin",)  # URL keys that repeat, read apart from the settings (components/state/pins.py)


@dataclass(frozen=True)
class Field:
    """How one setting is parsed from a string and checked."""

    name: str
    kind: type  # int, float or str
    allowed: Phrase  # what the setting allows, said in words
    check: Callable[[Any], bool]
    choices: tuple[str, ...] = ()
    low: float | None = None  # the range a widget offers (numbers only)
    high: float | None = None


def _integer(name: str, low: int, high: int) -> Field:
    return Field(name, int, Phrase("allowed.whole_number", low=low, high=high), lambda v: low <= v <= high,
                 low=low, high=high)


def _choice(name: str, choices: tuple[str, ...]) -> Field:
    return Field(name, str, Phrase("allowed.one_of", choices=", ".join(choices)), lambda v: v in choices,
                 choices)


FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        _integer("degree", 1, MAX_DEGREE),
        Field("lr", float, Phrase("allowed.lr"), lambda v: math.isfinite(v) and v > 0),
        _integer("steps", 1, MAX_STEPS),
        _choice("optimizer", OPTIMIZERS),
        Field("beta", float, Phrase("allowed.beta"), lambda v: 0 <= v <= MAX_BETA, low=0.0, high=MAX_BETA),
        _choice("basis", BASES),
        _choice("target", TARGETS),
        Field("xmin", float, Phrase("allowed.xmin", low=-MAX_ABS_X, high=MAX_ABS_X),
              lambda v: -MAX_ABS_X <= v <= MAX_ABS_X, low=-MAX_ABS_X, high=MAX_ABS_X),
        Field("xmax", float, Phrase("allowed.xmax", low=-MAX_ABS_X, high=MAX_ABS_X),
              lambda v: -MAX_ABS_X <= v <= MAX_ABS_X, low=-MAX_ABS_X, high=MAX_ABS_X),
        _integer("points", 10, MAX_POINTS),
        Field("noise", float, Phrase("allowed.noise", high=MAX_NOISE), lambda v: 0 <= v <= MAX_NOISE,
              low=0.0, high=MAX_NOISE),
        _choice("loss", LOSSES),
        _integer("seed", 0, MAX_SEED),
        _choice("device", DEVICES),
        _choice("dtype", DTYPES),
        _choice("engine", ENGINES),
        Field("expr", str, Phrase("allowed.expr"), lambda v: True),
        Field("data", str, Phrase("allowed.data"), lambda v: True),  # checked by components/state/points.py
        Field("holdout", float, Phrase("allowed.holdout", high=MAX_HOLDOUT), lambda v: 0 <= v <= MAX_HOLDOUT,
              low=0.0, high=MAX_HOLDOUT),
    )
}


def _has_kind(value: Any, kind: type) -> bool:
    if isinstance(value, bool):  # bool is an int to Python, never a setting's value here
        return False
    if kind is float:
        return isinstance(value, (int, float)) and not math.isnan(value)
    return isinstance(value, kind)


@dataclass(frozen=True)
class Settings:
    """One run of the playground. The defaults are the tutorial's."""

    degree: int = 3
    lr: float = 1e-6
    steps: int = 2000
    optimizer: str = "gd"
    beta: float = 0.9  # momentum coefficient for `momentum` and `nesterov`
    basis: str = "power"
    target: str = "sin"
    xmin: float = -math.pi
    xmax: float = math.pi
    points: int = 2000
    noise: float = 0.0
    loss: str = "sum"
    seed: int = 0
    device: str = "auto"
    dtype: str = "float32"
    engine: str = "closed-form"
    expr: str = ""  # the target when target is "expr", checked by components/state/expression.py
    data: str = ""  # the points when target is "data", in the link's form (components/state/points.py)
    holdout: float = 0.0  # the fraction of those points held out for the held-out loss, drawn by the seed

    def __post_init__(self) -> None:
        for name, field in FIELDS.items():
            value = getattr(self, name)
            if not _has_kind(value, field.kind) or not field.check(value):
                raise SettingError(name, value, field.allowed)
        if not self.xmin < self.xmax:
            raise SettingError("xmax", self.xmax, Phrase("allowed.above_xmin", xmin=self.xmin))
        if self.expr or self.target == "expr":
            from components.state.expression import (
                parse_expression,  # the parser needs torch: loaded only here
            )

            parse_expression(self.expr)
        if self.target == "data":
            self._check_points()

    def _check_points(self) -> None:
        """The points decode, and enough of them are left to train a polynomial of this degree."""
        if not self.data:
            raise SettingError("data", "", Phrase("allowed.data_missing"))
        trained = self.sample_count
        if trained < 2:
            raise SettingError("holdout", self.holdout,
                               Phrase("allowed.holdout_for_points", count=len(decode_points(self.data))))
        if self.degree >= trained:
            raise SettingError("degree", self.degree,
                               Phrase("allowed.degree_for_points", points=trained, most=trained - 1))

    def replace(self, **changes: Any) -> "Settings":
        return dataclasses.replace(self, **changes)

    @functools.cached_property
    def key(self) -> str:
        """Every field in one string: what the page's caches are keyed by. Hashed whole, it costs the page's
        caches a thousandth of what hashing the fields one by one did, on every rerun."""
        return repr(self)

    @property
    def domain(self) -> tuple[float, float]:
        """Where the run fits: xmin to xmax, or the x range of the reader's points."""
        return decode_points(self.data).domain if self.target == "data" else (self.xmin, self.xmax)

    @property
    def sample_count(self) -> int:
        """How many samples the run trains on."""
        if self.target != "data":
            return self.points
        count = len(decode_points(self.data))
        return count - held_out_count(count, self.holdout)


DEFAULTS = Settings()


def parse_value(name: str, text: str, fields: Mapping[str, Field] | None = None) -> Any:
    """Turn one URL string into a checked value for setting `name`; raises SettingError."""
    field = (fields or FIELDS)[name]
    stripped = text.strip()
    try:
        if field.kind is str:
            value: Any = stripped.lower() if field.choices else text
            value = ALIASES.get(name, {}).get(value, value)
        elif field.kind is float:
            value = float(stripped)
        else:
            number = float(stripped)  # accepts 2000, 2e3 and 2000.0 alike
            if not number.is_integer():
                raise ValueError
            value = int(number)
    except (ValueError, OverflowError):
        raise SettingError(name, text, field.allowed) from None
    if not _has_kind(value, field.kind) or not field.check(value):
        raise SettingError(name, text, field.allowed)
    return value


def _parse_query(query: Mapping[str, str | Sequence[str]], fields: Mapping[str, Field],
                 defaults: Any) -> tuple[dict[str, Any], list[Phrase]]:
    """The valid values among `fields` in a query, and a message for each bad or repeated one."""
    values: dict[str, Any] = {}
    messages: list[Phrase] = []
    for key, raw in query.items():
        if key not in fields:
            continue
        text = raw if isinstance(raw, str) else (raw[-1] if len(raw) else "")
        if not isinstance(raw, str) and len(raw) > 1:
            messages.append(Phrase("query.repeated", key=key, count=len(raw), value=shorten(text)))
        try:
            values[key] = parse_value(key, text, fields)
        except SettingError as error:
            default = format_value(getattr(defaults, key))
            messages.append(Phrase("query.using_default", error=error.phrase, default=default))
    return values, messages


def from_query(query: Mapping[str, str | Sequence[str]]) -> tuple[Settings, list[Phrase]]:
    """Settings from a URL query, plus one message for every value replaced by its default.

    The messages are Phrases: English as str, and `.in_(lang)` in any language of components/state/i18n.py.
    """
    known = ", ".join([*FIELDS, *VIEW_FIELDS, *LIST_KEYS])
    messages = [Phrase("query.unknown_key", key=shorten(key), known=known)
                for key in query if key not in FIELDS and key not in VIEW_FIELDS and key not in LIST_KEYS]
    values, value_messages = _parse_query(query, FIELDS, DEFAULTS)
    messages += value_messages
    for name in ("expr", "data"):  # a formula or points nobody fits are not checked, nor kept
        if values.get("target", DEFAULTS.target) != name:
            values.pop(name, None)
    if values.get("target") == "data":  # nor a domain, count or noise the reader's points do not read
        for name in SAMPLED:
            values.pop(name, None)
    if values.get("target") == "data" and not values.get("data"):  # more points than a link carries
        messages.append(Phrase("query.data_missing", most=MAX_POINTS_IN_LINK))
        values.pop("target")
    while True:  # values valid alone can still clash: a backwards domain, target expr without an expression
        try:
            return Settings(**values), messages
        except SettingError as error:
            messages.append(_resolve_clash(values, error))


def _resolve_clash(values: dict[str, Any], error: SettingError) -> Phrase:
    """Change `values` so that this clash is gone; say how."""
    if error.name == "degree":  # more coefficients than the reader's points: the highest degree they fit
        values["degree"] = error.allowed.values["most"]
        return Phrase("query.degree_for_points", error=error.phrase, degree=values["degree"])
    if error.name == "holdout":
        values.pop("holdout", None)
        return Phrase("query.default_holdout", error=error.phrase)
    if error.name == "xmax":
        clash, message = ("xmin", "xmax"), Phrase("query.default_domain", error=error.phrase)
    elif error.name == "data":
        clash, message = ("target", "data"), Phrase("query.default_target_data", error=error.phrase)
    else:
        clash, message = ("target", "expr"), Phrase("query.default_target", error=error.phrase)
    for name in clash:
        values.pop(name, None)
    return message


def format_value(value: Any) -> str:
    """The URL spelling of a value: floats in their shortest exact form (1e-06, 3.141592653589793)."""
    return repr(value) if isinstance(value, float) else str(value)


# Settings that only some choices read: momentum's β means nothing to plain gradient descent or Adam,
# and a typed expression nothing unless it is the target. The sidebar hides them, the link leaves them out.
IN_USE: dict[str, Callable[[Mapping[str, Any]], bool]] = {
    "beta": lambda values: values["optimizer"] in ("momentum", "nesterov"),
    "expr": lambda values: values["target"] == "expr",
    "data": lambda values: values["target"] == "data",
    "holdout": lambda values: values["target"] == "data",
    # the reader's points are the samples: no domain, count or noise of one's own
    **{name: (lambda values: values["target"] != "data") for name in SAMPLED},
}


def in_use(values: Mapping[str, Any], name: str) -> bool:
    """Whether setting `name` changes anything in a run with these values (a Settings' vars())."""
    return IN_USE.get(name, lambda _: True)(values)


def to_query(settings: Settings) -> dict[str, str]:
    """The URL query of the settings that differ from the defaults (a short link that reproduces the view);
    more points than MAX_POINTS_IN_LINK are left out (the page says so and offers them as a file)."""
    return {
        name: format_value(getattr(settings, name))
        for name in FIELDS
        if getattr(settings, name) != getattr(DEFAULTS, name) and in_use(vars(settings), name)
        and (name != "data" or link_carries(settings))
    }


def link_carries(settings: Settings) -> bool:
    """Whether the link carries the run's points (there are none, or few enough)."""
    return settings.target != "data" or len(decode_points(settings.data)) <= MAX_POINTS_IN_LINK


# The loss landscape's planes: the two slowest eigendirections, the slowest and the fastest, or two
# coefficients of the run's basis (c0-c1, c1-c3, …; whether the run has them is checked against its degree).
EIGEN_PLANES = ("slowest", "extremes")
COEFFICIENT_PLANE = re.compile(r"c(0|[1-9]\d?)-c([1-9]\d?)")  # the smaller index first, no leading zeros
STEP_AXES = ("linear", "log")


def is_plane(key: str, degree: int = MAX_DEGREE) -> bool:
    """Whether `key` names a plane of a run of this degree."""
    match = COEFFICIENT_PLANE.fullmatch(key)
    return key in EIGEN_PLANES or bool(match and int(match[1]) < int(match[2]) <= degree)


def _switch(name: str) -> Field:
    return Field(name, int, Phrase("allowed.switch"), lambda v: v in (0, 1), low=0, high=1)


# How the page looks, not what it computes: in the URL too, but outside Settings and the cache key.
VIEW_FIELDS: dict[str, Field] = {f.name: f for f in (
    _choice("mode", ("normal", "lecture")),
    _choice("lang", LANGUAGES),
    # The step the inspection shows; whether the run has it is checked against the run (ui/panels/step.py).
    Field("step", int, Phrase("allowed.step", high=MAX_STEPS), lambda v: 0 <= v <= MAX_STEPS,
          low=0, high=MAX_STEPS),
    _switch("taylor"),
    _switch("extrapolate"),
    Field("plane", str, Phrase("allowed.plane", planes=", ".join(EIGEN_PLANES), degree=MAX_DEGREE),
          lambda v: is_plane(v)),
    _choice("axis", STEP_AXES),
    _switch("predict"),
    _switch("inside"),
    _switch("why"),
)}
# the view's choices beside the panels
PANEL_VIEW = ("taylor", "extrapolate", "plane", "axis", "predict", "inside", "why")


@dataclass(frozen=True)
class View:
    mode: str = "normal"  # lecture: large type, thick lines, the three main sliders, autoplay
    lang: str = "en"
    step: int = 0  # the step inspected, inside one step
    taylor: int = 0  # 1: the target's Taylor polynomial beside the fit
    extrapolate: int = 0  # 1: the fit panel 1.5× as wide, the training domain shaded
    plane: str = "slowest"  # the loss landscape's plane
    axis: str = "linear"  # the loss panel's step axis
    predict: int = 0  # 1: a new run's outcome hidden until the reader predicts it (ui/panels/prediction.py)
    inside: int = 0  # 1: the section inside one step open (ui/panels/step.py)
    why: int = 0  # 1: the section on why it converges open (ui/panels/convergence.py)

    def __post_init__(self) -> None:
        for name, field in VIEW_FIELDS.items():
            if not _has_kind(getattr(self, name), field.kind) or not field.check(getattr(self, name)):
                raise SettingError(name, getattr(self, name), field.allowed)


def view_from_query(query: Mapping[str, str | Sequence[str]]) -> tuple[View, list[Phrase]]:
    values, messages = _parse_query(query, VIEW_FIELDS, View())
    return View(**values), messages


def view_query(view: View) -> dict[str, str]:
    return {name: format_value(getattr(view, name)) for name in VIEW_FIELDS
            if getattr(view, name) != getattr(View(), name)}
