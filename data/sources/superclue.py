"""SuperCLUE (CLUEbenchmark): the Chinese general-purpose LLM benchmark.

Formats read here, told apart by their content:
- the 2023 boards as published in the GitHub README (markdown): several tables, each picked by
  the heading above it (总排行榜, OPEN, OPT, 十大基础能力 / 基础能力, 开源);
- the XLSX the site publishes per round from 2024 (sheet 总排行榜, optionally 开源排行榜), whose
  columns are located by their header text.

SuperCLUE's rank column is not numeric: medals stand for 1-3, ``-`` marks foreign reference
models that are scored but not ranked, and the human baseline is not ranked either.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import ClassVar
from urllib.parse import quote, unquote

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from data.domain.errors import SourceFormatError, SourceUnavailable
from data.domain.types import BoardInfo, MetricValue, ParsedBoard, ParsedSnapshot, SourceFile
from data.sources.base import (
    Download,
    Entry,
    Fetcher,
    LeaderboardSource,
    Ranking,
    Validators,
    build_board,
    decode_text,
    first_available,
    is_zip,
    only_file,
    optional_text,
    parse_float,
    parse_int,
    source_errors,
    utc_today,
)

SOURCE_ID = "superclue"
_SITE = "https://www.superclueai.com/"

REFERENCE_NOTE = "reference model, not ranked"
HUMAN_NOTE = "human baseline"


def _board(board_id: str, title: str, description: str, category: str | None = None) -> BoardInfo:
    return BoardInfo(
        board_id=board_id,
        source_id=SOURCE_ID,
        title=title,
        description=description,
        score_label="Score",
        url=_SITE,
        category=category,
    )


OVERALL_BOARD = _board(
    "superclue",
    "SuperCLUE 总排行榜 (overall)",
    "Chinese general-purpose LLM benchmark by CLUE: overall score of the round.",
)
OPEN_BOARD = _board(
    "superclue_open",
    "SuperCLUE-OPEN 多轮开放问题 (open-ended questions)",
    "Multi-turn open-ended questions judged against a reference model.",
)
OPT_BOARD = _board(
    "superclue_opt",
    "SuperCLUE-OPT 三大能力客观题 (objective questions)",
    "Objective questions on basic abilities, Chinese specifics and academic knowledge.",
)
OPEN_SOURCE_BOARD = _board(
    "superclue_open_source",
    "SuperCLUE 开源模型排行榜 (open-source models)",
    "The overall SuperCLUE score, open-source models only.",
)


@dataclass(frozen=True, slots=True)
class Dimension:
    """A per-ability board: English slug, SuperCLUE's name, and the spellings rounds used."""

    slug: str
    chinese: str
    english: str
    spellings: tuple[str, ...]

    @property
    def board(self) -> BoardInfo:
        """The board of this ability."""
        return _board(
            f"superclue_{self.slug}",
            f"SuperCLUE {self.chinese} ({self.english})",
            f"SuperCLUE's per-ability score for {self.english} ({self.chinese}).",
            category=self.chinese,
        )


DIMENSIONS = (
    Dimension("calc", "计算", "computation", ("计算", "计算能力")),
    Dimension("logic", "逻辑推理", "logic and reasoning", ("逻辑推理", "逻辑与推理")),
    Dimension("code", "代码", "coding", ("代码",)),
    Dimension("knowledge", "知识百科", "knowledge", ("知识百科", "百科与知识", "知识与百科")),
    Dimension("language", "语言理解", "language understanding", ("语言理解", "语义理解")),
    Dimension("writing", "生成创作", "generation and writing", ("生成创作", "生成与创作")),
    Dimension("dialogue", "对话", "dialogue", ("对话", "上下文对话")),
    Dimension("roleplay", "角色扮演", "role play", ("角色扮演", "角色模拟")),
    Dimension("tools", "工具使用", "tool use", ("工具使用",)),
    Dimension("safety", "传统安全", "safety", ("传统安全", "安全")),
    Dimension("chitchat", "闲聊", "chit-chat", ("闲聊",)),
    Dimension("agent", "AI Agent", "AI agents", ("AIAgent",)),
    Dimension("math", "数学推理", "mathematical reasoning", ("数学推理",)),
    Dimension("science", "科学推理", "scientific reasoning", ("科学推理",)),
    Dimension("hallucination", "幻觉控制", "hallucination control", ("幻觉控制",)),
    Dimension(
        "instruction_following", "精确指令遵循", "precise instruction following", ("精确指令遵循",)
    ),
    Dimension("agentic_coding", "智能体编程", "agentic coding", ("智能体编程",)),
    Dimension("agent_planning", "智能体任务规划", "agent task planning", ("智能体任务规划",)),
)
_DIMENSION_BY_HEADER = {spelling: dim for dim in DIMENSIONS for spelling in dim.spellings}

#: Normalised header -> role of the column; every other column is a score or metric.
_ROLES = {
    "排名": "rank",
    "模型": "model",
    "模型名称": "model",
    "机构": "organization",
    "许可": "license",
    "许可证": "license",
    "使用": "access",
    "使用方式": "access",
    "开/闭源": "open_closed",
    "属地": "region",
    "是否推理": "reasoning",
    "发布日期": "release_date",
}
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
_ROUND = re.compile(r"(?<!\d)(\d{4})年(\d{1,2})月")
_NAME_ROUND = re.compile(r"(?<!\d)(\d{4})(?:年|-)(\d{1,2})(?:月|(?![\d-]))")
_ANNOUNCED = re.compile(
    r"^\s*[【\[]\s*(?:(?P<year>\d{2,4})[-/])?(?P<month>\d{1,2})[-/月](?P<day>\d{1,2})日?\s*[】\]]"
)


class SuperCLUESource(LeaderboardSource):
    """SuperCLUE general boards: 2023 README markdown and the XLSX published from 2024."""

    source_id = SOURCE_ID
    title = "SuperCLUE"
    homepage = _SITE
    attribution = "SuperCLUE, CLUE benchmark (CLUEbenchmark/SuperCLUE, superclueai.com)"
    licence = "No licence stated (the SuperCLUE repository has no LICENSE file)"
    #: ``{period}`` (``2025年5月``) is discovered at fetch time; other URLs are fetched as given.
    default_url = "https://www.superclueai.com/data/generalboard/{period}.xlsx"
    min_rows = 10
    score_range = (0.0, 100.0)
    #: How many months back from this month the discovery probes (one GET each).
    probe_months: ClassVar[int] = 24

    def __init__(self, *, today: Callable[[], date] = utc_today) -> None:
        """``today`` is the clock the round discovery counts back from."""
        self._today = today

    def parse(self, files: Sequence[SourceFile]) -> ParsedSnapshot:
        """Read one README markdown or round XLSX into the overall and per-ability boards."""
        file = only_file(self.source_id, files)
        with source_errors(self.source_id):
            if is_zip(file.content):
                tables, text = _xlsx_tables(file), ""
            else:
                text = decode_text(file)
                tables = _markdown_tables(text)
        boards = _boards(tables)
        if not boards:
            raise SourceFormatError(
                self.source_id,
                "no SuperCLUE leaderboard table found (expected a 总排行榜 table or sheet)",
                file.name,
            )
        return ParsedSnapshot(self.source_id, _as_of(text, tables, file.name), boards)

    async def fetch(self, fetcher: Fetcher, url: str, validators: Validators) -> Download:
        """Download the newest round's XLSX, probing months back from today until one exists."""
        if "{period}" not in url:
            return await super().fetch(fetcher, url, validators)
        candidates = [url.format(period=quote(period)) for period in self._periods()]
        found = await first_available(fetcher, candidates, is_zip)
        if found is None:
            raise SourceUnavailable(
                self.source_id, f"no round XLSX in the last {len(candidates)} months", url
            )
        name = unquote(found.url.rsplit("/", 1)[-1])
        return Download(
            found.url,
            (SourceFile(name, found.content),),
            Validators(found.etag, found.last_modified),
        )

    def _periods(self) -> Iterator[str]:
        today = self._today()
        year, month = today.year, today.month
        for _ in range(self.probe_months):
            yield f"{year}年{month}月"
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)


# --- tables -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Table:
    """A published table: the heading above it, normalised headers and cleaned cells."""

    heading: str
    header: list[str]
    rows: list[list[str]]

    @property
    def kind(self) -> str | None:
        """Which board the heading announces (``None``: a table we do not read)."""
        if "开源" in self.heading:
            return "open_source"
        if "OPEN" in self.heading:
            return "open"
        if "OPT" in self.heading:
            return "opt"
        if "基础能力" in self.heading:
            return "dimensions"
        if "总排行榜" in self.heading or "总榜单" in self.heading:
            return "overall"
        return None

    def column(self, role: str) -> int | None:
        """Index of the column playing ``role``."""
        return next((i for i, h in enumerate(self.header) if _ROLES.get(h) == role), None)

    def score_column(self) -> int | None:
        """The score: 总分 if present, else the first column that plays no role."""
        if "总分" in self.header:
            return self.header.index("总分")
        return next((i for i, h in enumerate(self.header) if h not in _ROLES), None)


def _clean(cell: str) -> str:
    """Cell text without links, bold, line breaks, arrows and irregular spacing."""
    cell = re.sub(r"<br\s*/?>", " ", cell, flags=re.IGNORECASE)
    cell = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", cell)
    cell = re.sub(r"<[^>]*>", "", cell)
    cell = cell.replace("↗", "").replace("**", "")
    return " ".join(cell.split())


def _header(cell: str) -> str:
    return "".join(_clean(cell).split())


def _markdown_tables(text: str) -> list[_Table]:
    """Every pipe table of the README, with the markdown heading it sits under."""
    tables: list[_Table] = []
    heading = ""
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        stripped = line.strip()
        if stripped.startswith("|"):
            block.append(stripped)
            continue
        if block:
            tables.extend(_pipe_table(heading, block))
            block = []
        if stripped.startswith("#"):
            heading = stripped.lstrip("#").strip()
    return tables


def _pipe_table(heading: str, lines: list[str]) -> list[_Table]:
    cells = [_split_row(line) for line in lines]
    separator = [cell.strip() for cell in cells[1]] if len(cells) > 1 else []
    if not separator or not all(re.fullmatch(r":?-+:?", cell) for cell in separator if cell):
        return []
    header = [_header(cell) for cell in cells[0]]
    rows = [[_clean(cell) for cell in row] for row in cells[2:]]
    return [_Table(heading, header, rows)]


def _split_row(line: str) -> list[str]:
    inner = line[1:] if line.startswith("|") else line
    inner = inner[:-1] if inner.endswith("|") else inner
    return inner.split("|")


def _xlsx_tables(file: SourceFile) -> list[_Table]:
    """The 总排行榜 sheet (and 开源排行榜 if present) as tables; headers found by their text."""
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(file.content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise SourceFormatError(SOURCE_ID, f"unreadable XLSX ({exc})", file.name) from exc
    if "总排行榜" not in workbook.sheetnames:
        raise SourceFormatError(
            SOURCE_ID,
            f"the XLSX has no 总排行榜 sheet; sheets: {', '.join(workbook.sheetnames)}",
            file.name,
        )
    tables = []
    for sheet_name, heading in (("总排行榜", "总排行榜"), ("开源排行榜", "开源排行榜")):
        if sheet_name in workbook.sheetnames:
            values = [[_xlsx_text(value) for value in row] for row in workbook[sheet_name].values]
            tables.append(_sheet_table(heading, values, file))
    workbook.close()
    return tables


def _sheet_table(heading: str, values: list[list[str]], file: SourceFile) -> _Table:
    for index, row in enumerate(values[:20]):
        header = [_header(cell) for cell in row]
        if {"模型名称", "模型"} & set(header):
            rows = [row for row in values[index + 1 :] if any(row)]
            return _Table(heading, header, rows)
    raise SourceFormatError(SOURCE_ID, f"no 模型名称 header row in sheet {heading}", file.name)


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    return _clean(str(value))


# --- boards -----------------------------------------------------------------------------------


def _boards(tables: list[_Table]) -> tuple[ParsedBoard, ...]:
    """The boards of the first table of each kind; the overall board first."""
    picked: dict[str, _Table] = {}
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


def _entries(table: _Table) -> tuple[list[Entry], Ranking]:
    """Rows of a ranked table; tables without a rank column are ranked by their score."""
    score_at = table.score_column()
    entries = [_entry(table, row, score_at) for row in table.rows]
    entries = [entry for entry in entries if entry.name]
    return entries, "published" if table.column("rank") is not None else "score"


def _entry(table: _Table, row: list[str], score_at: int | None) -> Entry:
    def cell(index: int | None) -> str:
        return row[index] if index is not None and index < len(row) else ""

    name = cell(table.column("model"))
    rank, note = _published_rank(cell(table.column("rank")), name)
    metrics: dict[str, MetricValue] = {}
    for index, header in enumerate(table.header):
        role = _ROLES.get(header)
        if role in _TEXT_ROLES:
            metrics[role] = optional_text(cell(index))
        elif role is None and (index != score_at or header in _DIMENSION_BY_HEADER):
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


def _dimension_boards(table: _Table, overall: dict[str, Entry]) -> list[ParsedBoard]:
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
                entry.ranked, entry.rank_note = False, on_overall.rank_note
        if average is not None and average not in _DIMENSION_BY_HEADER:
            entry.metrics[_metric_name(average)] = entry.score
    dimensions = [_DIMENSION_BY_HEADER[h] for h in table.header if h in _DIMENSION_BY_HEADER]
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
    if dimension := _DIMENSION_BY_HEADER.get(header):
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


# --- dates ------------------------------------------------------------------------------------


def _as_of(text: str, tables: list[_Table], name: str) -> date | None:
    """The day the round's board was announced, else the first day of the round's month."""
    headings = [table.heading for table in tables if table.kind == "overall"]
    headings += [table.heading for table in tables]
    round_start = next(
        (start for heading in headings if (start := _month_start(_ROUND.search(heading)))), None
    ) or _month_start(_NAME_ROUND.search(unquote(name)))
    if round_start is None:
        return None
    return _announced(text, round_start) or round_start


def _month_start(match: re.Match[str] | None) -> date | None:
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), 1)
    except ValueError:
        return None


def _announced(text: str, round_start: date) -> date | None:
    """The date of a ``【2023-12-28】 发布SuperCLUE-2023年12月榜单``-style line for this round."""
    month_mark = re.compile(rf"(?<!\d){round_start.month}月")
    for line in text.splitlines():
        match = _ANNOUNCED.match(line)
        if not match or "发布" not in line or "榜" not in line or not month_mark.search(line):
            continue
        year = int(match["year"]) if match["year"] else round_start.year
        year += 2000 if year < 100 else 0
        try:
            day = date(year, int(match["month"]), int(match["day"]))
        except ValueError:
            continue
        if round_start <= day <= round_start + timedelta(days=92):
            return day
    return None
