"""The message catalogue is complete, used, consistent across locales, and fits Discord.

A key missing from a locale, a key no code uses, a placeholder one locale has and another
lacks, a text that does not format, or a command name Discord would refuse fails here.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import discord
import pytest
from babel.messages.catalog import Message
from discord import app_commands

from bot.client import COGS
from commands.i18n import catalogue, decimal, speaking, t, t_in, tn
from commands.translator import CatalogueTranslator, command_key
from data.domain.locales import DEFAULT_LOCALE, LOCALES, Locale

ROOT = Path(__file__).resolve().parents[2]
#: Discord's rule for command and option names (and their localisations).
NAME = re.compile(r"^[-_\w]{1,32}$")


def entries(locale: Locale) -> dict[str, Message]:
    return {
        str(message.id if isinstance(message.id, str) else message.id[0]): message
        for message in catalogue(locale)
        if message.id
    }


def forms(message: Message) -> tuple[str, ...]:
    text = message.string
    return tuple(text) if isinstance(text, tuple | list) else (str(text),)


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def tree() -> app_commands.CommandTree[discord.Client]:
    built = app_commands.CommandTree(discord.Client(intents=discord.Intents.none()))
    for cog in COGS:
        for command in cog(None).__cog_app_commands__:  # type: ignore[arg-type]
            built.add_command(command)
    return built


def walk(
    commands: list[app_commands.Command | app_commands.Group],
) -> Iterator[tuple[str, str | None, str, str]]:
    """(qualified name, option or None, English name, English description) of the tree."""
    for command in commands:
        yield command.qualified_name, None, command.name, command.description
        if isinstance(command, app_commands.Group):
            yield from walk(command.commands)
        else:
            for parameter in command.parameters:
                yield command.qualified_name, parameter.name, parameter.name, parameter.description


def metadata_keys() -> set[str]:
    keys = set()
    for qualified, option, _, _ in walk(tree().get_commands()):
        keys |= {
            command_key(qualified, option, "name"),
            command_key(qualified, option, "description"),
        }
    return keys


def literals_in_code() -> set[str]:
    """Every string constant in the code that renders: where catalogue keys are named."""
    found = set()
    for folder in ("bot", "commands"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    found.add(node.value)
    return found


def test_every_locale_has_every_key_translated() -> None:
    """The same keys in each locale, none left empty or fuzzy."""
    english = entries(DEFAULT_LOCALE)
    for locale in LOCALES:
        theirs = entries(locale)
        assert sorted(set(english) - set(theirs)) == [], f"missing in {locale}"
        assert sorted(set(theirs) - set(english)) == [], f"only in {locale}"
        for key, message in theirs.items():
            assert all(form.strip() for form in forms(message)), f"{locale} {key} is empty"
            assert not message.fuzzy, f"{locale} {key} is fuzzy"
            assert message.pluralizable == english[key].pluralizable, f"{locale} {key} plural"


def test_every_key_is_used_and_every_used_key_exists() -> None:
    """A key is used when the code names it (or it is a command's name/description); a
    ``t``/``tn`` call names only keys that exist."""
    known = set(entries(DEFAULT_LOCALE))
    used = metadata_keys() | (literals_in_code() & known)
    assert sorted(known - used) == [], "keys no code uses"
    called = set()
    for folder in ("bot", "commands"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in ("t", "tn")
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    called.add(node.args[0].value)
    assert sorted(called - known) == [], "keys the code asks for but no catalogue has"
    assert sorted(metadata_keys() - known) == [], "commands or options without texts"


def test_placeholders_are_the_same_in_every_locale() -> None:
    """A translation fills exactly the placeholders the English text fills."""
    english = entries(DEFAULT_LOCALE)
    for locale in LOCALES:
        for key, message in entries(locale).items():
            ours = set().union(*(placeholders(form) for form in forms(message)))
            wanted = set().union(*(placeholders(form) for form in forms(english[key])))
            assert ours == wanted, f"{locale} {key}: {sorted(ours)} vs {sorted(wanted)}"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_entry_renders(locale: Locale) -> None:
    """Each text formats with its placeholders filled (no stray braces), singular and plural."""
    for key, message in entries(locale).items():
        values = {name: "x" for form in forms(message) for name in placeholders(form)}
        with speaking(locale):
            if message.pluralizable:
                values.pop("count", None)
                for count in (0, 1, 2, 5):
                    assert tn(key, count, **values).strip()
            else:
                assert t(key, **values).strip()


def test_the_english_catalogue_says_what_the_command_tree_says() -> None:
    """The tree declares its English descriptions from the catalogue, and its names are the
    English catalogue's (Discord's default texts)."""
    for qualified, option, name, description in walk(tree().get_commands()):
        assert t_in("en-US", command_key(qualified, option, "name")) == name
        assert t_in("en-US", command_key(qualified, option, "description")) == description


async def test_the_translator_localises_every_command_and_option_within_discords_rules() -> None:
    """zh-CN names (lowercase, Discord's characters, unique per level) and descriptions
    (1-100 characters) for every command, subcommand and option; English stays the default."""
    built = tree()
    translator = CatalogueTranslator()

    def check(payload: dict[str, object], siblings: set[str]) -> None:
        names = payload["name_localizations"]
        descriptions = payload["description_localizations"]
        assert isinstance(names, dict) and isinstance(descriptions, dict)
        assert set(names) == {"zh-CN"} and set(descriptions) == {"zh-CN"}, payload["name"]
        name = names["zh-CN"]
        assert NAME.match(name) and name == name.lower(), name
        assert name not in siblings, f"two options called {name}"
        siblings.add(name)
        assert 1 <= len(descriptions["zh-CN"]) <= 100
        children: set[str] = set()
        for option in payload.get("options") or []:  # type: ignore[attr-defined]
            check(option, children)

    top: set[str] = set()
    for command in built.get_commands():
        check(await command.get_translated_payload(built, translator), top)


def test_numbers_are_grouped_by_babel_and_keep_the_figure() -> None:
    """Babel groups the digits by the locale; the rounding is the same in every locale."""
    for locale in LOCALES:
        with speaking(locale):
            assert decimal(1187.0) == "1,187"
            assert decimal(57.456) == "57.46"
            assert decimal(2.675) == f"{2.675:.2f}"
            assert decimal(-0.001) == "0"


#: Words in a string constant: two words of letters with a space between ("No model").
PROSE = re.compile(r"[A-Za-z]{2,}[,:;]? [A-Za-z]{2,}")
#: Where user-facing text is rendered: every command package, the shared renderers, the
#: console, the error boundary and the alert worker.
RENDERING = ("commands", "bot/console.py", "bot/tree.py", "bot/alerts.py")
#: Calls whose strings are not shown to users: logging, and ``english(...)``'s command names.
NOT_SHOWN_CALLS = {"getLogger", "english"}
LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}
#: Strings in rendering modules that are not user-facing, each for a reason.
NOT_USER_FACING = {
    "alert dispatcher",  # an asyncio task's name
    "internal error: ",  # an alert's retry reason, for operators (podium status, logs)
    "DejaVu Sans",  # font names
    "Noto Sans CJK SC",
    "try again in ",  # SlowDown's exception text (users read error.slow_down)
}


def _not_shown(tree: ast.AST) -> set[int]:
    """Nodes whose strings are never rendered: docstrings and attribute notes, log calls,
    raised exceptions."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))
        elif isinstance(node, ast.Raise):
            skipped |= {id(sub) for sub in ast.walk(node)}
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            logged = isinstance(func, ast.Attribute) and name in LOGGING
            if name in NOT_SHOWN_CALLS or logged:
                skipped |= {id(sub) for sub in ast.walk(node)}
    return skipped


def test_no_user_facing_literal_outside_the_catalogue() -> None:
    """Rendering modules hold no prose of their own: every sentence shown comes from the
    catalogue (a new English literal there fails here with its place)."""
    found = []
    for where in RENDERING:
        paths = [ROOT / where] if where.endswith(".py") else sorted((ROOT / where).rglob("*.py"))
        for path in paths:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            skipped = _not_shown(tree)
            found += [
                f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skipped
                and PROSE.search(node.value)
                and node.value not in NOT_USER_FACING
            ]
    assert found == []
