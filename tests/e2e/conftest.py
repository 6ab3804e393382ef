"""Fixtures for end-to-end tests against the loopback fake Discord (see ``fake_discord.py``).

The fake and a bot connected to it are meant to be shared by a whole test module: starting a
client costs a login and ``guild_ready_timeout`` (2 s unless the client is given less). The
fixtures therefore live on the module's event loop, and test modules using them must run
there too::

    pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="module")]

Podium itself is the ``bot`` fixture: the real PodiumBot on a new SQLite file holding the
test module's ``DATA`` (``tests.datasets`` files; the mid-2024 files of every source when the
module sets none), with the module's ``COOLDOWN_S`` (none when it sets none). Another client
in a test module looks like::

    @pytest_asyncio.fixture(scope="module", loop_scope="module")
    async def bot(fake_discord_server, discord_endpoints):
        async with run_client(MyBot(guild_ready_timeout=0.1)) as client:
            yield client

and each test takes ``fake_discord`` (the same server, its traffic records cleared).

For other guilds or shards, override ``fake_discord_server`` in the test module. A bot that
sets the endpoints itself (``bot.client.apply_endpoints``) should still request
``discord_endpoints``: it restores discord.py's class attributes after the module.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import pytest
import pytest_asyncio

from bot.client import PodiumBot
from bot.services import open_services
from bot.settings import Settings
from commands import Services
from tests.datasets import MID_2024, load

from .fake_discord import GUILD_ID, FakeDiscord, point_discord_at, run_client


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake_discord_server() -> AsyncIterator[FakeDiscord]:
    """A fake Discord with the default guild and one shard, running for the module."""
    async with FakeDiscord() as fake:
        yield fake


@pytest.fixture(scope="module")
def discord_endpoints(fake_discord_server: FakeDiscord) -> Iterator[FakeDiscord]:
    """discord.py's ``Route.BASE`` and ``DEFAULT_GATEWAY`` pointed at the module's fake,
    restored afterwards (for clients that do not configure the endpoints themselves)."""
    with point_discord_at(fake_discord_server):
        yield fake_discord_server


@pytest.fixture
def fake_discord(fake_discord_server: FakeDiscord) -> FakeDiscord:
    """The module's fake with clean traffic records and no pending faults, for one test.

    Sessions, synced commands and users survive, so a module-scoped bot keeps working.
    Change ``response_window`` / ``followup_window`` with ``monkeypatch.setattr``.
    """
    fake_discord_server.reset_traffic()
    return fake_discord_server


@asynccontextmanager
async def podium_services(directory: Path, cooldown_s: float = 0) -> AsyncIterator[Services]:
    """Podium's services on a new SQLite file in ``directory``, without the bundled data.

    Cooldowns are off unless asked for: the tests of a module share one bot and one user
    (``test_cooldowns.py`` tests them)."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        PODIUM_DATABASE_URL=f"sqlite+aiosqlite:///{directory / 'podium.sqlite3'}",
        PODIUM_BUNDLED_DATA=False,
        PODIUM_COOLDOWN_S=cooldown_s,
    )
    async with open_services(settings) as services:
        yield services


def run_podium(services: Services) -> AbstractAsyncContextManager[PodiumBot]:
    """The real PodiumBot on ``services``, connected to the module's fake (see ``run_client``),
    its commands synced to the fake's guild."""
    return run_client(PodiumBot(services, dev_guild_id=GUILD_ID, guild_ready_timeout=0.1))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    request: pytest.FixtureRequest,
    fake_discord_server: FakeDiscord,
    discord_endpoints: FakeDiscord,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[PodiumBot]:
    """The real PodiumBot for the test module, connected to its fake, on a new SQLite file
    holding the module's ``DATA`` (default: the mid-2024 files of every source) and with its
    ``COOLDOWN_S`` (default: none)."""
    data = getattr(request.module, "DATA", MID_2024)
    cooldown_s = getattr(request.module, "COOLDOWN_S", 0)
    directory = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])
    async with podium_services(directory, cooldown_s) as services:
        await load(services, data)
        async with run_podium(services) as client:
            yield client
