"""``/top``: one page of a board as an aligned table, medals on the podium, filters stated."""

from __future__ import annotations

import discord

from commands import wording
from commands.embeds.style import FENCE, colour, footer, table
from commands.limits import DESCRIPTION, TITLE, clip
from data.domain.types import Row, TopPage

TITLE_TEMPLATE = "Top of {board}"
FILTERED = "Filters: {filters}. {matching} of {size} models match."
UNFILTERED = "{size} models on the board."
NOTHING = "No model on this board matches these filters."
PAGE = "page {page}/{pages}"
SNAPSHOT = "snapshot"
#: Names longer than this are cut in the table (the full name is one /rank away).
NAME_WIDTH = 48


def top_embed(page: TopPage) -> discord.Embed:
    """The page as a monospace table: rank (medal for the podium), score, name."""
    board = page.board
    embed = discord.Embed(
        title=clip(TITLE_TEMPLATE.format(board=board.title), TITLE),
        url=board.url or None,
        colour=colour(board.source_id),
    )
    intro = (
        FILTERED.format(
            filters=wording.filters_text(page.filters),
            matching=page.matching,
            size=page.board_size,
        )
        if page.filters.active
        else UNFILTERED.format(size=page.board_size)
    )
    note = wording.facts_note(page.facts_as_of)
    intro = f"{intro} ({note})" if note else intro
    if not page.rows:
        embed.description = clip(f"{intro}\n{NOTHING}", DESCRIPTION)
    else:
        header = ["#", board.score_label, "Model"]
        rows = [header, *(_row(row) for row in page.rows)]
        body = "\n".join(table(rows, [True, True, False]))
        embed.description = clip(f"{intro}\n{FENCE}\n{body}\n{FENCE}", DESCRIPTION)
    embed.set_footer(
        text=footer(
            board.title,
            wording.dated(page.as_of, page.date_kind, page.state, SNAPSHOT),
            PAGE.format(page=page.page, pages=page.pages),
        )
    )
    return embed


def _row(row: Row) -> list[str]:
    rank = wording.medal(row.rank) or wording.cell_rank(row.rank, row.rank_note)
    return [rank, wording.number(row.score), clip(row.name, NAME_WIDTH)]
