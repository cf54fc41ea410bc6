"""Proposals with their outcome and border flag; offers hidden from a client's matches."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select

from srek_desk.db.models import Client, Offer
from srek_desk.errors import UserError
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.core.access import SYSTEM


def _client_and_offers(db):  # type: ignore[no-untyped-def]
    """A client living in Lower Saxony, one offer in Hesse and one in Lower Saxony."""
    with db.session() as session:
        client = session.execute(select(Client).order_by(Client.id)).scalars().first()
        assert client is not None
        client.home_postcode = "34346"
        session.commit()
        hesse = session.execute(select(Offer.id).where(Offer.state == "HE")).scalars().first()
        saxony = session.execute(select(Offer.id).where(Offer.state == "NI")).scalars().first()
        return client.id, hesse, saxony


def test_propose_computes_border_and_refuses_duplicates(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    client_id, hesse, saxony = _client_and_offers(demo_database)
    service = ProposalService(demo_database, reference)
    across = service.propose(client_id, hesse, SYSTEM)
    inside = service.propose(client_id, saxony, SYSTEM)
    rows = {row.id: row for row in service.proposals_of(client_id, SYSTEM)}
    assert rows[across].crosses_state_border and not rows[inside].crosses_state_border
    assert rows[across].status == "vorgeschlagen"
    with pytest.raises(UserError, match="bereits vorgeschlagen"):
        service.propose(client_id, hesse, SYSTEM)
    service.record_outcome(across, "absage", SYSTEM)
    again = service.propose(client_id, hesse, SYSTEM)  # closed proposals may be renewed
    assert set(service.open_proposals(client_id, SYSTEM)) == {hesse, saxony}
    assert service.open_proposals(client_id, SYSTEM)[hesse] == (again, "vorgeschlagen")


def test_record_outcome_validates_and_stamps(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    client_id, hesse, _ = _client_and_offers(demo_database)
    service = ProposalService(demo_database, reference)
    proposal = service.propose(client_id, hesse, SYSTEM)
    before = service.proposals_of(client_id, SYSTEM)[0].status_changed_at
    service.record_outcome(proposal, "vorstellungsgespraech", SYSTEM)
    row = service.proposals_of(client_id, SYSTEM)[0]
    assert row.status == "vorstellungsgespraech" and row.status_label == "Vorstellungsgespräch"
    assert row.status_changed_at >= before
    with pytest.raises(UserError, match="kein gültiger Stand"):
        service.record_outcome(proposal, "vielleicht", SYSTEM)
    with pytest.raises(UserError):
        service.record_outcome(987654, "zusage", SYSTEM)


def test_hidden_offers_round_trip_and_cascade(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    client_id, hesse, saxony = _client_and_offers(demo_database)
    service = ProposalService(demo_database, reference)
    service.hide_offer(client_id, hesse, SYSTEM)
    service.hide_offer(client_id, hesse, SYSTEM)  # idempotent
    service.hide_offer(client_id, saxony, SYSTEM)
    assert service.hidden_offers(client_id, SYSTEM) == {hesse, saxony}
    service.unhide_offer(client_id, saxony, SYSTEM)
    assert service.hidden_offers(client_id, SYSTEM) == {hesse}
    with demo_database.session() as session:
        session.execute(delete(Offer).where(Offer.id == hesse))
        session.commit()
    assert service.hidden_offers(client_id, SYSTEM) == set()
    with pytest.raises(UserError):
        service.hide_offer(client_id, 10**9, SYSTEM)
