"""From tables to boards: rows, SuperCLUE's non-numeric ranks, metrics, and per-ability boards.

SuperCLUE's rank column is not numeric: medals stand for 1-3, ``-`` marks foreign reference
models that are scored but not ranked, and the human baseline is not ranked either.
"""

from __future__ import annotations

import re
from dataclasses import replace

from data.domain import notes
from data.domain.types import MetricValue, ParsedBoard
from data.sources.base import Entry, Ranking, build_board, optional_text, parse_float, parse_int
from data.sources.superclue.boards import (
    DIMENSION_BY_HEADER,
    OPEN_BOARD,
    OPEN_SOURCE_BOARD,
    OPT_BOARD,
    OVERALL_BOARD,
)
from data.sources.superclue.tables import ROLES, Table

REFERENCE_NOTE = notes.REFERENCE
HUMAN_NOTE = notes.HUMAN

_TEXT_ROLES = ("access", "open_closed", "region", "reasoning", "release_date")
_METRIC_NAMES = {
    "总分": "total",
    "平均": "average",
    "平均分": "average",
    "分数": "average",
    "基础能力": "basic",
    "中文特性": "chinese",
    "学术专业": "academic",
    "学术与专业": "academic",
    "学术专业能力": "academic",
    "学术与专业能力": "academic",
    "胜率": "win_rate",
    "负率": "loss_rate",
}
_MEDALS = {"🏅": 1, "🥈": 2, "🥉": 3}
_HUMAN_MARKS = {"🧝", "人类"}
_EFFORT = re.compile(r"\((?P<effort>max|xhigh|high|medium|low|minimal)\)\s*$", re.IGNORECASE)


def read_boards(tables: list[Table]) -> tuple[ParsedBoard, ...]:
    """The boards of the first table of each kind; the overall board first."""
    picked: dict[str, Table] = {}
    for table in tables:
        if table.kind and table.column("model") is not None:
            picked.setdefault(table.kind, table)
    boards: list[ParsedBoard] = []
    overall: dict[str, Entry] = {}
    for kind, info in (
        ("overall", OVERALL_BOARD),
        ("open", OPEN_BOARD),
        ("opt", OPT_BOARD),
        ("open_source", OPEN_SOURCE_BOARD),
    ):
        if kind in picked:
            entries, ranking = _entries(picked[kind])
            boards.append(build_board(info, entries, ranking=ranking, sort=False))
            if kind == "overall":
                overall = {entry.name: entry for entry in entries}
    # XLSX rounds have no separate ability table: their abilities are overall-board columns.
    abilities = picked.get("dimensions") or picked.get("overall")
    if abilities is not None:
        boards.extend(_dimension_boards(abilities, overall))
    return tuple(board for board in boards if board.rows)


def _entries(table: Table) -> tuple[list[Entry], Ranking]:
    """Rows of a ranked table; tables without a rank column are ranked by their score."""
    score_at = table.score_column()
    entries = [_entry(table, row, score_at) for row in table.rows]
    entries = [entry for entry in entries if entry.name]
    return entries, "published" if table.column("rank") is not None else "score"


def _entry(table: Table, row: list[str], score_at: int | None) -> Entry:
    def cell(index: int | None) -> str:
        return row[index] if index is not None and index < len(row) else ""

    name = cell(table.column("model"))
    rank, note = _published_rank(cell(table.column("rank")), name)
    metrics: dict[str, MetricValue] = {}
    for index, header in enumerate(table.header):
        role = ROLES.get(header)
        if role in _TEXT_ROLES:
            metrics[role] = optional_text(cell(index))
        elif role is None and (index != score_at or header in DIMENSION_BY_HEADER):
            metrics[_metric_name(header)] = _value(cell(index))
    if effort := _EFFORT.search(name):
        metrics["effort"] = effort["effort"].lower()
    return Entry(
        key=name,
        name=name,
        score=_number(cell(score_at)),
        rank=rank,
        ranked=note is None,
        rank_note=note,
        organization=optional_text(cell(table.column("organization"))),
        license=optional_text(cell(table.column("license"))),
        metrics=metrics,
    )


def _dimension_boards(table: Table, overall: dict[str, Entry]) -> list[ParsedBoard]:
    """One board per ability column, ranked by that ability's score.

    The ability table has no per-ability rank, so ranks are computed. Models the round does not
    rank (reference models, the human baseline), marked in this table or on the overall board,
    stay unranked here too; the overall board also supplies missing organisations. Every
    ability score, and the table's own average, stays in each row's metrics.
    """
    entries, _ = _entries(table)
    score_at = table.score_column()
    average = table.header[score_at] if score_at is not None else None
    for entry in entries:
        on_overall = overall.get(entry.name)
        if on_overall is not None:
            entry.organization = entry.organization or on_overall.organization
            if entry.ranked and not on_overall.ranked:
                entry.unrank(on_overall.rank_note)
        if average is not None and average not in DIMENSION_BY_HEADER:
            entry.metrics[_metric_name(average)] = entry.score
    dimensions = [DIMENSION_BY_HEADER[h] for h in table.header if h in DIMENSION_BY_HEADER]
    return [
        build_board(
            dimension.board,
            [
                replace(entry, score=_as_float(entry.metrics.get(dimension.slug)), rank=None)
                for entry in entries
            ],
            ranking="score",
        )
        for dimension in dimensions
    ]


def _published_rank(cell: str, name: str) -> tuple[int | None, str | None]:
    """``(rank, note)`` from a rank cell: medals, numbers, ``-`` (reference), 🧝 (human)."""
    mark = cell.replace("\ufe0f", "").strip()
    if mark in _HUMAN_MARKS or name in _HUMAN_MARKS:
        return None, HUMAN_NOTE
    if mark in _MEDALS:
        return _MEDALS[mark], None
    if mark in {"-", "--", "—"}:
        return None, REFERENCE_NOTE
    return parse_int(mark), None


def _metric_name(header: str) -> str:
    if dimension := DIMENSION_BY_HEADER.get(header):
        return dimension.slug
    if header.startswith("OPEN"):
        return "open"
    if header.startswith("OPT"):
        return "opt"
    return _METRIC_NAMES.get(header, header)


def _number(text: str) -> float | None:
    return parse_float(text.rstrip("%"))


def _as_float(value: MetricValue) -> float | None:
    return value if isinstance(value, float) else None


def _value(text: str) -> MetricValue:
    number = _number(text)
    return number if number is not None else optional_text(text)
