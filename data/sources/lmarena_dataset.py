"""The Hugging Face dataset ``lmarena-ai/leaderboard-dataset`` (CC BY 4.0): LMArena's live data.

Layout (SOURCES.md §8a): one folder per *subset* (``text``, ``vision``, ``webdev``,
``text_to_image``, ``agent``...), each with a ``latest`` parquet (each category's most recent
publication) and a ``full`` one (every publication). A subset is a board; its ``overall``
category is the board itself and the other categories are its category boards.

Quirks handled here: ``latest`` can hold several publication dates (one per category), so
every (category, date) is its own board snapshot with its own date; ``rank`` and
``vote_count`` are floats in some subsets; a NaN rating is an unranked row, kept; CIs are null
in the Elo era (ranked by score then); the published ``rank`` is a plain ordinal, so ranks are
the Arena's Rank (UB) computed from the CI, as everywhere else in Podium. Agent subsets publish
an IPS ``score`` with ``score_ci_*`` and observation/session counts instead.
"""

from __future__ import annotations

import io
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from data.domain import labels, notes
from data.domain.compare import AGENT_SCORE_LABEL
from data.domain.errors import SourceFormatError
from data.domain.types import BoardInfo, MetricValue, ParsedBoard, ParsedSnapshot, SourceFile
from data.sources.base import (
    Entry,
    PastPublications,
    build_board,
    slugify,
    style_control_board,
)

if TYPE_CHECKING:  # pyarrow is imported where parquet is read: it costs every start ~0.5 s
    import pyarrow as pa

SOURCE_ID = "lmarena"
DATASET = "lmarena-ai/leaderboard-dataset"
DATASET_URL = f"https://huggingface.co/datasets/{DATASET}"
OVERALL = "overall"
_SITE = "https://arena.ai/leaderboard"

_BT_COLUMNS = ("model_name", "rating", "rating_lower", "rating_upper", "vote_count", "category")
_AGENT_COLUMNS = ("model_name", "score", "score_ci_lower", "score_ci_upper", "category")
_DATE = "leaderboard_publish_date"
_STYLE_SUFFIX = "_style_control"

#: ``<subset>/latest-00000-of-00001.parquet`` as published, or a local copy named
#: ``<subset>_latest.parquet`` / ``<subset>-full-00000-of-00001.parquet``.
_FILE = re.compile(
    r"(?:^|/)(?P<subset>[A-Za-z0-9_]+?)[/_-](?P<split>latest|full)(?:[-_][\w-]*)?\.parquet$"
)

#: The arena.ai page of each subset that has one (others link the dataset).
_PAGES = {
    "text": "text",
    "vision": "vision",
    "webdev": "code",
    "search": "search",
    "document": "document",
    "text_to_image": "text-to-image",
    "image_edit": "image-edit",
    "text_to_video": "text-to-video",
    "image_to_video": "image-to-video",
    "video_edit": "video-edit",
}
#: What each known subset's voters compare, for board descriptions.
_SUBJECTS = {
    "text": "chat answers",
    "vision": "answers about images",
    "webdev": "web apps built from one prompt",
    "search": "search-grounded answers",
    "document": "answers about documents",
    "text_to_image": "images generated from text",
    "image_edit": "edited images",
    "text_to_video": "videos generated from text",
    "image_to_video": "videos generated from an image",
    "video_edit": "edited videos",
}
_TITLE_WORDS = {"webdev": "WebDev", "to": "to"}
#: The Chinese title of each known subset's board (a new subset's board has only its English one).
_TITLES_ZH = {
    "text": "LMArena 文本竞技场",
    "vision": "LMArena 视觉竞技场",
    "webdev": "LMArena WebDev 网页开发竞技场",
    "search": "LMArena 搜索竞技场",
    "document": "LMArena 文档竞技场",
    "text_to_image": "LMArena 文生图竞技场",
    "image_edit": "LMArena 图像编辑竞技场",
    "text_to_video": "LMArena 文生视频竞技场",
    "image_to_video": "LMArena 图生视频竞技场",
    "video_edit": "LMArena 视频编辑竞技场",
}
#: The Chinese names of the Arena's usual prompt categories (others keep their own name).
_CATEGORIES_ZH = {
    "coding": "编程",
    "math": "数学",
    "creative_writing": "创意写作",
    "hard_prompts": "高难度提示",
    "instruction_following": "指令遵循",
    "longer_query": "长提问",
    "multiturn": "多轮对话",
    "multi_turn": "多轮对话",
    "english": "英文",
    "chinese": "中文",
    "expert": "专家级提示",
}

#: Which (category, publication date) groups of a table to turn into boards.
_Keep = Callable[[str, date], bool]


def is_parquet(file: SourceFile) -> bool:
    """Whether ``file`` is a parquet file (it starts with the ``PAR1`` magic)."""
    return file.content[:4] == b"PAR1"


def split_of(name: str) -> tuple[str, str]:
    """``(subset, split)`` of a dataset file name or path; ``SourceFormatError`` otherwise."""
    match = _FILE.search(name)
    if match is None:
        raise SourceFormatError(
            SOURCE_ID,
            "cannot tell the dataset subset from the file name: name it like the dataset "
            "(<subset>/latest-00000-of-00001.parquet) or <subset>_latest.parquet",
            name,
        )
    return match["subset"].lower(), match["split"]


# --- boards ---------------------------------------------------------------------------------------


def subset_board(subset: str, *, agent: bool = False) -> BoardInfo:
    """The main board of a subset: ``text`` is ``lmarena``, ``vision`` is ``lmarena_vision``,
    a ``*_style_control`` subset the ``_style`` twin of its base subset's board."""
    base = subset.removesuffix(_STYLE_SUFFIX)
    board = BoardInfo(
        board_id="lmarena" if base == "text" else f"lmarena_{slugify(base)}",
        source_id=SOURCE_ID,
        title=f"LMArena {_title(base)}",
        title_zh=_TITLES_ZH.get(base),
        description=_description(base, agent=agent),
        score_label=AGENT_SCORE_LABEL if agent else labels.ARENA,
        url=f"{_SITE}/{_PAGES[base]}" if base in _PAGES else DATASET_URL,
    )
    if subset.endswith(_STYLE_SUFFIX):
        return style_control_board(board, f"The Arena {_title(base).lower()} board")
    return board


def category_board(main: BoardInfo, category: str) -> BoardInfo:
    """A category board of ``main`` (``lmarena_coding``, ``lmarena_style_coding``...)."""
    label = category.replace("_", " ")
    return replace(
        main,
        board_id=f"{main.board_id}_{slugify(category)}",
        title=f"{main.title}: {label}",
        description=f"{main.title} restricted to the {label!r} category of prompts.",
        category=category,
        title_zh=f"{main.title_zh}：{_CATEGORIES_ZH.get(category, label)}"
        if main.title_zh
        else None,
    )


def _title(base: str) -> str:
    return " ".join(_TITLE_WORDS.get(word, word.capitalize()) for word in base.split("_")).replace(
        " to ", "-to-"
    )


def _description(base: str, *, agent: bool) -> str:
    if agent:
        return (
            f"Agent arena ({_title(base)}): crowd-sourced sessions with agents, scored by "
            "inverse propensity weighting (0 is average)."
        )
    subject = _SUBJECTS.get(base, f"the {_title(base)} arena's answers")
    return f"Crowd-sourced blind pairwise votes on {subject} (Bradley-Terry score)."


# --- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SubsetTable:
    """One subset's rows, read from one or more parquet files of the same split."""

    subset: str
    split: str
    table: pa.Table
    agent: bool


def read_subsets(files: Sequence[SourceFile]) -> list[SubsetTable]:
    """Group the files by (subset, split) and read each group into one table."""
    return [read_subset(subset, split, group) for subset, split, group in group_files(files)]


def group_files(files: Sequence[SourceFile]) -> list[tuple[str, str, list[SourceFile]]]:
    """The files by (subset, split), shards in name order; the ``text`` subset first."""
    grouped: dict[tuple[str, str], list[SourceFile]] = defaultdict(list)
    for file in files:
        grouped[split_of(file.name)].append(file)
    return [
        (subset, split, sorted(group, key=lambda f: f.name))
        for (subset, split), group in sorted(
            grouped.items(), key=lambda item: (item[0][0] != "text", item[0])
        )
    ]


def read_subset(subset: str, split: str, files: list[SourceFile]) -> SubsetTable:
    """One subset's files of one split (its shards) as one table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables = []
    for file in files:
        try:
            tables.append(pq.read_table(io.BytesIO(file.content)))
        except (pa.ArrowException, OSError) as exc:
            raise SourceFormatError(
                SOURCE_ID, f"unreadable parquet ({' '.join(str(exc).split())[:200]})", file.name
            ) from exc
    names = set(tables[0].column_names)
    agent = all(column in names for column in _AGENT_COLUMNS)
    wanted = _AGENT_COLUMNS if agent else _BT_COLUMNS
    missing = [column for column in (*wanted, _DATE) if column not in names]
    if missing:
        raise SourceFormatError(
            SOURCE_ID,
            f"subset {subset!r} lacks the column(s) {', '.join(missing)}; found "
            f"{', '.join(sorted(names))[:300]}",
            files[0].name,
        )
    try:
        table = pa.concat_tables(tables, promote_options="permissive")
    except pa.ArrowException as exc:
        raise SourceFormatError(
            SOURCE_ID, f"the shards of {subset!r} do not share one schema", files[0].name
        ) from exc
    return SubsetTable(subset, split, _dates_as_text(table), agent)


def _dates_as_text(table: pa.Table) -> pa.Table:
    """The publication date as ``YYYY-MM-DD`` text, whatever type the file gives it (the card
    says string; a date or timestamp column reads the same)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    column = table.column(_DATE)
    if not pa.types.is_string(column.type):
        column = pc.cast(column, pa.string())
    text = pc.utf8_slice_codeunits(column, 0, 10)
    return table.set_column(table.schema.get_field_index(_DATE), _DATE, text)


def dates_of(subset: SubsetTable) -> list[date]:
    """The publication dates in a subset's table, oldest first."""
    values = subset.table.column(_DATE).unique().to_pylist()
    return sorted({_date(value) for value in values if value})


def latest_boards(subset: SubsetTable) -> list[ParsedBoard]:
    """Each category's newest publication in the table, as a board dated by that publication.

    Only the rows of those publications are turned into Python objects: a ``full`` table
    given to ``podium import`` holds a million rows.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    newest: dict[str, tuple[date, str]] = {}
    for category, day, raw in _pairs(subset.table):
        if category not in newest or day > newest[category][0]:
            newest[category] = (day, raw)
    raws = pa.array(sorted({raw for _, raw in newest.values()}), type=pa.string())
    recent = subset.table.filter(pc.is_in(subset.table.column(_DATE), raws))
    return _boards(
        replace(subset, table=recent),
        lambda category, day: category in newest and newest[category][0] == day,
    )


def boards_on(subset: SubsetTable, day: date) -> list[ParsedBoard]:
    """Every category board published on ``day`` (a ``full`` table holds many days)."""
    import pyarrow.compute as pc

    text = day.isoformat()
    mask = pc.equal(subset.table.column(_DATE), text)
    only = replace(subset, table=subset.table.filter(mask))
    return _boards(only, lambda _category, published: published == day)


def history(subsets: Sequence[SubsetTable], since: date | None = None) -> PastPublications:
    """One snapshot per publication date across ``subsets`` (their ``full`` tables), oldest
    first, from ``since`` on; each is built only when asked for."""
    days = tuple(
        sorted(
            {day for subset in subsets for day in dates_of(subset) if since is None or day >= since}
        )
    )

    def snapshots() -> Iterator[ParsedSnapshot]:
        for day in days:
            boards = [board for subset in subsets for board in boards_on(subset, day)]
            yield ParsedSnapshot(SOURCE_ID, day, tuple(boards))

    return PastPublications(days, snapshots())


def _pairs(table: pa.Table) -> set[tuple[str, date, str]]:
    """The (category, publication date, date as written) groups of a table."""
    pairs = table.select(["category", _DATE]).group_by(["category", _DATE]).aggregate([])
    return {
        (str(category), _date(day), str(day))
        for category, day in zip(
            pairs.column("category").to_pylist(), pairs.column(_DATE).to_pylist(), strict=True
        )
        if category and day
    }


def _boards(subset: SubsetTable, keep: _Keep) -> list[ParsedBoard]:
    """Boards of the rows whose (category, date) ``keep`` accepts; overall first."""
    groups: dict[tuple[str, date], list[Mapping[str, object]]] = defaultdict(list)
    for record in subset.table.to_pylist():
        category, day = record.get("category"), record.get(_DATE)
        if not category or not day:
            continue
        key = (str(category), _date(day))
        if keep(*key):
            groups[key].append(record)
    main = subset_board(subset.subset, agent=subset.agent)
    ordered = sorted(groups, key=lambda key: (key[0] != OVERALL, key[0], key[1]))
    boards = []
    for category, day in ordered:
        info = main if category == OVERALL else category_board(main, category)
        entries = [_entry(record, agent=subset.agent) for record in groups[(category, day)]]
        boards.append(_ranked(info, _distinct_keys(entries), day))
    return boards


def _distinct_keys(entries: list[Entry]) -> list[Entry]:
    """Entries whose model name repeats within one publication (webdev lists
    ``gpt-5.3-codex (codex-harness)`` twice, with different ratings) stay on the board as the
    Arena shows them: the best-rated keeps the name as its key, the others get ``… [2]``."""
    seen: dict[str, int] = defaultdict(int)
    ordered = sorted(entries, key=lambda e: (e.score is None, -(e.score or 0.0)))
    for entry in ordered:
        seen[entry.key] += 1
        if seen[entry.key] > 1:
            entry.key = f"{entry.key} [{seen[entry.key]}]"
    return entries


def _ranked(info: BoardInfo, entries: list[Entry], day: date) -> ParsedBoard:
    """Rank (UB) from the CIs when the publication has them; by score in the Elo era."""
    with_ci = any(e.ci_lower is not None and e.ci_upper is not None for e in entries)
    if with_ci:
        for entry in entries:
            if entry.ranked and (entry.ci_lower is None or entry.ci_upper is None):
                entry.unrank(notes.NO_INTERVAL)
    board = build_board(info, entries, ranking="ci" if with_ci else "score")
    return replace(board, as_of=day)


def _entry(record: Mapping[str, object], *, agent: bool) -> Entry:
    name = str(record.get("model_name") or "").strip()
    if not name:
        raise SourceFormatError(SOURCE_ID, "a row has no model_name")
    score_field, low_field, high_field = (
        ("score", "score_ci_lower", "score_ci_upper")
        if agent
        else ("rating", "rating_lower", "rating_upper")
    )
    score = _finite(record.get(score_field))
    metrics: dict[str, MetricValue] = {}
    if agent:
        for field, label in (("observation_count", "observations"), ("session_count", "sessions")):
            count = _count(record.get(field))
            metrics[label] = float(count) if count is not None else None
    entry = Entry(
        key=name,
        name=name,
        score=score,
        ci_lower=_finite(record.get(low_field)),
        ci_upper=_finite(record.get(high_field)),
        votes=None if agent else _count(record.get("vote_count")),
        organization=_text(record.get("organization")),
        license=_text(record.get("license")),
        metrics=metrics,
    )
    if score is None:
        entry.unrank(notes.NO_RATING)
    return entry


def _finite(value: object) -> float | None:
    """A finite float, or ``None`` for nulls and NaN (the dataset's two ways of "none")."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _count(value: object) -> int | None:
    """``vote_count``/``rank``-style numbers, published as float64 or int64, as an ``int``."""
    number = _finite(value)
    return int(number) if number is not None and number == int(number) else None


def _text(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _date(value: object) -> date:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise SourceFormatError(
            SOURCE_ID, f"leaderboard_publish_date {value!r} is not a YYYY-MM-DD date"
        ) from exc
