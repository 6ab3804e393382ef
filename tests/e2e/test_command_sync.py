"""Commands are written to Discord only when they changed (200 creates a day per guild)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.client import PodiumBot
from commands import Services

from .conftest import podium_services
from .fake_discord import GUILD_ID, FakeDiscord, run_client

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def services(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Services]:
    """Podium on an empty SQLite database (commands do not depend on data)."""
    async with podium_services(tmp_path_factory.mktemp("sync")) as opened:
        yield opened


def puts(fake: FakeDiscord) -> list[str]:
    return [r.path for r in fake.requests if r.method == "PUT" and r.path.endswith("/commands")]


async def start_once(services: Services, fake: FakeDiscord, guild: int | None) -> None:
    async with run_client(PodiumBot(services, dev_guild_id=guild, guild_ready_timeout=0.1)):
        pass


@pytest.mark.parametrize("guild", [GUILD_ID, None], ids=["dev-guild", "global"])
async def test_a_restart_with_the_same_commands_writes_nothing(
    services: Services, fake_discord: FakeDiscord, discord_endpoints: FakeDiscord, guild: int | None
) -> None:
    """First start syncs; the second only reads; a changed command is synced again."""
    await start_once(services, fake_discord, guild)
    assert len(puts(fake_discord)) == 1
    registered = fake_discord.synced_commands(guild_id=guild)
    assert "rank" in {c["name"] for c in registered}

    fake_discord.reset_traffic()
    await start_once(services, fake_discord, guild)
    assert puts(fake_discord) == []
    assert any(r.method == "GET" and r.path.endswith("/commands") for r in fake_discord.requests)

    # Someone edited the registered /rank (or an older version is registered): sync again.
    stored = fake_discord._commands[guild]
    next(c for c in stored if c["name"] == "rank")["description"] = "an older description"
    fake_discord.reset_traffic()
    await start_once(services, fake_discord, guild)
    assert len(puts(fake_discord)) == 1


async def test_the_synced_tree_carries_the_chinese_localisations(
    services: Services, fake_discord: FakeDiscord, discord_endpoints: FakeDiscord
) -> None:
    """Every command, subcommand and option reaches Discord with a zh-CN name and
    description (the fake refuses names Discord would refuse); registered commands without
    them (an older Podium) are synced again."""
    await start_once(services, fake_discord, GUILD_ID)
    registered = {c["name"]: c for c in fake_discord.synced_commands(guild_id=GUILD_ID)}
    assert registered["rank"]["name_localizations"] == {"zh-CN": "排名"}
    assert registered["rank"]["description_localizations"]["zh-CN"].startswith("模型")
    model = next(o for o in registered["rank"]["options"] if o["name"] == "model")
    assert model["name_localizations"] == {"zh-CN": "模型"}

    def every_level(payloads: list[dict[str, object]]) -> list[dict[str, object]]:
        found = []
        for payload in payloads:
            found.append(payload)
            found.extend(every_level(payload.get("options") or []))  # type: ignore[arg-type]
        return found

    for payload in every_level(list(registered.values())):
        assert "zh-CN" in (payload.get("name_localizations") or {}), payload["name"]
        assert "zh-CN" in (payload.get("description_localizations") or {}), payload["name"]

    for command in fake_discord._commands[GUILD_ID]:
        command["name_localizations"] = {}
    fake_discord.reset_traffic()
    await start_once(services, fake_discord, GUILD_ID)
    assert len(puts(fake_discord)) == 1
    fake_discord.reset_traffic()
    await start_once(services, fake_discord, GUILD_ID)
    assert puts(fake_discord) == []
