"""AlpacaEval (tatsu-lab/alpaca_eval): GPT-4-judged win rates against a fixed baseline.

Formats read here, told apart by their header:
- the website (docs) CSV ``name,length_controlled_winrate,win_rate,…,samples,filter``;
- the raw (src) CSV, whose first, unnamed column is the model's result-folder key.

AlpacaEval 2.0 (baseline GPT-4 Turbo, ranked by length-controlled win rate) and 1.0 (baseline
text-davinci-003, ranked by raw win rate) files share one layout; the baseline row, the one
whose win rate is exactly 50, tells them apart, and the file name only when it is missing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import timedelta
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
    parse_float,
)

SOURCE_ID = "alpacaeval"

V2_BOARD = BoardInfo(
    board_id="alpacaeval",
    source_id=SOURCE_ID,
    title="AlpacaEval 2.0",
    title_zh="AlpacaEval 2.0 指令遵循自动评测",
    description=(
        "805 instructions; GPT-4 Turbo judges each answer against GPT-4 Turbo's own "
        "(length-controlled win rate, %)."
    ),
    score_label=labels.LC_WIN_RATE,
    url="https://tatsu-lab.github.io/alpaca_eval/",
)
V1_BOARD = BoardInfo(
    board_id="alpacaeval_v1",
    source_id=SOURCE_ID,
    title="AlpacaEval 1.0",
    title_zh="AlpacaEval 1.0 指令遵循自动评测",
    description="805 instructions; GPT-4 judges answers against text-davinci-003 (win rate, %).",
    score_label=labels.WIN_RATE,
    url="https://tatsu-lab.github.io/alpaca_eval/",
)

ADVERSARIAL_NOTE = notes.ADVERSARIAL
DEV_NOTE = notes.DEVELOPMENT

_DOCS_COLUMNS = ("name", "length_controlled_winrate", "win_rate", "samples")
_SRC_COLUMNS = ("win_rate", "length_controlled_winrate", "mode")
#: Result folders of the cheating test entries (``NullModel (adversarial)``,
#: ``GPT-4 (Adversarial)``); the src CSV has no pretty name to recognise them by.
_ADVERSARIAL_KEYS = {"nullmodel", "gpt4_gamed"}
_V1_BASELINES = {"text_davinci_003"}
_V2_BASELINES = {"gpt4_1106_preview"}
_RESULT_FOLDER = re.compile(r"/results/(?P<key>[^/]+)/")


class AlpacaEvalSource(LeaderboardSource):
    """AlpacaEval 2.0 and 1.0 leaderboards (website or raw CSV)."""

    source_id = SOURCE_ID
    cadence = timedelta(days=120)  # AlpacaEval adds models every few months.
    title = "AlpacaEval"
    colour = 0x2E8B57
    homepage = "https://tatsu-lab.github.io/alpaca_eval/"
    attribution = "AlpacaEval, Tatsu Lab, Stanford (tatsu-lab/alpaca_eval)"
    licence = "Data: CC BY-NC 4.0 (badge in the repository); code: Apache-2.0"
    default_url = (
        "https://raw.githubusercontent.com/tatsu-lab/alpaca_eval/main/docs/data_AlpacaEval_2/"
        "weighted_alpaca_eval_gpt4_turbo_leaderboard.csv"
    )
    min_rows = 20
    score_range = (0.0, 100.0)

    bundled = (
        ("alpacaeval1_docs_leaderboard_2024-05-17.csv",),
        ("alpacaeval2_docs_leaderboard_2024-06-21.csv",),
        ("alpacaeval2_docs_leaderboard_2024-08-17.csv",),
        ("alpacaeval2_docs_leaderboard_2024-12-27.csv",),
    )
    board_facts: ClassVar[Mapping[str, BoardFacts]] = {
        V2_BOARD.board_id: BoardFacts(metrics=(("win_rate", "Win rate %"),)),
        V1_BOARD.board_id: BoardFacts(metrics=(("win_rate", "Win rate %"),)),
    }

    def parse(self, files: Sequence[SourceFile]) -> ParsedSnapshot:
        """Read one docs or src CSV into the AlpacaEval 2.0 or 1.0 board."""
        file, header, records = only_csv(self.source_id, files)
        if all(column in header for column in _DOCS_COLUMNS):
            entries = [_docs_entry(record) for record in records if record["name"]]
        elif header and header[0] == "" and all(column in header for column in _SRC_COLUMNS):
            entries = [_src_entry(record) for record in records if record[""]]
        else:
            raise SourceFormatError(
                self.source_id,
                "not an AlpacaEval leaderboard CSV (docs: name, length_controlled_winrate, "
                "win_rate, samples; src: unnamed key column, win_rate, mode); "
                f"found {', '.join(header[:12])}",
                file.name,
            )
        if not entries:
            raise SourceFormatError(self.source_id, "the table has no rows", file.name)
        board = V1_BOARD if _is_version_1(entries, file.name) else V2_BOARD
        score_metric = "win_rate" if board is V1_BOARD else "length_controlled_winrate"
        for entry in entries:
            score = entry.metrics[score_metric]
            entry.score = score if isinstance(score, float) else None
        return ParsedSnapshot(
            self.source_id,
            date_from_name(file.name),
            (build_board(board, entries, ranking="score"),),
        )


def _docs_entry(record: dict[str, str]) -> Entry:
    """A website row; its key is the result folder of the ``samples`` URL when there is one.

    Pretty names are not unique (``GPT 3.5 Turbo (06/13)`` appears twice), result folders are.
    """
    name = record["name"]
    folder = _RESULT_FOLDER.search(record.get("samples", ""))
    return _entry(
        key=folder["key"] if folder else name,
        name=name,
        record=record,
        extra={
            "filter": optional_text(record.get("filter")),
            "link": optional_text(record.get("link")),
            "samples": optional_text(record.get("samples")),
        },
    )


def _src_entry(record: dict[str, str]) -> Entry:
    key = record[""]
    entry = _entry(
        key=key,
        name=key,
        record=record,
        extra={
            "mode": optional_text(record.get("mode")),
            "standard_error": parse_float(record.get("standard_error")),
            "lc_standard_error": parse_float(record.get("lc_standard_error")),
            "n_wins": parse_float(record.get("n_wins")),
            "n_draws": parse_float(record.get("n_draws")),
            "n_total": parse_float(record.get("n_total")),
            "discrete_win_rate": parse_float(record.get("discrete_win_rate")),
        },
    )
    if entry.metrics["mode"] == "dev" and entry.ranked:
        entry.unrank(DEV_NOTE)
    return entry


def _entry(key: str, name: str, record: dict[str, str], extra: dict[str, MetricValue]) -> Entry:
    entry = Entry(
        key=key,
        name=name,
        score=None,
        metrics={
            "length_controlled_winrate": parse_float(record.get("length_controlled_winrate")),
            "win_rate": parse_float(record.get("win_rate")),
            "avg_length": parse_float(record.get("avg_length")),
            **extra,
        },
    )
    if "(adversarial)" in name.lower() or key.lower() in _ADVERSARIAL_KEYS:
        entry.unrank(ADVERSARIAL_NOTE)
    return entry


def _is_version_1(entries: list[Entry], name: str) -> bool:
    """AlpacaEval 1.0 when its baseline (win rate exactly 50) is text-davinci-003."""
    for entry in entries:
        if entry.metrics["win_rate"] == 50.0:
            if entry.key in _V1_BASELINES:
                return True
            if entry.key in _V2_BASELINES:
                return False
    lowered = name.lower()
    return "alpacaeval1" in lowered or (
        "alpaca_eval_gpt4_leaderboard" in lowered and "turbo" not in lowered
    )
