"""Checking a laptop file back into the office database: apply, add, and list the conflicts.

Per client (named by pseudonym) the versions of the last exchange tell what happened since:
changed only on the laptop → its own fields are written to the office; changed only in the
office → nothing to do; changed on both → a conflict, for which nothing is written until a
person decides (`resolve`). Notes, follow-ups, proposals, printed sheets and hidden offers are
merged row by row for every client without a conflict: rows new on the laptop are added (the
office remembers which laptop row became which office row, so nothing is added twice), rows
changed on the laptop (a follow-up done, a proposal's outcome) are updated where the office
left them alone. The laptop's audit entries are appended to the office log.

Each check-in and each decision is one transaction on the office database.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from srek_desk.db.models import as_utc, utcnow
from srek_desk.db.models_offline import SERVER_SIDE, OfflineCheckout, OfflineClient
from srek_desk.errors import UserError
from srek_desk.services.core import audit
from srek_desk.services.core.access import Actor
from srek_desk.services.core.changes import changed_now
from srek_desk.services.core.database import Database
from srek_desk.services.offline.laptop import (
    LaptopClient,
    LaptopSnapshot,
    laptop_database,
    read_laptop,
    stamp_laptop,
)
from srek_desk.services.offline.own_fields import OwnFieldWriter, duplicate_of
from srek_desk.services.offline.state import (
    CLIENT_OWN_COLUMNS,
    CLIENT_TABLE,
    KEEP_LAPTOP,
    KEEP_SERVER,
    Applied,
    CheckinResult,
    ClientRef,
    Conflict,
    Created,
    Resolution,
    Skipped,
    client_row,
    client_state,
    dumps,
)

log = logging.getLogger(__name__)


def checkin(
    server: Database,
    laptop: Database | str | Path,
    actor: Actor,
    *,
    laptop_key: str | None = None,
) -> CheckinResult:
    """Bring a laptop's work back; conflicts are listed, not written (see `resolve`)."""
    with laptop_database(laptop, laptop_key) as laptop_db:
        _refuse_same_database(server, laptop_db)
        snapshot = read_laptop(laptop_db)
        with server.session() as session, session.begin():
            exchange = _Exchange(session, actor, snapshot)
            result = exchange.run()
        stamp_laptop(laptop_db)
    log.info(
        "check-in %s: %d applied, %d new, %d conflicts",
        result.checkout_id,
        len(result.applied),
        len(result.created),
        len(result.conflicts),
    )
    return result


def resolve(
    server: Database,
    laptop: Database | str | Path,
    actor: Actor,
    conflict: Conflict,
    keep: str,
    *,
    laptop_key: str | None = None,
) -> Resolution:
    """Decide one conflict: keep the office's own fields or take the laptop's. Notes and other
    rows of both sides are kept either way."""
    if keep not in (KEEP_SERVER, KEEP_LAPTOP):
        raise ValueError(keep)
    with laptop_database(laptop, laptop_key) as laptop_db:
        snapshot = read_laptop(laptop_db, {conflict.pseudonym})
        if snapshot.laptop_id != conflict.laptop_id:
            raise UserError("Diese Entscheidung gehört zu einer anderen Laptop-Datei.")
        with server.session() as session, session.begin():
            exchange = _Exchange(session, actor, snapshot)
            resolution = exchange.decide(conflict, keep)
    return resolution


def _refuse_same_database(server: Database, laptop: Database) -> None:
    if server.sqlite_file is not None and server.sqlite_file == laptop.sqlite_file:
        raise UserError("Laptop-Datei und Büro-Datenbank sind dieselbe Datei.")


class _Exchange(OwnFieldWriter):
    """One check-in (or one decision) inside one office transaction."""

    def __init__(self, session: Session, actor: Actor, laptop: LaptopSnapshot) -> None:
        checkout = session.execute(
            select(OfflineCheckout)
            .where(
                OfflineCheckout.laptop_id == laptop.laptop_id,
                OfflineCheckout.side == SERVER_SIDE,
            )
            .with_for_update()
        ).scalar_one_or_none()
        if checkout is None:
            raise UserError(
                "Diese Laptop-Datei wurde nicht aus dieser Datenbank ausgecheckt; bitte die "
                "Büro-Datenbank wählen, aus der sie stammt."
            )
        assert checkout.id is not None
        super().__init__(session, checkout.id, laptop)
        self.actor = actor
        self.checkout = checkout
        self.records = {
            r.pseudonym: r
            for r in session.execute(
                select(OfflineClient).where(OfflineClient.checkout_id == checkout.id)
            ).scalars()
        }
        self.now = utcnow()

    # -- the whole check-in -------------------------------------------------------------------

    def run(self) -> CheckinResult:
        result = CheckinResult(self.checkout_id, self.laptop.laptop_id)
        for pseudonym, laptop_client in self.laptop.clients.items():
            record = self.records.get(pseudonym)
            if record is None:
                self._new_client(laptop_client, result)
            else:
                self._known_client(laptop_client, record, result)
        for pseudonym, record in self.records.items():
            if pseudonym not in self.laptop.clients:
                row = client_row(self.session, pseudonym=pseudonym)
                ref = ClientRef.of(row) if row else ClientRef(pseudonym, "")
                if record.returned_at is None:
                    result.skipped.append(
                        Skipped(ref, "auf dem Laptop gelöscht; im Büro unverändert")
                    )
                    self._mark_returned(record)
        self.import_audit_events()
        result.added = dict(self.added)
        result.warnings = self.warnings
        self.checkout.last_checkin_at = self.now
        result.closed = self._close_if_done()
        if result.changed_anything or result.skipped:
            audit.record(
                self.session,
                self.actor,
                "checkin",
                "database",
                detail=(
                    f"Laptop {self.laptop.laptop_id[:8]}: {len(result.applied)} übernommen, "
                    f"{len(result.created)} neu, {len(result.conflicts)} Konflikte"
                ),
            )
        return result

    def _known_client(
        self, laptop_client: LaptopClient, record: OfflineClient, result: CheckinResult
    ) -> None:
        ref = laptop_client.ref
        server = client_row(self.session, pseudonym=ref.pseudonym, lock=True)
        skip = self._skip_reason(server, laptop_client)
        if skip is not None:
            if record.returned_at is None:
                result.skipped.append(Skipped(ref, skip))
                self._mark_returned(record)
            return
        assert server is not None
        server_state = client_state(self.session, server)
        laptop_changed = laptop_client.row["version"] != record.laptop_version
        office_changed = server["version"] != record.server_version
        if laptop_changed and office_changed and server_state != laptop_client.state:
            result.conflicts.append(
                Conflict(
                    laptop_id=self.laptop.laptop_id,
                    client=ref,
                    base_state=json.loads(record.base_state),
                    server_state=server_state,
                    laptop_state=laptop_client.state,
                    server_version=server["version"],
                    laptop_version=laptop_client.row["version"],
                )
            )
            record.returned_at = None
            return
        self._take_later_contact(server, laptop_client.row["last_contact_at"])
        if laptop_changed and office_changed:  # the same edit in both places
            self._synced(record, laptop_client, server["version"], server_state)
            result.unchanged.append(ref)
        elif laptop_changed:
            fields = self._apply_fields(server, server_state, laptop_client, record, "vom Laptop")
            result.applied.append(Applied(ref, tuple(fields)))
        elif office_changed:
            self._synced(record, laptop_client, server["version"], server_state)
            result.office_only.append(ref)
        else:
            result.unchanged.append(ref)
        self.merge_children(server["id"], laptop_client, record)
        self._mark_returned(record)

    def _take_later_contact(self, server: dict[str, Any], laptop_contact: Any) -> None:
        """A contact on the laptop counts in the office when it is the later one."""
        if laptop_contact is None:
            return
        office_contact = server["last_contact_at"]
        if office_contact is None or as_utc(office_contact) < as_utc(laptop_contact):
            self.session.execute(
                update(CLIENT_TABLE)
                .where(CLIENT_TABLE.c.id == server["id"])
                .values(last_contact_at=laptop_contact)
            )

    @staticmethod
    def _skip_reason(server: dict[str, Any] | None, laptop_client: LaptopClient) -> str | None:
        if server is None:
            return "im Büro inzwischen gelöscht; die Laptop-Daten werden nicht übernommen"
        if server["anonymised_at"] is not None:
            return "im Büro inzwischen anonymisiert; die Laptop-Daten werden nicht übernommen"
        if laptop_client.row["anonymised_at"] is not None:
            return "auf dem Laptop anonymisiert; im Büro bitte selbst prüfen"
        return None

    def _new_client(self, laptop_client: LaptopClient, result: CheckinResult) -> None:
        ref = laptop_client.ref
        if laptop_client.row["anonymised_at"] is not None:
            return
        if client_row(self.session, pseudonym=ref.pseudonym) is not None:
            result.skipped.append(
                Skipped(ref, "gibt es im Büro schon, war aber nicht auf diesem Laptop")
            )
            return
        row = laptop_client.row
        values = {name: row[name] for name in CLIENT_OWN_COLUMNS}
        values.update(
            last_contact_at=row["last_contact_at"],
            pseudonym=ref.pseudonym,
            version=row["version"],
            created_at=row["created_at"],
            updated_at=changed_now(),
            counsellor_id=self.server_user(row["counsellor_id"]),
        )
        values["customer_number"] = self._free_customer_number(values["customer_number"], None, ref)
        duplicate = duplicate_of(self.session, row)
        client_id = self.session.execute(
            insert(CLIENT_TABLE).values(**values)
        ).inserted_primary_key[0]
        self._replace_wishes_and_languages(client_id, laptop_client.state)
        record = OfflineClient(
            checkout_id=self.checkout_id,
            pseudonym=ref.pseudonym,
            laptop_version=row["version"],
            server_version=row["version"],
            base_state=dumps(laptop_client.state),
            base_hidden="[]",
            created_on_laptop=True,
            returned_at=self.now,
        )
        self.session.add(record)
        self.records[ref.pseudonym] = record
        audit.record(
            self.session,
            self.actor,
            "create",
            "client",
            subject=ref.pseudonym,
            fields=",".join(laptop_client.state),
            detail="vom Laptop",
        )
        self.merge_children(client_id, laptop_client, record)
        result.created.append(Created(ref, duplicate))

    # -- a decision ---------------------------------------------------------------------------

    def decide(self, conflict: Conflict, keep: str) -> Resolution:
        laptop_client = self.laptop.clients.get(conflict.pseudonym)
        record = self.records.get(conflict.pseudonym)
        server = client_row(self.session, pseudonym=conflict.pseudonym, lock=True)
        if laptop_client is None or record is None or server is None:
            raise UserError("Diese Klientin / dieser Klient ist nicht mehr gespeichert.")
        if (
            server["version"] != conflict.server_version
            or laptop_client.row["version"] != conflict.laptop_version
        ):
            raise UserError(
                "Die Angaben wurden inzwischen noch einmal geändert. Bitte die Rückgabe neu "
                "starten und beide Fassungen erneut vergleichen."
            )
        server_state = client_state(self.session, server)
        self._take_later_contact(server, laptop_client.row["last_contact_at"])
        if keep == KEEP_LAPTOP:
            self._apply_fields(
                server, server_state, laptop_client, record, "Konflikt: Laptop-Stand übernommen"
            )
        else:
            self._synced(record, laptop_client, server["version"], server_state)
        self.merge_children(server["id"], laptop_client, record)
        self._mark_returned(
            record,
            "Konflikt: Büro-Stand behalten"
            if keep == KEEP_SERVER
            else "Konflikt: Laptop-Stand übernommen",
        )
        resolution = Resolution(conflict.client, keep, dict(self.added), self.warnings)
        resolution.closed = self._close_if_done()
        return resolution

    def _mark_returned(self, record: OfflineClient, detail: str = "") -> None:
        """The client is back in the office (logged once per return)."""
        if record.returned_at is not None:
            return
        record.returned_at = self.now
        audit.record(
            self.session,
            self.actor,
            "checkin",
            "client",
            subject=record.pseudonym,
            detail=detail or f"Laptop {self.laptop.laptop_id[:8]}",
        )

    def _close_if_done(self) -> bool:
        self.session.flush()
        if self.checkout.closed_at is None and all(
            r.returned_at is not None for r in self.records.values()
        ):
            self.checkout.closed_at = self.now
        return self.checkout.closed_at is not None


__all__ = ["checkin", "read_laptop", "resolve"]
