"""Errors the domain raises; ``bot/tree.py`` maps them to short user-facing messages."""

from __future__ import annotations


class LeaderboardError(Exception):
    """Base of every error a user may be told about."""


class UnknownBoard(LeaderboardError):
    """The user named a board we do not have."""

    def __init__(self, board: str, known: list[str]) -> None:
        super().__init__(board)
        self.board = board
        self.known = known


class NoData(LeaderboardError):
    """The database holds no snapshot yet (or none for the requested date)."""


class UnknownSource(LeaderboardError):
    """A source id that is not registered."""

    def __init__(self, source_id: str, known: list[str]) -> None:
        super().__init__(source_id)
        self.source_id = source_id
        self.known = known


class SourceError(LeaderboardError):
    """A source could not be fetched or parsed; the database keeps what it had."""

    def __init__(self, source_id: str, reason: str, where: str = "") -> None:
        super().__init__(f"{source_id}: {reason}" + (f" ({where})" if where else ""))
        self.source_id = source_id
        self.reason = reason
        self.where = where


class SourceFormatError(SourceError):
    """The file is not in a format the source's parser understands."""


class SourceUnavailable(SourceError):
    """The source could not be downloaded (network, HTTP status, size cap)."""


class SnapshotRefused(SourceError):
    """The parsed snapshot failed validation (too few rows, too many vanished models, ...)."""


class RefreshInProgress(LeaderboardError):
    """Another refresh holds the lock; join it or try later."""
