"""``/search`` in Discord: the cog and the embed."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, wording
from commands.autocomplete import board_choices
from commands.embeds import (
    DEFAULT_COLOUR,
    footer,
    literal,
)
from commands.i18n import t, tn
from commands.limits import TITLE, clip
from commands.resolution import absent_text, also_text
from commands.responding import compute, send
from commands.search import SEARCH, SearchOptions
from commands.spec import Options
from commands.state import attach
from commands.text import Invocation, digest
from commands.translator import english
from commands.views import (
    PickSelect,
    candidate_lines,
    description_lines,
)
from data.domain.types import Candidate, SearchResult


class SearchCommands(commands.Cog):
    """Name resolution, shown."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name="search", description=english("search"))
    @app_commands.describe(
        text=english("search", "text"),
        board=english("search", "board"),
    )
    async def search(
        self,
        interaction: discord.Interaction,
        text: app_commands.Range[str, 1, 200],
        board: app_commands.Range[str, 1, 100] | None = None,
    ) -> None:
        """Answer with the matches; when several models fit, a menu to see one's ranks."""
        await self.answer(interaction, SearchOptions(text, board))

    async def answer(
        self, interaction: discord.Interaction, options: Options, *, update: bool = False
    ) -> None:
        """``/search`` for ``options``."""
        mine = SEARCH.own(options)
        result = await compute(interaction, SEARCH.run(self.services, mine))
        invocation = Invocation(SEARCH.name, mine)
        embed = attach(search_embed(result), invocation)
        view = discord.ui.View(timeout=None)
        if result.status in ("ambiguous", "none") and result.matches:
            # Choosing a candidate answers /rank for it, as if its name had been typed.
            view.add_item(PickSelect("rank", "model", None, digest(invocation), result.matches))
        await send(interaction, embed=embed, view=view)

    @search.autocomplete("board")
    async def _board_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return board_choices(self.services, current)


def search_embed(result: SearchResult) -> discord.Embed:
    """Where the resolver finds the text: the model's row per board, or the candidates."""
    query = wording.sanitize(result.query, 80)
    embed = discord.Embed(title=clip(t("search.title", query=query), TITLE), colour=DEFAULT_COLOUR)
    if result.status == "match" and result.matches:
        model = literal(result.matches[0].model)
        lines = [tn("search.match", len(result.matches), model=model)]
        lines += _row_lines(result.matches)
        titles = {m.board_id: m.board_title for m in result.matches if m.board_title}
        also = also_text(result.alternatives, literal, None if result.board_filter else titles)
        lines += [also] if also else []
    elif result.absence is not None:
        lines = [absent_text(result.absence, literal)]
    else:
        lines = [t("search.ambiguous") if result.status == "ambiguous" else t("search.none")]
        if result.status == "none" and result.matches:
            lines.append(t("search.suggest"))
        lines += candidate_lines(result.matches)
    embed.description = description_lines(lines)
    scope = t("views.scope", board=result.board_filter) if result.board_filter else ""
    embed.set_footer(text=footer(t("views.resolver_note"), scope))
    return embed


def _row_lines(matches: tuple[Candidate, ...]) -> list[str]:
    """One line per board, in the resolver's order; a board's category or variant boards that
    spell the name the same way are counted on its line (``livebench_coding`` under
    ``livebench``)."""
    listed = {m.board_id for m in matches}
    related: dict[str, list[str]] = {}
    kept = []
    for match in matches:
        parents = [
            b
            for b in listed
            if match.board_id.startswith(b + "_") and _same_name(matches, b, match)
        ]
        if parents:
            related.setdefault(max(parents, key=len), []).append(match.board_id)
        else:
            kept.append(match)
    lines = []
    for match in kept:
        line = t("search.row", board=match.board_id, name=literal(match.name, 120))
        if match.board_id in related:
            others = related[match.board_id]
            line += tn("search.related", len(others), example=others[0])
        lines.append(line)
    return lines


def _same_name(matches: tuple[Candidate, ...], board_id: str, match: Candidate) -> bool:
    return any(m.board_id == board_id and m.name == match.name for m in matches)
