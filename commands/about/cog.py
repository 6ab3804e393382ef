"""``/about`` in Discord: the cog and the embed."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from commands import Services, wording
from commands.about import ABOUT, About
from commands.embeds import (
    DEFAULT_COLOUR,
    footer,
    literal,
)
from commands.limits import add_fields, clip
from commands.responding import compute, send
from commands.spec import Options
from data.domain.types import SourceFreshness

TITLE_TEMPLATE = "Podium {version}"
DESCRIPTION = (
    "Where does this AI model rank? Answers from public LLM leaderboards; every figure comes "
    "from a stored snapshot and is shown with its board and date.\n"
    "{boards} current boards · {models} models."
)
SOURCE = "{newest} · {boards} board(s)\nLast check {checked}\nLast success {success}"
NEWEST = "Newest snapshot {date}"
CHECK = "{when} UTC ({status})"
NEVER = "never"
LINK = "[{title}]({url})"
FOOTER = "Licences and attribution: /boards"


class AboutCommands(commands.Cog):
    """What Podium is and how fresh its data is."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name="about", description="Podium's version, data freshness and sources")
    async def about(self, interaction: discord.Interaction) -> None:
        """Answer with the about embed."""
        await self.answer(interaction, Options())

    async def answer(
        self, interaction: discord.Interaction, options: Options, *, update: bool = False
    ) -> None:
        """``/about``."""
        result = await compute(interaction, ABOUT.run(self.services, ABOUT.own(options)))
        await send(interaction, embed=about_embed(result))


def about_embed(about: About) -> discord.Embed:
    """The version, then one field per source with its freshness and link."""
    info = about.info
    embed = discord.Embed(
        title=TITLE_TEMPLATE.format(version=about.version),
        description=DESCRIPTION.format(boards=info.boards, models=info.models),
        colour=DEFAULT_COLOUR,
    )
    add_fields(embed, [_source_field(s) for s in info.sources], "sources")
    embed.set_footer(text=footer(FOOTER))
    return embed


def _source_field(source: SourceFreshness) -> tuple[str, str, bool]:
    checked = (
        CHECK.format(when=f"{source.last_checked:%Y-%m-%d %H:%M}", status=source.last_status)
        if source.last_checked
        else NEVER
    )
    success = f"{source.last_success:%Y-%m-%d %H:%M} UTC" if source.last_success else NEVER
    value = SOURCE.format(
        newest=_newest(source),
        boards=source.boards,
        checked=checked,
        success=success,
    )
    link = LINK.format(title=literal(source.title, 100), url=source.homepage)
    return (clip(source.source_id, 256), f"{link}\n{value}", True)


def _newest(source: SourceFreshness) -> str:
    if source.retired_on:  # what is stored is all there will be
        return wording.retired(source.newest_snapshot or source.retired_on).capitalize()
    return NEWEST.format(
        date=source.newest_snapshot.isoformat() if source.newest_snapshot else NEVER
    )
