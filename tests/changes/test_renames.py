"""``find_renames``: a key that vanished and one that appeared with the same score and votes
are one model renamed; anything less certain is not."""

from __future__ import annotations

from data.domain.diff import find_renames
from data.domain.types import Row


def row(key: str, score: float | None, votes: int | None, position: int = 1) -> Row:
    return Row(key=key, name=key, rank=position, score=score, position=position, votes=votes)


BEFORE = [
    row("gemini-4-pro", 1505.912, 22008, 1),
    row("claude-opus-4-6-thinking", 1498.8731, 30412, 2),
    row("grok-5", 1494.12, 3802, 3),
]


def test_same_score_and_votes_under_a_new_key_is_a_rename() -> None:
    after = [BEFORE[0], row("claude-opus-4-6-high", 1498.8731, 30412, 2), BEFORE[2]]
    [(old, new)] = find_renames(BEFORE, after)
    assert (old.key, new.key) == ("claude-opus-4-6-thinking", "claude-opus-4-6-high")


def test_a_different_vote_count_or_score_is_a_new_model() -> None:
    for changed in (row("x", 1498.8731, 30413, 2), row("x", 1498.9, 30412, 2)):
        assert find_renames(BEFORE, [BEFORE[0], changed, BEFORE[2]]) == []


def test_rows_without_votes_are_never_paired() -> None:
    """The Elo era and boards without vote counts: equal scores are too common."""
    before = [row("a", 1000.0, None), row("b", 990.0, None, 2)]
    after = [row("c", 1000.0, None), row("b", 990.0, None, 2)]
    assert find_renames(before, after) == []


def test_two_candidates_for_one_signature_are_ambiguous() -> None:
    before = [row("a", 1200.0, 50), row("b", 1200.0, 50, 2)]
    after = [row("c", 1200.0, 50), row("d", 1200.0, 50, 2)]
    assert find_renames(before, after) == []


def test_kept_keys_are_not_renames() -> None:
    assert find_renames(BEFORE, BEFORE) == []
    assert find_renames([], BEFORE) == []
