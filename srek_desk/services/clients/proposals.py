"""Proposals (Vermittlungsvorschläge) and their outcomes, and offers hidden from a client's matches.

A proposal is "open" while its status is not `absage` or `zurueckgezogen`; an offer can be
proposed to a client again only when no open proposal for it exists. Whether a proposal crosses
a state border is decided once, when it is made: the state of the client's home postcode (from
the gazetteer) against the offer's state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from srek_desk.db.codes import PROPOSAL_STATUSES
from srek_desk.db.models import Offer, Proposal, utcnow
from srek_desk.db.models_desk import HiddenOffer
from srek_desk.errors import UserError
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.access import Actor, visible_client
from srek_desk.services.core.database import Database

CLOSED_STATUSES = frozenset({"absage", "zurueckgezogen"})


@dataclass(frozen=True, slots=True)
class ProposalRow:
    id: int
    offer_id: int
    proposed_at: datetime
    offer_title: str
    employer_name: str
    place: str
    state: str
    status: str
    status_changed_at: datetime
    crosses_state_border: bool
    note: str

    @property
    def status_label(self) -> str:
        return PROPOSAL_STATUSES.get(self.status, self.status)

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES


class ProposalService:
    def __init__(self, database: Database, reference: ReferenceData) -> None:
        self.database = database
        self.reference = reference

    def propose(
        self,
        client_id: int,
        offer_id: int,
        actor: Actor,
        *,
        note: str = "",
        proposed_by: int | None = None,
    ) -> int:
        """Record that an offer was proposed to a client `actor` may see; returns its id.
        `proposed_by` defaults to the actor's account."""
        with self.database.session() as session, session.begin():
            client = visible_client(session, actor, client_id)
            offer = session.get(Offer, offer_id)
            if offer is None:
                raise UserError("Dieses Angebot ist nicht mehr gespeichert.")
            existing = session.execute(
                select(Proposal.status).where(
                    Proposal.client_id == client_id,
                    Proposal.offer_id == offer_id,
                    Proposal.status.not_in(CLOSED_STATUSES),
                )
            ).first()
            if existing is not None:
                raise UserError(
                    f"„{offer.title}“ wurde bereits vorgeschlagen "
                    f"(Stand: {PROPOSAL_STATUSES.get(existing[0], existing[0])})."
                )
            proposal = Proposal(
                client_id=client_id,
                offer_id=offer_id,
                proposed_by=proposed_by if proposed_by is not None else actor.user_id,
                crosses_state_border=self._crosses_border(client.home_postcode, offer.state),
                note=note.strip()[:500],
            )
            session.add(proposal)
            client.last_contact_at = utcnow()  # a proposal is a contact (reminders, new chances)
            session.flush()
            assert proposal.id is not None
            return proposal.id

    def _crosses_border(self, home_postcode: str, offer_state: str) -> bool:
        place = (
            self.reference.gazetteer.place_for_postcode(home_postcode) if home_postcode else None
        )
        if place is None or not offer_state:
            return False  # unknown is not counted as crossing
        return place.state != offer_state

    def record_outcome(
        self, proposal_id: int, status: str, actor: Actor, *, note: str | None = None
    ) -> None:
        """Set the status (beworben, vorstellungsgespraech, zusage, absage, zurueckgezogen …)
        of a proposal to a client `actor` may see."""
        if status not in PROPOSAL_STATUSES:
            raise UserError(f"„{status}“ ist kein gültiger Stand eines Vorschlags.")
        with self.database.session() as session, session.begin():
            proposal = session.get(Proposal, proposal_id)
            if proposal is None:
                raise UserError("Dieser Vorschlag ist nicht mehr gespeichert.")
            visible_client(session, actor, proposal.client_id)
            if proposal.status != status:
                proposal.status = status
                proposal.status_changed_at = utcnow()
            if note is not None:
                proposal.note = note.strip()[:500]

    def proposals_of(self, client_id: int, actor: Actor) -> list[ProposalRow]:
        """A client's proposals, newest first; only for a client `actor` may see."""
        with self.database.session() as session:
            visible_client(session, actor, client_id)
        return self._proposals_of(client_id)

    def _proposals_of(self, client_id: int) -> list[ProposalRow]:
        with self.database.session() as session:
            rows = session.execute(
                select(
                    Proposal.id,
                    Proposal.offer_id,
                    Proposal.proposed_at,
                    Offer.title,
                    Offer.employer_name,
                    Offer.place,
                    Offer.state,
                    Proposal.status,
                    Proposal.status_changed_at,
                    Proposal.crosses_state_border,
                    Proposal.note,
                )
                .join(Offer, Offer.id == Proposal.offer_id)
                .where(Proposal.client_id == client_id)
                .order_by(Proposal.proposed_at.desc(), Proposal.id.desc())
            ).all()
        return [ProposalRow(*row) for row in rows]

    def open_proposals(self, client_id: int, actor: Actor) -> dict[int, tuple[int, str]]:
        """offer id → (proposal id, status) of the open proposals, for marking match lists."""
        return {
            row.offer_id: (row.id, row.status)
            for row in reversed(self.proposals_of(client_id, actor))
            if row.is_open
        }

    # -- hidden offers ------------------------------------------------------------------------

    def hide_offer(self, client_id: int, offer_id: int, actor: Actor) -> None:
        """Hide an offer from the matches of a client `actor` may see (idempotent)."""
        with self.database.session() as session, session.begin():
            visible_client(session, actor, client_id)
            if session.get(HiddenOffer, (client_id, offer_id)) is not None:
                return
            if session.get(Offer, offer_id) is None:
                raise UserError("Dieses Angebot ist nicht mehr gespeichert.")
            session.add(HiddenOffer(client_id=client_id, offer_id=offer_id))

    def unhide_offer(self, client_id: int, offer_id: int, actor: Actor) -> None:
        with self.database.session() as session, session.begin():
            visible_client(session, actor, client_id)
            session.execute(
                delete(HiddenOffer).where(
                    HiddenOffer.client_id == client_id, HiddenOffer.offer_id == offer_id
                )
            )

    def hidden_offers(self, client_id: int, actor: Actor) -> set[int]:
        with self.database.session() as session:
            visible_client(session, actor, client_id)
            return set(
                session.execute(
                    select(HiddenOffer.offer_id).where(HiddenOffer.client_id == client_id)
                ).scalars()
            )
