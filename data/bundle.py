"""Snapshots shipped inside the package: the offline default, loaded into an empty database.

Files are byte-identical copies of the published ones; ``data/bundled/ATTRIBUTION.md`` credits
each source and states its licence.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from data.domain.types import SourceFile


@dataclass(frozen=True, slots=True)
class BundledSnapshot:
    """One import: a source and the files it is parsed from (relative to ``data/bundled``)."""

    source_id: str
    files: tuple[str, ...]


#: Loaded in this order, so for a board published in several formats the newest wins.
BUNDLED: tuple[BundledSnapshot, ...] = (
    BundledSnapshot("lmarena", ("lmarena/fboulnois_lmarena_text_2025-08-04.csv",)),
)


def read_bundled(snapshot: BundledSnapshot) -> list[SourceFile]:
    """The bytes of a bundled snapshot's files."""
    root = resources.files("data").joinpath("bundled")
    return [
        SourceFile(path.rsplit("/", 1)[-1], root.joinpath(path).read_bytes())
        for path in snapshot.files
    ]
