"""Pinned runs in the link (components/state/pins.py): what differs, spelled as the URL spells it, read back,
and every bad pin named with what is allowed while the others are kept."""
from __future__ import annotations

import pytest

from components.state.pins import MAX_PINS, differences, parse_pins, pin_text
from components.state.settings import Settings, from_query

CURRENT = Settings()


def test_a_pin_is_what_differs_and_reads_back_to_the_same_run():
    pinned = Settings(degree=4, basis="legendre", lr=2e-4, optimizer="momentum", beta=0.8)
    text = pin_text(pinned, CURRENT)
    assert text == "degree:4,lr:0.0002,optimizer:momentum,beta:0.8,basis:legendre"
    assert parse_pins([text], CURRENT) == ([pinned], [])
    # β means nothing to plain descent: a pin leaves it out, as the link does
    assert differences(Settings(beta=0.5), CURRENT) == {}


def test_the_examples_link_opens_a_comparison_of_three_runs():
    current = Settings(degree=3)
    pinned, messages = parse_pins(["degree:4", "basis:legendre,lr:2e-4"], current)
    assert messages == [] and pinned == [Settings(degree=4), Settings(basis="legendre", lr=2e-4)]


@pytest.mark.parametrize("pin, says", [
    ("colour:red", "each name once and one of degree, lr"),
    ("degree:4,degree:5", "each name once"),
    ("degree", "name:value pairs"),
    ("degree:abc", "degree: 'abc' is not allowed; allowed: a whole number from 1 to 15"),
    ("lr:-1", "lr: '-1' is not allowed"),
    ("xmin:5", "xmax"),  # valid alone, but the domain would run backwards
    ("degree:3", "it is the current run"),
    ("x" * 5000, "at most 2600 characters"),
])
def test_each_bad_pin_is_named_with_what_is_allowed_and_the_rest_kept(pin, says):
    pinned, (message,) = parse_pins(["degree:4", pin, "lr:2e-6"], CURRENT)
    assert pinned == [Settings(degree=4), Settings(lr=2e-6)]
    assert message.startswith("pin 2 (") and says in message and len(message) < 400
    assert message.in_("ko").startswith("고정 2(")


def test_past_six_pins_the_rest_are_left_out_in_one_message():
    pins = [f"lr:{k}e-7" for k in range(1, 10)]
    pinned, (message,) = parse_pins(pins, CURRENT)
    assert len(pinned) == MAX_PINS and "the last 3 pins" in message


def test_a_repeated_pin_is_said_once_and_kept_once():
    pinned, (message,) = parse_pins(["degree:4", "degree:4"], CURRENT)
    assert pinned == [Settings(degree=4)] and "pinned already" in message


def test_pin_is_a_known_key_of_the_link():
    _, messages = from_query({"pin": ["degree:4"], "degree": "3"})
    assert messages == []
