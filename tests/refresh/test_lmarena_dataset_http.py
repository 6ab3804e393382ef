"""The LMArena dataset over loopback HTTP: the file list decides what is downloaded, a changed
file brings a new snapshot and alerts, and a renamed key is not announced as left + new."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import date

import aiohttp
import pyarrow as pa
import pyarrow.parquet as pq
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
        [report] = await self.services.loading.refresh(["lmarena"])
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

    [alert] = await world.services.outbox.claim_due()
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


def redated(name: str, day: str) -> bytes:
    """A constructed file with every row's publication date set to ``day``."""
    table = pq.read_table(io.BytesIO(fixture(name)))
    column = pa.array([day] * table.num_rows, type=pa.string())
    table = table.set_column(
        table.schema.get_field_index("leaderboard_publish_date"), "leaderboard_publish_date", column
    )
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()


async def test_a_same_day_republication_under_a_new_key_is_a_rename(world: World) -> None:
    """The 2026-08-12 board first published with ``claude-opus-4-6-thinking``, then
    republished the same day with ``claude-opus-4-6-high`` (same rating and votes): the new
    snapshot replaces it, and nobody hears of a departure or a newcomer for that model."""
    mirror = world.mirror
    mirror.publish(TEXT, redated("text_latest_2026-08-11.parquet", "2026-08-12"))
    assert (await world.refresh()).status == "new"
    await world.services.subscriptions.follow_board(
        owner_id=1, guild_id=2, target=f"channel:{CHANNEL}", board="lmarena", top_n=10
    )
    mirror.publish(TEXT, fixture("text_latest_2026-08-12.parquet"))
    changed = await world.refresh()
    [outcome] = [b for b in changed.boards if b.board_id == "lmarena"]
    assert outcome.status == "new" and outcome.as_of == date(2026, 8, 12)
    assert {c.key for c in outcome.changes if c.kind in ("new_model", "removed")} == {
        "gpt-5.5-high"
    }
    top = await world.services.leaderboards.top("lmarena")
    assert "claude-opus-4-6-high" in [row.name for row in top.rows]
    assert "claude-opus-4-6-thinking" not in [row.name for row in top.rows]
    [alert] = await world.services.outbox.claim_due()
    assert not any("claude-opus-4-6" in c.name for s in alert.sections for c in s.changes)


def shards(name: str, count: int) -> list[bytes]:
    """A constructed file cut into ``count`` parquet shards (rows in order)."""
    table = pq.read_table(io.BytesIO(fixture(name)))
    size = -(-table.num_rows // count)
    parts = []
    for index in range(count):
        sink = io.BytesIO()
        pq.write_table(table.slice(index * size, size), sink)
        parts.append(sink.getvalue())
    return parts


async def test_a_subset_in_shards_is_downloaded_whole_when_one_shard_changes(
    world: World,
) -> None:
    """Shard 2 of 2 changes: both shards are downloaded, so a board is never built from half
    the file (shard 2 alone would be one overall row)."""
    mirror = world.mirror
    names = [f"text/latest-0000{i}-of-00002.parquet" for i in range(2)]
    for path, content in zip(names, shards("text_latest.parquet", 2), strict=True):
        mirror.publish(path, content)
    assert (await world.refresh()).status == "new"
    boards = await world.dates()
    assert (boards["lmarena"], boards["lmarena_korean"]) == (date(2026, 10, 2), date(2026, 9, 30))
    # the same rows written again (another compression): a new file id, the same content
    second = pq.read_table(io.BytesIO(shards("text_latest.parquet", 2)[1]))
    sink = io.BytesIO()
    pq.write_table(second, sink, compression="gzip")
    mirror.publish(names[1], sink.getvalue())
    again = await world.refresh()
    assert [mirror.downloads(path) for path in names] == [2, 2]
    assert again.status == "unchanged"  # read whole: every board as it was
    overall = await world.services.leaderboards.top("lmarena")
    assert overall.board_size == 18


async def test_a_subset_listed_on_the_second_page_is_stored_and_a_hostile_next_page_is_refused(
    world: World,
) -> None:
    """The Hub pages its file list: webdev, listed on page 2 only, is fetched like text. When
    the list's next link then points at another host, the refresh is refused with the reason,
    nothing is downloaded and the stored boards stay as they were."""
    mirror = world.mirror
    mirror.page_size = 4  # page 1: folders text and webdev, README, text; page 2: webdev
    mirror.publish(TEXT, fixture("text_latest_2026-08-11.parquet"))
    mirror.publish(WEBDEV, fixture("webdev_latest.parquet"))

    assert (await world.refresh()).status == "new"
    before = await world.dates()
    assert (before["lmarena"], before["lmarena_webdev"]) == (date(2026, 8, 11), date(2026, 10, 2))

    mirror.publish(TEXT, fixture("text_latest_2026-08-12.parquet"))
    mirror.next_link = "http://hub.invalid/api/datasets/lmarena-ai/leaderboard-dataset/tree/main"
    refused = await world.refresh()
    assert refused.status == "refused"
    assert "next page to another host (hub.invalid)" in refused.reason
    assert mirror.downloads(TEXT) == 1
    assert await world.dates() == before
