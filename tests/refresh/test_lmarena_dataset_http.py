"""The LMArena dataset over loopback HTTP: the file list decides what is downloaded, a changed
file brings a new snapshot and alerts, and a renamed key is not announced as left + new."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import date

import aiohttp
import pytest

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from data.domain.types import LoadReport
from tests.http_server import loopback_server
from tests.lmarena_mirror import HubMirror, fixture

TEXT = "text/latest-00000-of-00001.parquet"
TEXT_FULL = "text/full-00000-of-00001.parquet"
WEBDEV = "webdev/latest-00000-of-00001.parquet"
CHANNEL = 555


@dataclass
class World:
    mirror: HubMirror
    services: Services

    async def refresh(self) -> LoadReport:
        [report] = await self.services.leaderboards.refresh(["lmarena"])
        return report

    async def dates(self) -> dict[str, date | None]:
        return {
            summary.board.board_id: summary.as_of
            for summary in await self.services.leaderboards.board_summaries()
        }


@pytest.fixture
async def world(database_url: str, settings_for: Callable[..., Settings]) -> AsyncIterator[World]:
    """Podium whose lmarena source is a loopback mirror of the dataset."""
    async with loopback_server() as server:
        mirror = HubMirror(server)
        settings = settings_for(
            database_url,
            PODIUM_SOURCE_LMARENA_URL=mirror.url,
            PODIUM_FETCH_ATTEMPTS=1,
            PODIUM_FETCH_TIMEOUT=5,
        )
        async with aiohttp.ClientSession() as http, open_services(settings, http=http) as services:
            yield World(mirror, services)


async def test_only_changed_files_are_downloaded_and_a_rename_is_not_left_plus_new(
    world: World,
) -> None:
    """Unchanged ids: no parquet download. Text changed: only text is downloaded, stored as a
    new snapshot that alerts its followers; claude-opus-4-6-thinking -> -high keeps its model."""
    mirror = world.mirror
    mirror.publish(TEXT, fixture("text_latest_2026-08-11.parquet"))
    mirror.publish(TEXT_FULL, fixture("text_full.parquet"))
    mirror.publish(WEBDEV, fixture("webdev_latest.parquet"))

    first = await world.refresh()
    assert first.status == "new"
    dates = await world.dates()
    assert dates["lmarena"] == date(2026, 8, 11)
    assert (dates["lmarena_webdev"], dates["lmarena_webdev_html"]) == (
        date(2026, 10, 2),
        date(2026, 9, 28),
    )
    assert (mirror.downloads(TEXT), mirror.downloads(WEBDEV), mirror.downloads(TEXT_FULL)) == (
        1,
        1,
        0,
    )
    await world.services.subscriptions.follow_board(
        owner_id=1, guild_id=2, target=f"channel:{CHANNEL}", board="lmarena", top_n=10
    )

    again = await world.refresh()
    assert again.status == "not_modified"
    assert (mirror.downloads(TEXT), mirror.downloads(WEBDEV)) == (1, 1)

    mirror.publish(TEXT, fixture("text_latest_2026-08-12.parquet"))
    changed = await world.refresh()
    assert changed.status == "new"
    assert (mirror.downloads(TEXT), mirror.downloads(WEBDEV)) == (2, 1)
    assert (await world.dates())["lmarena"] == date(2026, 8, 12)
    [outcome] = [b for b in changed.boards if b.board_id == "lmarena"]
    kinds = {(change.kind, change.key) for change in outcome.changes}
    assert ("new_leader", "gpt-5.5-high") in kinds
    assert ("new_model", "gpt-5.5-high") in kinds
    assert not {key for kind, key in kinds if kind in ("new_model", "removed")} & {
        "claude-opus-4-6-high",
        "claude-opus-4-6-thinking",
    }

    [alert] = await world.services.subscriptions.claim_due()
    assert alert.destination == f"channel:{CHANNEL}"
    [section] = alert.sections
    assert section.board.board_id == "lmarena" and section.as_of == date(2026, 8, 12)
    announced = {(change.kind, change.name) for change in section.changes}
    assert ("new_leader", "gpt-5.5-high") in announced
    assert not any("claude-opus-4-6" in name for _, name in announced)

    history = await world.services.leaderboards.history(["claude-opus-4-6-high"], "lmarena")
    [series] = history.series
    assert [(p.as_of, p.name, p.score) for p in series.points] == [
        (date(2026, 8, 11), "claude-opus-4-6-thinking", 1498.8731),
        (date(2026, 8, 12), "claude-opus-4-6-high", 1498.8731),
    ]


async def test_a_refused_download_is_fetched_again_next_time(world: World) -> None:
    """File ids are remembered only when the files were stored: after a refusal (a broken
    file), the next refresh downloads the subset again instead of calling it unchanged."""
    mirror = world.mirror
    mirror.publish(TEXT, b"PAR1 not really parquet")
    refused = await world.refresh()
    assert refused.status == "refused" and "unreadable parquet" in refused.reason
    retried = await world.refresh()
    assert retried.status == "refused"
    assert mirror.downloads(TEXT) == 2
    mirror.publish(TEXT, fixture("text_latest.parquet"))
    assert (await world.refresh()).status == "new"
    assert (await world.dates())["lmarena_korean"] == date(2026, 9, 30)
