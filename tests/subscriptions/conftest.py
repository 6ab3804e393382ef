"""Podium's services on a fresh database holding the Arena board of 2024-07-07."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from data.domain.delivery import Subscription
from data.domain.types import LoadReport
from data.store.session import create_engine, create_session_factory
from data.store.tables import AlertOutboxTable
from tests.conftest import FrozenClock, fixture_file

OLDER = "lmarena/fboulnois_lmsys_2024-07-07.csv"
NEWER = "lmarena/fboulnois_lmsys_2024-08-14.csv"
GUILD, OTHER_GUILD = 10, 11
CHANNEL, ALERT_CHANNEL = 100, 101
ALICE, BOB, CAROL, MOD = 1, 2, 3, 9


@dataclass
class World:
    """The services, and a session factory of their database for assertions."""

    services: Services
    sessions: async_sessionmaker[AsyncSession]
    clock: FrozenClock

    async def outbox(self) -> list[AlertOutboxTable]:
        """Every outbox row, oldest first."""
        async with self.sessions() as session:
            query = select(AlertOutboxTable).order_by(AlertOutboxTable.id)
            return list(await session.scalars(query))


@pytest.fixture
async def world(
    database_url: str, settings_for: Callable[..., Settings], clock: FrozenClock
) -> AsyncIterator[World]:
    """Services (alert lease 60 s, retries from 30 s, 3 attempts) on the 2024-07-07 board."""
    settings = settings_for(
        database_url, PODIUM_ALERT_LEASE=60, PODIUM_ALERT_RETRY=30, PODIUM_ALERT_MAX_ATTEMPTS=3
    )
    engine = create_engine(database_url)
    try:
        async with open_services(settings, clock=clock) as services:
            report = await load(services, OLDER)
            assert report.status == "new"
            yield World(services, create_session_factory(engine), clock)
    finally:
        await engine.dispose()


async def load(services: Services, name: str) -> LoadReport:
    """One Arena fixture file, stored as what the source serves now (as a fetch stores it),
    so it becomes current and alerts."""
    return await services.loading.import_files("lmarena", [fixture_file(name)], via="fetch")


async def load_history(services: Services, name: str, as_of: date | None = None) -> LoadReport:
    """One Arena fixture file imported as history (``podium import``): it never alerts."""
    return await services.loading.import_files("lmarena", [fixture_file(name)], as_of)


async def follow_board(
    services: Services, channel: int = CHANNEL, top_n: int = 10, guild: int = GUILD
) -> Subscription:
    """A moderator's channel subscription to the Arena's main board."""
    return await services.subscriptions.follow_board(
        owner_id=MOD, guild_id=guild, target=f"channel:{channel}", board="lmarena", top_n=top_n
    )


async def follow_model(
    services: Services, user: int, model: str, **options: object
) -> Subscription:
    """A user's DM subscription to a model (which must resolve)."""
    result = await services.subscriptions.follow_model(
        user_id=user,
        guild_id=GUILD,
        model=model,
        **options,  # type: ignore[arg-type]
    )
    assert result.subscription is not None, result.resolution
    return result.subscription
