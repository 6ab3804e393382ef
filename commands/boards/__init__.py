"""``/boards``: every board Podium keeps, its state, snapshot date, size and source.

The command apart from Discord (it has no options); ``commands.boards.cog`` holds its cog and
embeds.
"""

from __future__ import annotations

from typing import Any

from rich.console import RenderableType
from rich.table import Table

from commands import Services, wording
from commands.i18n import t
from commands.spec import Command, Options
from data.domain.types import BoardSummary


async def boards(services: Services, options: Options) -> list[BoardSummary]:
    """Every board's summary."""
    return await services.leaderboards.board_summaries()


def boards_view(summaries: list[BoardSummary]) -> RenderableType:
    """``/boards`` as a table."""
    table = Table(title=t("boards.table_title"))
    for column in (
        "column.board",
        "column.title",
        "column.state",
        "column.as_of",
        "column.rows",
        "column.new_data",
        "column.last_check",
        "column.source",
    ):
        table.add_column(t(column))
    for summary in summaries:
        table.add_row(
            summary.board.board_id,
            wording.board_title(summary.board),
            wording.state_word(summary.state),
            wording.day(summary.as_of, summary.date_kind) if summary.as_of else "–",
            str(summary.rows),
            f"{summary.last_new_data:%Y-%m-%d}" if summary.last_new_data else "–",
            f"{summary.last_status or '–'}"
            + (f" {summary.last_checked:%Y-%m-%d %H:%M}" if summary.last_checked else ""),
            summary.attribution,
        )
    return table


def boards_payload(summaries: list[BoardSummary]) -> dict[str, Any]:
    """``/boards`` as ``{"command": "boards", "boards": [...]}``."""
    return {
        "command": "boards",
        "boards": [
            {
                "board": s.board.board_id,
                "source": s.board.source_id,
                "title": s.board.title,
                "category": s.board.category,
                "as_of": s.as_of.isoformat() if s.as_of else None,
                "rows": s.rows,
                "url": s.board.url,
                "attribution": s.attribution,
                "licence": s.licence,
                "last_checked": s.last_checked.isoformat() if s.last_checked else None,
                "last_status": s.last_status,
                "last_success": s.last_success.isoformat() if s.last_success else None,
                "state": s.state,
                "date_kind": s.date_kind,
                "last_new_data": s.last_new_data.isoformat() if s.last_new_data else None,
                "description": s.board.description,
                "retired_on": s.retired_on.isoformat() if s.retired_on else None,
            }
            for s in summaries
        ],
    }


BOARDS = Command("boards", Options, boards, boards_payload, boards_view)
