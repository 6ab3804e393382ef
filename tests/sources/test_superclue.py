"""SuperCLUE: the 2023 README boards, the XLSX format, and the newest-round discovery."""

from __future__ import annotations

import io
from datetime import date
from urllib.parse import quote

import openpyxl
import pytest

from data.domain.errors import SourceFormatError, SourceUnavailable
from data.domain.types import SourceFile
from data.sources.base import MAX_PROBES, Validators
from data.sources.superclue import SuperCLUESource
from data.sources.superclue.entries import HUMAN_NOTE, REFERENCE_NOTE
from tests.sources.helpers import FakeFetcher, board, parse, ranks, row

TEN_DIMENSIONS = {
    "superclue_calc",
    "superclue_logic",
    "superclue_code",
    "superclue_knowledge",
    "superclue_language",
    "superclue_writing",
    "superclue_dialogue",
    "superclue_roleplay",
    "superclue_tools",
    "superclue_safety",
}


def superclue(month: str) -> str:
    return f"superclue/superclue_2023-{month}.md"


# --- 2023 README markdown ---------------------------------------------------------------------


def test_december_2023_overall_board() -> None:
    snapshot = parse("superclue", superclue("12"))
    overall = snapshot.boards[0]
    assert overall.board.board_id == "superclue"
    assert snapshot.as_of == date(2023, 12, 28)  # 【2023-12-28】 发布SuperCLUE-2023年12月榜单
    assert len(overall.rows) == 26
    # "-" rows are scored but not ranked; the medals (🏅️ with U+FE0F) are ranks 1-3.
    gpt4_turbo = overall.rows[0]
    assert (gpt4_turbo.name, gpt4_turbo.score, gpt4_turbo.rank) == ("GPT4-Turbo", 90.63, None)
    assert gpt4_turbo.rank_note == REFERENCE_NOTE
    medals = [(r.name, r.rank) for r in overall.rows if r.rank in (1, 2, 3)]
    assert medals == [("文心一言4.0(API)", 1), ("通义千问2.0", 2), ("AndesGPT", 3)]
    qwen = row(overall, "Qwen-72B-Chat")
    assert (qwen.rank, qwen.score, qwen.organization) == (6, 69.69, "阿里巴巴")
    assert qwen.metrics == {"open": 62.31, "opt": 86.9, "access": "API"}
    # Published tie at 9.
    assert row(overall, "PCI-TransGPT").rank == row(overall, "360GPT_Pro").rank == 9
    assert row(overall, "云雀大模型(豆包)").rank == 11
    assert sum(r.rank is None for r in overall.rows) == 8


def test_december_2023_open_opt_and_open_source_boards() -> None:
    snapshot = parse("superclue", superclue("12"))
    open_board = board(snapshot, "superclue_open")
    assert row(open_board, "文心一言4.0(API)").score == 75.0
    assert row(open_board, "文心一言4.0(API)").metrics["tools"] == 80.92
    opt = board(snapshot, "superclue_opt")
    assert row(opt, "序列猴子").rank == 3
    assert row(opt, "GPT4(网页)").rank is None
    open_source = board(snapshot, "superclue_open_source")
    assert [r.name for r in open_source.rows[:2]] == ["Qwen-72B-Chat", "Yi-34B-Chat"]
    assert ranks(open_source) == [1, 2, 3, 4, 5, 6, 7, None]


def test_december_2023_ten_dimension_boards() -> None:
    snapshot = parse("superclue", superclue("12"))
    ids = {b.board.board_id for b in snapshot.boards}
    assert ids >= TEN_DIMENSIONS
    code = board(snapshot, "superclue_code")
    assert code.board.category == "代码"
    assert "代码" in code.board.title
    assert len(code.rows) == 26
    # Reference models are unranked here too (the overall board marks them "-").
    gpt4_turbo = row(code, "GPT4-Turbo")
    assert (gpt4_turbo.score, gpt4_turbo.rank) == (96.18, None)
    # Best code scores among the ranked models, read off the table.
    ranked = [(r.name, r.score, r.rank) for r in code.rows if r.rank is not None][:3]
    assert ranked == [
        ("通义千问2.0", 76.81, 1),
        ("文心一言4.0(API)", 73.19, 2),
        ("AndesGPT", 71.55, 3),
    ]
    # Every dimension score stays in the metrics, and the organisation comes from the overall board.
    qwen = row(code, "Qwen-72B-Chat")
    assert qwen.metrics["calc"] == 68.56
    assert qwen.metrics["knowledge"] == 95.89
    assert qwen.organization == "阿里巴巴"


def test_june_2023_human_row_and_medals_without_variation_selector() -> None:
    overall = parse("superclue", superclue("06")).boards[0]
    human = overall.rows[0]
    assert (human.name, human.rank, human.rank_note, human.score) == (
        "人类",
        None,
        HUMAN_NOTE,
        93.09,
    )
    assert [(r.name, r.rank) for r in overall.rows[1:4]] == [
        ("GPT-4", 1),
        ("gpt-3.5-turbo", 2),
        ("360智脑(4.0)", 3),
    ]
    assert len(overall.rows) == 18


def test_may_2023_has_no_rank_column_so_ranks_follow_the_total() -> None:
    snapshot = parse("superclue", superclue("05"))
    overall = snapshot.boards[0]
    assert snapshot.as_of == date(2023, 5, 1)  # no announcement date in the file
    assert len(overall.rows) == 15
    assert (overall.rows[0].name, overall.rows[0].rank_note) == ("人类", HUMAN_NOTE)
    gpt4 = overall.rows[1]
    assert (gpt4.name, gpt4.score, gpt4.rank, gpt4.organization) == ("GPT-4", 76.67, 1, "OpenAI")
    assert ranks(overall)[1:5] == [1, 2, 3, 4]
    assert overall.rows[-1].name == "RWKV-Raven-7B"  # from <a href='…'>RWKV-Raven-7B</a>


def test_july_2023_reference_rows_licence_and_announcement_date() -> None:
    snapshot = parse("superclue", superclue("07"))
    assert snapshot.as_of == date(2023, 7, 25)  # [23/07/25] 2023年7月…排行榜发布
    overall = snapshot.boards[0]
    assert row(overall, "Claude-2").rank_note == REFERENCE_NOTE
    chatglm = row(overall, "ChatGLM-130B")
    assert (chatglm.rank, chatglm.license) == (2, "专有服务")
    assert row(overall, "internlm-chat-7b").license == "开源-可商用"
    assert len(board(snapshot, "superclue_open_source").rows) == 11


def test_august_2023_markdown_links_and_percentages() -> None:
    snapshot = parse("superclue", superclue("08"))
    overall = snapshot.boards[0]
    assert [r.name for r in overall.rows[:3]] == ["GPT-4", "Claude-2", "gpt-3.5-turbo"]
    assert row(overall, "Mengzi").rank == 4  # "[Mengzi↗](https://…)"
    open_board = board(snapshot, "superclue_open")
    assert row(open_board, "GPT-4").metrics == {"win_rate": 50.19, "loss_rate": 13.96}


def test_october_2023_bold_values_and_tab_separated_cells() -> None:
    snapshot = parse("superclue", superclue("10"))
    overall = snapshot.boards[0]
    assert row(overall, "BlueLM").metrics["open"] == 66.78  # **66.78**
    tongyi = row(overall, "通义千问2.0")  # "| 🥉\t| 通义千问2.0| \t阿里巴巴| \t69.57|…"
    assert (tongyi.rank, tongyi.organization, tongyi.score) == (3, "阿里巴巴", 69.57)
    assert snapshot.as_of == date(2023, 10, 25)


def test_september_2023_agent_dimension_and_announcement_without_year() -> None:
    snapshot = parse("superclue", superclue("09"))
    assert snapshot.as_of == date(2023, 9, 26)  # 【9月26日】，SuperCLUE发布中文大模型9月榜单
    agent = board(snapshot, "superclue_agent")
    assert row(agent, "SenseChat 3.0").score == 69.7
    assert row(agent, "GPT4").rank is None


@pytest.mark.parametrize(
    ("month", "rows"),
    [("05", 15), ("06", 18), ("07", 21), ("08", 16), ("09", 20), ("10", 21), ("11", 21)],
)
def test_overall_row_counts_match_sources_md(month: str, rows: int) -> None:
    assert len(parse("superclue", superclue(month)).boards[0].rows) == rows


def test_markdown_without_a_leaderboard_table_is_refused() -> None:
    page = SourceFile("README.md", b"# SuperCLUE\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    with pytest.raises(SourceFormatError, match="no SuperCLUE leaderboard table") as caught:
        SuperCLUESource().parse([page])
    assert caught.value.where == "README.md"


# --- XLSX (2024+) -----------------------------------------------------------------------------

XLSX_HEADER = [
    "排名",
    "模型名称",
    "机构",
    "开/闭源",
    "总分",
    "数学推理",
    "幻觉控制",
    "科学推理",
    "精确指令遵循",
    "智能体编程",
    "智能体任务规划",
    "新维度",
    "属地",
    "使用方式",
    "是否推理",
    "发布日期",
]
XLSX_ROWS = [
    [1, "GPT-5.2(high)", "OpenAI", "闭源", 80.5, 90.1, 70.2, 81.0, 75.5, 77.7, 88.8, 60.0,
     "海外", "API", "是", "2025-12-11"],
    [2, "Gemini-3-Pro", "Google", "闭源", 79.0, 91.0, 68.0, 80.0, 70.0, 80.0, 84.0, 61.0,
     "海外", "API", "是", "2025-11-18"],
    [2, "Qwen3-Max", "阿里巴巴", "闭源", 78.99, 85.0, 72.0, 79.0, 74.0, 70.0, 80.0, 62.0,
     "国内", "API", "是", "2025-09-05"],
    ["-", "人类", "CLUE", "-", 95.0, 96.0, 97.0, 94.0, 93.0, 92.0, 95.0, 90.0,
     None, None, None, None],
]  # fmt: skip


def xlsx(*, with_title_row: bool = True, open_source: bool = True) -> bytes:
    """A SuperCLUE-style round workbook, built here with openpyxl."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "总排行榜"
    if with_title_row:
        sheet.append(["SuperCLUE中文大模型通用基准测评 2026年5月"])
    sheet.append(XLSX_HEADER)
    for values in XLSX_ROWS:
        sheet.append(values)
    if open_source:
        extra = workbook.create_sheet("开源排行榜")
        extra.append(["排名", "模型名称", "机构", "总分"])
        extra.append([1, "Qwen3-235B-A22B(max)", "阿里巴巴", 70.0])
        extra.append([2, "DeepSeek-V3.2", "深度求索", 69.0])
    workbook.create_sheet("推理模型总排行榜")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_overall_board_located_by_header_text() -> None:
    snapshot = SuperCLUESource().parse([SourceFile("2026年5月.xlsx", xlsx())])
    assert snapshot.as_of == date(2026, 5, 1)
    overall = board(snapshot, "superclue")
    assert [(r.name, r.rank, r.score) for r in overall.rows] == [
        ("GPT-5.2(high)", 1, 80.5),
        ("Gemini-3-Pro", 2, 79.0),
        ("Qwen3-Max", 2, 78.99),
        ("人类", None, 95.0),
    ]
    gpt = overall.rows[0]
    assert gpt.organization == "OpenAI"
    assert gpt.metrics["effort"] == "high"
    assert gpt.metrics["math"] == 90.1
    assert gpt.metrics["新维度"] == 60.0  # unknown abilities stay in the metrics
    assert gpt.metrics["open_closed"] == "闭源"
    assert gpt.metrics["release_date"] == "2025-12-11"
    assert overall.rows[3].rank_note == HUMAN_NOTE


def test_xlsx_ability_columns_become_boards() -> None:
    snapshot = SuperCLUESource().parse([SourceFile("2026年5月.xlsx", xlsx())])
    ids = [b.board.board_id for b in snapshot.boards]
    assert ids[0] == "superclue"
    assert "superclue_open_source" in ids
    for slug in ("math", "hallucination", "science", "instruction_following"):
        assert f"superclue_{slug}" in ids
    assert "superclue_agentic_coding" in ids and "superclue_agent_planning" in ids
    math = board(snapshot, "superclue_math")
    # Board order follows the ability score; the human baseline keeps its place, unranked.
    assert [(r.name, r.rank) for r in math.rows] == [
        ("人类", None),
        ("Gemini-3-Pro", 1),
        ("GPT-5.2(high)", 2),
        ("Qwen3-Max", 3),
    ]
    open_source = board(snapshot, "superclue_open_source")
    assert [r.name for r in open_source.rows] == ["Qwen3-235B-A22B(max)", "DeepSeek-V3.2"]
    assert open_source.rows[0].metrics["effort"] == "max"


def test_xlsx_header_on_the_first_row_and_no_open_source_sheet() -> None:
    content = xlsx(with_title_row=False, open_source=False)
    snapshot = SuperCLUESource().parse([SourceFile("2026年5月.xlsx", content)])
    assert "superclue_open_source" not in {b.board.board_id for b in snapshot.boards}
    assert len(board(snapshot, "superclue").rows) == 4


def test_xlsx_without_the_overall_sheet_is_refused() -> None:
    workbook = openpyxl.Workbook()
    assert workbook.active is not None
    workbook.active.title = "Sheet1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(SourceFormatError, match="no 总排行榜 sheet") as caught:
        SuperCLUESource().parse([SourceFile("2026年5月.xlsx", buffer.getvalue())])
    assert (caught.value.source_id, caught.value.where) == ("superclue", "2026年5月.xlsx")


def test_truncated_xlsx_is_refused() -> None:
    content = xlsx()
    with pytest.raises(SourceFormatError, match="unreadable XLSX") as caught:
        SuperCLUESource().parse([SourceFile("2026年5月.xlsx", content[: len(content) // 2])])
    assert caught.value.where == "2026年5月.xlsx"


# --- discovering the newest round -------------------------------------------------------------

BASE = "https://www.superclueai.com/data/generalboard/"


def url_for(period: str) -> str:
    return f"{BASE}{quote(period)}.xlsx"


async def test_fetch_probes_months_back_until_a_zip_answers() -> None:
    pages = {
        url_for("2026年3月"): b"<!doctype html><title>404</title>",  # served with status 200
        url_for("2026年1月"): xlsx(),
        url_for("2025年11月"): xlsx(),
    }
    fetcher = FakeFetcher(pages)
    source = SuperCLUESource(today=lambda: date(2026, 3, 15))
    download = await source.fetch(fetcher, source.default_url, Validators())
    assert fetcher.requested == [url_for("2026年3月"), url_for("2026年2月"), url_for("2026年1月")]
    assert download.url == url_for("2026年1月")
    assert [f.name for f in download.files] == ["2026年1月.xlsx"]
    assert download.validators.etag == '"3"'
    parsed = source.parse(download.files)
    assert parsed.as_of == date(2026, 1, 1)


async def test_fetch_crosses_the_year_boundary() -> None:
    fetcher = FakeFetcher({url_for("2025年12月"): xlsx()})
    source = SuperCLUESource(today=lambda: date(2026, 1, 2))
    download = await source.fetch(fetcher, source.default_url, Validators())
    assert download.url == url_for("2025年12月")
    assert fetcher.requested[0] == f"{BASE}2026%E5%B9%B41%E6%9C%88.xlsx"


async def test_fetch_gives_up_after_a_bounded_number_of_probes() -> None:
    fetcher = FakeFetcher({})
    source = SuperCLUESource(today=lambda: date(2026, 3, 15))
    with pytest.raises(SourceUnavailable, match="24 months"):
        await source.fetch(fetcher, source.default_url, Validators())
    assert len(fetcher.requested) == source.probe_months == 24
    assert fetcher.requested[-1] == url_for("2024年4月")


async def test_round_probes_are_short_and_stop_at_a_host_that_is_down() -> None:
    """This month 404s, last month's GET cannot connect: no further months are tried."""
    fetcher = FakeFetcher({url_for("2026年1月"): xlsx()}, failing=frozenset({url_for("2026年2月")}))
    source = SuperCLUESource(today=lambda: date(2026, 3, 15))
    with pytest.raises(SourceUnavailable, match="stopped looking for the newest release"):
        await source.fetch(fetcher, source.default_url, Validators())
    assert fetcher.requested == [url_for("2026年3月"), url_for("2026年2月")]
    assert fetcher.probes == [True, True]


async def test_round_probes_are_capped_whatever_the_settings() -> None:
    class Eager(SuperCLUESource):
        probe_months = 1_000

    fetcher = FakeFetcher({})
    with pytest.raises(SourceUnavailable, match=f"last {MAX_PROBES} months"):
        await Eager(today=lambda: date(2026, 3, 15)).fetch(fetcher, Eager.default_url, Validators())
    assert len(fetcher.requested) == MAX_PROBES


async def test_fetch_of_a_concrete_url_is_a_single_get() -> None:
    readme = "https://raw.githubusercontent.com/CLUEbenchmark/SuperCLUE/main/README.md"
    fetcher = FakeFetcher({readme: b"# SuperCLUE"})
    download = await SuperCLUESource().fetch(fetcher, readme, Validators())
    assert fetcher.requested == [readme]
    assert [f.name for f in download.files] == ["README.md"]
