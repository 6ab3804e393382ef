"""Logging set-up: one format, quiet third-party loggers."""

from __future__ import annotations

import logging
import sys


def setup_logging(level: str = "INFO") -> None:
    """Log to stderr; discord, sqlalchemy and apscheduler only from WARNING unless debugging."""
    logging.basicConfig(
        level=level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
    )
    quiet = "WARNING" if level.upper() != "DEBUG" else "DEBUG"
    for name in ("discord", "sqlalchemy.engine", "apscheduler", "aiosqlite", "alembic"):
        logging.getLogger(name).setLevel(quiet)
