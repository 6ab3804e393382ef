"""SWE-bench (swe-bench.github.io): AI systems resolving real GitHub issues.

The site is rendered from one file, ``data/leaderboards.json``:
``{"leaderboards": [{"name": "Verified", "results": [{"name", "folder", "resolved", "date",
"tags": ["Model: ...", "Org: ...", "System: ..."], "warning", ...}]}]}``.

- **Verified** is the main board; every other leaderboard of the file (Lite, Multimodal,
  bash-only, Test, and whatever the site adds) is one of its category boards.
- A row is a **submission**: a system (agent scaffold) run with one or more models. Its ``name``
  is the submission's name as the site shows it; ``name`` is not unique, ``folder`` is, so rows
  are keyed on ``folder``. The models are only in the ``Model: ...`` tags, and a submission counts
  for each of them (``Row.models``); a submission without a model tag counts for no model.
  A tag that is a Hugging Face address names the model by its repository id.
- ``os_model`` (the site's "Open Weights" filter) is the ``open_weights`` flag ``/top`` filters on.
- Like the site: rows sorted by ``resolved`` (a percentage) descending, equal scores share a rank;
  a row carrying a ``warning`` is hidden (the site filters them out). Results are unsorted in the
  file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import timedelta

from data.domain import labels, notes
from data.domain.errors import SourceFormatError
from data.domain.types import BoardInfo, MetricValue, ParsedSnapshot, SourceFile
from data.sources.base import (
    Entry,
    LeaderboardSource,
    build_board,
    date_from_name,
    only_file,
    parse_float,
    read_json,
    slugify,
    source_errors,
)

SOURCE_ID = "swebench"
_SITE = "https://www.swebench.com/"
MAIN_LEADERBOARD = "Verified"
#: Tags are ``"<Kind>: <value>"``; these kinds say what the submission ran and who made it.
_MODEL, _ORG, _SYSTEM = "Model", "Org", "System"
_HUB = re.compile(r"^https?://(www\.)?huggingface\.co/", re.IGNORECASE)

MAIN_BOARD = BoardInfo(
    board_id=SOURCE_ID,
    source_id=SOURCE_ID,
    title="SWE-bench Verified",
    title_zh="SWE-bench Verified 软件工程评测（人工验证集）",
    description="Submissions (an agent system with its models) resolving 500 human-validated "
    "GitHub issues; % of issues resolved.",
    score_label=labels.RESOLVED,
    url=_SITE,
)


class SWEBenchSource(LeaderboardSource):
    """SWE-bench leaderboards: Verified, with Lite, Multimodal, bash-only and Test."""

    source_id = SOURCE_ID
    cadence = timedelta(days=30)  # new submissions every few weeks
    title = "SWE-bench"
    colour = 0xF39C12
    publishes = frozenset({"categories"})
    homepage = _SITE
    attribution = (
        "SWE-bench, Princeton NLP / Stanford (SWE-bench/swe-bench.github.io, "
        "data/leaderboards.json)"
    )
    licence = "CC BY-NC 4.0 (the site repository's LICENSE)"
    default_url = (
        "https://raw.githubusercontent.com/SWE-bench/swe-bench.github.io/main/data/"
        "leaderboards.json"
    )
    min_rows = 20
    score_range = (0.0, 100.0)

    bundled = (
        ("swebench_leaderboards_as_of_2025-10-06.json",),
        ("swebench_leaderboards_as_of_2025-11-19.json",),
    )

    def parse(self, files: Sequence[SourceFile]) -> ParsedSnapshot:
        """Read ``leaderboards.json`` into the Verified board and its category boards."""
        file = only_file(self.source_id, files)
        with source_errors(self.source_id):
            document = read_json(file)
        leaderboards = _leaderboards(document, file.name)
        if MAIN_LEADERBOARD not in leaderboards:
            raise SourceFormatError(
                self.source_id,
                f"no {MAIN_LEADERBOARD} leaderboard; found {', '.join(leaderboards) or 'none'}",
                file.name,
            )
        boards = tuple(
            build_board(
                _board_info(name),
                [_entry(result) for result in results if _shown(result)],
                ranking="score",
            )
            for name, results in leaderboards.items()
        )
        return ParsedSnapshot(self.source_id, date_from_name(file.name), boards)


def _leaderboards(document: object, where: str) -> dict[str, list[Mapping[str, object]]]:
    """``{leaderboard name: its results}``, in the file's order, Verified first."""
    listed = document.get("leaderboards") if isinstance(document, dict) else None
    if not isinstance(listed, list):
        raise SourceFormatError(
            SOURCE_ID, 'not SWE-bench leaderboards.json (no "leaderboards" list)', where
        )
    found: dict[str, list[Mapping[str, object]]] = {}
    for board in listed:
        name = board.get("name") if isinstance(board, dict) else None
        results = board.get("results") if isinstance(board, dict) else None
        if not isinstance(name, str) or not isinstance(results, list):
            raise SourceFormatError(SOURCE_ID, "a leaderboard without a name or results", where)
        found[name.strip()] = [result for result in results if isinstance(result, dict)]
    main = found.pop(MAIN_LEADERBOARD, None)
    return {MAIN_LEADERBOARD: main, **found} if main is not None else found


def _board_info(name: str) -> BoardInfo:
    if name == MAIN_LEADERBOARD:
        return MAIN_BOARD
    return BoardInfo(
        board_id=f"{SOURCE_ID}_{slugify(name)}",
        source_id=SOURCE_ID,
        title=f"SWE-bench {name}",
        title_zh=f"SWE-bench {name} 软件工程评测",
        description=f"SWE-bench {name}: submissions (an agent system with its models); "
        "% of issues resolved.",
        score_label=labels.RESOLVED,
        url=_SITE,
        category=name,
    )


def _shown(result: Mapping[str, object]) -> bool:
    """Whether the site lists the result: it needs a folder and a name and no warning."""
    return bool(_text(result.get("folder")) and _text(result.get("name"))) and not result.get(
        "warning"
    )


def _entry(result: Mapping[str, object]) -> Entry:
    tags = _tags(result.get("tags"))
    entry = Entry(
        key=_text(result.get("folder")) or "",
        name=_text(result.get("name")) or "",
        score=_number(result.get("resolved")),
        organization=next(iter(tags.get(_ORG, ())), None),
        models=tuple(dict.fromkeys(_model_name(tag) for tag in tags.get(_MODEL, ()))),
    )
    entry.metrics = {
        "date": _text(result.get("date")),
        "system": "; ".join(tags.get(_SYSTEM, ())) or None,
        "cost": _number(result.get("cost")),
        "instance_cost": _number(result.get("instance_cost")),
        "site": _text(result.get("site")),
        "open_weights": _flag(result.get("os_model")),
        "os_system": _flag(result.get("os_system")),
        "checked": _flag(result.get("checked")),
    }
    if entry.score is None:
        entry.unrank(notes.NO_RESOLVED)
    return entry


def _tags(value: object) -> dict[str, list[str]]:
    """``["Model: gpt-5", "Org: OpenAI"]`` -> ``{"Model": ["gpt-5"], "Org": ["OpenAI"]}``."""
    found: dict[str, list[str]] = {}
    for tag in value if isinstance(value, list) else ():
        kind, colon, text = str(tag).partition(":")
        if colon and text.strip():
            found.setdefault(kind.strip(), []).append(text.strip())
    return found


def _model_name(tag: str) -> str:
    """A model as a tag names it; a Hugging Face address is its repository id
    (``https://huggingface.co/zai-org/GLM-4.6`` -> ``zai-org/GLM-4.6``)."""
    return _HUB.sub("", tag).strip("/") or tag


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _number(value: object) -> float | None:
    """A finite number (``resolved`` may also come as a numeric string)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    return parse_float(str(value))


def _flag(value: object) -> MetricValue:
    return ("true" if value else "false") if isinstance(value, bool) else None
