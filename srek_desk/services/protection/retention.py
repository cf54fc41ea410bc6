"""Retention: what is due for deletion or anonymisation by the office's periods, shown first,
then carried out in one confirmed step (Admin only).

A client is due when nothing happened with them (record change, note, proposal, printed sheet)
for `inactive_client_months`. Notes, printed-sheet records and audit entries have periods of
their own. Periods are set by the office's data protection officer (settings `retention.*`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from srek_desk.db.models import AuditEvent, Client, CounsellingNote, Proposal, as_utc
from srek_desk.db.models_history import PrintedSheet
from srek_desk.services.clients import display_name
from srek_desk.services.core import audit
from srek_desk.services.core.access import Actor
from srek_desk.services.core.database import Database
from srek_desk.services.protection.privacy import anonymise_in_session, checkpoint, erase_in_session


def months_before(moment: datetime, months: int) -> datetime:
    total = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(total, 12)
    day = min(moment.day, 28)
    return moment.replace(year=year, month=month + 1, day=day)


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    inactive_client_months: int = 24
    anonymise_instead: bool = False
    note_months: int = 24
    printed_sheet_months: int = 12
    audit_months: int = 36

    @classmethod
    def from_config(cls, config: Any) -> RetentionPolicy:
        return cls(
            inactive_client_months=config["retention.inactive_client_months"],
            anonymise_instead=config["retention.anonymise_instead"],
            note_months=config["retention.note_months"],
            printed_sheet_months=config["retention.printed_sheet_months"],
            audit_months=config["retention.audit_months"],
        )


@dataclass(frozen=True, slots=True)
class DueClient:
    id: int
    name: str
    last_activity: datetime


@dataclass(frozen=True, slots=True)
class RetentionPreview:
    now: datetime
    policy: RetentionPolicy
    clients: tuple[DueClient, ...]
    notes: int
    printed_sheets: int
    audit_entries: int

    @property
    def client_action(self) -> str:
        return "anonymisieren" if self.policy.anonymise_instead else "löschen"

    @property
    def empty(self) -> bool:
        return not (self.clients or self.notes or self.printed_sheets or self.audit_entries)


@dataclass(frozen=True, slots=True)
class RetentionOutcome:
    clients: int
    notes: int
    printed_sheets: int
    audit_entries: int


class RetentionService:
    def __init__(self, database: Database, policy: RetentionPolicy) -> None:
        self.database = database
        self.policy = policy

    def _cutoffs(self, now: datetime) -> tuple[datetime, datetime, datetime, datetime]:
        p = self.policy
        return (
            months_before(now, p.inactive_client_months),
            months_before(now, p.note_months),
            months_before(now, p.printed_sheet_months),
            months_before(now, p.audit_months),
        )

    def _due_clients(self, session: Session, cutoff: datetime) -> list[DueClient]:
        last_note = (
            select(func.max(CounsellingNote.created_at))
            .where(CounsellingNote.client_id == Client.id)
            .scalar_subquery()
        )
        last_proposal = (
            select(func.max(Proposal.status_changed_at))
            .where(Proposal.client_id == Client.id)
            .scalar_subquery()
        )
        last_sheet = (
            select(func.max(PrintedSheet.printed_at))
            .where(PrintedSheet.client_id == Client.id)
            .scalar_subquery()
        )
        candidates = session.execute(
            select(
                Client.id,
                Client.first_name,
                Client.last_name,
                Client.customer_number,
                Client.updated_at,
                last_note,
                last_proposal,
                last_sheet,
            )
            .where(Client.updated_at < cutoff, Client.anonymised_at.is_(None))  # type: ignore[union-attr]
            .order_by(Client.updated_at)
        ).all()
        due = []
        for client_id, first, last, number, *stamps in candidates:
            moments = [as_utc(_moment(s)) for s in stamps if s]
            latest = max(moments)
            if latest < cutoff:
                due.append(DueClient(client_id, display_name(first, last, number), latest))
        return due

    def preview(self, now: datetime | None = None) -> RetentionPreview:
        now = now or datetime.now(UTC)
        clients_cut, notes_cut, sheets_cut, audit_cut = self._cutoffs(now)
        with self.database.session() as session:
            due = self._due_clients(session, clients_cut)
            due_ids = {c.id for c in due}

            def count(model: Any, column: Any, cutoff: datetime, by_client: bool) -> int:
                query = select(model.client_id if by_client else model.id).where(column < cutoff)
                ids = session.execute(query).scalars().all()
                return sum(1 for i in ids if not by_client or i not in due_ids)

            notes = count(CounsellingNote, CounsellingNote.created_at, notes_cut, True)
            sheets = count(PrintedSheet, PrintedSheet.printed_at, sheets_cut, True)
            entries = count(AuditEvent, AuditEvent.at, audit_cut, False)
        return RetentionPreview(now, self.policy, tuple(due), notes, sheets, entries)

    def apply(self, actor: Actor, preview: RetentionPreview) -> RetentionOutcome:
        """Carry out a preview the Admin confirmed; clients active again since are spared."""
        actor.require("retention")
        clients_cut, notes_cut, sheets_cut, audit_cut = self._cutoffs(preview.now)
        with self.database.session() as session, session.begin():
            # the audit purge first, so that entries written by this step are never purged
            entries = audit.AuditService(self.database).purge_before(session, audit_cut)
            still_due = {c.id for c in self._due_clients(session, clients_cut)}
            handled = 0
            for due in preview.clients:
                client = session.get(Client, due.id)
                if client is None or due.id not in still_due:
                    continue
                if self.policy.anonymise_instead:
                    anonymise_in_session(session, actor, client)
                else:
                    erase_in_session(session, actor, client)
                handled += 1
            notes = session.execute(
                delete(CounsellingNote).where(CounsellingNote.created_at < notes_cut)  # type: ignore[arg-type]
            ).rowcount
            sheets = session.execute(
                delete(PrintedSheet).where(PrintedSheet.printed_at < sheets_cut)  # type: ignore[arg-type]
            ).rowcount
            outcome = RetentionOutcome(handled, int(notes or 0), int(sheets or 0), entries)
            audit.record(
                session,
                actor,
                "retention",
                "database",
                detail=(
                    f"{outcome.clients} Klient:innen {preview.client_action}, "
                    f"{outcome.notes} Notizen, {outcome.printed_sheets} Bogen-Einträge, "
                    f"{outcome.audit_entries} Protokolleinträge"
                ),
            )
        checkpoint(self.database)
        return outcome


def _moment(value: Any) -> datetime:
    # MAX() over a datetime column may come back as text on SQLite
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
