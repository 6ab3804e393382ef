"""AlpacaEval: 2.0 website (docs) and raw (src) CSVs and the 1.0 board, read off the files."""

from __future__ import annotations

from datetime import date

import pytest

from data.sources.alpacaeval import ADVERSARIAL_NOTE, DEV_NOTE
from tests.sources.helpers import board, parse, row

DOCS_2024_12 = "alpacaeval/alpacaeval2_docs_leaderboard_2024-12-27.csv"
DOCS_2024_05 = "alpacaeval/alpacaeval2_docs_leaderboard_2024-05-13.csv"
SRC_2024_12 = "alpacaeval/alpacaeval2_src_leaderboard_2024-12-27.csv"
V1_DOCS = "alpacaeval/alpacaeval1_docs_leaderboard_2024-05-17.csv"


def test_docs_2_0_adversarial_leader_is_not_ranked() -> None:
    snapshot = parse("alpacaeval", DOCS_2024_12)
    lc = board(snapshot, "alpacaeval")
    assert snapshot.as_of == date(2024, 12, 27)
    assert len(lc.rows) == 211
    null = lc.rows[0]
    assert (null.name, null.rank, null.rank_note) == (
        "NullModel (adversarial)",
        None,
        ADVERSARIAL_NOTE,
    )
    assert null.score == pytest.approx(86.45780691307947)
    first = lc.rows[1]
    assert (first.name, first.rank) == ("SelfMoA + gemma-2-9b-it-WPO-HB", 1)
    assert first.key == "SelfMoA_gemma-2-9b-it-WPO-HB"  # from the samples URL
    assert row(lc, "GPT-4 (Adversarial)").rank_note == ADVERSARIAL_NOTE


def test_docs_2_0_scores_are_length_controlled() -> None:
    lc = board(parse("alpacaeval", DOCS_2024_12), "alpacaeval")
    qwen = row(lc, "Qwen2 72B Instruct")
    # Line 48 of the file: 46 ranked rows above it (NullModel is not ranked), no ties.
    assert (qwen.rank, qwen.position) == (46, 47)
    assert qwen.score == pytest.approx(38.07461345451606)
    assert qwen.metrics["win_rate"] == pytest.approx(29.8527557752399)
    assert qwen.metrics["filter"] == "verified"
    assert qwen.key == "Qwen2-72B-Instruct"
    omni = row(lc, "GPT-4 Omni (05/13)")
    assert (omni.rank, omni.score) == (19, pytest.approx(57.45682883335095))
    baseline = row(lc, "GPT-4 Preview (11/06)")
    assert (baseline.score, baseline.rank) == (50.0, 30)


def test_docs_duplicate_pretty_name_keeps_both_rows() -> None:
    lc = board(parse("alpacaeval", DOCS_2024_05), "alpacaeval")
    twins = [r for r in lc.rows if r.name == "GPT 3.5 Turbo (06/13)"]
    # One row has no samples URL (its key is the name), the other the result folder.
    assert [(r.key, r.metrics["filter"]) for r in twins] == [
        ("GPT 3.5 Turbo (06/13)", "verified"),
        ("gpt-3.5-turbo-0613", "community"),
    ]
    assert [r.score for r in twins] == [
        pytest.approx(22.720189163383225),
        pytest.approx(22.35251298054288),
    ]
    assert all(r.rank is not None for r in twins)


def test_src_2_0_keys_modes_and_dev_entries() -> None:
    snapshot = parse("alpacaeval", SRC_2024_12)
    lc = board(snapshot, "alpacaeval")
    assert len(lc.rows) == 223
    assert lc.rows[0].name == "NullModel" and lc.rows[0].rank_note == ADVERSARIAL_NOTE
    assert row(lc, "gpt4_gamed").rank_note == ADVERSARIAL_NOTE
    verbose = row(lc, "gpt4_1106_preview_verbose")
    assert (verbose.rank, verbose.rank_note, verbose.metrics["mode"]) == (None, DEV_NOTE, "dev")
    assert sum(r.rank_note == DEV_NOTE for r in lc.rows) == 12
    qwen = row(lc, "Qwen2-72B-Instruct")
    # Same LC score as the website; above it: NullModel and two dev entries, all unranked.
    assert (qwen.rank, qwen.position) == (46, 49)
    assert qwen.metrics["lc_standard_error"] == pytest.approx(0.8956826164517345)
    assert qwen.metrics["mode"] == "verified"
    assert sum(r.rank is not None for r in lc.rows) == 223 - 12 - 2


def test_alpacaeval_1_0_board_ranks_by_win_rate() -> None:
    snapshot = parse("alpacaeval", V1_DOCS)
    assert [b.board.board_id for b in snapshot.boards] == ["alpacaeval_v1"]
    v1 = snapshot.boards[0]
    assert len(v1.rows) == 102
    leader = v1.rows[0]
    assert (leader.name, leader.rank) == ("GPT-4 Preview (11/06)", 1)
    assert leader.score == pytest.approx(97.69900497512438)
    # The file is not sorted: XwinLM 70b V0.1 (win rate 95.57, empty LC) is 4th.
    xwin = row(v1, "XwinLM 70b V0.1")
    assert (xwin.rank, xwin.metrics["length_controlled_winrate"]) == (4, None)
    # Ties at 94.78...: Mixtral 8x7B v0.1 and GPT-4 (03/14).
    assert row(v1, "Mixtral 8x7B v0.1").rank == row(v1, "GPT-4 (03/14)").rank == 9
    assert row(v1, "Mistral-7B-ReMax-v0.1").rank == 11
    # Baseline text-davinci-003 at exactly 50.
    assert row(v1, "Davinci003").score == 50.0
