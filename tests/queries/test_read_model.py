"""The in-memory read model answers exactly as the database does, on every bundled board, on
SQLite and PostgreSQL; it is swapped when data is stored, here or in another process."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections import Counter
from collections.abc import AsyncIterator, Callable
from datetime import date

import pytest
import pytest_asyncio
from sqlalchemy import select

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from data.domain.resolve import NameIndex
from data.queries import standing
from data.readmodel import ReadModel
from data.store.repositories import LeaderboardRepository, StoredSnapshot
from data.store.session import create_engine, create_session_factory
from data.store.tables import ModelTable
from data.view import DataView
from tests.conftest import BACKENDS, POSTGRES_URL, empty_database, fixture_file

JULY_2024 = date(2024, 7, 10)


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=BACKENDS)
async def bundled(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[Services, str]]:
    """Services over every bundled snapshot, and the database's URL (tests only read)."""
    async with empty_database(request.param, tmp_path_factory.mktemp("db")) as url:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            PODIUM_DATABASE_URL=url,
            PODIUM_BUNDLED_DATA=True,
        )
        async with open_services(settings) as services:
            yield services, url


def sample_positions(rows_count: int, ranks: list[int | None]) -> list[int]:
    """Rows worth comparing on a board: the ends, the middle, and the first rows of tied and
    unranked groups (where ties, neighbours and fallbacks are decided)."""
    picked = {1, 2, max(1, rows_count // 2), rows_count}
    groups = 0
    for position in range(1, rows_count):
        shared = ranks[position] == ranks[position - 1]
        if (shared or ranks[position] is None) and groups < 4:
            picked.add(position)
            groups += 1
    return sorted(p for p in picked if 1 <= p <= rows_count)


async def assert_same_answers(view: DataView, repo: LeaderboardRepository) -> None:
    """Every read the queries make gives the same answer from ``view`` and from ``repo``."""
    as_of = view.as_of
    stored = sorted(await repo.current_snapshots(as_of), key=lambda s: s.board_id)
    assert sorted(await view.current_snapshots(as_of), key=lambda s: s.board_id) == stored
    assert await view.boards() == await repo.boards()
    catalogue = await repo.catalogue(as_of)
    assert await view.catalogue(as_of) == catalogue
    slugs = {(r.board_id, r.position): r.model_slug for r in catalogue}
    if as_of is None:
        assert await view.current_model_count() == await repo.current_model_count()
    boards = await repo.boards()
    ids = [s.id for s in stored]
    for snapshot in stored:
        previous = await repo.previous_snapshot(snapshot)
        assert await view.previous_snapshot(snapshot) == previous
        rows = await repo.rows(snapshot.id)
        assert await view.rows(snapshot.id) == rows
        if previous is not None:
            assert await view.rows(previous.id) == await repo.rows(previous.id)
        assert await view.current_snapshot(snapshot.board_id, as_of) == snapshot
        by_position = {row.position: row for row in rows}
        for position in sample_positions(len(rows), [row.rank for row in rows]):
            row = by_position[position]
            slug = slugs.get((snapshot.board_id, position), "")
            assert await view.rows_by_model(ids, slug) == await repo.rows_by_model(ids, slug)
            answers = [
                await standing(reads, boards[snapshot.board_id], snapshot, row, slug)
                for reads in (view, repo)
            ]
            assert answers[0] == answers[1], (snapshot.board_id, position)


async def compare_with_database(services: Services, url: str, as_of: date | None) -> int:
    """Compare the view of ``as_of`` with the database; returns how many boards it has."""
    view = await services.leaderboards.read_model.at(as_of)
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            await assert_same_answers(view, LeaderboardRepository(session))
    finally:
        await engine.dispose()
    return len(view.current)


@pytest.mark.asyncio(loop_scope="module")
async def test_the_read_model_answers_as_the_database_on_every_bundled_board(
    bundled: tuple[Services, str],
) -> None:
    """Snapshots, rows, neighbours, ties, previous ranks, model rows and names: all equal."""
    services, url = bundled
    assert await compare_with_database(services, url, None) > 80  # the Arena's categories too


@pytest.mark.asyncio(loop_scope="module")
async def test_a_past_view_answers_as_the_database_for_that_date(
    bundled: tuple[Services, str],
) -> None:
    """``as_of`` July 2024: the boards as they stood then, read once and kept."""
    services, url = bundled
    assert await compare_with_database(services, url, JULY_2024) >= 5
    first = await services.leaderboards.read_model.at(JULY_2024)
    assert await services.leaderboards.read_model.at(JULY_2024) is first


async def assert_same_past(model: ReadModel, repo: LeaderboardRepository, board_id: str) -> None:
    """One board's past from the read model equals the database's: its first and last dates,
    each snapshot's current-on-its-date, names and borrowed facts, and models' histories."""
    past = await model.board_history(board_id)
    assert past.span() == await repo.snapshot_span(board_id)
    slug_of = dict((await repo.session.execute(select(ModelTable.id, ModelTable.slug))).all())
    for snapshot in {*past.snapshots[:2], *past.snapshots[-3:]}:  # the ends of its timeline
        assert past.current_on(snapshot.as_of) == await repo.current_snapshot(
            board_id, snapshot.as_of
        )
        assert past.names(snapshot.id) == {row.name for row in await repo.rows(snapshot.id)}
        by_key = await repo.model_ids_by_key(snapshot.id)
        assert past.models_by_key(snapshot.id) == {k: slug_of[i] for k, i in by_key.items()}
        facts_as_of, facts = await repo.published_facts(board_id, snapshot.as_of)
        assert past.published_facts(snapshot.as_of) == (
            facts_as_of,
            {slug_of[model_id]: found for model_id, found in facts.items()},
        )
    current = await repo.current_snapshot(board_id)
    rows = await repo.rows(current.id) if current else []
    listed = {r.model_slug for r in await repo.catalogue() if r.board_id == board_id}
    positions = sample_positions(len(rows), [row.rank for row in rows])
    slugs = sorted(listed)[:3] + [s for s in slug_of.values() if s not in listed][:1]
    for slug in (
        slugs + [r.model_slug for r in await repo.catalogue() if r.position in positions][:3]
    ):
        assert await model.history([board_id], slug) == await repo.history([board_id], slug)


@pytest.mark.asyncio(loop_scope="module")
async def test_boards_pasts_answer_as_the_database_on_every_bundled_board(
    bundled: tuple[Services, str],
) -> None:
    """What ``/history``, absences and ``/top``'s borrowed facts read, on every board; and a
    model's history over every main board at once."""
    services, url = bundled
    model = services.leaderboards.read_model
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            repo = LeaderboardRepository(session)
            boards = await repo.boards()
            for board_id in boards:
                await assert_same_past(model, repo, board_id)
            main = [board_id for board_id, info in boards.items() if info.category is None]
            listed = Counter(r.model_slug for r in await repo.catalogue() if r.board_id in main)
            for slug, _ in listed.most_common(3):  # the models most main boards list
                points = await repo.history(main, slug)
                assert points and await model.history(main, slug) == points
    finally:
        await engine.dispose()
    assert len(boards) > 80


@pytest.mark.asyncio(loop_scope="module")
async def test_boards_pasts_kept_are_bounded_by_their_rows(bundled: tuple[Services, str]) -> None:
    """A past is read once and kept; past the bound, the least recently asked is dropped."""
    _, url = bundled
    engine = create_engine(url)
    try:
        sessions = create_session_factory(engine)
        probe = ReadModel(sessions, NameIndex, ["lmarena"], autocomplete=False)
        arena_rows = (await probe.board_history("lmarena")).row_count
        model = ReadModel(
            sessions, NameIndex, ["lmarena"], autocomplete=False, history_rows=arena_rows + 1
        )
        arena = await model.board_history("lmarena")
        assert await model.board_history("lmarena") is arena  # kept
        open_llm = await model.board_history("open_llm")  # over the bound: the Arena goes
        assert await model.board_history("open_llm") is open_llm
        again = await model.board_history("lmarena")
        assert again is not arena and again == arena  # read again, the same
        assert await model.board_history("open_llm") is not open_llm
    finally:
        await engine.dispose()


# --- swapping --------------------------------------------------------------------------------


async def import_page(services: Services, name: str) -> None:
    """Import one Arena page CSV from the fixtures as new data."""
    report = await services.loading.import_files("lmarena", [fixture_file(f"lmarena/{name}")])
    assert report.status in {"new", "unchanged"}


JULY_PAGE, AUGUST_PAGE = "fboulnois_lmsys_2024-07-07.csv", "fboulnois_lmsys_2024-08-14.csv"


async def test_an_import_swaps_the_view_and_the_old_one_stays_as_it_was(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """Qwen2-72B-Instruct: #20 in July, #31 in August; a view already handed out still says 20."""
    async with open_services(settings_for(database_url)) as services:
        await import_page(services, JULY_PAGE)
        july = await services.leaderboards.rank("Qwen2-72B-Instruct", "lmarena")
        assert july.standings[0].row.rank == 20
        old = services.leaderboards.read_model.view
        await import_page(services, AUGUST_PAGE)
        august = await services.leaderboards.rank("Qwen2-72B-Instruct", "lmarena")
        assert (august.standings[0].row.rank, august.standings[0].previous_rank) == (31, 20)
        new = services.leaderboards.read_model.view
        assert new is not old and new.version.snapshots > old.version.snapshots
        [kept] = await old.current_snapshots()
        assert kept.as_of == date(2024, 7, 7) and len(await old.rows(kept.id)) == 115


async def test_a_rebuilt_view_is_out_of_the_garbage_collectors_sight(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """A full collection never walks the view's rows (with every board, a pause of ~0.5 s of
    CPU in the middle of the commands in flight), and a replaced view is still freed."""
    async with open_services(settings_for(database_url)) as services:
        await import_page(services, JULY_PAGE)
        await services.leaderboards.rank("Qwen2-72B-Instruct", "lmarena")
        view = services.leaderboards.read_model.view
        [snapshot] = await view.current_snapshots()
        row = (await view.rows(snapshot.id))[0]
        assert gc.is_tracked(row)
        assert not any(walked is row for walked in gc.get_objects())
        replaced = weakref.ref(view.index)
        del view, row
        await import_page(services, AUGUST_PAGE)
        await services.leaderboards.rank("Qwen2-72B-Instruct", "lmarena")
        assert replaced() is None


async def test_an_unchanged_import_rereads_only_the_checks(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """A load that stores nothing keeps the loaded boards and rows (no rebuild)."""
    async with open_services(settings_for(database_url)) as services:
        await import_page(services, JULY_PAGE)
        await services.leaderboards.board_summaries()
        before = services.leaderboards.read_model.view
        await import_page(services, JULY_PAGE)  # the same file: "unchanged"
        await services.leaderboards.board_summaries()
        after = services.leaderboards.read_model.view
        assert after.version.checks > before.version.checks
        assert after.version.snapshots == before.version.snapshots
        assert after.current is before.current and after.index is before.index


async def test_another_process_is_noticed_by_the_version_poll(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """Without notifications a command checks the data version (here: every time)."""
    polling = settings_for(database_url, PODIUM_VERSION_POLL=0)
    async with open_services(polling) as reader, open_services(polling) as writer:
        reader.leaderboards.follow_notifications(False)
        await import_page(writer, JULY_PAGE)
        result = await reader.leaderboards.rank("Qwen2-72B-Instruct", "lmarena")
        assert result.standings[0].row.rank == 20


@pytest.mark.skipif(POSTGRES_URL is None, reason="needs PostgreSQL (PODIUM_TEST_POSTGRES_URL)")
async def test_postgresql_notifies_other_processes_of_new_data(
    tmp_path_factory: pytest.TempPathFactory, settings_for: Callable[..., Settings]
) -> None:
    """The reader never polls (an hour), yet sees the writer's commit: LISTEN/NOTIFY."""
    async with empty_database("postgresql", tmp_path_factory.mktemp("db")) as url:
        quiet = settings_for(url, PODIUM_VERSION_POLL=3600)
        async with open_services(quiet) as reader, open_services(quiet) as writer:
            assert reader.leaderboards.read_model.listening
            await reader.leaderboards.warm_up()
            empty = reader.leaderboards.read_model.view.version
            await import_page(writer, JULY_PAGE)
            written = writer.leaderboards.read_model
            target = (await written.reload()).version
            assert target.snapshots > empty.snapshots
            async with asyncio.timeout(30):
                await reader.leaderboards.read_model.reached(target)
            result = await reader.leaderboards.rank("Qwen2-72B-Instruct", "lmarena")
            assert result.standings[0].row.rank == 20


async def test_the_first_snapshot_of_a_board_has_no_previous(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """No earlier snapshot: neither a previous rank nor "new"."""
    async with open_services(settings_for(database_url)) as services:
        await import_page(services, JULY_PAGE)
        view = await services.leaderboards.read_model.fresh()
        [snapshot] = await view.current_snapshots()
        assert isinstance(snapshot, StoredSnapshot)
        assert await view.previous_snapshot(snapshot) is None
