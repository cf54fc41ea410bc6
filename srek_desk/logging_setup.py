"""Logging to a rotating file in the user log dir. Messages name ids and counts, never people."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from srek_desk import paths

LOG_FILE_NAME = "srek-desk.log"


def setup_logging(level: str = "INFO", log_dir: Path | None = None) -> Path | None:
    """Attach a rotating file handler to the root logger; returns the log file (None if unwritable)."""
    folder = log_dir or paths.user_log_dir()
    root = logging.getLogger()
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        file = folder / LOG_FILE_NAME
        handler = logging.handlers.RotatingFileHandler(
            file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for existing in list(root.handlers):
        if isinstance(existing, logging.handlers.RotatingFileHandler):
            root.removeHandler(existing)
            existing.close()
    root.addHandler(handler)
    return file
