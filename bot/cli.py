"""``podium``: run the bot or the offline console, ask one command, import, refresh, migrate."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import aiohttp
from pydantic import ValidationError

from bot.console import ask, ask_stream, run_console
from bot.logging import setup_logging
from bot.progress import print_changes, run_backfill, show_refresh
from bot.services import open_services
from bot.settings import Settings, load_settings
from bot.status import status
from commands.i18n import speaking
from data.domain.locales import LOCALES, parse_locale
from data.domain.types import LoadReport, ModelLinks, SourceFile
from data.sources import SOURCE_IDS
from data.store.locks import one_at_a_time
from data.store.migrate import upgrade
from data.store.session import create_engine

log = logging.getLogger("podium")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="podium", description=__doc__)
    sub = parser.add_subparsers(dest="action")
    # The console's language: on `podium` itself and on `run`/`ask`, wherever it is written.
    speaks = argparse.ArgumentParser(add_help=False)
    speaks.add_argument(
        "--locale",
        default=argparse.SUPPRESS,
        help=f"answer in this language: {', '.join(LOCALES)} (default: PODIUM_LOCALE, else en-US)",
    )
    parser.add_argument("--locale", default=None, help=argparse.SUPPRESS)
    sub.add_parser(
        "run",
        parents=[speaks],
        help="the bot when DISCORD_TOKEN is set, else the offline console",
    )
    ask_cmd = sub.add_parser(
        "ask", parents=[speaks], help="run one command offline and print the answer"
    )
    ask_cmd.add_argument("--json", action="store_true", help="print the structured result")
    ask_cmd.add_argument("command", help="e.g. '/rank qwen2'; '-' reads one command per line")
    imp = sub.add_parser("import", help="load local files of a known source")
    imp.add_argument("source", help=f"one of: {', '.join(SOURCE_IDS)}")
    imp.add_argument("files", nargs="+", type=Path)
    imp.add_argument("--as-of", type=date.fromisoformat, help="snapshot date (YYYY-MM-DD)")
    ref = sub.add_parser("refresh", help="fetch sources from their published addresses")
    ref.add_argument("sources", nargs="*", help="source ids (all when omitted)")
    back = sub.add_parser(
        "backfill", help="load a source's published history as dated snapshots (no alerts)"
    )
    back.add_argument("source", help="a source that publishes its history: lmarena")
    back.add_argument(
        "--since", type=date.fromisoformat, help="only publications from this date (YYYY-MM-DD)"
    )
    links = sub.add_parser(
        "links", help="review which board rows were linked to each model (fix with aliases.toml)"
    )
    links.add_argument("text", nargs="?", default="", help="only models matching this text")
    links.add_argument("--across", type=int, default=1, metavar="N", help="linked on >= N boards")
    links.add_argument("--json", action="store_true", help="one JSON object per model")
    stat = sub.add_parser(
        "status", help="database, migrations, sources, alert backlog, shards; exit 1 if unhealthy"
    )
    stat.add_argument("--json", action="store_true", help="print one JSON object")
    db = sub.add_parser("db", help="database maintenance")
    db.add_argument("db_action", choices=["upgrade"])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``podium`` console script."""
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except ValidationError as exc:
        print(f"invalid settings: {exc}", file=sys.stderr)
        return 2
    if args.locale is not None:
        chosen = parse_locale(args.locale)
        if chosen is None:
            print(f"--locale: one of {', '.join(LOCALES)}", file=sys.stderr)
            return 2
        settings = settings.model_copy(update={"locale": chosen})
    serving = args.action in (None, "run") and (
        settings.discord_token is not None or settings.role != "all"
    )
    # The console and the one-shot commands keep the terminal for answers: warnings only,
    # unless debugging was asked for.
    debugging = settings.log_level.upper() == "DEBUG"
    setup_logging(
        settings.log_level if serving or debugging else "WARNING",
        json_lines=settings.log_format == "json",
        secrets=settings.secrets(),
    )
    try:
        with speaking(settings.locale):
            return asyncio.run(_dispatch(args, settings))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `podium links | head`: the reader left; nothing more to say
        sys.stderr.close()
        return 0


async def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.action in (None, "run"):
        return await _run(settings)
    if args.action == "ask":
        async with open_services(settings, autocomplete=False) as services:
            if args.command == "-":
                return await ask_stream(services, sys.stdin, sys.stdout)
            return await ask(
                services, args.command, as_json=args.json, out=sys.stdout, err=sys.stderr
            )
    if args.action == "import":
        return await _import(settings, args.source, args.files, args.as_of)
    if args.action == "refresh":
        async with aiohttp.ClientSession() as http, open_services(settings, http=http) as services:
            reports = await show_refresh(services, args.sources)
            await print_changes(services, reports)
        return 0 if all(r.status not in ("failed", "refused") for r in reports) else 1
    if args.action == "backfill":
        # History files are large (the Arena's text history is ~60 MB and grows): allow at
        # least 10 minutes and 512 MB per download, whatever the refresh limits are.
        patient = settings.model_copy(
            update={
                "fetch_timeout_s": max(settings.fetch_timeout_s, 600.0),
                "fetch_max_mb": max(settings.fetch_max_mb, 512.0),
            }
        )
        async with aiohttp.ClientSession() as http, open_services(patient, http=http) as services:
            return await run_backfill(services, args.source, args.since)
    if args.action == "status":
        return await status(settings, as_json=args.json, out=sys.stdout)
    if args.action == "links":
        async with open_services(settings, autocomplete=False) as services:
            found = await services.leaderboards.model_links(args.text)
        print_links([m for m in found if m.boards >= args.across], as_json=args.json)
        return 0
    engine = create_engine(settings.database_url)
    try:
        async with one_at_a_time(engine, "podium.startup"):
            await upgrade(engine)
    finally:
        await engine.dispose()
    print("database is up to date")
    return 0


async def _import(settings: Settings, source_id: str, paths: list[Path], as_of: date | None) -> int:
    files = []
    for path in paths:
        try:
            files.append(SourceFile(path.name, path.read_bytes()))
        except OSError as exc:
            print(f"cannot read {path}: {exc.strerror}", file=sys.stderr)
            return 2
    async with open_services(settings, autocomplete=False) as services:
        if source_id not in services.loading.source_ids():
            print(
                f"unknown source {source_id!r}; known: " + ", ".join(services.loading.source_ids()),
                file=sys.stderr,
            )
            return 2
        report = await services.loading.import_files(source_id, files, as_of)
    print(_describe(report))
    return 0 if report.status in ("new", "unchanged") else 1


def print_links(models: Sequence[ModelLinks], *, as_json: bool) -> None:
    """Each model with the board spellings linked to it, for a maintainer to review."""
    for model in models:
        if as_json:
            spellings = [
                {"board": s.board_id, "name": s.name, "key": s.key} for s in model.spellings
            ]
            record = {"model": model.name, "slug": model.slug, "spellings": spellings}
            print(json.dumps(record, ensure_ascii=False))
            continue
        print(f"{model.name}  [{model.slug}]  on {model.boards} board(s)")
        for spelling in model.spellings:
            key = f"  (key {spelling.key})" if spelling.key != spelling.name else ""
            print(f"    {spelling.board_id:<28} {spelling.name}{key}")


def _describe(report: LoadReport) -> str:
    if report.status in ("refused", "failed"):
        return f"{report.source_id}: {report.status}: {report.reason}"
    boards = ", ".join(
        f"{b.board_id} {b.status} ({b.rows} rows, as of {b.as_of})" for b in report.boards
    )
    return f"{report.source_id}: {report.status}: {boards}"


async def _run(settings: Settings) -> int:
    if settings.role == "refresher":
        from bot.runner import run_refresher

        print("PODIUM_ROLE=refresher: running the refresh schedule (no Discord connection).")
        await run_refresher(settings)
        return 0
    if settings.discord_token is None and settings.role == "bot":
        print("PODIUM_ROLE=bot needs DISCORD_TOKEN.", file=sys.stderr)
        return 2
    if settings.discord_token is None:
        print("No DISCORD_TOKEN set: starting the offline console on the stored leaderboards.")
        async with open_services(settings, announce=print) as services:
            await run_console(services)
        return 0
    from bot.runner import run_bot  # imported here: the console does not need discord's client

    print("DISCORD_TOKEN is set: starting the Discord bot.")
    await run_bot(settings)
    return 0
