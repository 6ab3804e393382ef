"""Arena-Hard-Auto (lmarena/arena-hard-auto): hard Arena prompts, an LLM judge, a baseline.

Formats read here, told apart by their content:
- v2.0 (April 2025 on, the current board), published only as ``console`` blocks of the
  repository README: a pandas print ``<index>  <model>  <score>  (-0.8 / +0.9)`` under a caption
  line. The block captioned "(Official Configuration)" is the main board; the others (another
  judge, creative writing) are its category boards. The index is a row number, not a rank;
  a cut-off last row (``(-0.9 / +0.``) is skipped, with a note (``ParsedSnapshot.notes``);
- the leaderboard CSVs ``model,score,rating_q025,rating_q975,CI,avg_tokens[,date]`` (also the
  copy shipped in the Chatbot Arena HF Space, whose ``CI`` reads ``(1.9, 2.0)``: the bounds are
  taken from the ``rating_q*`` columns, never from that text);
- the console text of ``misc/past_leaderboards.md``: fenced blocks of
  ``model | score: 82.2 | 95% CI: (-1.9, 1.6) | average #tokens: 567``; a block captioned
  "Style Control" is the style-controlled board.

Ranks are the Arena's Rank (UB) from the confidence intervals. The baseline (gpt-4-0314 in
v0.1, o3-mini-2025-01-31 or gemini-2.0-flash-001 in v2.0) is fixed at exactly 50 with a
zero-width interval (other models may score 50.0 too). The published boards list it among
the models, so it keeps its place and a Rank (UB) like any other row, with a ``rank_note``
saying it is the baseline.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from data.domain import labels, notes
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
    slugify,
    source_errors,
    style_control_board,
)

SOURCE_ID = "arena_hard"
_URL = "https://github.com/lmarena/arena-hard-auto"

MAIN_BOARD = BoardInfo(
    board_id="arena_hard",
    source_id=SOURCE_ID,
    title="Arena-Hard-Auto",
    title_zh="Arena-Hard-Auto 高难度提示自动评测",
    description=(
        "Hard Arena prompts; an LLM judge gives each model's win rate against a baseline "
        "(v2.0: style control, Gemini-2.5 judge, o3-mini baseline; v0.1: GPT-4 Turbo judge)."
    ),
    score_label=labels.WIN_RATE,
    url=_URL,
)
#: The edition of the v2.0 README boards (the v0.1 files carry none, as before).
V2_EDITION = "v2.0"
STYLE_BOARD = style_control_board(MAIN_BOARD, "Arena-Hard-Auto")

BASELINE_NOTE = notes.BASELINE

_CSV_COLUMNS = ("model", "score", "rating_q025", "rating_q975")
_TEXT_ROW = re.compile(
    r"^(?P<model>\S.*?)\s*\|\s*score:\s*(?P<score>[-\d.]+)\s*"
    r"\|\s*95% CI:\s*\(\s*(?P<minus>[-+]?[\d.]+)\s*,\s*(?P<plus>[-+]?[\d.]+)\s*\)\s*"
    r"\|\s*average #tokens:\s*(?P<tokens>\d+)"
)
_FENCE = "```"
_V2_HEADER = re.compile(r"^\s*Model\s+Scores \(%\)\s+CI \(%\)\s*$", re.MULTILINE)
_V2_ROW = re.compile(
    r"^(?P<index>\d+)\s+(?P<model>\S.*?)\s+(?P<score>\d+(?:\.\d+)?)\s+"
    r"\(\s*(?P<minus>-?\d+(?:\.\d+)?)\s*/\s*(?P<plus>\+?\d+(?:\.\d+)?)\s*\)$"
)
_V2_ROW_START = re.compile(r"^\d+\s+\S")
_OFFICIAL = "official configuration"


class ArenaHardSource(LeaderboardSource):
    """Arena-Hard-Auto leaderboard: the v2.0 README, or v0.1 CSV or console text."""

    source_id = SOURCE_ID
    cadence = timedelta(days=120)  # Arena-Hard-Auto publishes a new leaderboard every few months.
    title = "Arena-Hard-Auto"
    colour = 0x1ABC9C
    publishes = frozenset({"categories"})
    homepage = _URL
    attribution = "Arena-Hard-Auto, LMArena / LMSYS (lmarena/arena-hard-auto)"
    licence = "Repository Apache-2.0; no separate data licence stated"
    #: The v2.0 board lives only in the README; the v0.1 CSVs are frozen history.
    default_url = "https://raw.githubusercontent.com/lmarena/arena-hard-auto/main/README.md"
    min_rows = 10
    score_range = (0.0, 100.0)

    #: Arena-Hard-Auto v0.1 as history, then the current v2.0 board from the README.
    bundled = (
        ("arena_hard_leaderboard_20240731.csv",),
        ("arena_hard_past_leaderboards_as_of_2025-04-20.md",),
        ("arena_hard_v2_readme_as_of_2025-05-01.md",),
    )

    def parse(self, files: Sequence[SourceFile]) -> ParsedSnapshot:
        """Read the v2.0 README, one v0.1 leaderboard CSV or past-leaderboards text."""
        file = only_file(self.source_id, files)
        edition = None
        notes: list[str] = []
        with source_errors(self.source_id):
            text = decode_text(file)
            if _V2_HEADER.search(text):
                boards, as_of, edition = _v2_boards(text, file.name, notes), None, V2_EDITION
            elif _has_text_rows(text):
                boards, as_of = _text_boards(text), None
            else:
                boards, as_of = _csv_board(file)
        if not any(board.rows for board in boards):
            raise SourceFormatError(self.source_id, "the leaderboard has no rows", file.name)
        return ParsedSnapshot(
            self.source_id,
            as_of or date_from_name(file.name),
            boards,
            edition=edition,
            notes=tuple(notes),
        )


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


# --- v2.0 README blocks -------------------------------------------------------------------------


def _v2_boards(text: str, where: str, notes: list[str]) -> tuple[ParsedBoard, ...]:
    """The official block as the main board, every other leaderboard block as a category
    board (the first block of each board wins); what was skipped is added to ``notes``."""
    blocks: dict[str, tuple[BoardInfo, list[Entry]]] = {}
    for caption, lines in _fenced_blocks(_leaderboard_section(text)):
        if not any(_V2_HEADER.match(line) for line in lines):
            continue  # an install or usage example, not a leaderboard
        info = MAIN_BOARD if _OFFICIAL in caption.lower() else _v2_category(caption)
        blocks.setdefault(info.board_id, (info, _v2_entries(lines, caption, where, notes)))
    if MAIN_BOARD.board_id not in blocks:
        raise SourceFormatError(
            SOURCE_ID, f"no leaderboard block captioned '{_OFFICIAL}' in the README", where
        )
    main = blocks.pop(MAIN_BOARD.board_id)
    return tuple(
        build_board(info, entries, ranking="ci")
        for info, entries in (main, *sorted(blocks.values(), key=lambda b: b[0].board_id))
    )


def _leaderboard_section(text: str) -> str:
    """The README's "Leaderboard" section (the usage examples further down print result
    blocks too); the whole text when there is no such heading."""
    lines = text.splitlines()
    in_fence, start, level = False, None, 0
    for number, line in enumerate(lines):
        if line.strip().startswith(_FENCE):
            in_fence = not in_fence
        heading = None if in_fence else re.match(r"^(#+)\s+(.*?)\s*$", line)
        if heading is None:
            continue
        if start is None and heading[2].lower() == "leaderboard":
            start, level = number, len(heading[1])
        elif start is not None and len(heading[1]) <= level:
            return "\n".join(lines[start:number])
    return "\n".join(lines[start:]) if start is not None else text


def _v2_entries(lines: list[str], caption: str, where: str, notes: list[str]) -> list[Entry]:
    """Rows of one block; a cut-off last row is skipped with a note, any other unreadable
    row refuses the file."""
    rows = [line for line in lines if _V2_ROW_START.match(line)]
    entries = []
    for position, line in enumerate(rows, start=1):
        match = _V2_ROW.match(line)
        if match is None:
            if position == len(rows):
                notes.append(f"skipped the cut-off last row {line!r} of {caption!r}")
                continue
            raise SourceFormatError(SOURCE_ID, f"unreadable leaderboard row {line!r}", where)
        score = float(match["score"])
        lower = round(score - abs(float(match["minus"])), 6)
        upper = round(score + abs(float(match["plus"])), 6)
        entry = _entry(match["model"], score, lower, upper)
        entry.metrics = {"ci": f"({match['minus']} / {match['plus']})"}
        entries.append(entry)
    return entries


def _v2_category(caption: str) -> BoardInfo:
    """A category board named after its caption: ``Creative Writing, …`` or the judge of
    ``Hard Prompt, Style Control, and GPT-4.1 as Judge``."""
    text = caption.split("**", 1)[0].strip().rstrip(":").strip()
    judge = re.search(r"and ([^,]+?) as Judges?\b", text)
    if text.lower().startswith("creative writing"):
        category, category_zh = "Creative Writing", "创意写作"
    elif judge:
        category, category_zh = f"{judge[1]} judge", f"{judge[1]} 评审"
    else:
        category = category_zh = text or "other"
    return BoardInfo(
        board_id=f"{MAIN_BOARD.board_id}_{slugify(category)}",
        source_id=SOURCE_ID,
        title=f"Arena-Hard-Auto: {category}",
        title_zh=f"{MAIN_BOARD.title_zh}：{category_zh}",
        description=f"Arena-Hard-Auto v2.0, {text}.",
        score_label=MAIN_BOARD.score_label,
        url=_URL,
        category=category,
    )
