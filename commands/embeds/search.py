"""``/search`` and the "which model did you mean?" prompt of every command."""

from __future__ import annotations

import discord

from commands import wording
from commands.embeds.style import DEFAULT_COLOUR, footer, literal
from commands.limits import DESCRIPTION, TITLE, clip
from commands.resolution import absent_text, also_text
from data.domain.types import Candidate, SearchResult

SEARCH_TITLE = "Search: “{query}”"
MATCH = "**{model}** — listed on {count} board(s):"
AMBIGUOUS = "Several models match; pick one below to see where it ranks."
NONE = "No model matches."
SUGGEST = "Did you mean one of these?"
ROW = "• `{board}` as “{name}”"
RELATED = " (and {count} related board(s), e.g. `{example}`)"
CANDIDATE = "• **{model}** — e.g. “{name}” on `{board}`"
PICK_TITLE = "Which model did you mean by “{query}”?"
PICK_HINT = "Pick one below, or run the command again with a fuller name."
SCOPE = "on {board}"
RESOLVER_NOTE = "Names as each board spells them"


def search_embed(result: SearchResult) -> discord.Embed:
    """Where the resolver finds the text: the model's row per board, or the candidates."""
    query = wording.sanitize(result.query, 80)
    embed = discord.Embed(
        title=clip(SEARCH_TITLE.format(query=query), TITLE), colour=DEFAULT_COLOUR
    )
    if result.status == "match" and result.matches:
        lines = [MATCH.format(model=literal(result.matches[0].model), count=len(result.matches))]
        lines += _row_lines(result.matches)
        also = also_text(result.alternatives, literal, boards=result.board_filter is None)
        lines += [also] if also else []
    elif result.absence is not None:
        lines = [absent_text(result.absence, literal)]
    else:
        lines = [AMBIGUOUS if result.status == "ambiguous" else NONE]
        if result.status == "none" and result.matches:
            lines.append(SUGGEST)
        lines += candidate_lines(result.matches)
    embed.description = _lines(lines)
    scope = SCOPE.format(board=result.board_filter) if result.board_filter else ""
    embed.set_footer(text=footer(RESOLVER_NOTE, scope))
    return embed


def _row_lines(matches: tuple[Candidate, ...]) -> list[str]:
    """One line per board, in the resolver's order; a board's category or variant boards that
    spell the name the same way are counted on its line (``livebench_coding`` under
    ``livebench``)."""
    listed = {m.board_id for m in matches}
    related: dict[str, list[str]] = {}
    kept = []
    for match in matches:
        parents = [
            b
            for b in listed
            if match.board_id.startswith(b + "_") and _same_name(matches, b, match)
        ]
        if parents:
            related.setdefault(max(parents, key=len), []).append(match.board_id)
        else:
            kept.append(match)
    lines = []
    for match in kept:
        line = ROW.format(board=match.board_id, name=literal(match.name, 120))
        if match.board_id in related:
            others = related[match.board_id]
            line += RELATED.format(count=len(others), example=others[0])
        lines.append(line)
    return lines


def _same_name(matches: tuple[Candidate, ...], board_id: str, match: Candidate) -> bool:
    return any(m.board_id == board_id and m.name == match.name for m in matches)


def pick_embed(query: str, candidates: tuple[Candidate, ...], board: str | None) -> discord.Embed:
    """The ephemeral question when a model name is ambiguous; a select menu comes with it."""
    embed = discord.Embed(
        title=clip(PICK_TITLE.format(query=wording.sanitize(query, 80)), TITLE),
        colour=DEFAULT_COLOUR,
        description=_lines([PICK_HINT, *candidate_lines(candidates)]),
    )
    embed.set_footer(text=footer(RESOLVER_NOTE, SCOPE.format(board=board) if board else ""))
    return embed


def candidate_lines(candidates: tuple[Candidate, ...]) -> list[str]:
    """One line per candidate model (its first listed row as the example)."""
    seen: dict[str, Candidate] = {}
    for candidate in candidates:
        seen.setdefault(candidate.model, candidate)
    return [
        CANDIDATE.format(
            model=literal(c.model, 100),
            name=literal(c.name, 100),
            board=c.board_title or c.board_id,
        )
        for c in seen.values()
    ]


def _lines(lines: list[str]) -> str:
    """Lines up to the description limit, then "… and N more"."""
    kept: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        if used + len(line) + 1 > DESCRIPTION - 40:
            kept.append(f"… and {len(lines) - index} more")
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept)
