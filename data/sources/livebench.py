"""LiveBench (livebench.ai): contamination-limited questions, refreshed release by release.

A release publishes two files that only make sense together: ``table_<YYYY_MM_DD>.csv`` (one
column per task, scores 0-100) and ``categories_<YYYY_MM_DD>.json`` (category -> task columns).
The file has no overall score: like the site, a category's score is the mean of its task
columns and the global average the mean of the category scores, empty cells ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean
from typing import ClassVar

from data.domain.errors import SourceFormatError, SourceUnavailable
from data.domain.types import BoardInfo, MetricValue, ParsedSnapshot, SourceFile
from data.sources.base import (
    Download,
    Entry,
    Fetcher,
    FetchResponse,
    LeaderboardSource,
    Validators,
    build_board,
    date_from_name,
    first_available,
    looks_like_json,
    parse_float,
    probe_urls,
    read_csv,
    read_json,
    slugify,
    source_errors,
    utc_today,
)

SOURCE_ID = "livebench"
_SITE = "https://livebench.ai"

MAIN_BOARD = BoardInfo(
    board_id="livebench",
    source_id=SOURCE_ID,
    title="LiveBench",
    description=(
        "Frequently refreshed, objectively scored questions; global average of the category "
        "averages (0-100)."
    ),
    score_label="Global average",
    url=_SITE,
)

#: Releases known when this adapter was written (SOURCES.md), newest first.
KNOWN_RELEASES = (
    "2026_01_08",
    "2025_12_23",
    "2025_11_25",
    "2025_05_30",
    "2025_04_25",
    "2025_04_02",
    "2024_11_25",
    "2024_08_31",
    "2024_07_26",
    "2024_06_24",
)
#: Global averages the site's code hard-codes instead of computing them.
HARD_CODED_GLOBAL = {"grok-3-thinking": 72.0, "grok-3": 58.0}

_RELEASE = re.compile(r"(?<!\d)(\d{4})_(\d{2})_(\d{2})(?!\d)")


class LiveBenchSource(LeaderboardSource):
    """LiveBench leaderboard: a release's table plus its categories file."""

    source_id = SOURCE_ID
    title = "LiveBench"
    colour = 0x8E44AD
    publishes = frozenset({"categories"})
    homepage = _SITE
    attribution = "LiveBench (livebench.ai; LiveBench/livebench.github.io)"
    licence = "No data licence stated (site repository has no LICENSE; code is Apache-2.0)"
    #: ``{release}`` is discovered at fetch time; a concrete table URL is fetched as given.
    default_url = f"{_SITE}/table_{{release}}.csv"
    min_rows = 10
    score_range = (0.0, 100.0)
    #: Days before today probed for a release newer than ``KNOWN_RELEASES`` (one short GET
    #: each, at most ``MAX_PROBES``).
    probe_days: ClassVar[int] = 62

    def __init__(self, *, today: Callable[[], date] = utc_today) -> None:
        """``today`` is the clock the release discovery counts back from."""
        self._today = today

    def parse(self, files: Sequence[SourceFile]) -> ParsedSnapshot:
        """Read a release's table CSV and categories JSON into the global and category boards."""
        with source_errors(self.source_id):
            table, categories = _pair(files)
            header, records = read_csv(table)
        _check_columns(categories, header, table)
        release = _release(table.name)
        stamp: dict[str, MetricValue] = {"release": release.isoformat() if release else None}
        rows = [_row(record, categories) for record in records if record["model"]]
        scored = [row for row in rows if row.global_average is not None]
        if not scored:
            raise SourceFormatError(self.source_id, "the table has no scored rows", table.name)
        boards = [
            build_board(
                MAIN_BOARD,
                [_entry(row, row.global_average, row.global_metrics() | stamp) for row in scored],
                ranking="score",
            )
        ]
        for category, columns in categories.items():
            entries = [
                _entry(row, row.averages[category], row.task_metrics(columns) | stamp)
                for row in scored
                if category in row.averages
            ]
            boards.append(build_board(_category_board(category), entries, ranking="score"))
        return ParsedSnapshot(
            self.source_id,
            date_from_name(table.name),
            tuple(boards),
            edition=release.isoformat() if release else None,
        )

    async def fetch(self, fetcher: Fetcher, url: str, validators: Validators) -> Download:
        """Download a release's table and categories, discovering the newest release if asked.

        Candidates are the days back from today (``probe_days``, stopping at the newest known
        release), probed with one short GET each, then the known releases newest first, fetched
        as real downloads; the first table that answers wins. A failure other than "not found"
        (the host is down) ends the search at once.
        """
        if "{release}" in url:
            table = await self._newest_table(fetcher, url)
        else:
            table = await fetcher.get(url)
            if not _is_table(table.content):
                raise SourceUnavailable(self.source_id, "not a LiveBench table", url)
        categories_url = _categories_url(table.url)
        categories = await fetcher.get(categories_url)
        if not looks_like_json(SourceFile("", categories.content)):
            raise SourceUnavailable(
                self.source_id, "the release's categories file is not JSON", categories_url
            )
        files = (
            SourceFile(table.url.rsplit("/", 1)[-1], table.content),
            SourceFile(categories_url.rsplit("/", 1)[-1], categories.content),
        )
        return Download(table.url, files, Validators(table.etag, table.last_modified))

    async def _newest_table(self, fetcher: Fetcher, template: str) -> FetchResponse:
        """The table of the newest release that answers, ``{release}`` filled in ``template``."""
        probes = probe_urls(template.format(release=day) for day in self._new_releases())
        known = [template.format(release=release) for release in KNOWN_RELEASES]
        table = await first_available(fetcher, probes, _is_table) or await first_available(
            fetcher, known, _is_table, probe=False
        )
        if table is None:
            tries = len(probes) + len(known)
            raise SourceUnavailable(
                self.source_id, f"no LiveBench table found after {tries} tries", template
            )
        return table

    def _new_releases(self) -> Iterator[str]:
        """Release names newer than the known ones: today and the ``probe_days`` before."""
        newest_known = _release(KNOWN_RELEASES[0]) or date.min
        today = self._today()
        for back in range(self.probe_days):
            day = today - timedelta(days=back)
            if day <= newest_known:
                break
            yield day.strftime("%Y_%m_%d")


@dataclass(frozen=True, slots=True)
class _Row:
    """One table row: task scores, category averages and the global average."""

    model: str
    tasks: dict[str, float]
    averages: dict[str, float]
    global_average: float | None

    def global_metrics(self) -> dict[str, MetricValue]:
        """Every task score plus each category average (``avg_<category>``)."""
        metrics: dict[str, MetricValue] = {
            f"avg_{slugify(category)}": average for category, average in self.averages.items()
        }
        metrics |= self.tasks
        if self.model in HARD_CODED_GLOBAL:
            metrics["global_average_note"] = "hard-coded by the LiveBench site"
        return metrics

    def task_metrics(self, columns: list[str]) -> dict[str, MetricValue]:
        """The scores of one category's tasks."""
        return {column: self.tasks[column] for column in columns if column in self.tasks}


def _row(record: dict[str, str], categories: dict[str, list[str]]) -> _Row:
    """Scores of one model; short rows and empty cells just lack those tasks."""
    tasks = {
        column: score
        for column, value in record.items()
        if column != "model" and (score := parse_float(value)) is not None
    }
    averages = {
        category: fmean(values)
        for category, columns in categories.items()
        if (values := [tasks[column] for column in columns if column in tasks])
    }
    computed = fmean(averages.values()) if averages else None
    model = record["model"]
    return _Row(model, tasks, averages, HARD_CODED_GLOBAL.get(model, computed))


def _entry(row: _Row, score: float | None, metrics: dict[str, MetricValue]) -> Entry:
    return Entry(key=row.model, name=row.model, score=score, metrics=metrics)


def _category_board(category: str) -> BoardInfo:
    return BoardInfo(
        board_id=f"livebench_{slugify(category)}",
        source_id=SOURCE_ID,
        title=f"LiveBench: {category}",
        description=f"LiveBench's {category} category: the mean of its task scores (0-100).",
        score_label=f"{category} average",
        url=_SITE,
        category=category,
    )


# --- pairing the two files --------------------------------------------------------------------


def _pair(files: Sequence[SourceFile]) -> tuple[SourceFile, dict[str, list[str]]]:
    """The table and the task columns of each category, from the categories file of its release."""
    tables = [file for file in files if not looks_like_json(file)]
    jsons = [file for file in files if looks_like_json(file)]
    if len(tables) != 1:
        names = ", ".join(file.name for file in tables) or "none"
        raise SourceFormatError(SOURCE_ID, f"expected one table CSV, got {names}")
    table = tables[0]
    release = _release(table.name)
    expected = f"categories_{release:%Y_%m_%d}.json" if release else "categories_<release>.json"
    if not jsons:
        raise SourceFormatError(
            SOURCE_ID,
            f"the categories file {expected} of this release is missing; a table cannot be "
            "scored without it",
            table.name,
        )
    same_release = [file for file in jsons if _release(file.name) in (release, None)]
    if len(same_release) != 1:
        found = ", ".join(file.name for file in jsons)
        raise SourceFormatError(
            SOURCE_ID, f"need exactly one categories file {expected}; got {found}", table.name
        )
    return table, _categories(same_release[0])


def _categories(file: SourceFile) -> dict[str, list[str]]:
    data = read_json(file)
    if (
        not isinstance(data, dict)
        or not data
        or not all(
            isinstance(tasks, list) and all(isinstance(task, str) for task in tasks)
            for tasks in data.values()
        )
    ):
        raise SourceFormatError(
            SOURCE_ID, "not a LiveBench categories file {category: [task, ...]}", file.name
        )
    return {str(category): list(tasks) for category, tasks in data.items()}


def _check_columns(categories: dict[str, list[str]], header: list[str], table: SourceFile) -> None:
    """Refuse a table without a model column, or one paired with another release's categories."""
    if "model" not in header:
        raise SourceFormatError(
            SOURCE_ID,
            f"not a LiveBench table (no model column); found {', '.join(header[:12])}",
            table.name,
        )
    absent = [name for name, tasks in categories.items() if not set(tasks) & set(header)]
    if absent:
        raise SourceFormatError(
            SOURCE_ID,
            f"no task column of category {', '.join(absent)} in the table: "
            "the categories file belongs to another release",
            table.name,
        )


def _release(name: str) -> date | None:
    match = _RELEASE.search(name)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _is_table(content: bytes) -> bool:
    return content.lstrip(b"\xef\xbb\xbf").startswith(b"model,")


def _categories_url(table_url: str) -> str:
    folder, name = table_url.rsplit("/", 1)
    return f"{folder}/{name.replace('table_', 'categories_', 1).rsplit('.', 1)[0]}.json"
