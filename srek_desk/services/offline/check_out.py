"""Checking clients out of the office database into a laptop file for work without a network.

The laptop file is a complete SREK Desk database (migrated to head) holding the chosen clients
with all their rows, every active offer (and the offers their proposals name) with employers,
the reference tables and the accounts needed on the laptop. Rows keep their office ids there;
the check-in still maps everything by identity (client pseudonym, offer source + reference,
login name), because rows added on the laptop get ids the office may already use.

The office side is one transaction: the clients are locked, checked (may the actor see them,
are they restricted, already out), the laptop file is written under a temporary name, then the
checkout record and the audit entries are committed and the file gets its final name.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from srek_desk.db.codes import split_codes
from srek_desk.db.models import (
    Client,
    ClientLanguage,
    ClientOccupation,
    CounsellingNote,
    FollowUp,
    Proposal,
    UserAccount,
    utcnow,
)
from srek_desk.db.models_desk import HiddenOffer
from srek_desk.db.models_history import PrintedSheet
from srek_desk.db.models_offline import SERVER_SIDE, OfflineCheckout, OfflineClient, OfflineRow
from srek_desk.errors import UserError
from srek_desk.services.core import audit
from srek_desk.services.core.access import AccessDenied, Actor, may_see
from srek_desk.services.core.database import Database
from srek_desk.services.offline.laptop import remove_database_files, write_laptop
from srek_desk.services.offline.state import (
    CHILD_TABLES,
    CLIENT_TABLE,
    CheckoutResult,
    ClientRef,
    Progress,
    client_state,
    dumps,
    hidden_keys,
    jsonable,
    table_of,
)

log = logging.getLogger(__name__)

_USER_COLUMNS = {
    "counselling_note": "author_id",
    "proposal": "proposed_by",
    "printed_sheet": "printed_by",
}
_CHUNK = 2000


def find_client(session: Session, reference: str | int) -> Client | None:
    """A client by internal id, Kundennummer or pseudonym."""
    text = str(reference).strip()
    for column in (Client.customer_number, Client.pseudonym):
        client = session.execute(select(Client).where(column == text)).scalar_one_or_none()
        if client is not None:
            return client
    return session.get(Client, int(text)) if text.isdigit() else None


def checkout(
    server: Database,
    laptop_path: str | Path,
    actor: Actor,
    client_refs: Sequence[str | int],
    *,
    users: Sequence[str] | None = None,
    laptop_key: str | None = None,
    progress: Progress | None = None,
) -> CheckoutResult:
    """Write the chosen clients and the current offers into a new laptop file.

    `users`: login names whose password works on the laptop; by default the actor's account,
    else (command line) the counsellors of the chosen clients. `laptop_key` encrypts the file.
    """
    target = Path(laptop_path).expanduser().resolve()
    if target.exists():
        raise UserError(f"Die Datei {target} gibt es schon; bitte einen neuen Namen wählen.")
    if not target.parent.is_dir():
        raise UserError(f"Den Ordner {target.parent} gibt es nicht.")
    if not client_refs:
        raise UserError("Bitte mindestens eine Klientin oder einen Klienten angeben.")
    partial = target.with_name(target.name + ".partial")
    remove_database_files(partial)
    try:
        with server.session() as session, session.begin():
            result = _checkout_in(
                session, server, partial, target, actor, client_refs, users, laptop_key, progress
            )
        partial.replace(target)
    except BaseException:
        remove_database_files(partial)
        raise
    log.info("checkout %s: %d clients to a laptop file", result.checkout_id, len(result.clients))
    return result


def _checkout_in(
    session: Session,
    server: Database,
    partial: Path,
    target: Path,
    actor: Actor,
    client_refs: Sequence[str | int],
    users: Sequence[str] | None,
    laptop_key: str | None,
    progress: Progress | None,
) -> CheckoutResult:
    clients = _chosen_clients(session, actor, client_refs)
    client_ids = [c["id"] for c in clients]
    sign_in = _sign_in_users(session, actor, clients, users)
    children = {
        name: [
            dict(r)
            for r in session.execute(
                select(table_of(model)).where(table_of(model).c.client_id.in_(client_ids))
            ).mappings()
        ]
        for name, model in (
            ("client_occupation", ClientOccupation),
            ("client_language", ClientLanguage),
            ("counselling_note", CounsellingNote),
            ("follow_up", FollowUp),
            ("proposal", Proposal),
            ("printed_sheet", PrintedSheet),
            ("hidden_offer", HiddenOffer),
        )
    }
    named_offers = {r["offer_id"] for r in children["proposal"] + children["hidden_offer"]}
    for sheet in children["printed_sheet"]:
        named_offers |= {int(i) for i in split_codes(sheet["offer_ids"]) if i.isdigit()}
    referenced_users = {c["counsellor_id"] for c in clients}
    for table_name, column in _USER_COLUMNS.items():
        referenced_users |= {r[column] for r in children[table_name]}
    accounts = _accounts(session, sign_in, referenced_users)

    laptop_id = secrets.token_hex(16)
    now = utcnow()
    record = OfflineCheckout(
        laptop_id=laptop_id,
        side=SERVER_SIDE,
        user_id=actor.user_id,
        user_name=actor.username,
        checked_out_at=now,
        client_count=len(clients),
    )
    session.add(record)
    session.flush()
    assert record.id is not None
    client_records = []
    for client in clients:
        client_records.append(
            OfflineClient(
                checkout_id=record.id,
                pseudonym=client["pseudonym"],
                laptop_version=client["version"],
                server_version=client["version"],
                base_state=dumps(client_state(session, client)),
                base_hidden=dumps(sorted(hidden_keys(session, client["id"]))),
            )
        )
    session.add_all(client_records)
    for entity, model, fields in CHILD_TABLES:
        for row in children[table_of(model).name]:
            session.add(
                OfflineRow(
                    checkout_id=record.id,
                    entity=entity,
                    laptop_row_id=row["id"],
                    server_row_id=row["id"],
                    base_state=dumps({f: jsonable(row[f]) for f in fields}),
                )
            )
    for client in clients:
        audit.record(
            session,
            actor,
            "checkout",
            "client",
            subject=client["pseudonym"],
            detail=f"Laptop {laptop_id[:8]}",
        )
    session.flush()

    counts = write_laptop(
        partial,
        laptop_key,
        session,
        clients=clients,
        children=children,
        offers=named_offers,
        accounts=accounts,
        records=(record, client_records, server.url),
        progress=progress,
    )
    return CheckoutResult(
        checkout_id=record.id,
        laptop_id=laptop_id,
        path=str(target),
        clients=tuple(ClientRef.of(c) for c in clients),
        users=tuple(sorted(a["username"] for a in accounts if a["active"])),
        rows=counts,
    )


def lock_chosen_clients(
    session: Session,
    actor: Actor,
    client_refs: Sequence[str | int],
    *,
    done_by: str,
    refused_for_restricted: str,
) -> list[dict[str, Any]]:
    """The chosen clients' rows, locked until the commit; refused when one is unknown, in
    another counsellor's care or restricted. `done_by` ends "nur sie oder er … kann …",
    `refused_for_restricted` ends "… eingeschränkt; sie dürfen …"."""
    ids: list[int] = []
    for reference in client_refs:
        client = find_client(session, reference)
        if client is None or client.anonymised_at is not None:
            raise UserError(f"Eine Klientin / einen Klienten „{reference}“ gibt es nicht.")
        if not may_see(actor, client):
            raise AccessDenied(
                f"„{reference}“ wird von einer Kollegin oder einem Kollegen betreut; "
                f"nur sie oder er (oder die Teamleitung) kann {done_by}."
            )
        if client.restricted:
            raise UserError(
                f"Die Verarbeitung der Daten von „{reference}“ ist eingeschränkt; "
                f"sie dürfen {refused_for_restricted}."
            )
        assert client.id is not None
        if client.id not in ids:
            ids.append(client.id)
    rows = session.execute(
        select(CLIENT_TABLE).where(CLIENT_TABLE.c.id.in_(ids)).with_for_update()
    ).mappings()
    by_id = {r["id"]: dict(r) for r in rows}
    return [by_id[i] for i in ids]


def _chosen_clients(
    session: Session, actor: Actor, client_refs: Sequence[str | int]
) -> list[dict[str, Any]]:
    # Locked until the checkout is committed: a second checkout of the same client waits.
    clients = lock_chosen_clients(
        session,
        actor,
        client_refs,
        done_by="die Daten mitnehmen",
        refused_for_restricted="nicht auf einen Laptop",
    )
    out = session.execute(
        select(OfflineClient.pseudonym, OfflineCheckout.user_name, OfflineCheckout.checked_out_at)
        .join(OfflineCheckout, OfflineCheckout.id == OfflineClient.checkout_id)
        .where(
            OfflineCheckout.side == SERVER_SIDE,
            OfflineClient.returned_at.is_(None),
            OfflineClient.pseudonym.in_([c["pseudonym"] for c in clients]),
        )
    ).all()
    if out:
        names = {c["pseudonym"]: ClientRef.of(c).name for c in clients}
        lines = [
            f"{names[row[0]]} (seit {row[2]:%d.%m.%Y %H:%M}, {row[1] or 'unbekannt'})"
            for row in out
        ]
        raise UserError(
            "Schon auf einem Laptop und noch nicht zurückgegeben: " + "; ".join(lines) + "."
        )
    return clients


def _sign_in_users(
    session: Session, actor: Actor, clients: list[dict[str, Any]], users: Sequence[str] | None
) -> set[str]:
    if users:
        names = {u.strip().lower() for u in users if u.strip()}
    elif actor.user_id is not None:
        names = {actor.username}
    else:
        counsellors = {c["counsellor_id"] for c in clients if c["counsellor_id"] is not None}
        rows = session.execute(
            select(UserAccount.username).where(UserAccount.id.in_(counsellors))
        ).scalars()
        names = set(rows)
    if not names:
        raise UserError(
            "Bitte angeben, wer sich auf dem Laptop anmeldet (Benutzername, z. B. --user NAME)."
        )
    found = {
        row[0]: row[1]
        for row in session.execute(
            select(UserAccount.username, UserAccount.active).where(UserAccount.username.in_(names))
        ).all()
    }
    for name in sorted(names):
        if name not in found:
            raise UserError(f"Ein Konto „{name}“ gibt es nicht.")
        if not found[name]:
            raise UserError(f"Das Konto „{name}“ ist deaktiviert.")
    return names


def _accounts(
    session: Session, sign_in: set[str], referenced: set[int | None]
) -> list[dict[str, Any]]:
    """Accounts for the laptop: who signs in there (password hash kept), and the colleagues the
    copied rows name (no password, inactive: they only keep the references whole)."""
    table = table_of(UserAccount)
    wanted = {i for i in referenced if i is not None}
    rows = session.execute(
        select(table).where(or_(table.c.username.in_(sign_in), table.c.id.in_(wanted)))
    ).mappings()
    accounts = []
    for row in rows:
        account = dict(row)
        account.update(failed_logins=0, locked_until=None, last_login_at=None)
        if account["username"] not in sign_in:
            account.update(password_hash="", active=False, must_change_password=False)
        accounts.append(account)
    return accounts


def release(server: Database, laptop_id: str, actor: Actor) -> int:
    """Give up a checkout whose laptop will not come back (lost, broken): its clients are free
    for a new checkout; whatever was done on that laptop is lost. Returns the clients freed."""
    with server.session() as session, session.begin():
        record = session.execute(
            select(OfflineCheckout)
            .where(OfflineCheckout.laptop_id == laptop_id, OfflineCheckout.side == SERVER_SIDE)
            .with_for_update()
        ).scalar_one_or_none()
        if record is None:
            raise UserError("Diese Laptop-Ausgabe gibt es in dieser Datenbank nicht.")
        now = utcnow()
        out = session.execute(
            select(OfflineClient).where(
                OfflineClient.checkout_id == record.id, OfflineClient.returned_at.is_(None)
            )
        ).scalars()
        freed = 0
        for client in out:
            client.returned_at = now
            audit.record(
                session,
                actor,
                "checkin",
                "client",
                subject=client.pseudonym,
                detail=f"Laptop {laptop_id[:8]} aufgegeben",
            )
            freed += 1
        record.closed_at = record.closed_at or now
    return freed


__all__ = ["checkout", "find_client", "release"]
