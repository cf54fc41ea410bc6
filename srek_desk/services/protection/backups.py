"""Backups as a use case: create, list, rotate, the daily one, the age warning and restore.

A restore trusts nothing in the file: its schema must be exactly what this version's migrations
build for its revision (no trigger dropped or added), and the erasure register of the database it
replaces is applied to it afterwards, with the restore itself entered in its audit log.
"""

from __future__ import annotations

import builtins
import contextlib
import logging
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from srek_desk.db.backup import (
    BEFORE_RESTORE,
    DAILY,
    DAMAGED,
    MANUAL,
    backups_in,
    copy_database,
    latest_good_backup,
    prune_backups,
    unused_backup_path,
)
from srek_desk.db.encryption import encrypt_database, is_encrypted_file, raw_connect
from srek_desk.db.engine import database_url, sqlite_path
from srek_desk.db.lock import DatabaseLock
from srek_desk.db.migrate import is_known_revision
from srek_desk.db.schema_check import schema_problems
from srek_desk.errors import (
    DatabaseNewerError,
    DiskFullError,
    EncryptionKeyError,
    ReadOnlyDatabaseError,
    UserError,
)
from srek_desk.private_files import copy_private_mode
from srek_desk.services.core.access import SYSTEM, Actor
from srek_desk.services.core.database import Database, default_backup_folder, open_database
from srek_desk.services.protection.erasures import Erasure, reapply_erasures, register_in_file

__all__ = [
    "BackupInfo",
    "BackupService",
    "RestoreResult",
    "latest_good_backup",
    "restore_database",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    created: datetime
    kind: str
    size_bytes: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "created": self.created.isoformat(timespec="seconds"),
            "kind": self.kind,
            "size_bytes": self.size_bytes,
        }


@dataclass(frozen=True, slots=True)
class RestoreResult:
    database: Path
    restored_from: Path
    backup_revision: str
    revision: str  # after migrating to this version's schema
    kept_aside: Path | None  # the previous database, as a backup or (if damaged) moved aside
    previous_was_damaged: bool
    erasures_applied: int = 0  # people the backup held who had been erased since: erased again
    erasures_recorded: int = 0  # erasures since the backup of people it did not hold: logged


def _sqlite_file(location: str | Path) -> Path:
    file = sqlite_path(database_url(location))
    if file is None:
        raise UserError(
            "Sicherung und Wiederherstellung über SREK Desk gibt es nur für SQLite-Datenbanken; "
            "einen Datenbankserver sichert die IT."
        )
    return file


class BackupService:
    """Backups of one database into its backup folder (or to a file of the user's choice)."""

    def __init__(
        self,
        database: Database,
        folder: Path | None = None,
        *,
        daily_keep: int = 7,
        weekly_keep: int = 4,
        keep_other: int = 10,
    ) -> None:
        self.database = database
        self.source = _sqlite_file(database.url)
        self.folder = folder or database.backup_folder or self.source.parent / "backups"
        self.daily_keep = daily_keep
        self.weekly_keep = weekly_keep
        self.keep_other = keep_other

    @classmethod
    def from_config(cls, database: Database, config: Any) -> BackupService:
        return cls(
            database,
            default_backup_folder(database.url, config["backup.folder"]),
            daily_keep=config["backup.daily_keep"],
            weekly_keep=config["backup.weekly_keep"],
            keep_other=config["database.backups_to_keep"],
        )

    def create(
        self, destination: Path | None = None, *, kind: str = MANUAL, now: datetime | None = None
    ) -> BackupInfo:
        """Write a checked backup; into the backup folder (rotated) unless `destination` is given."""
        now = now or datetime.now()
        if destination is None:
            target = unused_backup_path(self.folder, kind, now)
        else:
            target = Path(destination).expanduser()
            if target.is_dir():
                raise UserError(f"{target} ist ein Ordner; bitte einen Dateinamen angeben.")
            if target.resolve() == self.source.resolve():
                raise UserError("Die Sicherung darf die Datenbank nicht selbst überschreiben.")
        copy_database(self.source, target, self.database.key)
        from srek_desk.db.audit_chain import write_head_beside  # the audit head, issue 17

        write_head_beside(target, self.database.key)
        log.info("backup (%s) written", kind)
        if destination is None:
            self.prune()
        return BackupInfo(target, now.replace(microsecond=0), kind, target.stat().st_size)

    def prune(self) -> builtins.list[Path]:
        return prune_backups(
            self.folder,
            daily_keep=self.daily_keep,
            weekly_keep=self.weekly_keep,
            keep_other=self.keep_other,
        )

    def list(self) -> builtins.list[BackupInfo]:
        """Backups in the backup folder, newest first."""
        infos = []
        for path, name in backups_in(self.folder):
            with contextlib.suppress(OSError):
                infos.append(BackupInfo(path, name.created, name.kind, path.stat().st_size))
        return infos

    def latest(self) -> BackupInfo | None:
        return next((info for info in self.list() if info.kind != DAMAGED), None)

    def run_daily_if_due(self, now: datetime | None = None) -> BackupInfo | None:
        """The day's automatic backup, if none was written on this calendar day yet."""
        now = now or datetime.now()
        if any(info.kind == DAILY and info.created.date() == now.date() for info in self.list()):
            return None
        return self.create(kind=DAILY, now=now)

    def age_warning(self, now: datetime | None = None, warn_after_days: int = 3) -> str | None:
        """German warning when there is no backup or the newest is older than allowed."""
        latest = self.latest()
        if latest is None:
            return "Es gibt noch keine Sicherung der Datenbank. Bitte jetzt eine Sicherung anlegen."
        age = (now or datetime.now()) - latest.created
        if age.days < warn_after_days:
            return None
        return (
            f"Die letzte Sicherung ist vom {latest.created:%d.%m.%Y} ({age.days} Tage alt). "
            "Bitte jetzt eine Sicherung anlegen."
        )


def _backup_revision(path: Path, key: str | None) -> str:
    connection = raw_connect(path, key)
    try:
        has_table = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()[0]
        versions = (
            [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
            if has_table
            else []
        )
    finally:
        connection.close()
    if len(versions) != 1:
        raise UserError(
            f"Die Datei {path.name} ist keine Sicherung einer SREK-Desk-Datenbank; "
            "die Datenbank bleibt unverändert."
        )
    return str(versions[0])


def _move_with_sidecars(path: Path, target: Path) -> None:
    try:
        os.replace(path, target)
    except OSError:  # another drive: a damaged file may be copied, it is no backup anyway
        shutil.move(str(path), str(target))
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        shutil.move(str(wal), str(target.with_name(target.name + "-wal")))
    path.with_name(path.name + "-shm").unlink(missing_ok=True)


def _keep_current_aside(db_path: Path, key: str | None, folder: Path) -> tuple[Path | None, bool]:
    """Back the current database up, or move it aside when it is damaged."""
    if not db_path.is_file() or db_path.stat().st_size == 0:
        return None, False
    current_key = key if is_encrypted_file(db_path) else None
    try:
        kept = copy_database(db_path, unused_backup_path(folder, BEFORE_RESTORE), current_key)
        return kept, False
    except (DiskFullError, ReadOnlyDatabaseError):
        raise
    except UserError:  # unreadable or failing its integrity check: damaged
        pass
    folder.mkdir(parents=True, exist_ok=True)
    target = unused_backup_path(folder, DAMAGED)
    _move_with_sidecars(db_path, target)
    log.warning("damaged database moved aside before restore")
    return target, True


def _refused(backup_file: Path, reason: str) -> UserError:
    return UserError(
        f"Die Sicherung {backup_file.name} ist nicht in Ordnung ({reason}); "
        "die Datenbank bleibt unverändert."
    )


def _schema_refused(backup_file: Path, revision: str, problems: list[str]) -> UserError:
    shown = "; ".join(problems[:8]) + (
        f" (und {len(problems) - 8} weitere)" if len(problems) > 8 else ""
    )
    return UserError(
        f"Die Sicherung {backup_file.name} passt nicht zum Datenbankschema von SREK Desk "
        f"(Stand {revision}): {shown}. Sie wurde außerhalb des Programms verändert und wird "
        "nicht wiederhergestellt; die Datenbank bleibt unverändert."
    )


def _register_before(db_path: Path, key: str | None, folder: Path) -> list[Erasure]:
    """The erasure register of the database about to be replaced (else of its newest backup)."""
    if db_path.is_file() and db_path.stat().st_size > 0:
        try:
            return register_in_file(db_path, key)
        except Exception:  # damaged or unreadable: the newest good backup knows the most
            log.warning("erasure register of the database not readable")
    fallback = latest_good_backup(folder, key)
    if fallback is None:
        return []
    try:
        return register_in_file(fallback, key)
    except Exception:
        log.warning("erasure register of %s not readable", fallback.name)
        return []


def restore_database(
    location: str | Path,
    backup_file: Path,
    *,
    key: str | None = None,
    folder: Path | None = None,
    backups_to_keep: int = 10,
    acquire_lock: bool = True,
    actor: Actor = SYSTEM,
) -> RestoreResult:
    """Replace the (closed) database by a checked backup and migrate it to this version.

    The current database is kept aside first; a backup from a newer SREK Desk, or one whose
    schema differs from what the migrations build, is refused. Nothing changes unless the
    backup is sound. Afterwards every erasure the replaced database knew is applied again and
    the restore is logged (by `actor`). `acquire_lock=False` when the caller holds the lock.
    """
    db_path = _sqlite_file(location)
    backup_file = Path(backup_file).expanduser()
    if not backup_file.is_file():
        raise UserError(f"Die Sicherungsdatei {backup_file} gibt es nicht.")
    if db_path.exists() and backup_file.resolve() == db_path.resolve():
        raise UserError("Die Sicherungsdatei ist die Datenbank selbst.")
    backups = default_backup_folder(location, folder) or db_path.parent / "backups"
    lock = DatabaseLock(db_path) if acquire_lock else contextlib.nullcontext()
    with lock:
        encrypted_backup = is_encrypted_file(backup_file)
        if encrypted_backup and key is None:
            raise EncryptionKeyError(
                f"Die Sicherung {backup_file.name} ist verschlüsselt; ohne Schlüssel "
                "(Einstellung „database.key_file“) kann sie nicht wiederhergestellt werden."
            )
        backup_key = key if encrypted_backup else None
        try:
            backup_revision = _backup_revision(backup_file, backup_key)
        except UserError:
            raise
        except Exception as exc:  # sqlite3 / sqlcipher3: not a database, damaged
            raise _refused(backup_file, "nicht lesbar") from exc
        if not is_known_revision(backup_revision):
            raise DatabaseNewerError(
                f"Die Sicherung {backup_file.name} stammt von einer neueren Version von SREK Desk "
                f"(Schema {backup_revision}). Bitte zuerst SREK Desk aktualisieren; "
                "die Datenbank bleibt unverändert."
            )
        staging = db_path.with_name(db_path.name + ".restoring")
        try:
            try:  # the copy is checked with PRAGMA integrity_check before it is used
                copy_database(backup_file, staging, backup_key)
            except (DiskFullError, ReadOnlyDatabaseError):
                raise
            except UserError as exc:
                raise _refused(backup_file, "Prüfung fehlgeschlagen") from exc
            problems = schema_problems(staging, backup_revision, backup_key)
            if problems:
                raise _schema_refused(backup_file, backup_revision, problems)
            if key is not None and backup_key is None:
                encrypt_database(staging, key)  # an old plain backup into an encrypted setup
            erasures = _register_before(db_path, key, backups)
            if db_path.is_file():
                copy_private_mode(db_path, staging)  # the database keeps its rights
            kept, damaged = _keep_current_aside(db_path, key, backups)
            for suffix in ("-wal", "-shm", "-journal"):
                db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
            os.replace(staging, db_path)
        finally:
            staging.unlink(missing_ok=True)
        database = open_database(
            db_path, key=key, backup_folder=backups, backups_to_keep=backups_to_keep
        )
        try:
            revision = database.migration.after if database.migration else backup_revision
            applied = reapply_erasures(database, actor, erasures, restored_from=backup_file.name)
        finally:
            database.dispose()
    log.info("database restored from a backup (schema %s -> %s)", backup_revision, revision)
    return RestoreResult(
        db_path,
        backup_file,
        backup_revision,
        revision,
        kept,
        damaged,
        applied.erased_again + applied.anonymised_again,
        applied.recorded,
    )


def restore_with_config(
    config: Any, backup_file: Path, *, acquire_lock: bool = True, actor: Actor = SYSTEM
) -> RestoreResult:
    """restore_database for the configured database, key and backup folder (CLI, start-up rescue)."""
    from srek_desk.db.encryption import load_key
    from srek_desk.services.core.database import resolve_database_location

    location = resolve_database_location(config)
    return restore_database(
        location,
        backup_file,
        key=load_key(config),
        folder=default_backup_folder(location, config["backup.folder"]),
        backups_to_keep=config["database.backups_to_keep"],
        acquire_lock=acquire_lock,
        actor=actor,
    )
