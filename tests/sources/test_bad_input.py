"""Files that are not what the source publishes are refused with a clear, file-naming error."""

from __future__ import annotations

import pytest

from data.domain.errors import SourceFormatError
from data.domain.types import SourceFile
from data.sources import get_source
from tests.sources.helpers import fixture

#: A real file of each source, and the companions it needs (LiveBench's categories).
REAL = {
    "lmarena": ("lmarena/fboulnois_lmsys_2024-07-07.csv", ()),
    "open_llm": ("open_llm_leaderboard/fboulnois_huggingface_v2_2024-07-13.csv", ()),
    "superclue": ("superclue/superclue_2023-12.md", ()),
    "alpacaeval": ("alpacaeval/alpacaeval2_docs_leaderboard_2024-12-27.csv", ()),
    "livebench": (
        "livebench/livebench_table_2024_07_26_as_of_2024-08-19.csv",
        ("livebench/livebench_categories_2024_07_26.json",),
    ),
    "arena_hard": ("arenahard/arena_hard_leaderboard_20240731.csv", ()),
}
HTML = b"<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body></body></html>"
CSV_SOURCES = ["lmarena", "open_llm", "alpacaeval", "livebench", "arena_hard"]


def refused(source_id: str, content: bytes, name: str | None = None) -> SourceFormatError:
    """Parse ``content`` in place of the source's real file; return the error it raised."""
    main, companions = REAL[source_id]
    name = name or fixture(main).name
    files = [SourceFile(name, content), *(fixture(c) for c in companions)]
    with pytest.raises(SourceFormatError) as caught:
        get_source(source_id).parse(files)
    error = caught.value
    assert error.source_id == source_id
    assert error.where == name
    assert name in str(error)
    return error


def truncated(content: bytes) -> bytes:
    """The file cut in the middle of a row, as an interrupted download leaves it."""
    row_start = content.index(b"\n", len(content) // 2) + 1
    return content[: content.index(b",", row_start) + 1]


@pytest.mark.parametrize("source_id", list(REAL))
def test_html_error_page_is_refused(source_id: str) -> None:
    assert "HTML page" in refused(source_id, HTML).reason


@pytest.mark.parametrize("source_id", list(REAL))
def test_empty_file_is_refused(source_id: str) -> None:
    assert "empty" in refused(source_id, b"").reason
    assert "empty" in refused(source_id, b"  \n\r\n").reason


@pytest.mark.parametrize("source_id", list(REAL))
def test_binary_file_is_refused(source_id: str) -> None:
    assert "not UTF-8" in refused(source_id, b"\xff\xfe\x00\x81garbage").reason


@pytest.mark.parametrize(
    ("source_id", "expected"),
    [
        ("lmarena", "not an Arena page CSV"),
        ("open_llm", "not an Open LLM Leaderboard CSV"),
        ("alpacaeval", "not an AlpacaEval leaderboard CSV"),
        ("livebench", "not a LiveBench table"),
        ("arena_hard", "not an Arena-Hard leaderboard CSV"),
    ],
)
def test_wrong_columns_are_refused_naming_what_was_found(source_id: str, expected: str) -> None:
    reason = refused(source_id, b"foo,bar,baz\n1,2,3\n").reason
    assert expected in reason
    assert "found foo, bar, baz" in reason


def test_markdown_without_superclue_tables_is_refused() -> None:
    reason = refused("superclue", "# 标题\n\n没有表格。\n".encode()).reason
    assert "no SuperCLUE leaderboard table" in reason


@pytest.mark.parametrize("source_id", CSV_SOURCES)
def test_truncated_csv_is_refused(source_id: str) -> None:
    main, _ = REAL[source_id]
    assert "truncated" in refused(source_id, truncated(fixture(main).content)).reason


def test_csv_cut_inside_a_quoted_field_is_refused() -> None:
    content = fixture("open_llm_leaderboard/fboulnois_huggingface_v2_2024-07-13.csv").content
    cut = content[: content.index(b'"\xf0\x9f\x92\xac chat models') + 10]
    assert "truncated" in refused("open_llm", cut).reason


def test_truncated_arena_catalog_json_is_refused() -> None:
    name = "arenacatalog_leaderboard-text_2025-12-11.json"
    content = fixture(f"lmarena/{name}").content
    reason = refused("lmarena", content[: len(content) // 2], name).reason
    assert "invalid or truncated JSON" in reason


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"[1, 2, 3]", "not an arena-catalog"),
        (b'{"full": [1, 2]}', "does not map models to ratings"),
        (b'{"full": {"m": {"rating": "high"}}}', "no numeric rating"),
    ],
)
def test_json_of_another_shape_is_refused(content: bytes, expected: str) -> None:
    assert expected in refused("lmarena", content, "leaderboard-text.json").reason


def test_truncated_livebench_categories_are_refused() -> None:
    table = fixture("livebench/livebench_table_2024_07_26_as_of_2024-08-19.csv")
    categories = fixture("livebench/livebench_categories_2024_07_26.json")
    cut = SourceFile(categories.name, categories.content[:100])
    with pytest.raises(SourceFormatError, match="invalid or truncated JSON") as caught:
        get_source("livebench").parse([table, cut])
    assert caught.value.where == categories.name


def test_livebench_categories_of_the_wrong_shape_are_refused() -> None:
    table = fixture("livebench/livebench_table_2024_07_26_as_of_2024-08-19.csv")
    categories = SourceFile("livebench_categories_2024_07_26.json", b'{"Reasoning": "spatial"}')
    with pytest.raises(SourceFormatError, match="not a LiveBench categories file"):
        get_source("livebench").parse([table, categories])


@pytest.mark.parametrize(
    "source_id", ["lmarena", "open_llm", "superclue", "alpacaeval", "arena_hard"]
)
def test_one_file_sources_refuse_several_files(source_id: str) -> None:
    main, _ = REAL[source_id]
    with pytest.raises(SourceFormatError, match="exactly one file"):
        get_source(source_id).parse([fixture(main), fixture(main)])
    with pytest.raises(SourceFormatError, match="exactly one file"):
        get_source(source_id).parse([])


def test_livebench_refuses_two_tables() -> None:
    table = fixture("livebench/livebench_table_2024_07_26_as_of_2024-08-19.csv")
    with pytest.raises(SourceFormatError, match="expected one table CSV"):
        get_source("livebench").parse([table, table])
