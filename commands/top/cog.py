"""``/top`` in Discord: the cog, the embed and its page buttons."""

from __future__ import annotations

from dataclasses import replace

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, wording
from commands.autocomplete import board_choices, category_choices
from commands.cooldowns import top_kind
from commands.embeds import (
    FENCE,
    colour,
    footer,
    table,
)
from commands.i18n import t, tn
from commands.limits import DESCRIPTION, TITLE, clip
from commands.parsing import optional_date
from commands.responding import compute, send
from commands.spec import Options
from commands.state import attach
from commands.text import Invocation
from commands.top import TOP, TopOptions
from commands.translator import english
from commands.views import page_view
from data.domain.filters import MAX_PER_PAGE
from data.domain.types import Row, TopPage

#: Names longer than this are cut in the table (the full name is one /rank away).
NAME_WIDTH = 48


#: Parameter counts are in billions; no model is near this.
MAX_PARAMS = 100_000.0


class TopCommands(commands.Cog):
    """The top of a board, filtered and paged."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name="top", description=english("top"))
    @app_commands.describe(
        board=english("top", "board"),
        n=english("top", "n"),
        category=english("top", "category"),
        open_weights=english("top", "open_weights"),
        organization=english("top", "organization"),
        license=english("top", "license"),
        min_params=english("top", "min_params"),
        max_params=english("top", "max_params"),
        page=english("top", "page"),
        as_of=english("top", "as_of"),
    )
    async def top(
        self,
        interaction: discord.Interaction,
        board: app_commands.Range[str, 1, 100] | None = None,
        n: app_commands.Range[int, 1, MAX_PER_PAGE] | None = None,
        category: app_commands.Range[str, 1, 100] | None = None,
        open_weights: bool | None = None,
        organization: app_commands.Range[str, 1, 100] | None = None,
        license: app_commands.Range[str, 1, 100] | None = None,
        min_params: app_commands.Range[float, 0.0, MAX_PARAMS] | None = None,
        max_params: app_commands.Range[float, 0.0, MAX_PARAMS] | None = None,
        page: app_commands.Range[int, 1] | None = None,
        as_of: app_commands.Range[str, 1, 10] | None = None,
    ) -> None:
        """Answer with the first (or chosen) page and buttons to move between pages."""
        options = TopOptions(
            board=board,
            n=n,
            category=category,
            open_weights=open_weights,
            organization=organization,
            license=license,
            min_params=min_params,
            max_params=max_params,
            page=page,
            as_of=optional_date(as_of),
        )
        if options.filtered:  # whether the board is one of the largest is known only later
            self.services.cooldowns.check("top_filtered", interaction.user.id)
        await self.answer(interaction, options)

    async def answer(
        self, interaction: discord.Interaction, options: Options, *, update: bool = False
    ) -> None:
        """``/top`` for ``options``; ``update`` edits the page in place (page buttons)."""
        mine = TOP.own(options)
        result = await compute(interaction, TOP.run(self.services, mine), update=update)
        kind = top_kind(result.filters.active, result.board_size)
        if kind is not None and not update:  # page turns continue an answer: never refused
            self.services.cooldowns.spend(kind, interaction.user.id)
        # The footer records the page actually shown (a page past the end shows the last one).
        shown = replace(mine, page=result.page if result.page > 1 else None)
        invocation = Invocation(TOP.name, shown)
        embed = attach(top_embed(result), invocation)
        view = page_view(result.board.board_id, result.page, result.pages, invocation)
        await send(interaction, embed=embed, view=view, update=update)

    @top.autocomplete("board")
    async def _board_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return board_choices(self.services, current)

    @top.autocomplete("category")
    async def _category_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        board = getattr(interaction.namespace, "board", None)
        return category_choices(self.services, current, board)


def top_embed(page: TopPage) -> discord.Embed:
    """The page as a monospace table: rank (medal for the podium), score, name."""
    board = page.board
    embed = discord.Embed(
        title=clip(t("top.title", board=wording.board_title(board)), TITLE),
        url=board.url or None,
        colour=colour(board.source_id),
    )
    intro = (
        t(
            "top.filtered",
            filters=wording.filters_text(page.filters),
            matching=page.matching,
            size=page.board_size,
        )
        if page.filters.active
        else tn("top.unfiltered", page.board_size)
    )
    note = wording.facts_note(page.facts_as_of)
    intro = t("top.note", intro=intro, note=note) if note else intro
    if not page.rows:
        embed.description = clip(f"{intro}\n{t('top.nothing')}", DESCRIPTION)
    else:
        header = ["#", wording.score_label(board), t("top.column.model")]
        rows = [header, *(_row(row) for row in page.rows)]
        body = "\n".join(table(rows, [True, True, False]))
        embed.description = clip(f"{intro}\n{FENCE}\n{body}\n{FENCE}", DESCRIPTION)
    embed.set_footer(
        text=footer(
            wording.board_title(board),
            wording.dated(page.as_of, page.date_kind, page.state, t("rank.lead.snapshot")),
            t("top.page", page=page.page, pages=page.pages),
        )
    )
    return embed


def _row(row: Row) -> list[str]:
    rank = wording.medal(row.rank) or wording.cell_rank(row.rank, row.rank_note)
    return [rank, wording.number(row.score), clip(row.name, NAME_WIDTH)]
