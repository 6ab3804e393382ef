"""Storing snapshots: history kept, unchanged content skipped, bad input refused losing nothing."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from data.domain.types import SourceFile
from data.ingest import Ingestor
from data.sources.livebench import LiveBenchSource
from data.sources.lmarena import LMArenaSource
from data.store.migrate import upgrade
from data.store.repositories import LeaderboardRepository
from data.store.session import create_engine, create_session_factory
from data.store.tables import EntryTable, SnapshotTable, SourceCheckTable
from tests.conftest import FrozenClock, fixture_file

OLDER = "lmarena/fboulnois_lmsys_2024-07-07.csv"
NEWER = "lmarena/fboulnois_lmsys_2024-08-14.csv"


def lowercase_identity(name: str, key: str) -> tuple[str, str]:
    """A stand-in identity: the tests here are about storage, not name resolution."""
    return name.lower(), name


@dataclass
class Store:
    sessions: async_sessionmaker[AsyncSession]
    ingestor: Ingestor

    async def count(self, table: type) -> int:
        async with self.sessions() as session:
            return int(await session.scalar(select(func.count()).select_from(table)) or 0)


@pytest.fixture
async def store(database_url: str, clock: FrozenClock) -> AsyncIterator[Store]:
    engine = create_engine(database_url)
    await upgrade(engine)
    sessions = create_session_factory(engine)
    yield Store(sessions, Ingestor(sessions, lowercase_identity, clock))
    await engine.dispose()


async def load(store: Store, *files: SourceFile):  # type: ignore[no-untyped-def]
    source = LMArenaSource()
    parsed = source.parse(list(files))
    return await store.ingestor.store(source, parsed, ", ".join(f.name for f in files))


async def test_first_import_stores_every_row_with_the_file_date(store: Store) -> None:
    """The 2024-07-07 page CSV has 115 models; the snapshot is dated from the file name."""
    report = await load(store, fixture_file(OLDER))
    assert report.status == "new"
    assert [(b.board_id, b.rows, b.as_of.isoformat()) for b in report.boards] == [
        ("lmarena", 115, "2024-07-07")
    ]
    assert await store.count(EntryTable) == 115


async def test_names_are_read_off_the_event_loop(database_url: str, clock: FrozenClock) -> None:
    """Reading every row's name is a load's CPU work: a worker thread does it, so the event
    loop keeps answering commands meanwhile; the transaction finds the identities remembered."""
    threads: list[threading.Thread] = []

    def identify(name: str, key: str) -> tuple[str, str]:
        threads.append(threading.current_thread())
        return lowercase_identity(name, key)

    engine = create_engine(database_url)
    await upgrade(engine)
    sessions = create_session_factory(engine)
    try:
        report = await load(
            Store(sessions, Ingestor(sessions, identify, clock)), fixture_file(OLDER)
        )
    finally:
        await engine.dispose()
    assert report.status == "new"
    assert len(threads) == 115  # each name once
    assert threading.main_thread() not in threads


async def test_identical_content_is_checked_but_not_stored_again(store: Store) -> None:
    """Loading the same file twice keeps one snapshot and logs an 'unchanged' check."""
    await load(store, fixture_file(OLDER))
    again = await load(store, fixture_file(OLDER))
    assert again.status == "unchanged"
    assert await store.count(SnapshotTable) == 1
    async with store.sessions() as session:
        statuses = list(
            await session.scalars(select(SourceCheckTable.status).order_by(SourceCheckTable.id))
        )
    assert statuses == ["new", "unchanged"]


async def test_every_distinct_snapshot_is_kept_as_history(store: Store) -> None:
    """Two dates, two snapshots; the newer one is current."""
    await load(store, fixture_file(OLDER))
    await load(store, fixture_file(NEWER))
    async with store.sessions() as session:
        kept = await session.scalars(
            select(SnapshotTable.as_of)
            .where(SnapshotTable.board_id == "lmarena")
            .order_by(SnapshotTable.as_of)
        )
        history = [day.isoformat() for day in kept]
        current = await LeaderboardRepository(session).current_snapshot("lmarena")
    assert history == ["2024-07-07", "2024-08-14"]
    assert current is not None and current.row_count == 128


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<!DOCTYPE html><html><body>502 Bad Gateway</body></html>", "HTML page"),
        (b"", "empty"),
        (b"name,elo\nfoo,1200\n", "found name, elo"),
    ],
)
async def test_bad_files_are_refused_and_the_data_kept(
    store: Store, content: bytes, reason: str
) -> None:
    """A broken download never replaces the stored board."""
    await load(store, fixture_file(OLDER))
    source = LMArenaSource()
    with pytest.raises(Exception, match=reason) as caught:
        source.parse([SourceFile("lmarena_text.csv", content)])
    assert "lmarena_text.csv" in str(caught.value)
    assert await store.count(SnapshotTable) == 1
    assert await store.count(EntryTable) == 115


async def test_a_truncated_board_is_refused_because_most_models_vanished(store: Store) -> None:
    """A cut-off CSV with 30 of 128 rows parses, but validation refuses it."""
    await load(store, fixture_file(OLDER))
    full = fixture_file(NEWER).content.decode()
    truncated = "\n".join(full.splitlines()[:31]).encode()
    report = await load(store, SourceFile("fboulnois_lmsys_2024-08-14.csv", truncated))
    assert report.status == "refused"
    assert "vanished" in report.reason
    assert await store.count(SnapshotTable) == 1
    async with store.sessions() as session:
        check = await session.scalar(select(SourceCheckTable).order_by(SourceCheckTable.id.desc()))
    assert check is not None and check.status == "refused" and "vanished" in check.message


async def test_a_new_livebench_release_may_replace_every_model(store: Store) -> None:
    """A new edition (release) is not refused for dropping the previous release's models, and
    starts a silent baseline: no ranking changes against a different question set."""
    source = LiveBenchSource()
    changes = {}
    for table, release in (
        ("livebench_table_2024_07_26_as_of_2024-08-19.csv", "2024_07_26"),
        ("livebench_table_2024_07_26_as_of_2024-09-07.csv", "2024_07_26"),
        ("livebench_table_2026_01_08_as_of_2026-06-30.csv", "2026_01_08"),
    ):
        files = [
            fixture_file(f"livebench/{table}"),
            fixture_file(f"livebench/livebench_categories_{release}.json"),
        ]
        report = await store.ingestor.store(source, source.parse(files), table)
        assert report.status == "new", report.reason
        changes[table[-14:-4]] = {b.board_id: b.changes for b in report.boards}["livebench"]
    assert changes["2024-09-07"], "same release: models added, removed and moved"
    assert changes["2026-06-30"] == ()
    async with store.sessions() as session:
        current = await LeaderboardRepository(session).current_snapshot("livebench")
    assert current is not None
    assert (current.as_of.isoformat(), current.edition, current.row_count) == (
        "2026-06-30",
        "2026-01-08",
        127,
    )
