"""Parsing option values users type (dates), with errors users understand."""

from __future__ import annotations

from datetime import date

from data.domain.errors import LeaderboardError


class BadOption(LeaderboardError):
    """An option value we cannot read; the message says what was expected."""

    def __init__(self, option: str, expected: str) -> None:
        super().__init__(f"{option}: expected {expected}")
        self.option = option
        self.expected = expected


def parse_date(text: str) -> date:
    """A ``YYYY-MM-DD`` date, or ``BadOption``."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadOption("as_of", "a date like 2024-07-15") from None
