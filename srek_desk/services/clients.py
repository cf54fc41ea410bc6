"""Client use cases for the desk: the detail view with wishes, languages, notes and history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from srek_desk.db.models import (
    Client,
    ClientLanguage,
    ClientOccupation,
    CounsellingNote,
    FollowUp,
    Offer,
    Proposal,
)
from srek_desk.services.database import Database


@dataclass(frozen=True, slots=True)
class ProposalLine:
    proposed_at: datetime
    offer_title: str
    employer_name: str
    place: str
    state: str
    status: str
    crosses_state_border: bool


@dataclass(frozen=True, slots=True)
class ClientDetail:
    client: Client
    wishes: tuple[tuple[str, int], ...]  # (kldb_code, priority)
    languages: tuple[tuple[str, str], ...]  # (language, cefr)
    notes: tuple[tuple[datetime, str], ...]
    follow_ups: tuple[tuple[date, str, bool], ...]
    proposals: tuple[ProposalLine, ...]


class ClientService:
    def __init__(self, database: Database) -> None:
        self.database = database

    def detail(self, client_id: int) -> ClientDetail | None:
        with self.database.session() as session:
            client = session.get(Client, client_id)
            if client is None:
                return None
            session.expunge(client)
            wishes = session.execute(
                select(ClientOccupation.kldb_code, ClientOccupation.priority)
                .where(ClientOccupation.client_id == client_id)
                .order_by(ClientOccupation.priority)
            ).all()
            languages = session.execute(
                select(ClientLanguage.language, ClientLanguage.cefr_level)
                .where(ClientLanguage.client_id == client_id)
                .order_by(ClientLanguage.id)
            ).all()
            notes = session.execute(
                select(CounsellingNote.created_at, CounsellingNote.text)
                .where(CounsellingNote.client_id == client_id)
                .order_by(CounsellingNote.created_at.desc())  # type: ignore[attr-defined]
            ).all()
            follow_ups = session.execute(
                select(FollowUp.due_date, FollowUp.text, FollowUp.done)
                .where(FollowUp.client_id == client_id)
                .order_by(FollowUp.due_date)
            ).all()
            proposals = session.execute(
                select(
                    Proposal.proposed_at,
                    Offer.title,
                    Offer.employer_name,
                    Offer.place,
                    Offer.state,
                    Proposal.status,
                    Proposal.crosses_state_border,
                )
                .join(Offer, Offer.id == Proposal.offer_id)  # type: ignore[arg-type]
                .where(Proposal.client_id == client_id)
                .order_by(Proposal.proposed_at.desc())  # type: ignore[attr-defined]
            ).all()
        return ClientDetail(
            client=client,
            wishes=tuple((w[0], w[1]) for w in wishes),
            languages=tuple((lang[0], lang[1]) for lang in languages),
            notes=tuple((n[0], n[1]) for n in notes),
            follow_ups=tuple((f[0], f[1], f[2]) for f in follow_ups),
            proposals=tuple(ProposalLine(*p) for p in proposals),
        )
