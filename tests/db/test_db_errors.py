"""Disk full, read-only, corrupt and locked: clear German messages, nothing half-written."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import create_engine, event
from sqlalchemy.exc import OperationalError
from sqlmodel import func, select

from srek_desk.db.backup import automatic_backup_name, copy_database
from srek_desk.db.errors import translate_db_error
from srek_desk.db.models import Employer
from srek_desk.errors import (
    CorruptDatabaseError,
    DatabaseBusyError,
    DiskFullError,
    ReadOnlyDatabaseError,
    UserError,
)
from srek_desk.services.core.database import Database, open_database


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (sqlite3.OperationalError("database or disk is full"), DiskFullError),
        (sqlite3.OperationalError("attempt to write a readonly database"), ReadOnlyDatabaseError),
        (sqlite3.DatabaseError("database disk image is malformed"), CorruptDatabaseError),
        (sqlite3.DatabaseError("file is not a database"), CorruptDatabaseError),
        (sqlite3.OperationalError("database is locked"), DatabaseBusyError),
        (sqlcipher3.dbapi2.OperationalError("database or disk is full"), DiskFullError),
        (OSError(errno.ENOSPC, "No space left on device"), DiskFullError),
        (OSError(errno.EROFS, "Read-only file system"), ReadOnlyDatabaseError),
    ],
)
def test_known_failures_are_translated(error: BaseException, expected: type[UserError]) -> None:
    translated = translate_db_error(error)
    assert isinstance(translated, expected)
    assert translated.message and "Datenbank" in translated.message


def test_sqlalchemy_wrapped_errors_are_translated() -> None:
    wrapped = OperationalError("INSERT …", {}, sqlite3.OperationalError("database is locked"))
    translated = translate_db_error(wrapped)
    assert isinstance(translated, DatabaseBusyError)
    assert "anderen Programm benutzt" in translated.message


@pytest.mark.parametrize(
    "error",
    [
        ValueError("database or disk is full"),  # not from SQLite: a bug, not a storage failure
        sqlite3.OperationalError("no such table: offer"),
        UserError("schon übersetzt"),
        OSError(errno.ENOENT, "No such file"),
    ],
)
def test_other_errors_are_left_alone(error: BaseException) -> None:
    assert translate_db_error(error) is None


def _employer_count(database: Database) -> int:
    with database.session() as session:
        return int(session.exec(select(func.count()).select_from(Employer)).one())


def test_disk_full_leaves_no_partial_rows(database: Database) -> None:
    with database.session() as session:
        session.add(Employer(name="Vorher da"))
        session.commit()
    with pytest.raises(DiskFullError) as caught, database.session() as session:
        connection = session.connection()
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()
        # SQLite reports SQLITE_FULL once the file would grow beyond this many pages
        connection.exec_driver_sql(f"PRAGMA max_page_count = {int(pages) + 2}")
        for number in range(200):
            session.add(Employer(name=f"Betrieb {number}", notes="x" * 4000))
        session.commit()
    assert "Speicherplatz" in caught.value.message and "Platz schaffen" in caught.value.message
    database.engine.dispose()  # fresh connections, without the page limit
    assert _employer_count(database) == 1


def test_read_only_database_says_ask_it_for_write_permission(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    open_database(path).dispose()
    engine = create_engine(
        f"sqlite:///file:{path}?mode=ro&uri=true", connect_args={"check_same_thread": False}
    )
    read_only = Database(engine)
    try:
        assert _employer_count(read_only) == 0  # reading works
        with pytest.raises(ReadOnlyDatabaseError) as caught, read_only.session() as session:
            session.add(Employer(name="Neu"))
            session.commit()
        assert "schreibgeschützt" in caught.value.message and "IT" in caught.value.message
    finally:
        read_only.dispose()


def test_query_only_connection_is_read_only(database: Database) -> None:
    event.listen(
        database.engine,
        "connect",
        lambda connection, _record: connection.execute("PRAGMA query_only = ON"),
    )
    database.engine.dispose()
    with pytest.raises(ReadOnlyDatabaseError), database.session() as session:
        session.add(Employer(name="Neu"))
        session.commit()


def _overwrite_pages(path: Path, first_page: int) -> None:
    """Garbage over every page from `first_page` (1-based) on: a badly damaged file."""
    page_size = int.from_bytes(path.read_bytes()[16:18], "big") or 65536
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek((first_page - 1) * page_size)
        handle.write(bytes((i * 37 + 11) % 256 for i in range(size - (first_page - 1) * page_size)))


def _checkpointed_database_with_data(path: Path) -> None:
    database = open_database(path)
    with database.session() as session:
        session.add_all(Employer(name=f"Betrieb {n}", notes="y" * 500) for n in range(300))
        session.commit()
    database.dispose()  # the last connection checkpoints the WAL into the file
    assert not Path(str(path) + "-wal").exists()


def test_corrupt_file_at_open_names_the_latest_good_backup(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    _checkpointed_database_with_data(path)
    backups = tmp_path / "backups"
    good = copy_database(path, backups / automatic_backup_name("taeglich"))
    _overwrite_pages(path, 2)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_database(path)
    assert "beschädigt" in caught.value.message and "Sicherung" in caught.value.message
    assert caught.value.latest_backup == good


def test_corruption_found_while_working_is_translated(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    _checkpointed_database_with_data(path)
    database = open_database(path)
    try:
        database.engine.dispose()
        _overwrite_pages(path, 3)
        with pytest.raises(CorruptDatabaseError), database.session() as session:
            session.exec(select(Employer.notes)).all()
    finally:
        database.dispose()


def test_locked_beyond_busy_timeout_is_translated(database: Database) -> None:
    path = database.sqlite_file
    assert path is not None
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with (
            pytest.raises(DatabaseBusyError, match="anderen Programm benutzt"),
            database.session() as session,
        ):
            session.connection().exec_driver_sql("PRAGMA busy_timeout = 50")
            session.add(Employer(name="Wartet"))
            session.commit()
    finally:
        other.rollback()
        other.close()
