"""Meta-test of the command surface: what Discord will accept, and the console's twin table."""

from __future__ import annotations

import re
from typing import Any

import pytest
from discord import app_commands

from bot.client import COGS
from commands.text import COMMANDS

#: Discord: 1-32 characters, lowercase, letters/digits of any script, ``-`` and ``_``.
NAME = re.compile(r"^[-_\w]{1,32}$")


def slash_commands() -> list[app_commands.Command[Any, ..., Any]]:
    """Every top-level slash command of every cog (cogs only keep their services)."""
    found = []
    for cog in COGS:
        for command in cog(None).get_app_commands():  # type: ignore[arg-type]
            assert isinstance(command, app_commands.Command | app_commands.Group)
            found.append(command)
    return found


def leaves(command: Any) -> list[app_commands.Command[Any, ..., Any]]:
    if isinstance(command, app_commands.Group):
        return [leaf for sub in command.commands for leaf in leaves(sub)]
    return [command]


def test_names_are_unique_lowercase_and_valid() -> None:
    names = [command.name for command in slash_commands()]
    assert len(names) == len(set(names))
    for name in names:
        assert NAME.match(name) and name == name.lower(), name


@pytest.mark.parametrize("command", slash_commands(), ids=lambda c: c.name)
def test_descriptions_and_options_follow_discords_rules(command: Any) -> None:
    assert 1 <= len(command.description) <= 100
    for leaf in leaves(command):
        assert 1 <= len(leaf.description) <= 100, leaf.qualified_name
        parameters = leaf.parameters
        assert len(parameters) <= 25
        required = [p.required for p in parameters]
        assert required == sorted(required, reverse=True), "required options come first"
        for parameter in parameters:
            assert NAME.match(parameter.name) and parameter.name == parameter.name.lower()
            assert 1 <= len(parameter.description) <= 100, (leaf.name, parameter.name)
            assert len(parameter.choices) <= 25


def test_the_console_table_lists_the_same_options_as_discord() -> None:
    """Every command of the query cogs runs in the console with the same options, in order,
    and the same required ones."""
    discord_commands = {command.name: command for command in slash_commands()}
    for name, text_command in COMMANDS.items():
        assert name in discord_commands, f"/{name} is in the console but not in Discord"
        parameters = discord_commands[name].parameters
        assert text_command.options.names() == tuple(p.name for p in parameters), name
        assert text_command.options.required() == tuple(p.name for p in parameters if p.required), (
            name
        )
    query_commands = {"rank", "compare", "top", "history", "search", "boards", "about"}
    assert query_commands <= set(COMMANDS)
