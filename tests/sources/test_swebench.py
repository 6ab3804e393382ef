"""SWE-bench: the site's ``leaderboards.json``, read as the site shows it. Every expected value
is computed here from the same real file, by this test's own arithmetic."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import pytest

from data.domain.errors import SourceFormatError
from data.domain.types import SourceFile
from data.sources import get_source
from tests.sources.helpers import FIXTURES, board, parse

NOVEMBER = "swebench/swebench_leaderboards_as_of_2025-11-19.json"
OCTOBER = "swebench/swebench_leaderboards_as_of_2025-10-06.json"


def published(relative: str) -> dict[str, list[dict[str, Any]]]:
    """``{leaderboard name: results}`` straight from the file."""
    document = json.loads((FIXTURES / relative).read_text(encoding="utf-8"))
    return {board["name"]: board["results"] for board in document["leaderboards"]}


def model_tags(result: Mapping[str, Any]) -> list[str]:
    """The ``Model:`` tags; a Hugging Face address stands for its repository id."""
    return [
        tag.split(":", 1)[1].strip().removeprefix("https://huggingface.co/")
        for tag in result["tags"]
        if tag.startswith("Model:")
    ]


def site_rank(results: Iterable[Mapping[str, Any]], resolved: float) -> int:
    """The site sorts by % resolved, best first; equal scores share a place."""
    return 1 + sum(other["resolved"] > resolved for other in results)


def best_submission(results: Iterable[Mapping[str, Any]], spellings: set[str]) -> Mapping[str, Any]:
    """The best-scoring submission run with any of ``spellings`` of one model."""
    return max((r for r in results if spellings & set(model_tags(r))), key=lambda r: r["resolved"])


@pytest.mark.parametrize("relative", [OCTOBER, NOVEMBER])
def test_every_leaderboard_is_a_board_verified_the_main_one(relative: str) -> None:
    snapshot = parse("swebench", relative)
    files = published(relative)
    assert snapshot.as_of == date.fromisoformat(re.findall(r"\d{4}-\d{2}-\d{2}", relative)[0])
    others = [name for name in files if name != "Verified"]
    assert [b.board.board_id for b in snapshot.boards] == ["swebench"] + [
        "swebench_" + re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") for name in others
    ]
    assert [b.board.category for b in snapshot.boards] == [None, *others]
    for parsed, name in zip(snapshot.boards, ["Verified", *others], strict=True):
        shown = [r for r in files[name] if not r.get("warning")]
        # One row per submission, keyed on its folder: names repeat, folders do not.
        assert sorted(r.key for r in parsed.rows) == sorted(r["folder"] for r in shown)
        assert [r.score for r in parsed.rows] == sorted(
            (r["resolved"] for r in shown), reverse=True
        )
        by_folder = {r["folder"]: r for r in shown}
        for row in parsed.rows:
            source = by_folder[row.key]
            assert row.name == source["name"]
            assert row.rank == site_rank(shown, source["resolved"])
            assert list(row.models or ()) == list(dict.fromkeys(model_tags(source)))


def test_verified_facts_of_november() -> None:
    verified = published(NOVEMBER)["Verified"]
    parsed = board(parse("swebench", NOVEMBER), "swebench")
    assert len(parsed.rows) == len(verified) == 151
    # Names are not unique: some systems submitted several times under one name.
    names = [r["name"] for r in verified]
    assert len(set(names)) < len(names)
    assert len({r.key for r in parsed.rows}) == len(parsed.rows)
    leader = max(verified, key=lambda r: r["resolved"])
    assert (parsed.rows[0].name, parsed.rows[0].score, parsed.rows[0].rank) == (
        leader["name"],
        leader["resolved"],
        1,
    )
    # Ties share the place the site gives them, and the next score skips the shared places.
    scores = [r["resolved"] for r in verified]
    tied = max((s for s in set(scores) if scores.count(s) > 1), key=lambda s: s)
    tied_rows = [r for r in parsed.rows if r.score == tied]
    assert len(tied_rows) == scores.count(tied) >= 2
    assert {r.rank for r in tied_rows} == {1 + sum(s > tied for s in scores)}
    after = parsed.rows[parsed.rows.index(tied_rows[-1]) + 1]
    assert after.rank == 1 + sum(s > tied for s in scores) + scores.count(tied)
    # The organisation comes from the "Org:" tag, the system from "System:" tags.
    first = next(r for r in verified if any(t.startswith("Org:") for t in r["tags"]))
    row = next(r for r in parsed.rows if r.key == first["folder"])
    org = next(t.split(":", 1)[1].strip() for t in first["tags"] if t.startswith("Org:"))
    assert row.organization == org
    assert row.metrics["date"] == first["date"]


def test_a_submission_without_a_model_tag_names_no_model() -> None:
    verified = published(NOVEMBER)["Verified"]
    untagged = [r for r in verified if not model_tags(r)]
    parsed = board(parse("swebench", NOVEMBER), "swebench")
    rows = {r.key: r for r in parsed.rows}
    assert untagged and all(rows[r["folder"]].models == () for r in untagged)


def test_best_submission_per_model_by_arithmetic() -> None:
    """A submission counts for every model it ran with, first tag or not."""
    verified = published(NOVEMBER)["Verified"]
    parsed = board(parse("swebench", NOVEMBER), "swebench")
    gpt5 = best_submission(verified, {"gpt-5", "gpt-5-2025-08-07", "gpt-5-0807-global"})
    assert model_tags(gpt5).index("gpt-5") > 0  # not its first model
    best = min((r for r in parsed.rows if "gpt-5" in (r.models or ())), key=lambda r: r.position)
    assert (best.key, best.score) == (gpt5["folder"], gpt5["resolved"])
    assert best.rank == site_rank(verified, gpt5["resolved"])


def test_a_warned_submission_is_hidden_as_on_the_site() -> None:
    document = json.loads((FIXTURES / NOVEMBER).read_text(encoding="utf-8"))
    verified = next(b for b in document["leaderboards"] if b["name"] == "Verified")
    flagged = max(verified["results"], key=lambda r: r["resolved"])
    flagged["warning"] = "under review"
    snapshot = get_source("swebench").parse(
        [SourceFile("leaderboards.json", json.dumps(document).encode())]
    )
    main = board(snapshot, "swebench")
    assert flagged["folder"] not in {r.key for r in main.rows}
    assert len(main.rows) == len(verified["results"]) - 1
    assert main.rows[0].rank == 1
    assert snapshot.as_of is None  # the live file carries no date: the fetch date is used


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"leaderboards": [{"name": "Lite", "results": []}]}', "no Verified leaderboard"),
        (b'{"boards": []}', 'no "leaderboards" list'),
        (b'{"leaderboards": [{"name": "Verified", "resu', "invalid or truncated JSON"),
    ],
)
def test_bad_files_are_refused_with_a_reason(content: bytes, reason: str) -> None:
    with pytest.raises(SourceFormatError, match=reason):
        get_source("swebench").parse([SourceFile("leaderboards.json", content)])
