"""Private files: database (+ -wal/-shm), log, lock, sheets, access exports, laptop and handover
files are created owner-only (0600, folders 0700) even under the usual permissive umask."""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from sqlalchemy import text

from srek_desk import private_files
from srek_desk.db.lock import DatabaseLock
from srek_desk.errors import UserError
from srek_desk.logging_setup import setup_logging
from srek_desk.private_files import (
    copy_private_mode,
    make_private_folder,
    windows_acl_command,
    write_private_bytes,
)
from srek_desk.services.core.database import open_database
from srek_desk.services.handover.file_format import write_file
from srek_desk.services.offline import checkout
from srek_desk.services.protection.privacy import PrivacyService
from srek_desk.sheets.render import render_sheet
from srek_desk.sheets.sample import sample_sheet
from tests.db.offline_fixtures import seed_office

pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX; Windows gets an ACL"),
]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """The usual umask 022: without care every new file would be 0644, every folder 0755."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_new_database_its_wal_and_shm_and_its_new_folder_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "neu" / "buero" / "srek.sqlite3"
    db = open_database(path)
    try:
        with db.engine.connect() as connection:  # held open: -wal and -shm exist meanwhile
            connection.execute(text("SELECT count(*) FROM client")).scalar_one()
            companions = [path.with_name(path.name + s) for s in ("-wal", "-shm")]
            assert all(p.exists() for p in companions)
            assert {p.name: mode(p) for p in (path, *companions)} == {
                "srek.sqlite3": 0o600,
                "srek.sqlite3-wal": 0o600,
                "srek.sqlite3-shm": 0o600,
            }
    finally:
        db.dispose()
    assert mode(tmp_path / "neu") == 0o700 and mode(tmp_path / "neu" / "buero") == 0o700


def test_existing_folder_keeps_its_rights(tmp_path: Path) -> None:
    folder = tmp_path / "Dokumente"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    make_private_folder(folder / "Auskünfte")
    assert mode(folder) == 0o755 and mode(folder / "Auskünfte") == 0o700


def test_an_old_world_readable_database_loses_access_for_others(tmp_path: Path) -> None:
    path = tmp_path / "alt.sqlite3"
    open_database(path).dispose()
    os.chmod(path, 0o664)  # as an earlier version left it, group set by IT
    db = open_database(path)
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        assert mode(path) == 0o660  # others out, the group IT chose stays
    finally:
        db.dispose()


def test_encrypted_database_is_owner_only_too(tmp_path: Path) -> None:
    path = tmp_path / "geheim.sqlite3"
    open_database(path, key="ab" * 32).dispose()
    assert mode(path) == 0o600


def test_log_folder_log_file_and_rotated_logs_are_owner_only(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    file = setup_logging(log_dir=tmp_path / "logs" / "srek")
    assert file is not None
    try:
        handler = next(h for h in root.handlers if h not in before)
        logging.getLogger("test").warning("Eintrag")
        handler.doRollover()  # type: ignore[attr-defined]
        logging.getLogger("test").warning("nach dem Wechsel")
        assert mode(file) == 0o600
        assert mode(file.with_name(file.name + ".1")) == 0o600
        assert mode(tmp_path / "logs") == 0o700 and mode(file.parent) == 0o700
    finally:
        for handler in [h for h in root.handlers if h not in before]:
            root.removeHandler(handler)
            handler.close()


def test_lock_file_is_owner_only(tmp_path: Path) -> None:
    with DatabaseLock(tmp_path / "srek.sqlite3") as lock:
        assert mode(lock.path) == 0o600


def test_sheet_pdf_is_owner_only_also_when_it_replaces_a_readable_file(tmp_path: Path) -> None:
    target = tmp_path / "bogen.pdf"
    target.write_bytes(b"alt")
    os.chmod(target, 0o644)
    render_sheet(sample_sheet(), target)
    assert target.read_bytes().startswith(b"%PDF") and mode(target) == 0o600


def test_access_export_laptop_file_and_handover_file_are_owner_only(
    tmp_path: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    db = open_database(tmp_path / "buero.sqlite3")
    try:
        office = seed_office(db, reference)
        folder = tmp_path / "auskunft"
        PrivacyService(db, office.berta).write_access_export(
            office.lena, folder / "a.json", folder / "a.pdf"
        )
        assert mode(folder) == 0o700
        assert mode(folder / "a.json") == 0o600 and mode(folder / "a.pdf") == 0o600
        laptop = tmp_path / "laptop.sqlite3"
        checkout(db, laptop, office.berta, [office.lena])
        assert mode(laptop) == 0o600
    finally:
        db.dispose()
    handover = tmp_path / "uebergabe.srek"
    write_file(handover, b"verschluesselt")
    assert mode(handover) == 0o600


def test_offer_export_is_owner_only(tmp_path: Path) -> None:
    from srek_desk.importers.export import write_offers

    target = tmp_path / "angebote.csv"
    write_offers(target, [])
    assert mode(target) == 0o600


def test_backup_helper_keeps_the_database_mode(tmp_path: Path) -> None:
    database, backup = tmp_path / "db", tmp_path / "backup"
    database.write_bytes(b"x")
    backup.write_bytes(b"x")
    os.chmod(database, 0o600)
    os.chmod(backup, 0o644)
    copy_private_mode(database, backup)
    assert mode(backup) == 0o600
    os.chmod(database, 0o664)
    copy_private_mode(database, backup)
    assert mode(backup) == 0o660  # the group IT set, never world-readable


def test_full_disk_while_writing_says_so_in_german_and_keeps_the_old_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / "bogen.pdf"
    target.write_bytes(b"vorher")
    with (
        mock.patch.object(private_files.os, "fsync", side_effect=OSError(errno.ENOSPC, "full")),
        pytest.raises(UserError) as caught,
    ):
        write_private_bytes(target, b"neu")
    assert "kein Platz mehr" in caught.value.message and str(target) in caught.value.message
    assert target.read_bytes() == b"vorher"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bogen.pdf"]


def test_windows_gets_an_acl_for_the_user_system_and_administrators(tmp_path: Path) -> None:
    sid = "S-1-5-21-1004336348-1177238915-682003330-1001"
    assert windows_acl_command(tmp_path / "a.pdf", sid) == [
        "icacls",
        str(tmp_path / "a.pdf"),
        "/inheritance:r",
        "/grant:r",
        f"*{sid}:(F)",
        "*S-1-5-18:(F)",
        "*S-1-5-32-544:(F)",
    ]
    assert windows_acl_command(tmp_path, sid, folder=True)[4] == f"*{sid}:(OI)(CI)(F)"


def test_windows_acl_failure_is_logged_not_fatal(tmp_path: Path) -> None:
    failed = mock.Mock(returncode=5, stdout="", stderr="Zugriff verweigert")
    with (
        mock.patch.object(private_files, "_windows_user_sid", return_value="S-1-5-21-1-2-3-1001"),
        mock.patch.object(private_files.subprocess, "run", return_value=failed) as run,
    ):
        assert private_files.restrict_windows(tmp_path / "a.pdf") is False
    assert run.call_args.args[0][0] == "icacls"
