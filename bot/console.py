"""The offline console and ``podium ask``: slash commands typed in a terminal."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console

from commands import Services, text
from commands.errors import error_text
from commands.i18n import t
from data.domain.errors import LeaderboardError

PROMPT = "podium> "


def save_chart(png: bytes) -> Path:
    """Write a chart to a new file in the temporary directory; returns its path."""
    handle, name = tempfile.mkstemp(prefix="podium-chart-", suffix=".png")
    with os.fdopen(handle, "wb") as file:
        file.write(png)
    return Path(name)


async def answer_json(services: Services, line: str) -> dict[str, Any]:
    """One command as a JSON object; usage and domain errors are objects too (``status``
    ``usage_error`` / ``error`` with an ``error`` message)."""
    try:
        answer = await text.execute(services, text.parse(line))
        payload = answer.payload()
        png = answer.chart()
        if png is not None:
            payload["chart"] = str(save_chart(png))
        return payload
    except text.UsageError as exc:
        return {"command": None, "status": "usage_error", "error": str(exc)}
    except LeaderboardError as exc:
        return {
            "command": line.strip()[1:].split(" ")[0],
            "status": "error",
            "error": error_text(exc),
        }


async def ask(services: Services, line: str, *, as_json: bool, out: TextIO, err: TextIO) -> int:
    """Run one command; print the answer (JSON or rich).

    Exit status 2 on usage errors (one line on stderr); 1 when the command ran but could not
    answer (unknown board, no data for the date: with ``--json``, an error object on stdout).
    """
    if as_json:
        payload = await answer_json(services, line)
        status = payload.get("status")  # not every command has one (/boards, /about)
        if status == "usage_error":
            print(payload["error"], file=err)
            return 2
        print(json.dumps(payload, ensure_ascii=False), file=out)
        return 1 if status == "error" else 0
    console = Console(file=out)
    try:
        answer = await text.execute(services, text.parse(line))
        console.print(answer.view())
        png = answer.chart()
        if png is not None:
            console.print(t("console.chart_saved", path=save_chart(png)))
    except text.UsageError as exc:
        print(t("console.usage", problem=exc), file=err)
        return 2
    except LeaderboardError as exc:
        print(error_text(exc), file=err)
        return 1
    return 0


async def ask_stream(services: Services, lines: TextIO, out: TextIO) -> int:
    """``podium ask --json -``: one JSON object per input line, in one process."""
    for line in lines:
        if line.strip():
            payload = await answer_json(services, line)
            print(json.dumps(payload, ensure_ascii=False), file=out, flush=True)
    return 0


async def run_console(services: Services) -> None:
    """An interactive prompt until /quit or end of input."""
    console = Console()
    console.print(t("console.banner", help=t("console.help")))
    while True:
        try:
            line = await asyncio.to_thread(input, PROMPT)
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        command = line.strip()
        if not command:
            continue
        if command in {"/quit", "/exit", "quit", "exit"}:
            return
        if command == "/help":
            console.print(t("console.help"))
            continue
        await ask(services, command, as_json=False, out=sys.stdout, err=sys.stdout)
