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
from commands.i18n import moment, t, tn
from commands.limits import add_fields, clip
from commands.responding import compute, send
from commands.spec import Options
from commands.translator import english
from data.domain.types import SourceFreshness

LINK = "[{title}]({url})"


class AboutCommands(commands.Cog):
    """What Podium is and how fresh its data is."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(name="about", description=english("about"))
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
        title=t("about.title", version=about.version),
        description=t("about.description", boards=info.boards, models=info.models),
        colour=DEFAULT_COLOUR,
    )
    add_fields(embed, [_source_field(s) for s in info.sources], "sources")
    embed.set_footer(text=footer(t("about.footer")))
    return embed


def _source_field(source: SourceFreshness) -> tuple[str, str, bool]:
    checked = (
        t("about.check", when=moment(source.last_checked), status=source.last_status)
        if source.last_checked
        else t("about.never")
    )
    success = (
        t("about.success", when=moment(source.last_success))
        if source.last_success
        else t("about.never")
    )
    value = tn(
        "about.source",
        source.boards,
        newest=_newest(source),
        checked=checked,
        success=success,
    )
    link = LINK.format(title=literal(source.title, 100), url=source.homepage)
    return (clip(source.source_id, 256), f"{link}\n{_state(source)}{value}", True)


def _state(source: SourceFreshness) -> str:
    """``🟡 stale · new data 2026-12-01`` and a line break; nothing for a source with no data,
    nor for a retired one (its newest snapshot says "Retired, final snapshot …")."""
    if source.state is None or source.state == "retired":
        return ""
    new = f"{source.last_new_data:%Y-%m-%d}" if source.last_new_data else t("about.never")
    return t("about.state", state=wording.state_mark(source.state), new=new) + "\n"


def _newest(source: SourceFreshness) -> str:
    if source.retired_on:  # what is stored is all there will be
        return wording.retired(source.newest_snapshot or source.retired_on).capitalize()
    newest = source.newest_snapshot
    return t("about.newest", date=newest.isoformat() if newest else t("about.never"))
