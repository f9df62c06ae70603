import math

import pytest

from components.state.errors import SettingError
from components.state.settings import DEFAULTS, FIELDS, Settings, from_query, parse_value, to_query


def test_defaults_are_the_tutorials():
    s = Settings()
    assert (s.degree, s.lr, s.steps, s.points, s.loss, s.target, s.basis, s.optimizer) == (
        3, 1e-6, 2000, 2000, "sum", "sin", "power", "gd")
    assert s.domain == (-math.pi, math.pi) and s.dtype == "float32" and s.device == "auto" and s.seed == 0


@pytest.mark.parametrize("name, value, allowed", [
    ("degree", 0, "1 to 15"), ("degree", 16, "1 to 15"), ("degree", 2.5, "whole number"),
    ("degree", True, "whole"), ("lr", 0.0, "above 0"), ("lr", -1e-3, "above 0"), ("lr", math.inf, "above 0"),
    ("lr", math.nan, "above 0"), ("steps", 0, "1,000,000"), ("steps", 1_000_001, "1,000,000"),
    ("points", 9, "10 to"), ("optimizer", "sgd", "gd, momentum, nesterov, adam"),
    ("basis", "chebyshev", "power, scaled, legendre"), ("target", "tan", "sin"), ("loss", "max", "sum, mean"),
    ("device", "tpu", "auto, cpu, cuda"), ("dtype", "float16", "float32, float64"), ("noise", -0.1, "0 to"),
    ("seed", -1, "0 to"), ("beta", 1.0, "0 up to"),
])
def test_a_bad_value_names_the_setting_the_value_and_what_is_allowed(name, value, allowed):
    with pytest.raises(SettingError) as caught:
        Settings(**{name: value})
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and repr(value)[:10] in message and allowed in message
    assert caught.value.name == name


def test_domain_must_be_increasing():
    with pytest.raises(SettingError, match="xmax"):
        Settings(xmin=1.0, xmax=0.5)


def test_settings_are_frozen_and_hashable_for_the_cache_key():
    with pytest.raises(AttributeError):
        Settings().degree = 4  # type: ignore[misc]
    assert {Settings(): 1}[Settings()] == 1 and Settings(degree=4) != Settings()


def test_from_query_reads_every_setting():
    settings, messages = from_query({"degree": "4", "lr": "3e-7", "steps": "3000", "optimizer": "adam",
                                     "basis": "legendre", "target": "runge", "points": "500", "noise": "0.1",
                                     "loss": "mean", "seed": "7", "device": "cpu", "dtype": "float64",
                                     "xmin": "-1", "xmax": "2", "beta": "0.5"})
    assert messages == []
    assert settings == Settings(degree=4, lr=3e-7, steps=3000, optimizer="adam", basis="legendre",
                                target="runge", points=500, noise=0.1, loss="mean", seed=7, device="cpu",
                                dtype="float64", xmin=-1.0, xmax=2.0, beta=0.5)


@pytest.mark.parametrize("key, text", [
    ("degree", "abc"), ("lr", "-1"), ("lr", "nan"), ("lr", "inf"), ("steps", "1e99"), ("steps", "0"),
    ("degree", "3;import os"), ("points", "x" * 5000), ("optimizer", "SGD!"), ("steps", "2.5"),
])
def test_from_query_replaces_a_bad_value_by_its_default_with_a_message(key, text):
    settings, messages = from_query({key: text, "seed": "5"})
    assert getattr(settings, key) == getattr(DEFAULTS, key) and settings.seed == 5
    assert len(messages) == 1 and messages[0].startswith(f"{key}: ") and FIELDS[key].allowed in messages[0]
    assert len(messages[0]) < 300  # a 5,000-character value is shortened


def test_from_query_reports_unknown_keys_and_takes_the_last_of_repeated_ones():
    settings, messages = from_query({"colour": "red", "degree": ["2", "5"]})
    assert settings.degree == 5 and len(messages) == 2
    assert "colour" in messages[0] and "is not a setting" in messages[0]
    assert messages[1] == "degree was given 2 times; the last, '5', is used."


def test_from_query_with_a_backwards_domain_falls_back_to_the_default_domain():
    settings, messages = from_query({"xmin": "2", "xmax": "1"})
    assert settings.domain == DEFAULTS.domain and len(messages) == 1 and "xmax" in messages[0]


def test_parse_value_accepts_integers_written_as_floats():
    assert parse_value("steps", "2e3") == 2000 and parse_value("steps", " 5000.0 ") == 5000
    assert parse_value("basis", "Legendre") == "legendre"


def test_to_query_round_trips_exactly():
    settings = Settings(degree=7, lr=3e-7, steps=123_457, basis="scaled", noise=0.25, xmin=-2.5)
    query = to_query(settings)
    assert "points" not in query  # defaults stay out of the link
    assert from_query(query) == (settings, [])
    assert to_query(DEFAULTS) == {}


def test_a_typed_expression_is_checked_where_settings_are_made():
    assert Settings(target="expr", expr="sin(3*x) + 0.5*x").expr == "sin(3*x) + 0.5*x"
    with pytest.raises(SettingError, match=r"expr: .*attribute access \('\.'\) is not allowed at position 3"):
        Settings(target="expr", expr="os.system('ls')")
    with pytest.raises(SettingError, match="expr"):
        Settings(target="expr")  # the expression target needs an expression


def test_from_query_keeps_the_expressions_case_and_reports_a_bad_one():
    settings, messages = from_query({"target": "expr", "expr": "SIN(x)"})
    assert (settings.target == DEFAULTS.target and len(messages) == 1
            and "'SIN' cannot be called at position 1" in messages[0])
    settings, messages = from_query({"target": "expr", "expr": "exp(-u**2)"})
    assert (settings.target, settings.expr, messages) == ("expr", "exp(-u**2)", [])


def test_the_closed_form_has_one_name_and_old_links_still_open():
    assert FIELDS["engine"].choices == ("closed-form", "autograd") and DEFAULTS.engine == "closed-form"
    assert from_query({"engine": "auto"}) == (DEFAULTS, [])  # the spelling links used before
    assert parse_value("engine", "Closed-Form") == "closed-form"


def test_the_views_choices_come_from_the_link_and_go_back_into_it():
    from components.state.settings import View, view_from_query, view_query

    query = {"taylor": "1", "extrapolate": "1", "plane": "c0-c2", "axis": "log"}
    view, messages = view_from_query(query)
    assert messages == [] and (view.taylor, view.extrapolate, view.plane, view.axis) == (1, 1, "c0-c2", "log")
    assert view_query(view) == query and view_query(View()) == {}


@pytest.mark.parametrize("name, value, allowed", [
    ("taylor", "2", "0 (off) or 1 (on)"), ("extrapolate", "yes", "0 (off) or 1 (on)"),
    ("plane", "c1-c1", "slowest, extremes, or two coefficients, the smaller"), ("plane", "x" * 5000, "c0-c1"),
    ("axis", "logarithmic", "one of linear, log"),
])
def test_a_bad_view_choice_is_named_with_what_is_allowed_and_the_default_kept(name, value, allowed):
    from components.state.settings import View, view_from_query

    view, (message,) = view_from_query({name: value})
    assert view == View() and f"{name}" in message and allowed in message and len(message) < 400


def test_the_cache_key_is_every_field_so_runs_that_differ_anywhere_never_share_an_entry():
    from components.state.points import Points, encode_points

    points = encode_points(Points([0.0, 1.0, 2.0, 3.0, 4.0], [1.0, 0.0, 1.0, 0.0, 2.0]))
    other = {"degree": 4, "lr": 2e-6, "steps": 100, "optimizer": "momentum", "beta": 0.5, "basis": "legendre",
             "target": "exp", "xmin": -1.0, "xmax": 1.0, "points": 50, "noise": 0.1, "loss": "mean",
             "seed": 1, "device": "cpu", "dtype": "float64", "engine": "autograd", "expr": "x**2",
             "data": points, "holdout": 0.2}
    assert sorted(other) == sorted(FIELDS)  # a new setting needs its line here
    on_points = {"target": "data", "degree": 2}
    needs = {"data": on_points, "holdout": {**on_points, "data": points}}
    keys = {Settings(**{**needs.get(name, {}), name: value}).key for name, value in other.items()}
    assert len(keys | {DEFAULTS.key}) == len(other) + 1
    assert Settings().key == DEFAULTS.key and Settings(lr=1e-6 * (1 + 2**-40)).key != DEFAULTS.key
    assert Settings(degree=3).key != Settings(**{"degree": 3, "lr": 1e-6, "seed": 0, "noise": 1e-300}).key
