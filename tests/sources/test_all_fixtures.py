"""Every real file in ``tests/fixtures`` parses with the adapter of its source into sane boards."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from data.domain.types import ParsedBoard, SourceFile
from data.sources import REGISTRY, SOURCE_IDS, get_source
from tests.sources.helpers import FIXTURES

NOT_DATA = {"SOURCES.md", "MANIFEST.csv", ".gitattributes"}
FOLDER_SOURCE = {
    "lmarena": "lmarena",
    "lmarena_dataset": "lmarena",
    "open_llm_leaderboard": "open_llm",
    "superclue": "superclue",
    "alpacaeval": "alpacaeval",
    "livebench": "livebench",
    "arenahard": "arena_hard",
    "swebench": "swebench",
}
BOARD_ID = re.compile(r"^[a-z0-9_]+$")
RELEASE = re.compile(r"\d{4}_\d{2}_\d{2}")


#: Folders of published files kept to cross-check a source, not read by any adapter.
CROSS_CHECKS = {"arena_ai_scraped"}


def data_files() -> list[Path]:
    """Every data file under the fixtures folder, in all subfolders (cross-checks aside)."""
    return sorted(
        p
        for p in FIXTURES.rglob("*")
        if p.is_file()
        and p.name not in NOT_DATA
        and p.relative_to(FIXTURES).parts[0] not in CROSS_CHECKS
    )


def source_of(path: Path) -> str:
    """The source a fixture belongs to: its folder, except Arena-Hard's copy in the HF Space."""
    if "arena_hard" in path.name:
        return "arena_hard"
    return FOLDER_SOURCE[path.relative_to(FIXTURES).parts[0]]


def release_of(path: Path) -> str:
    """The ``YYYY_MM_DD`` release a LiveBench file belongs to."""
    found = RELEASE.search(path.name)
    assert found, path.name
    return found[0]


def is_companion(path: Path) -> bool:
    """LiveBench categories and cost files are read together with their table, never alone;
    the release list only names releases (``tests/sources/test_livebench.py``)."""
    return path.name.startswith(("livebench_categories_", "livebench_cost_", "new-livebench_"))


def files_for(path: Path) -> list[SourceFile]:
    """The file plus its companions: a LiveBench table with the categories of its release,
    and the cost file of the same revision when there is one."""
    files = [SourceFile(path.name, path.read_bytes())]
    if path.name.startswith("livebench_table_"):
        categories = path.with_name(f"livebench_categories_{release_of(path)}.json")
        files.append(SourceFile(categories.name, categories.read_bytes()))
        cost = path.with_name(path.name.replace("livebench_table_", "livebench_cost_"))
        if cost.exists():
            files.append(SourceFile(cost.name, cost.read_bytes()))
    return files


PARSED = [p for p in data_files() if not is_companion(p)]


def test_every_source_id_is_registered_and_has_fixtures() -> None:
    assert set(REGISTRY) == set(SOURCE_IDS)
    assert {source_of(p) for p in PARSED} == set(SOURCE_IDS)


def test_every_categories_file_pairs_with_a_table() -> None:
    releases = {release_of(p) for p in PARSED if p.name.startswith("livebench_table_")}
    companions = [p for p in data_files() if is_companion(p) and RELEASE.search(p.name)]
    assert companions
    assert all(release_of(p) in releases for p in companions)


@pytest.mark.parametrize("path", PARSED, ids=lambda p: p.name)
def test_real_file_parses_into_sane_boards(path: Path) -> None:
    source = get_source(source_of(path))
    snapshot = source.parse(files_for(path))

    assert snapshot.source_id == source.source_id
    assert snapshot.boards, "no boards"
    assert snapshot.as_of is not None and date(2023, 1, 1) <= snapshot.as_of <= date(2026, 12, 31)
    assert len(snapshot.boards[0].rows) >= source.min_rows, "main board below min_rows"
    assert len({b.board.board_id for b in snapshot.boards}) == len(snapshot.boards)
    for parsed in snapshot.boards:
        _assert_sane_board(parsed, source.score_range)


def _assert_sane_board(parsed: ParsedBoard, score_range: tuple[float, float]) -> None:
    info, rows = parsed.board, parsed.rows
    assert BOARD_ID.match(info.board_id), info.board_id
    assert info.title and info.url.startswith("https://")
    assert rows, f"{info.board_id} has no rows"
    assert [r.position for r in rows] == list(range(1, len(rows) + 1))
    assert len({r.key for r in rows}) == len(rows), f"{info.board_id}: duplicate keys"
    low, high = score_range
    assert all(r.name and r.key for r in rows)
    assert all(r.score is None or low <= r.score <= high for r in rows)
    ranked = [r.rank for r in rows if r.rank is not None]
    assert ranked, f"{info.board_id}: nothing ranked"
    assert min(ranked) == 1 and max(ranked) <= len(rows)
    assert all(r.rank_note for r in rows if r.rank is None and r.score is not None)
    for r in rows:
        if r.ci_lower is not None and r.ci_upper is not None and r.score is not None:
            assert r.ci_lower <= r.score <= r.ci_upper
