"""Logging set-up: one format (text or JSON lines), quiet third-party loggers, no secrets."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TextIO

#: What replaces a secret that reached a log message.
REDACTED = "***"


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ``time`` (UTC), ``level``, ``logger``, ``message``, and
    ``exception`` when there is one; for log collectors (``PODIUM_LOG_FORMAT=json``)."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a single line of JSON."""
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


class RedactSecrets(logging.Filter):
    """Replaces the given secrets in every message (and traceback) with ``***``.

    Podium never logs its token or database password on purpose; this catches a library or an
    exception text that would.
    """

    def __init__(self, secrets: Iterable[str]) -> None:
        """Redact each of ``secrets`` (empty ones are ignored)."""
        super().__init__()
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message without the secrets; never drops a record."""
        if not self._secrets:
            return True
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        cleaned, text = self._clean(message), self._clean(record.exc_text or "")
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_text:
            record.exc_text = text
        return True

    def _clean(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text


def log_handler(
    stream: TextIO, *, json_lines: bool = False, secrets: Iterable[str] = ()
) -> logging.Handler:
    """A handler writing text lines (or JSON lines) to ``stream``, with ``secrets`` redacted."""
    handler = logging.StreamHandler(stream)
    if json_lines:
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    return handler


def setup_logging(
    level: str = "INFO", *, json_lines: bool = False, secrets: Iterable[str] = ()
) -> None:
    """Log to stderr; discord, sqlalchemy and apscheduler only from WARNING unless debugging."""
    handler = log_handler(sys.stderr, json_lines=json_lines, secrets=secrets)
    logging.basicConfig(level=level.upper(), handlers=[handler])
    quiet = "WARNING" if level.upper() != "DEBUG" else "DEBUG"
    for name in ("discord", "sqlalchemy.engine", "apscheduler", "aiosqlite", "alembic"):
        logging.getLogger(name).setLevel(quiet)
