"""Discord's side of the catalogue: localised command names and descriptions, and the locale
an interaction is answered in.

Command metadata is keyed by where it sits in the tree: ``command.<name>[.<sub>].name`` and
``.description``, ``command.<name>.option.<option>.name`` and ``.description``. The cogs
declare their English descriptions from the catalogue (``english``); that is Discord's default
text, so only the other locales are sent as ``name_localizations`` and
``description_localizations``. Autocomplete choices are data (model names, the user's
subscriptions, already rendered in the user's locale): never translated.
"""

from __future__ import annotations

import discord
from discord import app_commands

from commands.i18n import has_key, t_in
from data.domain.locales import DEFAULT_LOCALE, Locale, parse_locale

_Location = app_commands.TranslationContextLocation
_NAMES = (_Location.command_name, _Location.group_name, _Location.parameter_name)
_DESCRIPTIONS = (
    _Location.command_description,
    _Location.group_description,
    _Location.parameter_description,
)


def command_key(qualified_name: str, option: str | None, field: str) -> str:
    """The catalogue key of a command's (or its option's) ``name`` or ``description``."""
    key = "command." + qualified_name.replace(" ", ".")
    return f"{key}.option.{option}.{field}" if option else f"{key}.{field}"


def english(qualified_name: str, option: str | None = None) -> str:
    """The English description of a command (or of its ``option``) from the catalogue: what
    the command tree declares, as Discord's default text."""
    return t_in(DEFAULT_LOCALE, command_key(qualified_name, option, "description"))


def metadata_key(context: app_commands.TranslationContextTypes) -> str | None:
    """Which catalogue key a string of the command tree is, or None (choices, other)."""
    if context.location in _NAMES:
        field = "name"
    elif context.location in _DESCRIPTIONS:
        field = "description"
    else:
        return None
    data = context.data
    if isinstance(data, app_commands.Parameter):
        return command_key(data.command.qualified_name, data.name, field)
    if isinstance(data, app_commands.Command | app_commands.Group):
        return command_key(data.qualified_name, None, field)
    return None


class CatalogueTranslator(app_commands.Translator):
    """Gives every command, subcommand and option its name and description in each locale
    Podium speaks besides English, from the catalogue."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        """The catalogue's text for ``string`` in ``locale``; None to keep the English."""
        podium = parse_locale(locale.value)
        key = metadata_key(context)
        if podium is None or podium == DEFAULT_LOCALE or key is None:
            return None
        return t_in(podium, key) if has_key(podium, key) else None


def interaction_locale(interaction: discord.Interaction) -> Locale:
    """The locale to answer in: the user's, else the server's preferred one, else English."""
    return parse_locale(interaction.locale.value) or guild_locale(interaction) or DEFAULT_LOCALE


def guild_locale(interaction: discord.Interaction) -> Locale | None:
    """The server's preferred locale when Podium speaks it (``None`` in a DM or otherwise)."""
    return parse_locale(interaction.guild_locale.value) if interaction.guild_locale else None
