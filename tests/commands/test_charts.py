"""``/history`` charts: drawn in worker threads, so without warnings and without touching the
process's warning filters, whatever script or symbols the names use."""

from __future__ import annotations

import warnings
from datetime import date
from typing import Any

import pytest

from commands.charts import PNG_SIGNATURE, history_chart
from data.domain.types import BoardInfo, History, HistoryPoint, HistorySeries

SUPERCLUE = BoardInfo("superclue", "superclue", "SuperCLUE 总排行榜", "", "总分", "https://x.org")


def _history(*names: str) -> History:
    points = (
        HistoryPoint(date(2023, 11, 30), 2, 80.5, 40, "n"),
        HistoryPoint(date(2023, 12, 28), 1, 81.25, 42, "n"),
    )
    return History((), SUPERCLUE, tuple(HistorySeries(name, points) for name in names))


def test_names_the_font_lacks_draw_without_warnings_or_warning_filters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Chinese names and ``$`` (matplotlib's maths marker) draw; no warning is raised, and
    ``warnings.catch_warnings`` (process-wide state, unsafe in threads) is never entered."""
    history = _history("文心一言4.0", "GPT-4 $8k$ a$b")
    history_chart(history)  # matplotlib imports (which use catch_warnings themselves) done
    entered: list[object] = []

    class Recorded(warnings.catch_warnings):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            entered.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(warnings, "catch_warnings", Recorded)
    warnings.simplefilter("error")  # pytest restores the filters after the test
    png = history_chart(history)
    assert png is not None and png.startswith(PNG_SIGNATURE)
    assert entered == []
