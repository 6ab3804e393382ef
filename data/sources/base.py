"""The one small interface every leaderboard adapter implements: fetch -> parse -> rows.

An adapter is a class with a few constants (ids, addresses, attribution) and a pure ``parse``.
Validation and storage are shared (``data.domain.validation``, ``data.ingest``), so a new board
is one new module plus one line in ``data.sources.REGISTRY``.
"""

from __future__ import annotations

import csv
import io
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, Protocol

from data.domain.errors import SourceFormatError
from data.domain.types import ParsedSnapshot, SourceFile


@dataclass(frozen=True, slots=True)
class FetchResponse:
    """One HTTP answer: ``status`` is 200 (``content`` set) or 304 (unchanged since last time)."""

    url: str
    status: int
    content: bytes = b""
    etag: str | None = None
    last_modified: str | None = None


class Fetcher(Protocol):
    """What adapters need from the HTTP client (``data.sources.http.HttpFetcher``)."""

    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResponse:
        """GET ``url``, conditionally when validators are given; raise ``SourceUnavailable``."""
        ...


@dataclass(frozen=True, slots=True)
class Validators:
    """ETag / Last-Modified remembered from the previous successful fetch of a URL."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class Download:
    """The files a fetch produced (empty when the source answered 304 Not Modified)."""

    url: str
    files: tuple[SourceFile, ...]
    validators: Validators
    not_modified: bool = False


class LeaderboardSource(ABC):
    """A leaderboard publisher: where to download it and how to read what it publishes."""

    source_id: ClassVar[str]
    title: ClassVar[str]
    homepage: ClassVar[str]
    attribution: ClassVar[str]
    licence: ClassVar[str]
    default_url: ClassVar[str]
    #: Validation: a snapshot's main board needs at least this many rows.
    min_rows: ClassVar[int] = 5
    #: Validation: every score must lie in this closed range.
    score_range: ClassVar[tuple[float, float]] = (0.0, 100.0)

    @abstractmethod
    def parse(self, files: Sequence[SourceFile]) -> ParsedSnapshot:
        """Read published files into boards and rows; raise ``SourceFormatError`` if unreadable."""

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
    found: date | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(name):
            try:
                found = date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
    return found


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
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration as exc:  # pragma: no cover - decode_text refuses empty files
        raise SourceFormatError("", "the file has no header row", file.name) from exc
    rows: list[dict[str, str]] = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        padded = cells + [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, (cell.strip() for cell in padded), strict=False)))
    return header, rows


def require_columns(header: Sequence[str], required: Sequence[str], file: SourceFile) -> None:
    """Refuse a table that lacks any of ``required`` columns, naming them."""
    missing = [column for column in required if column not in header]
    if missing:
        raise SourceFormatError(
            "", f"missing column(s) {', '.join(missing)}; found {', '.join(header[:12])}", file.name
        )


def parse_float(value: str | None) -> float | None:
    """A number, or ``None`` for the blanks and dashes sources use for missing values."""
    if value is None:
        return None
    cleaned = value.strip().strip("*").replace(",", "")
    if cleaned in {"", "-", "--", "—", "nan", "NaN", "None", "null"}:
        return None
    try:
        return float(cleaned)
    except ValueError:
        return None


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
