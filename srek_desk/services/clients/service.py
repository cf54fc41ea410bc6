"""Client use cases for the desk: detail view, editing with validation and optimistic locking,
notes and follow-ups.

Editing works on `ClientInput` (plain values, codes as tuples): `input_of` gives the stored input
and its version, `validate` the German field errors, `create` / `update` store it. `update`
saves only if the version is still the one the editor loaded; otherwise it raises
`ConflictError` with both inputs, so nobody overwrites a colleague's edit unseen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import delete, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from srek_desk.db.codes import split_codes
from srek_desk.db.models import (
    Client,
    ClientLanguage,
    ClientOccupation,
    CounsellingNote,
    FollowUp,
    Offer,
    Proposal,
    utcnow,
)
from srek_desk.db.models_history import PrintedSheet
from srek_desk.errors import UserError
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.clients.follow_ups import ClientFollowUps, FollowUpLine
from srek_desk.services.clients.values import (
    ClientInput,
    ConflictError,
    changed_fields,
    column_values,
    display_name,
    input_from_row,
    validate_client,
)
from srek_desk.services.core import audit
from srek_desk.services.core.access import (
    SYSTEM,
    AccessDenied,
    Actor,
    client_scope,
    may_see,
    visible_client,
)
from srek_desk.services.core.changes import changed_now
from srek_desk.services.core.database import Database
from srek_desk.services.core.validation import FieldError, ValidationError


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


@dataclass(frozen=True, slots=True)
class PrintedSheetLine:
    id: int
    printed_at: datetime
    offer_ids: tuple[int, ...]
    language: str
    pseudonymous: bool


class RecentClient(NamedTuple):
    id: int
    name: str
    customer_number: str | None
    updated_at: datetime


class ClientService(ClientFollowUps):
    """Client use cases on behalf of `actor`: only the clients they may see, all audit-logged."""

    def __init__(
        self, database: Database, actor: Actor = SYSTEM, *, log_viewing: bool = False
    ) -> None:
        self.database = database
        self.actor = actor
        self.log_viewing = log_viewing

    def _scoped(self, query: Any) -> Any:
        return query.where(client_scope(self.actor))

    def _visible(self, session: Session, client_id: int) -> Client | None:
        client = session.get(Client, client_id)
        if client is not None and not may_see(self.actor, client):
            raise AccessDenied(
                "Diese Klientin / dieser Klient wird von einer Kollegin oder einem Kollegen betreut."
            )
        return client

    def detail(self, client_id: int) -> ClientDetail | None:
        with self.database.session() as session:
            client = self._visible(session, client_id)
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
        if self.log_viewing:
            with self.database.session() as session, session.begin():
                audit.record(session, self.actor, "view", "client", subject=client.pseudonym or "")
        return ClientDetail(
            client=client,
            wishes=tuple((w[0], w[1]) for w in wishes),
            languages=tuple((lang[0], lang[1]) for lang in languages),
            notes=tuple((n[0], n[1]) for n in notes),
            follow_ups=tuple((f[0], f[1], f[2]) for f in follow_ups),
            proposals=tuple(ProposalLine(*p) for p in proposals),
        )

    # -- editing -----------------------------------------------------------------------------

    def validate(
        self, data: ClientInput, reference: ReferenceData, *, client_id: int | None = None
    ) -> list[FieldError]:
        """All problems of an input, German, per field; `client_id` when editing that client."""
        errors = validate_client(data, reference)
        number = (data.customer_number or "").strip()
        if number:
            with self.database.session() as session:
                owner = session.execute(
                    select(Client.id).where(Client.customer_number == number)
                ).scalar_one_or_none()
            if owner is not None and owner != client_id:
                errors.append(
                    FieldError("customer_number", f"Die Kundennummer {number} ist schon vergeben.")
                )
        return errors

    def create(self, data: ClientInput, reference: ReferenceData) -> int:
        """Store a new client; raises ValidationError with the field errors."""
        errors = self.validate(data, reference)
        if errors:
            raise ValidationError(errors)
        with self.database.session() as session, session.begin():
            now = changed_now()
            client = Client(
                **column_values(data, reference),
                created_at=now,
                updated_at=now,
                counsellor_id=self.actor.user_id,
            )
            session.add(client)
            session.flush()
            assert client.id is not None
            self._replace_children(session, client.id, data)
            audit.record(
                session,
                self.actor,
                "create",
                "client",
                subject=client.pseudonym or "",
                fields=changed_fields(None, data),
            )
            return client.id

    def update(
        self, client_id: int, data: ClientInput, expected_version: int, reference: ReferenceData
    ) -> int:
        """Save an edit made on `expected_version`; returns the new version.

        Raises ValidationError, ConflictError (someone saved in between) or UserError (deleted).
        """
        errors = self.validate(data, reference, client_id=client_id)
        if errors:
            raise ValidationError(errors)
        with self.database.session() as session, session.begin():
            stored = self._visible(session, client_id)
            before = self._input(session, client_id)
            if before is None or stored is None:
                raise UserError("Diese Klientin / dieser Klient ist nicht mehr gespeichert.")
            theirs, version = before
            pseudonym = stored.pseudonym or ""
            values = column_values(data, reference)
            values.update(version=expected_version + 1, updated_at=changed_now())
            # The version condition makes the check and the write one step (two desks, one client).
            result = session.execute(
                sql_update(Client)
                .where(Client.id == client_id, Client.version == expected_version)
                .values(**values)
            )
            if result.rowcount != 1:
                raise ConflictError(mine=data, theirs=theirs, their_version=version)
            self._replace_children(session, client_id, data)
            changed = changed_fields(theirs, data)
            if changed:
                audit.record(
                    session, self.actor, "update", "client", subject=pseudonym, fields=changed
                )
        return expected_version + 1

    def visible_ids(self) -> set[int] | None:
        """Ids of the clients the actor may see; None when they see every client."""
        if self.actor.can("clients.all"):
            return None
        with self.database.session() as session:
            return set(session.execute(self._scoped(select(Client.id))).scalars())

    def set_shared(self, client_id: int, shared: bool) -> None:
        """Share a client with the whole team (or stop); only whoever may see them."""
        with self.database.session() as session, session.begin():
            client = self._require(session, client_id)
            if client.shared != shared:
                client.shared = shared
                client.version += 1
                audit.record(
                    session,
                    self.actor,
                    "update",
                    "client",
                    subject=client.pseudonym or "",
                    fields="shared",
                )

    def input_of(self, client_id: int) -> tuple[ClientInput, int]:
        """The stored values of a client as editor input, with the version to save against."""
        with self.database.session() as session:
            self._visible(session, client_id)
            found = self._input(session, client_id)
        if found is None:
            raise UserError("Diese Klientin / dieser Klient ist nicht mehr gespeichert.")
        return found

    @staticmethod
    def _input(session: Session, client_id: int) -> tuple[ClientInput, int] | None:
        client = session.get(Client, client_id, populate_existing=True)
        if client is None:
            return None
        wishes = session.execute(
            select(ClientOccupation.kldb_code, ClientOccupation.priority)
            .where(ClientOccupation.client_id == client_id)
            .order_by(ClientOccupation.priority, ClientOccupation.id)
        ).all()
        languages = session.execute(
            select(ClientLanguage.language, ClientLanguage.cefr_level)
            .where(ClientLanguage.client_id == client_id)
            .order_by(ClientLanguage.id)
        ).all()
        return input_from_row(client, list(wishes), list(languages)), client.version

    @staticmethod
    def _replace_children(session: Session, client_id: int, data: ClientInput) -> None:
        session.execute(delete(ClientOccupation).where(ClientOccupation.client_id == client_id))
        session.execute(delete(ClientLanguage).where(ClientLanguage.client_id == client_id))
        for code, priority in data.wishes:
            session.add(ClientOccupation(client_id=client_id, kldb_code=code, priority=priority))
        for language, level in data.languages:
            session.add(ClientLanguage(client_id=client_id, language=language, cefr_level=level))

    # -- notes and follow-ups ----------------------------------------------------------------

    def add_note(self, client_id: int, text: str, author_id: int | None = None) -> int:
        if not text.strip():
            raise UserError("Die Notiz ist leer.")
        with self.database.session() as session, session.begin():
            client = self._require(session, client_id)
            client.last_contact_at = utcnow()  # a note is a contact (reminders, new chances)
            note = CounsellingNote(
                client_id=client_id,
                text=text.strip(),
                author_id=author_id if author_id is not None else self.actor.user_id,
            )
            session.add(note)
            audit.record(
                session,
                self.actor,
                "update",
                "client",
                subject=client.pseudonym or "",
                fields="note",
            )
            session.flush()
            assert note.id is not None
            return note.id

    def recent_clients(self, limit: int = 10) -> list[RecentClient]:
        """The clients changed last (the "Heute" page)."""
        with self.database.session() as session:
            rows = session.execute(
                self._scoped(
                    select(
                        Client.id,
                        Client.first_name,
                        Client.last_name,
                        Client.customer_number,
                        Client.updated_at,
                    )
                    .order_by(Client.updated_at.desc(), Client.id.desc())
                    .limit(limit)
                )
            ).all()
        return [RecentClient(r[0], display_name(r[1], r[2], r[3]), r[3], r[4]) for r in rows]

    def printed_sheets_of(self, client_id: int, actor: Actor) -> list[PrintedSheetLine]:
        """The opportunity sheets printed for a client, newest first (the history tab);
        only for a client `actor` may see."""
        with self.database.session() as session:
            visible_client(session, actor, client_id)
            rows = session.execute(
                select(
                    PrintedSheet.id,
                    PrintedSheet.printed_at,
                    PrintedSheet.offer_ids,
                    PrintedSheet.language,
                    PrintedSheet.pseudonymous,
                )
                .where(PrintedSheet.client_id == client_id)
                .order_by(PrintedSheet.printed_at.desc(), PrintedSheet.id.desc())
            ).all()
        return [
            PrintedSheetLine(r[0], r[1], tuple(int(i) for i in split_codes(r[2])), r[3], r[4])
            for r in rows
        ]

    def _require(self, session: Session, client_id: int) -> Client:
        client = self._visible(session, client_id)
        if client is None:
            raise UserError("Diese Klientin / dieser Klient ist nicht mehr gespeichert.")
        return client


__all__ = [
    "ClientDetail",
    "ClientInput",
    "ClientService",
    "ConflictError",
    "FieldError",
    "FollowUpLine",
    "PrintedSheetLine",
    "ProposalLine",
    "RecentClient",
    "ValidationError",
    "display_name",
    "validate_client",
]
