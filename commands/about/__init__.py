"""``/about``: version, data freshness and where the data comes from.

The command apart from Discord (it has no options); ``commands.about.cog`` holds its cog and
embed.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata
from typing import Any

from rich.console import RenderableType
from rich.table import Table

from commands import Services, wording
from commands.i18n import t
from commands.spec import Command, Options
from data.domain.types import AboutInfo


@dataclass(frozen=True, slots=True)
class About:
    """``/about``: the running version and the data's freshness."""

    version: str
    info: AboutInfo


async def about(services: Services, options: Options) -> About:
    """The running version and the data's freshness."""
    return About(version(), await services.leaderboards.about())


def version() -> str:
    """Podium's installed version."""
    try:
        return metadata.version("podium")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


def about_view(about: About) -> RenderableType:
    """``/about`` as a table of sources."""
    info = about.info
    table = Table(
        title=t("about.table_title", version=about.version, boards=info.boards, models=info.models)
    )
    for column in (
        "column.source",
        "column.boards",
        "column.state",
        "column.new_data",
        "column.newest_snapshot",
        "column.last_check",
        "column.last_success",
    ):
        table.add_column(t(column))
    for source in info.sources:
        table.add_row(
            source.title,
            str(source.boards),
            source.state or "–",
            f"{source.last_new_data:%Y-%m-%d %H:%M}" if source.last_new_data else "–",
            wording.retired(source.newest_snapshot or source.retired_on)
            if source.retired_on
            else source.newest_snapshot.isoformat()
            if source.newest_snapshot
            else "–",
            f"{source.last_checked:%Y-%m-%d %H:%M} {source.last_status}"
            if source.last_checked
            else "–",
            f"{source.last_success:%Y-%m-%d %H:%M}" if source.last_success else "–",
        )
    return table


def about_payload(about: About) -> dict[str, Any]:
    """``/about``: version, catalogue size and each source's freshness."""
    info = about.info
    return {
        "command": "about",
        "version": about.version,
        "boards": info.boards,
        "models": info.models,
        "sources": [
            {
                "source": s.source_id,
                "title": s.title,
                "homepage": s.homepage,
                "boards": s.boards,
                "newest_snapshot": s.newest_snapshot.isoformat() if s.newest_snapshot else None,
                "last_checked": s.last_checked.isoformat() if s.last_checked else None,
                "last_status": s.last_status,
                "last_success": s.last_success.isoformat() if s.last_success else None,
                "retired_on": s.retired_on.isoformat() if s.retired_on else None,
                "state": s.state,
                "last_new_data": s.last_new_data.isoformat() if s.last_new_data else None,
            }
            for s in info.sources
        ],
    }


ABOUT = Command("about", Options, about, about_payload, about_view)
