"""The real boards name resolution is evaluated on, and the labelled query set.

Shared by the identity tests and ``bench/resolve_bench.py``. Boards come from the fixture files
through the real adapters: for each board family the newest snapshot that suits name tests.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from data.domain.names import Aliases, default_aliases, identify
from data.domain.resolve import NameIndex, Resolution
from data.domain.types import NameRecord, ParsedBoard, SourceFile
from data.sources import get_source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
QUERIES = Path(__file__).with_name("queries.csv")
#: The second set: queries as people type them in 2025-2026 (``category`` column).
QUERIES_2025 = Path(__file__).with_name("queries_2025.csv")

#: ``(source id, files)``; when two snapshots yield one board id, the first listed wins.
SNAPSHOTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # Display names (``Claude 3.5 Sonnet (20240620)``): the ``lmarena`` board.
    ("lmarena", ("lmarena/fboulnois_lmarena_text_2025-08-04.csv",)),
    # API keys (``claude-opus-4-5-20251101``): ``lmarena_style`` and its categories.
    ("lmarena", ("lmarena/arenacatalog_leaderboard-text-style-control_2025-12-11.json",)),
    # Key and display name side by side: the frozen MT-Bench board.
    ("lmarena", ("lmarena/hfspace_leaderboard_table_20250511.csv",)),
    ("open_llm", ("open_llm_leaderboard/fboulnois_huggingface_v2_2025-03-21.csv",)),
    ("open_llm", ("open_llm_leaderboard/fboulnois_huggingface_v1_2024-06-19.csv",)),
    ("superclue", ("superclue/superclue_2023-12.md",)),
    ("alpacaeval", ("alpacaeval/alpacaeval2_docs_leaderboard_2024-12-27.csv",)),
    ("alpacaeval", ("alpacaeval/alpacaeval1_docs_leaderboard_2024-05-17.csv",)),
    # The newest LiveBench release of the Qwen2 era: Qwen2 sits next to Smaug-Qwen2 there.
    (
        "livebench",
        (
            "livebench/livebench_table_2024_07_26_as_of_2024-09-07.csv",
            "livebench/livebench_categories_2024_07_26.json",
        ),
    ),
    ("arena_hard", ("arenahard/arena_hard_leaderboard_20240731.csv",)),
)

#: The boards of the 2025-2026 set: as ``SNAPSHOTS``, with the LiveBench release of 2026-01-08.
SNAPSHOTS_2025: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "livebench",
        (
            "livebench/livebench_table_2026_01_08_as_of_2026-06-30.csv",
            "livebench/livebench_categories_2026_01_08.json",
        ),
    ),
    *(snapshot for snapshot in SNAPSHOTS if snapshot[0] != "livebench"),
)

#: ``expected`` values that are not a row name: several models fit; no model is meant; the
#: model is known (on another board) but not on this one.
AMBIGUOUS, NONE, ABSENT = "AMBIGUOUS", "NONE", "ABSENT"
#: Labels that are not a row name.
NO_ROW = frozenset({AMBIGUOUS, NONE, ABSENT})


@dataclass(frozen=True, slots=True)
class LabelledQuery:
    """One line of ``queries.csv``: what a user typed, on which board, and the right answer."""

    query: str
    board: str
    expected: str  # the board's spelling of the row, AMBIGUOUS, NONE or ABSENT
    trap: bool
    category: str = ""

    def is_answered_by(self, resolution: Resolution) -> bool:
        """Whether ``resolution`` is the right answer."""
        if self.expected == AMBIGUOUS:
            return resolution.status == "ambiguous"
        if self.expected == NONE:
            return resolution.status == "none"
        if self.expected == ABSENT:
            return resolution.status == "absent"
        return resolution.status == "match" and resolution.matches[0].record.name == self.expected


def load_boards(
    snapshots: tuple[tuple[str, tuple[str, ...]], ...] = SNAPSHOTS,
) -> dict[str, ParsedBoard]:
    """Every board of ``snapshots``, parsed by its adapter, by board id."""
    boards: dict[str, ParsedBoard] = {}
    for source_id, names in snapshots:
        files = [SourceFile(Path(name).name, (FIXTURES / name).read_bytes()) for name in names]
        for board in get_source(source_id).parse(files).boards:
            boards.setdefault(board.board.board_id, board)
    return boards


def name_records(boards: dict[str, ParsedBoard], aliases: Aliases) -> Iterator[NameRecord]:
    """The resolver's view of the boards' rows, identified as ingestion would."""
    for board_id, board in boards.items():
        for row in board.rows:
            slug, display = identify(row.name, row.key, aliases)
            yield NameRecord(
                board_id, row.key, row.name, slug, display, row.rank, row.position, row.score
            )


@cache
def fixture_boards() -> dict[str, ParsedBoard]:
    """``load_boards()``, parsed once per process."""
    return load_boards()


@cache
def fixture_boards_2025() -> dict[str, ParsedBoard]:
    """``load_boards(SNAPSHOTS_2025)``, parsed once per process."""
    return load_boards(SNAPSHOTS_2025)


@cache
def fixture_index() -> NameIndex:
    """A name index over all fixture boards, built once per process."""
    aliases = default_aliases()
    return NameIndex(list(name_records(fixture_boards(), aliases)), aliases)


@cache
def fixture_index_2025() -> NameIndex:
    """A name index over the boards of the 2025-2026 set, built once per process."""
    aliases = default_aliases()
    return NameIndex(list(name_records(fixture_boards_2025(), aliases)), aliases)


def read_queries(path: Path = QUERIES) -> list[LabelledQuery]:
    """The labelled queries (``query,board,expected`` and ``trap`` or ``category``; ``#``
    lines are comments). In the second set every query is a trap by construction."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return [
            LabelledQuery(
                row["query"],
                row["board"],
                row["expected"],
                row.get("trap") == "yes",
                row.get("category") or "",
            )
            for row in csv.DictReader(lines)
        ]
