"""Pure: query results -> rich renderables for the offline console and ``podium ask``."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from commands import wording
from commands.resolution import choice_text, not_found_text
from commands.runners import About
from data.domain.costs import cost_per_question
from data.domain.types import (
    BoardSummary,
    CompareCell,
    Comparison,
    History,
    ModelChoice,
    RankResult,
    SearchResult,
    TopPage,
)


def rank_view(result: RankResult) -> RenderableType:
    """``/rank`` as a table, one line per board, sourced and dated."""
    if result.status != "match":
        return Text(not_found_text(result, wording.plain), style="yellow")
    table = Table(title=result.model, title_style="bold", show_lines=False)
    for column, justify in (
        ("Board", "left"),
        ("Rank", "right"),
        ("Score", "right"),
        ("CI", "right"),
        ("Votes", "right"),
        ("Δ", "right"),
        ("As of", "left"),
        ("Name on board", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for standing in result.standings:
        row = standing.row
        table.add_row(
            f"{wording.medal(row.rank)} {standing.board.title}".strip(),
            f"{wording.rank_text(row, standing.tied_with)} / {standing.board_size}",
            " · ".join(
                part
                for part in (wording.number(row.score), wording.cost(cost_per_question(row)))
                if part
            ),
            wording.interval(row),
            f"{row.votes:,}" if row.votes is not None else "",
            wording.movement(standing),
            wording.dated(standing.as_of, standing.date_kind, standing.state),
            f"best submission: {row.name}" if wording.is_submission(row) else row.name,
        )
    parts: list[RenderableType] = [table]
    if result.board_filter and result.standings:
        standing = result.standings[0]
        lines = [
            f"↑ {wording.rank_text_short(n.rank)} {n.name} · {wording.number(n.score)}"
            for n in standing.above
        ]
        lines.append(f"→ {wording.rank_text_short(standing.row.rank)} {standing.row.name}")
        lines += [
            f"↓ {wording.rank_text_short(n.rank)} {n.name} · {wording.number(n.score)}"
            for n in standing.below
        ]
        parts.append(Panel("\n".join(lines), title="Neighbours", expand=False))
        if standing.row.models:
            parts.append(Text(f"{standing.row.name}: {wording.ran_with(standing.row)}"))
        parts.append(Text(wording.rank_explanation(standing), style="dim"))
    return Group(*parts)


def boards_view(summaries: list[BoardSummary]) -> RenderableType:
    """``/boards`` as a table."""
    table = Table(title="Boards")
    for column in ("Board", "Title", "State", "As of", "Rows", "New data", "Last check", "Source"):
        table.add_column(column)
    for summary in summaries:
        table.add_row(
            summary.board.board_id,
            summary.board.title,
            summary.state,
            wording.day(summary.as_of, summary.date_kind) if summary.as_of else "–",
            str(summary.rows),
            f"{summary.last_new_data:%Y-%m-%d}" if summary.last_new_data else "–",
            f"{summary.last_status or '–'}"
            + (f" {summary.last_checked:%Y-%m-%d %H:%M}" if summary.last_checked else ""),
            summary.attribution,
        )
    return table


def _choices_text(choices: tuple[ModelChoice, ...]) -> RenderableType:
    """The first unresolved query of a multi-model command, with its candidates."""
    choice = next(c for c in choices if c.status != "match")
    text = choice_text(choice, wording.plain)
    return Text(text, style="yellow")


def compare_view(result: Comparison) -> RenderableType:
    """``/compare`` as one table per board: a column per model, ``*`` on the best figure."""
    if result.status != "match":
        return _choices_text(result.choices)
    parts: list[RenderableType] = []
    for compared in result.boards:
        table = Table(title=f"{compared.board.title} · {compared.as_of.isoformat()}")
        table.add_column("")
        for model in result.models:
            table.add_column(model, justify="right")
        for line in (compared.overall, *compared.details):
            table.add_row(line.label, *(_cell(cell) for cell in line.cells))
        parts.append(table)
        leader = compared.leader
        for i, odds in enumerate(compared.leader_odds):
            if odds is not None and leader is not None:
                parts.append(
                    Text(
                        f"{result.models[leader]} would beat {result.models[i]} in "
                        f"{wording.percent(odds)} of battles (expected from the score gap)",
                        style="dim",
                    )
                )
    return Group(*parts)


def _cell(cell: CompareCell | None) -> str:
    if cell is None:
        return "–"
    rank = f"{wording.cell_rank(cell.rank, cell.rank_note)} " if cell.name else ""
    spent = (
        f" ({wording.cost(cell.cost_per_question)})" if cell.cost_per_question is not None else ""
    )
    return f"{rank}{wording.number(cell.value)}{spent}" + (" *" if cell.best else "")


def top_view(page: TopPage) -> RenderableType:
    """``/top`` as a table in board order."""
    board = page.board
    when = wording.dated(page.as_of, page.date_kind, page.state, "snapshot")
    title = f"{board.title} · {when} · page {page.page}/{page.pages}"
    table = Table(title=title)
    table.add_column("#", justify="right")
    table.add_column(board.score_label, justify="right")
    table.add_column("Model")
    for row in page.rows:
        table.add_row(
            f"{wording.medal(row.rank)} {wording.cell_rank(row.rank, row.rank_note)}".strip(),
            wording.number(row.score),
            row.name,
        )
    parts: list[RenderableType] = [table]
    if page.filters.active:
        parts.append(
            Text(
                f"Filters: {wording.filters_text(page.filters)} · "
                f"{page.matching} of {page.board_size} models match"
                + (f" · {wording.facts_note(page.facts_as_of)}" if page.facts_as_of else ""),
                style="dim",
            )
        )
    return Group(*parts)


def history_view(history: History) -> RenderableType:
    """``/history`` as one table per model (the chart is saved next to it by the console)."""
    if history.status != "match" or history.board is None:
        return _choices_text(history.choices)
    parts: list[RenderableType] = []
    for series in history.series:
        table = Table(title=f"{series.model} on {history.board.title}")
        for column, justify in (("As of", "left"), ("Rank", "right"), ("Score", "right")):
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        for point in series.points:
            table.add_row(
                point.as_of.isoformat(),
                f"{wording.cell_rank(point.rank, point.rank_note)} / {point.board_size}",
                wording.number(point.score),
            )
        parts.append(table)
    if history.board_chosen:
        parts.append(Text("Board picked: the longest shared history (board: to choose)."))
    return Group(*parts)


def search_view(result: SearchResult) -> RenderableType:
    """``/search`` as a table of the rows the resolver found."""
    table = Table(title=f"Search: {result.query} ({result.status})")
    for column in ("Board", "Name on board", "Model", "Score"):
        table.add_column(column)
    for match in result.matches:
        table.add_row(match.board_id, match.name, match.model, f"{match.score:.0f}")
    return table


def about_view(about: About) -> RenderableType:
    """``/about`` as a table of sources."""
    info = about.info
    table = Table(title=f"Podium {about.version} · {info.boards} boards · {info.models} models")
    for column in ("Source", "Boards", "Newest snapshot", "Last check", "Last success"):
        table.add_column(column)
    for source in info.sources:
        table.add_row(
            source.title,
            str(source.boards),
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
