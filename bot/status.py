"""``podium status [--json]``: is this process's database usable, and what would it run?

Exit status 0 when healthy (the database answers and its migrations are current), 1 otherwise,
so it serves as a container health check. Sources that fail and alerts that wait are reported,
not counted as unhealthy: the process itself is fine, and restarting it would not help.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TextIO

from bot.settings import Settings
from bot.sharding import ShardPlan
from data.sources import REGISTRY, SOURCE_IDS
from data.status import DatabaseHealth, check_database


async def status(
    settings: Settings,
    *,
    as_json: bool,
    out: TextIO,
    within_s: float = 10.0,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> int:
    """Print the status of the configured database and process; return the exit code."""
    now = clock()
    sources = {source_id: REGISTRY[source_id]() for source_id in SOURCE_IDS}
    health = await check_database(settings.database_url, sources, now, within_s=within_s)
    report = status_report(settings, health, now)
    if as_json:
        print(json.dumps(report, ensure_ascii=False), file=out)
    else:
        print(render_status(report), file=out)
    return 0 if health.healthy else 1


def status_report(settings: Settings, health: DatabaseHealth, now: datetime) -> dict[str, Any]:
    """The ``--json`` object (a stable interface: fields may be added, none renamed)."""
    plan = ShardPlan.from_settings(settings)
    return {
        "healthy": health.healthy,
        "problems": list(health.problems),
        "warnings": list(health.warnings(now)),
        "role": settings.role,
        "shards": None
        if settings.role == "refresher"
        else {
            "count": plan.count,
            "ids": list(plan.ids),
            "sharded": plan.sharded,
            "syncs_commands": plan.syncs_commands,
        },
        "database": {
            "kind": health.kind,
            "url": health.url,
            "reachable": health.reachable,
            "error": health.error,
        },
        "migrations": {
            "current": health.migrations_current,
            "revisions": list(health.revisions),
            "head": list(health.head),
        },
        "sources": [
            {
                "id": source.source_id,
                "state": source.state,
                "last_check": _time(source.last_check),
                "last_status": source.last_status,
                "last_success": _time(source.last_success),
                "last_new_data": _time(source.last_new_data),
            }
            for source in health.sources
        ],
        "outbox": {
            "backlog": health.outbox_backlog,
            "oldest_pending": _time(health.oldest_pending),
        },
    }


def render_status(report: dict[str, Any]) -> str:
    """The report as a few lines for a terminal."""
    database, migrations = report["database"], report["migrations"]
    lines = [
        f"status: {'healthy' if report['healthy'] else 'UNHEALTHY'}",
        *(f"  problem: {problem}" for problem in report["problems"]),
        *(f"  warning: {warning}" for warning in report["warnings"]),
        f"role: {report['role']}",
        f"shards: {_shards(report['shards'])}",
        f"database: {database['kind']} {database['url']} "
        + ("reachable" if database["reachable"] else f"unreachable ({database['error']})"),
    ]
    if database["reachable"]:
        at = ", ".join(migrations["revisions"]) or "none"
        lines.append(
            f"migrations: {'current' if migrations['current'] else 'NOT current'} (at {at}, "
            f"head {', '.join(migrations['head'])})"
        )
    if report["sources"]:
        lines.append("sources:")
        for source in report["sources"]:
            lines.append(
                f"  {source['id']:<11} {source['state']:<13} "
                f"last check {source['last_check'] or '-'} ({source['last_status'] or '-'}), "
                f"last new data {source['last_new_data'] or '-'}"
            )
    outbox = report["outbox"]
    if outbox["backlog"] is not None:
        oldest = f", oldest queued {outbox['oldest_pending']}" if outbox["backlog"] else ""
        lines.append(f"alerts waiting: {outbox['backlog']}{oldest}")
    return "\n".join(lines)


def _shards(shards: dict[str, Any] | None) -> str:
    if shards is None:
        return "none (a refresher connects no gateway)"
    if not shards["sharded"]:
        return "unsharded (one gateway connection; syncs the commands)"
    ids = ", ".join(map(str, shards["ids"]))
    sync = "syncs the commands" if shards["syncs_commands"] else "another process syncs commands"
    return f"{ids} of {shards['count']} ({sync})"


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None
