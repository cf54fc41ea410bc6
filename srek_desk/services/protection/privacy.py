"""Data subject rights for one client: access export (Art. 15 DSGVO), restriction (§ 84 SGB X),
erasure and anonymisation.

Erasure removes the client row and every row that hangs on it (wishes, languages, notes,
follow-ups, proposals, printed-sheet records, hidden offers, new chances) and empties what the
laptop exchange remembered of them (`offline.forget_offline_state`). The audit log and the
import history keep only the client's random pseudonym. With `secure_delete` on, SQLite
overwrites the freed bytes; a WAL checkpoint afterwards truncates the write-ahead log that
still held the old pages. The access export's parts and their tables: `access_sections`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from srek_desk.db.codes import PROPOSAL_STATUSES, split_codes
from srek_desk.db.models import (
    AuditEvent,
    Client,
    ClientLanguage,
    ClientOccupation,
    CounsellingNote,
    FollowUp,
    Offer,
    Proposal,
    UserAccount,
)
from srek_desk.db.models_counselling import NewChance, Skill
from srek_desk.db.models_desk import HiddenOffer
from srek_desk.db.models_history import PrintedSheet
from srek_desk.errors import UserError
from srek_desk.private_files import make_private_folder, write_private_bytes
from srek_desk.services.core import audit
from srek_desk.services.core.access import SYSTEM, AccessDenied, Actor, may_see
from srek_desk.services.core.database import Database
from srek_desk.services.offline import forget_offline_state
from srek_desk.services.protection.access_sections import (
    INTERNAL,
    PERSON_ORDER,
    extra_sections,
    labelled,
    plain,
)

CHILD_TABLES: tuple[Any, ...] = (
    ClientOccupation,
    ClientLanguage,
    CounsellingNote,
    FollowUp,
    Proposal,
    PrintedSheet,
    HiddenOffer,
    NewChance,
)


@dataclass(frozen=True, slots=True)
class ErasureResult:
    pseudonym: str
    rows_deleted: int


class PrivacyService:
    def __init__(self, database: Database, actor: Actor = SYSTEM) -> None:
        self.database = database
        self.actor = actor

    def _client(self, session: Session, client_id: int) -> Client:
        client = session.get(Client, client_id)
        if client is None:
            raise UserError("Diese Klientin / dieser Klient ist nicht mehr gespeichert.")
        if not may_see(self.actor, client):
            raise AccessDenied("Diese Klientin / dieser Klient wird von jemand anderem betreut.")
        return client

    # -- access (Art. 15) ---------------------------------------------------------------------

    def access_report(self, client_id: int) -> dict[str, Any]:
        """Everything stored about one client, as plain JSON-ready data (German keys for people);
        `access_sections.SECTIONS` says which part shows which table."""
        with self.database.session() as session:
            client = self._client(session, client_id)
            dumped = client.model_dump()
            person = {
                key: plain(labelled(key, dumped[key]))
                for key in PERSON_ORDER
                if key in dumped and key not in INTERNAL
            }
            if client.skills:
                labels: dict[str, str] = {
                    code: label for code, label in session.execute(select(Skill.code, Skill.label))
                }
                person["skills"] = ", ".join(labels.get(c, c) for c in split_codes(client.skills))
            if client.counsellor_id is not None:
                counsellor = session.get(UserAccount, client.counsellor_id)
                person["counsellor"] = counsellor.display_name if counsellor else ""
            report: dict[str, Any] = {
                "stand": plain(datetime.now(UTC)),
                "person": person,
                "berufswuensche": [
                    {"kldb": code, "prioritaet": priority}
                    for code, priority in session.execute(
                        select(ClientOccupation.kldb_code, ClientOccupation.priority)
                        .where(ClientOccupation.client_id == client_id)
                        .order_by(ClientOccupation.priority)
                    )
                ],
                "sprachen": [
                    {"sprache": language, "niveau": level}
                    for language, level in session.execute(
                        select(ClientLanguage.language, ClientLanguage.cefr_level).where(
                            ClientLanguage.client_id == client_id
                        )
                    )
                ],
                "notizen": [
                    {"datum": plain(at), "text": body}
                    for at, body in session.execute(
                        select(CounsellingNote.created_at, CounsellingNote.text)
                        .where(CounsellingNote.client_id == client_id)
                        .order_by(CounsellingNote.created_at)
                    )
                ],
                "wiedervorlagen": [
                    {"faellig": plain(due), "text": body, "erledigt": done}
                    for due, body, done in session.execute(
                        select(FollowUp.due_date, FollowUp.text, FollowUp.done)
                        .where(FollowUp.client_id == client_id)
                        .order_by(FollowUp.due_date)
                    )
                ],
                "vorschlaege": [
                    {
                        "datum": plain(at),
                        "angebot": title,
                        "arbeitgeber": employer,
                        "ort": place,
                        "status": PROPOSAL_STATUSES.get(status, status),
                        "status_seit": plain(changed),
                    }
                    for at, title, employer, place, status, changed in session.execute(
                        select(
                            Proposal.proposed_at,
                            Offer.title,
                            Offer.employer_name,
                            Offer.place,
                            Proposal.status,
                            Proposal.status_changed_at,
                        )
                        .join(Offer, Offer.id == Proposal.offer_id)  # type: ignore[arg-type]
                        .where(Proposal.client_id == client_id)
                        .order_by(Proposal.proposed_at)
                    )
                ],
                "gedruckte_boegen": [
                    {"datum": plain(at), "sprache": language, "angebote": offers}
                    for at, language, offers in session.execute(
                        select(
                            PrintedSheet.printed_at, PrintedSheet.language, PrintedSheet.offer_ids
                        )
                        .where(PrintedSheet.client_id == client_id)
                        .order_by(PrintedSheet.printed_at)
                    )
                ],
                "protokoll": [
                    {
                        "datum": plain(at),
                        "wer": user,
                        "was": audit.ACTION_LABELS.get(action, action),
                        "felder": fields,
                    }
                    for at, user, action, fields in session.execute(
                        select(
                            AuditEvent.at,
                            AuditEvent.user_name,
                            AuditEvent.action,
                            AuditEvent.fields,
                        )
                        .where(
                            AuditEvent.entity == "client",
                            AuditEvent.subject == (client.pseudonym or "-"),
                        )
                        .order_by(AuditEvent.id)  # type: ignore[arg-type]
                    )
                ],
            }
            report.update(extra_sections(session, client))
        return report

    def write_access_export(
        self, client_id: int, json_path: Path | None, pdf_path: Path | None, office: Any = None
    ) -> dict[str, Any]:
        """Write the access report as JSON and/or PDF; audit-logged as an export."""
        report = self.access_report(client_id)
        written = []
        if json_path is not None:
            _write_atomic(json_path, json.dumps(report, ensure_ascii=False, indent=2).encode())
            written.append("JSON")
        if pdf_path is not None:
            from srek_desk.sheets.access_report import render_access_report

            render_access_report(report, pdf_path, office)
            written.append("PDF")
        with self.database.session() as session, session.begin():
            client = self._client(session, client_id)
            audit.record(
                session,
                self.actor,
                "export",
                "client",
                subject=client.pseudonym or "",
                detail="Auskunft " + "+".join(written),
            )
        return report

    # -- restriction --------------------------------------------------------------------------

    def set_restricted(self, client_id: int, restricted: bool) -> None:
        """Restrict processing: kept, but out of matching, sheets and statistics."""
        with self.database.session() as session, session.begin():
            client = self._client(session, client_id)
            if client.restricted == restricted:
                return
            client.restricted = restricted
            client.restricted_at = datetime.now(UTC) if restricted else None
            client.updated_at = datetime.now(UTC)  # the matching index refreshes changed rows
            client.version += 1
            audit.record(
                session,
                self.actor,
                "restrict" if restricted else "unrestrict",
                "client",
                subject=client.pseudonym or "",
            )

    # -- erasure and anonymisation ------------------------------------------------------------

    def erase(self, client_id: int) -> ErasureResult:
        with self.database.session() as session, session.begin():
            client = self._client(session, client_id)
            result = erase_in_session(session, self.actor, client)
        checkpoint(self.database)
        return result

    def anonymise(self, client_id: int) -> str:
        with self.database.session() as session, session.begin():
            client = self._client(session, client_id)
            anonymise_in_session(session, self.actor, client)
            pseudonym = client.pseudonym or ""
        checkpoint(self.database)
        return pseudonym


def erase_in_session(session: Session, actor: Actor, client: Client) -> ErasureResult:
    assert client.id is not None
    pseudonym = client.pseudonym or ""
    rows = 0
    for table in CHILD_TABLES:
        rows += session.execute(delete(table).where(table.client_id == client.id)).rowcount or 0  # type: ignore[attr-defined]
    session.execute(delete(Client).where(Client.id == client.id))  # type: ignore[arg-type]
    session.expunge(client)
    forget_offline_state(session, [pseudonym])  # what the laptop exchange remembered
    audit.record(session, actor, "erase", "client", subject=pseudonym)
    return ErasureResult(pseudonym, rows + 1)


def anonymise_in_session(session: Session, actor: Actor, client: Client) -> None:
    """Keep only what statistics need (qualifications, wishes, proposal outcomes)."""
    assert client.id is not None
    for table in (ClientLanguage, CounsellingNote, FollowUp, PrintedSheet, HiddenOffer, NewChance):
        session.execute(delete(table).where(table.client_id == client.id))  # type: ignore[attr-defined]
    session.execute(
        update(Proposal).where(Proposal.client_id == client.id).values(note="")  # type: ignore[arg-type]
    )
    proposal_ids = session.execute(
        select(Proposal.id).where(Proposal.client_id == client.id)  # type: ignore[arg-type]
    ).scalars()
    forget_offline_state(session, [client.pseudonym or ""], {"proposal": list(proposal_ids)})
    now = datetime.now(UTC)
    for name, value in {
        "customer_number": None,
        "first_name": "",
        "last_name": "",
        "birth_date": None,
        "email": "",
        "phone": "",
        "street": "",
        "home_postcode": "",
        "home_place": "",
        "driving_licences": "",
        "offer_preferences": "",  # may name a severe disability (Art. 9 DSGVO)
        "earliest_start": None,
        "consent_given": False,
        "consent_date": None,
        "status": "inactive",
        "counsellor_id": None,
        "shared": False,
        "anonymised_at": now,
        "updated_at": now,
    }.items():
        setattr(client, name, value)
    client.version += 1
    audit.record(session, actor, "anonymise", "client", subject=client.pseudonym or "")


def checkpoint(database: Database) -> None:
    """Move the WAL into the database file and truncate it (old page images leave the disk)."""
    if database.sqlite_file is None:
        return
    with database.engine.connect() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


def _write_atomic(path: Path, content: bytes) -> None:
    make_private_folder(path.parent)  # an Art. 15 export is the whole record: 0600, folder 0700
    write_private_bytes(path, content, partial_suffix=".partial")
