"""Slash commands typed as text (the offline console and ``podium ask``), and the command line
that Discord answers carry in their footer so that their buttons still work after a restart.

``/rank model:Claude 3.5 Sonnet board:lmarena``: options are ``name:value`` as in Discord; a value
runs to the next `` name:`` of a known option or may be quoted; the first option's name may be
left out (``/rank qwen2``). ``/compare`` also takes its models as one list in its first option
(``/compare gpt-4o, claude 3.5 sonnet`` or ``/compare gpt-4o vs claude``). The table of
commands is built from each command's spec (``commands.spec``), so the console runs what the
cog runs, with the same typed options. Nothing here imports discord.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from commands import Services
from commands.about import ABOUT
from commands.boards import BOARDS
from commands.compare import COMPARE
from commands.history import HISTORY
from commands.i18n import t
from commands.parsing import BadOption
from commands.rank import RANK
from commands.search import SEARCH
from commands.spec import Answer, Options, Runnable, UsageError
from commands.top import TOP

__all__ = [
    "COMMANDS",
    "Invocation",
    "UsageError",
    "digest",
    "execute",
    "format_invocation",
    "parse",
]

#: The commands the console runs, by name, in Discord's order.
COMMANDS: dict[str, Runnable] = {
    command.name: command for command in (RANK, COMPARE, TOP, HISTORY, SEARCH, BOARDS, ABOUT)
}


@dataclass(frozen=True, slots=True)
class Invocation:
    """A command and its typed options."""

    name: str
    options: Options = field(default_factory=Options)


def parse(text: str) -> Invocation:
    """Parse ``/name opt:value ...``: ``UsageError`` with a one-line reason if it is not a
    command, ``BadOption`` if a value does not read."""
    stripped = text.strip()
    if not stripped.startswith("/"):
        raise UsageError(t("usage.slash"))
    name, _, rest = stripped[1:].partition(" ")
    name = name.lower()
    command = COMMANDS.get(name)
    if command is None:
        raise UsageError(t("usage.unknown_command", name=name, known="/" + ", /".join(COMMANDS)))
    texts = _options(rest, command.options.names())
    try:
        options = command.options.from_text(texts)
    except BadOption:
        _unknown_option(name, texts, command.options.names())
        raise
    missing = options.missing()
    if missing:
        raise UsageError(t("usage.needs", name=name, missing=", ".join(f"{m}:" for m in missing)))
    return Invocation(name, options)


#: ``name:`` at the start of a value or after a space: how an option is written.
OPTION_MARK = re.compile(r"(?:^|\s)([A-Za-z_]\w*):")


def _unknown_option(name: str, texts: dict[str, str], known: tuple[str, ...]) -> None:
    """``UsageError`` naming an unknown ``foo:`` typed inside a value that did not read
    (``/top lmarena n:5 foo:bar``), which is the likelier mistake than the value itself."""
    for text in texts.values():
        for found in OPTION_MARK.finditer(text):
            if found[1].lower() not in known:
                listed = ", ".join(f"{option}:" for option in known)
                raise UsageError(
                    t("usage.unknown_option", name=name, option=found[1], known=listed)
                )


def format_invocation(invocation: Invocation) -> str:
    """The command line that ``parse`` reads back as ``invocation`` (options in table order)."""
    return _line(invocation, positions=True)


def digest(invocation: Invocation) -> str:
    """A short fingerprint of what the invocation computes (its page aside)."""
    return hashlib.sha256(_line(invocation, positions=False).encode()).hexdigest()[:8]


def _line(invocation: Invocation, *, positions: bool) -> str:
    names = invocation.options.names()
    texts = invocation.options.to_text(positions=positions)
    return " ".join(
        [
            f"/{invocation.name}",
            *(f"{name}:{_quoted(value, names)}" for name, value in texts.items()),
        ]
    )


def _quoted(value: str, names: tuple[str, ...]) -> str:
    """``value`` as ``parse`` reads it back: quoted when it would otherwise be cut or stripped."""
    marker = re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, names)) + r"):", re.IGNORECASE)
    if not marker.search(value) and value[0] not in "\"'":
        return value
    return f"'{value}'" if '"' in value else f'"{value}"'


def _options(rest: str, names: tuple[str, ...]) -> dict[str, str]:
    if not names:
        if rest.strip():
            raise UsageError(t("usage.no_options"))
        return {}
    marker = re.compile(r"(?:^|\s)(" + "|".join(map(re.escape, names)) + r"):", re.IGNORECASE)
    options: dict[str, str] = {}
    current, position = names[0], 0
    while position <= len(rest):
        value, position = _value(rest, position, marker)
        if value:
            if current in options:
                raise UsageError(t("usage.twice", option=current))
            options[current] = value
        found = marker.match(rest, position)
        if not found:
            if rest[position:].strip():
                extra = rest[position:].strip()[:40]
                raise UsageError(t("usage.unexpected", option=current, text=extra))
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
            raise UsageError(t("usage.unclosed"))
        return rest[start + 1 : end], end + 1
    found = marker.search(rest, start)
    end = found.start() if found else len(rest)
    return rest[start:end].strip(), end


async def execute(services: Services, invocation: Invocation) -> Answer:
    """Run a parsed command; its answer renders as JSON, for a terminal, and as a chart."""
    return await COMMANDS[invocation.name].answer(services, invocation.options)
