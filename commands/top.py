"""``/top [board] [n] [category] [filters] [page] [as_of]``: a board's best, page by page."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, runners
from commands.cooldowns import top_kind
from commands.embeds.top import top_embed
from commands.params import board_choices, category_choices
from commands.responding import compute, send
from commands.state import attach
from commands.text import Invocation
from commands.views import page_view
from data.domain.filters import MAX_PER_PAGE

#: Parameter counts are in billions; no model is near this.
MAX_PARAMS = 100_000.0


class TopCommands(commands.Cog):
    """The top of a board, filtered and paged."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(
        name="top", description="A board's top models, with filters, page by page"
    )
    @app_commands.describe(
        board="Board id, source or title (default: lmarena)",
        n=f"Models per page (1-{MAX_PER_PAGE}, default 10)",
        category="A category of the board, e.g. coding (Arena), 计算 (SuperCLUE)",
        open_weights="Only models whose weights the board says are public",
        organization="Only this organisation, e.g. Meta or Alibaba",
        license="Only licences containing this, e.g. apache",
        min_params="At least this many billion parameters (boards publishing sizes)",
        max_params="At most this many billion parameters",
        page="Start at this page (past the end: the last page)",
        as_of="Answer from the snapshot current on this date (YYYY-MM-DD)",
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
        options = runners.options_of(
            board=board,
            n=n,
            category=category,
            open_weights=open_weights,
            organization=organization,
            license=license,
            min_params=min_params,
            max_params=max_params,
            page=page,
            as_of=as_of,
        )
        if _filtered(options):  # whether the board is one of the largest is known only later
            self.services.cooldowns.check("top_filtered", interaction.user.id)
        await self.answer(interaction, options)

    async def answer(
        self, interaction: discord.Interaction, options: dict[str, str], *, update: bool = False
    ) -> None:
        """``/top`` for ``options``; ``update`` edits the page in place (page buttons)."""
        result = await compute(interaction, runners.top(self.services, options), update=update)
        kind = top_kind(result.filters.active, result.board_size)
        if kind is not None and not update:  # page turns continue an answer: never refused
            self.services.cooldowns.spend(kind, interaction.user.id)
        # The footer records the page actually shown (a page past the end shows the last one).
        shown = {key: value for key, value in options.items() if key != "page"}
        if result.page > 1:
            shown["page"] = str(result.page)
        invocation = Invocation("top", shown)
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


def _filtered(options: dict[str, str]) -> bool:
    """Whether ``/top``'s options ask for any filter (``open_weights:no`` filters nothing)."""
    return options.get("open_weights") == "yes" or any(
        options.get(name) for name in ("organization", "license", "min_params", "max_params")
    )
