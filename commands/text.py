"""Slash commands typed as text (the offline console and ``podium ask``).

``/rank model:Claude 3.5 Sonnet board:lmarena``: options are ``name:value`` as in Discord; a value
runs to the next `` name:`` of a known option or may be quoted; the first option's name may be
left out (``/rank qwen2``). Each command maps to the same service call its cog makes.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from rich.console import RenderableType

from commands import Services
from commands.parsing import parse_date
from commands.payloads import boards_payload, rank_payload
from commands.terminal import boards_view, rank_view


class UsageError(Exception):
    """The text is not a command we can run; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class Invocation:
    """A parsed command: its name and option values."""

    name: str
    options: dict[str, str]


@dataclass(frozen=True, slots=True)
class TextCommand:
    """A command's options (in Discord's order) and how to run it."""

    options: tuple[str, ...]
    required: tuple[str, ...]
    run: Callable[[Services, dict[str, str]], Awaitable[Any]]
    payload: Callable[[Any], dict[str, Any]]
    view: Callable[[Any], RenderableType]


async def _rank(services: Services, options: dict[str, str]) -> Any:
    day = parse_date(options["as_of"]) if "as_of" in options else None
    return await services.leaderboards.rank(options["model"], options.get("board"), day)


async def _boards(services: Services, options: dict[str, str]) -> Any:
    return await services.leaderboards.board_summaries()


COMMANDS: dict[str, TextCommand] = {
    "rank": TextCommand(("model", "board", "as_of"), ("model",), _rank, rank_payload, rank_view),
    "boards": TextCommand((), (), _boards, boards_payload, boards_view),
}


def parse(text: str) -> Invocation:
    """Parse ``/name opt:value ...``; ``UsageError`` with a one-line reason otherwise."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        raise UsageError("commands start with '/', e.g. /rank qwen2")
    name, _, rest = stripped[1:].partition(" ")
    name = name.lower()
    command = COMMANDS.get(name)
    if command is None:
        raise UsageError(f"unknown command /{name}; try one of: /{', /'.join(COMMANDS)}")
    options = _options(rest, command.options)
    missing = [option for option in command.required if not options.get(option)]
    if missing:
        raise UsageError(f"/{name} needs {', '.join(f'{m}:' for m in missing)}")
    return Invocation(name, options)


def _options(rest: str, names: tuple[str, ...]) -> dict[str, str]:
    if not names:
        if rest.strip():
            raise UsageError("this command takes no options")
        return {}
    marker = re.compile(r"(?:^|\s)(" + "|".join(map(re.escape, names)) + r"):", re.IGNORECASE)
    options: dict[str, str] = {}
    current, position = names[0], 0
    while position <= len(rest):
        value, position = _value(rest, position, marker)
        if value:
            if current in options:
                raise UsageError(f"{current}: given twice")
            options[current] = value
        found = marker.match(rest, position)
        if not found:
            if rest[position:].strip():
                raise UsageError(f"unexpected text after {current}: {rest[position:].strip()[:40]}")
            break
        current, position = found[1].lower(), found.end()
    return options


def _value(rest: str, start: int, marker: re.Pattern[str]) -> tuple[str, int]:
    """One option value from ``start``: quoted, or up to the next known `` name:``."""
    while start < len(rest) and rest[start].isspace():
        start += 1
    if start < len(rest) and rest[start] in "\"'":
        end = rest.find(rest[start], start + 1)
        if end == -1:
            raise UsageError("a quoted value is not closed")
        return rest[start + 1 : end], end + 1
    found = marker.search(rest, start)
    end = found.start() if found else len(rest)
    return rest[start:end].strip(), end


async def execute(services: Services, invocation: Invocation) -> Any:
    """Run a parsed command; returns the domain result its renderers take."""
    return await COMMANDS[invocation.name].run(services, invocation.options)


def payload(invocation: Invocation, result: Any) -> dict[str, Any]:
    """The JSON form of a command's result."""
    return COMMANDS[invocation.name].payload(result)


def view(invocation: Invocation, result: Any) -> RenderableType:
    """The terminal form of a command's result."""
    return COMMANDS[invocation.name].view(result)
