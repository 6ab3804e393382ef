"""Bundled snapshots: loaded into an empty database on first use, resumed if interrupted,
never mixed into a database that holds other data, and never counted as checks of a source."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import func, select

from bot.services import open_services
from bot.settings import Settings
from data import loading as loading_module
from data.bundle import BUNDLED
from data.domain.costs import cost_per_question
from data.store.session import create_engine, create_session_factory
from data.store.tables import SnapshotTable, SourceCheckTable
from tests.conftest import fixture_file


async def count_checks(database_url: str) -> dict[str, int]:
    """Source-check rows per origin."""
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            rows = await session.execute(
                select(SourceCheckTable.origin, func.count()).group_by(SourceCheckTable.origin)
            )
            return {origin: count for origin, count in rows.all()}
    finally:
        await engine.dispose()


async def test_every_bundled_snapshot_loads_on_both_databases(
    database_url: str, settings_for: Callable[..., Settings], caplog: pytest.LogCaptureFixture
) -> None:
    """All of BUNDLED is stored (the longest Arena category id included); no fetch recorded;
    no warning (the bundled Arena-Hard README's cut-off last row is logged at info level)."""
    settings = settings_for(database_url, PODIUM_BUNDLED_DATA=True)
    caplog.set_level("INFO")
    async with open_services(settings) as services:
        warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
        assert warnings == []
        assert any("cut-off last row" in r.getMessage() for r in caplog.records)
        summaries = await services.leaderboards.board_summaries()
        boards = {s.board.board_id for s in summaries}
        assert "lmarena_style_industry_business_and_management_and_financial_operations" in boards
        assert {
            "lmarena",
            "open_llm",
            "superclue",
            "alpacaeval",
            "livebench",
            "arena_hard",
            "swebench",
        } <= boards
        assert all(s.last_checked is None and s.last_status is None for s in summaries)
        result = await services.leaderboards.rank("qwen2")
        assert result.model == "Qwen2-72B-Instruct"
        [swebench] = (await services.leaderboards.rank("gpt-5", board="swebench")).standings
        assert swebench.as_of.isoformat() == "2025-11-19" and "gpt-5" in (swebench.row.models or ())
    checks = await count_checks(database_url)
    assert len(checks) == len(BUNDLED) and set(checks.values()) == {1}


async def test_bundled_data_answers_about_2026_models(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """The newest bundled LiveBench release (2026-06-25, revision of 2026-08-22, with costs)
    and the Arena-Hard v2.0 README are current; v0.1 stays as history."""
    settings = settings_for(database_url, PODIUM_BUNDLED_DATA=True)
    async with open_services(settings) as services:
        leaderboards = services.leaderboards
        result = await leaderboards.rank("claude-fable-5-max-effort", board="livebench")
        [standing] = result.standings
        assert (standing.as_of.isoformat(), standing.row.rank) == ("2026-08-22", 1)
        assert standing.row.metrics["release"] == "2026-06-25"
        assert cost_per_question(standing.row) == 1.1939  # cost_2026_06_25.csv
        hard = await leaderboards.top("arena_hard")
        assert (hard.as_of.isoformat(), hard.board_size) == ("2025-05-01", 28)
        assert (hard.rows[0].name, hard.rows[0].score) == ("o3-2025-04-16", 85.9)
        then = await leaderboards.rank("gpt-4o-2024-05-13", "arena_hard", date(2024, 8, 1))
        [v01] = then.standings
        assert (v01.as_of.isoformat(), v01.row.score) == ("2024-07-31", 79.21)


async def test_an_interrupted_first_load_resumes_with_the_missing_snapshots(
    database_url: str,
    settings_for: Callable[..., Settings],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two of three bundled Arena snapshots were stored before a crash: the third follows."""
    subset = tuple(s for s in BUNDLED if s.source_id == "lmarena")[:3]
    monkeypatch.setattr(loading_module, "BUNDLED", subset)
    settings = settings_for(database_url, PODIUM_BUNDLED_DATA=True)
    async with open_services(settings_for(database_url)) as services:
        for snapshot in subset[:2]:
            files = [fixture_file(f"lmarena/{name}") for name in snapshot.names]
            report = await services.loading.import_files("lmarena", files, via="bundled")
            assert report.status == "new"
    async with open_services(settings) as services:
        summaries = {s.board.board_id: s for s in await services.leaderboards.board_summaries()}
    assert summaries["lmarena"].as_of is not None
    assert summaries["lmarena"].as_of.isoformat() == "2024-12-31"
    checks = await count_checks(database_url)
    assert sorted(checks) == sorted(", ".join(s.names) for s in subset)
    assert set(checks.values()) == {1}


async def test_a_database_with_other_data_gets_no_bundled_data(
    database_url: str, settings_for: Callable[..., Settings]
) -> None:
    """An operator's own import comes first: the bundled snapshots stay out."""
    async with open_services(settings_for(database_url)) as services:
        files = [fixture_file("arenahard/arena_hard_leaderboard_20240703.csv")]
        assert (await services.loading.import_files("arena_hard", files)).status == "new"
    async with open_services(settings_for(database_url, PODIUM_BUNDLED_DATA=True)) as services:
        boards = {s.board.board_id for s in await services.leaderboards.board_summaries()}
    assert boards == {"arena_hard"}
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            assert await session.scalar(select(func.count()).select_from(SnapshotTable)) == 1
    finally:
        await engine.dispose()
