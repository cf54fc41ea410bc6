"""Logging to a rotating file in the user log dir. Messages name ids and counts, never people.

The log folder is created 0700 and every log file 0600 (rotated files too): even without
names a log tells who worked when.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path
from typing import Any

from srek_desk import paths
from srek_desk.private_files import make_private_folder, private_opener

LOG_FILE_NAME = "srek-desk.log"


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler whose files (the first and each after a rotation) are 0600."""

    def _open(self) -> Any:
        return open(
            self.baseFilename,
            self.mode,
            encoding=self.encoding,
            errors=self.errors,
            opener=private_opener,
        )


def setup_logging(level: str = "INFO", log_dir: Path | None = None) -> Path | None:
    """Attach a rotating file handler to the root logger; returns the log file (None if unwritable)."""
    folder = log_dir or paths.user_log_dir()
    root = logging.getLogger()
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    try:
        make_private_folder(folder)
        file = folder / LOG_FILE_NAME
        handler = PrivateRotatingFileHandler(
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
