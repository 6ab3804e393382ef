"""Boards have Chinese titles (issue 15): set by each adapter beside the English one, shown by
``BoardInfo.title_for`` to zh-CN readers, and read back by ``find_board``."""

from __future__ import annotations

import pytest

from data.bundle import BUNDLED, read_bundled
from data.domain.board_lookup import find_board
from data.domain.types import BoardInfo
from data.sources import alpacaeval, arena_hard, get_source, livebench, lmarena, open_llm, swebench
from data.sources.lmarena_dataset import category_board, subset_board
from data.sources.superclue.boards import DIMENSIONS, OPEN_SOURCE_BOARD, OVERALL_BOARD

TEXT = subset_board("text")
TEXT_STYLE = subset_board("text_style_control")
BOARDS = {
    info.board_id: info
    for info in (
        TEXT,
        TEXT_STYLE,
        category_board(TEXT, "coding"),
        category_board(TEXT_STYLE, "coding"),
        subset_board("vision"),
        lmarena.MTBENCH_BOARD,
        arena_hard.MAIN_BOARD,
        arena_hard.STYLE_BOARD,
        alpacaeval.V2_BOARD,
        alpacaeval.V1_BOARD,
        open_llm.V2_BOARD,
        livebench.MAIN_BOARD,
        swebench.MAIN_BOARD,
        OVERALL_BOARD,
        OPEN_SOURCE_BOARD,
        *(dimension.board for dimension in DIMENSIONS),
    )
}


def test_superclue_boards_carry_superclues_own_chinese_names() -> None:
    assert OVERALL_BOARD.title_zh == "SuperCLUE中文大模型测评基准：总排行榜"
    assert OPEN_SOURCE_BOARD.title_zh == "SuperCLUE开源模型排行榜"
    assert {d.board.title_zh for d in DIMENSIONS} >= {"SuperCLUE 计算", "SuperCLUE 代码"}


def test_title_for_picks_the_readers_language() -> None:
    assert TEXT.title_for("zh-CN") == "LMArena 文本竞技场"
    assert TEXT.title_for("en-US") == "LMArena Text"
    assert TEXT_STYLE.title_for("zh-CN") == "LMArena 文本竞技场（风格控制）"
    assert category_board(TEXT, "coding").title_for("zh-CN") == "LMArena 文本竞技场：编程"
    untranslated = BoardInfo("x", "x", "Some Board", "", "score", "")
    assert untranslated.title_for("zh-CN") == "Some Board"


def test_every_bundled_board_has_a_chinese_title() -> None:
    """Every board the bundled snapshots yield (main, style and category boards of every
    source) has a Chinese title."""
    seen: dict[str, BoardInfo] = {}
    for snapshot in BUNDLED:
        parsed = get_source(snapshot.source_id).parse(read_bundled(snapshot))
        seen.update({board.board.board_id: board.board for board in parsed.boards})
    assert len({info.source_id for info in seen.values()}) >= 6
    assert [board_id for board_id, info in seen.items() if not info.title_zh] == []


@pytest.mark.parametrize(
    ("text", "board_id"),
    [
        ("SuperCLUE中文大模型测评基准", "superclue"),  # SuperCLUE's own name: its main board
        ("SuperCLUE中文大模型测评基准：总排行榜", "superclue"),
        ("superclue中文大模型测评基准 总排行榜", "superclue"),
        ("SuperCLUE开源模型排行榜", "superclue_open_source"),
        ("SuperCLUE 计算", "superclue_calc"),
        ("LMArena 文本竞技场", "lmarena"),
        ("LMArena 文本竞技场（风格控制）", "lmarena_style"),
        ("lmarena 文本竞技场 编程", "lmarena_coding"),
        ("竞技场", "lmarena"),
        ("LMArena 视觉竞技场", "lmarena_vision"),
        ("MT-Bench 多轮对话评测", "mtbench"),
        ("LiveBench 实时基准测评", "livebench"),
        ("AlpacaEval 1.0 指令遵循自动评测", "alpacaeval_v1"),
    ],
)
def test_find_board_reads_chinese_titles(text: str, board_id: str) -> None:
    found = find_board(BOARDS, text)
    assert found is not None and found.board_id == board_id
