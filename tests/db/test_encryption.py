"""Encryption at rest: key file, keyed engine, the key kept out of URLs, logs and errors."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from srek_desk.config import Config
from srek_desk.db.encryption import (
    SQLITE_HEADER,
    decrypt_database,
    encrypt_database,
    is_encrypted_file,
    load_key,
    raw_connect,
    write_new_key_file,
)
from srek_desk.db.engine import make_engine
from srek_desk.db.models import Employer
from srek_desk.errors import EncryptionKeyError, UserError
from srek_desk.services.core.database import open_database

KEY = "0123456789abcdef" * 4  # 64 hex digits: a raw key
PASSPHRASE = "Sommer's geheimes Passwort"
SECRET_NAME = "Geheimbetrieb Zebrafink GmbH"


def _config_with_key_file(path: Path) -> Config:
    return Config.defaults().with_values(database__key_file=str(path))


def _add_employer(database, name: str = SECRET_NAME) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        session.add(Employer(name=name))
        session.commit()


def _employer_names(database) -> list[str]:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return list(session.exec(select(Employer.name)).all())


def test_no_key_file_setting_means_no_encryption() -> None:
    assert load_key(Config.defaults()) is None


def test_key_is_read_from_the_file(tmp_path: Path) -> None:
    key_file = tmp_path / "srek.key"
    key_file.write_text(f"  {KEY}\n", encoding="utf-8")
    assert load_key(_config_with_key_file(key_file)) == KEY


@pytest.mark.parametrize("content", [None, "", "   \n"])
def test_missing_or_empty_key_file_names_the_setting(tmp_path: Path, content: str | None) -> None:
    key_file = tmp_path / "srek.key"
    if content is not None:
        key_file.write_text(content, encoding="utf-8")
    with pytest.raises(EncryptionKeyError) as caught:
        load_key(_config_with_key_file(key_file))
    assert "database.key_file" in caught.value.message
    assert str(key_file) in caught.value.message


def test_unreadable_key_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(EncryptionKeyError, match="kann nicht gelesen"):
        load_key(_config_with_key_file(tmp_path))  # a folder, not a file


def test_new_key_file_is_random_and_private(tmp_path: Path) -> None:
    first = write_new_key_file(tmp_path / "a.key")
    second = write_new_key_file(tmp_path / "b.key")
    assert first != second and len(first) == 64
    assert (tmp_path / "a.key").stat().st_mode & 0o077 == 0
    with pytest.raises(FileExistsError):
        write_new_key_file(tmp_path / "a.key")


@pytest.mark.parametrize("key", [KEY, PASSPHRASE], ids=["raw-key", "passphrase"])
def test_encrypted_database_works_like_a_plain_one(tmp_path: Path, key: str) -> None:
    path = tmp_path / "office.sqlite3"
    database = open_database(path, key=key)
    try:
        _add_employer(database)
        assert _employer_names(database) == [SECRET_NAME]
        with database.engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert connection.execute(text("PRAGMA cipher_version")).scalar()
        assert database.integrity_problems() == []
        assert database.encrypted
    finally:
        database.dispose()
    assert is_encrypted_file(path)
    assert SECRET_NAME.encode() not in path.read_bytes()
    reopened = open_database(path, key=key)
    try:
        assert _employer_names(reopened) == [SECRET_NAME]
    finally:
        reopened.dispose()


def test_key_never_shows_in_url_repr_log_or_errors(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    engine = make_engine(tmp_path / "office.sqlite3", echo=True, key=PASSPHRASE)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            with pytest.raises(Exception) as caught:
                connection.execute(text("SELECT * FROM no_such_table"))
    finally:
        engine.dispose()
    database = open_database(tmp_path / "office.sqlite3", key=PASSPHRASE)
    try:
        shown = [str(engine.url), repr(engine), repr(database), database.url, str(caught.value)]
    finally:
        database.dispose()
    shown.append(caplog.text)
    assert caplog.text  # statements were logged (echo), but without the key
    for text_shown in shown:
        assert PASSPHRASE not in text_shown
        assert "geheimes" not in text_shown


def test_encrypted_database_without_key_is_refused_in_german(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    open_database(path, key=KEY).dispose()
    with pytest.raises(EncryptionKeyError) as caught:
        open_database(path)
    assert "verschlüsselt" in caught.value.message and "IT" in caught.value.message
    assert KEY not in caught.value.message


def test_wrong_key_is_refused_in_german(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    open_database(path, key=KEY).dispose()
    with pytest.raises(EncryptionKeyError, match="Der Schlüssel passt nicht zur Datenbank"):
        open_database(path, key="f" * 64)
    with pytest.raises(EncryptionKeyError, match="passt nicht"):
        raw_connect(path, PASSPHRASE)


def test_plain_database_with_a_key_points_to_the_encrypt_command(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    open_database(path).dispose()
    with pytest.raises(EncryptionKeyError, match="srek-desk encrypt"):
        open_database(path, key=KEY)


def test_raw_connect_plain_and_keyed(tmp_path: Path) -> None:
    plain = raw_connect(tmp_path / "plain.sqlite3")
    assert isinstance(plain, sqlite3.Connection)
    plain.execute("CREATE TABLE t (x)")
    plain.close()
    keyed = raw_connect(tmp_path / "keyed.sqlite3", KEY)
    keyed.execute("CREATE TABLE t (x)")
    keyed.commit()
    keyed.close()
    assert (tmp_path / "plain.sqlite3").read_bytes().startswith(SQLITE_HEADER)
    assert is_encrypted_file(tmp_path / "keyed.sqlite3")
    assert not is_encrypted_file(tmp_path / "missing.sqlite3")


def test_encrypt_in_place_leaves_no_plain_copy(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    path = folder / "office.sqlite3"
    database = open_database(path)
    _add_employer(database)
    database.dispose()
    encrypt_database(path, KEY)
    assert is_encrypted_file(path)
    for file in folder.rglob("*"):
        if file.is_file():
            assert SECRET_NAME.encode() not in file.read_bytes(), file.name
    assert sorted(p.name for p in folder.iterdir()) == ["office.sqlite3"]
    database = open_database(path, key=KEY)
    try:
        assert _employer_names(database) == [SECRET_NAME]
        assert database.migration is not None and not database.migration.changed
    finally:
        database.dispose()
    with pytest.raises(UserError, match="bereits verschlüsselt"):
        encrypt_database(path, KEY)


def test_encrypt_takes_along_what_only_the_wal_holds(tmp_path: Path) -> None:
    """A crashed app leaves committed rows in the -wal file; they must not be lost."""
    live = tmp_path / "live.sqlite3"
    database = open_database(live)
    _add_employer(database)
    crashed = tmp_path / "crashed.sqlite3"
    with database.session() as session:
        session.connection().exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        session.add(Employer(name="Nur im WAL"))
        session.commit()
        assert Path(str(live) + "-wal").stat().st_size > 0
        shutil.copy(live, crashed)  # the state a crash leaves on disk
        shutil.copy(Path(str(live) + "-wal"), Path(str(crashed) + "-wal"))
    database.dispose()
    assert b"Nur im WAL" not in crashed.read_bytes()
    encrypt_database(crashed, KEY)
    assert not Path(str(crashed) + "-wal").exists()
    assert not Path(str(crashed) + "-shm").exists()
    reopened = open_database(crashed, key=KEY)
    try:
        assert sorted(_employer_names(reopened)) == sorted([SECRET_NAME, "Nur im WAL"])
    finally:
        reopened.dispose()


def test_decrypt_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    database = open_database(path, key=PASSPHRASE)
    _add_employer(database)
    database.dispose()
    with pytest.raises(EncryptionKeyError):
        decrypt_database(path, KEY)
    assert is_encrypted_file(path)
    decrypt_database(path, PASSPHRASE)
    assert path.read_bytes().startswith(SQLITE_HEADER)
    plain = open_database(path)
    try:
        assert _employer_names(plain) == [SECRET_NAME]
    finally:
        plain.dispose()


def test_backup_before_migration_of_an_encrypted_database_is_encrypted(tmp_path: Path) -> None:
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "schema_0001_baseline.sqlite3"
    path = tmp_path / "office.sqlite3"
    shutil.copy(fixture, path)
    encrypt_database(path, KEY)
    database = open_database(path, key=KEY)
    try:
        assert database.migration is not None and database.migration.changed
        backup = database.migration.backup
        assert backup is not None and "vor-update-0001" in backup.name
    finally:
        database.dispose()
    assert is_encrypted_file(backup)
    assert b"Musterfrau" not in backup.read_bytes()
    old = raw_connect(backup, KEY)
    try:
        assert (
            old.execute("SELECT version_num FROM alembic_version").fetchone()[0].startswith("0001")
        )
    finally:
        old.close()
