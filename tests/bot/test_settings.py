"""Settings, schedules, colours and "boards that publish ..." lists come from the source
registry: a source added to ``REGISTRY`` is configurable and shown without another edit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from pydantic import ValidationError

from bot.scheduler import Schedule
from bot.settings import Settings
from commands.embeds import DEFAULT_COLOUR, colour
from commands.errors import problem_text
from data.domain.errors import QueryProblem
from data.sources import REGISTRY, SOURCE_IDS, sources_publishing
from data.sources.base import Published


@pytest.mark.parametrize("source_id", SOURCE_IDS)
def test_every_registered_source_has_an_address_and_a_schedule(
    settings_for: Callable[..., Settings], source_id: str
) -> None:
    """``PODIUM_SOURCE_<ID>_URL`` and ``_SCHEDULE`` exist for each id in the registry."""
    env = f"PODIUM_SOURCE_{source_id.upper()}"
    settings = settings_for(
        "sqlite+aiosqlite://",
        PODIUM_REFRESH_SCHEDULE="every 12h",
        **{f"{env}_URL": f"http://127.0.0.1:9/{source_id}.json", f"{env}_SCHEDULE": "every 2h"},
    )
    assert settings.source_url(source_id) == f"http://127.0.0.1:9/{source_id}.json"
    assert settings.schedule(source_id) == Schedule(every=timedelta(hours=2))
    others = [other for other in SOURCE_IDS if other != source_id]
    assert all(settings.source_url(other) is None for other in others)
    assert all(settings.schedule(other) == Schedule(every=timedelta(hours=12)) for other in others)


@pytest.mark.parametrize("source_id", SOURCE_IDS)
def test_a_bad_schedule_of_any_source_fails_at_start(
    settings_for: Callable[..., Settings], source_id: str
) -> None:
    variable = f"PODIUM_SOURCE_{source_id.upper()}_SCHEDULE"
    with pytest.raises(ValidationError, match=variable):
        settings_for("sqlite+aiosqlite://", **{variable: "every fortnight"})


def test_source_ids_are_the_registry_in_order() -> None:
    assert tuple(REGISTRY) == SOURCE_IDS
    assert SOURCE_IDS[0] == "lmarena"


def test_each_source_has_its_own_colour() -> None:
    colours = [colour(source_id) for source_id in SOURCE_IDS]
    assert DEFAULT_COLOUR not in colours
    assert len(set(colours)) == len(colours)
    assert colour("no_such_source") == colour(None) == DEFAULT_COLOUR


@pytest.mark.parametrize(
    ("reason", "published"),
    [("no_licences", "licences"), ("no_params", "parameters"), ("no_categories", "categories")],
)
def test_missing_facts_name_the_registered_sources_that_publish_them(
    reason: str, published: Published
) -> None:
    publishing = [s for s, source in REGISTRY.items() if published in source.publishes]
    assert publishing, published
    text = problem_text(QueryProblem(reason, "mtbench"))
    assert text.startswith("mtbench ")
    assert text.endswith(": " + ", ".join(publishing) + ".")
    silent = [s for s in SOURCE_IDS if s not in publishing]
    assert silent and not any(f" {s}," in text or f" {s}." in text for s in silent)
    assert sources_publishing(published) == tuple(publishing)
