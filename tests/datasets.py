"""Real published files loaded into a test database, named by what they let tests check."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import pytest_asyncio

from bot.services import open_services
from bot.settings import Settings
from commands import Services
from tests.conftest import BACKENDS, FrozenClock, empty_database, fixture_file

#: When the mid-2024 files were "checked" (every source check gets this time).
LOADED_AT = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)

#: Mid-2024: Qwen2-72B-Instruct on every source, with two or more snapshots of most boards
#: (LMArena page CSVs 2024-07-07 and 2024-08-14, AlpacaEval 2.0 before and after Qwen2 was
#: added, Arena-Hard-Auto 2024-07-03 and 07-31, LiveBench 2024-07-26 in two states, the Open
#: LLM Leaderboard v2 of 2024-07-13, SuperCLUE's last two monthly boards of 2023).
MID_2024: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("lmarena", ("lmarena/fboulnois_lmsys_2024-07-07.csv",)),
    ("lmarena", ("lmarena/fboulnois_lmsys_2024-08-14.csv",)),
    ("alpacaeval", ("alpacaeval/alpacaeval2_docs_leaderboard_2024-06-21.csv",)),
    ("alpacaeval", ("alpacaeval/alpacaeval2_docs_leaderboard_2024-08-17.csv",)),
    ("arena_hard", ("arenahard/arena_hard_leaderboard_20240703.csv",)),
    ("arena_hard", ("arenahard/arena_hard_leaderboard_20240731.csv",)),
    (
        "livebench",
        (
            "livebench/livebench_table_2024_07_26_as_of_2024-08-19.csv",
            "livebench/livebench_categories_2024_07_26.json",
        ),
    ),
    (
        "livebench",
        (
            "livebench/livebench_table_2024_07_26_as_of_2024-09-07.csv",
            "livebench/livebench_categories_2024_07_26.json",
        ),
    ),
    ("open_llm", ("open_llm_leaderboard/fboulnois_huggingface_v2_2024-07-13.csv",)),
    ("superclue", ("superclue/superclue_2023-11.md",)),
    ("superclue", ("superclue/superclue_2023-12.md",)),
)


async def load(
    services: Services,
    dataset: tuple[tuple[str, tuple[str, ...]], ...] = MID_2024,
) -> None:
    """Import every file set of ``dataset`` in order; each must be stored as new."""
    for source_id, files in dataset:
        report = await services.loading.import_files(source_id, [fixture_file(f) for f in files])
        assert report.status == "new", (files, report.reason)
    await services.leaderboards.warm_up()


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=BACKENDS)
async def mid_2024(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Services]:
    """Services over a database holding ``MID_2024``, on each backend, shared by a module
    (its tests only read)."""
    async with empty_database(request.param, tmp_path_factory.mktemp("db")) as url:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            PODIUM_DATABASE_URL=url,
            PODIUM_BUNDLED_DATA=False,
        )
        async with open_services(settings, clock=FrozenClock(LOADED_AT)) as services:
            await load(services)
            yield services
