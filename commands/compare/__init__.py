"""``/compare model1 model2 [model3] [model4] [board] [as_of]``: models side by side.

The command apart from Discord; ``commands.compare.cog`` holds its cog and embed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from commands import Services, wording
from commands.i18n import t
from commands.parsing import BadOption, split_models
from commands.payloads import choice_json
from commands.spec import Command, Options, UsageError
from commands.terminal import choices_view
from data.domain.types import BoardComparison, CompareCell, CompareLine, Comparison

#: The options of ``/compare`` that name models, in order.
MODELS = ("model1", "model2", "model3", "model4")


@dataclass(frozen=True, slots=True)
class CompareOptions(Options):
    """``/compare``'s options. ``model2`` is required, but the console may leave it out and
    type the models in ``model1`` with spaces only (``/compare gpt-4o claude``): ``compare``
    then cuts that where every part names a model."""

    also_required = ("model2",)

    model1: str
    model2: str | None = None
    model3: str | None = None
    model4: str | None = None
    board: str | None = None
    as_of: date | None = None

    def models(self) -> list[str]:
        """The models asked for, in order."""
        return [name for name in (self.model1, self.model2, self.model3, self.model4) if name]

    def normalized(self) -> CompareOptions:
        """Any list (``gpt-4o, claude``) spread over the following model options, so that
        each holds one name."""
        names = [name for model in self.models() for name in split_models(model)]
        if len(names) > len(MODELS):
            raise BadOption("models", "expect.at_most_models", count=len(MODELS))
        rest: list[str | None] = [*names[1:], None, None, None]
        first = names[0] if names else ""
        return CompareOptions(first, rest[0], rest[1], rest[2], self.board, self.as_of)

    def missing(self) -> tuple[str, ...]:
        """Nothing when the models are typed with spaces only, to be cut at run time."""
        missing = Options.missing(self)  # slots dataclasses cannot use super() here
        if missing == ("model2",) and len(self.model1.split()) > 1:
            return ()
        return missing


async def compare(services: Services, options: CompareOptions) -> Comparison:
    """The models side by side; ``UsageError`` when one unseparated list cannot be cut."""
    models = options.models()
    if len(models) == 1:
        names = await services.leaderboards.split_models(models[0])
        if names is None:
            raise UsageError(t("usage.compare_separators"))
        models = names
    return await services.leaderboards.compare(models, options.board, options.as_of)


def compare_view(result: Comparison) -> RenderableType:
    """``/compare`` as one table per board: a column per model, ``*`` on the best figure."""
    if result.status != "match":
        return choices_view(result.choices)
    parts: list[RenderableType] = []
    for compared in result.boards:
        table = Table(title=f"{wording.board_title(compared.board)} · {compared_date(compared)}")
        table.add_column("")
        for model in result.models:
            table.add_column(model, justify="right")
        for line in (compared.overall, *compared.details):
            table.add_row(line.label, *(_cell_text(cell, result.models) for cell in line.cells))
        if compared.versions:
            table.add_row(
                "", *(t("rank.version", version=v) if v else "" for v in compared.versions)
            )
        parts.append(table)
        leader = compared.leader
        for i, odds in enumerate(compared.leader_odds):
            if odds is not None and leader is not None:
                parts.append(
                    Text(
                        t(
                            "compare.odds",
                            leader=result.models[leader],
                            other=result.models[i],
                            share=wording.percent(odds),
                        ),
                        style="dim",
                    )
                )
    notice = wording.not_live([compared.state for compared in result.boards])
    if notice:
        parts.append(Text(notice, style="yellow"))
    return Group(*parts)


def compared_date(compared: BoardComparison) -> str:
    """The board's snapshot date, flagged when the board is stale, failing or retired."""
    return wording.dated(compared.as_of, state=compared.state)


def _cell_text(cell: CompareCell | None, models: tuple[str, ...]) -> str:
    if cell is None:
        return "–"
    rank = f"{wording.cell_rank(cell.rank, cell.rank_note)} " if cell.name else ""
    spent = (
        f" ({wording.cost(cell.cost_per_question)})" if cell.cost_per_question is not None else ""
    )
    text = f"{rank}{wording.number(cell.value)}{spent}"
    if cell.submission_models:
        text += f" {cell.name}{wording.submission_models(cell.submission_models)}"
    if cell.same_as is not None:  # one result, not two: its mark stays on the first cell
        return text + " " + t("compare.same_submission", letter=models[cell.same_as])
    return text + (" *" if cell.best else "")


def _cell_json(cell: CompareCell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {
        "value": cell.value,
        "rank": cell.rank,
        "rank_note": cell.rank_note,
        "name": cell.name or None,
        "best": cell.best,
        "cost_per_question": cell.cost_per_question,
        "submission_models": cell.submission_models,
        "same_as": cell.same_as,
    }


def _line(line: CompareLine, kind: str) -> dict[str, Any]:
    return {
        "label": line.label,
        "kind": kind,
        "board": line.board_id,
        "board_size": line.board_size,
        "cells": [_cell_json(cell) for cell in line.cells],
    }


def _compared(compared: BoardComparison, models: tuple[str, ...]) -> dict[str, Any]:
    leader = compared.leader
    return {
        "board": compared.board.board_id,
        "source": compared.board.source_id,
        "board_title": compared.board.title,
        "score_label": compared.board.score_label,
        "as_of": compared.as_of.isoformat(),
        "state": compared.state,
        # Per model: the version of its line shown here when it is not the model itself.
        "versions": list(compared.versions) or [None] * len(models),
        "lines": [
            _line(compared.overall, "board"),
            *(_line(d, "category" if d.board_id else "metric") for d in compared.details),
        ],
        "expected_win_rate": [
            {"winner": models[leader], "loser": models[i], "probability": odds}
            for i, odds in enumerate(compared.leader_odds)
            if odds is not None and leader is not None
        ],
    }


def compare_payload(result: Comparison) -> dict[str, Any]:
    """``/compare``: per board, one line per board/category/metric, one cell per model."""
    return {
        "command": "compare",
        "status": result.status,
        "models": list(result.models),
        "choices": [choice_json(c) for c in result.choices],
        "board_filter": result.board_filter,
        "as_of": result.as_of.isoformat() if result.as_of else None,
        "boards": [_compared(c, result.models) for c in result.boards],
    }


COMPARE = Command("compare", CompareOptions, compare, compare_payload, compare_view)
