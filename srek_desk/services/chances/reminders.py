"""Reminders for the Heute page, and recording a contact with a client.

Three kinds, each naming the client and why, for active clients whose processing is not
restricted and whom the actor may see:

- NO_CONTACT: no contact for `reminders.no_contact_days` days. A contact is a note, a proposal,
  a printed opportunity or update sheet, or one recorded with `record_contact`; a client who
  never had one counts from the day they were created.
- APPRENTICESHIP: the start of an apprenticeship is at most `reminders.apprenticeship_start_days`
  days away and the client has no placement (no proposal with status "zusage"; a placed client is
  no longer active). Who counts as seeking an Ausbildung:
    * a client with an open proposal for an Ausbildung offer: the start is that offer's start
      date (the earliest one still ahead), or 1 August when the offer names none;
    * a client with a target occupation at KldB requirement level 2 (Fachkraft, the fifth digit)
      and no vocational qualification (none or a helper qualification): the start is 1 August,
      when the training year begins.
- DEADLINE: an offer proposed to the client and not yet applied for (status "vorgeschlagen")
  whose application deadline is at most `reminders.deadline_days` days away.

Each kind is one SQL query (no loop over all clients); at most `limit_per_kind` of each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from srek_desk.db.models import Client, ClientOccupation, Offer, Proposal, local_day, utcnow
from srek_desk.reference.qualifications import VOCATIONAL_LEVELS
from srek_desk.services.chances.rules import (
    DeskService,
    matchable_client,
    visible_client,
)
from srek_desk.services.clients import CLOSED_STATUSES, display_name
from srek_desk.services.core import audit
from srek_desk.services.core.access import client_scope

NO_CONTACT = "no_contact"
APPRENTICESHIP = "apprenticeship"
DEADLINE = "deadline"
KINDS = (DEADLINE, APPRENTICESHIP, NO_CONTACT)  # most urgent first
TRAINING_YEAR_START = (8, 1)  # 1 August
# No vocational qualification that a Fachkraft occupation asks for: none, or a helper one.
WITHOUT_VOCATIONAL = ("", *(v.code for v in VOCATIONAL_LEVELS if v.kldb_level <= 1))


@dataclass(frozen=True, slots=True)
class Reminder:
    kind: str  # NO_CONTACT, APPRENTICESHIP or DEADLINE
    client_id: int
    client_name: str
    day: date | None  # last contact (None: never) / apprenticeship start / application deadline
    days: int  # days since the last contact / until the start / until the deadline
    offer_title: str = ""  # the proposed offer (DEADLINE; APPRENTICESHIP from a proposal)

    @property
    def text(self) -> str:
        """Why, in German (command line, logs of counts only)."""
        if self.kind == NO_CONTACT:
            since = f"letzter am {self.day:%d.%m.%Y}" if self.day else "noch nie"
            return f"Seit {self.days} Tagen kein Kontakt ({since})"
        if self.kind == APPRENTICESHIP:
            what = f"„{self.offer_title}“" if self.offer_title else "Ausbildungsbeginn"
            return f"{what} beginnt am {self.day:%d.%m.%Y} – noch keine Zusage"
        return f"Bewerbung für „{self.offer_title}“ bis {self.day:%d.%m.%Y}"


def next_training_start(today: date) -> date:
    month, day = TRAINING_YEAR_START
    start = date(today.year, month, day)
    return start if start >= today else date(today.year + 1, month, day)


class ReminderService(DeskService):
    """Reminders and recorded contacts on behalf of `actor`."""

    def _clients(self) -> Any:
        return and_(matchable_client(), client_scope(self.actor))

    def due(self, limit_per_kind: int = 200) -> list[Reminder]:
        """Every reminder due today: deadlines, then apprenticeship starts, then no contact."""
        with self.database.session() as session:
            return [
                *self._deadlines(session, limit_per_kind),
                *self._apprenticeships(session, limit_per_kind),
                *self._no_contact(session, limit_per_kind),
            ]

    def _no_contact(self, session: Session, limit: int) -> list[Reminder]:
        today = self._today()
        days = int(self.config["reminders.no_contact_days"])
        cutoff = datetime(today.year, today.month, today.day, tzinfo=UTC) - timedelta(days=days)
        last = func.coalesce(Client.last_contact_at, Client.created_at)
        rows = session.execute(
            select(
                Client.id,
                Client.first_name,
                Client.last_name,
                Client.customer_number,
                Client.last_contact_at,
                last,
            )
            .where(self._clients(), last < cutoff)
            .order_by(last, Client.id)
            .limit(limit)
        ).all()
        reminders = []
        for client_id, first, last_name, number, contact, baseline in rows:
            reminders.append(
                Reminder(
                    NO_CONTACT,
                    client_id,
                    display_name(first, last_name, number),
                    local_day(contact) if contact else None,
                    (today - local_day(baseline)).days,
                )
            )
        return reminders

    def _deadlines(self, session: Session, limit: int) -> list[Reminder]:
        today = self._today()
        until = today + timedelta(days=int(self.config["reminders.deadline_days"]))
        rows = session.execute(
            select(
                Client.id,
                Client.first_name,
                Client.last_name,
                Client.customer_number,
                Offer.title,
                Offer.application_deadline,
            )
            .join(Proposal, Proposal.client_id == Client.id)  # type: ignore[arg-type]
            .join(Offer, Offer.id == Proposal.offer_id)  # type: ignore[arg-type]
            .where(
                self._clients(),
                Proposal.status == "vorgeschlagen",
                Offer.active.is_(True),  # type: ignore[attr-defined]
                Offer.application_deadline >= today,  # type: ignore[operator]
                Offer.application_deadline <= until,  # type: ignore[operator]
            )
            .order_by(Offer.application_deadline, Client.id)
            .limit(limit)
        ).all()
        return [
            Reminder(
                DEADLINE,
                client_id,
                display_name(first, last_name, number),
                deadline,
                (deadline - today).days,
                title,
            )
            for client_id, first, last_name, number, title, deadline in rows
        ]

    def _apprenticeships(self, session: Session, limit: int) -> list[Reminder]:
        today = self._today()
        until = today + timedelta(days=int(self.config["reminders.apprenticeship_start_days"]))
        placed = (
            select(Proposal.id)
            .where(Proposal.client_id == Client.id, Proposal.status == "zusage")
            .correlate(Client)  # the outer query joins proposals too
            .exists()
        )
        seeking = and_(self._clients(), ~placed)
        names: dict[int, str] = {}
        starts: dict[int, tuple[date, str]] = {}  # client → (earliest start, offer title)
        proposed = session.execute(
            select(
                Client.id,
                Client.first_name,
                Client.last_name,
                Client.customer_number,
                Offer.title,
                Offer.start_date,
            )
            .join(Proposal, Proposal.client_id == Client.id)  # type: ignore[arg-type]
            .join(Offer, Offer.id == Proposal.offer_id)  # type: ignore[arg-type]
            .where(
                seeking,
                Offer.offer_type == "ausbildung",
                Proposal.status.not_in(CLOSED_STATUSES),  # type: ignore[attr-defined]
                or_(
                    Offer.start_date.is_(None),  # type: ignore[union-attr]
                    Offer.start_date >= today,  # type: ignore[operator]
                ),
            )
        ).all()
        for client_id, first, last_name, number, title, start in proposed:
            names[client_id] = display_name(first, last_name, number)
            start = start or next_training_start(today)
            if client_id not in starts or start < starts[client_id][0]:
                starts[client_id] = (start, title)
        august = next_training_start(today)
        if august <= until:  # only then can a wish-based reminder be due
            skilled_wish = (
                select(ClientOccupation.id)
                .where(
                    ClientOccupation.client_id == Client.id,
                    func.substr(ClientOccupation.kldb_code, 5, 1) == "2",
                )
                .correlate(Client)
                .exists()
            )
            for client_id, first, last_name, number in session.execute(
                select(Client.id, Client.first_name, Client.last_name, Client.customer_number)
                .where(
                    seeking,
                    skilled_wish,
                    Client.vocational_qualification.in_(WITHOUT_VOCATIONAL),  # type: ignore[attr-defined]
                )
                .order_by(Client.id)
            ):
                names[client_id] = display_name(first, last_name, number)
                if client_id not in starts or august < starts[client_id][0]:
                    starts[client_id] = (august, "")
        due = sorted(
            (start, client_id, title)
            for client_id, (start, title) in starts.items()
            if today <= start <= until
        )
        return [
            Reminder(
                APPRENTICESHIP, client_id, names[client_id], start, (start - today).days, title
            )
            for start, client_id, title in due[:limit]
        ]

    # -- contacts --------------------------------------------------------------------------

    def record_contact(self, client_id: int) -> datetime:
        """ "Kontakt erfassen": the client was in contact now (a visit, a call); audit-logged."""
        with self.database.session() as session, session.begin():
            client = visible_client(session, self.actor, client_id)
            now = utcnow()
            client.last_contact_at = now
            audit.record(
                session,
                self.actor,
                "update",
                "client",
                subject=client.pseudonym or "",
                fields="last_contact_at",
            )
        return now
