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
    """The source could not be downloaded (network, HTTP status, size cap).

    ``status`` is the HTTP status that refused it, ``None`` when no answer came (or the
    answer was refused for another reason, e.g. its size).
    """

    def __init__(
        self, source_id: str, reason: str, where: str = "", *, status: int | None = None
    ) -> None:
        super().__init__(source_id, reason, where)
        self.status = status

    @property
    def absent(self) -> bool:
        """Whether the server said there is nothing at this address (404 Not Found, 410 Gone),
        as opposed to failing to answer."""
        return self.status in (404, 410)


class RefreshInProgress(LeaderboardError):
    """Another refresh holds the lock; join it or try later."""


class QueryProblem(LeaderboardError):
    """A well-formed query the stored data cannot answer as asked.

    ``reason`` is a stable code the renderers turn into words (``same_model``,
    ``no_licences``, ``no_params``, ``no_categories``, ``unknown_category``,
    ``no_shared_board``, ``no_history``, ``too_many_models``, ``future_date``); ``detail``
    fills the message (a board id, a category, a model name, a date).
    """

    def __init__(self, reason: str, detail: str = "", known: tuple[str, ...] = ()) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.known = known


class SubscriptionProblem(LeaderboardError):
    """A subscription request that cannot be carried out.

    ``reason`` is a stable code the renderers turn into words: ``unknown_subscription`` (no
    such subscription, or not one this user may change), ``too_many`` (``limit`` reached).
    """

    def __init__(self, reason: str, limit: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.limit = limit
