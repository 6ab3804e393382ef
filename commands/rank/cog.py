"""``/rank`` in Discord: the cog and the embed."""

from __future__ import annotations

from collections.abc import Sequence

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, wording
from commands.autocomplete import board_choices, model_choices
from commands.embeds import (
    DEFAULT_COLOUR,
    colour,
    literal,
)
from commands.i18n import decimal, t, tn
from commands.limits import DESCRIPTION, FOOTER, TITLE, add_fields, clip
from commands.parsing import optional_date
from commands.rank import RANK, RankOptions
from commands.resolution import also_text, not_found_text
from commands.responding import compute, send
from commands.spec import Options
from commands.text import Invocation
from commands.translator import english
from commands.views import (
    ask_which,
)
from data.domain.costs import cost_per_question
from data.domain.types import BoardStanding, RankResult


class RankCommands(commands.Cog):
    """Where does this model rank?"""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name="rank", description=english("rank"))
    @app_commands.describe(
        model=english("rank", "model"),
        board=english("rank", "board"),
        as_of=english("rank", "as_of"),
    )
    async def rank(
        self,
        interaction: discord.Interaction,
        model: app_commands.Range[str, 1, 200],
        board: app_commands.Range[str, 1, 100] | None = None,
        as_of: app_commands.Range[str, 1, 10] | None = None,
    ) -> None:
        """Answer with an embed; an ambiguous name asks which model was meant."""
        await self.answer(interaction, RankOptions(model, board, optional_date(as_of)))

    async def answer(
        self, interaction: discord.Interaction, options: Options, *, update: bool = False
    ) -> None:
        """``/rank`` for ``options``: typed, or a model picked from the candidates."""
        mine = RANK.own(options)
        result = await compute(interaction, RANK.run(self.services, mine))
        if result.status == "ambiguous":
            invocation = Invocation(RANK.name, mine)
            await ask_which(
                interaction, invocation, ("model", None), result.query, result.candidates
            )
        elif result.status in ("none", "absent"):
            await send(interaction, content=not_found_text(result, literal), ephemeral=True)
        else:
            await send(interaction, embed=rank_embed(result))

    @rank.autocomplete("model")
    async def _model_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return model_choices(self.services, current, getattr(interaction.namespace, "board", None))

    @rank.autocomplete("board")
    async def _board_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return board_choices(self.services, current)


def _colour(source_id: str) -> int:
    return colour(source_id)


def _rank_of(standing: BoardStanding) -> str:
    """``**#2 (tie)** of 130``."""
    rank = wording.rank_text(standing.row, standing.tied_with)
    return t("rank.of", rank=rank, size=standing.board_size)


def _standing_line(standing: BoardStanding, *, version: bool = False) -> str:
    """A board's field: rank, score, CI, votes, date, movement, and the row (with
    ``version``: which version of the line it is)."""
    row, board = standing.row, standing.board
    parts = [
        t("rank.of", rank=wording.rank_text(row, standing.tied_with), size=standing.board_size)
    ]
    parts.append(f"{wording.number(row.score)} {wording.score_label(board)}")
    if (spent := cost_per_question(row)) is not None:
        parts.append(wording.cost(spent))
    ci = wording.interval(row)
    if ci:
        parts.append(t("rank.ci", ci=ci))
    if row.votes is not None:
        parts.append(t("rank.votes", votes=decimal(row.votes, 0)))
    line = " · ".join(parts)
    move = wording.movement(standing)
    lead = t("rank.lead.as_of")
    dated = wording.dated(standing.as_of, standing.date_kind, standing.state, lead) + (
        f" · {move}" if move else ""
    )
    if wording.is_submission(row):
        shown = t("rank.best_submission_line", name=clip(row.name, 200))
        shown += wording.submission_models(len(row.models or ()))
        if version:
            shown += "\n" + t("rank.version", version=f"`{clip(standing.version, 200)}`")
    elif version:
        shown = t("rank.version", version=f"`{clip(row.name, 200)}`")
    else:
        shown = f"`{clip(row.name, 200)}`"
    return f"{line}\n{dated}\n{shown}"


def rank_embed(result: RankResult) -> discord.Embed:
    """``/rank``: one field per board, best first; with a board, rank, score and neighbours;
    then the other versions of the model's line ("also: …")."""
    if len(result.standings) == 1 and result.board_filter:
        embed = _single_board_embed(result, result.standings[0])
    else:
        embed = _every_board_embed(result)
    titles = {s.board.board_id: wording.board_title(s.board) for s in result.standings}
    also = also_text(result.alternatives, literal, None if result.board_filter else titles)
    if also:
        embed.description = clip(f"{embed.description or ''}\n{also}".strip(), DESCRIPTION)
    return embed


def _every_board_embed(result: RankResult) -> discord.Embed:
    title = clip(result.line or result.model or result.query, TITLE)
    colour = _colour(result.standings[0].board.source_id) if result.standings else DEFAULT_COLOUR
    embed = discord.Embed(title=title, colour=colour)
    embed.description = _boards_line(result.standings)
    if result.line:
        embed.description += "\n" + wording.line_note(result.line, literal)
    add_fields(
        embed,
        [
            (
                f"{wording.medal(s.row.rank)} {wording.board_title(s.board)}".strip(),
                _standing_line(s, version=result.line is not None),
                False,
            )
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
    on_board = t("rank.title_on", model=shown, board=wording.board_title(board))
    title = f"{wording.medal(row.rank)} {on_board}".strip()
    embed = discord.Embed(
        title=clip(title, TITLE), url=board.url or None, colour=_colour(board.source_id)
    )
    embed.description = clip(wording.rank_explanation(standing), DESCRIPTION)
    fields = [
        (
            t("rank.field.rank"),
            _rank_of(standing),
            True,
        ),
        (wording.score_label(board), wording.number(row.score), True),
    ]
    ci = wording.interval(row)
    if ci:
        fields.append((t("rank.field.ci"), ci, True))
    if (spent := cost_per_question(row)) is not None:
        fields.append((t("rank.cost_field"), wording.usd(spent), True))
    if row.votes is not None:
        fields.append((t("rank.field.votes"), decimal(row.votes, 0), True))
    move = wording.movement(standing)
    if move:
        fields.append((t("rank.field.since"), move, True))
    if wording.is_submission(row):
        system = "\n".join(filter(None, [literal(row.name), literal(wording.ran_with(row), 800)]))
        fields.append((t("rank.field.best_submission"), system, False))
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
    fields.append((t("rank.field.neighbours"), "\n".join(neighbours), False))
    add_fields(embed, fields, "fields")
    lead = t("rank.lead.snapshot")
    when = wording.dated(standing.as_of, standing.date_kind, standing.state, lead)
    embed.set_footer(text=clip(f"{wording.board_title(board)} · {when}", FOOTER))
    return embed


def _boards_line(standings: Sequence[BoardStanding]) -> str:
    """How many boards list the model, and on how many of them it has a rank."""
    if not standings:
        return t("rank.on_no_board")
    ranked = sum(standing.row.rank is not None for standing in standings)
    if ranked == len(standings):
        return tn("rank.ranked_on", ranked)
    return tn("rank.listed_on", len(standings), ranked=ranked or t("rank.ranked_none"))


def _sources_footer(standings: tuple[BoardStanding, ...]) -> str:
    span = wording.dates_span([s.as_of for s in standings]) if standings else t("rank.no_snapshot")
    notice = wording.not_live([s.state for s in standings])
    parts = (t("rank.snapshots", span=span), notice, t("rank.sources_hint"))
    return clip(" · ".join(p for p in parts if p), FOOTER)
