"""The audit log: who created, changed, deleted, exported or printed which record.

Entries name fields, never values, and clients only by their pseudonym. The table is
append-only (triggers, migration 0007) and hash-chained (`db/audit_chain.py`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import delete, func, literal_column, select, text, update
from sqlalchemy.orm import Session

from srek_desk.db.audit_chain import (
    AUDIT_LOCK_KEY,
    ROW_COLUMNS,
    ChainState,
    Witness,
    chain_hash_v2,
    chain_row,
    check_witness,
    walk_chain,
    witness_of,
)
from srek_desk.db.audit_sql import APPEND_CALL, APPEND_USABLE
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
    """Append one entry inside the caller's transaction (so it lands with the change or not).

    Writers are serialised until the caller's transaction ends (SQLite: the write lock,
    PostgreSQL: an advisory lock), so two desks never chain onto the same predecessor. On a
    server with the audit function of db/audit_sql.py the server writes the entry.
    """
    fields, detail = fields[:1000], detail[:200]
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql" and session.execute(APPEND_USABLE).scalar_one():
        session.execute(
            APPEND_CALL,
            {
                "user_id": actor.user_id,
                "user_name": actor.username,
                "action": action,
                "entity": entity,
                "entity_id": entity_id,
                "subject": subject,
                "fields": fields,
                "detail": detail,
            },
        )
        return
    new_id = _lock_and_next_id(session, dialect)
    previous = session.execute(
        select(AuditEvent.chain_hash).order_by(AuditEvent.id.desc()).limit(1)  # type: ignore[union-attr]
    ).scalar_one_or_none()
    at = utcnow()  # after the lock: entries stay in time order
    event = AuditEvent(
        id=new_id,
        at=at,
        user_id=actor.user_id,
        user_name=actor.username,
        action=action,
        entity=entity,
        entity_id=entity_id,
        subject=subject,
        fields=fields,
        detail=detail,
    )
    event.chain_hash = chain_hash_v2(
        previous or "",
        id=new_id,
        at=at,
        user_id=actor.user_id,
        user_name=actor.username,
        action=action,
        entity=entity,
        entity_id=entity_id,
        subject=subject,
        fields=fields,
        detail=detail,
    )
    session.add(event)
    session.flush()


class LogEntry(NamedTuple):
    """One entry for `record_many` (no entity id: entries about clients name the pseudonym)."""

    action: str
    entity: str
    subject: str = ""
    fields: str = ""
    detail: str = ""


def record_many(session: Session, actor: Actor, entries: Sequence[LogEntry]) -> None:
    """Append several entries inside the caller's transaction with one lock and one read of
    the chain's head (a client import: one entry per client, ca. a third of the time)."""
    if not entries:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql" and session.execute(APPEND_USABLE).scalar_one():
        for entry in entries:  # the server's function chains each entry itself
            record(
                session,
                actor,
                entry.action,
                entry.entity,
                subject=entry.subject,
                fields=entry.fields,
                detail=entry.detail,
            )
        return
    first = _lock_and_next_id(session, dialect)
    ids = [first]
    if dialect == "postgresql" and len(entries) > 1:  # under the lock: nobody else draws ids
        ids += sorted(session.execute(MORE_IDS, {"last": len(entries)}).scalars())
    else:
        ids = list(range(first, first + len(entries)))
    previous = session.execute(
        select(AuditEvent.chain_hash).order_by(AuditEvent.id.desc()).limit(1)  # type: ignore[union-attr]
    ).scalar_one_or_none()
    chain = previous or ""
    at = utcnow()
    events = []
    for new_id, entry in zip(ids, entries, strict=True):
        values: dict[str, Any] = {
            "id": new_id,
            "at": at,
            "user_id": actor.user_id,
            "user_name": actor.username,
            "action": entry.action,
            "entity": entry.entity,
            "entity_id": None,
            "subject": entry.subject,
            "fields": entry.fields[:1000],
            "detail": entry.detail[:200],
        }
        chain = chain_hash_v2(chain, **values)
        events.append(AuditEvent(**values, chain_hash=chain))
    session.add_all(events)
    session.flush()


MORE_IDS = text(
    "SELECT nextval(pg_get_serial_sequence('audit_event', 'id')) FROM generate_series(2, :last)"
)


def _lock_and_next_id(session: Session, dialect: str) -> int:
    """Take the audit writers' lock for the rest of the transaction; the id the entry gets."""
    if dialect == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_KEY})
        return int(
            session.execute(
                text("SELECT nextval(pg_get_serial_sequence('audit_event', 'id'))")
            ).scalar_one()
        )
    session.flush()  # the caller's pending changes first (they may start the transaction)
    raw = session.connection().connection.dbapi_connection
    if raw is not None and not raw.in_transaction:
        # no write yet in this transaction: take the write lock before reading the head
        session.execute(text("BEGIN IMMEDIATE"))
    newest = session.execute(select(func.max(AuditEvent.id))).scalar_one_or_none()
    return int(newest or 0) + 1


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
        """Newest first; Admin and Teamleitung only. Client names only for an account with
        counselling rights: an Admin-only account sees pseudonyms (names stay ``""``)."""
        actor.require("audit.view")
        f = audit_filter or AuditFilter()
        name: Any = func.trim(
            func.coalesce(Client.first_name, "") + " " + func.coalesce(Client.last_name, "")
        )
        if not actor.can("clients.own"):
            name = literal_column("''")
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
        return self.chain_state().first_broken

    def chain_state(self) -> ChainState:
        """Walk the whole log (db/audit_chain.py): where it breaks, its head and count."""
        with self.database.session() as session:
            rows = session.execute(text(f"SELECT {ROW_COLUMNS} FROM audit_event ORDER BY id"))
            return walk_chain(chain_row(row) for row in rows)

    def witness(self, actor: Actor) -> tuple[ChainState, Witness]:
        """The head to write down (Admin, Teamleitung); the state says if the log is intact."""
        actor.require("audit.view")
        state = self.chain_state()
        return state, witness_of(state)

    def check_witnesses(self, witnesses: list[tuple[str, Witness]]) -> tuple[ChainState, list[str]]:
        """The log's state and, per witness (name, head) it no longer reaches, a German reason."""
        state = self.chain_state()
        problems = [
            problem
            for name, witness in witnesses
            if (problem := check_witness(state, witness, name)) is not None
        ]
        return state, problems

    def purge_before(self, session: Session, cutoff: datetime) -> int:
        """Delete entries older than `cutoff` (retention), inside the caller's transaction."""
        session.execute(
            update(AuditRetention).where(AuditRetention.id == 1).values(purge_before=cutoff)
        )
        # Only a prefix of the chain goes: an older-dated entry written after a newer one (clocks
        # of two desks) stays, so the remaining log has no hole in its middle.
        first_kept = (
            select(func.min(AuditEvent.id)).where(AuditEvent.at >= cutoff).scalar_subquery()  # type: ignore[arg-type]
        )
        result = session.execute(
            delete(AuditEvent).where(
                AuditEvent.at < cutoff,  # type: ignore[arg-type]
                (AuditEvent.id < first_kept) | first_kept.is_(None),  # type: ignore[operator]
            )
        )
        session.execute(
            update(AuditRetention).where(AuditRetention.id == 1).values(purge_before=None)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
