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

    @property
    def names(self) -> tuple[str, ...]:
        """The files' own names, as an import records them."""
        return tuple(path.rsplit("/", 1)[-1] for path in self.files)


#: Loaded in this order, so for a board published in several formats the newest wins. Besides the
#: newest snapshot of every board, a few mid-2024 ones give ``/history`` and ``as_of`` something to
#: show offline (where Qwen2-72B-Instruct stood in July 2024).
BUNDLED: tuple[BundledSnapshot, ...] = (
    *(
        BundledSnapshot("lmarena", (f"lmarena/{name}",))
        for name in (
            "fboulnois_lmsys_2024-07-07.csv",
            "fboulnois_lmsys_2024-08-14.csv",
            "fboulnois_lmsys_2024-12-31.csv",
            "fboulnois_lmarena_text_2025-08-04.csv",
            "arenacatalog_leaderboard-text_2025-12-11.json",
            "arenacatalog_leaderboard-text-style-control_2025-12-11.json",
            "hfspace_leaderboard_table_20250511.csv",
        )
    ),
    *(
        BundledSnapshot("open_llm", (f"open_llm/{name}",))
        for name in (
            "fboulnois_huggingface_v1_2024-06-19.csv",
            "fboulnois_huggingface_v2_2024-07-13.csv",
            "fboulnois_huggingface_v2_2025-03-21.csv",
        )
    ),
    BundledSnapshot("superclue", ("superclue/superclue_2023-11.md",)),
    BundledSnapshot("superclue", ("superclue/superclue_2023-12.md",)),
    *(
        BundledSnapshot("alpacaeval", (f"alpacaeval/{name}",))
        for name in (
            "alpacaeval1_docs_leaderboard_2024-05-17.csv",
            "alpacaeval2_docs_leaderboard_2024-06-21.csv",
            "alpacaeval2_docs_leaderboard_2024-08-17.csv",
            "alpacaeval2_docs_leaderboard_2024-12-27.csv",
        )
    ),
    *(
        BundledSnapshot(
            "livebench", (f"livebench/{table}", f"livebench/livebench_categories_{release}.json")
        )
        for table, release in (
            ("livebench_table_2024_07_26_as_of_2024-08-19.csv", "2024_07_26"),
            ("livebench_table_2024_07_26_as_of_2024-09-07.csv", "2024_07_26"),
            ("livebench_table_2026_01_08_as_of_2026-06-30.csv", "2026_01_08"),
        )
    ),
    # The newest release: its latest revision in the stored snapshot, with the cost file.
    BundledSnapshot(
        "livebench",
        (
            "livebench/livebench_table_2026_06_25_as_of_2026-08-22.csv",
            "livebench/livebench_categories_2026_06_25.json",
            "livebench/livebench_cost_2026_06_25_as_of_2026-08-22.csv",
        ),
    ),
    # Arena-Hard-Auto v0.1 as history, then the current v2.0 board from the README.
    BundledSnapshot("arena_hard", ("arena_hard/arena_hard_leaderboard_20240731.csv",)),
    BundledSnapshot("arena_hard", ("arena_hard/arena_hard_past_leaderboards_as_of_2025-04-20.md",)),
    BundledSnapshot("arena_hard", ("arena_hard/arena_hard_v2_readme_as_of_2025-05-01.md",)),
    *(
        BundledSnapshot("swebench", (f"swebench/{name}",))
        for name in (
            "swebench_leaderboards_as_of_2025-10-06.json",
            "swebench_leaderboards_as_of_2025-11-19.json",
        )
    ),
)


def read_bundled(snapshot: BundledSnapshot) -> list[SourceFile]:
    """The bytes of a bundled snapshot's files."""
    root = resources.files("data").joinpath("bundled")
    return [
        SourceFile(name, root.joinpath(path).read_bytes())
        for path, name in zip(snapshot.files, snapshot.names, strict=True)
    ]
