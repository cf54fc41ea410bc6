"""Opening the database: engine, migrations with backup, sessions for the services."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlmodel import Session

from srek_desk import paths
from srek_desk.config import Config
from srek_desk.db.engine import make_engine, sqlite_path
from srek_desk.db.migrate import MigrationResult, migrate

log = logging.getLogger(__name__)


@dataclass
class Database:
    engine: Engine
    migration: MigrationResult | None = None

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def sqlite_file(self) -> Path | None:
        return sqlite_path(str(self.engine.url))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short-lived session; objects stay readable after it closes."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def integrity_problems(self) -> list[str]:
        """Empty when the database is sound (SQLite integrity and foreign key checks)."""
        if self.sqlite_file is None:
            return []
        problems: list[str] = []
        with self.engine.connect() as connection:
            rows = connection.execute(text("PRAGMA integrity_check")).all()
            problems += [str(r[0]) for r in rows if r[0] != "ok"]
            fk_rows = connection.execute(text("PRAGMA foreign_key_check")).all()
            problems += [
                f"Fremdschlüssel verletzt in Tabelle {r[0]}, Zeile {r[1]}" for r in fk_rows
            ]
        return problems

    def dispose(self) -> None:
        self.engine.dispose()


def resolve_database_location(config: Config) -> str:
    return config["database.url"] or str(paths.default_database_path())


def open_database(location: str | Path, *, backups_to_keep: int = 10) -> Database:
    """Open (create if needed) and migrate the database at a path or URL."""
    engine = make_engine(location)
    try:
        file = sqlite_path(str(engine.url))
        backup_dir = file.parent / "backups" if file is not None else None
        result = migrate(engine, backup_dir=backup_dir, backups_to_keep=backups_to_keep)
    except BaseException:
        engine.dispose()
        raise
    log.info("database ready (schema %s)", result.after)
    return Database(engine, result)
