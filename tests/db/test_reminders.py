"""Reminders on the Heute page (no contact, apprenticeship start, deadline) and recorded contacts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, insert, select, update

from srek_desk.config import Config
from srek_desk.db.models import (
    AuditEvent,
    Client,
    ClientOccupation,
    Offer,
    Proposal,
    UserAccount,
)
from srek_desk.services.chances.reminders import (
    APPRENTICESHIP,
    DEADLINE,
    NO_CONTACT,
    ReminderService,
    next_training_start,
)
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.access import SYSTEM, AccessDenied, Actor


def _clients(db, count: int) -> list[int]:  # type: ignore[no-untyped-def]
    """Active demo clients without proposals (the demo data has some)."""
    proposed = select(Proposal.id).where(Proposal.client_id == Client.id).exists()
    with db.session() as session:
        return list(
            session.execute(
                select(Client.id)
                .where(Client.status == "active", ~proposed)
                .order_by(Client.id)
                .limit(count)
            ).scalars()
        )


def _offers(db, offer_type: str, count: int) -> list[int]:  # type: ignore[no-untyped-def]
    with db.session() as session:
        return list(
            session.execute(
                select(Offer.id)
                .where(Offer.offer_type == offer_type, Offer.active.is_(True))  # type: ignore[attr-defined]
                .order_by(Offer.id)
                .limit(count)
            ).scalars()
        )


def _set(db, table, row_id: int, **values) -> None:  # type: ignore[no-untyped-def]
    with db.engine.begin() as connection:
        connection.execute(update(table).where(table.id == row_id).values(**values))


def _by_kind(reminders, kind: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return {r.client_id: r for r in reminders if r.kind == kind}


def test_no_contact_after_the_set_days(demo_database) -> None:  # type: ignore[no-untyped-def]
    recent, old, never, restricted = _clients(demo_database, 4)
    now = datetime.now(UTC)
    _set(demo_database, Client, old, last_contact_at=now - timedelta(days=50))
    _set(demo_database, Client, recent, last_contact_at=now - timedelta(days=10))
    _set(demo_database, Client, recent, created_at=now - timedelta(days=300))
    _set(demo_database, Client, never, created_at=now - timedelta(days=60), last_contact_at=None)
    _set(
        demo_database, Client, restricted, last_contact_at=now - timedelta(days=90), restricted=True
    )
    due = _by_kind(ReminderService(demo_database).due(), NO_CONTACT)
    assert set(due) == {old, never}  # the other demo clients were created just now
    assert due[old].day is not None and due[old].days in (50, 51)
    assert due[never].day is None and due[never].days in (60, 61)
    assert "kein Kontakt" in due[old].text
    patient = Config.defaults().with_values(reminders__no_contact_days=70)
    assert _by_kind(ReminderService(demo_database, config=patient).due(), NO_CONTACT) == {}
    ClientService(demo_database).add_note(old, "Telefonat: Bewerbung besprochen")
    assert set(_by_kind(ReminderService(demo_database).due(), NO_CONTACT)) == {never}


def test_reminders_respect_access(demo_database) -> None:  # type: ignore[no-untyped-def]
    mine, theirs = _clients(demo_database, 2)
    with demo_database.session() as session:
        ana, ben = UserAccount(username="ana"), UserAccount(username="ben")
        session.add_all([ana, ben])
        session.commit()
        ana_id, ben_id = ana.id, ben.id
    long_ago = datetime.now(UTC) - timedelta(days=100)
    _set(demo_database, Client, mine, last_contact_at=long_ago, counsellor_id=ana_id)
    _set(demo_database, Client, theirs, last_contact_at=long_ago, counsellor_id=ben_id)
    as_ana = ReminderService(demo_database, Actor(ana_id, "ana", "Ana", frozenset({"berater"})))
    assert set(_by_kind(as_ana.due(), NO_CONTACT)) == {mine}
    with pytest.raises(AccessDenied):
        as_ana.record_contact(theirs)


def _wish(db, client_id: int, code: str, vocational: str) -> None:  # type: ignore[no-untyped-def]
    with db.engine.begin() as connection:
        connection.execute(delete(ClientOccupation).where(ClientOccupation.client_id == client_id))
        connection.execute(
            insert(ClientOccupation).values(client_id=client_id, kldb_code=code, priority=1)
        )
        connection.execute(
            update(Client).where(Client.id == client_id).values(vocational_qualification=vocational)
        )


def test_apprenticeship_start_without_placement(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    seeker, skilled, helper_wish, placed, proposed, far = _clients(demo_database, 6)
    _wish(demo_database, seeker, "26112", "")  # Fachkraft wish, no vocational qualification
    _wish(demo_database, skilled, "26112", "berufsausbildung")  # already qualified
    _wish(demo_database, helper_wish, "26111", "none")  # a helper job is no apprenticeship
    _wish(demo_database, placed, "26112", "none")
    for client_id in (proposed, far):
        _wish(demo_database, client_id, "26113", "berufsausbildung")
    proposals = ProposalService(demo_database, reference)
    soon, later, taken = _offers(demo_database, "ausbildung", 3)
    june = date(2027, 6, 1)  # 61 days before 1 August
    _set(demo_database, Offer, soon, start_date=june + timedelta(days=30))
    _set(demo_database, Offer, later, start_date=june + timedelta(days=200))
    proposals.propose(proposed, soon, SYSTEM)
    proposals.propose(far, later, SYSTEM)
    proposals.record_outcome(proposals.propose(placed, taken, SYSTEM), "zusage", SYSTEM)
    due = _by_kind(
        ReminderService(demo_database, today=june).due(limit_per_kind=500), APPRENTICESHIP
    )
    assert seeker in due and due[seeker].day == date(2027, 8, 1) and due[seeker].days == 61
    assert due[seeker].offer_title == ""
    assert due[proposed].day == june + timedelta(days=30) and due[proposed].offer_title
    assert "beginnt am" in due[proposed].text
    for client_id in (skilled, helper_wish, placed, far):
        assert client_id not in due
    january = date(2027, 1, 10)  # 1 August is 203 days away, the proposed start 172
    early = _by_kind(ReminderService(demo_database, today=january).due(), APPRENTICESHIP)
    assert seeker not in early and proposed not in early
    assert next_training_start(date(2027, 8, 2)) == date(2028, 8, 1)


def test_deadline_of_a_proposed_offer(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    (client_id,) = _clients(demo_database, 1)
    near, distant, applied = _offers(demo_database, "arbeit", 3)
    today = date.today()
    _set(demo_database, Offer, near, application_deadline=today + timedelta(days=3))
    _set(demo_database, Offer, distant, application_deadline=today + timedelta(days=20))
    _set(demo_database, Offer, applied, application_deadline=today + timedelta(days=2))
    proposals = ProposalService(demo_database, reference)
    proposals.propose(client_id, near, SYSTEM)
    proposals.propose(client_id, distant, SYSTEM)
    proposals.record_outcome(proposals.propose(client_id, applied, SYSTEM), "beworben", SYSTEM)
    due = [
        r
        for r in ReminderService(demo_database, today=today).due()
        if r.kind == DEADLINE and r.client_id == client_id
    ]
    with demo_database.session() as session:
        title = session.get(Offer, near).title  # type: ignore[union-attr]
    assert [(r.offer_title, r.days) for r in due] == [(title, 3)]
    assert due[0].day == today + timedelta(days=3) and title in due[0].text
    relaxed = Config.defaults().with_values(reminders__deadline_days=30)
    due = ReminderService(demo_database, config=relaxed, today=today).due()
    assert len([r for r in due if r.kind == DEADLINE and r.client_id == client_id]) == 2


def test_contacts_are_recorded(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    noted, proposed, sheet, visited = _clients(demo_database, 4)

    def contact(client_id: int) -> datetime | None:
        with demo_database.session() as session:
            client = session.get(Client, client_id)
            assert client is not None
            return client.last_contact_at

    assert all(contact(c) is None for c in (noted, proposed, sheet, visited))
    ClientService(demo_database).add_note(noted, "Termin wahrgenommen")
    proposals = ProposalService(demo_database, reference)
    proposals.propose(proposed, _offers(demo_database, "arbeit", 1)[0], SYSTEM)
    from srek_desk.services.sheets.service import SheetService

    sheets = SheetService(demo_database, reference, Config.defaults(), actor=SYSTEM)
    sheets.record(sheets.prepare(sheet, top=2))
    version_before = ClientService(demo_database).input_of(visited)[1]
    ReminderService(demo_database).record_contact(visited)
    for client_id in (noted, proposed, sheet, visited):
        stamp = contact(client_id)
        assert stamp is not None
        assert datetime.now(UTC) - stamp.replace(tzinfo=UTC) < timedelta(minutes=1)
    # a recorded contact is no edit: a colleague's open editor can still save
    assert ClientService(demo_database).input_of(visited)[1] == version_before
    with demo_database.session() as session:
        fields = session.execute(
            select(AuditEvent.fields).where(AuditEvent.action == "update")
        ).scalars()
        assert "last_contact_at" in set(fields)
