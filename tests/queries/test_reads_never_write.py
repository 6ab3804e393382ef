"""Commands never wait on a write: they take no write lock and issue no writing statement.

Every read command (the ones users flood: ``/rank``, ``/compare``, ``/top``, ``/history``,
``/search``, ``/boards``, ``/about``, ``as_of`` answers, autocomplete) runs while another
connection holds an open write transaction (on SQLite: the database's one write lock) and
while this process holds the refresh lock, as during an import or a refresh. Each must answer,
and none may send the database anything but reads: a write would queue behind the importer
(SQLite lets one writer at a time; the busy timeout is 30 s, Discord gives 3).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, insert
from sqlalchemy.engine import Engine

from bot.console import answer_json
from commands import Services
from data.store.tables import SourceCheckTable

pytestmark = pytest.mark.asyncio(loop_scope="module")

LINES = (
    "/rank qwen2 72b instruct",
    "/rank claude 3.5 sonnet board:lmarena as_of:2024-07-10",
    "/compare Qwen2-72B-Instruct, Claude 3.5 Sonnet, GPT-4o-2024-05-13, gpt-4o-mini",
    "/top board:open_llm min_params:7 max_params:80 open_weights:yes n:25 page:2",
    "/top board:livebench category:coding",
    "/search llama 3 70b",
    "/boards",
    "/about",
)
#: Anything but a read: DML, DDL, explicit write transactions, row locks, advisory locks.
WRITING = re.compile(
    r"^\s*(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|BEGIN\s+(IMMEDIATE|EXCLUSIVE))"
    r"|\bFOR\s+(UPDATE|SHARE)\b|pg_(try_)?advisory",
    re.IGNORECASE,
)


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every SQL statement any engine of this process sends while the block runs."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


async def answer_everything(services: Services) -> None:
    for line in LINES:
        payload = await answer_json(services, line)
        assert payload.get("status") not in ("usage_error", "error"), (line, payload)
    chart = await answer_json(services, "/history qwen2 72b instruct, claude 3.5 sonnet")
    assert chart["chart"]
    await asyncio.to_thread(Path(chart["chart"]).unlink)
    assert services.leaderboards.suggest("qwen2")


async def test_commands_answer_while_a_write_is_held_and_never_write(mid_2024: Services) -> None:
    leaderboards = mid_2024.leaderboards
    engine = leaderboards.read_model._sessions.kw["bind"]  # the test holds the writer's side
    async with engine.connect() as writer:
        transaction = await writer.begin()
        await writer.execute(
            insert(SourceCheckTable).values(
                source_id="lmarena",
                origin="held by the test",
                checked_at=datetime(2026, 1, 1, tzinfo=UTC),
                status="new",
                message="",
                via="import",
            )
        )  # the write lock (SQLite) / an uncommitted row (PostgreSQL) is now held
        try:
            async with mid_2024.loading._lock.hold():  # a refresh or import is running here
                with statements() as seen:
                    await asyncio.wait_for(answer_everything(mid_2024), timeout=60)
        finally:
            await transaction.rollback()
    assert seen
    assert [s for s in seen if WRITING.search(s)] == []
