"""Schema migrations on start: back up, upgrade to head, refuse databases newer than the app.

SQLite: a backup first, then the whole upgrade in one transaction (with a trick, see below).
PostgreSQL: DDL is transactional by itself; an advisory lock keeps two starting desks from
migrating at once; no backup (the server's backups are IT's job), and only a role that may
change the schema migrates: the app's own role is refused with a German message for IT.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from srek_desk import paths
from srek_desk.db.backup import backup_sqlite, prune_backups, unused_backup_path
from srek_desk.db.engine import sqlite_path
from srek_desk.errors import DatabaseNewerError, UserError

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)

# pg_advisory_xact_lock key: one migration at a time per PostgreSQL database ("SREK" in ASCII).
MIGRATION_LOCK_KEY = 0x5352454B

MIGRATION_NEEDS_ADMIN = (
    "Das Datenbankschema auf dem Server muss aktualisiert werden (Stand {before}, benötigt "
    "{head}), aber SREK Desk meldet sich mit einer Rolle ohne Rechte zum Ändern des Schemas an. "
    "Bitte die IT verständigen: sie führt „srek-desk migrate“ (oder „srek-desk server-setup“) "
    "mit der Admin-Rolle aus oder trägt „database.admin_url“ in die Maschinenkonfiguration ein."
)

# The newest revision this version ships. Checked against Alembic's head by a test; lets a
# start-up on an up-to-date database skip importing Alembic at all (start-up time).
SCHEMA_HEAD = "0012_erasure_register"


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
    if engine.dialect.name != "sqlite":
        return _migrate_server(engine, before, head)
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


def may_change_schema(connection: Connection) -> bool:
    """PostgreSQL: may the connected role create tables and alter the existing ones?"""
    row = connection.execute(
        text(
            "SELECT has_schema_privilege(current_user, current_schema(), 'CREATE'), "
            "COALESCE((SELECT bool_and(pg_has_role(current_user, tableowner, 'USAGE')) "
            "FROM pg_tables WHERE schemaname = current_schema()), true)"
        )
    ).one()
    return bool(row[0]) and bool(row[1])


def _migrate_server(engine: Engine, before: str | None, head: str) -> MigrationResult:
    """PostgreSQL: one transaction under an advisory lock; the revision is read again inside."""
    from alembic import command

    config = alembic_config()
    with engine.connect() as connection, connection.begin():
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        current = _revision_on(connection)
        if current == head:  # another desk migrated while this one waited for the lock
            return MigrationResult(current, head, None)
        if not may_change_schema(connection):
            raise UserError(MIGRATION_NEEDS_ADMIN.format(before=current or "leer", head=head))
        log.info(
            "migrating a database server: no backup by SREK Desk, the server's backups are IT's job"
        )
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    log.info("database migrated from %s to %s", current, head)
    return MigrationResult(current, head, None)


def _revision_on(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
