"""Erasure leaves nothing behind, whatever path stored the person; Art. 15 covers every table.

Each path that can store a person (the editor, a client import with warnings and errors, a case
handover, a laptop check-out and check-in, a merge, a printed sheet with proposals, new chances)
runs, then the person is erased and *every column of every table* (found by the inspector,
not by the models, so a table nobody thought of is scanned too) is searched for the person's
name, birth date and Kundennummer; on SQLite the database file and its WAL are searched byte
by byte as well. Before the erasure the same scan must find the person (it can fail).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import column, inspect, select, table

from srek_desk.config import Config
from srek_desk.db.models import Client, Offer
from srek_desk.services.chances.service import ChanceService
from srek_desk.services.clients.merge import MergeService
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.access import BERATER, Actor
from srek_desk.services.core.database import Database, open_database
from srek_desk.services.handover.file_format import KdfParams
from srek_desk.services.handover.service import NEW, HandoverService
from srek_desk.services.imports.service import ImportOptions, ImportService
from srek_desk.services.matching.service import MatchService
from srek_desk.services.offline import checkin, checkout
from srek_desk.services.protection.access_sections import SECTIONS
from srek_desk.services.protection.accounts import AccountService
from srek_desk.services.protection.privacy import PrivacyService
from srek_desk.services.sheets.service import SheetService
from tests.db.privacy_fixtures import PASSWORD, fast_hasher, person

FIRST, LAST = "Zyprianella", "Quastenflosser"
BORN = date(1987, 11, 29)
NUMBER = "K-990417"
# What must not remain: the name, the birth date as stored and as printed, the Kundennummer.
SECRETS = (FIRST, LAST, BORN.isoformat(), f"{BORN:%d.%m.%Y}", NUMBER)
FAST_KDF = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)


@dataclass
class Desk:
    db: Database
    reference: Any
    berta: Actor
    tmp: Path
    request: pytest.FixtureRequest

    def clients(self, db: Database | None = None) -> ClientService:
        return ClientService(db or self.db, self.berta)


@pytest.fixture
def desk(
    database: Database, reference: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> Desk:  # type: ignore[no-untyped-def]
    accounts = AccountService(database, hasher=fast_hasher())
    admin = accounts.create_first_admin("admin", "Admin", PASSWORD)
    berta_id = accounts.create_user(
        admin, "berta", "Berta Beispiel", {BERATER}, PASSWORD, must_change=False
    )
    berta = Actor(berta_id, "berta", "Berta Beispiel", frozenset({BERATER}))
    return Desk(database, reference, berta, tmp_path, request)


def the_person(**changes: object) -> Any:
    values: dict[str, object] = {"birth_date": BORN, "email": "zq@example.org"}
    values.update(changes)
    return person(FIRST, LAST, NUMBER, **values)


def an_offer(db: Database, reference_number: str = "E-1") -> int:
    with db.session() as session, session.begin():
        offer = Offer(
            source="test",
            reference=reference_number,
            offer_type="ausbildung",
            title="Ausbildung Mechatroniker/in",
            kldb_code="26112",
            employer_name="Muster Metall GmbH",
            postcode="37073",
            place="Göttingen",
            state="NI",
            lat=51.53,
            lon=9.93,
        )
        session.add(offer)
        session.flush()
        return int(offer.id)  # type: ignore[arg-type]


# -- the scan ----------------------------------------------------------------------------------


def _found_in(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return [s for s in SECRETS if s.encode() in value or s.encode("utf-16-le") in value]
    text = str(value)
    return [s for s in SECRETS if s in text]


def traces(db: Database) -> set[str]:
    """ "table.column: secret" for every secret in any column of any table (the inspector's)."""
    found: set[str] = set()
    with db.engine.connect() as connection:
        inspector = inspect(connection)
        for name in inspector.get_table_names():
            columns = [c["name"] for c in inspector.get_columns(name)]
            query = select(*(column(c) for c in columns)).select_from(table(name))
            for row in connection.execute(query):
                for column_name, value in zip(columns, row, strict=True):
                    found.update(f"{name}.{column_name}: {s}" for s in _found_in(value))
    if db.sqlite_file is not None:
        for suffix in ("", "-wal"):
            file = db.sqlite_file.with_name(db.sqlite_file.name + suffix)
            if file.exists():
                found.update(f"file{suffix}: {s}" for s in _found_in(file.read_bytes()))
    return found


def tables_of(found: set[str]) -> set[str]:
    return {entry.split(".", 1)[0] for entry in found if not entry.startswith("file")}


def erase_all(db: Database, actor: Actor, ids: list[int]) -> None:
    privacy = PrivacyService(db, actor)
    for client_id in ids:
        privacy.erase(client_id)


def assert_gone(db: Database) -> None:
    left = traces(db)
    assert not left, sorted(left)
    with db.session() as session:
        assert session.execute(select(Client.id).where(Client.last_name == LAST)).first() is None


# -- the paths that store a person ---------------------------------------------------------------


def by_editor(desk: Desk) -> list[int]:
    clients = desk.clients()
    client_id = clients.create(the_person(), desk.reference)
    _data, version = clients.input_of(client_id)
    clients.update(client_id, the_person(phone="0551 999"), version, desk.reference)
    clients.add_note(client_id, f"Erstgespräch mit {FIRST} {LAST} ({NUMBER}), geb. {BORN:%d.%m.%Y}")
    clients.add_follow_up(client_id, date(2027, 1, 4), f"{LAST} anrufen")
    return [client_id]


HEADER = "Kundennummer;Vorname;Nachname;Geburtsdatum;PLZ;Berufswunsch (KldB)\n"


def _import(desk: Desk, name: str, rows: str) -> Any:
    path = desk.tmp / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return ImportService(desk.db, desk.reference).import_file(path, ImportOptions(kind="clients"))


def by_client_import(desk: Desk) -> list[int]:
    born = f"{BORN:%d.%m.%Y}"
    first = _import(desk, "klienten.csv", f"{NUMBER};{FIRST};{LAST};{born};37073;26112\n")
    assert first.new == 1
    # Again: the person twice (an error naming the Kundennummer), a look-alike under another
    # number (a warning naming the stored person), a bad birth date (an error quoting it).
    second = _import(
        desk,
        "klienten-2.csv",
        f"{NUMBER};{FIRST};{LAST};{born};37073;26112\n"
        f"{NUMBER};{FIRST};{LAST};{born};37073;26112\n"
        f"K-555;{FIRST};{LAST};{born};37073;26112\n"
        f"K-556;Else;Anders;{born}x;37073;26112\n"
        f"K-557;{FIRST};{LAST}-Neu;01.01.2001;37073;26112\n",
    )
    messages = " ".join(p["message"] for p in second.errors + second.warnings)
    assert NUMBER in messages and LAST in messages and born in messages  # told to the importer
    with desk.db.session() as session:
        ids = list(session.execute(select(Client.id).where(Client.first_name == FIRST)).scalars())
    return ids


def by_handover(desk: Desk) -> list[int]:
    client_id = by_editor(desk)[0]
    package = desk.tmp / "uebergabe.srek"
    HandoverService(desk.db, "Agentur Kassel", kdf=FAST_KDF).export(
        [client_id], "Kassel-Göttingen-2026", package, desk.berta, mark_handed_over=f"an {LAST}"
    )
    # Back into the same office as a new record beside the first (the receiving side's path).
    HandoverService(desk.db, "Agentur Göttingen", kdf=FAST_KDF).import_package(
        package, "Kassel-Göttingen-2026", desk.berta, on_duplicate=NEW
    )
    with desk.db.session() as session:
        return list(session.execute(select(Client.id).where(Client.last_name == LAST)).scalars())


def _laptop_round(desk: Desk, client_ids: list[int], name: str, *, back: bool = True) -> Path:
    laptop_file = desk.tmp / name
    checkout(desk.db, laptop_file, desk.berta, client_ids)
    laptop = open_database(laptop_file)
    try:
        on_laptop = ClientService(laptop, desk.berta)
        for client_id in client_ids:
            on_laptop.add_note(client_id, f"Auf dem Laptop: {LAST} hat angerufen")
            _data, version = on_laptop.input_of(client_id)
            on_laptop.update(client_id, the_person(phone="0170 1234"), version, desk.reference)
    finally:
        laptop.dispose()
    if back:
        checkin(desk.db, laptop_file, desk.berta)
    return laptop_file


def by_laptop(desk: Desk) -> list[int]:
    ids = by_editor(desk)
    _laptop_round(desk, ids, "laptop.sqlite3")
    return ids


def by_merge(desk: Desk) -> list[int]:
    clients = desk.clients()
    kept = clients.create(the_person(), desk.reference)
    removed = clients.create(
        the_person(customer_number=None, phone="0561 777", email="zyq@example.org"),
        desk.reference,
    )
    clients.add_note(removed, f"Zweiter Datensatz von {FIRST} {LAST}")
    _laptop_round(desk, [removed], "laptop-merge.sqlite3")  # the removed record went out once
    MergeService(desk.db).merge(kept, removed, desk.berta)
    return [kept]


def sheet_for(desk: Desk, client_id: int) -> None:
    """A printed sheet (with its proposals, one with a note) and an offer hidden."""
    offer_id = an_offer(desk.db)
    config = Config.defaults()
    matching = MatchService(desk.db, desk.reference, config)
    sheets = SheetService(desk.db, desk.reference, config, matching, actor=desk.berta)
    sheets.record(sheets.prepare(client_id, offer_refs=[offer_id]))
    proposals = ProposalService(desk.db, desk.reference)
    for proposal in proposals.proposals_of(client_id, desk.berta):
        proposals.record_outcome(
            proposal.id, "beworben", desk.berta, note=f"{LAST} hat sich beworben"
        )
    proposals.hide_offer(client_id, an_offer(desk.db, "E-2"), desk.berta)


def chance_for(desk: Desk, client_id: int) -> None:
    """A new chance found after an import, then printed on an update sheet."""
    config = Config.defaults()
    matching = MatchService(desk.db, desk.reference, config)
    offer_id = an_offer(desk.db, "E-3")
    matching.refresh()
    chances = ChanceService(desk.db, config=config)
    assert chances.collect(matching, None, [offer_id], min_score=0.0) >= 1
    ChanceService(desk.db, desk.berta, config=config).record_update_sheet(client_id, [offer_id])


def by_sheet(desk: Desk) -> list[int]:
    ids = by_editor(desk)
    sheet_for(desk, ids[0])
    return ids


def by_new_chance(desk: Desk) -> list[int]:
    ids = by_editor(desk)
    chance_for(desk, ids[0])
    return ids


PATHS: dict[str, Callable[[Desk], list[int]]] = {
    "editor": by_editor,
    "client-import": by_client_import,
    "handover": by_handover,
    "laptop": by_laptop,
    "merge": by_merge,
    "sheet": by_sheet,
    "new-chance": by_new_chance,
}


@pytest.mark.parametrize("path", PATHS)
def test_erasure_leaves_nothing_in_any_table(desk: Desk, path: str) -> None:
    ids = PATHS[path](desk)
    before = traces(desk.db)
    assert "client" in tables_of(before)  # the scan finds the person while they are stored
    erase_all(desk.db, desk.berta, ids)
    assert_gone(desk.db)


def test_an_erasure_while_on_a_laptop_is_not_undone_by_the_check_in(desk: Desk) -> None:
    ids = by_editor(desk)
    laptop_file = _laptop_round(desk, ids, "laptop-out.sqlite3", back=False)
    assert "offline_client" in tables_of(traces(desk.db))
    erase_all(desk.db, desk.berta, ids)
    assert_gone(desk.db)
    result = checkin(desk.db, laptop_file, desk.berta)
    assert not result.created and len(result.skipped) == 1
    assert_gone(desk.db)


def test_a_checked_out_person_leaves_their_record_in_offline_client_before_erasure(
    desk: Desk,
) -> None:
    """The finding of issue 17: the full record stayed in offline_client.base_state."""
    by_laptop(desk)
    assert "offline_client" in tables_of(traces(desk.db))


def test_import_history_names_nobody(desk: Desk) -> None:
    """The stored import reports keep lines, columns and pseudonyms, never the person."""
    by_client_import(desk)
    stored = [
        entry
        for entry in traces(desk.db)
        if entry.startswith("import_run.") or entry.startswith("audit_event.")
    ]
    assert not stored, stored
    service = ImportService(desk.db, desk.reference)
    report = service.stored_report(service.history()[0]["id"])
    assert report is not None
    text = " ".join(p["message"] for p in report["errors"] + report["warnings"])
    with desk.db.session() as session:
        pseudonym = session.execute(
            select(Client.pseudonym).where(Client.customer_number == NUMBER)
        ).scalar_one()
    assert "Zeile 3" in text and "Zeile 4" in text and pseudonym in text


def _counsellor(db: Database, login: str) -> Actor:
    accounts = AccountService(db, hasher=fast_hasher())
    admin = accounts.create_first_admin("admin", "Admin", PASSWORD)
    user_id = accounts.create_user(
        admin, login, login.title(), {BERATER}, PASSWORD, must_change=False
    )
    return Actor(user_id, login, login.title(), frozenset({BERATER}))


@pytest.fixture
def receiving(desk: Desk, db_engine: str) -> Iterator[tuple[Database, Actor]]:
    """A second office on the same engine, with its counsellor Dora."""
    if db_engine == "postgresql":
        server = desk.request.getfixturevalue("postgres_server")
        url = server.create()
        db = open_database(url)
        yield db, _counsellor(db, "dora")
        db.dispose()
        server.drop(url)
        return
    db = open_database(desk.tmp / "receiving.sqlite3")
    yield db, _counsellor(db, "dora")
    db.dispose()


def test_handover_into_another_office_is_erased_there_too(
    desk: Desk, receiving: tuple[Database, Actor]
) -> None:
    other, dora = receiving
    client_id = by_editor(desk)[0]
    package = desk.tmp / "nach-goettingen.srek"
    HandoverService(desk.db, "Agentur Kassel", kdf=FAST_KDF).export(
        [client_id], "Kassel-Göttingen-2026", package, desk.berta, mark_handed_over="Göttingen"
    )
    taken = HandoverService(other, "Agentur Göttingen", kdf=FAST_KDF).import_package(
        package, "Kassel-Göttingen-2026", dora
    )
    assert len(taken.imported) == 1
    with other.session() as session:
        there = list(session.execute(select(Client.id)).scalars())
    assert "client" in tables_of(traces(other))
    erase_all(other, dora, there)
    assert_gone(other)
    erase_all(desk.db, desk.berta, [client_id])
    assert_gone(desk.db)


# -- Art. 15 -------------------------------------------------------------------------------------


def _rows_about(db: Database, client_id: int, pseudonym: str) -> dict[str, int]:
    """Table → rows about the client: by client_id, by pseudonym, the log, the import history."""
    found: dict[str, int] = {}
    with db.engine.connect() as connection:
        inspector = inspect(connection)
        for name in inspector.get_table_names():
            columns = {c["name"] for c in inspector.get_columns(name)}
            rows = table(name, *(column(c) for c in columns))
            if "client_id" in columns:
                condition = rows.c.client_id == client_id
            elif "pseudonym" in columns:
                condition = rows.c.pseudonym == pseudonym
            elif name == "audit_event":
                condition = rows.c.subject == pseudonym
            elif name == "import_run":
                condition = rows.c.report.contains(pseudonym)
            else:
                continue
            found[name] = len(connection.execute(select(rows).where(condition)).all())
    return found


def test_access_export_shows_every_table_that_holds_the_person(desk: Desk) -> None:
    ids = by_client_import(desk)
    with desk.db.session() as session:
        client_id, pseudonym = session.execute(
            select(Client.id, Client.pseudonym).where(Client.customer_number == NUMBER)
        ).one()
    _laptop_round(desk, [client_id], "laptop-auskunft.sqlite3")
    sheet_for(desk, client_id)
    chance_for(desk, client_id)
    about = _rows_about(desk.db, client_id, pseudonym)
    assert set(about) <= set(SECTIONS), "a table that holds clients has no part in the export"
    holding = {name for name, count in about.items() if count}
    assert {"hidden_offer", "new_chance", "offline_client", "import_run"} <= holding
    report = PrivacyService(desk.db, desk.berta).access_report(client_id)
    for name in holding - {"client"}:
        assert report[SECTIONS[name]], f"{name}: rows about the person, none in the export"
    assert report["laptop"][0]["von"] == "berta" and report["laptop"][0]["zurueck"]
    assert pseudonym in report["importhinweise"][0]["hinweis"]
    assert report["neue_chancen"][0]["angebot"] == "Ausbildung Mechatroniker/in"
    assert len(ids) >= 1


def test_access_pdf_has_the_new_parts(desk: Desk) -> None:
    from pypdf import PdfReader

    client_id = by_laptop(desk)[0]
    sheet_for(desk, client_id)
    pdf = desk.tmp / "auskunft.pdf"
    PrivacyService(desk.db, desk.berta).write_access_export(client_id, None, pdf)
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    for heading in ("Mitgenommen auf einen Laptop (ohne Netz) (1)", "Ausgeblendete Angebote"):
        assert heading in " ".join(text.split()), heading
