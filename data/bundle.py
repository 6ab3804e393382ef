"""Snapshots shipped inside the package: the offline default, loaded into an empty database.

Files are byte-identical copies of the published ones; ``data/bundled/ATTRIBUTION.md`` credits
each source and states its licence.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from data.domain.types import SourceFile
from data.sources import REGISTRY


@dataclass(frozen=True, slots=True)
class BundledSnapshot:
    """One import: a source and the files it is parsed from (relative to ``data/bundled``)."""

    source_id: str
    files: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The files' own names, as an import records them."""
        return tuple(path.rsplit("/", 1)[-1] for path in self.files)


#: Every source's bundled snapshots (``LeaderboardSource.bundled``), in registry order. Besides
#: the newest snapshot of every board, a few mid-2024 ones give ``/history`` and ``as_of``
#: something to show offline (where Qwen2-72B-Instruct stood in July 2024).
BUNDLED: tuple[BundledSnapshot, ...] = tuple(
    BundledSnapshot(source_id, tuple(f"{source_id}/{name}" for name in files))
    for source_id, source in REGISTRY.items()
    for files in source.bundled
)


def read_bundled(snapshot: BundledSnapshot) -> list[SourceFile]:
    """The bytes of a bundled snapshot's files."""
    root = resources.files("data").joinpath("bundled")
    return [
        SourceFile(name, root.joinpath(path).read_bytes())
        for path, name in zip(snapshot.files, snapshot.names, strict=True)
    ]
