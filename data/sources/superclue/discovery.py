"""Finding the newest round's XLSX: its URL names the month (``2025年5月``), so probe back."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from urllib.parse import quote, unquote

from data.domain.errors import SourceUnavailable
from data.domain.types import SourceFile
from data.sources.base import (
    Download,
    Fetcher,
    Validators,
    first_available,
    is_zip,
    probe_urls,
)
from data.sources.superclue.boards import SOURCE_ID


def round_periods(today: date, months: int) -> Iterator[str]:
    """The round names of ``months`` months, from ``today``'s month back."""
    year, month = today.year, today.month
    for _ in range(months):
        yield f"{year}年{month}月"
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)


async def newest_round(fetcher: Fetcher, url: str, periods: Iterable[str]) -> Download:
    """The first of the ``{period}`` URLs that answers with a workbook, newest period first
    (at most ``MAX_PROBES`` periods, one short GET each; a host that is down ends the search)."""
    candidates = probe_urls(url.format(period=quote(period)) for period in periods)
    found = await first_available(fetcher, candidates, is_zip)
    if found is None:
        raise SourceUnavailable(
            SOURCE_ID, f"no round XLSX in the last {len(candidates)} months", url
        )
    name = unquote(found.url.rsplit("/", 1)[-1])
    return Download(
        found.url,
        (SourceFile(name, found.content),),
        Validators(found.etag, found.last_modified),
    )
