"""Slash commands typed as text (the offline console and ``podium ask``), and the command line
that Discord answers carry in their footer so that their buttons still work after a restart.

``/rank model:Claude 3.5 Sonnet board:lmarena``: options are ``name:value`` as in Discord; a value
runs to the next `` name:`` of a known option or may be quoted; the first option's name may be
left out (``/rank qwen2``). ``/compare`` also takes its models as one list in its first option
(``/compare gpt-4o, claude 3.5 sonnet`` or ``/compare gpt-4o vs claude``). Each command runs
the same function its cog runs (``commands.runners``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from rich.console import RenderableType

from commands import Services, runners
from commands.charts import history_chart
from commands.payloads import (
    about_payload,
    boards_payload,
    compare_payload,
    history_payload,
    rank_payload,
    search_payload,
    top_payload,
)
from commands.terminal import (
    about_view,
    boards_view,
    compare_view,
    history_view,
    rank_view,
    search_view,
    top_view,
)


class UsageError(Exception):
    """The text is not a command we can run; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class Invocation:
    """A parsed command: its name and option values."""

    name: str
    options: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TextCommand:
    """A command's options (in Discord's order) and how to run and show it.

    ``normalize`` rewrites options before the required ones are checked (``/compare`` spreads a
    model list over ``model1..model4``); ``chart`` draws the PNG a result comes with, if any.
    """

    options: tuple[str, ...]
    required: tuple[str, ...]
    run: Callable[[Services, dict[str, str]], Awaitable[Any]]
    payload: Callable[[Any], dict[str, Any]]
    view: Callable[[Any], RenderableType]
    normalize: Callable[[dict[str, str]], dict[str, str]] | None = None
    chart: Callable[[Any], bytes | None] | None = None


TOP_OPTIONS = (
    "board",
    "n",
    "category",
    "open_weights",
    "organization",
    "license",
    "min_params",
    "max_params",
    "page",
    "as_of",
)

COMMANDS: dict[str, TextCommand] = {
    "rank": TextCommand(
        ("model", "board", "as_of"), ("model",), runners.rank, rank_payload, rank_view
    ),
    "compare": TextCommand(
        (*runners.COMPARE_MODELS, "board", "as_of"),
        ("model1", "model2"),
        runners.compare,
        compare_payload,
        compare_view,
        normalize=runners.compare_options,
    ),
    "top": TextCommand(TOP_OPTIONS, (), runners.top, top_payload, top_view),
    "history": TextCommand(
        ("models", "board"),
        ("models",),
        runners.history,
        history_payload,
        history_view,
        chart=history_chart,
    ),
    "search": TextCommand(
        ("text", "board"), ("text",), runners.search, search_payload, search_view
    ),
    "boards": TextCommand((), (), runners.boards, boards_payload, boards_view),
    "about": TextCommand((), (), runners.about, about_payload, about_view),
}

#: Options that say where in a result to look, not what to compute (left out of ``digest``).
POSITION_OPTIONS = frozenset({"page"})


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
    if command.normalize is not None:
        options = command.normalize(options)
    missing = [option for option in command.required if not options.get(option)]
    if missing == ["model2"] and len(options.get("model1", "").split()) > 1:
        return Invocation(name, options)  # models typed without separators: split at run time
    if missing:
        raise UsageError(f"/{name} needs {', '.join(f'{m}:' for m in missing)}")
    return Invocation(name, options)


def format_invocation(invocation: Invocation) -> str:
    """The command line that ``parse`` reads back as ``invocation`` (options in table order)."""
    command = COMMANDS[invocation.name]
    parts = [f"/{invocation.name}"]
    for option in command.options:
        value = " ".join(invocation.options.get(option, "").split())
        if value:
            parts.append(f"{option}:{_quoted(value, command.options)}")
    return " ".join(parts)


def digest(invocation: Invocation) -> str:
    """A short fingerprint of what the invocation computes (its page aside)."""
    core = Invocation(
        invocation.name,
        {k: v for k, v in invocation.options.items() if k not in POSITION_OPTIONS},
    )
    return hashlib.sha256(format_invocation(core).encode()).hexdigest()[:8]


def _quoted(value: str, names: tuple[str, ...]) -> str:
    """``value`` as ``parse`` reads it back: quoted when it would otherwise be cut or stripped."""
    marker = re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, names)) + r"):", re.IGNORECASE)
    if not marker.search(value) and value[0] not in "\"'":
        return value
    return f"'{value}'" if '"' in value else f'"{value}"'


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


#: Why ``/compare`` with one unseparated list of names could not run.
COMPARE_SEPARATORS = (
    "/compare needs two to four models; separate them with ',' or 'vs' "
    "(/compare gpt-4o, claude 3.5 sonnet) or use model1: model2:"
)


async def execute(services: Services, invocation: Invocation) -> Any:
    """Run a parsed command; returns the domain result its renderers take.

    ``/compare gpt-4o claude`` (models typed with spaces only) is cut where every part names
    a model; when no cut does, a ``UsageError`` names the separators.
    """
    options = invocation.options
    if invocation.name == "compare" and not options.get("model2"):
        names = await services.leaderboards.split_models(options.get("model1", ""))
        if names is None:
            raise UsageError(COMPARE_SEPARATORS)
        rest = {k: v for k, v in options.items() if k not in runners.COMPARE_MODELS}
        options = {**dict(zip(runners.COMPARE_MODELS, names, strict=False)), **rest}
    return await COMMANDS[invocation.name].run(services, options)


def payload(invocation: Invocation, result: Any) -> dict[str, Any]:
    """The JSON form of a command's result."""
    return COMMANDS[invocation.name].payload(result)


def view(invocation: Invocation, result: Any) -> RenderableType:
    """The terminal form of a command's result."""
    return COMMANDS[invocation.name].view(result)


def chart(invocation: Invocation, result: Any) -> bytes | None:
    """The PNG chart a command's result comes with (``/history``), if any."""
    draw = COMMANDS[invocation.name].chart
    return draw(result) if draw is not None else None
