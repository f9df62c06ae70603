"""The error a setting's bad value raises, named and explained in the reader's language."""
from __future__ import annotations

from typing import Any

from components.state.i18n import Phrase


class SettingError(ValueError):
    """A setting got a value it does not allow; the message names the setting, the value and what is allowed.

    `allowed` is a Phrase (components/state/i18n.py), so str(error) reads English while the page shows
    `error.message(lang)` in the reader's language.
    """

    def __init__(self, name: str, value: Any, allowed: Phrase):
        self.name, self.value, self.allowed = name, value, allowed
        self.phrase = Phrase("setting.not_allowed", name=name, value=shorten(value), allowed=allowed)
        super().__init__(self.phrase)

    def message(self, lang: str) -> str:
        return self.phrase.in_(lang)


def shorten(value: Any, limit: int = 40) -> str:
    """repr() of a value, cut to `limit` characters so a 5,000-character URL value stays readable."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
