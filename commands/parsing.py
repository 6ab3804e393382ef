"""Parsing option values users type (dates, numbers, yes/no, model lists), with errors users
understand. Discord's typed options and the console's text both end up here, so an option
means the same thing everywhere."""

from __future__ import annotations

import re
from datetime import date

from commands.i18n import t
from data.domain.errors import LeaderboardError

_TRUE = frozenset({"true", "yes", "y", "1", "on"})
_FALSE = frozenset({"false", "no", "n", "0", "off"})
#: Model lists are separated by commas (also full-width and ideographic ones) or `` vs ``.
_MODEL_SEPARATOR = re.compile(r"\s*(?:[,，、]|\bvs\.?(?=\s))\s*", re.IGNORECASE)


class BadOption(LeaderboardError):
    """An option value we cannot read; the message says what was expected."""

    def __init__(self, option: str, expected: str, **values: object) -> None:
        """``expected`` is the catalogue key of what the option takes, ``values`` fill it."""
        super().__init__(f"{option}: expected {expected}")
        self.option = option
        self.expected = expected
        self.values = values

    def expectation(self) -> str:
        """What the option takes, in the current locale."""
        return t(self.expected, **self.values)


def parse_date(text: str, option: str = "as_of") -> date:
    """A ``YYYY-MM-DD`` date, or ``BadOption``."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadOption(option, "expect.date") from None


def optional_date(text: str | None, option: str = "as_of") -> date | None:
    """``parse_date`` for an option that may be left out (``None`` or empty: ``None``)."""
    return parse_date(text, option) if text else None


def parse_int(text: str, option: str, low: int, high: int | None = None) -> int:
    """A whole number in ``low..high`` (from ``low`` up when ``high`` is ``None``), or
    ``BadOption``."""
    expected = "expect.whole_from" if high is None else "expect.whole_between"
    try:
        value = int(text.strip())
    except ValueError:
        raise BadOption(option, expected, low=low, high=high) from None
    if value < low or (high is not None and value > high):
        raise BadOption(option, expected, low=low, high=high)
    return value


def parse_number(text: str, option: str) -> float:
    """A non-negative number (``7``, ``0.5``, ``70B``), or ``BadOption``."""
    cleaned = text.strip().lower().removesuffix("b").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise BadOption(option, "expect.params") from None
    if not 0 <= value < 1e6:
        raise BadOption(option, "expect.params")
    return value


def parse_bool(text: str, option: str) -> bool:
    """``yes``/``no`` (also true/false, 1/0, on/off), or ``BadOption``."""
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise BadOption(option, "expect.yes_no")


def split_models(text: str) -> list[str]:
    """The names in a list like ``gpt-4o, claude 3.5 sonnet`` or ``gpt-4o vs claude``."""
    return [name for name in _MODEL_SEPARATOR.split(text.strip()) if name]
