"""Hugging Face Open LLM Leaderboard (v2, 2024-06 to 2025-03, and the frozen v1): retired.

Hugging Face retired the leaderboard in 2025; the last collected file is the one of 2025-03-21
and the collection later deleted it (the old address answers 404). The source is fetched from a
commit-pinned address once, never scheduled (``retired_on``).

Formats read here, told apart by their header (all collected by fboulnois/llm-leaderboard-csv):
- v2 API CSV (from 2024-12-11): the flattened leaderboard JSON, one ``id`` per evaluation;
- v2 UI-scrape CSV (2024-07 to 2024-12-10): the table the Gradio UI showed;
- v1 UI-scrape CSV: ARC, HellaSwag, MMLU, TruthfulQA, Winogrande, GSM8K.

A model is often evaluated several times (precision, commit): every evaluation stays a row, but
only the best-scoring row of each model takes a rank.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import ClassVar

from data.domain import labels, notes
from data.domain.errors import SourceFormatError
from data.domain.types import BoardFacts, BoardInfo, MetricValue, ParsedSnapshot, SourceFile
from data.sources.base import (
    Entry,
    LeaderboardSource,
    build_board,
    date_from_name,
    only_csv,
    optional_text,
    parse_bool,
    parse_float,
)

SOURCE_ID = "open_llm"

V2_BOARD = BoardInfo(
    board_id="open_llm",
    source_id=SOURCE_ID,
    title="Open LLM Leaderboard v2",
    title_zh="Open LLM 开源大模型排行榜 v2",
    description=(
        "Open-weight models on IFEval, BBH, MATH Lvl 5, GPQA, MuSR and MMLU-PRO "
        "(normalised 0-100), Hugging Face 2024-2025."
    ),
    score_label=labels.AVERAGE,
    url="https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard",
)
V1_BOARD = BoardInfo(
    board_id="open_llm_v1",
    source_id=SOURCE_ID,
    title="Open LLM Leaderboard v1",
    title_zh="Open LLM 开源大模型排行榜 v1",
    description=(
        "Open-weight models on ARC, HellaSwag, MMLU, TruthfulQA, Winogrande and GSM8K "
        "(frozen 2024-06)."
    ),
    score_label=labels.AVERAGE,
    url="https://huggingface.co/spaces/open-llm-leaderboard-old/open_llm_leaderboard",
)

DUPLICATE_NOTE = notes.DUPLICATE

_V2_TASKS = ("ifeval", "bbh", "math_lvl_5", "gpqa", "musr", "mmlu_pro")
_V2_API_STEMS = dict(
    zip(_V2_TASKS, ("ifeval", "bbh", "math", "gpqa", "musr", "mmlu_pro"), strict=True)
)
_V2_UI_COLUMNS = dict(
    zip(_V2_TASKS, ("ifeval", "bbh", "math_lvl_5", "gpqa", "musr", "mmlupro"), strict=True)
)
_V1_TASKS = ("arc", "hellaswag", "mmlu", "truthfulqa", "winogrande", "gsm8k")

#: Metric name -> column, per layout. Task scores are 0-100; ``<task>_raw`` is the 0-1 accuracy.
_API_COLUMNS = {
    **{task: f"evaluations_{stem}_normalized_score" for task, stem in _V2_API_STEMS.items()},
    **{f"{task}_raw": f"evaluations_{stem}_value" for task, stem in _V2_API_STEMS.items()},
    "precision": "model_precision",
    "type": "model_type",
    "architecture": "model_architecture",
    "weight_type": "model_weight_type",
    "params_b": "metadata_params_billions",
    "hub_license": "metadata_hub_license",
    "hub_hearts": "metadata_hub_hearts",
    "model_sha": "model_sha",
    "chat_template": "model_has_chat_template",
    "merged": "features_is_merged",
    "moe": "features_is_moe",
    "flagged": "features_is_flagged",
    "submission_date": "metadata_submission_date",
    "upload_date": "metadata_upload_date",
    "base_model": "metadata_base_model",
    "co2_cost_kg": "metadata_co2_cost",
}
_UI_COLUMNS = {
    "precision": "precision",
    "type": "type",
    "architecture": "architecture",
    "weight_type": "weight_type",
    "params_b": "params_b",
    "hub_license": "hub_license",
    "hub_hearts": "hub_hearts",
    "model_sha": "model_sha",
    "moe": "moe",
    "flagged": "flagged",
}
_UI_V2_COLUMNS = {
    **_V2_UI_COLUMNS,
    **{f"{task}_raw": f"{column}_raw" for task, column in _V2_UI_COLUMNS.items()},
    **_UI_COLUMNS,
    "chat_template": "chat_template",
    "merged": "not_merged",
    "submission_date": "submission_date",
    "upload_date": "upload_to_hub_date",
}
_V1_COLUMNS = {
    **{task: task for task in _V1_TASKS},
    **_UI_COLUMNS,
    "merged": "merged",
    "submission_date": "date",
}

#: Model types as published (``💬 chat models (RLHF, …)`` in the UI, ``chatmodels`` in the API),
#: squeezed to letters and dashes, -> one readable spelling.
_TYPES = {
    "chatmodels": "chat",
    "fine-tunedondomain-specificdatasets": "fine-tuned",
    "basemergesandmoerges": "merge",
    "pretrained": "pretrained",
    "continuouslypretrained": "continuously pretrained",
    "multimodal": "multimodal",
    "other": "other",
}


def _params(value: str | None) -> float | None:
    number = parse_float(value)
    # -1 (and 0) stand for "unknown" in the published data.
    return number if number is not None and number > 0 else None


def _model_type(value: str | None) -> str | None:
    squeezed = re.sub(r"[^a-z-]", "", (value or "").split("(", 1)[0].lower())
    return _TYPES.get(squeezed, squeezed or None)


def _negated(value: str | None) -> str | None:
    return {"true": "false", "false": "true"}.get(parse_bool(value) or "")


_CONVERTERS: dict[str, Callable[[str | None], MetricValue]] = {
    **{task: parse_float for task in (*_V2_TASKS, *_V1_TASKS)},
    **{f"{task}_raw": parse_float for task in _V2_TASKS},
    "params_b": _params,
    "hub_hearts": parse_float,
    "co2_cost_kg": parse_float,
    "type": _model_type,
    "chat_template": parse_bool,
    "merged": parse_bool,
    "moe": parse_bool,
    "flagged": parse_bool,
}


@dataclass(frozen=True, slots=True)
class _Layout:
    """How one CSV layout names things: its board, identifying columns and metric columns."""

    board: BoardInfo
    required: tuple[str, ...]
    name: str
    average: str
    columns: dict[str, str]
    #: Metrics whose column states the opposite (the v2 UI's ``not_merged``).
    negated: frozenset[str]
    key: Callable[[dict[str, str]], str]

    def entry(self, record: dict[str, str]) -> Entry:
        """One evaluation, not ranked yet, with every metric under its common name."""
        metrics: dict[str, MetricValue] = {}
        for metric, column in self.columns.items():
            convert = _negated if metric in self.negated else _CONVERTERS.get(metric, optional_text)
            metrics[metric] = convert(record.get(column))
        licence = metrics["hub_license"]
        return Entry(
            key=self.key(record),
            name=record[self.name],
            score=parse_float(record[self.average]),
            license=licence if isinstance(licence, str) else None,
            metrics=metrics,
        )


def _ui_v2_key(record: dict[str, str]) -> str:
    """The API layout's ``id`` (name_precision_sha_ChatTemplate), so keys join across layouts."""
    chat_template = (parse_bool(record.get("chat_template")) or "").title()
    return "_".join((record["fullname"], record["precision"], record["model_sha"], chat_template))


def _v1_key(record: dict[str, str]) -> str:
    return "_".join((record["fullname"], record["precision"], record["model_sha"]))


_LAYOUTS = (
    _Layout(
        V2_BOARD,
        ("id", "model_name", "model_average_score"),
        "model_name",
        "model_average_score",
        _API_COLUMNS,
        frozenset(),
        lambda record: record["id"],
    ),
    _Layout(
        V2_BOARD,
        ("fullname", "average", "ifeval", "precision", "model_sha"),
        "fullname",
        "average",
        _UI_V2_COLUMNS,
        frozenset({"merged"}),
        _ui_v2_key,
    ),
    _Layout(
        V1_BOARD,
        ("fullname", "average", "arc", "hellaswag", "precision", "model_sha"),
        "fullname",
        "average",
        _V1_COLUMNS,
        frozenset(),
        _v1_key,
    ),
)


class OpenLLMSource(LeaderboardSource):
    """Open LLM Leaderboard, v2 (API or UI CSV) and v1."""

    source_id = SOURCE_ID
    cadence = timedelta(days=7)  # It published several times a week until it was retired.
    title = "Open LLM Leaderboard (Hugging Face)"
    colour = 0xFFB000
    publishes = frozenset({"licences", "parameters"})
    homepage = "https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard"
    attribution = (
        "Hugging Face Open LLM Leaderboard; CSV snapshots collected by "
        "fboulnois/llm-leaderboard-csv (MPL-2.0)"
    )
    licence = (
        "No data licence stated by the leaderboard (Hub License is each model's own licence); "
        "fboulnois CSV collection MPL-2.0"
    )
    #: The final file (v2 API CSV of 2025-03-21) at the commit that last changed it.
    default_url = (
        "https://raw.githubusercontent.com/fboulnois/llm-leaderboard-csv/"
        "0f4e5c69c6fb6515afa31ae61f4d699649bc9503/csv/huggingface_v2.csv"
    )
    min_rows = 20
    score_range = (0.0, 100.0)
    retired_on = date(2025, 3, 21)

    bundled = (
        ("fboulnois_huggingface_v1_2024-06-19.csv",),
        ("fboulnois_huggingface_v2_2024-07-13.csv",),
        ("fboulnois_huggingface_v2_2025-03-21.csv",),
    )
    #: Every row is a public Hugging Face Hub repository; the benchmark tasks are scores too.
    board_facts: ClassVar[Mapping[str, BoardFacts]] = {
        V2_BOARD.board_id: BoardFacts(
            metrics=(
                ("ifeval", "IFEval"),
                ("bbh", "BBH"),
                ("math_lvl_5", "MATH Lvl 5"),
                ("gpqa", "GPQA"),
                ("musr", "MuSR"),
                ("mmlu_pro", "MMLU-PRO"),
            ),
            open_weights=True,
        ),
        V1_BOARD.board_id: BoardFacts(
            metrics=(
                ("arc", "ARC"),
                ("hellaswag", "HellaSwag"),
                ("mmlu", "MMLU"),
                ("truthfulqa", "TruthfulQA"),
                ("winogrande", "Winogrande"),
                ("gsm8k", "GSM8K"),
            ),
            open_weights=True,
        ),
    }

    def parse(self, files: Sequence[SourceFile]) -> ParsedSnapshot:
        """Read one v2 (API or UI) or v1 CSV into its board."""
        file, header, records = only_csv(self.source_id, files)
        layout = _layout(header, file)
        entries = [layout.entry(record) for record in records if record[layout.name]]
        if not entries:
            raise SourceFormatError(self.source_id, "the table has no rows", file.name)
        _unrank_duplicates(entries)
        board = build_board(layout.board, entries, ranking="score")
        # The pinned final file is named without a date: it is the final snapshot.
        as_of = date_from_name(file.name) or self.retired_on
        return ParsedSnapshot(self.source_id, as_of, (board,))


def _layout(header: list[str], file: SourceFile) -> _Layout:
    for layout in _LAYOUTS:
        if all(column in header for column in layout.required):
            return layout
    raise SourceFormatError(
        SOURCE_ID,
        "not an Open LLM Leaderboard CSV (v2 API: id, model_name, model_average_score; "
        "UI: fullname, average plus ifeval (v2) or arc (v1)); "
        f"found {', '.join(header[:12])}",
        file.name,
    )


def _unrank_duplicates(entries: list[Entry]) -> None:
    """Leave only the best-scoring evaluation of each model ranked (the first one on ties)."""
    best: dict[str, Entry] = {}
    for entry in entries:
        current = best.get(entry.name)
        if current is None or (entry.score or 0.0) > (current.score or 0.0):
            best[entry.name] = entry
    for entry in entries:
        if best[entry.name] is not entry:
            entry.unrank(DUPLICATE_NOTE)
