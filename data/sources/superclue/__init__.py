"""SuperCLUE (CLUEbenchmark): the Chinese general-purpose LLM benchmark.

Formats read here, told apart by their content:
- the 2023 boards as published in the GitHub README (markdown): several tables, each picked by
  the heading above it (总排行榜, OPEN, OPT, 十大基础能力 / 基础能力, 开源);
- the XLSX the site publishes per round from 2024 (sheet 总排行榜, optionally 开源排行榜), whose
  columns are located by their header text.

Both become ``Table``s (``tables``: ``markdown``, ``xlsx``), read into boards by ``entries``
(the board list is in ``boards``) and dated by ``dates``; ``discovery`` finds the newest round.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import ClassVar

from data.domain.errors import SourceFormatError
from data.domain.types import BoardFacts, ParsedSnapshot, SourceFile
from data.sources.base import (
    Download,
    Fetcher,
    LeaderboardSource,
    Validators,
    decode_text,
    is_zip,
    only_file,
    source_errors,
    utc_today,
)
from data.sources.superclue.boards import OPEN_SOURCE_BOARD, OVERALL_BOARD, SITE, SOURCE_ID
from data.sources.superclue.dates import as_of
from data.sources.superclue.discovery import newest_round, round_periods
from data.sources.superclue.entries import read_boards
from data.sources.superclue.markdown import markdown_tables
from data.sources.superclue.xlsx import xlsx_tables


class SuperCLUESource(LeaderboardSource):
    """SuperCLUE general boards: 2023 README markdown and the XLSX published from 2024."""

    source_id = SOURCE_ID
    cadence = timedelta(days=45)  # SuperCLUE publishes a board about monthly.
    title = "SuperCLUE"
    colour = 0xE8453C
    publishes = frozenset({"licences", "categories"})
    homepage = SITE
    attribution = "SuperCLUE, CLUE benchmark (CLUEbenchmark/SuperCLUE, superclueai.com)"
    licence = "No licence stated (the SuperCLUE repository has no LICENSE file)"
    #: ``{period}`` (``2025年5月``) is discovered at fetch time; other URLs are fetched as given.
    default_url = "https://www.superclueai.com/data/generalboard/{period}.xlsx"
    min_rows = 10
    score_range = (0.0, 100.0)
    #: How many months back from this month the discovery probes (one short GET each, at
    #: most ``MAX_PROBES``).
    probe_months: ClassVar[int] = 24

    bundled = (("superclue_2023-11.md",), ("superclue_2023-12.md",))
    #: The overall board's dimension scores; the open-source board lists open models only.
    board_facts: ClassVar[Mapping[str, BoardFacts]] = {
        OVERALL_BOARD.board_id: BoardFacts(
            metrics=(
                ("basic", "基础能力"),
                ("chinese", "中文特性"),
                ("academic", "学术专业"),
                ("open", "OPEN"),
                ("opt", "OPT"),
            )
        ),
        OPEN_SOURCE_BOARD.board_id: BoardFacts(open_weights=True),
    }

    def __init__(self, *, today: Callable[[], date] = utc_today) -> None:
        """``today`` is the clock the round discovery counts back from."""
        self._today = today

    def parse(self, files: Sequence[SourceFile]) -> ParsedSnapshot:
        """Read one README markdown or round XLSX into the overall and per-ability boards."""
        file = only_file(self.source_id, files)
        with source_errors(self.source_id):
            if is_zip(file.content):
                tables, text = xlsx_tables(file), ""
            else:
                text = decode_text(file)
                tables = markdown_tables(text)
        boards = read_boards(tables)
        if not boards:
            raise SourceFormatError(
                self.source_id,
                "no SuperCLUE leaderboard table found (expected a 总排行榜 table or sheet)",
                file.name,
            )
        return ParsedSnapshot(self.source_id, as_of(text, tables, file.name), boards)

    async def fetch(self, fetcher: Fetcher, url: str, validators: Validators) -> Download:
        """Download the newest round's XLSX, probing months back from today until one exists."""
        if "{period}" not in url:
            return await super().fetch(fetcher, url, validators)
        return await newest_round(fetcher, url, round_periods(self._today(), self.probe_months))
