"""Pure: query results -> ``discord.Embed``. Every embed here respects Discord's limits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import get_args

import discord
from discord import app_commands

from commands import wording
from commands.cooldowns import SlowDown
from commands.embeds.style import DEFAULT_COLOUR, ERROR_COLOUR, colour, literal
from commands.limits import DESCRIPTION, FOOTER, TITLE, add_fields, clip
from commands.parsing import BadOption
from data.domain.costs import cost_per_question
from data.domain.errors import (
    LeaderboardError,
    NoData,
    QueryProblem,
    RefreshInProgress,
    SourceError,
    UnknownBoard,
    UnknownSource,
)
from data.domain.types import Absence, BoardStanding, Candidate, ModelChoice, RankResult
from data.sources import sources_publishing
from data.sources.base import Published

#: Shows a query or a name (at most ``limit`` characters) where the text goes.
Quote = Callable[[str, int], str]
ON_NO_BOARD = "Known, but on none of the current main boards."
COST_FIELD = "Cost per question"
RANKED_ON = "Ranked on {count} board(s), best first."
LISTED_ON = "Listed on {count} board(s), ranked on {ranked}; best first."
UNRESOLVED_AMBIGUOUS = "'{query}' could mean several models: {names}. Which one?"
UNRESOLVED_NONE = "No model matches '{query}'"
UNRESOLVED_SUGGEST = "; did you mean {names}?"
ABSENT_ON_BOARD = "{model} is not on {board}: Podium has {board} snapshots from {first} to {last}."
ABSENT_ON_BOARD_ONE = "{model} is not on {board}: Podium has one {board} snapshot, of {first}."
ABSENT_BEFORE_FIRST = "{model}: no {board} snapshot before {first} (asked for {as_of})."
ABSENT_NO_DATA = "{model} is not on {board}: Podium has no snapshot of that board."
ABSENT_SINCE = "{model} is not on {board} as of {last}: last listed on {listed} (see /history)."
ALSO = "also: {names}"


def _colour(source_id: str) -> int:
    return colour(source_id)


def _standing_line(standing: BoardStanding) -> str:
    row, board = standing.row, standing.board
    parts = [f"**{wording.rank_text(row, standing.tied_with)}** of {standing.board_size}"]
    parts.append(f"{wording.number(row.score)} {board.score_label}")
    if (spent := cost_per_question(row)) is not None:
        parts.append(wording.cost(spent))
    ci = wording.interval(row)
    if ci:
        parts.append(f"CI {ci}")
    if row.votes is not None:
        parts.append(f"{row.votes:,} votes")
    line = " · ".join(parts)
    move = wording.movement(standing)
    dated = wording.dated(standing.as_of, standing.date_kind, standing.state, "as of") + (
        f" · {move}" if move else ""
    )
    if wording.is_submission(row):
        return f"{line}\n{dated}\nbest submission: `{clip(row.name, 200)}`"
    return f"{line}\n{dated}\n`{clip(row.name, 200)}`"


def rank_embed(result: RankResult) -> discord.Embed:
    """``/rank``: one field per board, best first; with a board, rank, score and neighbours;
    then the other versions of the model's line ("also: …")."""
    if len(result.standings) == 1 and result.board_filter:
        embed = _single_board_embed(result, result.standings[0])
    else:
        embed = _every_board_embed(result)
    also = also_text(result.alternatives, boards=result.board_filter is None)
    if also:
        embed.description = clip(f"{embed.description or ''}\n{also}".strip(), DESCRIPTION)
    return embed


def _every_board_embed(result: RankResult) -> discord.Embed:
    title = clip(result.model or result.query, TITLE)
    colour = _colour(result.standings[0].board.source_id) if result.standings else DEFAULT_COLOUR
    embed = discord.Embed(title=title, colour=colour)
    embed.description = _boards_line(result.standings)
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
    # A submission board ranks systems: the title names the model asked about.
    shown = (result.model or row.name) if wording.is_submission(row) else row.name
    title = f"{wording.medal(row.rank)} {shown} on {board.title}".strip()
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
    if (spent := cost_per_question(row)) is not None:
        fields.append((COST_FIELD, wording.usd(spent), True))
    if row.votes is not None:
        fields.append(("Votes", f"{row.votes:,}", True))
    move = wording.movement(standing)
    if move:
        fields.append(("Since last snapshot", move, True))
    if wording.is_submission(row):
        system = "\n".join(filter(None, [literal(row.name), literal(wording.ran_with(row), 800)]))
        fields.append(("Best submission", system, False))
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
    when = wording.dated(standing.as_of, standing.date_kind, standing.state, "snapshot")
    embed.set_footer(text=clip(f"{board.title} · {when}", FOOTER))
    return embed


def _boards_line(standings: Sequence[BoardStanding]) -> str:
    """How many boards list the model, and on how many of them it has a rank."""
    if not standings:
        return ON_NO_BOARD
    ranked = sum(standing.row.rank is not None for standing in standings)
    if ranked == len(standings):
        return RANKED_ON.format(count=ranked)
    return LISTED_ON.format(count=len(standings), ranked=ranked or "none")


def _sources_footer(standings: tuple[BoardStanding, ...]) -> str:
    span = wording.dates_span([s.as_of for s in standings]) if standings else "no snapshot"
    notice = wording.not_live([s.state for s in standings])
    return clip(
        " · ".join(
            p for p in (f"Snapshots {span}", notice, "/boards for sources and licences") if p
        ),
        FOOTER,
    )


def not_found_text(result: RankResult, quote: Quote = literal) -> str:
    """The short ephemeral answer when a query is not confidently resolved (or is absent)."""
    if result.absence is not None:
        return absent_text(result.absence, quote)
    return unresolved_text(result.query, result.status, result.candidates, quote)


def absent_text(absence: Absence, quote: Quote = literal) -> str:
    """Why a known model is not in the answer: not on the board, or not yet on that date."""
    model, board = quote(absence.model, 100), absence.board.title
    if absence.first is None or absence.last is None:
        return ABSENT_NO_DATA.format(model=model, board=board)
    if absence.before_first:
        assert absence.as_of is not None
        return ABSENT_BEFORE_FIRST.format(
            model=model, board=board, first=absence.first, as_of=absence.as_of
        )
    if absence.last_listed is not None:
        shown = min(absence.as_of or absence.last, absence.last)
        return ABSENT_SINCE.format(model=model, board=board, last=shown, listed=absence.last_listed)
    if absence.first == absence.last:
        return ABSENT_ON_BOARD_ONE.format(model=model, board=board, first=absence.first)
    return ABSENT_ON_BOARD.format(
        model=model, board=board, first=f"{absence.first:%Y-%m}", last=f"{absence.last:%Y-%m}"
    )


def also_text(
    alternatives: Sequence[Candidate], quote: Quote = literal, *, boards: bool = False
) -> str:
    """ "also: gpt-4o-2024-08-06 #12, …": the other versions of the answer's line (with the
    board of each when the answer spans boards)."""
    names = []
    for candidate in alternatives:
        parts = [quote(candidate.name, 60)]
        if candidate.rank:
            parts.append(wording.rank_text_short(candidate.rank))
        if boards:
            parts.append(f"({candidate.board_id})")
        names.append(" ".join(parts))
    return ALSO.format(names=", ".join(names)) if names else ""


def choice_text(choice: ModelChoice, quote: Quote = literal) -> str:
    """Why one model of a multi-model command was not answered."""
    if choice.absence is not None:
        return absent_text(choice.absence, quote)
    return unresolved_text(choice.query, choice.status, choice.candidates, quote)


def unresolved_text(
    query: str, status: str, candidates: Sequence[Candidate], quote: Quote = literal
) -> str:
    """The "no model matches 'x'; did you mean …?" line (or an ambiguous name's candidates)."""
    return unresolved_names(query, status, [c.name for c in candidates], quote)


def unresolved_names(query: str, status: str, names: Sequence[str], quote: Quote = literal) -> str:
    """``unresolved_text`` for candidate ``names`` (best first, the first five shown).

    ``quote`` shows the query and the names as typed and published: by default for a Discord
    message (Markdown escaped, mentions defused); terminals pass ``wording.plain``.
    """
    shown = ", ".join(list(dict.fromkeys(quote(name, 80) for name in names))[:5])
    if status == "ambiguous":
        return UNRESOLVED_AMBIGUOUS.format(query=quote(query, 100), names=shown)
    suggestion = UNRESOLVED_SUGGEST.format(names=shown) if shown else "."
    return UNRESOLVED_NONE.format(query=quote(query, 100)) + suggestion


def error_embed(message: str) -> discord.Embed:
    """A short red embed for errors."""
    return discord.Embed(description=clip(message, DESCRIPTION), colour=ERROR_COLOUR)


def error_text(error: LeaderboardError) -> str:
    """What a user is told about a domain error: short, useful, never exception text."""
    if isinstance(error, UnknownBoard):
        known = ", ".join(wording.sanitize(title, 60) for title in error.known[:5])
        suggestion = f"; did you mean {known}?" if known else "."
        return f"No board called '{wording.sanitize(error.board)}'{suggestion} See /boards."
    if isinstance(error, UnknownSource):
        known = ", ".join(error.known)
        return f"No source called '{wording.sanitize(error.source_id)}'. Sources: {known}."
    if isinstance(error, NoData):
        return "No leaderboard data is stored for that date yet."
    if isinstance(error, RefreshInProgress):
        return "A refresh is already running; try again when it has finished."
    if isinstance(error, BadOption):
        return f"Could not read {error.option}: expected {error.expected}."
    if isinstance(error, SlowDown):
        return f"Slow down: try again in {error.seconds} s."
    if isinstance(error, QueryProblem):
        return problem_text(error)
    if isinstance(error, SourceError):
        return f"Could not load {error.source_id or 'the source'}: {error.reason}."
    return "That did not work."


OPTION_REFUSED = "One of the options has a value Podium cannot use."
#: How a channel type is called in answers; the others by their name (voice, category...).
CHANNEL_KINDS = {
    discord.ChannelType.news: "announcement",
    discord.ChannelType.stage_voice: "stage",
    discord.ChannelType.news_thread: "thread",
    discord.ChannelType.public_thread: "thread",
    discord.ChannelType.private_thread: "thread",
    discord.ChannelType.private: "direct message",
}


def _channel_kind(channel_type: discord.ChannelType) -> str:
    return CHANNEL_KINDS.get(channel_type, channel_type.name.replace("_", " "))


def channel_refused_text(
    mention: str, channel_type: discord.ChannelType, allowed: Sequence[discord.ChannelType]
) -> str:
    """Why a channel option's value was refused: the wrong kind of channel, or one of the right
    kind missing from discord.py's cache (e.g. created a moment ago)."""
    if channel_type in allowed:
        return f"Podium cannot see {mention} yet; try again in a moment, or pick another channel."
    kinds = " or ".join(dict.fromkeys(_channel_kind(t) for t in allowed))
    return f"{mention} is {_a(_channel_kind(channel_type))} channel: pick {_a(kinds)} channel."


def _a(words: str) -> str:
    """``words`` with the indefinite article: "a text", "an announcement"."""
    return f"{'an' if words[:1] in tuple('aeiou') else 'a'} {words}"


def option_error_text(error: app_commands.TransformerError) -> str:
    """What a member is told when discord.py could not convert an option's value: for a
    channel, which kinds of channel the option takes."""
    value, allowed = error.value, error.transformer.channel_types
    channels = app_commands.AppCommandChannel | app_commands.AppCommandThread
    if (
        error.type is discord.AppCommandOptionType.channel
        and allowed
        and isinstance(value, channels)
    ):
        return channel_refused_text(value.mention, value.type, allowed)
    return OPTION_REFUSED


#: What users are told for each ``QueryProblem.reason``; ``{detail}``, ``{known}`` and the
#: sources that publish what is missing (``{licences}``...) are filled.
PROBLEMS = {
    "same_model": "You named {detail} twice; compare different models.",
    "model_count": "Name two to four models (you gave {detail}).",
    "no_shared_board": "These models are not listed together on any board{on}; try /rank for each.",
    "no_licences": "{detail} does not publish licences, so it cannot be filtered by licence or "
    "open weights. Boards that do: {licences}.",
    "no_params": "{detail} does not publish parameter counts. Boards that do: {parameters}.",
    "no_organizations": "{detail} does not publish organisations.",
    "no_categories": "{detail} has no categories. Boards with categories: {categories}.",
    "unknown_category": "No category '{detail}' here. Categories: {known}",
    "stale": "These buttons belong to an older answer; run the command again.",
}


def problem_text(problem: QueryProblem) -> str:
    """The message for a ``QueryProblem``, with its details filled in (never exception text)."""
    known = ", ".join(problem.known[:15]) + (" …" if len(problem.known) > 15 else "")
    detail = wording.sanitize(problem.detail, 100)
    template = PROBLEMS.get(problem.reason, "That did not work.")
    return template.format(
        detail=detail,
        known=known,
        on=f" (on {detail})" if detail else "",
        **{what: ", ".join(sources_publishing(what)) for what in get_args(Published)},
    )
