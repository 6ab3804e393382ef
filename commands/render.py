"""Pure: query results -> ``discord.Embed``. Every embed here respects Discord's limits."""

from __future__ import annotations

import discord

from commands import wording
from commands.limits import DESCRIPTION, FOOTER, TITLE, add_fields, clip
from commands.parsing import BadOption
from data.domain.errors import (
    LeaderboardError,
    NoData,
    RefreshInProgress,
    SourceError,
    UnknownBoard,
    UnknownSource,
)
from data.domain.types import BoardStanding, BoardSummary, RankResult

#: One colour per source, so a board is recognisable at a glance.
SOURCE_COLOURS = {
    "lmarena": 0x5865F2,
    "open_llm": 0xFFB000,
    "superclue": 0xE8453C,
    "alpacaeval": 0x2E8B57,
    "livebench": 0x8E44AD,
    "arena_hard": 0x1ABC9C,
}
DEFAULT_COLOUR = 0x99AAB5
ERROR_COLOUR = 0xED4245


def _colour(source_id: str) -> int:
    return SOURCE_COLOURS.get(source_id, DEFAULT_COLOUR)


def _standing_line(standing: BoardStanding) -> str:
    row, board = standing.row, standing.board
    parts = [f"**{wording.rank_text(row, standing.tied_with)}** of {standing.board_size}"]
    parts.append(f"{wording.number(row.score)} {board.score_label}")
    ci = wording.interval(row)
    if ci:
        parts.append(f"CI {ci}")
    if row.votes is not None:
        parts.append(f"{row.votes:,} votes")
    line = " · ".join(parts)
    move = wording.movement(standing)
    dated = f"as of {standing.as_of.isoformat()}" + (f" · {move}" if move else "")
    return f"{line}\n{dated}\n`{clip(row.name, 200)}`"


def rank_embed(result: RankResult) -> discord.Embed:
    """``/rank``: one field per board, best first; with a board, rank, score and neighbours."""
    if len(result.standings) == 1 and result.board_filter:
        return _single_board_embed(result, result.standings[0])
    title = clip(result.model or result.query, TITLE)
    colour = _colour(result.standings[0].board.source_id) if result.standings else DEFAULT_COLOUR
    embed = discord.Embed(title=title, colour=colour)
    if not result.standings:
        embed.description = "Known, but on none of the current main boards."
    else:
        embed.description = f"Ranked on {len(result.standings)} board(s), best first."
    add_fields(
        embed,
        [
            (f"{wording.medal(s.row.rank)} {s.board.title}".strip(), _standing_line(s), False)
            for s in result.standings
        ],
        "boards",
    )
    embed.set_footer(text=_sources_footer(result.standings))
    return embed


def _single_board_embed(result: RankResult, standing: BoardStanding) -> discord.Embed:
    row, board = standing.row, standing.board
    title = f"{wording.medal(row.rank)} {row.name} on {board.title}".strip()
    embed = discord.Embed(
        title=clip(title, TITLE), url=board.url or None, colour=_colour(board.source_id)
    )
    embed.description = clip(wording.rank_explanation(standing), DESCRIPTION)
    fields = [
        (
            "Rank",
            f"**{wording.rank_text(row, standing.tied_with)}** of {standing.board_size}",
            True,
        ),
        (board.score_label, wording.number(row.score), True),
    ]
    ci = wording.interval(row)
    if ci:
        fields.append(("95% CI", ci, True))
    if row.votes is not None:
        fields.append(("Votes", f"{row.votes:,}", True))
    move = wording.movement(standing)
    if move:
        fields.append(("Since last snapshot", move, True))
    neighbours = [
        *(
            f"↑ {wording.rank_text_short(n.rank)} {n.name} · {wording.number(n.score)}"
            for n in standing.above
        ),
        f"→ **{wording.rank_text_short(row.rank)} {row.name} · {wording.number(row.score)}**",
        *(
            f"↓ {wording.rank_text_short(n.rank)} {n.name} · {wording.number(n.score)}"
            for n in standing.below
        ),
    ]
    fields.append(("Neighbours", "\n".join(neighbours), False))
    add_fields(embed, fields, "fields")
    embed.set_footer(text=clip(f"{board.title} · snapshot {standing.as_of.isoformat()}", FOOTER))
    return embed


def _sources_footer(standings: tuple[BoardStanding, ...]) -> str:
    dates = sorted({s.as_of for s in standings})
    span = (
        dates[0].isoformat()
        if len(dates) == 1
        else f"{dates[0].isoformat()} – {dates[-1].isoformat()}"
        if dates
        else "no snapshot"
    )
    return clip(f"Snapshots {span} · /boards for sources and licences", FOOTER)


def not_found_text(result: RankResult) -> str:
    """The short ephemeral answer when a query is not confidently resolved."""
    query = wording.sanitize(result.query)
    names = list(dict.fromkeys(wording.sanitize(c.name, 80) for c in result.candidates))[:5]
    if result.status == "ambiguous":
        return f"'{query}' could mean several models: {', '.join(names)}. Which one?"
    suggestion = f"; did you mean {', '.join(names)}?" if names else "."
    return f"No model matches '{query}'{suggestion}"


def error_embed(message: str) -> discord.Embed:
    """A short red embed for errors."""
    return discord.Embed(description=clip(message, DESCRIPTION), colour=ERROR_COLOUR)


def error_text(error: LeaderboardError) -> str:
    """What a user is told about a domain error: short, useful, never exception text."""
    if isinstance(error, UnknownBoard):
        known = ", ".join(error.known[:12]) + (" …" if len(error.known) > 12 else "")
        return f"No board called '{wording.sanitize(error.board)}'. Boards: {known}. See /boards."
    if isinstance(error, UnknownSource):
        known = ", ".join(error.known)
        return f"No source called '{wording.sanitize(error.source_id)}'. Sources: {known}."
    if isinstance(error, NoData):
        return "No leaderboard data is stored for that date yet."
    if isinstance(error, RefreshInProgress):
        return "A refresh is already running; try again when it has finished."
    if isinstance(error, BadOption):
        return f"Could not read {error.option}: expected {error.expected}."
    if isinstance(error, SourceError):
        return f"Could not load {error.source_id or 'the source'}: {error.reason}."
    return "That did not work."


def boards_embeds(summaries: list[BoardSummary]) -> list[discord.Embed]:
    """``/boards``: one field per source with its main boards; category boards counted."""
    by_source: dict[str, list[BoardSummary]] = {}
    for summary in summaries:
        by_source.setdefault(summary.board.source_id, []).append(summary)
    embed = discord.Embed(
        title="Boards",
        description="Every leaderboard Podium keeps, with its current snapshot.",
        colour=DEFAULT_COLOUR,
    )
    fields = []
    for source_id, boards in by_source.items():
        main = [s for s in boards if s.board.category is None]
        categories = [s for s in boards if s.board.category is not None]
        lines = [
            f"**{s.board.title}** `{s.board.board_id}` · {s.rows} rows · "
            f"{s.as_of.isoformat() if s.as_of else 'no snapshot'}"
            for s in main
        ]
        if categories:
            lines.append(f"+ {len(categories)} category boards (e.g. `{categories[0].board.board_id}`)")
        first = boards[0]
        if first.last_checked:
            lines.append(f"Last check {first.last_checked:%Y-%m-%d %H:%M} UTC: {first.last_status}")
        lines.append(f"Source: {first.attribution}")
        if first.licence:
            lines.append(f"Licence: {first.licence}")
        fields.append((source_id, "\n".join(lines), False))
    add_fields(embed, fields, "sources")
    embed.set_footer(text="Board ids work in every board option, e.g. /rank qwen2 board:lmarena")
    return [embed]
