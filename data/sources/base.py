"""The one small interface every leaderboard adapter implements: fetch -> parse -> rows.

An adapter is a class with a few constants (ids, addresses, attribution) and a pure ``parse``.
Validation and storage are shared (``data.domain.validation``, ``data.ingest``), so a new board
is one new module plus one line in ``data.sources.REGISTRY``.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import re
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import ClassVar, Literal, Protocol

from data.domain.errors import SourceFormatError, SourceUnavailable
from data.domain.ranking import competition_ranks, rank_ub
from data.domain.types import (
    BoardFacts,
    BoardInfo,
    MetricValue,
    ParsedBoard,
    ParsedSnapshot,
    Row,
    SourceFile,
)


@dataclass(frozen=True, slots=True)
class FetchResponse:
    """One HTTP answer: ``status`` is 200 (``content`` set) or 304 (unchanged since last time)."""

    url: str
    status: int
    content: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    #: The ``Link: <…>; rel="next"`` address of a paged API answer, made absolute.
    next_url: str | None = None


class Fetcher(Protocol):
    """What adapters need from the HTTP client (``data.sources.http.HttpFetcher``)."""

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        probe: bool = False,
    ) -> FetchResponse:
        """GET ``url``, conditionally when validators are given; raise ``SourceUnavailable``
        (with the HTTP status that refused it, if any).

        A ``probe`` looks for a file that may well not exist (discovering the newest release):
        one attempt with a short timeout instead of the patient retries of a real download.
        """
        ...


@dataclass(frozen=True, slots=True)
class Validators:
    """What a source remembers from its previous successful fetch of a URL: the HTTP
    validators (ETag / Last-Modified) and, for sources that list their files first, each
    file's content id (``path -> id``), so unchanged files are not downloaded again."""

    etag: str | None = None
    last_modified: str | None = None
    file_ids: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PastPublications:
    """A source's history read from its files: the publication dates found (oldest first) and
    one snapshot per date, produced one at a time (a history may not fit in memory at once)."""

    dates: tuple[date, ...]
    snapshots: Iterator[ParsedSnapshot]


@dataclass(frozen=True, slots=True)
class Download:
    """The files a fetch produced (empty when the source answered 304 Not Modified)."""

    url: str
    files: tuple[SourceFile, ...]
    validators: Validators
    not_modified: bool = False


#: Row facts only some sources publish: ``/top`` filters and ``/top category:`` need them.
Published = Literal["licences", "parameters", "categories"]


class LeaderboardSource(ABC):
    """A leaderboard publisher: where to download it and how to read what it publishes."""

    source_id: ClassVar[str]
    title: ClassVar[str]
    homepage: ClassVar[str]
    attribution: ClassVar[str]
    licence: ClassVar[str]
    default_url: ClassVar[str]
    #: How often the source publishes new data: a board with nothing new for longer is stale.
    cadence: ClassVar[timedelta] = timedelta(days=30)
    #: Validation: a snapshot's main board needs at least this many rows.
    min_rows: ClassVar[int] = 5
    #: Validation: every score must lie in this closed range.
    score_range: ClassVar[tuple[float, float]] = (0.0, 100.0)
    #: The colour of its answers (an RGB integer), so a board is recognisable at a glance.
    colour: ClassVar[int | None] = None
    #: What its rows publish besides scores; answers that need one name the sources that do.
    publishes: ClassVar[frozenset[Published]] = frozenset()
    #: The date of the final snapshot of a board its publisher has retired (no longer
    #: updated), ``None`` while it is live. A retired source is never scheduled: its
    #: ``default_url`` pins the final file, fetched once. Users see "retired, final snapshot
    #: <date>" wherever the board's date is shown.
    retired_on: ClassVar[date | None] = None
    #: Snapshots shipped in the package for the offline default (``data.bundle``): one tuple
    #: of file names (in ``data/bundled/<source_id>/``) per import, loaded in this order, so
    #: for a board published in several formats the newest wins.
    bundled: ClassVar[tuple[tuple[str, ...], ...]] = ()
    #: What it declares about its boards beyond their rows, by board id: the metrics
    #: ``/compare`` lines up, whether a board lists only open-weights models.
    board_facts: ClassVar[Mapping[str, BoardFacts]] = {}

    @abstractmethod
    def parse(self, files: Sequence[SourceFile]) -> ParsedSnapshot:
        """Read published files into boards and rows; raise ``SourceFormatError`` if unreadable."""

    def fetch_history(self, fetcher: Fetcher, url: str) -> AsyncIterator[tuple[SourceFile, ...]]:
        """The files holding the source's past publications (``podium backfill``), one group
        of files read together at a time; sources that publish no history refuse."""
        raise SourceFormatError(self.source_id, "this source publishes no history to backfill")

    def parse_history(
        self, files: Sequence[SourceFile], since: date | None = None
    ) -> PastPublications:
        """The publications held by history files, from ``since`` on."""
        raise SourceFormatError(self.source_id, "this source publishes no history to backfill")

    async def fetch(self, fetcher: Fetcher, url: str, validators: Validators) -> Download:
        """Download the source. The default is one conditional GET of ``url``."""
        response = await fetcher.get(
            url, etag=validators.etag, last_modified=validators.last_modified
        )
        new_validators = Validators(response.etag, response.last_modified)
        if response.status == 304:
            return Download(url, (), validators, not_modified=True)
        name = url.rsplit("/", 1)[-1].split("?", 1)[0] or self.source_id
        return Download(url, (SourceFile(name, response.content),), new_validators)


# --- helpers shared by the parsers ------------------------------------------------------------

_DATE_PATTERNS = (
    re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{4})_(\d{2})_(\d{2})(?!\d)"),
    re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)"),
)


def date_from_name(name: str) -> date | None:
    """The last date written in a file name (``..._2024-07-07.csv``, ``table_20240706.csv``)."""
    found: tuple[int, date] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(name):
            try:
                day = date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
            if found is None or match.start() > found[0]:
                found = (match.start(), day)
    return found[1] if found else None


def decode_text(file: SourceFile) -> str:
    """Decode a published text file (UTF-8, with or without BOM); refuse binaries and HTML."""
    if not file.content.strip():
        raise SourceFormatError("", "the file is empty", file.name)
    try:
        text = file.content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceFormatError("", "the file is not UTF-8 text", file.name) from exc
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html", "<head", "<body")):
        raise SourceFormatError("", "the file is an HTML page, not leaderboard data", file.name)
    return text


def read_csv(file: SourceFile) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows of a CSV file; short rows get empty strings, never ``None``."""
    text = decode_text(file)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise SourceFormatError(
            "", f"the CSV is malformed or truncated ({exc})", file.name
        ) from exc
    if not records:  # pragma: no cover - decode_text refuses empty files
        raise SourceFormatError("", "the file has no header row", file.name)
    header = [cell.strip() for cell in records[0]]
    last = records[-1]
    if len(records) > 1 and len(last) < len(header) and not text.endswith(("\n", "\r")):
        raise SourceFormatError(
            "",
            f"the CSV looks truncated: its last row has {len(last)} of {len(header)} fields "
            "and no line end",
            file.name,
        )
    rows: list[dict[str, str]] = []
    for cells in records[1:]:
        if not any(cell.strip() for cell in cells):
            continue
        padded = cells + [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, (cell.strip() for cell in padded), strict=False)))
    return header, rows


def parse_float(value: str | None) -> float | None:
    """A finite number, or ``None`` for the blanks, dashes, NaN and infinities sources use for
    missing values (PostgreSQL's JSON refuses NaN, and no board means infinity)."""
    if value is None:
        return None
    cleaned = value.strip().strip("*").replace(",", "")
    if cleaned in {"", "-", "--", "—", "None", "null"}:
        return None
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def parse_int(value: str | None) -> int | None:
    """An integer, or ``None`` for blanks, dashes and non-numbers."""
    number = parse_float(value)
    return int(number) if number is not None and number == int(number) else None


def optional_text(value: str | None) -> str | None:
    """The text, or ``None`` for blanks and dashes."""
    if value is None:
        return None
    cleaned = value.strip()
    return None if cleaned in {"", "-", "--"} else cleaned


def utc_today() -> date:
    """Today's date in UTC: the default clock of adapters that discover dated releases."""
    return datetime.now(UTC).date()


def parse_bool(value: str | None) -> str | None:
    """``"true"``/``"false"`` for the boolean spellings sources use, else ``None``."""
    cleaned = (value or "").strip().lower()
    if cleaned in {"true", "1", "yes"}:
        return "true"
    if cleaned in {"false", "0", "no"}:
        return "false"
    return None


def style_control_board(board: BoardInfo, subject: str) -> BoardInfo:
    """The style-controlled twin of an Arena-style ``board``; ``subject`` names the board in
    its description ("``subject`` with answer length and markdown style factored out")."""
    return replace(
        board,
        board_id=f"{board.board_id}_style",
        title=f"{board.title} (style control)",
        description=f"{subject} with answer length and markdown style factored out.",
        title_zh=f"{board.title_zh}（风格控制）" if board.title_zh else None,
    )


def slugify(text: str) -> str:
    """A board-id fragment in lowercase ``[a-z0-9_]``: ``"Data Analysis"`` -> ``data_analysis``."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def is_zip(content: bytes) -> bool:
    """Whether ``content`` is a ZIP container (XLSX files are)."""
    return content[:2] == b"PK"


def looks_like_json(file: SourceFile) -> bool:
    """Whether the file's first non-blank character opens a JSON object or array."""
    return file.content.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"[")


def read_json(file: SourceFile) -> object:
    """The decoded JSON document of a file; truncated or invalid JSON is a format error."""
    text = decode_text(file)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(
            "", f"invalid or truncated JSON ({exc.msg} at line {exc.lineno})", file.name
        ) from exc


def only_file(source_id: str, files: Sequence[SourceFile]) -> SourceFile:
    """The single file a one-file source was given."""
    if len(files) != 1:
        raise SourceFormatError(source_id, f"expected exactly one file, got {len(files)}")
    return files[0]


@contextmanager
def source_errors(source_id: str) -> Iterator[None]:
    """Stamp ``source_id`` on format errors raised by the shared helpers, which do not know it."""
    try:
        yield
    except SourceFormatError as exc:
        if exc.source_id:
            raise
        raise SourceFormatError(source_id, exc.reason, exc.where) from exc


def only_csv(
    source_id: str, files: Sequence[SourceFile]
) -> tuple[SourceFile, list[str], list[dict[str, str]]]:
    """The single CSV file a one-file source was given, with its header and rows."""
    file = only_file(source_id, files)
    with source_errors(source_id):
        header, records = read_csv(file)
    return file, header, records


#: Most candidate URLs one discovery tries, whatever a source's settings ask for.
MAX_PROBES = 64


def probe_urls(urls: Iterable[str]) -> list[str]:
    """The candidate URLs of one discovery, newest first: at most ``MAX_PROBES`` of them."""
    return list(itertools.islice(urls, MAX_PROBES))


async def first_available(
    fetcher: Fetcher, urls: Iterable[str], accept: Callable[[bytes], bool], *, probe: bool = True
) -> FetchResponse | None:
    """GET each URL in turn; the first answer whose content ``accept`` allows, else ``None``.

    Used to discover the newest release of sources that publish one file per period (build the
    candidates with ``probe_urls``). Each GET is a ``probe`` unless told otherwise: one attempt,
    a short timeout. A URL the server says is absent (404, 410) or a page that is not the
    expected file (a site's HTML "not found" page served with status 200) just means "not this
    one". Any other failure (no answer, 5xx, 403...) means the host is down or refusing: trying
    more URLs would only repeat it, so it is raised at once.
    """
    for url in urls:
        try:
            response = await fetcher.get(url, probe=probe)
        except SourceUnavailable as error:
            if error.absent:
                continue
            raise SourceUnavailable(
                error.source_id,
                f"{error.reason}; stopped looking for the newest release",
                error.where,
                status=error.status,
            ) from error
        if response.status == 200 and accept(response.content):
            return response
    return None


# --- turning parsed records into ranked boards -------------------------------------------------

#: How a board's ranks are obtained: as published, by score (competition ranking), or as the
#: Arena's Rank (UB) from confidence intervals.
Ranking = Literal["published", "score", "ci"]


@dataclass(slots=True)
class Entry:
    """A row before it is placed on a board.

    ``ranked=False`` keeps the row on the board without a rank (``rank_note`` says why);
    ``rank`` is only read for boards ranked ``"published"``. ``models``: see ``Row.models``.
    """

    key: str
    name: str
    score: float | None
    rank: int | None = None
    ranked: bool = True
    rank_note: str | None = None
    ci_lower: float | None = None
    ci_upper: float | None = None
    votes: int | None = None
    organization: str | None = None
    license: str | None = None
    metrics: dict[str, MetricValue] = field(default_factory=dict)
    models: tuple[str, ...] | None = None

    def unrank(self, note: str | None) -> None:
        """Keep the row on its board without a rank; ``note`` says why."""
        self.ranked = False
        self.rank_note = note


def build_board(
    info: BoardInfo, entries: Iterable[Entry], *, ranking: Ranking, sort: bool = True
) -> ParsedBoard:
    """Place entries on a board: drop repeated keys (the first wins), order, rank, number.

    ``sort`` orders rows best score first (stable, missing scores last); without it the
    published order is kept.
    """
    placed: list[Entry] = []
    seen: set[str] = set()
    for entry in entries:
        if entry.key not in seen:
            seen.add(entry.key)
            placed.append(entry)
    if sort:
        sign = -1.0 if info.higher_is_better else 1.0
        placed.sort(key=lambda e: (e.score is None, sign * (e.score or 0.0)))
    ranks = _ranks(placed, ranking, info.higher_is_better)
    rows = tuple(
        Row(
            key=entry.key,
            name=entry.name,
            rank=rank,
            score=entry.score,
            position=position,
            ci_lower=entry.ci_lower,
            ci_upper=entry.ci_upper,
            votes=entry.votes,
            organization=entry.organization,
            license=entry.license,
            rank_note=entry.rank_note,
            metrics=entry.metrics,
            models=entry.models,
        )
        for position, (entry, rank) in enumerate(zip(placed, ranks, strict=True), start=1)
    )
    return ParsedBoard(info, rows)


def _ranks(entries: list[Entry], ranking: Ranking, higher_is_better: bool) -> list[int | None]:
    if ranking == "published":
        return [entry.rank if entry.ranked else None for entry in entries]
    if ranking == "score":
        return competition_ranks(
            [entry.score if entry.ranked else None for entry in entries], higher_is_better
        )
    return rank_ub(
        [entry.ci_lower if entry.ranked else None for entry in entries],
        [entry.ci_upper if entry.ranked else None for entry in entries],
    )
