"""Arena-Hard-Auto (lmarena/arena-hard-auto): 500 hard Arena prompts judged by GPT-4 Turbo.

Formats read here, told apart by their content:
- the leaderboard CSVs ``model,score,rating_q025,rating_q975,CI,avg_tokens[,date]`` (also the
  copy shipped in the Chatbot Arena HF Space, whose ``CI`` reads ``(1.9, 2.0)``: the bounds are
  taken from the ``rating_q*`` columns, never from that text);
- the console text of ``misc/past_leaderboards.md``: fenced blocks of
  ``model | score: 82.2 | 95% CI: (-1.9, 1.6) | average #tokens: 567``; a block captioned
  "Style Control" is the style-controlled board.

Ranks are the Arena's Rank (UB) from the confidence intervals. The baseline (gpt-4-0314 in
v0.1) is fixed at 50 with a zero-width interval; the published boards list it among the models,
so it keeps its place and a Rank (UB) like any other row, with a ``rank_note`` saying it is the
baseline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date

from data.domain.errors import SourceFormatError
from data.domain.types import BoardInfo, ParsedBoard, ParsedSnapshot, SourceFile
from data.sources.base import (
    Entry,
    LeaderboardSource,
    build_board,
    date_from_name,
    decode_text,
    only_file,
    optional_text,
    parse_float,
    read_csv,
    source_errors,
    style_control_board,
)

SOURCE_ID = "arena_hard"
_URL = "https://github.com/lmarena/arena-hard-auto"

MAIN_BOARD = BoardInfo(
    board_id="arena_hard",
    source_id=SOURCE_ID,
    title="Arena-Hard-Auto",
    description="500 hard Arena prompts; GPT-4 Turbo judges win rate against a baseline model.",
    score_label="Win rate %",
    url=_URL,
)
STYLE_BOARD = style_control_board(MAIN_BOARD, "Arena-Hard-Auto")

BASELINE_NOTE = "baseline (fixed at 50)"

_CSV_COLUMNS = ("model", "score", "rating_q025", "rating_q975")
_TEXT_ROW = re.compile(
    r"^(?P<model>\S.*?)\s*\|\s*score:\s*(?P<score>[-\d.]+)\s*"
    r"\|\s*95% CI:\s*\(\s*(?P<minus>[-+]?[\d.]+)\s*,\s*(?P<plus>[-+]?[\d.]+)\s*\)\s*"
    r"\|\s*average #tokens:\s*(?P<tokens>\d+)"
)
_FENCE = "```"


class ArenaHardSource(LeaderboardSource):
    """Arena-Hard-Auto leaderboard (CSV or console text)."""

    source_id = SOURCE_ID
    title = "Arena-Hard-Auto"
    colour = 0x1ABC9C
    homepage = _URL
    attribution = "Arena-Hard-Auto, LMArena / LMSYS (lmarena/arena-hard-auto)"
    licence = "Repository Apache-2.0; no separate data licence stated"
    default_url = (
        "https://raw.githubusercontent.com/lmarena/arena-hard-auto/main/leaderboard/"
        "arena_hard_leaderboard_20240731.csv"
    )
    min_rows = 10
    score_range = (0.0, 100.0)

    def parse(self, files: Sequence[SourceFile]) -> ParsedSnapshot:
        """Read one leaderboard CSV or past-leaderboards text into its board(s)."""
        file = only_file(self.source_id, files)
        with source_errors(self.source_id):
            text = decode_text(file)
            if _has_text_rows(text):
                boards, as_of = _text_boards(text), None
            else:
                boards, as_of = _csv_board(file)
        if not any(board.rows for board in boards):
            raise SourceFormatError(self.source_id, "the leaderboard has no rows", file.name)
        return ParsedSnapshot(self.source_id, as_of or date_from_name(file.name), boards)


def _entry(model: str, score: float, lower: float | None, upper: float | None) -> Entry:
    baseline = score == 50.0 and lower == upper == 50.0
    return Entry(
        key=model,
        name=model,
        score=score,
        ci_lower=lower,
        ci_upper=upper,
        rank_note=BASELINE_NOTE if baseline else None,
    )


# --- CSV --------------------------------------------------------------------------------------


def _csv_board(file: SourceFile) -> tuple[tuple[ParsedBoard, ...], date | None]:
    """The board and the newest ``date`` the rows state, if any."""
    header, records = read_csv(file)
    if not all(column in header for column in _CSV_COLUMNS):
        raise SourceFormatError(
            SOURCE_ID,
            "not an Arena-Hard leaderboard CSV (model, score, rating_q025, rating_q975) nor "
            f"console text; found {', '.join(header[:12])}",
            file.name,
        )
    entries: list[Entry] = []
    dates: list[date] = []
    for record in records:
        score = parse_float(record["score"])
        if not record["model"] or score is None:
            continue
        entry = _entry(
            record["model"],
            score,
            parse_float(record["rating_q025"]),
            parse_float(record["rating_q975"]),
        )
        entry.metrics = {
            "ci": optional_text(record.get("CI")),
            "avg_tokens": parse_float(record.get("avg_tokens")),
            "date": optional_text(record.get("date")),
        }
        entries.append(entry)
        if stated := _iso_date(record.get("date")):
            dates.append(stated)
    board = build_board(MAIN_BOARD, entries, ranking="ci")
    return (board,), max(dates, default=None)


def _iso_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


# --- console text -----------------------------------------------------------------------------


def _has_text_rows(text: str) -> bool:
    return any(_TEXT_ROW.match(line.strip()) for line in text.splitlines())


def _text_boards(text: str) -> tuple[ParsedBoard, ...]:
    """One board per kind of block; the first block of each kind wins."""
    blocks: dict[str, list[Entry]] = {}
    for caption, lines in _fenced_blocks(text):
        board_id = STYLE_BOARD.board_id if "style control" in caption.lower() else "arena_hard"
        entries = [_text_entry(match) for line in lines if (match := _TEXT_ROW.match(line))]
        if entries:
            blocks.setdefault(board_id, entries)
    return tuple(
        build_board(info, blocks[info.board_id], ranking="ci")
        for info in (MAIN_BOARD, STYLE_BOARD)
        if info.board_id in blocks
    )


def _fenced_blocks(text: str) -> Iterator[tuple[str, list[str]]]:
    """``(caption, lines)`` of each fenced block; the caption is the text line just above it."""
    caption = ""
    block: list[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(_FENCE):
            if block is None:
                block = []
            else:
                yield caption, block
                block, caption = None, ""
        elif block is not None:
            block.append(line)
        elif line:
            caption = line
    if block is not None:
        yield caption, block


def _text_entry(match: re.Match[str]) -> Entry:
    score = float(match["score"])
    # Written "(-1.9, 1.6)"; taking magnitudes also reads the unsigned "(1.9, 1.6)" spelling.
    lower = round(score - abs(float(match["minus"])), 6)
    upper = round(score + abs(float(match["plus"])), 6)
    entry = _entry(match["model"], score, lower, upper)
    entry.metrics = {
        "ci": f"({match['minus']}, {match['plus']})",
        "avg_tokens": float(match["tokens"]),
    }
    return entry
