"""Refresh progress: live per-source status on a terminal, plain log lines otherwise."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date

from rich.console import Console
from rich.live import Live
from rich.table import Table

from commands import Services
from data.backfill import BackfillStep
from data.domain.errors import SourceError
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
    wanted = list(source_ids) or await services.loading.refresh_ids()
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

        return await services.loading.refresh(wanted, log_line)

    with Live(table(), console=console, refresh_per_second=8) as live:

        async def update(source_id: str, stage: str, report: LoadReport | None) -> None:
            states[source_id] = _summary(report) if report else f"{stage}…"
            live.update(table())

        return await services.loading.refresh(wanted, update)


async def print_changes(services: Services, reports: Sequence[LoadReport]) -> None:
    """The ranking changes the refresh found on main boards, one per line, on stdout."""
    # Imported here: the module brings discord.py, which the other console commands never need.
    from commands.admin import terminal_lines

    summaries = await services.leaderboards.board_summaries()
    titles = {s.board.board_id: s.board.title for s in summaries if s.board.category is None}
    for report in reports:
        for line in terminal_lines(report, titles):
            print(line)


async def run_backfill(services: Services, source_id: str, since: date | None) -> int:
    """``podium backfill``: one progress line per file and per stored date on stderr, the
    summary on stdout; exit status 1 when a date was refused or the source failed."""
    if source_id not in services.loading.source_ids():
        known = ", ".join(services.loading.source_ids())
        print(f"unknown source {source_id!r}; known: {known}", file=sys.stderr)
        return 2

    async def show(file: str, step: BackfillStep | None) -> None:
        if step is None:
            print(f"{source_id}: downloaded {file}", file=sys.stderr, flush=True)
        elif step.status != "skipped" or step.index == step.total:
            detail = f" ({step.boards} boards)" if step.boards else ""
            reason = f": {step.reason}" if step.reason else ""
            when = f" {step.index}/{step.total} {step.as_of}" if step.as_of else ""
            print(
                f"{source_id}: {file}{when} {step.status}{detail}{reason}",
                file=sys.stderr,
                flush=True,
            )

    try:
        report = await services.loading.backfill(source_id, since, show)
    except SourceError as exc:
        where = f" ({exc.where})" if exc.where else ""
        print(f"{source_id}: backfill failed: {exc.reason}{where}", file=sys.stderr)
        return 1
    print(
        f"{source_id}: backfill of {len(report.files)} file(s): {report.new} date(s) stored, "
        f"{report.unchanged} unchanged, {report.skipped} already stored, "
        f"{len(report.refused)} refused"
    )
    return 1 if report.refused else 0
