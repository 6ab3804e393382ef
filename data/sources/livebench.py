"""LiveBench (livebench.ai): contamination-limited questions, refreshed release by release.

A release publishes files that only make sense together: ``table_<YYYY_MM_DD>.csv`` (one
column per task, scores 0-100), ``categories_<YYYY_MM_DD>.json`` (category -> task columns)
and, from 2026, ``cost_<YYYY_MM_DD>.csv`` (USD per task, question counts, ``cost_per_question``).
The table has no overall score: like the site, a category's score is the mean of its task
columns and the global average the mean of the category scores, empty cells ignored.

Releases are found in the site's published release list (``RELEASES`` in
LiveBench/new-livebench ``src/lib/constants.js``; ``LIVE_BENCH_RELEASES`` in the LiveBench
package's ``livebench/common.py`` reads the same), never by guessing dates. A listed release
whose table is not there yet (404) is skipped as "not published yet". A release's table is
revised after publication: each revision is a snapshot of the same release (the edition). No
file states a revision's date, so a fetched table is undated (stored by its Last-Modified or the
day it was fetched); collected copies named ``…_as_of_<YYYY-MM-DD>.csv`` carry theirs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean
from typing import ClassVar

from data.domain import labels
from data.domain.costs import COST_PER_QUESTION
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
    decode_text,
    first_available,
    looks_like_json,
    parse_float,
    read_csv,
    read_json,
    slugify,
    source_errors,
)

log = logging.getLogger(__name__)

SOURCE_ID = "livebench"
_SITE = "https://livebench.ai"
#: The site's repository (served as livebench.ai): the release list and ``public/`` files.
_REPOSITORY = "https://raw.githubusercontent.com/LiveBench/new-livebench/main"
_RELEASE_LIST_PATH = "src/lib/constants.js"

#: The Chinese names of LiveBench's categories (a new category keeps its English name).
_CATEGORIES_ZH = {
    "Reasoning": "推理",
    "Coding": "编程",
    "Agentic Coding": "智能体编程",
    "Mathematics": "数学",
    "Data Analysis": "数据分析",
    "Language": "语言",
    "IF": "指令遵循",
}
MAIN_BOARD = BoardInfo(
    board_id="livebench",
    source_id=SOURCE_ID,
    title="LiveBench",
    title_zh="LiveBench 实时基准测评",
    description=(
        "Frequently refreshed, objectively scored questions; global average of the category "
        "averages (0-100)."
    ),
    score_label=labels.GLOBAL_AVERAGE,
    url=_SITE,
)

#: Global averages the site's code hard-codes instead of computing them.
HARD_CODED_GLOBAL = {"grok-3-thinking": 72.0, "grok-3": 58.0}

_RELEASE = re.compile(r"(?<!\d)(\d{4})_(\d{2})_(\d{2})(?!\d)")
#: The revision date a collected copy's name states: ``table_2026_06_25_as_of_2026-08-22.csv``.
_REVISED = re.compile(r"as_of_(\d{4})-(\d{2})-(\d{2})(?!\d)")
#: ``export const RELEASES = [...]`` (constants.js) or ``LIVE_BENCH_RELEASES = {...}``
#: (common.py): the body of the first such definition.
_RELEASE_LIST = re.compile(
    r"\b(?:LIVE_BENCH_)?RELEASES\b\s*(?::[^=\n]+)?=(?!=)\s*[\[{(]([^\]})]*)[\]})]"
)
_LISTED_DATE = re.compile(r"[\"'](\d{4})-(\d{2})-(\d{2})[\"']")


class LiveBenchSource(LeaderboardSource):
    """LiveBench leaderboard: a release's table, its categories and (when published) costs."""

    source_id = SOURCE_ID
    cadence = timedelta(days=60)  # a release every month or two, revised in between
    title = "LiveBench"
    colour = 0x8E44AD
    publishes = frozenset({"categories"})
    homepage = _SITE
    attribution = "LiveBench (livebench.ai; LiveBench/new-livebench, LiveBench/livebench.github.io)"
    licence = "Website CC BY-SA 4.0 (site footer); code Apache-2.0; no separate data licence stated"
    #: The published release list; the release files are read from the ``public/`` folder of
    #: the same repository. A concrete ``…/table_<date>.csv`` address is fetched as given.
    default_url = f"{_REPOSITORY}/{_RELEASE_LIST_PATH}"
    min_rows = 10
    score_range = (0.0, 100.0)
    #: Listed releases tried, newest first, before giving up (unpublished ones answer 404).
    max_releases_tried: ClassVar[int] = 4

    #: A release's table with its categories; the newest release's latest revision also
    #: with its cost file.
    bundled = (
        ("livebench_table_2024_07_26_as_of_2024-08-19.csv", "livebench_categories_2024_07_26.json"),
        ("livebench_table_2024_07_26_as_of_2024-09-07.csv", "livebench_categories_2024_07_26.json"),
        ("livebench_table_2026_01_08_as_of_2026-06-30.csv", "livebench_categories_2026_01_08.json"),
        (
            "livebench_table_2026_06_25_as_of_2026-08-22.csv",
            "livebench_categories_2026_06_25.json",
            "livebench_cost_2026_06_25_as_of_2026-08-22.csv",
        ),
    )

    def parse(self, files: Sequence[SourceFile]) -> ParsedSnapshot:
        """Read a release's table CSV, categories JSON and optional cost CSV into the global
        and category boards."""
        with source_errors(self.source_id):
            table, categories, costs = _release_files(files)
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
                [
                    _entry(row, row.global_average, row.global_metrics() | stamp | costs.total(row))
                    for row in scored
                ],
                ranking="score",
            )
        ]
        for category, columns in categories.items():
            entries = [
                _entry(
                    row,
                    row.averages[category],
                    row.task_metrics(columns) | stamp | costs.scoped(row, columns),
                )
                for row in scored
                if category in row.averages
            ]
            boards.append(build_board(_category_board(category), entries, ranking="score"))
        return ParsedSnapshot(
            self.source_id,
            _revised(table.name),
            tuple(boards),
            edition=release.isoformat() if release else None,
        )

    async def fetch(self, fetcher: Fetcher, url: str, validators: Validators) -> Download:
        """Download the newest published release named by the release list at ``url`` (or the
        table ``url`` names), with its categories and, when published, its costs."""
        if url.split("?", 1)[0].endswith(".csv"):
            table = await fetcher.get(url)
            if not _is_table(table.content):
                raise SourceUnavailable(self.source_id, "not a LiveBench table", url)
        else:
            table = await self._newest_table(fetcher, url)
        categories_url = _sibling(table.url, "categories_", ".json")
        categories = await fetcher.get(categories_url)
        if not looks_like_json(SourceFile("", categories.content)):
            raise SourceUnavailable(
                self.source_id, "the release's categories file is not JSON", categories_url
            )
        files = [
            SourceFile(_file_name(table.url), table.content),
            SourceFile(_file_name(categories_url), categories.content),
        ]
        cost_url = _sibling(table.url, "cost_", ".csv")
        try:
            files.append(SourceFile(_file_name(cost_url), (await fetcher.get(cost_url)).content))
        except SourceUnavailable as error:
            if not error.absent:
                raise
        return Download(table.url, tuple(files), Validators(table.etag, table.last_modified))

    async def _newest_table(self, fetcher: Fetcher, list_url: str) -> FetchResponse:
        """The table of the newest listed release that is published."""
        releases = read_release_list(SourceFile(list_url, (await fetcher.get(list_url)).content))
        folder = _public_folder(list_url)
        tried = releases[: self.max_releases_tried]
        for release in tried:
            table_url = f"{folder}/table_{release:%Y_%m_%d}.csv"
            found = await first_available(fetcher, [table_url], _is_table, probe=False)
            if found is not None:
                return found
            log.info("livebench: release %s is listed but not published yet", release)
        raise SourceUnavailable(
            self.source_id,
            "no published table for the newest listed releases "
            + ", ".join(release.isoformat() for release in tried),
            list_url,
        )


def read_release_list(file: SourceFile) -> list[date]:
    """The releases of a published release list, newest first."""
    text = decode_text(file)
    definition = _RELEASE_LIST.search(text)
    dates = set()
    for match in _LISTED_DATE.finditer(definition[1] if definition else ""):
        try:
            dates.add(date(int(match[1]), int(match[2]), int(match[3])))
        except ValueError:
            continue
    if not dates:
        raise SourceFormatError(
            SOURCE_ID,
            "no release list (RELEASES = [...] or LIVE_BENCH_RELEASES = {...}) with dates",
            file.name,
        )
    return sorted(dates, reverse=True)


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
        title_zh=f"{MAIN_BOARD.title_zh}：{_CATEGORIES_ZH.get(category, category)}",
        description=f"LiveBench's {category} category: the mean of its task scores (0-100).",
        score_label=f"{category} average",
        url=_SITE,
        category=category,
    )


# --- the files of one release ------------------------------------------------------------------


def _release_files(
    files: Sequence[SourceFile],
) -> tuple[SourceFile, dict[str, list[str]], _Costs]:
    """The table, the task columns of each category (from the categories file of its release)
    and the costs of the release when its cost file is among ``files``."""
    jsons = [file for file in files if looks_like_json(file)]
    costs = [file for file in files if not looks_like_json(file) and _is_cost_file(file)]
    tables = [file for file in files if file not in jsons and file not in costs]
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
    if len(costs) > 1 or any(_release(file.name) not in (release, None) for file in costs):
        found = ", ".join(file.name for file in costs)
        raise SourceFormatError(
            SOURCE_ID, f"at most one cost file, of the table's release; got {found}", table.name
        )
    return table, _categories(same_release[0]), _Costs.read(costs[0] if costs else None)


@dataclass(frozen=True, slots=True)
class _Costs:
    """A release's cost file by model: per-task USD totals (``<task>``), question counts
    (``nq_<task>``) and the published ``cost_per_question``."""

    by_model: dict[str, dict[str, str]]

    @classmethod
    def read(cls, file: SourceFile | None) -> _Costs:
        if file is None:
            return cls({})
        header, records = read_csv(file)
        if "model" not in header:
            raise SourceFormatError(SOURCE_ID, "the cost file has no model column", file.name)
        return cls({record["model"]: record for record in records if record["model"]})

    def total(self, row: _Row) -> dict[str, MetricValue]:
        """The published cost per question of the whole release (none without a cost row)."""
        record = self.by_model.get(row.model)
        return (
            {}
            if record is None
            else {COST_PER_QUESTION: parse_float(record.get(COST_PER_QUESTION))}
        )

    def scoped(self, row: _Row, columns: list[str]) -> dict[str, MetricValue]:
        """Cost per question over one category's tasks as the site scopes it: total cost over
        total questions of those tasks."""
        record = self.by_model.get(row.model)
        if record is None:
            return {}
        spent = questions = 0.0
        for column in columns:
            cost, count = parse_float(record.get(column)), parse_float(record.get(f"nq_{column}"))
            if cost is not None and count:
                spent, questions = spent + cost, questions + count
        return {COST_PER_QUESTION: spent / questions if questions else None}


def _is_cost_file(file: SourceFile) -> bool:
    """A cost file's header names ``cost_per_question`` (a table's never does)."""
    header = file.content.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    return COST_PER_QUESTION.encode() in header.split(b",")


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
    return _date_in(_RELEASE, name)


def _date_in(pattern: re.Pattern[str], name: str) -> date | None:
    """The date ``pattern``'s three groups (year, month, day) find in ``name``, if valid."""
    match = pattern.search(name)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _is_table(content: bytes) -> bool:
    return content.lstrip(b"\xef\xbb\xbf").startswith(b"model,")


def _sibling(table_url: str, prefix: str, suffix: str) -> str:
    """The release's other file next to its table: ``…/table_2026_06_25.csv`` ->
    ``…/categories_2026_06_25.json``."""
    folder, name = table_url.split("?", 1)[0].rsplit("/", 1)
    return f"{folder}/{name.replace('table_', prefix, 1).rsplit('.', 1)[0]}{suffix}"


def _file_name(url: str) -> str:
    return url.split("?", 1)[0].rsplit("/", 1)[-1]


def _public_folder(list_url: str) -> str:
    """Where the release files are, seen from the release list: the repository's ``public/``
    folder for ``…/src/lib/constants.js``, else the list's own folder."""
    address = list_url.split("?", 1)[0]
    if address.endswith("/" + _RELEASE_LIST_PATH):
        return address.removesuffix(_RELEASE_LIST_PATH) + "public"
    return address.rsplit("/", 1)[0]


def _revised(name: str) -> date | None:
    """The revision date a file name states (``…_as_of_2026-08-22.csv``), else ``None``: the
    release date in ``table_<release>.csv`` names the edition, not the revision."""
    return _date_in(_REVISED, name)
