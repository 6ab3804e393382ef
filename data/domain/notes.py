"""Why a source leaves a row unranked: the notes sources write, each with a language-neutral code.

Snapshots store a note as the English text below (so stored data and the JSON ``rank_note``
field stay as they were); renderers look its code up (``note_code``) and show the catalogue's
text for it in the reader's language. A note not listed here is shown as published.
"""

from __future__ import annotations

REFERENCE = "reference model, not ranked"
HUMAN = "human baseline"
ADVERSARIAL = "adversarial test entry"
DEVELOPMENT = "development entry, not shown on the website"
BASELINE = "baseline (fixed at 50)"
DUPLICATE = "lower-scoring duplicate evaluation"
NO_INTERVAL = "no confidence interval published"
NO_RATING = "no rating published"
NO_RESOLVED = "no % resolved published"

#: Each known note text's code.
CODES = {
    REFERENCE: "reference",
    HUMAN: "human",
    ADVERSARIAL: "adversarial",
    DEVELOPMENT: "development",
    BASELINE: "baseline",
    DUPLICATE: "duplicate",
    NO_INTERVAL: "no_interval",
    NO_RATING: "no_rating",
    NO_RESOLVED: "no_resolved",
}


def note_code(note: str) -> str | None:
    """The code of a stored note, ``None`` for one no source of ours writes."""
    return CODES.get(note)
