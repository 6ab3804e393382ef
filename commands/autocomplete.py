"""Autocomplete for model and board options: in memory, at most 25 choices, never raises."""

from __future__ import annotations

from discord import app_commands

from commands import Services

CHOICE_LIMIT = 25
CHOICE_TEXT_LIMIT = 100


def choices(values: list[tuple[str, str]]) -> list[app_commands.Choice[str]]:
    """Discord choices from ``(label, value)`` pairs: non-empty, clipped, deduplicated, <= 25."""
    seen: set[str] = set()
    result: list[app_commands.Choice[str]] = []
    for label, value in values:
        label, value = label.strip()[:CHOICE_TEXT_LIMIT], value.strip()[:CHOICE_TEXT_LIMIT]
        if not label or not value or value in seen:
            continue
        seen.add(value)
        result.append(app_commands.Choice(name=label, value=value))
        if len(result) == CHOICE_LIMIT:
            break
    return result


def model_choices(
    services: Services, current: str, board: str | None
) -> list[app_commands.Choice[str]]:
    """Models whose names match what the user typed so far (on ``board`` when chosen)."""
    names = services.leaderboards.suggest(current[:200], board or None, CHOICE_LIMIT)
    return choices([(name, name) for name in names])


def board_choices(services: Services, current: str) -> list[app_commands.Choice[str]]:
    """Boards whose id or title match what the user typed so far."""
    return choices(
        [
            (f"{title} ({board_id})", board_id)
            for board_id, title in services.leaderboards.suggest_boards(current[:100])
        ]
    )


def models_choices(
    services: Services, current: str, board: str | None
) -> list[app_commands.Choice[str]]:
    """For a comma-separated list of models: completes the name being typed after the last
    comma, keeping the names before it."""
    head, comma, last = current.rpartition(",")
    prefix = f"{head.strip()}, " if comma else ""
    names = services.leaderboards.suggest(last.strip()[:200], board or None, CHOICE_LIMIT)
    completed = [prefix + name for name in names]
    return choices([(value, value) for value in completed if len(value) <= CHOICE_TEXT_LIMIT])


def category_choices(
    services: Services, current: str, board: str | None
) -> list[app_commands.Choice[str]]:
    """Categories of the chosen board (the Arena's when none is chosen yet)."""
    names = services.leaderboards.suggest_categories(board or None, current[:100], CHOICE_LIMIT)
    return choices([(name, name) for name in names])
