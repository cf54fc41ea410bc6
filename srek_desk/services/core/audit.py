"""The audit log: who created, changed, deleted, exported or printed which record.

Entries name fields, never values, and clients only by their pseudonym. The table is
append-only (triggers, migration 0007) and hash-chained (`db/audit_chain.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from srek_desk.db.audit_chain import chain_hash
from srek_desk.db.models import AuditEvent, AuditRetention, Client, UserAccount, utcnow
from srek_desk.services.core.access import Actor
from srek_desk.services.core.database import Database

ACTION_LABELS = {
    "create": "angelegt",
    "update": "geändert",
    "view": "angesehen",
    "export": "exportiert",
    "print": "gedruckt",
    "restrict": "eingeschränkt",
    "unrestrict": "Einschränkung aufgehoben",
    "erase": "gelöscht",
    "anonymise": "anonymisiert",
    "login": "angemeldet",
    "login_failed": "Anmeldung fehlgeschlagen",
    "locked": "Konto gesperrt",
    "user_create": "Konto angelegt",
    "user_update": "Konto geändert",
    "password": "Passwort geändert",
    "retention": "Löschfristen angewandt",
    "backup": "gesichert",
    "restore": "wiederhergestellt",
    "settings": "Einstellungen geändert",
    "checkout": "für unterwegs ausgecheckt",
    "checkin": "vom Laptop eingecheckt",
    "merge": "zusammengeführt",
    "handover_export": "zur Übergabe exportiert",
    "handover_import": "aus Übergabe übernommen",
    "import": "importiert",
}

ENTITY_LABELS = {
    "client": "Klient:in",
    "user": "Konto",
    "offer": "Angebot",
    "employer": "Arbeitgeber",
    "database": "Datenbank",
    "settings": "Einstellungen",
    "timetable": "Fahrplan",
}


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    *,
    subject: str = "",
    entity_id: int | None = None,
    fields: str = "",
    detail: str = "",
) -> None:
    """Append one entry inside the caller's transaction (so it lands with the change or not)."""
    previous = session.execute(
        select(AuditEvent.chain_hash).order_by(AuditEvent.id.desc()).limit(1)  # type: ignore[union-attr]
    ).scalar_one_or_none()
    at = utcnow()
    event = AuditEvent(
        at=at,
        user_id=actor.user_id,
        user_name=actor.username,
        action=action,
        entity=entity,
        entity_id=entity_id,
        subject=subject,
        fields=fields[:1000],
        detail=detail[:200],
    )
    event.chain_hash = chain_hash(
        previous or "",
        at=at,
        user_name=event.user_name,
        action=action,
        entity=entity,
        entity_id=entity_id,
        subject=subject,
        fields=event.fields,
        detail=event.detail,
    )
    session.add(event)


@dataclass(frozen=True, slots=True)
class AuditFilter:
    user_name: str = ""
    action: str = ""
    entity: str = ""
    subject: str = ""
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 2000


@dataclass(frozen=True, slots=True)
class AuditLine:
    id: int
    at: datetime
    user_name: str
    action: str
    entity: str
    entity_id: int | None
    subject: str
    fields: str
    detail: str
    client_name: str  # "" when the client is gone (erased) or the entry is not about a client


class AuditService:
    def __init__(self, database: Database) -> None:
        self.database = database

    def query(self, actor: Actor, audit_filter: AuditFilter | None = None) -> list[AuditLine]:
        """Newest first; Admin and Teamleitung only."""
        actor.require("audit.view")
        f = audit_filter or AuditFilter()
        name = func.trim(
            func.coalesce(Client.first_name, "") + " " + func.coalesce(Client.last_name, "")
        )
        query = (
            select(
                AuditEvent.id,
                AuditEvent.at,
                AuditEvent.user_name,
                AuditEvent.action,
                AuditEvent.entity,
                AuditEvent.entity_id,
                AuditEvent.subject,
                AuditEvent.fields,
                AuditEvent.detail,
                name,
            )
            .outerjoin(
                Client,
                (AuditEvent.entity == "client") & (Client.pseudonym == AuditEvent.subject),  # type: ignore[arg-type]
            )
            .order_by(AuditEvent.id.desc())  # type: ignore[union-attr]
            .limit(f.limit)
        )
        if f.user_name:
            query = query.where(AuditEvent.user_name == f.user_name)
        if f.action:
            query = query.where(AuditEvent.action == f.action)
        if f.entity:
            query = query.where(AuditEvent.entity == f.entity)
        if f.subject:
            query = query.where(AuditEvent.subject == f.subject)
        if f.since is not None:
            query = query.where(AuditEvent.at >= f.since)
        if f.until is not None:
            query = query.where(AuditEvent.at < f.until)
        with self.database.session() as session:
            rows = session.execute(query).all()
        return [
            AuditLine(
                id=row[0],
                at=row[1],
                user_name=row[2],
                action=row[3],
                entity=row[4],
                entity_id=row[5],
                subject=row[6],
                fields=row[7],
                detail=row[8],
                client_name=row[9] or "",
            )
            for row in rows
        ]

    def user_names(self) -> list[str]:
        with self.database.session() as session:
            logged = session.execute(select(AuditEvent.user_name).distinct()).scalars().all()
            accounts = session.execute(select(UserAccount.username)).scalars().all()
        return sorted({n for n in (*logged, *accounts) if n})

    def verify_chain(self) -> int | None:
        """The id of the first entry whose hash does not follow from its content, or None."""
        previous: str | None = None
        with self.database.session() as session:
            rows = session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars()  # type: ignore[arg-type]
            for event in rows:
                # The oldest remaining entry anchors the chain (retention removes older ones).
                computed = chain_hash(
                    previous or "",
                    at=event.at,
                    user_name=event.user_name,
                    action=event.action,
                    entity=event.entity,
                    entity_id=event.entity_id,
                    subject=event.subject,
                    fields=event.fields,
                    detail=event.detail,
                )
                if previous is None and computed != event.chain_hash:
                    # first entry after a purge: its predecessor is gone, so it is the anchor
                    previous = event.chain_hash
                    continue
                if computed != event.chain_hash:
                    assert event.id is not None
                    return event.id
                previous = event.chain_hash
        return None

    def purge_before(self, session: Session, cutoff: datetime) -> int:
        """Delete entries older than `cutoff` (retention), inside the caller's transaction."""
        session.execute(
            update(AuditRetention).where(AuditRetention.id == 1).values(purge_before=cutoff)
        )
        result = session.execute(delete(AuditEvent).where(AuditEvent.at < cutoff))  # type: ignore[arg-type]
        session.execute(
            update(AuditRetention).where(AuditRetention.id == 1).values(purge_before=None)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
