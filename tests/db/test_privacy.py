"""Data subject rights: access export, restriction, erasure without a trace; the audit log."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, text

from srek_desk.config import Config
from srek_desk.db.models import AuditEvent, Client, CounsellingNote, Offer, Proposal
from srek_desk.db.models_history import PrintedSheet
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.access import SYSTEM
from srek_desk.services.core.audit import AuditFilter, AuditService
from srek_desk.services.matching.service import MatchService
from srek_desk.services.protection.privacy import PrivacyService
from tests.db.privacy_fixtures import person

SECRET_FIRST = "Zyprianella"
SECRET_LAST = "Quastenflosser"


def _offer(database) -> int:  # type: ignore[no-untyped-def]
    with database.session() as session, session.begin():
        offer = Offer(
            source="test",
            reference="T-1",
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


@pytest.fixture
def client_with_history(database, reference):  # type: ignore[no-untyped-def]
    clients = ClientService(database)
    client_id = clients.create(
        person(SECRET_FIRST, SECRET_LAST, "K-4711", email="zypri@example.org"), reference
    )
    clients.add_note(client_id, f"Erstgespräch mit {SECRET_FIRST} {SECRET_LAST}, sehr motiviert")
    offer_id = _offer(database)
    proposals = ProposalService(database, reference)
    proposal_id = proposals.propose(client_id, offer_id, SYSTEM)
    proposals.record_outcome(proposal_id, "beworben", SYSTEM)
    with database.session() as session, session.begin():
        session.add(PrintedSheet(client_id=client_id, offer_ids=str(offer_id)))
    return client_id


def test_access_export_holds_everything_as_json_and_pdf(  # type: ignore[no-untyped-def]
    database, client_with_history, tmp_path: Path
) -> None:
    privacy = PrivacyService(database)
    privacy.write_access_export(client_with_history, tmp_path / "a.json", tmp_path / "a.pdf")
    report = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert report["person"]["last_name"] == SECRET_LAST
    assert report["person"]["birth_date"] == "14.03.2008"
    assert len(report["notizen"]) == 1 and SECRET_FIRST in report["notizen"][0]["text"]
    assert report["vorschlaege"][0]["status"] == "beworben"
    assert len(report["gedruckte_boegen"]) == 1
    assert {entry["was"] for entry in report["protokoll"]} >= {"angelegt", "geändert"}
    pdf_text = " ".join(page.extract_text() for page in PdfReader(tmp_path / "a.pdf").pages)
    for expected in ("Auskunft", SECRET_LAST, "Erstgespräch", "Muster Metall GmbH", "beworben"):
        assert expected in pdf_text
    with database.session() as session:
        exported = session.execute(
            select(AuditEvent.detail).where(AuditEvent.action == "export")
        ).scalar_one()
    assert exported == "Auskunft JSON+PDF"


def test_restricted_client_is_kept_but_not_matched(  # type: ignore[no-untyped-def]
    database, reference, client_with_history
) -> None:
    config = Config.defaults()
    matching = MatchService(database, reference, config)
    assert _matchable(matching, client_with_history)
    PrivacyService(database).set_restricted(client_with_history, True)
    matching.refresh()
    assert not _matchable(matching, client_with_history)
    assert ClientService(database).detail(client_with_history) is not None  # kept
    PrivacyService(database).set_restricted(client_with_history, False)
    matching.refresh()
    assert _matchable(matching, client_with_history)


def _matchable(matching: MatchService, client_id: int) -> bool:
    index = matching.matcher.clients
    position = index.position.get(client_id)
    return position is not None and bool(index.alive[position])


def test_erasure_leaves_no_trace_in_the_database_file_or_its_wal(  # type: ignore[no-untyped-def]
    database, client_with_history
) -> None:
    with database.session() as session:
        pseudonym = session.get(Client, client_with_history).pseudonym
    file = database.sqlite_file
    raw_before = file.read_bytes() + _wal(file)
    assert SECRET_LAST.encode() in raw_before  # the scan can find the name when it is there
    result = PrivacyService(database).erase(client_with_history)
    assert result.pseudonym == pseudonym and result.rows_deleted >= 5
    with database.session() as session:
        for table in (Client, CounsellingNote, Proposal, PrintedSheet):
            assert session.execute(select(table)).first() is None or table is not Client
        events = session.execute(select(AuditEvent)).scalars().all()
    assert all(e.entity_id is None for e in events if e.entity == "client")
    assert {e.subject for e in events if e.entity == "client"} == {pseudonym}
    assert events[-1].action == "erase"
    raw_after = file.read_bytes() + _wal(file)
    for secret in (SECRET_FIRST, SECRET_LAST, "zypri@example.org", "K-4711", "sehr motiviert"):
        assert secret.encode() not in raw_after, secret
    assert AuditService(database).verify_chain() is None


def _wal(file: Path) -> bytes:
    wal = file.with_name(file.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""


def test_audit_log_is_append_only_and_tampering_shows(database, client_with_history) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session, pytest.raises(Exception, match="append-only"):
        session.execute(text("UPDATE audit_event SET fields = 'x'"))
    with database.session() as session, pytest.raises(Exception, match="append-only"):
        session.execute(text("DELETE FROM audit_event"))
    assert AuditService(database).verify_chain() is None
    # Someone edits the file around the application: drop the trigger, change an entry.
    connection = sqlite3.connect(str(database.sqlite_file))
    with connection:
        connection.execute("DROP TRIGGER audit_event_no_update")
        connection.execute("UPDATE audit_event SET fields = 'nichts' WHERE id = 2")
    connection.close()
    assert AuditService(database).verify_chain() == 2


def test_audit_query_filters_and_needs_the_right_role(database, client_with_history) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.services.core.access import AccessDenied, Actor

    service = AuditService(database)
    lines = service.query(SYSTEM, AuditFilter(action="create"))
    assert len(lines) == 1 and lines[0].client_name == f"{SECRET_FIRST} {SECRET_LAST}"
    assert {line.action for line in service.query(SYSTEM)} >= {"create", "update"}
    with pytest.raises(AccessDenied):
        service.query(Actor(5, "ben", "Ben", frozenset({"berater"})))


def test_viewing_is_logged_only_when_switched_on(database, client_with_history) -> None:  # type: ignore[no-untyped-def]
    ClientService(database).detail(client_with_history)
    assert not AuditService(database).query(SYSTEM, AuditFilter(action="view"))
    ClientService(database, log_viewing=True).detail(client_with_history)
    assert len(AuditService(database).query(SYSTEM, AuditFilter(action="view"))) == 1


def test_access_export_names_skills_and_preferences_and_erasure_drops_new_chances(  # type: ignore[no-untyped-def]
    database, reference
) -> None:
    from srek_desk.db.models_counselling import NewChance

    clients = ClientService(database)
    client_id = clients.create(
        person(
            "Ayla",
            "Beispiel",
            "K-0815",
            skills=("staplerschein", "erste_hilfe"),
            offer_preferences=("no_temp_agency", "severely_disabled"),
        ),
        reference,
    )
    offer_id = _offer(database)
    with database.session() as session, session.begin():
        session.add(NewChance(client_id=client_id, offer_id=offer_id, score=80.0))

    report = PrivacyService(database).access_report(client_id)
    assert report["person"]["skills"] == "Staplerschein, Erste Hilfe"
    assert "keine Zeitarbeit" in report["person"]["offer_preferences"]
    assert "Schwerbehinderung anerkannt" in report["person"]["offer_preferences"]

    PrivacyService(database).erase(client_id)
    with database.session() as session:
        assert session.execute(select(NewChance)).first() is None


def test_anonymising_forgets_a_recorded_severe_disability(database, reference) -> None:  # type: ignore[no-untyped-def]
    clients = ClientService(database)
    client_id = clients.create(
        person("Ayla", "Beispiel", "K-0816", offer_preferences=("severely_disabled",)), reference
    )
    PrivacyService(database).anonymise(client_id)
    with database.session() as session:
        assert session.get(Client, client_id).offer_preferences == ""  # type: ignore[union-attr]
