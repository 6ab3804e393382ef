"""Shared test helpers: real fixture files, board and row look-ups, an in-memory fetcher."""

from __future__ import annotations

from pathlib import Path

from data.domain.errors import SourceUnavailable
from data.domain.types import ParsedBoard, ParsedSnapshot, Row, SourceFile
from data.sources import get_source
from data.sources.base import FetchResponse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def fixture(relative: str) -> SourceFile:
    """A real published file from ``tests/fixtures`` under its own name."""
    path = FIXTURES / relative
    return SourceFile(path.name, path.read_bytes())


def parse(source_id: str, *relative: str) -> ParsedSnapshot:
    """Parse fixture files with the registered adapter of ``source_id``."""
    return get_source(source_id).parse([fixture(path) for path in relative])


def board(snapshot: ParsedSnapshot, board_id: str) -> ParsedBoard:
    """The board ``board_id`` of a snapshot (fails the test when absent)."""
    found = [b for b in snapshot.boards if b.board.board_id == board_id]
    assert len(found) == 1, f"{board_id} not in {[b.board.board_id for b in snapshot.boards]}"
    return found[0]


def row(parsed: ParsedBoard, name: str) -> Row:
    """The one row of a board with this display name."""
    found = [r for r in parsed.rows if r.name == name]
    assert len(found) == 1, f"{len(found)} rows named {name!r} on {parsed.board.board_id}"
    return found[0]


def ranks(parsed: ParsedBoard) -> list[int | None]:
    """The board's ranks in board order."""
    return [r.rank for r in parsed.rows]


class FakeFetcher:
    """The ``Fetcher`` protocol over an in-memory site: unknown URLs answer 404, URLs in
    ``failing`` fail as an unreachable host would (``down`` makes every URL fail)."""

    def __init__(
        self, pages: dict[str, bytes], *, failing: frozenset[str] = frozenset(), down: bool = False
    ) -> None:
        self.pages = pages
        self.failing = failing
        self.down = down
        self.requested: list[str] = []
        #: Whether each request was a probe, in request order.
        self.probes: list[bool] = []

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        probe: bool = False,
    ) -> FetchResponse:
        """Serve ``url`` from memory, or raise ``SourceUnavailable`` as a 404 (or, for a failing
        URL, a connection error) would."""
        self.requested.append(url)
        self.probes.append(probe)
        if self.down or url in self.failing:
            raise SourceUnavailable("fake", "could not connect: Connection refused", url)
        if url not in self.pages:
            raise SourceUnavailable("fake", "HTTP 404", url, status=404)
        return FetchResponse(url, 200, self.pages[url], etag=f'"{len(self.requested)}"')
