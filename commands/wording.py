"""Words and number formats shared by every renderer (Discord embeds, terminal, alerts).

The words themselves are the catalogue's (``commands.i18n``), in the current locale; what is
here is how figures, ranks and dates are put together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from commands.i18n import current_locale, decimal, t, tn
from commands.limits import clip
from data.domain.labels import label_code
from data.domain.notes import note_code
from data.domain.types import (
    BoardInfo,
    BoardStanding,
    BoardState,
    DateKind,
    HistorySeries,
    Row,
    TopFilters,
)

MEDALS = {1: "🥇", 2: "🥈", 3: "🥉"}


def number(value: float | None) -> str:
    """A score to at most two decimals, without trailing zeros (nothing more precise than
    sources publish, nothing invented): ``1,187``, ``57.46``, ``57.5``; ``–`` when missing."""
    if value is None:
        return "–"
    return decimal(value)


def rank_text(row: Row, tied_with: int = 0) -> str:
    """``#2 (tie)`` / ``#20`` / the source's own mark for unranked rows."""
    if row.rank is None:
        if row.rank_note:
            return t("rank.unranked_note", note=rank_note(row.rank_note))
        return t("rank.unranked")
    return t("rank.tie" if tied_with else "rank.number", rank=row.rank)


#: The catalogue key of each note code (``data.domain.notes``).
NOTES = {
    "reference": "rank.note.reference",
    "human": "rank.note.human",
    "adversarial": "rank.note.adversarial",
    "development": "rank.note.development",
    "baseline": "rank.note.baseline",
    "duplicate": "rank.note.duplicate",
    "no_interval": "rank.note.no_interval",
    "no_rating": "rank.note.no_rating",
    "no_resolved": "rank.note.no_resolved",
}


def rank_note(note: str) -> str:
    """Why a row is unranked, in the current locale when the note is one of ours (a stored
    note's text maps to its code), else as published."""
    key = NOTES.get(note_code(note) or "")
    return t(key) if key else note


#: The catalogue key of each score label code (``data.domain.labels``).
SCORE_LABELS = {
    "score": "score.label.score",
    "arena": "score.label.arena",
    "agent": "score.label.agent",
    "lc_win_rate": "score.label.lc_win_rate",
    "win_rate": "score.label.win_rate",
    "resolved": "score.label.resolved",
    "mt_bench": "score.label.mt_bench",
    "average": "score.label.average",
    "global_average": "score.label.global_average",
}


def score_label(board: BoardInfo) -> str:
    """What a board's score is called, in the current locale when the label is a known one."""
    key = SCORE_LABELS.get(label_code(board.score_label) or "")
    return t(key) if key else board.score_label


def medal(rank: int | None) -> str:
    """🥇🥈🥉 for the podium, nothing otherwise."""
    return MEDALS.get(rank, "") if rank is not None else ""


def movement(standing: BoardStanding) -> str:
    """Change since the previous snapshot: ``▲3``, ``▼2``, ``=``, ``new``, or nothing."""
    if standing.is_new:
        return t("rank.new")
    previous, current = standing.previous_rank, standing.row.rank
    if previous is None or current is None:
        return ""
    if current < previous:
        return f"▲{previous - current}"
    if current > previous:
        return f"▼{current - previous}"
    return "="


def interval(row: Row) -> str:
    """The 95 % interval as the board gives it, e.g. ``+4/-3``."""
    published = row.metrics.get("ci")
    if isinstance(published, str) and published:
        return published
    if row.ci_lower is None or row.ci_upper is None or row.score is None:
        return ""
    return f"+{number(row.ci_upper - row.score)}/-{number(row.score - row.ci_lower)}"


def board_title(board: BoardInfo) -> str:
    """A board's title in the current locale (SuperCLUE's own Chinese names in zh-CN)."""
    return board.title_for(current_locale())


def is_submission(row: Row) -> bool:
    """Whether the row is a submission run with models (SWE-bench), not a model itself."""
    return row.models is not None


def ran_with(row: Row, limit: int = 200) -> str:
    """``run with gpt-5, claude-sonnet-4`` for a submission ('' when it names no model)."""
    return clip(t("rank.ran_with", models=", ".join(row.models)), limit) if row.models else ""


def submission_models(count: int) -> str:
    """`` (12 models)`` after a submission run with several models ('' for one or none): a
    shared submission must not read as one model's own result."""
    return " " + tn("rank.submission_models", count) if count > 1 else ""


#: "Shared with N other …" for a rank other rows hold too (catalogue keys).
SHARED_WITH = {
    "submissions": "rank.explain.shared_submissions",
    "models": "rank.explain.shared_models",
}


def rank_explanation(standing: BoardStanding) -> str:
    """One line on what the rank means on this board."""
    row = standing.row
    if row.rank is None:
        return t("rank.explain.unranked")
    others = (
        "rank.explain.shared_submissions" if is_submission(row) else "rank.explain.shared_models"
    )
    shared = tn(others, standing.tied_with) if standing.tied_with else ""
    if is_submission(row):
        return shared + t("rank.explain.submission")
    if row.ci_lower is not None and row.ci_upper is not None:
        return shared + t("rank.explain.upper_bound")
    return shared + t("rank.explain.published")


def other_editions(series: Sequence[HistorySeries]) -> list[str]:
    """One line per model whose points of an earlier edition of the board were left out."""
    return [
        tn("history.other_edition", one.other_edition_points, model=plain(one.model))
        for one in series
        if one.other_edition_points
    ]


def plain(text: str, limit: int = 100) -> str:
    """Text as typed or published, on one line of printable characters, at most ``limit`` long
    (cut with an ellipsis): how terminals show names; embeds escape it further (``literal``)."""
    printable = "".join(ch for ch in text if ch.isprintable() or ch.isspace())
    return clip(" ".join(printable.split()), limit)


def sanitize(text: str, limit: int = 100) -> str:
    """User text safe to echo: no mentions, markdown or control characters, bounded length."""
    for token in ("@", "`", "*", "_", "~", "|", ">", "#"):
        text = text.replace(token, "")
    return plain(text, limit)


def rank_text_short(rank: int | None) -> str:
    """``#3`` or ``–`` for an unranked neighbour."""
    return t("rank.number", rank=rank) if rank is not None else "–"


def dates_span(dates: Sequence[date]) -> str:
    """``2024-07-07`` or ``2024-07-07 – 2024-12-31`` (earliest to latest), ``–`` for none."""
    if not dates:
        return "–"
    first, last = min(dates), max(dates)
    if first == last:
        return first.isoformat()
    return t("date.span", first=first.isoformat(), last=last.isoformat())


def line_note(line: str, quote: Callable[[str, int], str] = plain) -> str:
    """Why one answer shows several models: the query named a line, not one version."""
    return t("rank.line_note", line=quote(line, 100))


def shown_version(standing: BoardStanding) -> str:
    """Which version of a line a standing is of: the board's spelling, and for a submission
    the model tag it ran with."""
    row = standing.row
    if is_submission(row):
        return t("rank.submission_with", name=row.name, version=standing.version)
    return t("rank.version", version=standing.version or row.name)


def retired(final: date) -> str:
    """A retired board's date: ``retired, final snapshot 2025-03-21``."""
    return retired_text(final.isoformat())


def retired_text(final: str) -> str:
    """``retired, final snapshot <final>`` for a date already written out."""
    return t("date.retired", date=final)


#: How a snapshot's date reads, by how the source dated it (catalogue keys).
DAY = {
    "published": "date.published",
    "modified": "date.modified",
    "fetched": "date.fetched",
}
#: How a board's date reads in an answer, by the board's state; ``{dated}`` is ``DAY``'s text.
DATED = {
    "live": "date.live",
    "stale": "date.stale",
    "failing": "date.failing",
    "retired": "date.retired_dated",
}


#: A board's (or source's) state as a mark before its date; a retired board's date says it
#: ("retired, final snapshot …"), so its mark has no word.
STATE_MARKS = {
    "live": "boards.state.live",
    "stale": "boards.state.stale",
    "failing": "boards.state.failing",
    "retired": "boards.state.retired",
}


#: A board's state as a word (the console's ``/boards`` column).
STATE_WORDS = {
    "live": "boards.state_word.live",
    "stale": "boards.state_word.stale",
    "failing": "boards.state_word.failing",
    "retired": "boards.state_word.retired",
}


def state_word(state: BoardState) -> str:
    """``live``, ``stale``, ``failing`` or ``retired`` in the current locale."""
    return t(STATE_WORDS[state])


def state_mark(state: BoardState) -> str:
    """``🟢 live ·``, ``🟡 stale ·``, ``🔴 failing ·``, or ``⚫`` for retired."""
    return t(STATE_MARKS[state])


def day(as_of: date, kind: DateKind = "published") -> str:
    """A snapshot's date as the source gives it: ``2024-07-31``, or for a file that states
    none, ``modified 2026-12-01`` (its Last-Modified) or ``fetched 2026-12-03``."""
    return t(DAY[kind], date=as_of.isoformat())


def dated(
    as_of: date, kind: DateKind = "published", state: BoardState | None = None, lead: str = ""
) -> str:
    """A board's date in an answer, in words a reader notices when the board is not live:
    ``snapshot 2024-07-31``, ``⚠ stale: newest data 2024-07-31``, ``retired, final snapshot
    2025-03-21``. ``lead`` starts the live form (``snapshot``, ``as of``)."""
    text = t(DATED[state or "live"], lead=lead, dated=day(as_of, kind))
    return text.strip()


def not_live(states: Sequence[BoardState | None]) -> str:
    """``⚠ 2 board(s) not up to date`` when some boards are stale, failing or retired."""
    count = sum(state not in (None, "live") for state in states)
    return tn("date.stale_boards", count) if count else ""


def usd(value: float) -> str:
    """A cost in US dollars to at most four decimals, as LiveBench publishes it: ``$0.0105``,
    ``$1.19``; a positive cost too small for that reads ``<$0.0001``, never ``$0``."""
    if 0 < value < 0.00005:
        return t("cost.tiny")
    return t("cost.usd", amount=decimal(value, 4))


def cost(value: float | None) -> str:
    """``$0.0105/question``, or nothing where no cost is published."""
    return "" if value is None else t("cost.per_question", cost=usd(value))


def percent(share: float) -> str:
    """A probability as a whole percentage, never rounded to a certainty: ``62%``, ``>99%``."""
    if share > 0.995:
        return t("percent.over")
    if share < 0.005:
        return t("percent.under")
    return t("percent.value", value=f"{share * 100:.0f}")


def cell_rank(rank: int | None, note: str | None = None) -> str:
    """A rank in a comparison cell: ``#3``, or the source's mark for an unranked row."""
    if rank is not None:
        return t("rank.number", rank=rank)
    return rank_note(note) if note else "–"


def filters_text(filters: TopFilters) -> str:
    """What ``/top`` filtered on, e.g. ``open weights · organisation “Meta” · 7–70 B params``."""
    parts = []
    if filters.open_weights:
        parts.append(t("filters.open_weights"))
    if filters.organization:
        parts.append(t("filters.organization", value=sanitize(filters.organization, 40)))
    if filters.license:
        parts.append(t("filters.license", value=sanitize(filters.license, 40)))
    low, high = filters.min_params, filters.max_params
    if low is not None and high is not None:
        parts.append(t("filters.params_between", low=number(low), high=number(high)))
    elif low is not None:
        parts.append(t("filters.params_min", low=number(low)))
    elif high is not None:
        parts.append(t("filters.params_max", high=number(high)))
    return " · ".join(parts)


def facts_note(facts_as_of: date | None) -> str:
    """Where a ``/top`` page's organisations and licences come from, when not its snapshot."""
    return t("filters.facts_from", date=facts_as_of.isoformat()) if facts_as_of else ""
