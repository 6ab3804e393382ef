"""``podium backfill lmarena`` over a loopback mirror of the dataset: the ``full`` files become
dated snapshots, with progress, resumable, silent, and never in place of the current data."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import aiohttp
import pytest

from bot.cli import main
from bot.services import open_services
from bot.settings import Settings
from commands import Services
from data.backfill import BackfillStep
from tests.http_server import loopback_server
from tests.lmarena_mirror import HubMirror, fixture

TEXT_FULL = "text/full-00000-of-00001.parquet"
TEXT_DATES = [
    date(2023, 5, 8),
    date(2024, 1, 9),
    date(2026, 4, 19),
    date(2026, 8, 11),
    date(2026, 8, 12),
    date(2026, 9, 30),
    date(2026, 10, 2),
]


def publish_everything(mirror: HubMirror) -> None:
    """Latest and full files of text, webdev and the agent arena."""
    for subset in ("text", "webdev", "agent"):
        mirror.publish(
            f"{subset}/latest-00000-of-00001.parquet", fixture(f"{subset}_latest.parquet")
        )
        mirror.publish(f"{subset}/full-00000-of-00001.parquet", fixture(f"{subset}_full.parquet"))


@dataclass
class World:
    mirror: HubMirror
    services: Services
    steps: list[tuple[str, BackfillStep | None]]

    async def backfill(self, since: date | None = None) -> object:
        async def record(file: str, step: BackfillStep | None) -> None:
            self.steps.append((file, step))

        return await self.services.loading.backfill("lmarena", since, record)

    def handled(self, file: str = TEXT_FULL) -> list[tuple[date, str]]:
        return [(s.as_of, s.status) for f, s in self.steps if f == file and s is not None]


@pytest.fixture
async def world(database_url: str, settings_for: Callable[..., Settings]) -> AsyncIterator[World]:
    async with loopback_server() as server:
        mirror = HubMirror(server)
        publish_everything(mirror)
        settings = settings_for(
            database_url, PODIUM_SOURCE_LMARENA_URL=mirror.url, PODIUM_FETCH_ATTEMPTS=1
        )
        async with aiohttp.ClientSession() as http, open_services(settings, http=http) as services:
            yield World(mirror, services, [])


async def test_backfill_stores_every_date_silently_and_keeps_the_current_snapshot(
    world: World,
) -> None:
    """After a refresh (current data of 2026-10-02) and a board subscription, the backfill
    stores the five older text dates, skips those the refresh stored, queues no alert, keeps
    the 2026-10-02 board current, and the renamed Claude keeps one history."""
    [refreshed] = await world.services.loading.refresh(["lmarena"])
    assert refreshed.status == "new"
    await world.services.subscriptions.follow_board(
        owner_id=1, guild_id=2, target="channel:3", board="lmarena", top_n=10
    )

    report = await world.backfill()

    assert (TEXT_FULL, None) in world.steps  # told about the download first
    assert world.handled() == [
        (day, "skipped" if day >= date(2026, 9, 30) else "new") for day in TEXT_DATES
    ]
    assert [s.index for f, s in world.steps if f == TEXT_FULL and s] == list(range(1, 8))
    assert world.handled("agent/full-00000-of-00001.parquet") == [
        (date(2026, 6, 4), "new"),
        (date(2026, 7, 6), "skipped"),
    ]
    assert (report.new, report.skipped, report.refused) == (7, 4, ())  # type: ignore[attr-defined]
    assert await world.services.outbox.claim_due() == []

    summaries = {s.board.board_id: s for s in await world.services.leaderboards.board_summaries()}
    assert summaries["lmarena"].as_of == date(2026, 10, 2)
    top = await world.services.leaderboards.top("lmarena")
    assert top.rows[0].name == "gemini-4-argon-high" and top.as_of == date(2026, 10, 2)

    history = await world.services.leaderboards.history(["claude-opus-4-6-high"], "lmarena")
    [series] = history.series
    assert [(p.as_of, p.name) for p in series.points] == [
        (date(2026, 4, 19), "claude-opus-4-6-thinking"),
        (date(2026, 8, 11), "claude-opus-4-6-thinking"),
        (date(2026, 8, 12), "claude-opus-4-6-high"),
        (date(2026, 10, 2), "claude-opus-4-6-high"),
    ]
    elo = await world.services.leaderboards.history(["vicuna-13b"], "lmarena")
    assert elo.series[0].points[0].as_of == date(2023, 5, 8)
    assert (elo.series[0].points[0].rank, elo.series[0].points[0].score) == (1, 1094.0)


async def test_an_interrupted_backfill_resumes_and_a_second_run_stores_nothing(
    world: World,
) -> None:
    """``--since`` first (as if the run stopped after the newest dates), then everything: the
    rest is stored once; a third run skips every date."""
    first = await world.backfill(since=date(2026, 8, 12))
    assert [day for day, _ in world.handled()] == TEXT_DATES[4:]
    # webdev republished 2026-09-28's overall board unchanged on 2026-10-02: not stored twice
    assert (first.new, first.unchanged) == (4, 1)  # type: ignore[attr-defined]
    world.steps.clear()
    await world.backfill()
    assert world.handled() == [
        (day, "new" if day < date(2026, 8, 12) else "skipped") for day in TEXT_DATES
    ]
    world.steps.clear()
    again = await world.backfill()
    assert again.new == 0 and again.refused == ()  # type: ignore[attr-defined]
    assert {status for _, status in world.handled()} == {"skipped"}
    assert await world.services.outbox.claim_due() == []


async def test_cli_backfill_prints_progress_and_a_summary(
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``podium backfill lmarena --since 2026-08-12``: a line per file and date, then totals."""
    async with loopback_server() as server:
        mirror = HubMirror(server)
        publish_everything(mirror)
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("PODIUM_DATABASE_URL", database_url)
        monkeypatch.setenv("PODIUM_BUNDLED_DATA", "0")
        monkeypatch.setenv("PODIUM_SOURCE_LMARENA_URL", mirror.url)
        monkeypatch.delenv("DISCORD_TOKEN", raising=False)
        code = await asyncio.to_thread(main, ["backfill", "lmarena", "--since", "2026-08-12"])
    out, err = capsys.readouterr()
    assert code == 0
    assert f"lmarena: downloaded {TEXT_FULL}" in err
    assert f"lmarena: {TEXT_FULL} 1/3 2026-08-12 new (1 boards)" in err
    assert f"lmarena: {TEXT_FULL} 3/3 2026-10-02 new (2 boards)" in err
    assert out.strip() == (
        "lmarena: backfill of 3 file(s): 4 date(s) stored, 1 unchanged, 0 already stored, 0 refused"
    )


async def test_an_unreadable_history_file_is_reported_and_the_others_are_loaded(
    world: World,
) -> None:
    """A broken ``full`` file is one refused line; the other subsets' history is stored."""
    world.mirror.publish("webdev/full-00000-of-00001.parquet", b"PAR1 broken")
    report = await world.backfill()
    [refused] = report.refused  # type: ignore[attr-defined]
    assert refused.file == "webdev/full-00000-of-00001.parquet" and refused.as_of is None
    assert "unreadable parquet" in refused.reason
    assert [status for _, status in world.handled()] == ["new"] * len(TEXT_DATES)


@pytest.mark.parametrize(
    ("source", "code", "message"),
    [
        ("open_llm", 1, "open_llm: backfill failed: this source publishes no history to backfill"),
        ("nosuch", 2, "unknown source 'nosuch'"),
    ],
)
def test_cli_backfill_of_a_source_without_history_says_so(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    source: str,
    code: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PODIUM_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'p.sqlite3'}")
    monkeypatch.setenv("PODIUM_BUNDLED_DATA", "0")
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert main(["backfill", source]) == code
    assert message in capsys.readouterr().err
