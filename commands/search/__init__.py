"""``/search text [board]``: how the boards spell a model, and which model a name means.

The command apart from Discord; ``commands.search.cog`` holds its cog and embed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import RenderableType
from rich.table import Table

from commands import Services
from commands.i18n import t
from commands.payloads import absent_json, alternative_json, candidate_json
from commands.spec import Command, Options
from data.domain.types import SearchResult


@dataclass(frozen=True, slots=True)
class SearchOptions(Options):
    """``/search``'s options."""

    text: str
    board: str | None = None


async def search(services: Services, options: SearchOptions) -> SearchResult:
    """Which model the text means, and how each board spells it."""
    return await services.leaderboards.search(options.text, options.board)


#: How the resolver decided, in words (catalogue keys).
STATUSES = {
    "match": "search.status.match",
    "ambiguous": "search.status.ambiguous",
    "none": "search.status.none",
    "absent": "search.status.absent",
}


def search_view(result: SearchResult) -> RenderableType:
    """``/search`` as a table of the rows the resolver found."""
    status = t(STATUSES[result.status])
    table = Table(title=t("search.table_title", query=result.query, status=status))
    for column in ("column.board", "column.name_on_board", "column.model", "column.score"):
        table.add_column(t(column))
    for match in result.matches:
        table.add_row(match.board_id, match.name, match.model, f"{match.score:.0f}")
    return table


def search_payload(result: SearchResult) -> dict[str, Any]:
    """``/search``: the resolver's status and the rows behind it (``matches[0]`` on a match)."""
    payload = {
        "command": "search",
        "query": result.query,
        "status": result.status,
        "board_filter": result.board_filter,
        "matches": [candidate_json(m) for m in result.matches],
        "alternatives": [alternative_json(c) for c in result.alternatives],
    }
    if result.absence is not None:
        payload.update(absent_json(result.absence))
    return payload


SEARCH = Command("search", SearchOptions, search, search_payload, search_view)
