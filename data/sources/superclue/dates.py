"""When a round's board was published: its announcement line, else its month."""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import unquote

from data.sources.superclue.tables import Table

_ROUND = re.compile(r"(?<!\d)(\d{4})年(\d{1,2})月")
_NAME_ROUND = re.compile(r"(?<!\d)(\d{4})(?:年|-)(\d{1,2})(?:月|(?![\d-]))")
_ANNOUNCED = re.compile(
    r"^\s*[【\[]\s*(?:(?P<year>\d{2,4})[-/])?(?P<month>\d{1,2})[-/月](?P<day>\d{1,2})日?\s*[】\]]"
)


def as_of(text: str, tables: list[Table], name: str) -> date | None:
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
