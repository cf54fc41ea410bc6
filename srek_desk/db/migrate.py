"""Schema migrations on start: back up, upgrade to head, refuse databases newer than the app."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from srek_desk import paths
from srek_desk.db.backup import backup_sqlite, prune_backups, unused_backup_path
from srek_desk.db.engine import sqlite_path
from srek_desk.errors import DatabaseNewerError, UserError

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

# The newest revision this version ships. Checked against Alembic's head by a test; lets a
# start-up on an up-to-date database skip importing Alembic at all (start-up time).
SCHEMA_HEAD = "0007_data_protection"


@dataclass(frozen=True, slots=True)
class MigrationResult:
    before: str | None
    after: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def alembic_config() -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision stamped in the database (None for an empty database)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        versions = (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
        )
    if len(versions) > 1:
        raise UserError("Die Datenbank hat mehrere Schema-Stände; bitte die IT verständigen.")
    return versions[0] if versions else None


def is_known_revision(revision: str) -> bool:
    """True when this version ships the schema revision (older or equal to head)."""
    if revision == SCHEMA_HEAD:
        return True
    try:
        return script_directory().get_revision(revision) is not None
    except Exception:
        return False


def migrate(
    engine: Engine,
    *,
    backup_dir: Path | None = None,
    backups_to_keep: int = 10,
    key: str | None = None,
) -> MigrationResult:
    """Bring the database to the newest schema; back it up first if it holds data.

    `key` is the SQLCipher key of an encrypted database: its backup is encrypted alike.
    """
    before = current_revision(engine)
    if before == SCHEMA_HEAD:
        return MigrationResult(before, before, None)
    scripts = script_directory()
    head = head_revision()
    if before == head:
        return MigrationResult(before, head, None)
    if before is not None:
        try:
            scripts.get_revision(before)
        except Exception as exc:
            raise DatabaseNewerError(
                "Diese Datenbank wurde mit einer neueren Version von SREK Desk angelegt "
                f"(Schema {before}). Bitte SREK Desk aktualisieren; die Datenbank bleibt unverändert."
            ) from exc
    else:
        tables = set(inspect(engine).get_table_names())
        if tables - {"alembic_version"}:
            raise UserError(
                "Die Datei ist keine SREK-Desk-Datenbank (sie enthält fremde Tabellen). "
                "Bitte eine andere Datei wählen."
            )
    backup: Path | None = None
    if before is not None and sqlite_path(str(engine.url)) is not None:
        folder = backup_dir or paths.backups_dir()
        backup = backup_sqlite(
            engine, unused_backup_path(folder, f"vor-update-{before[:8].lower()}"), key=key
        )
        prune_backups(folder, keep_other=backups_to_keep)
        log.info("backup before migration written to %s", backup)
    from alembic import command

    config = alembic_config()
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        driver_isolation = getattr(raw, "isolation_level", None)
        if sqlite:
            # Batch migrations rebuild tables (copy, drop, rename); with foreign keys on, the drop
            # would cascade into child rows (proposals, notes). Off for the migration, checked after.
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
            # pysqlite opens transactions only before DML, so DDL would commit at once; with
            # driver autocommit and an explicit BEGIN the whole upgrade is one transaction.
            raw.isolation_level = None  # type: ignore[union-attr]
        try:
            with connection.begin():
                if sqlite:
                    connection.exec_driver_sql("BEGIN")
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        raise UserError(
                            "Die Aktualisierung der Datenbank wurde abgebrochen: "
                            f"{len(broken)} Verweise passen nicht. Die Datenbank ist unverändert."
                        )
        finally:
            if sqlite:
                raw.isolation_level = driver_isolation  # type: ignore[union-attr]
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()
    log.info("database migrated from %s to %s", before, head)
    return MigrationResult(before, head, backup)
