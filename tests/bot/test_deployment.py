"""The deployment files (compose.yaml, Dockerfile, the systemd unit) set only settings Podium
reads, with values it accepts, in a topology that works: no container runtime needed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.settings import Settings
from bot.sharding import ShardPlan

ROOT = Path(__file__).resolve().parents[2]
#: Every variable Podium reads (the aliases of its settings).
KNOWN = {field.alias for field in Settings.model_fields.values() if field.alias}
_INTERPOLATION = re.compile(r"\$\{(?P<name>\w+)(?::?(?P<op>[-?])(?P<default>[^}]*))?\}")


def interpolate(value: str) -> str:
    """Compose's ``${VAR:-default}`` / ``${VAR:?message}``: the default, or a sample value."""
    return _INTERPOLATION.sub(
        lambda m: m["default"] if m["op"] == "-" else f"sample-{m['name'].lower()}", value
    )


def podium_services() -> dict[str, dict[str, str]]:
    """The environment of each compose service that runs Podium's image."""
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    return {
        name: {key: interpolate(str(value)) for key, value in service["environment"].items()}
        for name, service in compose["services"].items()
        if service.get("build") == "." or str(service.get("image", "")).startswith("podium")
    }


def dockerfile_env() -> dict[str, str]:
    """``ENV`` settings of the Dockerfile (continuation lines joined)."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    found: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("ENV "):
            found.update(pair.split("=", 1) for pair in line[4:].split())  # type: ignore[misc]
    return found


def unit_env() -> set[str]:
    """Variables the systemd unit sets or documents for its environment files."""
    text = (ROOT / "deploy/podium@.service").read_text()
    return set(re.findall(r"\b((?:PODIUM_|DISCORD_)[A-Z_]+)=", text))


def test_compose_sets_only_variables_podium_reads() -> None:
    """A misspelt variable would be silently ignored: every one is a known setting."""
    services = podium_services()
    assert services, "no Podium service in compose.yaml"
    for name, environment in services.items():
        unknown = {key for key in environment if key.startswith("PODIUM_")} - KNOWN
        assert not unknown, f"{name}: {sorted(unknown)}"


def test_compose_runs_one_refresher_and_bots_covering_every_shard_once() -> None:
    """Each service's settings load; one refresher; the bots' shards of the same count are
    disjoint and cover all of them; the token only where a gateway is connected; all on the
    same PostgreSQL."""
    settings = {
        name: Settings(_env_file=None, **environment)  # type: ignore[arg-type]
        for name, environment in podium_services().items()
    }
    roles = sorted(s.role for s in settings.values())
    assert roles == ["bot", "bot", "refresher"]
    bots = [s for s in settings.values() if s.role == "bot"]
    plans = [ShardPlan.from_settings(s) for s in bots]
    assert len({plan.count for plan in plans}) == 1
    ids = sorted(i for plan in plans for i in plan.ids)
    assert ids == list(range(plans[0].count)) and all(len(plan.ids) == 2 for plan in plans)
    assert sum(plan.syncs_commands for plan in plans) == 1
    assert all(s.discord_token is not None for s in bots)
    [refresher] = [s for s in settings.values() if s.role == "refresher"]
    assert refresher.discord_token is None
    assert {s.database_url for s in settings.values()} == {
        "postgresql+asyncpg://podium:podium@db:5432/podium"
    }


def test_compose_waits_for_a_healthy_postgresql() -> None:
    """Podium's services start after the database answers."""
    compose: dict[str, Any] = yaml.safe_load((ROOT / "compose.yaml").read_text())
    assert compose["services"]["db"]["image"].startswith("postgres:")
    assert "healthcheck" in compose["services"]["db"]
    for name in podium_services():
        depends = compose["services"][name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy", name


def test_the_dockerfile_runs_podium_unprivileged_with_a_status_health_check() -> None:
    """Slim base, non-root user, the package installed, ``podium status`` as health check."""
    text = (ROOT / "Dockerfile").read_text()
    bases = re.findall(r"^FROM (\S+)", text, re.MULTILINE)
    assert bases and all(re.fullmatch(r"python:3\.1[1-9]-slim(?: AS \w+)?", b) for b in bases)
    users = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r"^RUN pip install .* \.$", text, re.MULTILINE)
    assert re.search(r'^HEALTHCHECK .*\n?.*CMD \["podium", "status"\]', text, re.MULTILINE)
    environment = dockerfile_env()
    unknown = {key for key in environment if key.startswith("PODIUM_")} - KNOWN
    assert not unknown
    Settings(_env_file=None, **environment)  # type: ignore[arg-type]


def test_the_systemd_unit_names_only_variables_podium_reads() -> None:
    """The unit and the environment files it documents."""
    names = unit_env()
    assert {"PODIUM_ROLE", "PODIUM_SHARD_IDS", "DISCORD_TOKEN"} <= names
    assert not names - KNOWN


@pytest.mark.parametrize(
    ("value", "read"),
    [("a${X:-fallback}b", "afallbackb"), ("${X:?needed}", "sample-x"), ("plain", "plain")],
)
def test_interpolation_is_read_as_compose_reads_it(value: str, read: str) -> None:
    """The helper above: defaults used, required values given a sample."""
    assert interpolate(value) == read
