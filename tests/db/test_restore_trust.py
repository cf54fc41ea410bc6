"""Restore trusts nothing: the schema is checked, erasures survive it, so do its audit entries."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from srek_desk.db.migrate import SCHEMA_HEAD
from srek_desk.db.models import AuditEvent, Client
from srek_desk.db.models_erasure import ErasureRecord
from srek_desk.db.schema_check import schema_problems
from srek_desk.errors import UserError
from srek_desk.services.core.access import SYSTEM, Actor
from srek_desk.services.core.database import Database, open_database
from srek_desk.services.protection.backups import BackupService, restore_database
from srek_desk.services.protection.erasures import (
    backups_holding,
    reapply_erasures,
    register_in_file,
    register_of,
)
from srek_desk.services.protection.privacy import PrivacyService

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAVED_SCHEMAS = sorted(FIXTURES.glob("schema_*.sqlite3"))
IT = Actor(None, "cli:it", "Kommandozeile", SYSTEM.roles)


def _add_client(database: Database, number: str, last: str = "Anselm") -> tuple[int, str]:
    with database.session() as session, session.begin():
        client = Client(first_name="Zypri", last_name=last, customer_number=number)
        session.add(client)
        session.flush()
        return int(client.id), str(client.pseudonym)  # type: ignore[arg-type]


def _pseudonyms(database: Database) -> set[str]:
    with database.session() as session:
        return set(session.execute(select(Client.pseudonym)).scalars())  # type: ignore[arg-type]


def _actions(database: Database, subject: str = "") -> list[str]:
    with database.session() as session:
        query = select(AuditEvent.action).order_by(AuditEvent.id)  # type: ignore[arg-type]
        if subject:
            query = query.where(AuditEvent.subject == subject)
        return list(session.execute(query).scalars())


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Database]:
    db = open_database(tmp_path / "office.sqlite3", backup_folder=tmp_path / "backups")
    yield db
    db.dispose()


def _backup(database: Database) -> Path:
    return BackupService(database).create().path


def _restore(database: Database, backup: Path, actor: Actor = IT):  # type: ignore[no-untyped-def]
    database.dispose()
    assert database.sqlite_file is not None
    return restore_database(
        database.sqlite_file, backup, folder=database.backup_folder, actor=actor
    )


# -- the schema -------------------------------------------------------------------------------

TAMPERING = {
    "append-only trigger dropped": (
        ["DROP TRIGGER audit_event_no_update"],
        ["es fehlt Trigger „audit_event_no_update“ (Tabelle „audit_event“)"],
    ),
    "hostile trigger added": (
        [
            "CREATE TRIGGER note_makes_admin AFTER INSERT ON counselling_note "
            "BEGIN UPDATE user_account SET role = 'admin'; END"
        ],
        ["zusätzlich Trigger „note_makes_admin“ (Tabelle „counselling_note“)"],
    ),
    "exports go unlogged": (
        [
            "DROP TRIGGER audit_event_no_delete",
            "CREATE TRIGGER audit_event_no_delete AFTER INSERT ON audit_event "
            "WHEN new.action = 'export' BEGIN DELETE FROM audit_event WHERE id = new.id; END",
        ],
        ["Trigger „audit_event_no_delete“ (Tabelle „audit_event“) ist verändert"],
    ),
    "view added": (
        ["CREATE VIEW everybody AS SELECT first_name, last_name FROM client"],
        ["zusätzlich Sicht „everybody“"],
    ),
    "index dropped": (["DROP INDEX ix_client_counsellor_id"], ["es fehlt Index"]),
    "column added": (
        ["ALTER TABLE user_account ADD COLUMN backdoor TEXT"],
        ["Tabelle „user_account“: zusätzliche Spalte „backdoor“"],
    ),
    "table added": (["CREATE TABLE stash (value TEXT)"], ["zusätzlich Tabelle „stash“"]),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_restore_refuses_a_backup_whose_schema_was_changed(
    office: Database, tmp_path: Path, case: str
) -> None:
    statements, expected = TAMPERING[case]
    _add_client(office, "K-1")
    backup = _backup(office)
    with sqlite3.connect(backup) as connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()
    _add_client(office, "K-2")
    office.dispose()
    assert office.sqlite_file is not None
    before = office.sqlite_file.read_bytes()
    with pytest.raises(UserError) as refused:
        restore_database(office.sqlite_file, backup, folder=office.backup_folder)
    message = refused.value.message
    assert "passt nicht zum Datenbankschema" in message and backup.name in message
    for part in expected:
        assert part in message
    assert office.sqlite_file.read_bytes() == before  # nothing replaced, nothing kept aside
    assert not (tmp_path / "office.sqlite3.restoring").exists()


@pytest.mark.parametrize("saved", SAVED_SCHEMAS, ids=[p.stem for p in SAVED_SCHEMAS])
def test_every_released_schema_is_accepted(saved: Path, tmp_path: Path) -> None:
    """No false alarm: a backup of each released schema restores (and is migrated)."""
    revision = saved.stem.removeprefix("schema_")
    assert schema_problems(saved, revision) == []
    db_path = tmp_path / "office.sqlite3"
    open_database(db_path).dispose()
    result = restore_database(db_path, saved, folder=tmp_path / "backups")
    assert result.backup_revision == revision and result.revision == SCHEMA_HEAD
    assert schema_problems(db_path, SCHEMA_HEAD) == []  # migrated over time = built fresh


def test_fresh_head_database_matches_its_reference(office: Database) -> None:
    assert office.sqlite_file is not None
    assert schema_problems(office.sqlite_file, SCHEMA_HEAD) == []


# -- the erasure register (both engines) ------------------------------------------------------


def test_erasure_and_anonymisation_are_registered_by_pseudonym(database: Database) -> None:
    erased_id, erased = _add_client(database, "K-4711")
    anonymised_id, anonymised = _add_client(database, "K-4712", "Bertram")
    PrivacyService(database, IT).erase(erased_id)
    PrivacyService(database, IT).anonymise(anonymised_id)
    entries = {(e.pseudonym, e.action) for e in register_of(database)}
    assert entries == {(erased, "erase"), (anonymised, "anonymise")}
    with database.session() as session:
        columns = {c.name for c in ErasureRecord.__table__.columns}  # type: ignore[attr-defined]
        assert columns == {"pseudonym", "action", "erased_at"}  # no name, no number
        assert "Anselm" not in str(session.execute(select(ErasureRecord)).all())


def test_a_known_erasure_inserted_again_changes_nothing(database: Database) -> None:
    """Copying a database into a server inserts audit entries and register both."""
    client_id, pseudonym = _add_client(database, "K-4711")
    PrivacyService(database, IT).erase(client_id)
    with database.session() as session, session.begin():
        session.execute(
            text(
                "INSERT INTO erasure_register (pseudonym, action, erased_at) "
                "VALUES (:p, 'erase', :at)"
            ),
            {"p": pseudonym, "at": register_of(database)[0].erased_at},
        )
    assert len(register_of(database)) == 1


def test_reapplying_erases_who_came_back_and_logs_the_restore(database: Database) -> None:
    client_id, pseudonym = _add_client(database, "K-4711")
    PrivacyService(database, IT).erase(client_id)
    entries = register_of(database)
    # what an older backup looks like: the person there, the register without them
    with database.session() as session, session.begin():
        session.execute(text("DELETE FROM erasure_register"))
        session.add(Client(first_name="Zypri", last_name="Anselm", pseudonym=pseudonym))
    gone_id, gone = _add_client(database, "K-9", "Nie")  # not in the register: stays
    result = reapply_erasures(database, IT, entries, restored_from="stand.sqlite3")
    assert (result.erased_again, result.recorded) == (1, 0)
    assert pseudonym not in _pseudonyms(database) and gone in _pseudonyms(database)
    assert {(e.pseudonym, e.action) for e in register_of(database)} == {(pseudonym, "erase")}
    assert _actions(database)[-2:] == ["erase", "restore"]
    again = reapply_erasures(database, IT, entries)  # known now: nothing happens twice
    assert (again.erased_again, again.recorded) == (0, 0)
    assert gone_id > 0


def test_an_erasure_the_backup_predates_is_entered_in_its_log(database: Database) -> None:
    client_id, pseudonym = _add_client(database, "K-4711")
    PrivacyService(database, IT).erase(client_id)
    entries = register_of(database)
    with database.session() as session, session.begin():
        session.execute(text("DELETE FROM erasure_register"))
    result = reapply_erasures(database, IT, entries)
    assert (result.erased_again, result.recorded) == (0, 1)
    with database.session() as session:
        detail = session.execute(
            select(AuditEvent.detail)
            .where(AuditEvent.subject == pseudonym)
            .order_by(AuditEvent.id.desc())  # type: ignore[union-attr]
        ).first()
    assert detail is not None and "nach Wiederherstellung" in detail[0]


def test_older_databases_fill_the_register_from_their_audit_log(tmp_path: Path) -> None:
    path = tmp_path / "office.sqlite3"
    shutil.copy(FIXTURES / "schema_0011_timetable.sqlite3", path)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO audit_event (at, action, entity, fields, user_name, subject, detail, "
            "chain_hash) VALUES ('2026-12-01 10:00:00', 'erase', 'client', '', 'x', "
            "'abcdef123456', '', '')"
        )
    connection.close()
    assert [e.pseudonym for e in register_in_file(path)] == ["abcdef123456"]  # from the log
    db = open_database(path, backup_folder=tmp_path / "backups")
    try:
        assert [(e.pseudonym, e.action) for e in register_of(db)] == [("abcdef123456", "erase")]
    finally:
        db.dispose()


# -- restore end to end (SQLite) --------------------------------------------------------------


def test_restore_never_brings_an_erased_person_back(office: Database) -> None:
    in_backup_id, in_backup = _add_client(office, "K-1")
    backup = _backup(office)
    later_id, later = _add_client(office, "K-2", "Spät")
    PrivacyService(office, IT).erase(in_backup_id)
    PrivacyService(office, IT).erase(later_id)
    assert backups_holding(office.backup_folder, in_backup).holding == [backup]
    assert backups_holding(office.backup_folder, later).holding == []
    result = _restore(office, backup)
    assert (result.erasures_applied, result.erasures_recorded) == (1, 1)
    restored = open_database(office.sqlite_file, backup_folder=office.backup_folder)  # type: ignore[arg-type]
    try:
        assert in_backup not in _pseudonyms(restored)
        assert {e.pseudonym for e in register_of(restored)} == {in_backup, later}
        assert "erase" in _actions(restored, in_backup)
        assert "erase" in _actions(restored, later)  # erased after the backup: still logged
        with restored.session() as session:
            event = session.execute(
                select(AuditEvent).where(AuditEvent.action == "restore")
            ).scalar_one()
        assert event.user_name == "cli:it" and backup.name in event.detail
        second = _backup(restored)
        assert backups_holding(restored.backup_folder, in_backup).holding == [backup]
        assert second not in backups_holding(restored.backup_folder, in_backup).holding
    finally:
        restored.dispose()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_backups_and_the_restored_database_keep_the_database_mode(office: Database) -> None:
    assert office.sqlite_file is not None
    previous = os.umask(0o022)
    try:
        os.chmod(office.sqlite_file, 0o600)
        backup = _backup(office)
        assert backup.stat().st_mode & 0o777 == 0o600
        os.chmod(backup, 0o644)  # e.g. copied around by hand
        _restore(office, backup)
        assert office.sqlite_file.stat().st_mode & 0o777 == 0o600
        kept = [p for p in (office.backup_folder or Path()).glob("*.sqlite3") if p != backup]
        assert [p.name.split("-")[-1] for p in kept] == ["wiederherstellung.sqlite3"]
        assert kept[0].stat().st_mode & 0o777 == 0o600  # the replaced database, kept aside
    finally:
        os.umask(previous)


def test_moving_to_a_server_keeps_the_register_once(office: Database, postgres_url: str) -> None:
    """The copy inserts the audit entries (whose trigger registers) and the register rows."""
    from srek_desk.services.offline.move_to_server import transfer

    client_id, pseudonym = _add_client(office, "K-4711")
    PrivacyService(office, IT).erase(client_id)
    office.dispose()
    assert office.sqlite_file is not None
    result = transfer(office.sqlite_file, postgres_url)
    assert result.tables["erasure_register"] == 1
    server = open_database(postgres_url)
    try:
        assert [(e.pseudonym, e.action) for e in register_of(server)] == [(pseudonym, "erase")]
    finally:
        server.dispose()
