"""What a user is told about the model names they typed, by every command and every output:
which model? (ambiguous), no model matches (with suggestions), known but not on that board
(absent), and the other versions of the answer's line ("also: …").

``quote`` shows a query or a name as typed and published: ``embeds.literal`` for a Discord
message (Markdown escaped, mentions defused), ``wording.plain`` for terminals and JSON. This
module does not import discord, so the console can use it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from commands import wording
from data.domain.types import Absence, Candidate, ModelChoice, RankResult

#: Shows a query or a name (at most ``limit`` characters) where the text goes.
Quote = Callable[[str, int], str]
UNRESOLVED_AMBIGUOUS = "'{query}' could mean several models: {names}. Which one?"
UNRESOLVED_NONE = "No model matches '{query}'"
UNRESOLVED_SUGGEST = "; did you mean {names}?"
UNRESOLVED_ABSENT = "'{query}' ({names}) is not on that board."
ABSENT_ON_BOARD = "{model} is not on {board}: Podium has {board} snapshots from {first} to {last}."
ABSENT_ON_BOARD_ONE = "{model} is not on {board}: Podium has one {board} snapshot, of {first}."
ABSENT_BEFORE_FIRST = "{model}: no {board} snapshot before {first} (asked for {as_of})."
ABSENT_NO_DATA = "{model} is not on {board}: Podium has no snapshot of that board."
ABSENT_SINCE = "{model} is not on {board} as of {last}: last listed on {listed} (see /history)."
ALSO = "also: {names}"


def not_found_text(result: RankResult, quote: Quote) -> str:
    """The short answer when a query is not confidently resolved (or is absent)."""
    if result.absence is not None:
        return absent_text(result.absence, quote)
    return unresolved_text(result.query, result.status, [c.name for c in result.candidates], quote)


def choice_text(choice: ModelChoice, quote: Quote) -> str:
    """Why one model of a multi-model command was not answered."""
    if choice.absence is not None:
        return absent_text(choice.absence, quote)
    return unresolved_text(choice.query, choice.status, [c.name for c in choice.candidates], quote)


def unresolved_text(query: str, status: str, names: Sequence[str], quote: Quote) -> str:
    """The "no model matches 'x'; did you mean …?" line, or an ambiguous name's candidates,
    for candidate ``names`` (best first, the first five shown)."""
    shown = ", ".join(list(dict.fromkeys(quote(name, 80) for name in names))[:5])
    if status == "ambiguous":
        return UNRESOLVED_AMBIGUOUS.format(query=quote(query, 100), names=shown)
    if status == "absent":
        return UNRESOLVED_ABSENT.format(query=quote(query, 100), names=shown)
    suggestion = UNRESOLVED_SUGGEST.format(names=shown) if shown else "."
    return UNRESOLVED_NONE.format(query=quote(query, 100)) + suggestion


def absent_text(absence: Absence, quote: Quote) -> str:
    """Why a known model is not in the answer: not on the board, or not yet on that date."""
    model, board = quote(absence.model, 100), absence.board.title
    if absence.first is None or absence.last is None:
        return ABSENT_NO_DATA.format(model=model, board=board)
    if absence.before_first:
        assert absence.as_of is not None
        return ABSENT_BEFORE_FIRST.format(
            model=model, board=board, first=absence.first, as_of=absence.as_of
        )
    if absence.last_listed is not None:
        shown = min(absence.as_of or absence.last, absence.last)
        return ABSENT_SINCE.format(model=model, board=board, last=shown, listed=absence.last_listed)
    if absence.first == absence.last:
        return ABSENT_ON_BOARD_ONE.format(model=model, board=board, first=absence.first)
    return ABSENT_ON_BOARD.format(
        model=model, board=board, first=f"{absence.first:%Y-%m}", last=f"{absence.last:%Y-%m}"
    )


def also_text(alternatives: Sequence[Candidate], quote: Quote, *, boards: bool = False) -> str:
    """ "also: gpt-4o-2024-08-06 #12, …": the other versions of the answer's line (with the
    board of each when the answer spans boards)."""
    names = []
    for candidate in alternatives:
        parts = [quote(candidate.name, 60)]
        if candidate.rank:
            parts.append(wording.rank_text_short(candidate.rank))
        if boards:
            parts.append(f"({candidate.board_id})")
        names.append(" ".join(parts))
    return ALSO.format(names=", ".join(names)) if names else ""
