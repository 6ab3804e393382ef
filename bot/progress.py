"""Refresh progress: live per-source status on a terminal, plain log lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rich.console import Console
from rich.live import Live
from rich.table import Table

from commands import Services
from commands.render_admin import terminal_lines
from data.domain.types import LoadReport


def _summary(report: LoadReport) -> str:
    if report.status in ("failed", "refused"):
        return f"{report.status}: {report.reason}"
    new = [b for b in report.boards if b.status == "new"]
    if report.status == "new":
        rows = sum(b.rows for b in new)
        return f"new snapshot: {len(new)} board(s), {rows} rows, as of {new[0].as_of}"
    return report.status.replace("_", " ")


async def show_refresh(services: Services, source_ids: Sequence[str]) -> list[LoadReport]:
    """Refresh, showing each source's stage as it moves (fetching, parsing, storing, result)."""
    wanted = list(source_ids) or await services.leaderboards.refresh_ids()
    states = {source_id: "waiting" for source_id in wanted}
    console = Console(stderr=True)

    def table() -> Table:
        grid = Table(title="Refreshing sources")
        grid.add_column("Source")
        grid.add_column("Status")
        for source_id, state in states.items():
            grid.add_row(source_id, state)
        return grid

    if not sys.stderr.isatty():

        async def log_line(source_id: str, stage: str, report: LoadReport | None) -> None:
            print(
                f"{source_id}: {_summary(report) if report else stage}", file=sys.stderr, flush=True
            )

        return await services.leaderboards.refresh(wanted, log_line)

    with Live(table(), console=console, refresh_per_second=8) as live:

        async def update(source_id: str, stage: str, report: LoadReport | None) -> None:
            states[source_id] = _summary(report) if report else f"{stage}…"
            live.update(table())

        return await services.leaderboards.refresh(wanted, update)


async def print_changes(services: Services, reports: Sequence[LoadReport]) -> None:
    """The ranking changes the refresh found on main boards, one per line, on stdout."""
    summaries = await services.leaderboards.board_summaries()
    titles = {s.board.board_id: s.board.title for s in summaries if s.board.category is None}
    for report in reports:
        for line in terminal_lines(report, titles):
            print(line)
