"""``/rank model [board] [as_of]``: where a model stands, on every board or on one.

The command apart from Discord (its options, its service call, its terminal and JSON forms);
``commands.rank.cog`` holds its cog and its embed, the only part that imports discord.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from commands import Services, wording
from commands.i18n import decimal, t
from commands.payloads import absent_json, alternative_json, candidate_json, row_models
from commands.resolution import not_found_text
from commands.spec import Command, Options
from data.domain.costs import cost_per_question
from data.domain.types import BoardStanding, RankResult


@dataclass(frozen=True, slots=True)
class RankOptions(Options):
    """``/rank``'s options."""

    model: str
    board: str | None = None
    as_of: date | None = None


async def rank(services: Services, options: RankOptions) -> RankResult:
    """The model's standings (on ``board`` only, when given)."""
    return await services.leaderboards.rank(options.model, options.board, options.as_of)


def _name_on_board(standing: BoardStanding, *, version: bool) -> str:
    """The row shown (with ``version``: which version of the line it is)."""
    if version:
        return wording.shown_version(standing)
    row = standing.row
    if wording.is_submission(row):
        return t("rank.best_submission_plain", name=row.name) + wording.submission_models(
            len(row.models or ())
        )
    return row.name


def rank_view(result: RankResult) -> RenderableType:
    """``/rank`` as a table, one line per board, sourced and dated."""
    if result.status != "match":
        return Text(not_found_text(result, wording.plain), style="yellow")
    table = Table(
        title=result.line or result.model,
        title_style="bold",
        show_lines=False,
        caption=wording.line_note(result.line) if result.line else None,
    )
    for column, justify in (
        ("column.board", "left"),
        ("column.rank", "right"),
        ("column.score", "right"),
        ("column.ci", "right"),
        ("column.votes", "right"),
        ("Δ", "right"),
        ("column.as_of", "left"),
        ("column.name_on_board", "left"),
    ):
        table.add_column(t(column) if column != "Δ" else column, justify=justify)  # type: ignore[arg-type]
    for standing in result.standings:
        row = standing.row
        table.add_row(
            f"{wording.medal(row.rank)} {wording.board_title(standing.board)}".strip(),
            f"{wording.rank_text(row, standing.tied_with)} / {standing.board_size}",
            " · ".join(
                part
                for part in (wording.number(row.score), wording.cost(cost_per_question(row)))
                if part
            ),
            wording.interval(row),
            decimal(row.votes, 0) if row.votes is not None else "",
            wording.movement(standing),
            wording.dated(standing.as_of, standing.date_kind, standing.state),
            _name_on_board(standing, version=result.line is not None),
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
        parts.append(Panel("\n".join(lines), title=t("rank.field.neighbours"), expand=False))
        if standing.row.models:
            parts.append(Text(f"{standing.row.name}: {wording.ran_with(standing.row)}"))
        parts.append(Text(wording.rank_explanation(standing), style="dim"))
    return Group(*parts)


def _standing(standing: BoardStanding) -> dict[str, Any]:
    row = standing.row
    return {
        "board": standing.board.board_id,
        "source": standing.board.source_id,
        "board_title": standing.board.title,
        "name": row.name,
        "models": row_models(row),
        # The model version the entry is of (a line's answer may show one per board).
        "model": standing.model,
        "version": standing.version,
        "rank": row.rank,
        "rank_note": row.rank_note,
        "score": row.score,
        "score_label": standing.board.score_label,
        "ci_lower": row.ci_lower,
        "ci_upper": row.ci_upper,
        "votes": row.votes,
        "as_of": standing.as_of.isoformat(),
        "date_kind": standing.date_kind,
        "state": standing.state,
        "board_size": standing.board_size,
        "previous_rank": standing.previous_rank,
        "is_new": standing.is_new,
        "tied_with": standing.tied_with,
        "cost_per_question": cost_per_question(row),
        "retired": standing.retired,
        "above": [{"name": n.name, "rank": n.rank, "score": n.score} for n in standing.above],
        "below": [{"name": n.name, "rank": n.rank, "score": n.score} for n in standing.below],
    }


def rank_payload(result: RankResult) -> dict[str, Any]:
    """``/rank`` as ``{"command": "rank", "status": ..., "entries" | "candidates": [...]}``."""
    payload: dict[str, Any] = {"command": "rank", "query": result.query, "status": result.status}
    if result.status == "match":
        payload["model"] = result.model
        payload["line"] = result.line
        payload["entries"] = [_standing(s) for s in result.standings]
    elif result.absence is not None:
        payload.update(absent_json(result.absence))
    else:
        payload["candidates"] = [candidate_json(c) for c in result.candidates]
    payload["alternatives"] = [alternative_json(c) for c in result.alternatives]
    return payload


RANK = Command("rank", RankOptions, rank, rank_payload, rank_view)
