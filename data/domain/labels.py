"""What boards call their scores: the labels sources publish, each with a language-neutral code.

Boards store the English label (stored data and the JSON ``score_label`` field stay as they
were); renderers look its code up (``label_code``) and show the catalogue's text for it in the
reader's language. A label not listed here (e.g. a LiveBench category's) shows as published.
"""

from __future__ import annotations

SCORE = "Score"
ARENA = "Arena score"
AGENT = "Agent score (IPS)"
LC_WIN_RATE = "LC win rate %"
WIN_RATE = "Win rate %"
RESOLVED = "% Resolved"
MT_BENCH = "MT-bench score"
AVERAGE = "Average"
GLOBAL_AVERAGE = "Global average"

#: Each known label's code.
CODES = {
    SCORE: "score",
    ARENA: "arena",
    AGENT: "agent",
    LC_WIN_RATE: "lc_win_rate",
    WIN_RATE: "win_rate",
    RESOLVED: "resolved",
    MT_BENCH: "mt_bench",
    AVERAGE: "average",
    GLOBAL_AVERAGE: "global_average",
}


def label_code(label: str) -> str | None:
    """The code of a board's score label, ``None`` for one no source of ours publishes."""
    return CODES.get(label)
