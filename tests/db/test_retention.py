"""Retention: a preview of what is due, then one confirmed step; recent activity spares a client."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from srek_desk.db.engine import make_engine
from srek_desk.db.migrate import migrate
from srek_desk.db.models import AuditEvent, Client, CounsellingNote
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.access import SYSTEM, AccessDenied, Actor
from srek_desk.services.core.audit import AuditService
from srek_desk.services.protection.retention import RetentionPolicy, RetentionService, months_before
from tests.conftest import FIXTURES
from tests.db.privacy_fixtures import person

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def _age(database, client_id: int, days: int) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session, session.begin():
        session.execute(
            update(Client)
            .where(Client.id == client_id)
            .values(updated_at=NOW - timedelta(days=days))
        )


@pytest.fixture
def office(database, reference):  # type: ignore[no-untyped-def]
    clients = ClientService(database)
    old = clients.create(person("Otto", "Altfall", "K-1"), reference)
    old_but_noted = clients.create(person("Nora", "Notiz", "K-2"), reference)
    fresh = clients.create(person("Fritz", "Frisch", "K-3"), reference)
    clients.add_note(old_but_noted, "Rückruf vereinbart")
    _age(database, old, 800)
    _age(database, old_but_noted, 800)
    with database.session() as session, session.begin():
        session.execute(update(CounsellingNote).values(created_at=NOW - timedelta(days=30)))
    return database, old, old_but_noted, fresh


def test_months_before_handles_year_ends() -> None:
    assert months_before(datetime(2026, 1, 31, tzinfo=UTC), 2).date().isoformat() == "2025-11-28"
    assert months_before(NOW, 24).year == 2024


def test_preview_lists_only_clients_without_recent_activity(office) -> None:  # type: ignore[no-untyped-def]
    database, old, _noted, _fresh = office
    preview = RetentionService(database, RetentionPolicy()).preview(NOW)
    assert [c.id for c in preview.clients] == [old]
    assert preview.clients[0].name == "Altfall, Otto"
    assert preview.client_action == "löschen"


def test_apply_erases_due_clients_and_old_records_only_for_admins(office) -> None:  # type: ignore[no-untyped-def]
    database, old, noted, fresh = office
    service = RetentionService(database, RetentionPolicy())
    preview = service.preview(NOW)
    with pytest.raises(AccessDenied):
        service.apply(Actor(9, "ben", "Ben", frozenset({"berater"})), preview)
    outcome = service.apply(SYSTEM, preview)
    assert outcome.clients == 1
    with database.session() as session:
        left = set(session.execute(select(Client.id)).scalars())
        actions = session.execute(select(AuditEvent.action)).scalars().all()
    assert left == {noted, fresh} and old not in left
    assert actions[-2:] == ["erase", "retention"]
    assert AuditService(database).verify_chain() is None


def test_a_client_active_again_since_the_preview_is_spared(office, reference) -> None:  # type: ignore[no-untyped-def]
    database, old, _noted, _fresh = office
    service = RetentionService(database, RetentionPolicy())
    preview = service.preview(NOW)
    ClientService(database).add_note(old, "Kam heute wieder vorbei")
    with database.session() as session, session.begin():
        session.execute(update(CounsellingNote).values(created_at=NOW - timedelta(days=1)))
    assert service.apply(SYSTEM, preview).clients == 0


def test_anonymising_keeps_statistics_but_no_person(office) -> None:  # type: ignore[no-untyped-def]
    database, old, _noted, _fresh = office
    service = RetentionService(database, RetentionPolicy(anonymise_instead=True))
    assert service.apply(SYSTEM, service.preview(NOW)).clients == 1
    with database.session() as session:
        client = session.get(Client, old)
    assert client is not None and client.anonymised_at is not None
    assert (client.first_name, client.last_name, client.email, client.birth_date) == (
        "",
        "",
        "",
        None,
    )
    assert client.school_qualification == "mittlere_reife"  # kept for statistics
    assert old not in {c.id for c in ClientService(database).recent_clients()}


def test_old_audit_entries_go_through_the_gate_only(office) -> None:  # type: ignore[no-untyped-def]
    database, *_ = office
    service = RetentionService(database, RetentionPolicy(audit_months=1))
    preview = service.preview(NOW + timedelta(days=400))
    assert preview.audit_entries > 0
    outcome = service.apply(SYSTEM, preview)
    assert outcome.audit_entries == preview.audit_entries
    with database.session() as session:
        remaining = session.execute(select(AuditEvent.action)).scalars().all()
    assert remaining and remaining[-1] == "retention"
    assert AuditService(database).verify_chain() is None


def test_migration_pseudonymises_old_audit_entries(tmp_path: Path) -> None:
    db_path = tmp_path / "office.sqlite3"
    shutil.copy(FIXTURES / "schema_0006_change_indexes.sqlite3", db_path)
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE client SET status = 'restricted' WHERE id = 1")
        connection.execute(
            "INSERT INTO audit_event (at, action, entity, entity_id, fields) "
            "VALUES ('2026-11-20 10:00:00', 'update', 'client', 1, 'last_name')"
        )
    engine = make_engine(db_path)
    try:
        migrate(engine, backup_dir=tmp_path / "backups")
    finally:
        engine.dispose()
    with sqlite3.connect(db_path) as connection:
        pseudonym, restricted, status = connection.execute(
            "SELECT pseudonym, restricted, status FROM client WHERE id = 1"
        ).fetchone()
        event = connection.execute(
            "SELECT entity_id, subject, chain_hash FROM audit_event"
        ).fetchone()
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("DELETE FROM audit_event")
    assert len(pseudonym) == 12 and (restricted, status) == (1, "active")
    assert event[0] is None and event[1] == pseudonym and len(event[2]) == 64
