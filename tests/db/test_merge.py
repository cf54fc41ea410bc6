"""Merging two records of one person: everything kept, proposals combined, audited, all or nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from srek_desk.db.models import (
    AuditEvent,
    Client,
    ClientLanguage,
    ClientOccupation,
    CounsellingNote,
    FollowUp,
    Offer,
    Proposal,
)
from srek_desk.db.models_counselling import NewChance
from srek_desk.db.models_desk import HiddenOffer
from srek_desk.db.models_history import PrintedSheet
from srek_desk.db.models_offline import OfflineCheckout, OfflineClient
from srek_desk.errors import UserError
from srek_desk.services.clients.merge import MergeService, merged_languages, merged_wishes, preview
from srek_desk.services.clients.service import ClientService
from srek_desk.services.clients.values import ClientInput
from srek_desk.services.core import audit
from srek_desk.services.core.access import AccessDenied, Actor
from srek_desk.services.core.audit import AuditService
from tests.db.test_desk_clients import _counsellor

BORN = date(2005, 2, 3)
EARLY = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
LATE = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
TABLES = (CounsellingNote, FollowUp, Proposal, PrintedSheet, HiddenOffer, NewChance)


@pytest.fixture
def world(database, reference) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Berta's two records of Ayşe Yıldız with rows of every kind, and three offers."""
    berta = _counsellor(database, "berta")
    clients = ClientService(database, berta)
    kept = clients.create(
        ClientInput(
            first_name="Ayşe",
            last_name="Yıldız",
            birth_date=BORN,
            home_postcode="37073",
            wishes=(("26112", 2), ("29302", 1)),
            languages=(("de", "B1"), ("tr", "C2")),
            skills=("staplerschein",),
        ),
        reference,
    )
    removed = clients.create(
        ClientInput(
            customer_number="K-7",
            first_name="Ayse",
            last_name="Yildiz",
            phone="0551 5550123",
            home_postcode="34346",
            consent_given=True,
            consent_date=date(2026, 1, 5),
            wishes=(("26112", 1), ("43412", 3)),
            languages=(("de", "B2"), ("en", "A2")),
            skills=("staplerschein", "erste_hilfe"),
        ),
        reference,
    )
    with database.session() as session, session.begin():
        offers = [Offer(source="test", reference=f"R-{i}", title=f"Angebot {i}") for i in range(3)]
        session.add_all(offers)
        session.flush()
        o = [offer.id for offer in offers]
        for client_id, count in ((kept, 2), (removed, 1)):
            for i in range(count):
                session.add(CounsellingNote(client_id=client_id, text=f"Notiz {i}"))
                session.add(FollowUp(client_id=client_id, due_date=BORN, text="Anrufen"))
                session.add(PrintedSheet(client_id=client_id, offer_ids=str(o[0])))
        session.add_all(
            [
                Proposal(client_id=kept, offer_id=o[0], status="vorgeschlagen", proposed_at=LATE),
                Proposal(
                    client_id=removed,
                    offer_id=o[0],
                    status="vorstellungsgespraech",
                    proposed_at=EARLY,
                    note="Termin am Montag",
                ),
                Proposal(client_id=removed, offer_id=o[1], status="beworben"),
                HiddenOffer(client_id=kept, offer_id=o[2]),
                HiddenOffer(client_id=removed, offer_id=o[2]),
                HiddenOffer(client_id=removed, offer_id=o[1]),
                NewChance(client_id=kept, offer_id=o[1], score=71.0),
                NewChance(client_id=removed, offer_id=o[1], score=80.0, presented_at=EARLY),
                NewChance(client_id=removed, offer_id=o[2], score=75.0),
            ]
        )
        session.get(Client, kept).last_contact_at = EARLY  # type: ignore[union-attr]
        session.get(Client, removed).last_contact_at = LATE  # type: ignore[union-attr]
    return {"berta": berta, "kept": kept, "removed": removed, "offers": o}


def _count(database, model: Any, client_id: int) -> int:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return int(
            session.execute(
                select(func.count()).select_from(model).where(model.client_id == client_id)
            ).scalar_one()
        )


def _snapshot(database) -> list[Any]:  # type: ignore[no-untyped-def]
    with database.session() as session:
        rows: list[Any] = []
        for model in (Client, ClientOccupation, ClientLanguage, AuditEvent, *TABLES):
            rows.append(sorted(map(tuple, session.execute(select(model.__table__)).all()), key=str))
        return rows


def test_merge_keeps_every_row_and_fills_empty_fields(database, world) -> None:  # type: ignore[no-untyped-def]
    kept, removed = world["kept"], world["removed"]
    before = {m: _count(database, m, kept) + _count(database, m, removed) for m in TABLES}
    result = MergeService(database).merge(kept, removed, world["berta"])
    assert result.kept_id == kept
    after = {m: _count(database, m, kept) for m in TABLES}
    assert after[CounsellingNote] == before[CounsellingNote] == 3
    assert after[FollowUp] == before[FollowUp] == 3
    assert after[PrintedSheet] == before[PrintedSheet] == 3
    assert after[Proposal] == before[Proposal] - 1 == 2  # two of the same offer became one
    assert after[HiddenOffer] == 2 and after[NewChance] == 2  # no offer twice
    assert all(_count(database, m, removed) == 0 for m in TABLES)
    assert result.moved["notes"] == 1 and result.combined_proposals == 1
    data, version = ClientService(database).input_of(kept)
    assert version == 2  # an editor open on the old version meets a conflict, not a loss
    assert (data.first_name, data.last_name, data.birth_date) == ("Ayşe", "Yıldız", BORN)
    assert data.home_postcode == "37073"  # the kept record's value wins
    assert data.customer_number == "K-7" and data.phone == "0551 5550123"  # empty: filled
    assert data.consent_given and data.consent_date == date(2026, 1, 5)
    assert data.wishes == (("26112", 1), ("29302", 1), ("43412", 3))
    assert dict(data.languages) == {"de": "B2", "tr": "C2", "en": "A2"}
    assert data.skills == ("staplerschein", "erste_hilfe")
    with database.session() as session:
        assert session.get(Client, removed) is None
        stored = session.get(Client, kept)
        assert stored is not None
        assert stored.last_contact_at is not None
        assert stored.last_contact_at.replace(tzinfo=UTC) == LATE
        chance = session.execute(
            select(NewChance).where(NewChance.offer_id == world["offers"][1])
        ).scalar_one()
        assert chance.score == 80.0 and chance.presented_at is not None


def test_proposals_of_one_offer_keep_the_further_status(database, world) -> None:  # type: ignore[no-untyped-def]
    MergeService(database).merge(world["kept"], world["removed"], world["berta"])
    with database.session() as session:
        [proposal] = session.execute(
            select(Proposal).where(Proposal.offer_id == world["offers"][0])
        ).scalars()
    assert proposal.client_id == world["kept"]
    assert proposal.status == "vorstellungsgespraech"  # further than "vorgeschlagen"
    assert proposal.proposed_at.replace(tzinfo=UTC) == EARLY  # the first proposal's date
    assert proposal.note.startswith("Termin am Montag; Zusammengeführt: weiterer Vorschlag vom ")
    assert "01.10.2026, Status „vorgeschlagen“" in proposal.note


def test_merge_is_audited_by_pseudonym_and_the_chain_holds(database, world) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session:
        names = {
            row[0]: row[1]
            for row in session.execute(
                select(Client.id, Client.pseudonym).where(
                    Client.id.in_([world["kept"], world["removed"]])  # type: ignore[union-attr]
                )
            )
        }
    MergeService(database).merge(world["kept"], world["removed"], world["berta"])
    with database.session() as session:
        merge_event, update_event = (
            session.execute(
                select(AuditEvent).order_by(AuditEvent.id.desc()).limit(2)  # type: ignore[union-attr]
            )
            .scalars()
            .all()[::-1]
        )
    assert (merge_event.action, merge_event.subject) == ("merge", names[world["removed"]])
    assert merge_event.detail == f"in {names[world['kept']]}"
    assert (update_event.action, update_event.subject) == ("update", names[world["kept"]])
    fields = update_event.fields.split(",")
    assert {"merge", "customer_number", "phone", "consent_given", "notes", "proposals"} <= set(
        fields
    )
    for event in (merge_event, update_event):
        text = event.fields + event.detail
        assert "Yıldız" not in text and "Yildiz" not in text and "K-7" not in text
        assert event.user_name == "berta"
    assert AuditService(database).verify_chain() is None


def test_a_failure_changes_nothing(database, world, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before = _snapshot(database)
    real = audit.record

    def failing(session, actor, action, *args, **kwargs):  # type: ignore[no-untyped-def]
        if action == "update":
            raise RuntimeError("disk full")
        real(session, actor, action, *args, **kwargs)

    monkeypatch.setattr(audit, "record", failing)
    with pytest.raises(RuntimeError):
        MergeService(database).merge(world["kept"], world["removed"], world["berta"])
    assert _snapshot(database) == before


def test_merge_needs_both_records_visible_and_unchanged(database, world, reference) -> None:  # type: ignore[no-untyped-def]
    carl = _counsellor(database, "carl")
    theirs = ClientService(database, carl).create(
        ClientInput(first_name="Ayşe", last_name="Yıldız", birth_date=BORN), reference
    )
    before = _snapshot(database)
    service = MergeService(database)
    with pytest.raises(AccessDenied, match="Kollegin"):
        service.merge(world["kept"], theirs, world["berta"])
    with pytest.raises(AccessDenied):
        service.merge(theirs, world["kept"], world["berta"])
    with pytest.raises(UserError, match="mit sich selbst"):
        service.merge(world["kept"], world["kept"], world["berta"])
    with pytest.raises(UserError, match="inzwischen geändert"):
        service.merge(world["kept"], world["removed"], world["berta"], expected_versions=(1, 0))
    with pytest.raises(UserError, match="nicht mehr gespeichert"):
        service.merge(world["kept"], 99999, world["berta"])
    assert _snapshot(database) == before
    lead = _counsellor(database, "lea", "teamleitung")
    assert service.merge(theirs, world["kept"], lead).kept_id == theirs  # Teamleitung sees both


def test_a_checked_out_record_is_not_merged(database, world) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session, session.begin():
        pseudonym = session.get(Client, world["removed"]).pseudonym  # type: ignore[union-attr]
        checkout = OfflineCheckout(laptop_id="a" * 32, user_name="berta", checked_out_at=EARLY)
        session.add(checkout)
        session.flush()
        session.add(OfflineClient(checkout_id=checkout.id, pseudonym=pseudonym))
    with pytest.raises(UserError, match="auf einem Laptop ausgecheckt"):
        MergeService(database).merge(world["kept"], world["removed"], world["berta"])
    with database.session() as session, session.begin():
        session.execute(select(OfflineClient)).scalar_one().returned_at = LATE
    MergeService(database).merge(world["kept"], world["removed"], world["berta"])


def test_preview_and_search_for_the_dialog(database, world) -> None:  # type: ignore[no-untyped-def]
    service = MergeService(database)
    kept = service.side(world["kept"], world["berta"])
    removed = service.side(world["removed"], world["berta"])
    assert kept.counts == {"notes": 2, "follow_ups": 2, "proposals": 1, "printed_sheets": 2}
    assert kept.counsellor == "Berta"
    after = preview(kept, removed)
    assert after.values["customer_number"] == "K-7" and after.values["first_name"] == "Ayşe"
    assert after.counts["notes"] == 3
    found = service.search("yildiz", world["berta"])
    assert [client_id for client_id, _ in found] == [world["removed"]]
    assert found[0][1] == "Yildiz, Ayse (K-7)"
    assert merged_wishes((("a", 2),), (("a", 1), ("b", 1))) == (("a", 1), ("b", 1))
    assert merged_languages((("de", "C1"),), (("de", "B2"),)) == (("de", "C1"),)
    outsider = Actor(None, "x", "X", frozenset())
    with pytest.raises(AccessDenied):
        service.side(world["kept"], outsider)


def test_restriction_survives_a_merge(database, world) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session, session.begin():
        removed = session.get(Client, world["removed"])
        assert removed is not None
        removed.restricted, removed.restricted_at = True, EARLY + timedelta(days=1)
    MergeService(database).merge(world["kept"], world["removed"], world["berta"])
    with database.session() as session:
        kept = session.get(Client, world["kept"])
        assert kept is not None and kept.restricted and kept.restricted_at is not None
