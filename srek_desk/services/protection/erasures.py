"""The erasure register across a restore, and which backups still hold an erased person.

Before a restore the register of the database being replaced is read (with the audit log's
erasure entries, for files older than the register); after the restore every entry the restored
database does not know yet is added and applied again: the person is erased (or anonymised)
once more, or, when the backup does not hold them, the erasure is entered in the restored audit
log. The restore itself is logged there too, so neither vanishes with the replaced database.
Entries the restored database already knows are left alone: a person with that pseudonym in it
came back later on purpose (a case handed back, say). People are named by pseudonym only.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from srek_desk.db.backup import DAMAGED, backups_in
from srek_desk.db.encryption import is_encrypted_file, raw_connect
from srek_desk.db.models import Client, as_utc
from srek_desk.db.models_erasure import ANONYMISED, ERASED, ErasureRecord
from srek_desk.services.core import audit
from srek_desk.services.core.access import Actor
from srek_desk.services.core.database import Database
from srek_desk.services.protection.privacy import (
    anonymise_in_session,
    checkpoint,
    erase_in_session,
)

log = logging.getLogger(__name__)

_FROM_AUDIT = (
    "SELECT subject, action, min(at) FROM audit_event WHERE entity = 'client' "
    "AND action IN ('erase', 'anonymise') AND subject <> '' GROUP BY subject, action"
)


@dataclass(frozen=True, slots=True)
class Erasure:
    pseudonym: str
    action: str  # ERASED or ANONYMISED
    erased_at: datetime


@dataclass(frozen=True, slots=True)
class ReapplyResult:
    erased_again: int  # people the restored backup held, erased once more
    anonymised_again: int
    recorded: int  # erasures of people the backup did not hold, entered in its audit log


def _moment(value: Any) -> datetime:
    if isinstance(value, datetime):
        return as_utc(value)
    try:
        return as_utc(datetime.fromisoformat(str(value)))
    except ValueError:
        return as_utc(datetime.min)


def _has(connection: Any, table: str, column: str) -> bool:
    return any(row[1] == column for row in connection.execute(f"PRAGMA table_info({table})"))


def register_in_file(path: Path, key: str | None = None) -> list[Erasure]:
    """The erasure register of a SQLite file, with the erasures its audit log names."""
    connection = raw_connect(path, key if is_encrypted_file(path) else None)
    found: dict[tuple[str, str], datetime] = {}
    try:
        rows: list[Any] = []
        if _has(connection, "erasure_register", "pseudonym"):
            rows += connection.execute(
                "SELECT pseudonym, action, erased_at FROM erasure_register"
            ).fetchall()
        if _has(connection, "audit_event", "subject"):
            rows += connection.execute(_FROM_AUDIT).fetchall()
    finally:
        connection.close()
    for pseudonym, action, at in rows:
        if action not in (ERASED, ANONYMISED) or not pseudonym:
            continue
        moment = _moment(at)
        key_ = (str(pseudonym), str(action))
        found[key_] = min(found.get(key_, moment), moment)
    return sorted(
        (Erasure(p, a, at) for (p, a), at in found.items()), key=lambda e: (e.erased_at, e.action)
    )


def register_of(database: Database) -> list[Erasure]:
    """The erasure register of an open database (any engine)."""
    with database.session() as session:
        return [
            Erasure(row.pseudonym, row.action, as_utc(row.erased_at))
            for row in session.execute(select(ErasureRecord)).scalars()
        ]


def reapply_erasures(
    database: Database, actor: Actor, entries: list[Erasure], *, restored_from: str = ""
) -> ReapplyResult:
    """Merge `entries` into the register of `database` and apply the new ones; log the restore.

    One transaction: the register, the erasures and their audit entries land together.
    """
    erased = anonymised = recorded = 0
    with database.session() as session, session.begin():
        known = {(r.pseudonym, r.action) for r in session.execute(select(ErasureRecord)).scalars()}
        for entry in sorted(entries, key=lambda e: (e.erased_at, e.action)):
            if (entry.pseudonym, entry.action) in known:
                continue
            known.add((entry.pseudonym, entry.action))
            session.add(ErasureRecord(**_row(entry)))
            session.flush()  # before the audit entry, whose trigger would add it again
            client = session.execute(
                select(Client).where(Client.pseudonym == entry.pseudonym)
            ).scalar_one_or_none()
            if client is not None and entry.action == ERASED:
                erase_in_session(session, actor, client)
                erased += 1
            elif client is not None and client.anonymised_at is None:
                anonymise_in_session(session, actor, client)
                anonymised += 1
            elif client is None:
                audit.record(
                    session,
                    actor,
                    entry.action,
                    "client",
                    subject=entry.pseudonym,
                    detail=f"vom {entry.erased_at:%d.%m.%Y}, nach Wiederherstellung übernommen",
                )
                recorded += 1
            session.flush()
        again = erased + anonymised
        audit.record(
            session,
            actor,
            "restore",
            "database",
            detail=(f"aus {restored_from}; " if restored_from else "")
            + f"{again} Löschung(en) erneut angewandt, {recorded} übernommen",
        )
    checkpoint(database)
    if again or recorded:
        log.info("restore: %d erasure(s) applied again, %d recorded", again, recorded)
    return ReapplyResult(erased, anonymised, recorded)


def _row(entry: Erasure) -> dict[str, Any]:
    return {"pseudonym": entry.pseudonym, "action": entry.action, "erased_at": entry.erased_at}


@dataclass(frozen=True, slots=True)
class BackupsHolding:
    holding: list[Path]  # backups in which the pseudonym is a client
    unchecked: list[Path]  # unreadable, encrypted without key, or older than pseudonyms

    def german_text(self) -> str:
        """What `privacy erase` prints: file names only, nothing about the person."""
        lines = []
        if self.holding:
            lines.append(f"Noch enthalten in {len(self.holding)} Sicherung(en):")
            lines += [f"  {path.name}" for path in self.holding]
        else:
            lines.append("In keiner Sicherung im Sicherungsordner mehr enthalten.")
        if self.unchecked:
            lines.append(
                f"{len(self.unchecked)} Sicherung(en) nicht prüfbar (beschädigt, verschlüsselt "
                "oder älter): " + ", ".join(path.name for path in self.unchecked)
            )
        lines.append(
            "Die Löschung ist im Löschregister vermerkt: wird eine dieser Sicherungen "
            "wiederhergestellt, wird die Person dabei erneut gelöscht."
        )
        return "\n".join(lines)


def backups_holding(folder: Path | None, pseudonym: str, key: str | None = None) -> BackupsHolding:
    """Which backups in `folder` still hold the client with `pseudonym` (compared by pseudonym)."""
    holding: list[Path] = []
    unchecked: list[Path] = []
    if folder is None or not pseudonym:
        return BackupsHolding(holding, unchecked)
    for path, name in backups_in(folder):
        if name.kind == DAMAGED:
            unchecked.append(path)
            continue
        encrypted = is_encrypted_file(path)
        if encrypted and key is None:
            unchecked.append(path)
            continue
        try:
            connection = raw_connect(path, key if encrypted else None)
        except Exception:  # sqlite3 / sqlcipher3 / wrong key: cannot tell
            unchecked.append(path)
            continue
        try:
            if not _has(connection, "client", "pseudonym"):
                unchecked.append(path)
                continue
            count = connection.execute(
                "SELECT count(*) FROM client WHERE pseudonym = ?", (pseudonym,)
            ).fetchone()[0]
            if count:
                holding.append(path)
        except Exception:
            unchecked.append(path)
        finally:
            with contextlib.suppress(Exception):
                connection.close()
    return BackupsHolding(holding, unchecked)
