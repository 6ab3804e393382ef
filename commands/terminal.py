"""Pure: query results -> rich renderables for the offline console and ``podium ask``."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from commands import wording
from commands.render import not_found_text
from data.domain.types import BoardSummary, RankResult


def rank_view(result: RankResult) -> RenderableType:
    """``/rank`` as a table, one line per board, sourced and dated."""
    if result.status != "match":
        return Text(not_found_text(result), style="yellow")
    table = Table(title=result.model, title_style="bold", show_lines=False)
    for column, justify in (
        ("Board", "left"),
        ("Rank", "right"),
        ("Score", "right"),
        ("CI", "right"),
        ("Votes", "right"),
        ("Δ", "right"),
        ("As of", "left"),
        ("Name on board", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for standing in result.standings:
        row = standing.row
        table.add_row(
            f"{wording.medal(row.rank)} {standing.board.title}".strip(),
            f"{wording.rank_text(row, standing.tied_with)} / {standing.board_size}",
            f"{wording.number(row.score)}",
            wording.interval(row),
            f"{row.votes:,}" if row.votes is not None else "",
            wording.movement(standing),
            standing.as_of.isoformat(),
            row.name,
        )
    parts: list[RenderableType] = [table]
    if result.board_filter and result.standings:
        standing = result.standings[0]
        lines = [
            f"↑ {wording.rank_text_short(n.rank)} {n.name} · {wording.number(n.score)}"
            for n in standing.above
        ]
        lines.append(f"→ {wording.rank_text_short(standing.row.rank)} {standing.row.name}")
        lines += [
            f"↓ {wording.rank_text_short(n.rank)} {n.name} · {wording.number(n.score)}"
            for n in standing.below
        ]
        parts.append(Panel("\n".join(lines), title="Neighbours", expand=False))
        parts.append(Text(wording.rank_explanation(standing), style="dim"))
    return Group(*parts)


def boards_view(summaries: list[BoardSummary]) -> RenderableType:
    """``/boards`` as a table."""
    table = Table(title="Boards")
    for column in ("Board", "Title", "As of", "Rows", "Last check", "Source"):
        table.add_column(column)
    for summary in summaries:
        table.add_row(
            summary.board.board_id,
            summary.board.title,
            summary.as_of.isoformat() if summary.as_of else "–",
            str(summary.rows),
            f"{summary.last_status or '–'}"
            + (f" {summary.last_checked:%Y-%m-%d %H:%M}" if summary.last_checked else ""),
            summary.attribution,
        )
    return table
