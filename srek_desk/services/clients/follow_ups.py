"""Follow-ups (Wiedervorlagen) of clients: add, complete, list the due ones and a client's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from srek_desk.db.models import Client, FollowUp, utcnow
from srek_desk.errors import UserError
from srek_desk.services.clients.values import display_name
from srek_desk.services.core import audit
from srek_desk.services.core.access import Actor
from srek_desk.services.core.database import Database


@dataclass(frozen=True, slots=True)
class FollowUpLine:
    id: int
    client_id: int
    client_name: str
    due_date: date
    text: str
    done: bool = False


class ClientFollowUps:
    """The follow-up part of `ClientService` (which provides the scope and the access check)."""

    database: Database
    actor: Actor

    def _scoped(self, query: Any) -> Any:
        raise NotImplementedError

    def _require(self, session: Session, client_id: int) -> Client:
        raise NotImplementedError

    def add_follow_up(self, client_id: int, due: date, text: str) -> int:
        if not text.strip():
            raise UserError("Bitte angeben, was bei der Wiedervorlage zu tun ist.")
        if len(text.strip()) > 500:
            raise UserError("Der Text der Wiedervorlage ist zu lang (höchstens 500 Zeichen).")
        with self.database.session() as session, session.begin():
            client = self._require(session, client_id)
            audit.record(
                session,
                self.actor,
                "update",
                "client",
                subject=client.pseudonym or "",
                fields="follow_up",
            )
            follow_up = FollowUp(client_id=client_id, due_date=due, text=text.strip())
            session.add(follow_up)
            session.flush()
            assert follow_up.id is not None
            return follow_up.id

    def complete_follow_up(self, follow_up_id: int) -> None:
        """Mark done (idempotent: a second call keeps the first completion time)."""
        with self.database.session() as session, session.begin():
            follow_up = session.get(FollowUp, follow_up_id)
            if follow_up is None:
                raise UserError("Diese Wiedervorlage gibt es nicht mehr.")
            self._require(session, follow_up.client_id)  # only for a client the actor may see
            if not follow_up.done:
                follow_up.done = True
                follow_up.done_at = utcnow()

    def follow_ups_due(self, day: date) -> list[FollowUpLine]:
        """Open follow-ups due on or before `day`, oldest first (the "Heute" page)."""
        return self._follow_ups(
            (FollowUp.done.is_(False), FollowUp.due_date <= day)  # type: ignore[attr-defined]
        )

    def follow_ups_of(self, client_id: int, *, include_done: bool = True) -> list[FollowUpLine]:
        """A client's follow-ups with their ids (the editor's list), by due date."""
        conditions: list[Any] = [FollowUp.client_id == client_id]
        if not include_done:
            conditions.append(FollowUp.done.is_(False))  # type: ignore[attr-defined]
        return self._follow_ups(tuple(conditions))

    def _follow_ups(self, conditions: tuple[Any, ...]) -> list[FollowUpLine]:
        with self.database.session() as session:
            rows = session.execute(
                self._scoped(
                    select(
                        FollowUp.id,
                        FollowUp.client_id,
                        Client.first_name,
                        Client.last_name,
                        Client.customer_number,
                        FollowUp.due_date,
                        FollowUp.text,
                        FollowUp.done,
                    )
                    .join(Client, Client.id == FollowUp.client_id)
                    .where(*conditions)
                    .order_by(FollowUp.due_date, FollowUp.id)
                )
            ).all()
        return [
            FollowUpLine(r[0], r[1], display_name(r[2], r[3], r[4]), r[5], r[6], r[7]) for r in rows
        ]
