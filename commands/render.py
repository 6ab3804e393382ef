"""Pure: query results -> ``discord.Embed``. Every embed here respects Discord's limits."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from commands import wording
from commands.embeds.style import DEFAULT_COLOUR, ERROR_COLOUR, colour, literal
from commands.limits import DESCRIPTION, FOOTER, TITLE, add_fields, clip
from commands.parsing import BadOption
from data.domain.errors import (
    LeaderboardError,
    NoData,
    QueryProblem,
    RefreshInProgress,
    SourceError,
    UnknownBoard,
    UnknownSource,
)
from data.domain.types import BoardStanding, Candidate, RankResult


def _colour(source_id: str) -> int:
    return colour(source_id)


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
            f"↑ {wording.rank_text_short(n.rank)} {literal(n.name)} · {wording.number(n.score)}"
            for n in standing.above
        ),
        f"→ **{wording.rank_text_short(row.rank)} {literal(row.name)} · "
        f"{wording.number(row.score)}**",
        *(
            f"↓ {wording.rank_text_short(n.rank)} {literal(n.name)} · {wording.number(n.score)}"
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
    return unresolved_text(result.query, result.status, result.candidates)


def unresolved_text(query: str, status: str, candidates: Sequence[Candidate]) -> str:
    """The "no model matches 'x'; did you mean …?" line (or an ambiguous name's candidates)."""
    query = wording.sanitize(query)
    names = list(dict.fromkeys(wording.sanitize(c.name, 80) for c in candidates))[:5]
    if status == "ambiguous":
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
    if isinstance(error, QueryProblem):
        return problem_text(error)
    if isinstance(error, SourceError):
        return f"Could not load {error.source_id or 'the source'}: {error.reason}."
    return "That did not work."


#: What users are told for each ``QueryProblem.reason``; ``{detail}`` and ``{known}`` are filled.
PROBLEMS = {
    "same_model": "You named {detail} twice; compare different models.",
    "model_count": "Name two to four models (you gave {detail}).",
    "no_shared_board": "These models are not listed together on any board{on}; try /rank for each.",
    "no_licences": "{detail} does not publish licences, so it cannot be filtered by licence or "
    "open weights. Boards that do: lmarena, open_llm, superclue.",
    "no_params": "{detail} does not publish parameter counts; the Open LLM Leaderboard does "
    "(board:open_llm).",
    "no_organizations": "{detail} does not publish organisations.",
    "no_categories": "{detail} has no categories. Boards with categories: lmarena, livebench, "
    "superclue.",
    "unknown_category": "No category '{detail}' here. Categories: {known}",
    "stale": "These buttons belong to an older answer; run the command again.",
}


def problem_text(problem: QueryProblem) -> str:
    """The message for a ``QueryProblem``, with its details filled in (never exception text)."""
    known = ", ".join(problem.known[:15]) + (" …" if len(problem.known) > 15 else "")
    detail = wording.sanitize(problem.detail, 100)
    template = PROBLEMS.get(problem.reason, "That did not work.")
    return template.format(detail=detail, known=known, on=f" (on {detail})" if detail else "")
