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
from commands.limits import DESCRIPTION, EMBEDS_PER_MESSAGE, TITLE, add_fields, clip
from commands.responding import compute, send
from commands.spec import Options
from data.domain.types import BoardSummary

SOURCE_LINES = (
    "Source: {attribution}\nLicence: {licence}\nLast check: {checked} · last success: {success}"
)
CHECK = "{when} UTC, {status}"
NEVER = "never"
BOARD_NAME = "{title} · {board_id}"
BOARD_LINE = "{state} **{rows}** rows · {dated} · new data {new} · [open board]({url})"
#: A board's state, as ``/boards`` shows it (``data.domain.freshness.board_state``); a retired
#: board's date says it ("retired, final snapshot …").
STATES = {
    "live": "🟢 live ·",
    "stale": "🟡 stale ·",
    "failing": "🔴 failing ·",
    "retired": "⚫",
}
SNAPSHOT = "snapshot {day}"
RETIRED_SOURCE = "**Retired** by its publisher: no longer updated."
CATEGORIES = "{count} categories: {names}"
CATEGORY_COUNT = "{count} category boards, e.g. `{example}`"
NO_SNAPSHOT = "no snapshot yet"
MORE_SOURCES = "{count} more sources"
FOOTER = "Board ids work in every board option, e.g. /top board:{example}"
#: Characters of category names listed per board before "…".
CATEGORY_TEXT = 300

#: How much of each board to show: descriptions, category names, source details.
Detail = tuple[bool, bool, bool]


class BoardCommands(commands.Cog):
    """What is in the database, and where it comes from."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(
        name="boards", description="The leaderboards: what they measure, dates, sources"
    )
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
        embed.description = SOURCE_LINES.format(
            attribution=first.attribution or "–",
            licence=first.licence or "–",
            checked=_check(first),
            success=f"{first.last_success:%Y-%m-%d %H:%M} UTC" if first.last_success else NEVER,
        )
    else:
        embed.description = f"Last check: {_check(first)}"
    if first.retired_on:
        embed.description = f"{RETIRED_SOURCE}\n{embed.description}"
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
        lines.append(_board_line(main) if main.as_of else NO_SNAPSHOT)
        if categories:
            lines.append(_categories(categories, category_names))
        name = BOARD_NAME.format(
            title=wording.board_title(main.board), board_id=main.board.board_id
        )
        fields.append((clip(name, 256), "\n".join(lines), False))
    add_fields(embed, fields, "boards")
    embed.set_footer(
        text=footer(
            FOOTER.format(example=mains[0].board.board_id if mains else first.board.board_id)
        )
    )
    return embed


def _more_embed(groups: list[list[BoardSummary]]) -> discord.Embed:
    """The sources that did not get an embed of their own, with their board ids."""
    embed = discord.Embed(title=MORE_SOURCES.format(count=len(groups)))
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
        return CATEGORY_COUNT.format(count=len(categories), example=categories[0].board.board_id)
    names = ", ".join(s.board.category or s.board.board_id for s in categories)
    return CATEGORIES.format(count=len(categories), names=literal(names, CATEGORY_TEXT))


def _check(summary: BoardSummary) -> str:
    if summary.last_checked is None:
        return NEVER
    return CHECK.format(when=f"{summary.last_checked:%Y-%m-%d %H:%M}", status=summary.last_status)


def _board_line(summary: BoardSummary) -> str:
    assert summary.as_of is not None
    day = wording.day(summary.as_of, summary.date_kind)
    return BOARD_LINE.format(
        state=STATES[summary.state],
        rows=summary.rows,
        dated=wording.retired_text(day) if summary.state == "retired" else SNAPSHOT.format(day=day),
        new=f"{summary.last_new_data:%Y-%m-%d}" if summary.last_new_data else NEVER,
        url=summary.board.url,
    )
