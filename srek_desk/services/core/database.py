"""Opening the database: engine, migrations with backup, sessions for the services."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, text
from sqlmodel import Session

from srek_desk import paths
from srek_desk.config import Config
from srek_desk.db.backup import latest_good_backup
from srek_desk.db.engine import ServerOptions, database_url, make_engine, sqlite_path
from srek_desk.db.errors import translate_db_error
from srek_desk.db.migrate import MigrationResult, migrate
from srek_desk.errors import CorruptDatabaseError

log = logging.getLogger(__name__)


@dataclass
class Database:
    engine: Engine
    migration: MigrationResult | None = None
    # The SQLCipher key, for backups and restore only: never logged, never in repr.
    key: str | None = field(default=None, repr=False, compare=False, kw_only=True)
    backup_folder: Path | None = field(default=None, kw_only=True)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def sqlite_file(self) -> Path | None:
        return sqlite_path(str(self.engine.url))

    @property
    def encrypted(self) -> bool:
        return self.key is not None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A short-lived session; objects stay readable after it closes.

        Known storage failures (disk full, read-only, corrupt, locked) leave it as German
        UserErrors; the session is rolled back first, so nothing half-written remains.
        """
        try:
            with Session(self.engine, expire_on_commit=False) as session:
                yield session
        except Exception as exc:
            translated = translate_db_error(exc)
            if translated is None:
                raise
            log.warning("database operation failed: %s", type(translated).__name__)
            raise translated from exc

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


def default_backup_folder(
    location: str | Path, configured: str | Path | None = None
) -> Path | None:
    """The `backup.folder` setting, else `<database folder>/backups`; None for a server URL."""
    if configured:
        return Path(configured).expanduser()
    file = sqlite_path(database_url(location))
    return file.parent / "backups" if file is not None else None


def open_database(
    location: str | Path,
    *,
    backups_to_keep: int = 10,
    key: str | None = None,
    backup_folder: Path | None = None,
    server: ServerOptions | None = None,
) -> Database:
    """Open (create if needed) and migrate the database at a path or URL.

    A damaged file raises CorruptDatabaseError naming the newest good backup, if there is one.
    `server`: PostgreSQL TLS options and the admin URL that migrates (db/server.py).
    """
    folder = default_backup_folder(location, backup_folder)
    engine = make_engine(location, key=key, server=server)
    try:
        if server is not None and server.admin_url and engine.dialect.name == "postgresql":
            from srek_desk.db.server import migrate_as_admin

            result = migrate_as_admin(engine, server)
        else:
            result = migrate(engine, backup_dir=folder, backups_to_keep=backups_to_keep, key=key)
    except Exception as exc:
        engine.dispose()
        translated = translate_db_error(exc)
        if translated is None and engine.dialect.name == "postgresql":
            from srek_desk.db.server import connection_error

            translated = connection_error(exc, str(location))
        if translated is None:
            raise
        if isinstance(translated, CorruptDatabaseError) and folder is not None:
            translated.latest_backup = latest_good_backup(folder, key)
        log.warning("opening the database failed: %s", type(translated).__name__)
        raise translated from exc
    except BaseException:
        engine.dispose()
        raise
    log.info("database ready (schema %s)", result.after)
    return Database(engine, result, key=key, backup_folder=folder)
