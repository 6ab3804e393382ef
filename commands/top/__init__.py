"""``/top [board] [n] [category] [filters] [page] [as_of]``: a board's best, page by page.

The command apart from Discord; ``commands.top.cog`` holds its cog and embed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from commands import Services, wording
from commands.i18n import t
from commands.payloads import row_models
from commands.spec import Command, Options, bounded
from data.domain.filters import (
    DEFAULT_PER_PAGE,
    MAX_PER_PAGE,
    open_weights,
    organization,
    params_billions,
)
from data.domain.types import TopFilters, TopPage


@dataclass(frozen=True, slots=True)
class TopOptions(Options):
    """``/top``'s options: the board, the page size, a category, filters, the page, a date."""

    position = ("page",)

    board: str | None = None
    n: int | None = field(default=None, metadata=bounded(1, MAX_PER_PAGE))
    category: str | None = None
    open_weights: bool | None = None
    organization: str | None = None
    license: str | None = None
    min_params: float | None = None
    max_params: float | None = None
    page: int | None = field(default=None, metadata=bounded(1))
    as_of: date | None = None

    @property
    def filtered(self) -> bool:
        """Whether any filter is asked for (``open_weights:no`` filters nothing)."""
        limits = (self.organization, self.license, self.min_params, self.max_params)
        return self.open_weights is True or any(value is not None for value in limits)


async def top(services: Services, options: TopOptions) -> TopPage:
    """One page of the board; a page past the end shows the last one (a board's size is
    only known once it is read)."""
    filters = TopFilters(
        open_weights=bool(options.open_weights),
        organization=options.organization or None,
        license=options.license or None,
        min_params=options.min_params,
        max_params=options.max_params,
    )
    return await services.leaderboards.top(
        options.board,
        category=options.category or None,
        filters=filters,
        page=options.page or 1,
        per_page=options.n or DEFAULT_PER_PAGE,
        as_of=options.as_of,
    )


def top_view(page: TopPage) -> RenderableType:
    """``/top`` as a table in board order."""
    board = page.board
    when = wording.dated(page.as_of, page.date_kind, page.state, t("rank.lead.snapshot"))
    where = t("top.page", page=page.page, pages=page.pages)
    title = f"{wording.board_title(board)} · {when} · {where}"
    table = Table(title=title)
    table.add_column("#", justify="right")
    table.add_column(wording.score_label(board), justify="right")
    table.add_column(t("column.model"))
    for row in page.rows:
        table.add_row(
            f"{wording.medal(row.rank)} {wording.cell_rank(row.rank, row.rank_note)}".strip(),
            wording.number(row.score),
            row.name,
        )
    parts: list[RenderableType] = [table]
    if page.filters.active:
        parts.append(
            Text(
                t(
                    "top.filters_plain",
                    filters=wording.filters_text(page.filters),
                    matching=page.matching,
                    size=page.board_size,
                )
                + (f" · {wording.facts_note(page.facts_as_of)}" if page.facts_as_of else ""),
                style="dim",
            )
        )
    return Group(*parts)


def top_payload(page: TopPage) -> dict[str, Any]:
    """``/top``: one page of rows in board order, with the filters and the paging."""
    board, filters = page.board, page.filters
    return {
        "command": "top",
        "board": board.board_id,
        "source": board.source_id,
        "board_title": board.title,
        "category": board.category,
        "score_label": board.score_label,
        "as_of": page.as_of.isoformat(),
        "date_kind": page.date_kind,
        "state": page.state,
        "board_size": page.board_size,
        "matching": page.matching,
        "page": page.page,
        "pages": page.pages,
        "per_page": page.per_page,
        "filters": {
            "open_weights": filters.open_weights,
            "organization": filters.organization,
            "license": filters.license,
            "min_params": filters.min_params,
            "max_params": filters.max_params,
        },
        "facts_as_of": page.facts_as_of.isoformat() if page.facts_as_of else None,
        "rows": [
            {
                "position": row.position,
                "rank": row.rank,
                "rank_note": row.rank_note,
                "name": row.name,
                "models": row_models(row),
                "score": row.score,
                "organization": organization(row),
                "license": row.license,
                "open_weights": open_weights(row, board, page.open_names, page.facts),
                "params_b": params_billions(row),
            }
            for row in page.rows
        ],
    }


TOP = Command("top", TopOptions, top, top_payload, top_view)
