"""Case handover between two databases: export, preview, import, duplicates, refusals, audit.

The exporting office is the offline tests' seeded office (Berta's clients Lena, Jonas, Mia;
Carl's client Kai); the receiving office is a second, empty database on the same engine.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from srek_desk.db.models import (
    AuditEvent,
    Client,
    ClientLanguage,
    ClientOccupation,
    CounsellingNote,
    Employer,
    FollowUp,
    Offer,
    Proposal,
    as_utc,
)
from srek_desk.db.models_desk import HiddenOffer
from srek_desk.db.models_history import PrintedSheet
from srek_desk.errors import UserError
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.access import BERATER, AccessDenied, Actor
from srek_desk.services.core.database import Database, open_database
from srek_desk.services.handover.file_format import HandoverFileError, KdfParams, seal
from srek_desk.services.handover.service import MERGE, NEW, HandoverService
from srek_desk.services.protection.accounts import AccountService
from tests.db.offline_fixtures import (
    BACKENDS,
    PASSWORD,
    Office,
    _offer,
    database_location,
    office_database,
    person,
)
from tests.db.privacy_fixtures import fast_hasher

FAST = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
SECRET = "Kassel-Göttingen-2026"


@dataclass
class Receiver:
    db: Database
    dora: Actor  # the counsellor who takes the cases over
    emil: Actor  # her colleague
    service: HandoverService


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _copy_sqlite(template: Path, target: Path) -> Path:
    with sqlite3.connect(template) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


@pytest.fixture(scope="module")
def office_template(tmp_path_factory: pytest.TempPathFactory, reference) -> Iterator[Office]:  # type: ignore[no-untyped-def]
    """The seeded office built once on SQLite; each test works on a copy."""
    with office_database("sqlite", tmp_path_factory.mktemp("office"), reference) as seeded:
        yield seeded


@pytest.fixture(scope="module")
def receiver_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("receiver") / "receiver.sqlite3"
    db = open_database(path)
    _accounts(db)
    db.dispose()
    return path


def _accounts(db: Database) -> tuple[Actor, Actor]:
    """Dora takes the cases over; Emil is her colleague."""
    found = AccountService(db).users()
    if not found:
        accounts = AccountService(db, hasher=fast_hasher())
        admin = accounts.create_first_admin("admin", "Admin", PASSWORD)
        for login, name in (("dora", "Dora Dorn"), ("emil", "Emil Eck")):
            accounts.create_user(admin, login, name, {BERATER}, PASSWORD, must_change=False)
        found = AccountService(db).users()
    ids = {u.username: int(u.id) for u in found}
    return (
        Actor(ids["dora"], "dora", "Dora Dorn", frozenset({BERATER})),
        Actor(ids["emil"], "emil", "Emil Eck", frozenset({BERATER})),
    )


@pytest.fixture
def office(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Office]:
    if backend == "postgresql":
        with office_database(backend, tmp_path, request.getfixturevalue("reference")) as seeded:
            yield seeded
        return
    template: Office = request.getfixturevalue("office_template")
    assert template.db.sqlite_file is not None
    db = open_database(_copy_sqlite(template.db.sqlite_file, tmp_path / "office.sqlite3"))
    yield replace(template, db=db)
    db.dispose()


@pytest.fixture
def receiver(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Receiver]:
    if backend == "sqlite":
        template: Path = request.getfixturevalue("receiver_template")
        location = str(_copy_sqlite(template, tmp_path / "receiver.sqlite3"))
        db = open_database(location)
        yield Receiver(db, *_accounts(db), HandoverService(db, "Agentur Göttingen", kdf=FAST))
        db.dispose()
        return
    with database_location(backend, tmp_path, "receiver") as location:
        db = open_database(location)
        try:
            yield Receiver(db, *_accounts(db), HandoverService(db, "Agentur Göttingen", kdf=FAST))
        finally:
            db.dispose()


def exporter(office: Office) -> HandoverService:
    return HandoverService(office.db, "Agentur Kassel", kdf=FAST)


def add_offers(db: Database, *references: str) -> dict[str, int]:
    with db.session() as session, session.begin():
        employer = session.execute(
            insert(Employer).values(name="Muster Werra Metallbau GmbH")
        ).inserted_primary_key[0]
        return {
            r: session.execute(insert(Offer).values(**_offer(r, employer))).inserted_primary_key[0]
            for r in references
        }


def pseudonym_of(db: Database, client_id: int) -> str:
    with db.session() as session:
        client = session.get(Client, client_id)
        assert client is not None and client.pseudonym
        return client.pseudonym


def client_by_pseudonym(db: Database, pseudonym: str) -> Client:
    with db.session() as session:
        return session.execute(select(Client).where(Client.pseudonym == pseudonym)).scalar_one()


def count(db: Database, model: type) -> int:
    with db.session() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def audit_rows(db: Database, action: str) -> list[AuditEvent]:
    with db.session() as session:
        return list(
            session.execute(select(AuditEvent).where(AuditEvent.action == action)).scalars()
        )


def test_round_trip_keeps_the_whole_case(
    office: Office, receiver: Receiver, tmp_path: Path
) -> None:
    add_offers(receiver.db, "A-1", "A-2", "OLD-1")
    ClientService(office.db, office.berta).add_follow_up(office.lena, date(2027, 2, 1), "Zweite")
    file = tmp_path / "uebergabe.srekho"
    result = exporter(office).export([office.lena, office.jonas], SECRET, file, office.berta)
    assert file.is_file() and result.size_bytes == file.stat().st_size
    assert result.counts == {"notes": 1, "follow_ups": 2, "proposals": 2, "printed_sheets": 1}
    lena = pseudonym_of(office.db, office.lena)

    preview = receiver.service.read(file, SECRET, receiver.dora)
    assert (preview.office, preview.exported_by) == ("Agentur Kassel", "Berta Beispiel")
    assert [c.name for c in preview.clients] == ["Musterfrau, Lena", "Beispiel, Jonas"]
    assert preview.duplicates == 0 and preview.created_at is not None
    assert count(receiver.db, Client) == 0  # a preview writes nothing

    imported = receiver.service.import_package(file, SECRET, receiver.dora)
    assert imported.imported[0].pseudonym == lena
    assert imported.skipped == [] and imported.warnings == []
    here = client_by_pseudonym(receiver.db, lena)
    there = client_by_pseudonym(office.db, lena)
    for name in ("first_name", "last_name", "birth_date", "phone", "home_postcode", "status"):
        assert getattr(here, name) == getattr(there, name), name
    assert here.counsellor_id == receiver.dora.user_id
    assert here.shared is False and here.version == 1
    assert there.last_contact_at is not None  # the note and the follow-up above
    assert as_utc(here.last_contact_at) == as_utc(there.last_contact_at)  # type: ignore[arg-type]
    with receiver.db.session() as session:
        assert session.execute(
            select(ClientOccupation.kldb_code).where(ClientOccupation.client_id == here.id)
        ).scalars().all() == ["26112"]
        assert session.execute(
            select(ClientLanguage.language, ClientLanguage.cefr_level).where(
                ClientLanguage.client_id == here.id
            )
        ).all() == [("de", "C2")]
        notes = (
            session.execute(
                select(CounsellingNote.text).where(CounsellingNote.client_id == here.id)
            )
            .scalars()
            .all()
        )
        assert notes == ["Erstgespräch im Büro\n— Berta Beispiel (Agentur Kassel)"]
        follow_ups = session.execute(
            select(FollowUp.due_date, FollowUp.text)
            .where(FollowUp.client_id == here.id)
            .order_by(FollowUp.due_date)
        ).all()
        assert follow_ups == [
            (date(2027, 1, 15), "Bewerbung nachfragen"),
            (date(2027, 2, 1), "Zweite"),
        ]
        proposed = session.execute(
            select(Offer.reference, Proposal.status)
            .join(Offer, Offer.id == Proposal.offer_id)
            .where(Proposal.client_id == here.id)
            .order_by(Offer.reference)
        ).all()
        assert proposed == [("A-1", "vorgeschlagen"), ("OLD-1", "vorgeschlagen")]
        sheet = session.execute(
            select(PrintedSheet.offer_ids, PrintedSheet.language).where(
                PrintedSheet.client_id == here.id
            )
        ).one()
        sheet_refs = session.execute(
            select(Offer.reference).where(Offer.id.in_([int(i) for i in sheet[0].split(",")]))
        ).scalars()
        assert sorted(sheet_refs) == ["A-1", "OLD-1"] and sheet[1] == "de"
        hidden = session.execute(
            select(Offer.reference)
            .join(HiddenOffer, HiddenOffer.offer_id == Offer.id)
            .where(HiddenOffer.client_id == here.id)
        ).scalars()
        assert list(hidden) == ["A-2"]
    assert imported.counts["proposals"] == 2 and imported.counts["offers_missing"] == 0

    exported = audit_rows(office.db, "handover_export")
    assert sorted(e.subject for e in exported) == sorted(
        [lena, pseudonym_of(office.db, office.jonas)]
    )
    assert all(e.user_name == "berta" for e in exported)
    taken = audit_rows(receiver.db, "handover_import")
    assert {e.subject for e in taken} >= {lena} and len(taken) == 2
    for event in exported + taken:
        assert "Lena" not in event.detail and "Musterfrau" not in event.detail
    assert "1 Notizen" in next(e.detail for e in exported if e.subject == lena)


def test_proposals_of_offers_unknown_here_are_kept_as_a_note(
    office: Office, receiver: Receiver, tmp_path: Path
) -> None:
    file = tmp_path / "p.srekho"
    exporter(office).export([office.lena], SECRET, file, office.berta)
    result = receiver.service.import_package(file, SECRET, receiver.dora)
    assert result.counts["proposals"] == 0 and result.counts["offers_missing"] == 3
    here = client_by_pseudonym(receiver.db, result.imported[0].pseudonym)
    with receiver.db.session() as session:
        notes = (
            session.execute(
                select(CounsellingNote.text).where(CounsellingNote.client_id == here.id)
            )
            .scalars()
            .all()
        )
        sheet_offers = session.execute(
            select(PrintedSheet.offer_ids).where(PrintedSheet.client_id == here.id)
        ).scalar_one()
    kept = next(n for n in notes if n.startswith("Aus der Fallübergabe (Agentur Kassel"))
    assert "Ausbildung A-1 – Muster Werra Metallbau GmbH, Witzenhausen (test A-1)" in kept
    assert "Stand: vorgeschlagen" in kept
    assert "Chancenblatt vom" in kept and "2 von 2 Angeboten" in kept
    assert sheet_offers == ""  # the sheet stays in the history, without offers unknown here
    assert count(receiver.db, Offer) == 0  # no offers invented


def _flip(file: Path, offset: int) -> None:
    data = bytearray(file.read_bytes())
    data[offset] ^= 0x40
    file.write_bytes(bytes(data))


def test_wrong_password_or_a_changed_file_imports_nothing(
    office: Office, receiver: Receiver, tmp_path: Path
) -> None:
    file = tmp_path / "x.srekho"
    exporter(office).export([office.lena, office.jonas], SECRET, file, office.berta)
    original = file.read_bytes()
    with pytest.raises(HandoverFileError, match="Passwort ist falsch"):
        receiver.service.import_package(file, SECRET + "!", receiver.dora)
    for offset in (25, 60, len(original) - 1):  # header (salt), body, tag
        file.write_bytes(original)
        _flip(file, offset)
        with pytest.raises(HandoverFileError):
            receiver.service.read(file, SECRET, receiver.dora)
        with pytest.raises(HandoverFileError):
            receiver.service.import_package(file, SECRET, receiver.dora)
    file.write_bytes(original[:-20])
    with pytest.raises(HandoverFileError):
        receiver.service.import_package(file, SECRET, receiver.dora)
    assert count(receiver.db, Client) == 0
    assert count(receiver.db, CounsellingNote) == 0
    assert audit_rows(receiver.db, "handover_import") == []


def test_a_bad_value_in_the_second_client_leaves_the_first_unwritten(
    office: Office, receiver: Receiver, tmp_path: Path
) -> None:
    good = {"pseudonym": "aaaaaaaaaaaa", "fields": {"first_name": "Ada", "last_name": "Gut"}}
    bad = {
        "pseudonym": "bbbbbbbbbbbb",
        "fields": {"first_name": "Bea", "last_name": "Schlecht", "birth_date": "gestern"},
    }
    file = tmp_path / "crafted.srekho"
    file.write_bytes(seal({"format": 1, "clients": [good, bad]}, SECRET, FAST))
    with pytest.raises(UserError, match="fehlerhaft aufgebaut"):
        receiver.service.import_package(file, SECRET, receiver.dora)
    assert count(receiver.db, Client) == 0


def test_duplicates_are_skipped_unless_decided_new(
    office: Office, receiver: Receiver, tmp_path: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "d.srekho"
    exporter(office).export([office.lena, office.jonas], SECRET, file, office.berta)
    lena = pseudonym_of(office.db, office.lena)
    jonas = pseudonym_of(office.db, office.jonas)
    # Jonas is already known here under another record, as a client of Dora's colleague
    ClientService(receiver.db, receiver.emil).create(
        person("Jonas", "Beispiel", date(2007, 2, 3)), reference
    )
    preview = receiver.service.read(file, SECRET, receiver.dora)
    by_name = {c.name: c for c in preview.clients}
    assert not by_name["Musterfrau, Lena"].is_duplicate
    twin = by_name["Beispiel, Jonas"]
    assert twin.is_duplicate and not twin.same_pseudonym
    assert twin.similar == (
        "Klient:in einer Kollegin / eines Kollegen (gleicher Name und Geburtsdatum)",
    )  # Dora may not see Emil's client: no name

    first = receiver.service.import_package(file, SECRET, receiver.dora)
    assert [c.pseudonym for c in first.imported] == [lena]
    assert [
        (c.pseudonym, r.startswith("vielleicht schon vorhanden")) for c, r in first.skipped
    ] == [(jonas, True)]
    assert count(receiver.db, Client) == 2

    again = receiver.service.import_package(file, SECRET, receiver.dora)
    assert again.imported == [] and len(again.skipped) == 2
    assert "schon übernommen" in again.skipped[0][1]
    assert count(receiver.db, Client) == 2

    decided = receiver.service.import_package(file, SECRET, receiver.dora, {jonas: NEW})
    (new_jonas,) = decided.imported
    assert new_jonas.name == "Beispiel, Jonas" and new_jonas.pseudonym == jonas  # was free
    assert [c.pseudonym for c, _ in decided.skipped] == [lena]
    everyone = receiver.service.import_package(file, SECRET, receiver.dora, on_duplicate=NEW)
    assert len(everyone.imported) == 2
    assert {c.pseudonym for c in everyone.imported}.isdisjoint({lena, jonas})  # both taken now
    assert count(receiver.db, Client) == 5
    details = [e.detail for e in audit_rows(receiver.db, "handover_import")]
    assert sum("neue Kennung" in d for d in details) == 2
    with pytest.raises(UserError, match="Unbekannte Entscheidung"):
        receiver.service.import_package(file, SECRET, receiver.dora, {lena: "join"})
    with pytest.raises(UserError, match="genau einem ähnlichen Eintrag"):
        receiver.service.import_package(file, SECRET, receiver.dora, {jonas: MERGE})
    assert count(receiver.db, Client) == 5


def test_merge_into_the_one_look_alike_here(
    office: Office, receiver: Receiver, tmp_path: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "m.srekho"
    exporter(office).export([office.lena, office.jonas], SECRET, file, office.berta)
    lena, jonas = (pseudonym_of(office.db, i) for i in (office.lena, office.jonas))
    dora_lena = ClientService(receiver.db, receiver.dora).create(
        person("Lena", "Musterfrau", date(2008, 5, 1), phone=""), reference
    )
    ClientService(receiver.db, receiver.emil).create(  # Emil's: Dora may not merge into it
        person("Jonas", "Beispiel", date(2007, 2, 3)), reference
    )
    preview = {c.pseudonym: c for c in receiver.service.read(file, SECRET, receiver.dora).clients}
    assert preview[lena].merge_target == dora_lena and preview[jonas].merge_target is None
    result = receiver.service.import_package(
        file, SECRET, receiver.dora, {lena: MERGE}, on_duplicate=MERGE
    )
    assert [c.name for c in result.merged] == ["Musterfrau, Lena"]
    assert result.imported == [] and [c.pseudonym for c, _ in result.skipped] == [jonas]
    assert count(receiver.db, Client) == 2  # Dora's Lena and Emil's Jonas, nobody new
    kept = client_by_pseudonym(receiver.db, result.merged[0].pseudonym)
    assert kept.id == dora_lena and kept.phone == "05541 000000"  # empty field filled
    with receiver.db.session() as session:
        notes = session.execute(
            select(CounsellingNote.text).where(CounsellingNote.client_id == dora_lena)
        ).scalars()
        assert any(n.startswith("Erstgespräch im Büro") for n in notes)
    merges = audit_rows(receiver.db, "merge")
    assert len(merges) == 1 and merges[0].detail == f"in {kept.pseudonym}"
    assert "zum Zusammenführen" in audit_rows(receiver.db, "handover_import")[0].detail


def test_a_customer_number_taken_here_is_left_out_with_a_warning(
    office: Office, receiver: Receiver, tmp_path: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    service = ClientService(office.db, office.berta)
    data, version = service.input_of(office.mia)
    service.update(office.mia, replace(data, customer_number="K-4711"), version, reference)
    ClientService(receiver.db, receiver.dora).create(
        person("Otto", "Anders", date(1990, 1, 1), customer_number="K-4711"), reference
    )
    file = tmp_path / "k.srekho"
    exporter(office).export(["K-4711"], SECRET, file, office.berta)  # by Kundennummer
    preview = receiver.service.read(file, SECRET, receiver.dora)
    assert preview.clients[0].customer_number_taken
    result = receiver.service.import_package(file, SECRET, receiver.dora)
    (mia,) = result.imported
    assert client_by_pseudonym(receiver.db, mia.pseudonym).customer_number is None
    assert result.warnings == [
        "Probe, Mia: die Kundennummer K-4711 ist hier schon vergeben; ohne Kundennummer übernommen."
    ]


def test_export_refuses_clients_the_actor_may_not_see_or_hand_over(
    office: Office, tmp_path: Path
) -> None:
    from srek_desk.services.protection.privacy import PrivacyService

    file = tmp_path / "n.srekho"
    with pytest.raises(AccessDenied, match="Kollegin oder einem Kollegen"):
        exporter(office).export([office.lena, office.carls_client], SECRET, file, office.berta)
    PrivacyService(office.db, office.berta).set_restricted(office.mia, True)
    with pytest.raises(UserError, match="eingeschränkt"):
        exporter(office).export([office.mia], SECRET, file, office.berta)
    with pytest.raises(UserError, match="mindestens 10 Zeichen"):
        exporter(office).export([office.lena], "zu-kurz", file, office.berta)
    with pytest.raises(UserError, match="gibt es nicht"):
        exporter(office).export(["K-0000"], SECRET, file, office.berta)
    assert not file.exists() and list(tmp_path.glob("*.partial")) == []
    assert audit_rows(office.db, "handover_export") == []
    visible = [c.id for c in exporter(office).choices(office.berta)]
    assert office.carls_client not in visible and office.mia not in visible
    assert office.lena in visible
    file.write_bytes(b"old")
    with pytest.raises(UserError, match="gibt es schon"):
        exporter(office).export([office.lena], SECRET, file, office.berta)


def test_marking_as_handed_over(office: Office, tmp_path: Path) -> None:
    file = tmp_path / "m.srekho"
    result = exporter(office).export(
        [office.lena], SECRET, file, office.berta, mark_handed_over="Agentur Göttingen"
    )
    assert result.marked_handed_over
    lena = client_by_pseudonym(office.db, pseudonym_of(office.db, office.lena))
    assert lena.status == "inactive" and lena.version == 2
    with office.db.session() as session:
        last_note = (
            session.execute(
                select(CounsellingNote.text)
                .where(CounsellingNote.client_id == office.lena)
                .order_by(CounsellingNote.id.desc())
            )
            .scalars()
            .first()
        )
    assert last_note is not None and last_note.startswith("An Agentur Göttingen übergeben am ")
    jonas_before = client_by_pseudonym(office.db, pseudonym_of(office.db, office.jonas))
    exporter(office).export([office.jonas], SECRET, tmp_path / "j.srekho", office.berta)
    jonas = client_by_pseudonym(office.db, pseudonym_of(office.db, office.jonas))
    assert jonas.status == jonas_before.status == "active"  # default: left as it was


def test_logs_name_nobody(
    office: Office, receiver: Receiver, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    file = tmp_path / "l.srekho"
    exporter(office).export([office.lena], SECRET, file, office.berta)
    receiver.service.import_package(file, SECRET, receiver.dora)
    assert "handover export: 1 clients" in caplog.text
    assert "handover import: 1 clients" in caplog.text
    for personal in ("Lena", "Musterfrau", "05541", SECRET, pseudonym_of(office.db, office.lena)):
        assert personal not in caplog.text
