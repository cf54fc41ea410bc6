"""`transfer`: a whole single-PC database into an empty server database, all or nothing.

The source is a real SQLite file; the target a second SQLite file and, when
SREK_TEST_POSTGRES_URL is set, a fresh PostgreSQL database.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from srek_desk.db.lock import DatabaseLock
from srek_desk.db.models import AuditEvent, Client, CounsellingNote, Offer
from srek_desk.db.models_history import PrintedSheet
from srek_desk.errors import DatabaseInUseError, UserError
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.audit import AuditService
from srek_desk.services.core.database import Database, open_database
from srek_desk.services.offline import checkout
from srek_desk.services.offline import move_to_server as transfer_module
from srek_desk.services.offline.move_to_server import copied_tables, transfer
from srek_desk.services.protection.accounts import AccountService
from tests.db.offline_fixtures import (
    BACKENDS,
    PASSWORD,
    Office,
    database_location,
    person,
    seed_office,
)


@pytest.fixture
def source(tmp_path: Path, reference) -> Iterator[tuple[Path, Office]]:  # type: ignore[no-untyped-def]
    """A single-PC database with accounts, offers, clients, history and a laptop checkout."""
    path = tmp_path / "single-pc.sqlite3"
    db = open_database(path)
    office = seed_office(db, reference)
    checkout(db, tmp_path / "laptop.sqlite3", office.berta, [office.jonas])
    db.dispose()
    yield path, office


@pytest.fixture(params=BACKENDS)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_location(request.param, tmp_path, "server") as location:
        yield location if "://" in location else "sqlite:///" + location


def table_counts(location: str | Path) -> dict[str, int]:
    db = open_database(location)
    try:
        with db.engine.connect() as connection:
            return {
                t.name: int(connection.execute(select(func.count()).select_from(t)).scalar_one())
                for t in copied_tables()
            }
    finally:
        db.dispose()


def test_transfer_copies_every_table_with_ids_and_fixes_sequences(
    source: tuple[Path, Office], target: str, reference
) -> None:  # type: ignore[no-untyped-def]
    path, office = source
    before = table_counts(path)
    result = transfer(path, target)
    assert result.tables == before
    assert result.total_rows > 60 and result.audit_chain_ok and result.warnings == []
    assert "srek-test" not in result.target  # no password in the report
    if target.startswith("postgresql"):
        assert any("client_id_seq" in s for s in result.sequences)
    assert table_counts(target) == before

    server = open_database(target)
    try:
        with server.session() as session:
            clients = {c.id: c.pseudonym for c in session.execute(select(Client)).scalars()}
            sheet = session.execute(select(PrintedSheet)).scalar_one()
            a1 = session.execute(select(Offer.id).where(Offer.reference == "A-1")).scalar_one()
        assert clients[office.lena] and office.carls_client in clients
        assert sheet.client_id == office.lena and sheet.offer_ids.startswith(f"{a1},")
        assert a1 == office.offers["A-1"]
        assert AuditService(server).verify_chain() is None
        # the server takes new rows: fresh ids past the copied ones, sign-in works
        berta = AccountService(server).authenticate("berta", PASSWORD)
        new = ClientService(server, berta).create(
            person("Neu", "Person", date(2008, 1, 1)), reference
        )
        assert new > max(clients)
        ClientService(server, berta).add_note(new, "nach dem Umzug")
        assert AuditService(server).verify_chain() is None
    finally:
        server.dispose()
    source_after = open_database(path)
    try:
        assert _count(source_after, Client) == len(clients)  # the source stays as it was
    finally:
        source_after.dispose()


def _count(db: Database, model: object) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())  # type: ignore[arg-type]


def test_transfer_refuses_a_target_that_holds_data(
    source: tuple[Path, Office], target: str, tmp_path: Path
) -> None:
    path, _office = source
    transfer(path, target)
    filled = table_counts(target)
    with pytest.raises(UserError, match="schon Klient:innen oder Angebote"):
        transfer(path, target)
    assert table_counts(target) == filled


def test_transfer_refuses_a_target_with_accounts_only(
    source: tuple[Path, Office], tmp_path: Path
) -> None:
    path, _office = source
    other = tmp_path / "used-server.sqlite3"
    db = open_database(other)
    AccountService(db).create_first_admin("chefin", "Chefin", PASSWORD)
    db.dispose()
    with pytest.raises(UserError, match=r"nicht leer .*user_account: 1"):
        transfer(path, str(other))
    assert table_counts(other)["client"] == 0


def test_transfer_is_all_or_nothing(
    source: tuple[Path, Office], target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _office = source
    original = transfer_module._copy_table

    def failing(src, dst, table):  # type: ignore[no-untyped-def]
        if table.name == "counselling_note":
            raise UserError("Testabbruch")
        return original(src, dst, table)

    monkeypatch.setattr(transfer_module, "_copy_table", failing)
    with pytest.raises(UserError, match="Testabbruch"):
        transfer(path, target)
    counts = table_counts(target)
    assert counts["client"] == counts["offer"] == counts["user_account"] == 0
    assert counts["audit_event"] == 0
    monkeypatch.setattr(transfer_module, "_copy_table", original)
    assert (
        transfer(path, target).tables["counselling_note"] == table_counts(path)["counselling_note"]
    )


def test_transfer_refuses_missing_source_same_file_and_a_source_in_use(
    source: tuple[Path, Office], tmp_path: Path
) -> None:
    path, _office = source
    with pytest.raises(UserError, match="gibt es nicht"):
        transfer(tmp_path / "missing.sqlite3", "sqlite:///" + str(tmp_path / "x.sqlite3"))
    with pytest.raises(UserError, match="dieselbe Datei"):
        transfer(path, str(path))
    with DatabaseLock(path), pytest.raises(DatabaseInUseError):
        transfer(path, "sqlite:///" + str(tmp_path / "y.sqlite3"))


def test_broken_audit_chain_in_the_source_is_carried_over_and_reported(
    source: tuple[Path, Office], tmp_path: Path
) -> None:
    import sqlite3

    path, _office = source
    with sqlite3.connect(path) as connection:  # an edit made around the application
        connection.execute("DROP TRIGGER audit_event_no_update")
        connection.execute("UPDATE audit_event SET fields = 'phone' WHERE id = 3")
    connection.close()
    target = tmp_path / "server.sqlite3"
    result = transfer(path, str(target))
    assert not result.audit_chain_ok and "Eintrag 3" in result.warnings[0]
    server = open_database(target)
    try:
        assert AuditService(server).verify_chain() == 3
        assert _count(server, AuditEvent) == table_counts(path)["audit_event"]
        assert _count(server, CounsellingNote) > 0
    finally:
        server.dispose()
