"""``/boards`` in Discord: the cog and the embeds (one per source)."""

from __future__ import annotations

from collections.abc import Callable

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, wording
from commands.boards import BOARDS
from commands.embeds import (
    colour,
    first_fitting,
    footer,
    literal,
)
from commands.i18n import moment, t, tn
from commands.limits import DESCRIPTION, EMBEDS_PER_MESSAGE, TITLE, add_fields, clip
from commands.responding import compute, send
from commands.spec import Options
from commands.translator import english
from data.domain.types import BoardSummary

BOARD_NAME = "{title} · {board_id}"
#: Characters of category names listed per board before "…".
CATEGORY_TEXT = 300

#: How much of each board to show: descriptions, category names, source details.
Detail = tuple[bool, bool, bool]


class BoardCommands(commands.Cog):
    """What is in the database, and where it comes from."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name="boards", description=english("boards"))
    async def boards(self, interaction: discord.Interaction) -> None:
        """Answer with one embed per source."""
        await self.answer(interaction, Options())

    async def answer(
        self, interaction: discord.Interaction, options: Options, *, update: bool = False
    ) -> None:
        """``/boards``."""
        summaries = await compute(interaction, BOARDS.run(self.services, BOARDS.own(options)))
        await send(interaction, embeds=boards_embeds(summaries))


def boards_embeds(summaries: list[BoardSummary]) -> list[discord.Embed]:
    """Every board, grouped by source; falls back to shorter forms so one message holds all."""
    by_source: dict[str, list[BoardSummary]] = {}
    for summary in summaries:
        by_source.setdefault(summary.board.source_id, []).append(summary)

    groups = list(by_source.values())
    shown, rest = groups, []
    if len(groups) > EMBEDS_PER_MESSAGE:  # one embed per source; the last lists the others
        shown, rest = groups[: EMBEDS_PER_MESSAGE - 1], groups[EMBEDS_PER_MESSAGE - 1 :]

    def render(detail: Detail) -> Callable[[], list[discord.Embed]]:
        def embeds() -> list[discord.Embed]:
            rendered = [_source_embed(boards, detail) for boards in shown]
            return rendered + ([_more_embed(rest)] if rest else [])

        return embeds

    return first_fitting(
        render((True, True, True)), render((False, True, True)), render((False, False, False))
    )


def _source_embed(boards: list[BoardSummary], detail: Detail) -> discord.Embed:
    descriptions, category_names, source_details = detail
    first = boards[0]
    embed = discord.Embed(
        title=clip(first.source_title or first.board.source_id, TITLE),
        url=first.homepage or None,
        colour=colour(first.board.source_id),
    )
    if source_details:
        success = (
            t("about.success", when=moment(first.last_success))
            if first.last_success
            else t("about.never")
        )
        embed.description = t(
            "boards.source_lines",
            attribution=first.attribution or "–",
            licence=first.licence or "–",
            checked=_check(first),
            success=success,
        )
    else:
        embed.description = t("boards.last_check", checked=_check(first))
    if first.retired_on:
        embed.description = f"{t('boards.retired_source')}\n{embed.description}"
    embed.description = clip(embed.description, DESCRIPTION)
    mains = [s for s in boards if s.board.category is None]
    fields = []
    for main in mains:
        categories = [
            s
            for s in boards
            if s.board.category and s.board.board_id.startswith(main.board.board_id + "_")
        ]
        # A category board belongs to the longest main id prefixing it (lmarena_style_coding).
        categories = [s for s in categories if _parent(s, mains) is main]
        lines = [literal(main.board.description, 300)] if descriptions else []
        lines.append(_board_line(main) if main.as_of else t("boards.no_snapshot"))
        if categories:
            lines.append(_categories(categories, category_names))
        name = BOARD_NAME.format(
            title=wording.board_title(main.board), board_id=main.board.board_id
        )
        fields.append((clip(name, 256), "\n".join(lines), False))
    add_fields(embed, fields, "boards")
    embed.set_footer(
        text=footer(t("boards.footer", example=(mains[0] if mains else first).board.board_id))
    )
    return embed


def _more_embed(groups: list[list[BoardSummary]]) -> discord.Embed:
    """The sources that did not get an embed of their own, with their board ids."""
    embed = discord.Embed(title=tn("boards.more_sources", len(groups)))
    lines = [
        f"**{literal(g[0].source_title or g[0].board.source_id, 100)}**: "
        + ", ".join(f"`{s.board.board_id}`" for s in g)
        for g in groups
    ]
    embed.description = clip("\n".join(lines), DESCRIPTION)
    return embed


def _parent(summary: BoardSummary, mains: list[BoardSummary]) -> BoardSummary | None:
    prefixes = [m for m in mains if summary.board.board_id.startswith(m.board.board_id + "_")]
    return max(prefixes, key=lambda m: len(m.board.board_id)) if prefixes else None


def _categories(categories: list[BoardSummary], with_names: bool) -> str:
    if not with_names:
        return tn("boards.category_count", len(categories), example=categories[0].board.board_id)
    names = ", ".join(s.board.category or s.board.board_id for s in categories)
    return tn("boards.categories", len(categories), names=literal(names, CATEGORY_TEXT))


def _check(summary: BoardSummary) -> str:
    if summary.last_checked is None:
        return t("about.never")
    return t("boards.check", when=moment(summary.last_checked), status=summary.last_status)


def _board_line(summary: BoardSummary) -> str:
    assert summary.as_of is not None
    day = wording.day(summary.as_of, summary.date_kind)
    retired = summary.state == "retired"
    return t(
        "boards.board_line",
        state=wording.state_mark(summary.state),
        rows=summary.rows,
        dated=wording.retired_text(day) if retired else t("boards.snapshot", day=day),
        new=f"{summary.last_new_data:%Y-%m-%d}" if summary.last_new_data else t("about.never"),
        url=summary.board.url,
    )
