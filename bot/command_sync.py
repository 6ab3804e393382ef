"""Sync slash commands only when they changed.

Discord allows 200 command creates per day and guild; syncing on every start (or worse, on every
reconnect) of several processes burns through that. Reading the registered commands is free, so
each start compares them with ours and writes only a difference. Ours are compared as the tree
would send them, translated: a changed or new localisation is a difference too.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Mapping
from typing import Any

import discord
from discord import app_commands

log = logging.getLogger(__name__)

#: Option fields that change what users see or send, with Discord's defaults.
_OPTION_DEFAULTS: Mapping[str, Any] = {
    "required": False,
    "autocomplete": False,
    "choices": [],
    "options": [],
    "min_value": None,
    "max_value": None,
    "min_length": None,
    "max_length": None,
    "channel_types": [],
    "name_localizations": {},
    "description_localizations": {},
}


def _option(option: Mapping[str, Any]) -> dict[str, Any]:
    normal = {key: option.get(key) or default for key, default in _OPTION_DEFAULTS.items()}
    normal.update(type=int(option["type"]), name=option["name"], description=option["description"])
    normal["choices"] = [
        [c["name"], c["value"], c.get("name_localizations") or {}] for c in normal["choices"]
    ]
    normal["options"] = [_option(o) for o in normal["options"]]
    normal["channel_types"] = sorted(int(t) for t in normal["channel_types"])
    return normal


def _command(
    payload: Mapping[str, Any], permissions: int | None, guild_only: bool
) -> dict[str, Any]:
    return {
        "name": payload["name"],
        "type": int(payload.get("type") or 1),
        "description": payload.get("description") or "",
        "options": [_option(o) for o in payload.get("options") or []],
        "name_localizations": payload.get("name_localizations") or {},
        "description_localizations": payload.get("description_localizations") or {},
        "default_member_permissions": permissions,
        "guild_only": guild_only,
    }


def _digest(commands: list[dict[str, Any]]) -> str:
    ordered = sorted(commands, key=lambda c: (c["type"], c["name"]))
    return hashlib.sha256(json.dumps(ordered, sort_keys=True, default=str).encode()).hexdigest()


async def local_digest(
    tree: app_commands.CommandTree[Any], guild: discord.abc.Snowflake | None
) -> str:
    """A digest of the commands this process would register (with their localisations when
    the tree has a translator)."""
    commands = tree.get_commands(guild=guild)
    translator = tree.translator
    if translator is None:
        payloads = [command.to_dict(tree) for command in commands]
    else:
        payloads = [await command.get_translated_payload(tree, translator) for command in commands]
    return _digest(
        [
            _command(
                p,
                int(p["default_member_permissions"])
                if p.get("default_member_permissions")
                else None,
                p.get("dm_permission") is False or p.get("contexts") == [0],
            )
            for p in payloads
        ]
    )


def remote_digest(commands: list[app_commands.AppCommand]) -> str:
    """A digest of the commands Discord has registered."""
    return _digest(
        [
            _command(
                command.to_dict(),
                command.default_member_permissions.value
                if command.default_member_permissions is not None
                else None,
                not command.dm_permission or command.to_dict().get("contexts") == [0],
            )
            for command in commands
        ]
    )


async def sync_if_changed(
    tree: app_commands.CommandTree[Any], guild: discord.abc.Snowflake | None = None
) -> bool:
    """Register the commands with Discord unless identical ones are there; True when synced."""
    registered = await tree.fetch_commands(guild=guild)
    if remote_digest(registered) == await local_digest(tree, guild):
        log.info("commands unchanged (%d); not syncing", len(registered))
        return False
    synced = await tree.sync(guild=guild)
    log.info("synced %d commands%s", len(synced), f" to guild {guild.id}" if guild else "")
    return True
