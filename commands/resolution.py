"""What a user is told about the model names they typed, by every command and every output:
which model? (ambiguous), no model matches (with suggestions), known but not on that board
(absent), and the other versions of the answer's line ("also: …").

``quote`` shows a query or a name as typed and published: ``embeds.literal`` for a Discord
message (Markdown escaped, mentions defused), ``wording.plain`` for terminals and JSON. This
module does not import discord, so the console can use it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from commands import wording
from commands.i18n import t
from data.domain.types import Absence, Candidate, ModelChoice, RankResult

#: Shows a query or a name (at most ``limit`` characters) where the text goes.
Quote = Callable[[str, int], str]


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
        return t("resolve.ambiguous", query=quote(query, 100), names=shown)
    if status == "absent":
        return t("resolve.absent", query=quote(query, 100), names=shown)
    suggestion = t("resolve.suggest", names=shown) if shown else t("resolve.none_end")
    return t("resolve.none", query=quote(query, 100)) + suggestion


def absent_text(absence: Absence, quote: Quote) -> str:
    """Why a known model is not in the answer: not on the board, or not yet on that date."""
    model, board = quote(absence.model, 100), wording.board_title(absence.board)
    if absence.first_listed is not None:
        return t(
            "absent.not_yet_listed",
            model=model,
            board=board,
            listed=absence.first_listed,
            as_of=absence.as_of,
        )
    if absence.first is None or absence.last is None:
        return t("absent.no_data", model=model, board=board)
    if absence.before_first:
        assert absence.as_of is not None
        return t(
            "absent.before_first",
            model=model,
            board=board,
            first=absence.first,
            as_of=absence.as_of,
        )
    if absence.last_listed is not None:
        shown = min(absence.as_of or absence.last, absence.last)
        if absence.listed_as is not None:
            return t(
                "absent.since_as",
                model=model,
                board=board,
                last=shown,
                listed=absence.last_listed,
                version=quote(absence.listed_as, 100),
            )
        return t("absent.since", model=model, board=board, last=shown, listed=absence.last_listed)
    if absence.first == absence.last:
        return t("absent.on_board_one", model=model, board=board, first=absence.first)
    return t(
        "absent.on_board",
        model=model,
        board=board,
        first=f"{absence.first:%Y-%m}",
        last=f"{absence.last:%Y-%m}",
    )


def also_text(
    alternatives: Sequence[Candidate], quote: Quote, titles: Mapping[str, str] | None = None
) -> str:
    """ "also: gpt-4o-2024-08-06 #12, …": the other versions of the answer's line; when the
    answer spans boards, each with its board's title (``titles``: board id -> title in the
    reader's locale; a board not in it reads by its id)."""
    names = []
    for candidate in alternatives:
        parts = [quote(candidate.name, 60)]
        if candidate.rank:
            parts.append(wording.rank_text_short(candidate.rank))
        if titles is not None:
            parts.append(f"({titles.get(candidate.board_id) or candidate.board_id})")
        names.append(" ".join(parts))
    return t("resolve.also", names=", ".join(names)) if names else ""
