"""Pure rules of ``/top``: what each filter means on the data the boards publish, and paging.

**Open weights** is decided only from what a board publishes, never guessed from a name:

- every row of a board whose source declares it open (``BoardFacts.open_weights``) is open:
  the Open LLM Leaderboard (each row a public Hugging Face Hub repository) and SuperCLUE's
  open-source board (``superclue_open_source``); so is the same model on the source's other
  boards of that round (``open_names``);
- a published licence marked proprietary (LMArena ``Proprietary``, also misspelt
  ``Propretary``; SuperCLUE ``专有服务``/``闭源``) is closed; any other named licence
  (Apache 2.0, Llama 3 Community, CC-BY-NC-4.0, SuperCLUE ``开源-可商用`` ...) is open;
- SuperCLUE's access column: ``模型`` (the model itself) is open, ``API``/``网页`` closed;
- a published open-weights flag (metric ``open_weights``, ``"true"``/``"false"``: SWE-bench's
  ``os_model``, its site's "Open Weights" filter) says so directly;
- anything else (no licence published: AlpacaEval, LiveBench, Arena-Hard) is unknown, and
  unknown rows never pass the filter. A board without a single known row refuses the filter
  rather than answer "none". A snapshot that publishes no licences or organisations (the
  Arena's JSON) takes them, model by model, from the board's newest snapshot that did
  (``with_published_facts``): who makes a model and under which licence do not change.

**Organisation** is the published organisation, or for Hub names (``Qwen/Qwen2-72B``) the
owner before the slash; matched case-insensitively as a substring (``deepseek`` matches
``DeepSeek AI``). **Licence** likewise matches the published licence text. **Parameters**
use the published ``params_b`` metric (billions); rows without it never pass a range.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from data.domain.errors import QueryProblem
from data.domain.types import NO_FACTS, BoardFacts, BoardInfo, Row, TopFilters, TopPage

_CLOSED_LICENCES = ("proprietary", "propretary", "专有", "闭源")
_OPEN_ACCESS = frozenset({"模型"})
_CLOSED_ACCESS = frozenset({"api", "网页"})

#: ``/top`` shows this many rows per page unless asked otherwise, and never more than the max.
DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 25


def open_weights(
    row: Row,
    board: BoardInfo,
    open_names: frozenset[str] = frozenset(),
    facts: BoardFacts = NO_FACTS,
) -> bool | None:
    """Whether the board says the row's weights are public; ``None`` when it does not say.

    ``open_names``: names the source lists on an open-weights board of the same round.
    """
    if facts.open_weights:
        return True
    if row.name in open_names:
        return True
    licence = (row.license or "").strip().lower()
    if licence and licence not in {"-", "unknown"}:
        return not any(marker in licence for marker in _CLOSED_LICENCES)
    access = row.metrics.get("access")
    if isinstance(access, str):
        if access.strip() in _OPEN_ACCESS:
            return True
        if access.strip().lower() in _CLOSED_ACCESS:
            return False
    flag = row.metrics.get("open_weights")
    return {"true": True, "false": False}.get(flag) if isinstance(flag, str) else None


def organization(row: Row) -> str | None:
    """The published organisation, else the owner of a Hub-style ``owner/model`` name."""
    if row.organization:
        return row.organization
    owner, slash, _ = row.name.partition("/")
    return owner if slash and owner else None


def params_billions(row: Row) -> float | None:
    """The published parameter count in billions; unknown when missing or not positive."""
    value = row.metrics.get("params_b")
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    return None


def with_published_facts(
    rows: Sequence[Row],
    models: Mapping[str, str],
    facts: Mapping[str, tuple[str | None, str | None]],
) -> list[Row]:
    """``rows`` with a missing organisation or licence taken from ``facts`` (per canonical
    model slug; ``models`` maps row keys to model slugs)."""
    filled = []
    for row in rows:
        slug = models.get(row.key)
        organization_, licence = facts.get(slug, (None, None)) if slug else (None, None)
        filled.append(
            replace(
                row,
                organization=row.organization or organization_,
                license=row.license or licence,
            )
        )
    return filled


def check_filters(
    board: BoardInfo,
    rows: Sequence[Row],
    filters: TopFilters,
    open_names: frozenset[str] = frozenset(),
    facts: BoardFacts = NO_FACTS,
) -> None:
    """Refuse a filter the board publishes no data for (``QueryProblem``), so an empty list
    always means "nothing matches", never "this board does not say"."""
    if filters.open_weights and all(
        open_weights(row, board, open_names, facts) is None for row in rows
    ):
        raise QueryProblem("no_licences", board.board_id)
    if filters.license and not any(row.license for row in rows):
        raise QueryProblem("no_licences", board.board_id)
    if filters.organization and not any(organization(row) for row in rows):
        raise QueryProblem("no_organizations", board.board_id)
    has_range = filters.min_params is not None or filters.max_params is not None
    if has_range and all(params_billions(row) is None for row in rows):
        raise QueryProblem("no_params", board.board_id)


def passes(
    row: Row,
    board: BoardInfo,
    filters: TopFilters,
    open_names: frozenset[str] = frozenset(),
    facts: BoardFacts = NO_FACTS,
) -> bool:
    """True when the row satisfies every filter."""
    if filters.open_weights and open_weights(row, board, open_names, facts) is not True:
        return False
    if filters.organization and not _contains(organization(row), filters.organization):
        return False
    if filters.license and not _contains(row.license, filters.license):
        return False
    if filters.min_params is not None or filters.max_params is not None:
        size = params_billions(row)
        if size is None:
            return False
        if filters.min_params is not None and size < filters.min_params:
            return False
        if filters.max_params is not None and size > filters.max_params:
            return False
    return True


def top_page(
    board: BoardInfo,
    as_of: date,
    rows: Sequence[Row],
    filters: TopFilters,
    page: int = 1,
    per_page: int = DEFAULT_PER_PAGE,
    open_names: frozenset[str] = frozenset(),
    facts: BoardFacts = NO_FACTS,
) -> TopPage:
    """Page ``page`` (clamped to the pages there are) of the rows passing ``filters``.

    Rows keep the board's order and published ranks: ties and unranked rows are shown as the
    source shows them, and filtering never renumbers.
    """
    check_filters(board, rows, filters, open_names, facts)
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    kept = [
        row
        for row in sorted(rows, key=lambda r: r.position)
        if passes(row, board, filters, open_names, facts)
    ]
    pages = max(1, math.ceil(len(kept) / per_page))
    page = max(1, min(page, pages))
    start = (page - 1) * per_page
    return TopPage(
        board=board,
        as_of=as_of,
        board_size=len(rows),
        matching=len(kept),
        page=page,
        pages=pages,
        per_page=per_page,
        rows=tuple(kept[start : start + per_page]),
        filters=filters,
        open_names=open_names,
        facts=facts,
    )


def _contains(value: str | None, wanted: str) -> bool:
    return value is not None and wanted.strip().casefold() in value.casefold()
