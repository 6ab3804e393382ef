"""Chinese product and maker names (issue 15): 通义千问, 文心一言, 智谱清言,
百川, 商汤, 零一万物 and 月之暗面/Kimi resolve on the real fixture boards as their
English names do. Resolution does not depend on the reader's locale, so a zh-CN
and an en-US user get the same answer. Each case must pass on its own."""

from __future__ import annotations

from functools import cache

import pytest

from data.domain.names import default_aliases, identify
from data.domain.resolve import NameIndex
from data.domain.types import SourceFile
from data.sources import get_source
from tests.identity.corpus import (
    ABSENT,
    AMBIGUOUS,
    FIXTURES,
    LabelledQuery,
    fixture_index,
    name_records,
)

# (what a user types, board, the board's spelling of the answer / AMBIGUOUS / ABSENT)
CASES = [
    # 通义千问 (Tongyi Qianwen) is Alibaba's product name for Qwen: a version SuperCLUE's
    # 通义千问 rows do not have is that Qwen version.
    ("通义千问2.5", "lmarena", "Qwen2.5-72B-Instruct"),
    ("通义千问 2.5", "lmarena", "Qwen2.5-72B-Instruct"),
    ("通义千问2.5 Max", "lmarena", "Qwen2.5-Max"),
    ("通义千问2.5-Max", "lmarena", "Qwen2.5-Max"),
    ("通义千问3", "lmarena", "Qwen3-235B-A22B-Instruct-2507"),
    ("通义千问 Max", "lmarena", "Qwen-Max-0919"),
    ("通义千问2.5", "superclue", ABSENT),
    ("通义千问2.0", "superclue", "通义千问2.0"),
    ("通义千问", "superclue", "通义千问2.0"),
    ("千问3", "lmarena", "Qwen3-235B-A22B-Instruct-2507"),
    # 文心一言 (ERNIE Bot) with and without versions.
    ("文心一言", "superclue", "文心一言4.0(API)"),
    ("文心一言4.0", "superclue", "文心一言4.0(API)"),
    ("文心一言 4", "superclue", "文心一言4.0(API)"),
    ("文心一言5", "lmarena_style", "ernie-5.0-preview-1103"),
    ("文心一言5.0", "lmarena_style", "ernie-5.0-preview-1103"),
    # 智谱清言 (Zhipu's chat product) and the maker 智谱.
    ("智谱清言", "superclue", "智谱清言"),
    ("智谱", "lmarena", AMBIGUOUS),
    ("智谱GLM-4.5", "lmarena", "GLM-4.5"),
    # 百川 (Baichuan), product and maker.
    ("百川", "superclue", "Baichuan2-13B-Chat"),
    ("百川2", "superclue", "Baichuan2-13B-Chat"),
    ("百川智能", "superclue", "Baichuan2-13B-Chat"),
    ("百川", "alpacaeval", "Baichuan-13B-Chat"),
    # 零一万物 (01.AI): its Yi models.
    ("零一万物", "superclue", "Yi-34B-Chat"),
    ("零一万物", "lmarena", AMBIGUOUS),
    ("零一万物 Yi-Large", "lmarena", "Yi-Large"),
    # 月之暗面 (Moonshot AI) is Kimi's maker: on a board it means Kimi, as "kimi" does.
    ("月之暗面", "superclue", "Moonshot(KimiChat)"),
    ("月之暗面", "lmarena", "kimi-k2-0711-preview"),
    ("moonshot", "lmarena", "kimi-k2-0711-preview"),
    ("kimi", "lmarena", "kimi-k2-0711-preview"),
    ("月之暗面 Kimi K2", "lmarena", "kimi-k2-0711-preview"),
]


@pytest.mark.parametrize(("query", "board", "expected"), CASES, ids=lambda v: str(v))
def test_chinese_names_resolve(query: str, board: str, expected: str) -> None:
    resolution = fixture_index().resolve(query, board)
    labelled = LabelledQuery(query, board, expected, trap=True)
    assert labelled.is_answered_by(resolution), (resolution.status, resolution.matches[:3])


@cache
def _superclue_october() -> NameIndex:
    """SuperCLUE's October 2023 round, which ranks SenseTime's SenseChat 3.0 (商汤科技)."""
    name = "superclue_2023-10.md"
    file = SourceFile(name, (FIXTURES / "superclue" / name).read_bytes())
    boards = {board.board.board_id: board for board in get_source("superclue").parse([file]).boards}
    aliases = default_aliases()
    return NameIndex(list(name_records(boards, aliases)), aliases)


@pytest.mark.parametrize(
    "query", ["商汤", "商汤科技", "SenseTime", "商量", "商量3.0", "SenseChat 3.0", "sensechat"]
)
def test_sensetime_names_resolve(query: str) -> None:
    """商汤 (SenseTime) and its chat product 商量 (SenseChat) name SenseChat 3.0."""
    resolution = _superclue_october().resolve(query, "superclue")
    assert resolution.status == "match", (resolution.status, resolution.matches[:3])
    assert resolution.matches[0].record.name == "SenseChat 3.0"


@pytest.mark.parametrize(
    ("built", "plain"),
    [("通义千问2.0(v1030)", "通义千问2.0"), ("Yi-34B-Chat (v1120)", "Yi-34B-Chat")],
)
def test_a_parenthesised_build_stamp_is_the_same_model(built: str, plain: str) -> None:
    """SuperCLUE's November "通义千问2.0(v1030)" is its December "通义千问2.0"; a meaningful
    parenthesised part (API or web) still makes another row."""
    aliases = default_aliases()
    assert identify(built, "", aliases).slug == identify(plain, "", aliases).slug
    assert identify("GPT4(API)", "", aliases) != identify("GPT4(网页)", "", aliases)
