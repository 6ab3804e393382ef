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
