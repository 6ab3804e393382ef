"""LMArena (formerly LMSYS Chatbot Arena): crowd-sourced pairwise votes, Bradley-Terry scores.

Formats read here:
- the page CSV scraped daily by fboulnois/llm-leaderboard-csv (``lmsys.csv`` until 2025-07,
  ``lmarena_text.csv`` after); newer files add ``rank_stylectrl``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from data.domain.errors import SourceFormatError
from data.domain.types import BoardInfo, ParsedBoard, ParsedSnapshot, Row, SourceFile
from data.sources.base import (
    LeaderboardSource,
    date_from_name,
    optional_text,
    parse_float,
    parse_int,
    read_csv,
    require_columns,
)

MAIN_BOARD = BoardInfo(
    board_id="lmarena",
    source_id="lmarena",
    title="LMArena Text",
    description="Crowd-sourced blind pairwise votes on chat answers (Bradley-Terry score).",
    score_label="Arena score",
    url="https://lmarena.ai/leaderboard/text",
)

_PAGE_CSV_COLUMNS = ("rank", "model", "arena_score", "95_pct_ci", "votes")
_CI = re.compile(r"^\s*\+\s*(?P<plus>[\d.]+)\s*/\s*-\s*(?P<minus>[\d.]+)\s*$")


class LMArenaSource(LeaderboardSource):
    """LMArena text leaderboard."""

    source_id = "lmarena"
    title = "LMArena (Chatbot Arena)"
    homepage = "https://lmarena.ai/leaderboard"
    attribution = (
        "LMArena (lmarena.ai), formerly LMSYS Chatbot Arena; page CSVs collected by "
        "fboulnois/llm-leaderboard-csv (MPL-2.0)"
    )
    licence = "Leaderboard data: HF Space card apache-2.0; fboulnois CSV collection MPL-2.0"
    default_url = (
        "https://raw.githubusercontent.com/fboulnois/llm-leaderboard-csv/main/csv/lmarena_text.csv"
    )
    min_rows = 20
    score_range = (0.0, 3000.0)

    def parse(self, files: Sequence[SourceFile]) -> ParsedSnapshot:
        """Read one page CSV into the overall text board."""
        if len(files) != 1:
            raise SourceFormatError(self.source_id, "expected exactly one file")
        file = files[0]
        header, records = read_csv(file)
        require_columns(header, _PAGE_CSV_COLUMNS, file)
        rows = _page_csv_rows(records, has_style_rank="rank_stylectrl" in header)
        if not rows:
            raise SourceFormatError(self.source_id, "the table has no rows", file.name)
        return ParsedSnapshot(
            self.source_id, date_from_name(file.name), (ParsedBoard(MAIN_BOARD, rows),)
        )


def _page_csv_rows(records: list[dict[str, str]], *, has_style_rank: bool) -> tuple[Row, ...]:
    """Rows of the page CSV in published order.

    In ``lmsys.csv`` ``rank`` is the UI's Rank (UB) and ``rank_stylectrl`` the style-control rank.
    In ``lmarena_text.csv`` ``rank`` is only the row number and the real Rank (UB) sits in
    ``rank_stylectrl`` (SOURCES.md §2b): a ``rank`` column that counts 1..N is that layout.
    """
    published = [parse_int(record["rank"]) for record in records]
    rank_is_row_number = has_style_rank and published == list(range(1, len(records) + 1))
    rows: list[Row] = []
    for position, record in enumerate(records, start=1):
        name = record["model"]
        if not name:
            continue
        score = parse_float(record["arena_score"])
        ci_text = record["95_pct_ci"]
        ci_lower = ci_upper = None
        match = _CI.match(ci_text)
        if match and score is not None:
            ci_upper = score + float(match["plus"])
            ci_lower = score - float(match["minus"])
        metrics: dict[str, float | str | None] = {"ci": ci_text or None}
        if rank_is_row_number:
            rank = parse_int(record["rank_stylectrl"])
        else:
            rank = parse_int(record["rank"])
            if has_style_rank:
                metrics["rank_style_control"] = parse_float(record["rank_stylectrl"])
        for column in ("knowledge_cutoff", "url"):
            if optional_text(record.get(column)):
                metrics[column] = record[column]
        rows.append(
            Row(
                key=name,
                name=name,
                rank=rank,
                score=score,
                position=position,
                ci_lower=ci_lower,
                ci_upper=ci_upper,
                votes=parse_int(record["votes"]),
                organization=optional_text(record.get("organization")),
                license=optional_text(record.get("license")),
                metrics=metrics,
            )
        )
    return tuple(rows)
