"""Offline laptops: checkout into a laptop file, work there, check back in, decide conflicts.

The office is a real database (SQLite, and PostgreSQL when SREK_TEST_POSTGRES_URL is set);
the laptop is always a real SQLite file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select, update

from srek_desk.db.models import (
    AuditEvent,
    Client,
    ClientLanguage,
    CounsellingNote,
    Employer,
    FollowUp,
    OccupationRecord,
    Offer,
    Proposal,
    UserAccount,
)
from srek_desk.db.models_desk import HiddenOffer
from srek_desk.db.models_history import PrintedSheet
from srek_desk.db.models_offline import OfflineCheckout, OfflineClient
from srek_desk.db.models_reference import RelatedOccupation, TravelTime
from srek_desk.errors import UserError
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.access import SYSTEM, AccessDenied, Actor
from srek_desk.services.core.audit import AuditService
from srek_desk.services.core.database import Database, open_database
from srek_desk.services.offline import (
    KEEP_LAPTOP,
    KEEP_SERVER,
    CheckinResult,
    checkin,
    checkout,
    release,
    resolve,
)
from srek_desk.services.protection.accounts import AccountService
from srek_desk.services.protection.privacy import PrivacyService
from tests.db.offline_fixtures import BACKENDS, PASSWORD, Office, office_database, person


@pytest.fixture(params=BACKENDS)
def office(request: pytest.FixtureRequest, tmp_path: Path, reference) -> Iterator[Office]:  # type: ignore[no-untyped-def]
    with office_database(request.param, tmp_path, reference) as seeded:
        yield seeded


@pytest.fixture
def laptop_file(tmp_path: Path) -> Path:
    return tmp_path / "laptop.sqlite3"


@pytest.fixture
def out(office: Office, laptop_file: Path) -> Path:
    """Lena and Jonas checked out to Berta's laptop."""
    checkout(office.db, laptop_file, office.berta, [office.lena, office.jonas])
    return laptop_file


class Laptop:
    """The laptop file opened as the app on the laptop would, signed in as Berta."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> tuple[Database, Actor]:
        self.db = open_database(self.path)
        actor = AccountService(self.db).authenticate("berta", PASSWORD)
        return self.db, actor

    def __exit__(self, *_exc: object) -> None:
        self.db.dispose()


def count(db: Database, model: Any, *where: Any) -> int:
    with db.session() as session:
        query = select(func.count()).select_from(model)
        for condition in where:
            query = query.where(condition)
        return int(session.execute(query).scalar_one())


def client_by_pseudonym(db: Database, pseudonym: str) -> Client:
    with db.session() as session:
        return session.execute(select(Client).where(Client.pseudonym == pseudonym)).scalar_one()


def pseudonym_of(db: Database, client_id: int) -> str:
    with db.session() as session:
        client = session.get(Client, client_id)
        assert client is not None and client.pseudonym
        return client.pseudonym


def laptop_id_of(db: Database, pseudonym: str) -> int:
    client = client_by_pseudonym(db, pseudonym)
    assert client.id is not None
    return client.id


def edit(db: Database, actor: Actor, client_id: int, reference, **changes: Any) -> None:  # type: ignore[no-untyped-def]
    service = ClientService(db, actor)
    data, version = service.input_of(client_id)
    from dataclasses import replace

    service.update(client_id, replace(data, **changes), version, reference)


# -- checkout ---------------------------------------------------------------------------------


def test_checkout_copies_clients_offers_references_and_one_sign_in(
    office: Office, laptop_file: Path
) -> None:
    result = checkout(office.db, laptop_file, office.berta, [office.lena, office.jonas])
    assert laptop_file.is_file() and not laptop_file.with_name("laptop.sqlite3.partial").exists()
    lena, jonas = pseudonym_of(office.db, office.lena), pseudonym_of(office.db, office.jonas)
    assert {c.pseudonym for c in result.clients} == {lena, jonas}
    assert result.users == ("berta",)
    with Laptop(laptop_file) as (laptop, berta):
        assert berta.username == "berta"
        with laptop.session() as session:
            assert set(session.execute(select(Client.pseudonym)).scalars()) == {lena, jonas}
            references = set(session.execute(select(Offer.reference)).scalars())
            accounts = {u.username: u for u in session.execute(select(UserAccount)).scalars().all()}
            checkout_row = session.execute(select(OfflineCheckout)).scalar_one()
            bases = session.execute(select(OfflineClient)).scalars().all()
        # every active offer, plus the inactive one Lena's proposal names; not the other one
        assert references == {"A-1", "A-2", "A-3", "OLD-1"}
        assert count(laptop, Employer) == 1
        lena_id = laptop_id_of(laptop, lena)
        assert count(laptop, CounsellingNote, CounsellingNote.client_id == lena_id) == 1
        assert count(laptop, FollowUp, FollowUp.client_id == lena_id) == 1
        assert count(laptop, Proposal, Proposal.client_id == lena_id) == 2
        assert count(laptop, PrintedSheet, PrintedSheet.client_id == lena_id) == 1
        assert count(laptop, HiddenOffer, HiddenOffer.client_id == lena_id) == 1
        assert count(laptop, ClientLanguage) == 2
        assert count(laptop, RelatedOccupation) == count(office.db, RelatedOccupation) > 1
        assert count(laptop, TravelTime) == 1
        assert count(laptop, OccupationRecord) == count(office.db, OccupationRecord)
        # only Berta can sign in; nobody else's password travels, admin and Carl stay home
        assert set(accounts) == {"berta"}
        assert accounts["berta"].password_hash.startswith("$argon2")
        with pytest.raises(UserError):
            AccountService(laptop).authenticate("admin", PASSWORD)
        assert checkout_row.side == "laptop" and checkout_row.laptop_id == result.laptop_id
        assert "srek-test" not in checkout_row.origin  # no password in the file
        assert {b.pseudonym: b.laptop_version for b in bases} == {lena: 1, jonas: 1}
        assert json.loads(bases[0].base_state)["first_name"] in {"Lena", "Jonas"}
        with laptop.session() as session:  # the sign-ins above, nothing from the office
            actions = set(session.execute(select(AuditEvent.action)).scalars())
        assert actions == {"login", "login_failed"}
    with office.db.session() as session:
        server_row = session.execute(select(OfflineCheckout)).scalar_one()
        assert server_row.side == "server" and server_row.user_name == "berta"
        assert server_row.closed_at is None and server_row.client_count == 2
        logged = session.execute(
            select(AuditEvent.subject).where(AuditEvent.action == "checkout")
        ).scalars()
        assert set(logged) == {lena, jonas}


def test_checkout_refuses_what_may_not_go(office: Office, tmp_path: Path) -> None:
    checkout(office.db, tmp_path / "one.sqlite3", office.berta, [office.lena])
    with pytest.raises(UserError, match="Schon auf einem Laptop"):
        checkout(office.db, tmp_path / "two.sqlite3", office.berta, [office.jonas, office.lena])
    with pytest.raises(AccessDenied):
        checkout(office.db, tmp_path / "three.sqlite3", office.berta, [office.carls_client])
    PrivacyService(office.db).set_restricted(office.mia, True)
    with pytest.raises(UserError, match="eingeschränkt"):
        checkout(office.db, tmp_path / "four.sqlite3", office.berta, [office.mia])
    with pytest.raises(UserError, match="gibt es nicht"):
        checkout(office.db, tmp_path / "five.sqlite3", office.berta, ["K-404"])
    with pytest.raises(UserError, match="gibt es schon"):
        checkout(office.db, tmp_path / "one.sqlite3", office.berta, [office.jonas])
    # nothing half-written: no files, no records, Jonas is still free
    leftovers = {p.name for p in tmp_path.glob("*.sqlite3*") if not p.name.startswith("office")}
    assert leftovers == {"one.sqlite3"}
    assert count(office.db, OfflineCheckout) == 1
    checkout(office.db, tmp_path / "six.sqlite3", office.berta, [office.jonas])


def test_command_line_checkout_names_the_counsellors_for_sign_in(
    office: Office, laptop_file: Path
) -> None:
    from srek_desk.services.core.access import SYSTEM

    result = checkout(office.db, laptop_file, SYSTEM, [office.lena, office.carls_client])
    assert result.users == ("berta", "carl")


# -- check-in ---------------------------------------------------------------------------------


def test_offline_work_is_applied_and_a_second_checkin_adds_nothing(
    office: Office, out: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    lena = pseudonym_of(office.db, office.lena)
    with Laptop(out) as (laptop, berta):
        lena_here = laptop_id_of(laptop, lena)
        edit(
            laptop,
            berta,
            lena_here,
            reference,
            phone="0170 1234567",
            languages=(("de", "C2"), ("en", "B1")),
        )
        service = ClientService(laptop, berta)
        service.add_note(lena_here, "Gespräch im Jugendzentrum, offline")
        service.add_follow_up(lena_here, date(2027, 2, 1), "Praktikum klären")
        service.complete_follow_up(service.follow_ups_of(lena_here)[0].id)
        proposals = ProposalService(laptop, reference)
        with laptop.session() as session:
            a3 = session.execute(select(Offer.id).where(Offer.reference == "A-3")).scalar_one()
            a2 = session.execute(select(Offer.id).where(Offer.reference == "A-2")).scalar_one()
        new_proposal = proposals.propose(lena_here, a3, SYSTEM, proposed_by=berta.user_id)
        old = next(
            p
            for p in proposals.proposals_of(lena_here, SYSTEM)
            if p.id != new_proposal and p.is_open
        )
        proposals.record_outcome(old.id, "beworben", SYSTEM)
        proposals.unhide_offer(lena_here, a2, SYSTEM)
        proposals.hide_offer(lena_here, a3, SYSTEM)

    result = checkin(office.db, out, office.berta)
    assert [a.client.pseudonym for a in result.applied] == [lena]
    assert {"phone", "languages"} <= set(result.applied[0].fields)
    assert [c.name for c in result.unchanged] == ["Beispiel, Jonas"]
    assert result.conflicts == [] and result.created == [] and result.warnings == []
    assert result.added == {
        "notes": 1,
        "follow_ups": 1,
        "proposals": 1,
        "printed_sheets": 0,
        "hidden_offers": 1,
    }
    assert result.closed
    stored = client_by_pseudonym(office.db, lena)
    assert stored.phone == "0170 1234567" and stored.version == 2
    service = ClientService(office.db, office.berta)
    assert service.input_of(office.lena)[0].languages == (("de", "C2"), ("en", "B1"))
    detail = service.detail(office.lena)
    assert detail is not None
    assert sorted(n[1] for n in detail.notes) == [
        "Erstgespräch im Büro",
        "Gespräch im Jugendzentrum, offline",
    ]
    assert sorted((f[1], f[2]) for f in detail.follow_ups) == [
        ("Bewerbung nachfragen", True),
        ("Praktikum klären", False),
    ]
    statuses = sorted(
        p.status for p in ProposalService(office.db, reference).proposals_of(office.lena, SYSTEM)
    )
    assert statuses == ["beworben", "vorgeschlagen", "vorgeschlagen"]
    assert ProposalService(office.db, reference).hidden_offers(office.lena, SYSTEM) == {
        office.offers["A-3"]
    }
    with office.db.session() as session:
        assert session.execute(select(OfflineCheckout.closed_at)).scalar_one() is not None

    before = _row_counts(office.db)
    again = checkin(office.db, out, office.berta)
    assert again.applied == [] and again.created == [] and again.conflicts == []
    assert sum(again.added.values()) == 0
    assert _row_counts(office.db) == before
    assert client_by_pseudonym(office.db, lena).version == 2


def _row_counts(db: Database) -> dict[str, int]:
    models = (
        Client,
        CounsellingNote,
        FollowUp,
        Proposal,
        PrintedSheet,
        HiddenOffer,
        ClientLanguage,
    )
    return {m.__tablename__: count(db, m) for m in models}  # type: ignore[attr-defined]


def test_client_created_offline_is_added_once_with_a_duplicate_warning(
    office: Office, out: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    with Laptop(out) as (laptop, berta):
        service = ClientService(laptop, berta)
        new = service.create(person("Mia", "Probe", date(2009, 9, 9), phone="0151 999"), reference)
        service.add_note(new, "Am Infostand kennengelernt")
        pseudonym = pseudonym_of(laptop, new)
    result = checkin(office.db, out, office.berta)
    assert [c.client.pseudonym for c in result.created] == [pseudonym]
    assert result.created[0].duplicate_of == "Probe, Mia"
    stored = client_by_pseudonym(office.db, pseudonym)
    assert stored.phone == "0151 999" and stored.counsellor_id == office.berta.user_id
    assert stored.id not in (office.mia, None)
    assert count(office.db, CounsellingNote, CounsellingNote.client_id == stored.id) == 1
    assert result.closed

    again = checkin(office.db, out, office.berta)
    assert again.created == [] and pseudonym in {c.pseudonym for c in again.unchanged}
    assert count(office.db, Client, Client.pseudonym == pseudonym) == 1
    assert count(office.db, CounsellingNote, CounsellingNote.client_id == stored.id) == 1


def test_changed_only_in_the_office_needs_nothing(office: Office, out: Path, reference) -> None:  # type: ignore[no-untyped-def]
    edit(office.db, office.berta, office.jonas, reference, phone="0561 12345")
    result = checkin(office.db, out, office.berta)
    assert [c.name for c in result.office_only] == ["Beispiel, Jonas"]
    assert (
        client_by_pseudonym(office.db, pseudonym_of(office.db, office.jonas)).phone == "0561 12345"
    )


def _conflict_on_lena(office: Office, out: Path, reference) -> CheckinResult:  # type: ignore[no-untyped-def]
    edit(
        office.db,
        office.berta,
        office.lena,
        reference,
        phone="0561 BÜRO",
        email="lena@buero.example.org",
    )
    ClientService(office.db, office.berta).add_note(office.lena, "Notiz aus dem Büro")
    with Laptop(out) as (laptop, berta):
        here = laptop_id_of(laptop, pseudonym_of(office.db, office.lena))
        edit(laptop, berta, here, reference, phone="0170 LAPTOP", street="Laptopweg 1")
        ClientService(laptop, berta).add_note(here, "Notiz vom Laptop")
    return checkin(office.db, out, office.berta)


def test_conflict_is_listed_and_nothing_written_for_it(
    office: Office, out: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    result = _conflict_on_lena(office, out, reference)
    assert len(result.conflicts) == 1
    conflict = result.conflicts[0]
    assert conflict.client.name == "Musterfrau, Lena"
    differences = {d.field: d for d in conflict.differences()}
    assert set(differences) == {"phone", "email", "street"}
    assert (
        differences["phone"].server == "0561 BÜRO" and differences["phone"].laptop == "0170 LAPTOP"
    )
    assert differences["street"].changed_on_laptop and not differences["street"].changed_in_office
    assert differences["email"].changed_in_office and not differences["email"].changed_on_laptop
    assert [c.name for c in result.unchanged] == ["Beispiel, Jonas"]
    assert not result.closed
    stored = client_by_pseudonym(office.db, conflict.pseudonym)
    assert (stored.phone, stored.street, stored.version) == ("0561 BÜRO", "", 2)
    notes = {n[1] for n in ClientService(office.db, office.berta).detail(office.lena).notes}  # type: ignore[union-attr]
    assert "Notiz vom Laptop" not in notes
    # asked again, the same conflict, still nothing written
    again = checkin(office.db, out, office.berta)
    assert [c.pseudonym for c in again.conflicts] == [conflict.pseudonym]
    assert client_by_pseudonym(office.db, conflict.pseudonym).version == 2


@pytest.mark.parametrize("keep", [KEEP_LAPTOP, KEEP_SERVER])
def test_resolve_applies_the_decision_and_keeps_notes_of_both(
    office: Office, out: Path, reference, keep: str
) -> None:  # type: ignore[no-untyped-def]
    conflict = _conflict_on_lena(office, out, reference).conflicts[0]
    resolution = resolve(office.db, out, office.berta, conflict, keep)
    assert resolution.closed and resolution.added["notes"] == 1
    stored = client_by_pseudonym(office.db, conflict.pseudonym)
    if keep == KEEP_LAPTOP:
        assert (stored.phone, stored.street) == ("0170 LAPTOP", "Laptopweg 1")
        assert stored.email == ""  # the laptop's whole version, as decided
        assert stored.version == 3
    else:
        assert (stored.phone, stored.street, stored.email) == (
            "0561 BÜRO",
            "",
            "lena@buero.example.org",
        )
        assert stored.version == 2
    notes = {n[1] for n in ClientService(office.db, office.berta).detail(office.lena).notes}  # type: ignore[union-attr]
    assert {"Erstgespräch im Büro", "Notiz aus dem Büro", "Notiz vom Laptop"} <= notes
    again = checkin(office.db, out, office.berta)
    assert again.conflicts == [] and sum(again.added.values()) == 0
    assert count(office.db, CounsellingNote, CounsellingNote.client_id == office.lena) == 3


def test_resolve_refuses_a_conflict_that_changed_again(
    office: Office, out: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    conflict = _conflict_on_lena(office, out, reference).conflicts[0]
    edit(office.db, office.berta, office.lena, reference, phone="0561 NOCHMAL")
    with pytest.raises(UserError, match="noch einmal geändert"):
        resolve(office.db, out, office.berta, conflict, KEEP_LAPTOP)
    assert client_by_pseudonym(office.db, conflict.pseudonym).phone == "0561 NOCHMAL"


def test_the_same_edit_in_both_places_is_no_conflict(office: Office, out: Path, reference) -> None:  # type: ignore[no-untyped-def]
    edit(office.db, office.berta, office.jonas, reference, phone="0561 GLEICH")
    with Laptop(out) as (laptop, berta):
        here = laptop_id_of(laptop, pseudonym_of(office.db, office.jonas))
        edit(laptop, berta, here, reference, phone="0561 GLEICH")
    result = checkin(office.db, out, office.berta)
    assert result.conflicts == [] and result.closed


def test_proposal_on_an_offer_gone_from_the_office_is_reported(
    office: Office, out: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    with Laptop(out) as (laptop, berta):
        here = laptop_id_of(laptop, pseudonym_of(office.db, office.jonas))
        with laptop.session() as session:
            a3 = session.execute(select(Offer.id).where(Offer.reference == "A-3")).scalar_one()
        ProposalService(laptop, reference).propose(here, a3, SYSTEM, proposed_by=berta.user_id)
        ClientService(laptop, berta).add_note(here, "Vorschlag A-3 besprochen")
    with office.db.session() as session, session.begin():
        session.execute(delete(Offer).where(Offer.reference == "A-3"))
    result = checkin(office.db, out, office.berta)
    assert len(result.warnings) == 1 and "A-3" in result.warnings[0]
    assert result.added["proposals"] == 0 and result.added["notes"] == 1
    again = checkin(office.db, out, office.berta)  # reported once, not on every check-in
    assert again.warnings == [] and sum(again.added.values()) == 0


def test_client_erased_in_the_office_is_not_brought_back(
    office: Office, out: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    jonas = pseudonym_of(office.db, office.jonas)
    with Laptop(out) as (laptop, berta):
        ClientService(laptop, berta).add_note(laptop_id_of(laptop, jonas), "noch offline notiert")
    PrivacyService(office.db).erase(office.jonas)
    result = checkin(office.db, out, office.berta)
    assert [s.client.pseudonym for s in result.skipped] == [jonas]
    assert "gelöscht" in result.skipped[0].reason
    assert count(office.db, Client, Client.pseudonym == jonas) == 0
    assert result.closed


def test_laptop_audit_entries_reach_the_office_log_and_the_chain_holds(
    office: Office, out: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    with Laptop(out) as (laptop, berta):
        here = laptop_id_of(laptop, pseudonym_of(office.db, office.lena))
        edit(laptop, berta, here, reference, phone="0170 1")
        laptop_events = count(laptop, AuditEvent)
    before = count(office.db, AuditEvent)
    checkin(office.db, out, office.berta)
    imported = count(office.db, AuditEvent, AuditEvent.detail.like("Laptop %"))  # type: ignore[attr-defined]
    assert imported >= laptop_events
    after_first = count(office.db, AuditEvent)
    assert after_first > before
    checkin(office.db, out, office.berta)
    assert count(office.db, AuditEvent) == after_first  # nothing new: nothing logged twice
    assert AuditService(office.db).verify_chain() is None


def test_laptop_from_another_office_is_refused(office: Office, out: Path, tmp_path: Path) -> None:
    other = open_database(tmp_path / "other-office.sqlite3")
    try:
        with pytest.raises(UserError, match="nicht aus dieser Datenbank"):
            checkin(other, out, office.berta)
    finally:
        other.dispose()
    with pytest.raises(UserError, match="keine Laptop-Ausgabe"):
        checkin(office.db, tmp_path / "other-office.sqlite3", office.berta)
    with pytest.raises(UserError, match="gibt es nicht"):
        checkin(office.db, tmp_path / "missing.sqlite3", office.berta)


def test_office_edit_during_checkin_is_not_overwritten(
    office: Office, out: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    """The version condition: a write racing the check-in makes it fail whole, not overwrite."""
    from srek_desk.services.offline import check_in as offline_checkin

    lena = pseudonym_of(office.db, office.lena)
    with Laptop(out) as (laptop, berta):
        edit(laptop, berta, laptop_id_of(laptop, lena), reference, phone="0170 1")
    original = offline_checkin.client_state

    def racing(session, row):  # type: ignore[no-untyped-def]
        state = original(session, row)
        session.execute(
            update(Client).where(Client.pseudonym == lena).values(version=Client.version + 5)
        )
        return state

    offline_checkin.client_state = racing  # type: ignore[assignment]
    try:
        with pytest.raises(UserError, match="während der Rückgabe"):
            checkin(office.db, out, office.berta)
    finally:
        offline_checkin.client_state = original  # type: ignore[assignment]
    assert client_by_pseudonym(office.db, lena).phone == "05541 000000"
    assert count(office.db, OfflineClient, OfflineClient.returned_at.is_not(None)) == 0  # type: ignore[union-attr]


def test_encrypted_laptop_file_round_trip(office: Office, tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.db.encryption import is_encrypted_file

    key = "ab" * 32
    laptop_file = tmp_path / "secret-laptop.sqlite3"
    checkout(office.db, laptop_file, office.berta, [office.lena], laptop_key=key)
    assert is_encrypted_file(laptop_file)
    laptop = open_database(laptop_file, key=key)
    try:
        berta = AccountService(laptop).authenticate("berta", PASSWORD)
        edit(laptop, berta, office.lena, reference, phone="0170 GEHEIM")
    finally:
        laptop.dispose()
    with pytest.raises(UserError):
        checkin(office.db, laptop_file, office.berta)  # without the key it stays shut
    result = checkin(office.db, laptop_file, office.berta, laptop_key=key)
    assert [a.client.name for a in result.applied] == ["Musterfrau, Lena"]
    assert (
        client_by_pseudonym(office.db, pseudonym_of(office.db, office.lena)).phone == "0170 GEHEIM"
    )


def test_returns_are_logged_once_per_client(office: Office, out: Path) -> None:
    checkin(office.db, out, office.berta)
    checkin(office.db, out, office.berta)
    with office.db.session() as session:
        returned = session.execute(
            select(AuditEvent.subject).where(
                AuditEvent.action == "checkin", AuditEvent.entity == "client"
            )
        ).scalars()
        assert sorted(returned) == sorted(
            [pseudonym_of(office.db, office.lena), pseudonym_of(office.db, office.jonas)]
        )


def test_a_lost_laptop_is_released_and_its_clients_go_out_again(
    office: Office, tmp_path: Path
) -> None:
    lost = checkout(office.db, tmp_path / "lost.sqlite3", office.berta, [office.lena])
    assert release(office.db, lost.laptop_id, office.admin) == 1
    assert release(office.db, lost.laptop_id, office.admin) == 0
    with pytest.raises(UserError, match="gibt es in dieser Datenbank nicht"):
        release(office.db, "0" * 32, office.admin)
    checkout(office.db, tmp_path / "new.sqlite3", office.berta, [office.lena])


def test_checkout_takes_the_offices_own_skills_along(office: Office, laptop_file: Path) -> None:
    from srek_desk.db.models_counselling import Skill
    from srek_desk.services.offers.skills import SkillService

    code = SkillService(office.db).add("Hufbeschlag", category="Handwerk und Bau")
    checkout(office.db, laptop_file, office.berta, [office.lena])
    with Laptop(laptop_file) as (laptop, _berta):
        with laptop.session() as session:
            labels = dict(session.execute(select(Skill.code, Skill.label)).all())
        assert labels[code] == "Hufbeschlag"
        assert count(laptop, Skill) == count(office.db, Skill)


def test_checkin_keeps_the_later_contact_and_never_asks_about_it(
    office: Office, out: Path, reference
) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from srek_desk.db.models import as_utc

    with office.db.session() as session, session.begin():
        session.execute(
            update(Client)
            .where(Client.id == office.lena)
            .values(last_contact_at=datetime(2026, 11, 1, 9, 0, tzinfo=UTC))
        )
    with Laptop(out) as (laptop, berta):
        here = laptop_id_of(laptop, pseudonym_of(office.db, office.lena))
        ClientService(laptop, berta).add_note(here, "Gespräch beim Hausbesuch")
        with laptop.session() as session:
            on_laptop = session.get(Client, here).last_contact_at  # type: ignore[union-attr]
    result = checkin(office.db, out, office.berta)
    assert not result.conflicts
    stored = client_by_pseudonym(office.db, pseudonym_of(office.db, office.lena))
    assert on_laptop is not None and as_utc(stored.last_contact_at) == as_utc(on_laptop)
