"""Pinned runs: other settings kept beside the current run, to compare, and written into the link.

In the URL each pinned run is one `pin`, repeated, holding the settings in which it differs from the current
run as comma-separated `name:value` pairs in the URL's own names and spellings:
`?degree=3&pin=degree:4&pin=basis:legendre,lr:0.0002`. So a prepared link opens a comparison, and a page
that reconnects to another server loses none of it. The session keeps each pinned run's whole Settings: a
slider moved afterwards moves the current run alone.
"""
from __future__ import annotations

import dataclasses
from typing import Sequence

from components.state.errors import SettingError, shorten
from components.state.i18n import Phrase
from components.state.settings import FIELDS, Settings, format_value, in_use, parse_value

MAX_PINS = 6
# characters of one pin: every setting spelled out fits in half of 400, and the most points a link carries
# (components/state/points.py) in 2,200 more
MAX_PIN_LENGTH = 2600


def differences(pinned: Settings, current: Settings) -> dict[str, str]:
    """The settings in which `pinned` differs from `current` (and that change its run), as the URL spells
    them."""
    return {name: format_value(getattr(pinned, name)) for name in FIELDS
            if getattr(pinned, name) != getattr(current, name) and in_use(vars(pinned), name)}


def same_run(one: Settings, other: Settings) -> bool:
    """Whether two settings make the same run (one the run does not read, β for plain descent, aside)."""
    return not differences(one, other)


def pin_text(pinned: Settings, current: Settings) -> str:
    """One `pin` of the URL: name:value pairs, comma-separated."""
    return ",".join(f"{name}:{value}" for name, value in differences(pinned, current).items())


def parse_pin(text: str, current: Settings) -> Settings:
    """The pinned run a `pin` names; a SettingError (setting "pin") says what is wrong with it."""
    if len(text) > MAX_PIN_LENGTH:
        raise SettingError("pin", text, Phrase("allowed.pin_length", most=MAX_PIN_LENGTH))
    values = {}
    for pair in text.split(","):
        name, colon, value = pair.partition(":")
        name = name.strip()
        if not colon or name not in FIELDS or name in values:
            raise SettingError("pin", text, Phrase("allowed.pin", names=", ".join(FIELDS)))
        values[name] = parse_value(name, value)  # its own SettingError names the setting and what it allows
    target = values.get("target", current.target)
    unread = {"expr": "", "data": "", "holdout": 0.0}  # what a pin of another target would carry for nothing
    kept = {name: default for name, default in unread.items()
            if name not in values and not in_use({**vars(current), "target": target}, name)}
    return dataclasses.replace(current, **kept, **values)


def parse_pins(texts: Sequence[str], current: Settings) -> tuple[list[Settings], list[Phrase]]:
    """The pinned runs of a link's `pin`s, and one message per pin left out (bad, the current run again, a
    repeat, or past MAX_PINS): the rest are kept."""
    pinned: list[Settings] = []
    messages: list[Phrase] = []
    for number, text in enumerate(texts, start=1):
        if len(pinned) == MAX_PINS:
            messages.append(Phrase("pins.too_many", most=MAX_PINS, count=len(texts) - number + 1))
            break
        try:
            pin = parse_pin(text, current)
        except SettingError as error:
            messages.append(Phrase("pins.bad", number=number, pin=shorten(text), error=error.phrase))
            continue
        if same_run(pin, current) or any(same_run(pin, other) for other in pinned):
            messages.append(Phrase("pins.repeat", number=number, pin=shorten(text)))
            continue
        pinned.append(pin)
    return pinned, messages
