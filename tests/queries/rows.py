"""Hand-made rows and boards for the pure rules' table tests."""

from __future__ import annotations

from data.domain.types import BoardInfo, MetricValue, Row

SOURCES = ("lmarena", "open_llm", "superclue", "alpacaeval", "livebench", "arena_hard")


def board(board_id: str, source_id: str = "", category: str | None = None) -> BoardInfo:
    """A board with just the fields the rules look at."""
    return BoardInfo(
        board_id=board_id,
        source_id=source_id or next(s for s in SOURCES if board_id.startswith(s)),
        title=board_id.replace("_", " ").title(),
        description="",
        score_label="Score",
        url="https://example.org",
        category=category,
    )


def row(
    name: str,
    rank: int | None = None,
    score: float | None = None,
    position: int = 1,
    *,
    license: str | None = None,
    organization: str | None = None,
    key: str | None = None,
    **metrics: MetricValue,
) -> Row:
    """A row; metrics as keyword arguments."""
    return Row(
        key=key or name.lower(),
        name=name,
        rank=rank,
        score=score,
        position=position,
        license=license,
        organization=organization,
        metrics=metrics,
    )
