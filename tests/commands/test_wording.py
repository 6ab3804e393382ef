"""Shared wording: numbers, what ``/rank`` and ``/history`` say they show, and the "no model
matches" line of every command, for Discord and for terminals."""

from __future__ import annotations

from datetime import date

import pytest

from commands import wording
from commands.embeds import literal
from commands.history.cog import history_embed
from commands.rank.cog import rank_embed
from commands.resolution import unresolved_text
from data.domain.resolve import Match, Resolution
from data.domain.types import (
    BoardInfo,
    BoardStanding,
    Candidate,
    History,
    HistoryPoint,
    HistorySeries,
    NameRecord,
    RankResult,
    Row,
)

ARENA = BoardInfo("lmarena", "lmarena", "LMArena Text", "", "Arena score", "https://lmarena.ai")
SUPERCLUE = BoardInfo("superclue", "superclue", "SuperCLUE", "", "总分", "https://superclueai.com")
DAYS = (date(2024, 7, 7), date(2024, 8, 14), date(2024, 9, 1))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "–"),
        (1187.0, "1,187"),
        (57.46, "57.46"),
        (57.5, "57.5"),
        (57.499, "57.5"),
        (72.30, "72.3"),
        (0.001, "0"),
        (-0.001, "0"),
        (-3.25, "-3.25"),
        (1e20, "100,000,000,000,000,000,000"),
    ],
)
def test_numbers_show_up_to_two_decimals_without_trailing_zeros(
    value: float | None, shown: str
) -> None:
    """One format everywhere (tables, alerts, terminal): never more precise than published."""
    assert wording.number(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.0105, "$0.0105/question"),
        (1.1939, "$1.1939/question"),
        (0.35, "$0.35/question"),
        (0.01628692913, "$0.0163/question"),
        (0.00002, "<$0.0001/question"),
        (0.0, "$0/question"),
        (None, ""),
    ],
)
def test_costs_read_in_dollars_per_question_never_rounded_to_free(
    value: float | None, shown: str
) -> None:
    assert wording.cost(value) == shown


def _standing(board: BoardInfo, rank: int | None) -> BoardStanding:
    row = Row("k", "Qwen2-72B-Instruct", rank, 70.0, 3, rank_note=None if rank else "new")
    return BoardStanding(board, row, DAYS[0], 100)


@pytest.mark.parametrize(
    ("ranks", "description"),
    [
        ((1, 4), "Ranked on 2 boards, best first."),
        ((4, None), "Listed on 2 boards, ranked on 1; best first."),
        ((None, None), "Listed on 2 boards, ranked on none; best first."),
        ((), "Known, but on none of the current main boards."),
    ],
)
def test_rank_counts_the_boards_ranking_the_model(
    ranks: tuple[int | None, ...], description: str
) -> None:
    """A board listing the model without a rank is not a board it is ranked on."""
    standings = tuple(_standing(b, r) for b, r in zip((ARENA, SUPERCLUE), ranks, strict=False))
    result = RankResult("qwen2", "match", "Qwen2-72B-Instruct", standings)
    assert rank_embed(result).description == description


def _series(model: str, days: tuple[date, ...]) -> HistorySeries:
    return HistorySeries(model, tuple(HistoryPoint(d, 3, 70.0, 100, model) for d in days))


def test_history_says_which_dates_list_every_model() -> None:
    """Three dates drawn, one without Claude: the intro does not claim all three list both."""
    partly = History(
        (), ARENA, (_series("Qwen2", DAYS), _series("Claude", DAYS[1:])), board_chosen=False
    )
    intro = (history_embed(partly).description or "").splitlines()[0]
    assert intro == (
        "Rank and Arena score in the 3 stored snapshot dates listing any of them; "
        "the 2 models are listed together on 2 of them."
    )
    both = History((), ARENA, (_series("Qwen2", DAYS), _series("Claude", DAYS)))
    assert (history_embed(both).description or "").startswith(
        "Rank and Arena score in each of the 3 stored snapshot dates listing them."
    )


NAMES = ("Gemini_1.5*Pro", "@everyone", "<@&123>")
#: The names above in a Discord message: Markdown escaped, mentions defused.
SHOWN = "Gemini\\_1.5\\*Pro, @\u200beveryone, @&123"


def test_no_model_matches_escapes_names_and_defuses_mentions_everywhere() -> None:
    """/rank, /compare, /history and /subscribe word it the same; names shown as published."""
    candidates = tuple(Candidate("lmarena", name, name, 1.0) for name in NAMES)
    names = [c.name for c in candidates]
    text = unresolved_text("<@42> gemini_1.5*", "not_found", names, literal)
    assert text == f"No model matches '@42 gemini\\_1.5\\*'; did you mean {SHOWN}?"
    records = [NameRecord("lmarena", n, n, n.lower(), n, 1, 1, 1.0) for n in NAMES]
    resolution = Resolution("<@42> gemini_1.5*", "not_found", tuple(Match(r, 1.0) for r in records))
    subscribe = [match.record.model_name for match in resolution.matches]
    assert unresolved_text(resolution.query, resolution.status, subscribe, literal) == text
    ambiguous = unresolved_text("gemini", "ambiguous", names, literal)
    assert ambiguous == f"'gemini' could mean several models: {SHOWN}. Which one?"


def test_terminals_show_the_names_as_published() -> None:
    candidates = tuple(Candidate("lmarena", name, name, 1.0) for name in NAMES)
    names = [c.name for c in candidates]
    text = unresolved_text("gemini_1.5*\n", "not_found", names, wording.plain)
    assert text == f"No model matches 'gemini_1.5*'; did you mean {', '.join(NAMES)}?"


def test_a_model_absent_from_the_board_is_not_called_unknown() -> None:
    """`/subscribe model kimi k2 board:open_llm`: the model is known, just not on that board."""
    text = unresolved_text("kimi k2", "absent", ["kimi-k2-instruct"], literal)
    assert text == "'kimi k2' (kimi-k2-instruct) is not on that board."


def test_left_out_editions_are_named_per_model() -> None:
    """A series whose earlier-edition points were left out says so; a whole series says nothing."""
    point = HistoryPoint(date(2025, 5, 1), 20, 33.0, 30, "m")
    cut = HistorySeries("claude-3-5-sonnet-20241022", (point,), other_edition_points=2)
    whole = HistorySeries("gpt-4o", (point,))
    [line] = wording.other_editions([cut, whole])
    assert "claude-3-5-sonnet-20241022" in line and "2" in line and "edition" in line
