"""Consistent SQLite backups through the SQLite backup API (never a file copy)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from srek_desk.db.engine import sqlite_path
from srek_desk.errors import UserError


def backup_sqlite(engine: Engine, destination: Path) -> Path:
    """Copy the live database into `destination` page by page, safe while others write."""
    source = sqlite_path(str(engine.url))
    if source is None:
        raise UserError("Sicherungen über die Programmfunktion gibt es nur für SQLite-Datenbanken.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with sqlite3.connect(str(source)) as src, sqlite3.connect(str(partial)) as dst:
            src.backup(dst)
        check = sqlite3.connect(str(partial))
        try:
            (result,) = check.execute("PRAGMA integrity_check").fetchone()
        finally:
            check.close()
        if result != "ok":
            raise UserError(f"Die Sicherung {destination.name} ist fehlerhaft: {result}")
        partial.replace(destination)
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise UserError(f"Die Sicherung konnte nicht geschrieben werden: {exc}") from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(f"Die Sicherung konnte nicht geschrieben werden: {exc}") from exc
    return destination


def automatic_backup_name(reason: str, now: datetime | None = None) -> str:
    """File name with time and reason only: nothing personal."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"srek-desk-{stamp}-{reason}.sqlite3"


def prune_backups(folder: Path, keep: int, prefix: str = "srek-desk-") -> list[Path]:
    """Delete the oldest automatic backups beyond `keep`; returns what was removed."""
    backups = sorted(folder.glob(f"{prefix}*.sqlite3"))
    removed = backups[: max(0, len(backups) - keep)]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed
