"""``/history models [board]``: rank and score over every stored snapshot, and a chart.

The command apart from Discord; ``commands.history.cog`` holds its cog and embed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from commands import Services, wording
from commands.charts import history_chart
from commands.i18n import t
from commands.parsing import BadOption, split_models
from commands.payloads import choice_json
from commands.spec import Command, Options
from commands.terminal import choices_view
from data.domain.types import History

#: Most models ``/history`` takes.
MAX_MODELS = 4


@dataclass(frozen=True, slots=True)
class HistoryOptions(Options):
    """``/history``'s options: one model or a comma-separated list, and a board."""

    models: str
    board: str | None = None

    def model_names(self) -> list[str]:
        """The models asked for (one name or a list)."""
        names = split_models(self.models)
        if not 1 <= len(names) <= MAX_MODELS:
            raise BadOption("models", "expect.model_list", count=MAX_MODELS)
        return names


async def history(services: Services, options: HistoryOptions) -> History:
    """Every stored snapshot of the board for the models."""
    return await services.leaderboards.history(options.model_names(), options.board)


def history_view(history: History) -> RenderableType:
    """``/history`` as one table per model (the chart is saved next to it by the console)."""
    if history.status != "match" or history.board is None:
        return choices_view(history.choices)
    parts: list[RenderableType] = []
    for series in history.series:
        title = t("history.title", models=series.model, board=wording.board_title(history.board))
        table = Table(title=title)
        for column, justify in (
            (t("column.as_of"), "left"),
            (t("column.rank"), "right"),
            (t("column.score"), "right"),
        ):
            table.add_column(column, justify=justify)  # type: ignore[arg-type]
        for point in series.points:
            table.add_row(
                point.as_of.isoformat(),
                f"{wording.cell_rank(point.rank, point.rank_note)} / {point.board_size}",
                wording.number(point.score),
            )
        parts.append(table)
    parts.extend(Text(line) for line in wording.other_editions(history.series))
    if history.board_chosen:
        parts.append(Text(t("history.chosen_plain")))
    return Group(*parts)


def history_payload(history: History) -> dict[str, Any]:
    """``/history``: each model's points on the board (``chart`` is added by the console)."""
    board = history.board
    return {
        "command": "history",
        "status": history.status,
        "choices": [choice_json(c) for c in history.choices],
        "board": board.board_id if board else None,
        "board_title": board.title if board else None,
        "score_label": board.score_label if board else None,
        "board_chosen": history.board_chosen,
        "series": [
            {
                "model": series.model,
                "other_edition_points": series.other_edition_points,
                "points": [
                    {
                        "as_of": point.as_of.isoformat(),
                        "rank": point.rank,
                        "rank_note": point.rank_note,
                        "score": point.score,
                        "board_size": point.board_size,
                        "name": point.name,
                    }
                    for point in series.points
                ],
            }
            for series in history.series
        ],
    }


HISTORY = Command("history", HistoryOptions, history, history_payload, history_view, history_chart)
