"""Consistent SQLite backups through the SQLite backup API (never a file copy), names, rotation.

A backup of an encrypted database is encrypted with the same key. Every backup is written to a
``.partial`` file, checked with ``PRAGMA integrity_check`` and only then renamed into place, so a
crash or a full disk never leaves a half-written backup under a real name. A backup is created
0600 and then gets the database's own rights (never more than 0660): a private database never
has readable backups.
"""

from __future__ import annotations

import logging
import os
import re
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from srek_desk.db.encryption import check_key_fits_file, is_encrypted_file, raw_connect
from srek_desk.db.engine import sqlite_path
from srek_desk.db.errors import translate_db_error
from srek_desk.errors import EncryptionKeyError, UserError
from srek_desk.private_files import copy_private_mode, create_private_file, make_private_folder

log = logging.getLogger(__name__)

BACKUP_PREFIX = "srek-desk-"
DAILY = "taeglich"
MANUAL = "manuell"
BEFORE_RESTORE = "vor-wiederherstellung"
DAMAGED = "beschaedigt"
BEFORE_UPDATE = "vor-update"
_NAME = re.compile(
    r"^srek-desk-(?P<date>\d{8})-(?P<time>\d{6})-(?P<kind>[a-z0-9_-]+?)(?:\.(?P<n>\d+))?\.sqlite3$"
)
_STALE_PARTIAL_SECONDS = 3600


@dataclass(frozen=True, slots=True)
class BackupName:
    created: datetime
    kind: str
    sequence: int

    @property
    def family(self) -> str:
        """Kinds pruned together: every `vor-update-<rev>` is one family."""
        return BEFORE_UPDATE if self.kind.startswith(BEFORE_UPDATE) else self.kind


def automatic_backup_name(reason: str, now: datetime | None = None) -> str:
    """File name with time and reason only: nothing personal."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{BACKUP_PREFIX}{stamp}-{reason}.sqlite3"


def unused_backup_path(folder: Path, reason: str, now: datetime | None = None) -> Path:
    """`folder/automatic_backup_name(...)`, numbered `.2`, `.3` … if that second is taken."""
    first = folder / automatic_backup_name(reason, now)
    candidate, number = first, 1
    while candidate.exists():
        number += 1
        candidate = first.with_name(first.name.removesuffix(".sqlite3") + f".{number}.sqlite3")
    return candidate


def parse_backup_name(name: str) -> BackupName | None:
    match = _NAME.match(name)
    if match is None:
        return None
    try:
        created = datetime.strptime(match["date"] + match["time"], "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return BackupName(created, match["kind"], int(match["n"] or 1))


def integrity_result(connection: Any) -> str:
    """'ok' or the problems SQLite reports, joined."""
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    problems = [str(row[0]) for row in rows]
    return "ok" if problems == ["ok"] else "; ".join(problems[:5])


def check_file(path: Path, key: str | None = None) -> str:
    """'ok' when the file is a sound SQLite database (with that key); else the reason, German."""
    if not path.is_file():
        return "Datei fehlt"
    encrypted = is_encrypted_file(path)
    if encrypted and key is None:
        return "verschlüsselt, kein Schlüssel"
    try:
        # a plain backup from before encryption was switched on is still a good backup
        connection = raw_connect(path, key if encrypted else None)
    except EncryptionKeyError as exc:
        return exc.message
    except Exception as exc:  # sqlite3 / sqlcipher3 errors: unreadable
        return f"nicht lesbar ({exc})"
    try:
        return integrity_result(connection)
    except Exception as exc:  # sqlite3 / sqlcipher3 DatabaseError: unreadable
        return f"nicht lesbar ({exc})"
    finally:
        connection.close()


def copy_database(source: Path, destination: Path, key: str | None = None) -> Path:
    """Copy `source` into `destination` through the backup API, checked, atomically."""
    check_key_fits_file(source, key)
    partial = destination.with_name(destination.name + ".partial")
    try:
        make_private_folder(destination.parent)
        _unlink_with_sidecars(partial)
        create_private_file(partial)  # 0600 from the first byte, whatever the umask
        src = raw_connect(source, key)
        try:
            dst = raw_connect(partial, key)
            try:
                src.backup(dst)
                # a self-contained file: no -wal next to a backup
                dst.execute("PRAGMA journal_mode=DELETE").fetchall()
                result = integrity_result(dst)
            finally:
                dst.close()
        finally:
            src.close()
        if result != "ok":
            raise UserError(
                f"Die Sicherung {destination.name} ist fehlerhaft ({result}); sie wurde verworfen. "
                "Bitte die IT verständigen."
            )
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        copy_private_mode(source, partial)  # a backup keeps the database's rights, no wider
        partial.replace(destination)
    except UserError:
        _unlink_with_sidecars(partial)
        raise
    except Exception as exc:
        _unlink_with_sidecars(partial)
        translated = translate_db_error(exc)
        if translated is not None:
            raise translated from exc
        if isinstance(exc, OSError):
            raise UserError(
                f"Die Sicherung konnte nicht geschrieben werden: {exc.strerror}"
            ) from exc
        raise
    return destination


def backup_sqlite(engine: Engine, destination: Path, key: str | None = None) -> Path:
    """Copy the live database into `destination` page by page, safe while others write."""
    source = sqlite_path(str(engine.url))
    if source is None:
        raise UserError("Sicherungen über die Programmfunktion gibt es nur für SQLite-Datenbanken.")
    return copy_database(source, destination, key)


def _unlink_with_sidecars(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def backups_in(folder: Path) -> list[tuple[Path, BackupName]]:
    """Backups in a folder, newest first (by the time in their name)."""
    if not folder.is_dir():
        return []
    found = [
        (path, parsed)
        for path in folder.glob(f"{BACKUP_PREFIX}*.sqlite3")
        if path.is_file() and (parsed := parse_backup_name(path.name)) is not None
    ]
    # names have whole seconds: the file time orders backups written in the same second
    found.sort(key=lambda item: (item[1].created, _mtime(item[0]), item[1].sequence), reverse=True)
    return found


def backups_to_prune(
    backups: list[tuple[Path, BackupName]],
    *,
    daily_keep: int | None = None,
    weekly_keep: int = 0,
    keep_other: int | None = None,
) -> list[Path]:
    """What rotation removes from `backups` (newest first); None: leave that group alone.

    Daily: the `daily_keep` newest, plus among older ones the newest of each of the
    `weekly_keep` most recent ISO weeks. Every other family: its `keep_other` newest.
    Damaged databases kept aside are never pruned automatically.
    """
    remove: list[Path] = []
    if daily_keep is not None:
        daily = [(p, n) for p, n in backups if n.kind == DAILY]
        weeks_kept: set[tuple[int, int]] = set()
        for path, name in daily[max(0, daily_keep) :]:
            iso = name.created.isocalendar()
            week = (iso.year, iso.week)
            if week not in weeks_kept and len(weeks_kept) < weekly_keep:
                weeks_kept.add(week)
            else:
                remove.append(path)
    if keep_other is not None:
        seen: dict[str, int] = {}
        for path, name in backups:
            if name.kind in (DAILY, DAMAGED):
                continue
            seen[name.family] = seen.get(name.family, 0) + 1
            if seen[name.family] > keep_other:
                remove.append(path)
    return remove


def prune_backups(
    folder: Path,
    *,
    daily_keep: int | None = None,
    weekly_keep: int = 0,
    keep_other: int | None = None,
) -> list[Path]:
    """Delete what rotation does not keep (and stale .partial files); returns what went."""
    removed = backups_to_prune(
        backups_in(folder), daily_keep=daily_keep, weekly_keep=weekly_keep, keep_other=keep_other
    )
    for path in removed:
        _unlink_with_sidecars(path)
    if folder.is_dir():
        for partial in folder.glob(f"{BACKUP_PREFIX}*.partial"):
            try:
                if time.time() - partial.stat().st_mtime > _STALE_PARTIAL_SECONDS:
                    _unlink_with_sidecars(partial)
            except OSError:
                continue
    if removed:
        log.info("backup rotation removed %d file(s)", len(removed))
    return removed


def latest_good_backup(folder: Path, key: str | None = None) -> Path | None:
    """The newest backup in `folder` that passes the integrity check (for a rescue)."""
    for path, name in backups_in(folder):
        if name.kind == DAMAGED:
            continue
        if check_file(path, key) == "ok":
            return path
        log.warning("backup %s failed its integrity check", path.name)
    return None
