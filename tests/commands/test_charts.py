"""``/history`` charts: drawn in worker threads, so without warnings and without touching the
process's warning filters, whatever script or symbols the names use."""

from __future__ import annotations

import warnings
from datetime import date
from typing import Any

import pytest

from commands.charts import CJK_FONT, MISSING, PNG_SIGNATURE, history_chart, history_figure
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


CHINESE_NAMES = ("通义千问2.5-72B", "文心一言4.0", "智谱清言", "百川智能", "零一万物 Yi-Large")


def test_chinese_names_draw_in_the_shipped_font_without_missing_glyphs() -> None:
    """Chinese model names draw in the bundled CJK font: no "Glyph ... missing from font(s)"
    warning (an error here), and the names are drawn, not replaced by ``MISSING`` boxes."""
    history = _history(*CHINESE_NAMES)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        drawn = history_chart(history)
        boxed = history_chart(_history(*(_boxed(name) for name in CHINESE_NAMES)))
    assert drawn is not None and drawn.startswith(PNG_SIGNATURE)
    assert drawn != boxed


def _boxed(name: str) -> str:
    """``name`` with its Chinese characters drawn as ``MISSING``, as a font without them would."""
    return "".join(MISSING if "\u4e00" <= ch <= "\u9fff" else ch for ch in name)


def test_the_shipped_font_covers_all_shipped_chinese_text() -> None:
    """Every character the subset is made of (GB2312 level 1 and the CJK text of the bundled
    data, aliases, sources and catalogues) is in the shipped font: after adding Chinese text,
    run ``tools/subset_cjk_font.py`` again."""
    from fontTools.ttLib import TTFont

    from tools.subset_cjk_font import wanted_characters

    mapped = set(TTFont(CJK_FONT)["cmap"].getBestCmap())
    missing = sorted(ch for ch in wanted_characters() if ord(ch) not in mapped)
    assert missing == []
    assert "通" in wanted_characters() and "智" in wanted_characters()


def test_a_chinese_chart_draws_its_own_words_without_missing_glyphs() -> None:
    """In zh-CN the title, axis and source line are Chinese, drawn in the shipped font (no
    missing-glyph warning) and different from the English chart."""
    history = _history(*CHINESE_NAMES)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chinese = history_chart(history, locale="zh-CN")
    english = history_chart(history, locale="en-US")
    assert chinese is not None and chinese.startswith(PNG_SIGNATURE)
    assert chinese != english


def _one_model(*points: HistoryPoint) -> History:
    return History((), SUPERCLUE, (HistorySeries("m", points),))


def test_a_constant_rank_gets_whole_rank_ticks() -> None:
    """A model #1 on every snapshot: ticks at whole ranks around it, not 0.945 … 1.050."""
    points = (
        HistoryPoint(date(2023, 11, 30), 1, 80.5, 40, "n"),
        HistoryPoint(date(2023, 12, 28), 1, 81.25, 42, "n"),
    )
    rank_axes, _ = history_figure(_one_model(*points), SUPERCLUE).axes
    low, high = sorted(rank_axes.get_ylim())
    ticks = [tick for tick in rank_axes.get_yticks() if low <= tick <= high]
    assert ticks and all(tick == int(tick) for tick in ticks)
    assert 1 in ticks and high - low >= 1


def test_a_single_snapshot_gets_a_narrow_date_window() -> None:
    """One date: the x-axis spans weeks around it, not years."""
    point = HistoryPoint(date(2024, 7, 7), 3, 80.5, 40, "n")
    _, score_axes = history_figure(_one_model(point), SUPERCLUE).axes
    low, high = score_axes.get_xlim()
    assert 0 < high - low <= 31  # matplotlib date units are days
