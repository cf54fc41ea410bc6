"""Backups and restore: backup API, integrity checks, rotation, encryption, refusals."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from srek_desk.config import Config
from srek_desk.context import AppContext
from srek_desk.db.backup import (
    automatic_backup_name,
    backup_sqlite,
    check_file,
    latest_good_backup,
    parse_backup_name,
    prune_backups,
    unused_backup_path,
)
from srek_desk.db.encryption import is_encrypted_file
from srek_desk.db.lock import DatabaseLock
from srek_desk.db.migrate import SCHEMA_HEAD
from srek_desk.db.models import Employer
from srek_desk.errors import (
    CorruptDatabaseError,
    DatabaseInUseError,
    DatabaseNewerError,
    UserError,
)
from srek_desk.services.core.database import Database, open_database
from srek_desk.services.protection.backups import (
    BackupService,
    restore_database,
    restore_with_config,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
KEY = "fedcba9876543210" * 4


def _names(database: Database) -> list[str]:
    with database.session() as session:
        return sorted(session.exec(select(Employer.name)).all())


def _add(database: Database, *names: str) -> None:
    with database.session() as session:
        session.add_all(Employer(name=name) for name in names)
        session.commit()


def _touch_backup(folder: Path, when: datetime, kind: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / automatic_backup_name(kind, when)
    path.write_bytes(b"")
    return path


def test_names_carry_time_and_kind_only() -> None:
    when = datetime(2025, 3, 7, 8, 9, 10)
    name = automatic_backup_name("vor-update-0006_cha", when)
    assert name == "srek-desk-20250307-080910-vor-update-0006_cha.sqlite3"
    parsed = parse_backup_name(name)
    assert parsed is not None and parsed.created == when and parsed.family == "vor-update"
    assert parse_backup_name("srek-desk-20250307-080910-manuell.3.sqlite3").sequence == 3  # type: ignore[union-attr]
    assert parse_backup_name("Mustermann.sqlite3") is None


def test_same_second_gets_a_number(tmp_path: Path) -> None:
    when = datetime(2025, 3, 7, 8, 9, 10)
    first = unused_backup_path(tmp_path, "manuell", when)
    first.write_bytes(b"")
    second = unused_backup_path(tmp_path, "manuell", when)
    assert second.name == "srek-desk-20250307-080910-manuell.2.sqlite3"


def test_backup_is_checked_self_contained_and_consistent(database: Database) -> None:
    _add(database, "Alpha", "Beta")
    path = database.sqlite_file
    assert path is not None
    writer = sqlite3.connect(path)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute(
        "INSERT INTO employer (name, street, postcode, place, state, contact_name, "
        "phone, email, website, notes, created_at, updated_at) "
        "VALUES ('Unfertig', '', '', '', '', '', '', '', '', '', '2025-01-01', '2025-01-01')"
    )
    try:
        info = BackupService(database).create()  # while another program is mid-write
    finally:
        writer.rollback()
        writer.close()
    assert info.kind == "manuell" and info.size_bytes == info.path.stat().st_size
    assert info.path.parent == path.parent / "backups"
    assert check_file(info.path) == "ok"
    # no -wal; beside the backup only the audit log's head (issue 17: a witness of the chain)
    assert sorted(p.name for p in info.path.parent.iterdir()) == [
        info.path.name,
        info.path.name + ".audit-head.json",
    ]
    with sqlite3.connect(info.path) as copy:
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        names = sorted(r[0] for r in copy.execute("SELECT name FROM employer"))
    copy.close()
    assert names == ["Alpha", "Beta"]


def test_backup_to_a_chosen_file_is_never_pruned(database: Database, tmp_path: Path) -> None:
    service = BackupService(database, tmp_path / "folder", daily_keep=1, weekly_keep=0)
    chosen = service.create(tmp_path / "elsewhere" / "kopie.sqlite3")
    for day in range(3):
        service.create(kind="taeglich", now=datetime(2025, 1, 1 + day, 12))
    assert chosen.path.exists()
    assert [info.created.day for info in service.list()] == [3]
    with pytest.raises(UserError, match="nicht selbst"):
        service.create(database.sqlite_file)


def test_encrypted_database_gives_encrypted_backups(tmp_path: Path) -> None:
    database = open_database(tmp_path / "office.sqlite3", key=KEY)
    try:
        _add(database, "Geheim")
        info = BackupService(database).create()
        assert is_encrypted_file(info.path)
        assert b"Geheim" not in info.path.read_bytes()
        assert check_file(info.path, KEY) == "ok"
        assert check_file(info.path) != "ok"
        assert latest_good_backup(info.path.parent, KEY) == info.path
    finally:
        database.dispose()


def test_rotation_keeps_daily_and_weekly(tmp_path: Path) -> None:
    start = datetime(2025, 1, 1, 12)
    for day in range(46):  # 1 January to 15 February 2025
        _touch_backup(tmp_path, start + timedelta(days=day), "taeglich")
    removed = prune_backups(tmp_path, daily_keep=7, weekly_keep=4)
    kept = sorted(parse_backup_name(p.name).created.date().isoformat() for p in tmp_path.iterdir())  # type: ignore[union-attr]
    assert kept == [
        "2025-01-19",  # ISO week 3
        "2025-01-26",  # week 4
        "2025-02-02",  # week 5
        "2025-02-08",  # week 6 (the 9th is among the 7 daily ones)
        *(f"2025-02-{day:02d}" for day in range(9, 16)),
    ]
    assert len(removed) == 46 - 11


def test_rotation_of_other_kinds_by_their_own_count(tmp_path: Path) -> None:
    start = datetime(2025, 1, 1, 12)
    for n in range(5):
        _touch_backup(tmp_path, start + timedelta(hours=n), f"vor-update-000{n}_x")
        _touch_backup(tmp_path, start + timedelta(hours=n), "vor-wiederherstellung")
        _touch_backup(tmp_path, start + timedelta(hours=n), "beschaedigt")
        _touch_backup(tmp_path, start + timedelta(hours=n), "taeglich")
    prune_backups(tmp_path, keep_other=2)
    kinds = [parse_backup_name(p.name).family for p in tmp_path.iterdir()]  # type: ignore[union-attr]
    assert kinds.count("vor-update") == 2
    assert kinds.count("vor-wiederherstellung") == 2
    assert kinds.count("beschaedigt") == 5  # damaged files are for IT to look at
    assert kinds.count("taeglich") == 5  # daily ones untouched when daily_keep is not given


def test_daily_backup_once_per_calendar_day(database: Database, tmp_path: Path) -> None:
    service = BackupService(database, tmp_path / "b")
    morning = datetime(2025, 5, 6, 8)
    first = service.run_daily_if_due(morning)
    assert first is not None and first.kind == "taeglich"
    assert service.run_daily_if_due(morning + timedelta(hours=9)) is None
    assert service.run_daily_if_due(morning + timedelta(days=1)) is not None
    assert service.latest() == service.list()[0]
    assert len(service.list()) == 2


def test_age_warning(database: Database, tmp_path: Path) -> None:
    service = BackupService(database, tmp_path / "b")
    assert "noch keine Sicherung" in (service.age_warning() or "")
    service.create(now=datetime(2025, 5, 6, 8))
    assert service.age_warning(datetime(2025, 5, 8, 8), warn_after_days=3) is None
    warning = service.age_warning(datetime(2025, 5, 10, 9), warn_after_days=3)
    assert warning is not None and "06.05.2025" in warning and "4 Tage" in warning


def test_latest_good_backup_skips_a_damaged_one(database: Database, tmp_path: Path) -> None:
    service = BackupService(database, tmp_path / "b")
    good = service.create(now=datetime(2025, 5, 6, 8))
    bad = service.create(now=datetime(2025, 5, 7, 8))
    bad.path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 9000)
    assert latest_good_backup(tmp_path / "b") == good.path
    assert latest_good_backup(tmp_path / "empty") is None


def test_backup_sqlite_for_the_migration(database: Database, tmp_path: Path) -> None:
    target = backup_sqlite(database.engine, tmp_path / "m" / "x.sqlite3")
    assert check_file(target) == "ok"


def test_restore_round_trip_keeps_the_current_aside(database: Database) -> None:
    _add(database, "Alt")
    backup = BackupService(database).create()
    _add(database, "Neu")
    db_path = database.sqlite_file
    assert db_path is not None
    database.dispose()
    result = restore_database(db_path, backup.path)
    assert result.revision == SCHEMA_HEAD and result.backup_revision == SCHEMA_HEAD
    assert not result.previous_was_damaged and result.kept_aside is not None
    assert "vor-wiederherstellung" in result.kept_aside.name
    restored = open_database(db_path)
    try:
        assert _names(restored) == ["Alt"]
    finally:
        restored.dispose()
    kept = open_database(result.kept_aside)
    try:
        assert _names(kept) == ["Alt", "Neu"]
    finally:
        kept.dispose()
    assert not db_path.with_name(db_path.name + ".restoring").exists()


def test_restore_of_an_old_schema_migrates_it(tmp_path: Path) -> None:
    db_path = tmp_path / "office.sqlite3"
    open_database(db_path).dispose()
    result = restore_database(db_path, FIXTURES / "schema_0001_baseline.sqlite3")
    assert result.backup_revision.startswith("0001") and result.revision == SCHEMA_HEAD
    with sqlite3.connect(db_path) as connection:
        name = connection.execute(
            "SELECT last_name FROM client WHERE customer_number='FIX-0001'"
        ).fetchone()[0]
    connection.close()
    assert name == "Musterfrau"


def _bytes_of(path: Path) -> bytes:
    return path.read_bytes()


def test_restore_refuses_a_newer_backup_and_changes_nothing(tmp_path: Path) -> None:
    db_path = tmp_path / "office.sqlite3"
    open_database(db_path).dispose()
    before = _bytes_of(db_path)
    future = tmp_path / "future.sqlite3"
    shutil.copy(FIXTURES / "schema_0001_baseline.sqlite3", future)
    with sqlite3.connect(future) as connection:
        connection.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    connection.close()
    with pytest.raises(DatabaseNewerError, match="neueren Version"):
        restore_database(db_path, future)
    assert _bytes_of(db_path) == before
    assert not (tmp_path / "backups").exists()


@pytest.mark.parametrize("content", ["foreign", "garbage"])
def test_restore_refuses_what_is_no_srek_backup(tmp_path: Path, content: str) -> None:
    db_path = tmp_path / "office.sqlite3"
    open_database(db_path).dispose()
    before = _bytes_of(db_path)
    other = tmp_path / "other.sqlite3"
    if content == "foreign":
        with sqlite3.connect(other) as connection:
            connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY)")
        connection.close()
    else:
        other.write_bytes(b"SQLite format 3\x00" + b"\x42" * 5000)
    with pytest.raises(UserError, match="unverändert"):
        restore_database(db_path, other)
    assert _bytes_of(db_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["office.sqlite3", "other.sqlite3"]


def test_restore_over_a_damaged_database_moves_it_aside(database: Database) -> None:
    _add(database, "Gut")
    backup = BackupService(database).create()
    db_path = database.sqlite_file
    assert db_path is not None
    database.dispose()
    size = db_path.stat().st_size
    with db_path.open("r+b") as handle:
        handle.seek(4096)
        handle.write(b"\x99" * (size - 4096))
    Path(str(db_path) + "-wal").write_bytes(b"stale wal of the damaged file")
    result = restore_database(db_path, backup.path)
    assert result.previous_was_damaged and result.kept_aside is not None
    assert result.kept_aside.name.endswith("-beschaedigt.sqlite3")
    assert result.kept_aside.parent == backup.path.parent
    stale = Path(str(db_path) + "-wal")
    assert not stale.exists() or b"stale wal" not in stale.read_bytes()
    restored = open_database(db_path)
    try:
        assert _names(restored) == ["Gut"]
        assert restored.integrity_problems() == []
    finally:
        restored.dispose()


def test_restore_is_refused_while_another_instance_has_the_database(database: Database) -> None:
    backup = BackupService(database).create()
    db_path = database.sqlite_file
    assert db_path is not None
    database.dispose()
    with DatabaseLock(db_path), pytest.raises(DatabaseInUseError):
        restore_database(db_path, backup.path)


def test_plain_backup_restored_into_an_encrypted_setup_is_encrypted(tmp_path: Path) -> None:
    plain = open_database(tmp_path / "plain.sqlite3")
    _add(plain, "Vorher unverschlüsselt")
    backup = BackupService(plain).create()
    plain.dispose()
    db_path = tmp_path / "enc" / "office.sqlite3"
    open_database(db_path, key=KEY).dispose()
    result = restore_database(db_path, backup.path, key=KEY)
    assert is_encrypted_file(db_path)
    assert result.kept_aside is not None and is_encrypted_file(result.kept_aside)
    restored = open_database(db_path, key=KEY)
    try:
        assert _names(restored) == ["Vorher unverschlüsselt"]
    finally:
        restored.dispose()


def test_app_context_writes_the_daily_backup(tmp_path: Path) -> None:
    backups = tmp_path / "sicherungen"
    config = Config.defaults().with_values(
        database__url=str(tmp_path / "office.sqlite3"), backup__folder=str(backups)
    )
    AppContext.open(config).close()  # a brand-new database: nothing worth a backup yet
    assert not backups.exists()
    context = AppContext.open(config)
    try:
        infos = context.backups().list()
        assert [info.kind for info in infos] == ["taeglich"]
        assert context.backups().age_warning() is None
    finally:
        context.close()
    AppContext.open(config).close()
    assert len([p for p in backups.iterdir() if not p.name.endswith(".audit-head.json")]) == 1


def test_start_up_rescue_from_the_latest_good_backup(tmp_path: Path) -> None:
    """A damaged database at start: the error names the backup, restoring it gets back to work."""
    db_path = tmp_path / "office.sqlite3"
    config = Config.defaults().with_values(database__url=str(db_path))
    AppContext.open(config).close()
    context = AppContext.open(config)  # writes the day's backup
    _add(context.database, "Gesichert")
    good = context.backups().create()
    context.close()
    with db_path.open("r+b") as handle:
        handle.seek(4096)
        handle.write(b"\x5a" * (db_path.stat().st_size - 4096))
    with pytest.raises(CorruptDatabaseError) as caught:
        AppContext.open(config)
    assert caught.value.latest_backup == good.path
    result = restore_with_config(config, caught.value.latest_backup)
    assert result.previous_was_damaged
    rescued = AppContext.open(config)
    try:
        assert _names(rescued.database) == ["Gesichert"]
    finally:
        rescued.close()
