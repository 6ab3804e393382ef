"""LMArena (arena.ai, formerly LMSYS Chatbot Arena): crowd-sourced pairwise votes, Bradley-Terry
scores.

The live source is the Hugging Face dataset ``lmarena-ai/leaderboard-dataset`` (CC BY 4.0;
``data.sources.lmarena_dataset``): every subset is a board, fetched only when its file changed.
Older formats, still read by ``podium import`` and for history, told apart by their content:
- the page CSV scraped daily by fboulnois/llm-leaderboard-csv (``lmsys.csv`` until 2025-07,
  ``lmarena_text.csv`` after); newer files add ``rank_stylectrl``.
- the arena-catalog JSON ``{category: {model_key: {rating, rating_q975, rating_q025}}}``: one
  board per category, ranked by Rank (UB). Plain and style-control files have the same shape,
  so only the file name (``style-control``) tells them apart.
- the HF Space metadata table ``leaderboard_table_YYYYMMDD.csv``: its ``MT-bench (score)``
  column is the published MT-bench board, and the 2023 files also carry the Arena Elo.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import date, timedelta

from data.domain import labels
from data.domain.errors import SourceFormatError
from data.domain.types import BoardInfo, MetricValue, ParsedBoard, ParsedSnapshot, SourceFile
from data.sources import lmarena_dataset as dataset
from data.sources.base import (
    Download,
    Entry,
    Fetcher,
    LeaderboardSource,
    PastPublications,
    Validators,
    build_board,
    date_from_name,
    looks_like_json,
    only_file,
    optional_text,
    parse_float,
    parse_int,
    read_csv,
    read_json,
    source_errors,
)
from data.sources.hf_hub import HubFile, is_dataset_url, list_files, resolve_url

SOURCE_ID = "lmarena"
log = logging.getLogger(__name__)

MAIN_BOARD = dataset.subset_board("text")
STYLE_BOARD = dataset.subset_board("text_style_control")
MTBENCH_BOARD = BoardInfo(
    board_id="mtbench",
    source_id=SOURCE_ID,
    title="MT-Bench",
    title_zh="MT-Bench 多轮对话评测",
    description="80 multi-turn questions graded 1-10 by GPT-4 (LMSYS, frozen since early 2024).",
    score_label=labels.MT_BENCH,
    url="https://huggingface.co/spaces/lmarena-ai/chatbot-arena-leaderboard",
)

_PAGE_CSV_COLUMNS = ("rank", "model", "arena_score", "95_pct_ci", "votes")
_HF_TABLE_COLUMNS = ("Model", "MT-bench (score)")
_HF_ELO = "Arena Elo rating"
_OVERALL_CATEGORY = "full"
_CI = re.compile(r"^\s*\+\s*(?P<plus>[\d.]+)\s*/\s*-\s*(?P<minus>[\d.]+)\s*$")


class LMArenaSource(LeaderboardSource):
    """LMArena: the HF dataset (parquet), and the older page CSV, arena-catalog JSON and HF
    Space metadata table."""

    source_id = SOURCE_ID
    cadence = timedelta(days=3)  # LMArena publishes about daily.
    title = "LMArena (Chatbot Arena)"
    colour = 0x5865F2
    publishes = frozenset({"licences", "categories"})
    homepage = "https://arena.ai/leaderboard"
    attribution = (
        "LMArena (arena.ai, formerly lmarena.ai / LMSYS Chatbot Arena): dataset "
        "lmarena-ai/leaderboard-dataset (CC BY 4.0); older page CSVs collected by "
        "fboulnois/llm-leaderboard-csv (MPL-2.0)"
    )
    licence = (
        "Dataset lmarena-ai/leaderboard-dataset: CC BY 4.0; HF Space card apache-2.0; "
        "fboulnois CSV collection MPL-2.0; arena-catalog JSON: no licence stated"
    )
    #: The dataset repository; a URL of a single published file (page CSV, catalogue JSON)
    #: is fetched as that file instead.
    default_url = dataset.DATASET_URL
    #: Small boards are legitimate (a new subset, a category of the video arena); parquet
    #: files cannot be silently truncated, and CSVs are checked for truncation when read.
    min_rows = 5
    #: Bradley-Terry ratings (~800-1600) and the agent arena's IPS scores (around 0).
    score_range = (-100.0, 3000.0)

    #: Shipped in the package (``data/bundled/lmarena/``), loaded in this order: mid-2024
    #: snapshots for ``/history`` and ``as_of`` offline, then the newest of every format.
    bundled = (
        ("fboulnois_lmsys_2024-07-07.csv",),
        ("fboulnois_lmsys_2024-08-14.csv",),
        ("fboulnois_lmsys_2024-12-31.csv",),
        ("fboulnois_lmarena_text_2025-08-04.csv",),
        ("arenacatalog_leaderboard-text_2025-12-11.json",),
        ("arenacatalog_leaderboard-text-style-control_2025-12-11.json",),
        ("hfspace_leaderboard_table_20250511.csv",),
    )

    def parse(self, files: Sequence[SourceFile]) -> ParsedSnapshot:
        """Read dataset parquet files, or one page CSV, arena-catalog JSON or HF Space
        metadata table, into boards."""
        if files and all(dataset.is_parquet(file) for file in files):
            return _dataset_snapshot(files)
        file = only_file(self.source_id, files)
        with source_errors(self.source_id):
            boards = _catalog_boards(file) if looks_like_json(file) else _csv_boards(file)
        if not any(board.rows for board in boards):
            raise SourceFormatError(self.source_id, "the table has no rows", file.name)
        return ParsedSnapshot(self.source_id, date_from_name(file.name), boards)

    async def fetch(self, fetcher: Fetcher, url: str, validators: Validators) -> Download:
        """List the dataset's files, then download the ``latest`` parquet of each subset whose
        content id changed since the last successful fetch (none: "not modified"). A subset
        published in several shards is downloaded whole when any shard changed."""
        if not is_dataset_url(url):
            return await super().fetch(fetcher, url, validators)
        subsets = await _listed(fetcher, url, "latest", self.source_id)
        if not subsets:
            raise SourceFormatError(self.source_id, "the dataset lists no latest parquet", url)
        latest = {file.path: file.file_id for shards in subsets.values() for file in shards}
        changed = [
            file
            for shards in subsets.values()
            if any(validators.file_ids.get(file.path) != file.file_id for file in shards)
            for file in shards
        ]
        if not changed:
            return Download(url, (), validators, not_modified=True)
        files = [await _download(fetcher, url, file) for file in changed]
        return Download(url, tuple(files), Validators(file_ids=latest))

    async def fetch_history(
        self, fetcher: Fetcher, url: str
    ) -> AsyncIterator[tuple[SourceFile, ...]]:
        """The ``full`` parquet of every subset (all its shards), one subset at a time (tens of
        MB each)."""
        if not is_dataset_url(url):
            raise SourceFormatError(
                self.source_id, "history is read from the Hugging Face dataset only", url
            )
        for shards in (await _listed(fetcher, url, "full", self.source_id)).values():
            yield tuple([await _download(fetcher, url, file) for file in shards])

    def parse_history(
        self, files: Sequence[SourceFile], since: date | None = None
    ) -> PastPublications:
        """One snapshot per publication date of ``full`` files, oldest first."""
        if not files or not all(dataset.is_parquet(file) for file in files):
            raise SourceFormatError(
                self.source_id, "history is read from the dataset's full parquet files"
            )
        return dataset.history(dataset.read_subsets(files), since)


async def _listed(
    fetcher: Fetcher, url: str, split: str, source_id: str
) -> dict[str, list[HubFile]]:
    """The dataset's parquet files of ``split``, by subset (in path order)."""
    subsets: dict[str, list[HubFile]] = {}
    for file in sorted(await list_files(fetcher, url, source_id), key=_path):
        if _split(file.path) == split:
            subsets.setdefault(dataset.split_of(file.path)[0], []).append(file)
    return subsets


def _path(file: HubFile) -> str:
    return file.path


async def _download(fetcher: Fetcher, url: str, file: HubFile) -> SourceFile:
    response = await fetcher.get(resolve_url(url, file.path))
    return SourceFile(file.path, response.content)


def _split(path: str) -> str | None:
    """``latest``/``full`` for a dataset parquet path, ``None`` for other files (README...)."""
    if not path.endswith(".parquet"):
        return None
    try:
        return dataset.split_of(path)[1]
    except SourceFormatError:
        return None


def _dataset_snapshot(files: Sequence[SourceFile]) -> ParsedSnapshot:
    """The newest publication of every category of the given subsets (``latest`` files, or
    ``full`` ones read for their newest data); the text subset's boards come first.

    A subset that cannot be read (a new subset with columns Podium does not know, a broken
    file) is skipped with a warning, so it does not hold back the others; with nothing
    readable, the load is refused.
    """
    boards: list[ParsedBoard] = []
    unreadable: list[SourceFormatError] = []
    for subset, split, group in dataset.group_files(files):
        try:
            boards.extend(dataset.latest_boards(dataset.read_subset(subset, split, group)))
        except SourceFormatError as refused:
            unreadable.append(refused)
    if not boards:
        raise (
            unreadable[0]
            if unreadable
            else SourceFormatError(SOURCE_ID, "the parquet files hold no rows", files[0].name)
        )
    for problem in unreadable:
        log.warning("lmarena: skipped a dataset subset, stored the others: %s", problem)
    newest = max(board.as_of for board in boards if board.as_of is not None)
    return ParsedSnapshot(SOURCE_ID, newest, tuple(boards))


def _csv_boards(file: SourceFile) -> tuple[ParsedBoard, ...]:
    header, records = read_csv(file)
    if all(column in header for column in _PAGE_CSV_COLUMNS):
        entries = _page_csv_entries(records, has_style_rank="rank_stylectrl" in header)
        return (build_board(MAIN_BOARD, entries, ranking="published", sort=False),)
    if all(column in header for column in _HF_TABLE_COLUMNS):
        return _hf_table_boards(header, records)
    raise SourceFormatError(
        SOURCE_ID,
        "not an Arena page CSV (rank, model, arena_score, 95_pct_ci, votes) nor an HF Space "
        f"leaderboard_table (Model, MT-bench (score)); found {', '.join(header[:12])}",
        file.name,
    )


# --- page CSV ---------------------------------------------------------------------------------


def _page_csv_entries(records: list[dict[str, str]], *, has_style_rank: bool) -> list[Entry]:
    """Entries of the page CSV in published order.

    In ``lmsys.csv`` ``rank`` is the UI's Rank (UB) and ``rank_stylectrl`` the style-control rank.
    In ``lmarena_text.csv`` ``rank`` is only the row number and the real Rank (UB) sits in
    ``rank_stylectrl`` (SOURCES.md §2b): a ``rank`` column that counts 1..N is that layout.
    """
    published = [parse_int(record["rank"]) for record in records]
    rank_is_row_number = has_style_rank and published == list(range(1, len(records) + 1))
    entries: list[Entry] = []
    for record in records:
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
        metrics: dict[str, MetricValue] = {"ci": ci_text or None}
        if rank_is_row_number:
            rank = parse_int(record["rank_stylectrl"])
        else:
            rank = parse_int(record["rank"])
            if has_style_rank:
                metrics["rank_style_control"] = parse_float(record["rank_stylectrl"])
        for column in ("knowledge_cutoff", "url"):
            if optional_text(record.get(column)):
                metrics[column] = record[column]
        entries.append(
            Entry(
                key=name,
                name=name,
                score=score,
                rank=rank,
                ci_lower=ci_lower,
                ci_upper=ci_upper,
                votes=parse_int(record["votes"]),
                organization=optional_text(record.get("organization")),
                license=optional_text(record.get("license")),
                metrics=metrics,
            )
        )
    return entries


# --- arena-catalog JSON -----------------------------------------------------------------------


def _catalog_boards(file: SourceFile) -> tuple[ParsedBoard, ...]:
    """One board per category; ``full`` (the overall board) first."""
    data = read_json(file)
    if not isinstance(data, dict) or not data:
        raise SourceFormatError(
            SOURCE_ID, "the JSON is not an arena-catalog {category: {model: ratings}}", file.name
        )
    style = "style-control" in file.name or "style_control" in file.name
    categories = sorted(data, key=lambda category: category != _OVERALL_CATEGORY)
    return tuple(
        build_board(
            _category_board(category, style=style),
            _catalog_entries(category, data[category], file),
            ranking="ci",
        )
        for category in categories
    )


def _catalog_entries(category: str, models: object, file: SourceFile) -> list[Entry]:
    if not isinstance(models, dict):
        raise SourceFormatError(
            SOURCE_ID, f"category {category!r} does not map models to ratings", file.name
        )
    return [_catalog_entry(category, key, values, file) for key, values in models.items()]


def _catalog_entry(category: str, key: str, values: object, file: SourceFile) -> Entry:
    ratings = values if isinstance(values, Mapping) else {}
    rating, lower, upper = (
        _number(ratings.get(field)) for field in ("rating", "rating_q025", "rating_q975")
    )
    if rating is None:
        raise SourceFormatError(
            SOURCE_ID, f"model {key!r} in category {category!r} has no numeric rating", file.name
        )
    return Entry(key=key, name=key, score=rating, ci_lower=lower, ci_upper=upper)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _category_board(category: str, *, style: bool) -> BoardInfo:
    base = STYLE_BOARD if style else MAIN_BOARD
    return base if category == _OVERALL_CATEGORY else dataset.category_board(base, category)


# --- HF Space metadata table ------------------------------------------------------------------


def _hf_table_boards(header: list[str], records: list[dict[str, str]]) -> tuple[ParsedBoard, ...]:
    """The MT-bench board (rows scored ``-`` are not on it) and, in 2023 files, the Elo board."""
    mt_bench: list[Entry] = []
    elo: list[Entry] = []
    for record in records:
        if not record["Model"]:
            continue
        mt_score = parse_float(record["MT-bench (score)"])
        if mt_score is not None:
            mt_bench.append(_hf_entry(record, mt_score))
        elo_score = parse_float(record.get(_HF_ELO))
        if elo_score is not None:
            elo.append(_hf_entry(record, elo_score, mt_bench=mt_score))
    boards = [build_board(MTBENCH_BOARD, mt_bench, ranking="score")]
    if _HF_ELO in header:
        boards.insert(0, build_board(MAIN_BOARD, elo, ranking="score"))
    return tuple(boards)


def _hf_entry(record: dict[str, str], score: float, **extra: MetricValue) -> Entry:
    """A metadata-table row; 2023 files have no ``key`` column, so the display name is the key."""
    name = record["Model"]
    return Entry(
        key=record.get("key") or name,
        name=name,
        score=score,
        organization=optional_text(record.get("Organization")),
        license=optional_text(record.get("License")),
        metrics={
            "mmlu": parse_float(record.get("MMLU")),
            "knowledge_cutoff": optional_text(record.get("Knowledge cutoff date")),
            "url": optional_text(record.get("Link")),
            **extra,
        },
    )
