"""The LMArena dataset's parquet files (constructed, see ``tests/lmarena_dataset.py``) parse into
one board per subset and category, each checked against the file by the test's own arithmetic."""

from __future__ import annotations

import io
import json
import math
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from data.domain.compare import is_arena
from data.domain.errors import SourceFormatError
from data.domain.types import ParsedBoard, SourceFile
from data.sources.lmarena import LMArenaSource
from tests import lmarena_dataset as built
from tests.conftest import FIXTURES

FOLDER = FIXTURES / "lmarena_dataset"
LATEST = sorted(FOLDER.glob("*_latest.parquet"))


def source_file(name: str) -> SourceFile:
    path = FOLDER / name
    return SourceFile(path.name, path.read_bytes())


def parse(*names: str) -> dict[str, ParsedBoard]:
    snapshot = LMArenaSource().parse([source_file(name) for name in names])
    return {board.board.board_id: board for board in snapshot.boards}


def records(path: Path) -> list[dict[str, object]]:
    return pq.read_table(path).to_pylist()


def expected_rank_ub(
    rows: list[dict[str, object]], score: str, low: str, high: str
) -> dict[tuple[str, object], int]:
    """Rank (UB) by hand: 1 + how many others' lower bound is above this row's upper bound;
    by (name, score), as a name may be listed twice."""
    bounded = [r for r in rows if _finite(r[low]) and _finite(r[high])]
    return {
        (str(r["model_name"]), r[score]): 1 + sum(1 for o in bounded if o[low] > r[high])  # type: ignore[operator]
        for r in bounded
    }


def _finite(value: object) -> bool:
    return isinstance(value, float | int) and math.isfinite(value)


@pytest.mark.parametrize("name", sorted(built.tables()))
def test_committed_files_hold_exactly_what_the_builder_builds(name: str) -> None:
    """The constructed fixtures are reproducible from tests/lmarena_dataset.py."""
    committed = pq.read_table(FOLDER / name)
    assert committed.schema.equals(built.tables()[name].schema)
    assert _comparable(committed) == _comparable(built.tables()[name])


def _comparable(table: pa.Table) -> list[dict[str, object]]:
    """Rows with NaN spelled out (NaN is never equal to itself)."""
    return [
        {k: "NaN" if isinstance(v, float) and math.isnan(v) else v for k, v in row.items()}
        for row in table.to_pylist()
    ]


@pytest.mark.parametrize("path", LATEST, ids=lambda p: p.name)
def test_every_category_of_a_latest_file_is_a_board_with_the_files_figures(path: Path) -> None:
    """Per (category, date): rows, leader, Rank (UB), votes as integers, the date, CIs."""
    rows = records(path)
    agent = "score" in rows[0]
    score, low, high = (
        ("score", "score_ci_lower", "score_ci_upper")
        if agent
        else ("rating", "rating_lower", "rating_upper")
    )
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        groups[str(row["category"])].append(row)
    boards = parse(path.name)
    assert len(boards) == len(groups)
    for category, members in groups.items():
        [board] = [b for b in boards.values() if (b.board.category or "overall") == category]
        by_name = {(r.name, r.score): r for r in board.rows}
        # 1. every row is kept, NaN ratings and repeated names included
        assert sorted(r.name for r in board.rows) == sorted(str(m["model_name"]) for m in members)
        # 2. the board is dated by its own category's publication
        assert board.as_of == date.fromisoformat(str(members[0]["leaderboard_publish_date"]))
        # 3. the leader is the best rating, first on the board
        best = max((m for m in members if _finite(m[score])), key=lambda m: m[score])  # type: ignore[arg-type,return-value]
        assert board.rows[0].name == best["model_name"] and board.rows[0].rank == 1
        # 4. ranks are the Arena's Rank (UB) from the CI, not the published ordinal
        ranks = expected_rank_ub(members, score, low, high)
        assert {(r.name, r.score): r.rank for r in board.rows if r.rank is not None} == ranks
        # 5. scores, bounds and counts as published, counts as integers
        for member in members:
            value = member[score] if _finite(member[score]) else None
            row = by_name[(str(member["model_name"]), value)]
            if _finite(member[score]):
                assert (row.score, row.ci_lower, row.ci_upper) == (
                    member[score],
                    member[low],
                    member[high],
                )
            if agent:
                assert row.votes is None
                assert row.metrics["sessions"] == member["session_count"]
            else:
                assert row.votes == int(member["vote_count"])  # type: ignore[call-overload]
                assert isinstance(row.votes, int)
        # 6. board order follows the score
        scored = [r.score for r in board.rows if r.score is not None]
        assert scored == sorted(scored, reverse=True)


def test_text_latest_keeps_each_categorys_own_date_and_the_quirks() -> None:
    """Mixed dates, NaN falcon, empty organisation and licence, names with spaces."""
    boards = parse("text_latest.parquet")
    assert list(boards)[:1] == ["lmarena"]
    assert boards["lmarena"].as_of == date(2026, 10, 2)
    assert boards["lmarena_korean"].as_of == date(2026, 9, 30)
    assert boards["lmarena_coding"].board.category == "coding"
    falcon = next(r for r in boards["lmarena_korean"].rows if r.key == "falcon-180b-chat")
    assert (falcon.rank, falcon.score, falcon.rank_note) == (None, None, "no rating published")
    assert falcon.position == len(boards["lmarena_korean"].rows)  # kept, last
    overall = {r.key: r for r in boards["lmarena"].rows}
    assert overall["vicuna-13b"].organization is None
    assert overall["koala-13b"].license is None
    muse = overall["muse-spark-1.2 (xHigh)"]
    assert (muse.name, muse.votes, muse.ci_lower) == (
        "muse-spark-1.2 (xHigh)",
        4356,
        1474.053885342294,
    )
    # the published rank of claude-fable-5.1-max is 3 (an ordinal); its CI overlaps the #2's
    fable = overall["claude-fable-5.1-max"]
    assert fable.rank == 2 and fable.ci_upper == 1517.0163999253143


def test_subsets_become_boards_named_after_them() -> None:
    """Style control is the base board's ``_style`` twin; a subset nobody named still counts."""
    boards = parse(*(path.name for path in LATEST))
    assert {"lmarena", "lmarena_style", "lmarena_vision_style", "lmarena_webdev_html"} <= set(
        boards
    )
    factuality = boards["lmarena_text_factuality"].board
    assert (factuality.title, factuality.category) == ("LMArena Text Factuality", None)
    assert boards["lmarena_text_to_image"].board.title == "LMArena Text-to-Image"
    assert boards["lmarena_webdev"].board.url == "https://arena.ai/leaderboard/code"
    assert is_arena(boards["lmarena_vision"].board)
    assert not is_arena(boards["lmarena_agent"].board)
    assert boards["lmarena_style"].board.title == "LMArena Text (style control)"


def test_agent_board_has_negative_scores_and_session_counts() -> None:
    board = parse("agent_latest.parquet")["lmarena_agent"]
    assert board.rows[0].name == "Claude Fable 5 (High)"
    assert board.rows[0].score == 0.14065709251398342
    assert min(r.score for r in board.rows if r.score is not None) < 0
    assert board.rows[0].metrics == {"observations": 457949.0, "sessions": 16059.0}


def test_history_yields_one_snapshot_per_date_with_elo_era_ranked_by_score() -> None:
    """The ``full`` split: oldest first; 2023 has no CI, so ranks come from the scores."""
    source = LMArenaSource()
    past = source.parse_history([source_file("text_full.parquet")])
    snapshots = list(past.snapshots)
    assert tuple(s.as_of for s in snapshots) == past.dates
    assert [s.as_of for s in snapshots] == [
        date(2023, 5, 8),
        date(2024, 1, 9),
        date(2026, 4, 19),
        date(2026, 8, 11),
        date(2026, 8, 12),
        date(2026, 9, 30),
        date(2026, 10, 2),
    ]
    elo = snapshots[0].boards[0]
    ratings = [m[3] for m in built.ELO_2023_05_08]
    assert [r.score for r in elo.rows] == sorted(ratings, reverse=True)
    assert [r.rank for r in elo.rows] == list(range(1, len(ratings) + 1))
    assert all(r.ci_lower is None and r.votes is None for r in elo.rows)
    assert elo.rows[0].key == "vicuna-13b" and elo.rows[0].score == 1094.0
    since = list(
        source.parse_history([source_file("text_full.parquet")], date(2026, 8, 12)).snapshots
    )
    assert since[0].as_of == date(2026, 8, 12)
    # the day korean was published holds only that category
    assert [b.board.board_id for b in snapshots[5].boards] == ["lmarena_korean"]


def test_a_full_file_given_to_import_reads_its_newest_publication() -> None:
    """``podium import`` of a ``full`` file stores what ``latest`` would hold."""
    assert {k: len(b.rows) for k, b in parse("text_full.parquet").items()} == {
        k: len(b.rows) for k, b in parse("text_latest.parquet").items()
    }


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("text_latest.parquet", b"PAR1 truncated", "unreadable parquet"),
        ("latest.parquet", None, "cannot tell the dataset subset"),
        ("text_latest.parquet", "no-rating", "lacks the column(s) rating"),
    ],
)
def test_bad_parquet_is_refused_with_a_reason(name: str, content: object, problem: str) -> None:
    if content is None:
        content = (FOLDER / "text_latest.parquet").read_bytes()
    elif content == "no-rating":
        table = pq.read_table(FOLDER / "text_latest.parquet").drop_columns(["rating"])
        sink = io.BytesIO()
        pq.write_table(table, sink)
        content = sink.getvalue()
    assert isinstance(content, bytes)
    with pytest.raises(SourceFormatError) as refused:
        LMArenaSource().parse([SourceFile(name, content)])
    assert problem in str(refused.value.reason)


def test_rank_and_votes_are_read_whatever_their_numeric_type() -> None:
    """float64 in text, int64 in the image subsets: both become ints."""
    assert pq.read_schema(FOLDER / "text_latest.parquet").field("rank").type == pa.float64()
    assert pq.read_schema(FOLDER / "text_to_image_latest.parquet").field("rank").type == pa.int64()
    for name in ("text_latest.parquet", "text_to_image_latest.parquet"):
        for board in parse(name).values():
            assert all(type(r.votes) is int for r in board.rows)


def test_the_2026_04_19_publication_agrees_with_the_arena_ai_capture_of_that_day() -> None:
    """Cross-check with the real arena.ai capture (tests/fixtures/arena_ai_scraped): every model
    on both shows the page's rounded score, ±CI and votes; the page's order is the score order,
    and Rank (UB) never places a model below its row number on the page."""
    capture = json.loads(
        (FIXTURES / "arena_ai_scraped/oolong_arena-ai_text_2026-04-19.json").read_text("utf-8")
    )
    page = {model["model"]: model for model in capture["models"]}
    [day] = [
        s
        for s in LMArenaSource().parse_history([source_file("text_full.parquet")]).snapshots
        if s.as_of == date(2026, 4, 19)
    ]
    board = day.boards[0]
    shared = [row for row in board.rows if row.key in page]
    assert len(shared) == len(board.rows) == 12
    for row in shared:
        shown = page[row.key]
        assert row.score is not None and row.ci_lower is not None and row.ci_upper is not None
        assert round(row.score) == shown["score"]
        assert round((row.ci_upper - row.ci_lower) / 2) == shown["ci"]
        assert row.votes == shown["votes"]
        assert row.rank is not None and row.rank <= shown["rank"]
    assert [page[row.key]["rank"] for row in shared] == sorted(page[r.key]["rank"] for r in shared)


def test_an_unreadable_new_subset_is_skipped_and_the_others_are_read(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A subset with columns Podium does not know must not hold back every other board."""
    odd = pa.table({"model_name": ["x"], "elo": [1.0], "leaderboard_publish_date": ["2026-10-02"]})
    sink = io.BytesIO()
    pq.write_table(odd, sink)
    files = [
        SourceFile("robotics/latest-00000-of-00001.parquet", sink.getvalue()),
        source_file("vision_latest.parquet"),
    ]
    snapshot = LMArenaSource().parse(files)
    assert [b.board.board_id for b in snapshot.boards] == ["lmarena_vision"]
    assert "skipped a dataset subset" in caplog.text and "robotics" in caplog.text


def test_a_publication_date_typed_as_a_date_or_timestamp_reads_the_same() -> None:
    """The card says string; a file that stores a date or a timestamp gives the same boards."""
    table = pq.read_table(FOLDER / "webdev_latest.parquet")
    index = table.schema.get_field_index("leaderboard_publish_date")
    days = [date.fromisoformat(d) for d in table.column(index).to_pylist()]
    expected = {k: (b.as_of, b.rows) for k, b in parse("webdev_latest.parquet").items()}
    moments = [datetime(d.year, d.month, d.day, tzinfo=UTC) for d in days]
    for column in (pa.array(days, pa.date32()), pa.array(moments, pa.timestamp("s", "UTC"))):
        sink = io.BytesIO()
        pq.write_table(table.set_column(index, "leaderboard_publish_date", column), sink)
        snapshot = LMArenaSource().parse([SourceFile("webdev_latest.parquet", sink.getvalue())])
        assert {b.board.board_id: (b.as_of, b.rows) for b in snapshot.boards} == expected
        history = LMArenaSource().parse_history(
            [SourceFile("webdev_full.parquet", sink.getvalue())]
        )
        assert history.dates == (date(2026, 9, 28), date(2026, 10, 2))


def test_a_name_listed_twice_in_one_publication_keeps_both_rows() -> None:
    """webdev lists gpt-5.3-codex (codex-harness) twice: both rows stay, as the Arena shows
    them, under the same name; the lower-rated one gets a distinct key."""
    board = parse("webdev_latest.parquet")["lmarena_webdev"]
    twins = [r for r in board.rows if r.name == "gpt-5.3-codex (codex-harness)"]
    assert [(r.key, r.score, r.votes) for r in twins] == [
        ("gpt-5.3-codex (codex-harness)", 1406.4, 2962),
        ("gpt-5.3-codex (codex-harness) [2]", 1372.8, 3540),
    ]
