"""Rows a check-in merges without a decision: notes, follow-ups, proposals, printed sheets,
hidden offers, and the laptop's audit entries.

A row new on the laptop is added to the office with its references mapped by identity (offer:
source + reference, account: login name) and remembered in `offline_row`, so a second check-in
adds it no more. A row changed on the laptop (a follow-up done, a proposal's outcome) updates
the office row field by field where the office left the field as it was at the last exchange.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from srek_desk.db.codes import join_codes, split_codes
from srek_desk.db.models import Offer, UserAccount
from srek_desk.db.models_desk import HiddenOffer
from srek_desk.db.models_offline import OfflineClient, OfflineRow
from srek_desk.services.core import audit
from srek_desk.services.core.access import Actor
from srek_desk.services.offline.laptop import LaptopClient, LaptopSnapshot
from srek_desk.services.offline.state import (
    CHILD_TABLES,
    ClientRef,
    dumps,
    hidden_keys,
    jsonable,
    portable,
    table_of,
)

_USER_COLUMN = {"note": "author_id", "proposal": "proposed_by", "printed_sheet": "printed_by"}
ADDED_KEYS = ("notes", "follow_ups", "proposals", "printed_sheets", "hidden_offers")
_ADDED = {
    "note": "notes",
    "follow_up": "follow_ups",
    "proposal": "proposals",
    "printed_sheet": "printed_sheets",
}


class RowMerger:
    """Merges the rows of one checkout's laptop into the office, inside the caller's session."""

    def __init__(self, session: Session, checkout_id: int, laptop: LaptopSnapshot) -> None:
        self.session = session
        self.checkout_id = checkout_id
        self.laptop = laptop
        self.rows = {
            (r.entity, r.laptop_row_id): r
            for r in session.execute(
                select(OfflineRow).where(OfflineRow.checkout_id == checkout_id)
            ).scalars()
        }
        self.server_users = {
            r[1]: r[0] for r in session.execute(select(UserAccount.id, UserAccount.username))
        }
        self.offer_ids: dict[tuple[str, str], int | None] = {}
        self.added: Counter[str] = Counter({key: 0 for key in ADDED_KEYS})
        self.warnings: list[str] = []

    # -- rows merged without a decision -------------------------------------------------------

    def merge_children(
        self, client_id: int, laptop_client: LaptopClient, record: OfflineClient
    ) -> None:
        for entity, model, fields in CHILD_TABLES:
            table = table_of(model)
            for row in laptop_client.children[entity]:
                known = self.rows.get((entity, row["id"]))
                if known is None:
                    self._add_child(entity, table, fields, client_id, row, laptop_client.ref)
                elif fields and known.server_row_id is not None:
                    self._update_child(entity, table, fields, known, row, laptop_client.ref)
        self._merge_hidden(client_id, laptop_client, record)

    def _add_child(
        self,
        entity: str,
        table: Table,
        fields: tuple[str, ...],
        client_id: int,
        row: dict[str, Any],
        ref: ClientRef,
    ) -> None:
        values = {k: v for k, v in row.items() if k != "id"}
        values["client_id"] = client_id
        if entity in _USER_COLUMN:
            values[_USER_COLUMN[entity]] = self.server_user(row[_USER_COLUMN[entity]])
        if entity == "proposal":
            offer_id = self._server_offer(row["offer_id"])
            if offer_id is None:
                source, reference = self.laptop.offer_keys.get(row["offer_id"], ("?", "?"))
                self.warnings.append(
                    f"{ref.name}: Vorschlag zum Angebot {reference} ({source}) nicht übernommen – "
                    "das Angebot gibt es im Büro nicht mehr."
                )
                self._remember(entity, row["id"], None, "{}")  # reported once, not again
                return
            values["offer_id"] = offer_id
        if entity == "printed_sheet":
            mapped = [
                self._server_offer(int(i)) for i in split_codes(row["offer_ids"]) if i.isdigit()
            ]
            values["offer_ids"] = join_codes(tuple(str(i) for i in mapped if i is not None))
        server_id = self.session.execute(insert(table).values(**values)).inserted_primary_key[0]
        self._remember(entity, row["id"], server_id, dumps({f: jsonable(row[f]) for f in fields}))
        self.added[_ADDED[entity]] += 1

    def _remember(
        self, entity: str, laptop_row_id: int, server_row_id: int | None, base_state: str
    ) -> None:
        mapping = OfflineRow(
            checkout_id=self.checkout_id,
            entity=entity,
            laptop_row_id=laptop_row_id,
            server_row_id=server_row_id,
            base_state=base_state,
        )
        self.session.add(mapping)
        self.rows[(entity, laptop_row_id)] = mapping

    def _update_child(
        self,
        entity: str,
        table: Table,
        fields: tuple[str, ...],
        known: OfflineRow,
        row: dict[str, Any],
        ref: ClientRef,
    ) -> None:
        current = (
            self.session.execute(select(table).where(table.c.id == known.server_row_id))
            .mappings()
            .first()
        )
        if current is None:
            return  # removed in the office (retention, erasure): not brought back
        base = json.loads(known.base_state)
        changes: dict[str, Any] = {}
        for name in fields:
            mine, theirs = jsonable(row[name]), jsonable(portable(current[name]))
            if mine == base.get(name) or mine == theirs:
                continue
            if theirs == base.get(name):
                changes[name] = row[name]
            elif entity == "proposal" and name == "status":
                self.warnings.append(
                    f"{ref.name}: der Stand eines Vorschlags wurde im Büro und auf dem Laptop "
                    "verschieden geändert; der Büro-Stand bleibt."
                )
        if changes:
            self.session.execute(
                update(table).where(table.c.id == known.server_row_id).values(**changes)
            )
        known.base_state = dumps({f: jsonable(row[f]) for f in fields})

    def _merge_hidden(
        self, client_id: int, laptop_client: LaptopClient, record: OfflineClient
    ) -> None:
        base = {tuple(k) for k in json.loads(record.base_hidden)}
        office = hidden_keys(self.session, client_id)
        for key in sorted(laptop_client.hidden - base - office):
            offer_id = self._offer_by_key(key)
            if offer_id is not None:
                self.session.add(HiddenOffer(client_id=client_id, offer_id=offer_id))
                self.added["hidden_offers"] += 1
        for key in sorted((base - laptop_client.hidden) & office):
            offer_id = self._offer_by_key(key)
            self.session.execute(
                delete(HiddenOffer).where(
                    HiddenOffer.client_id == client_id, HiddenOffer.offer_id == offer_id
                )
            )
        record.base_hidden = dumps(sorted(laptop_client.hidden))
        self.session.flush()

    # -- identities ---------------------------------------------------------------------------

    def server_user(self, laptop_user_id: int | None) -> int | None:
        if laptop_user_id is None:
            return None
        name = self.laptop.user_names.get(laptop_user_id)
        return self.server_users.get(name) if name else None

    def _server_offer(self, laptop_offer_id: int) -> int | None:
        key = self.laptop.offer_keys.get(laptop_offer_id)
        return self._offer_by_key(key) if key is not None else None

    def _offer_by_key(self, key: tuple[str, str]) -> int | None:
        if key not in self.offer_ids:
            self.offer_ids[key] = self.session.execute(
                select(Offer.id).where(Offer.source == key[0], Offer.reference == key[1])
            ).scalar_one_or_none()
        return self.offer_ids[key]

    # -- the audit log and the checkout record -----------------------------------------------

    def import_audit_events(self) -> None:
        """The laptop's audit entries, appended to the office log (at the time of the check-in:
        the log stays in time order, so retention keeps the chain whole)."""
        for event in self.laptop.audit_events:
            if ("audit", event["id"]) in self.rows:
                continue
            user_id = self.server_users.get(event["user_name"])
            entity_id = event["entity_id"]
            if event["entity"] == "user":
                entity_id = self.server_user(entity_id)
            elif event["entity"] != "client":
                entity_id = None
            when: datetime = event["at"].astimezone()
            audit.record(
                self.session,
                Actor(user_id, event["user_name"], ""),
                event["action"],
                event["entity"],
                subject=event["subject"],
                entity_id=entity_id,
                fields=event["fields"],
                detail=f"Laptop {when:%d.%m.%Y %H:%M}: {event['detail']}".rstrip(": "),
            )
            self._remember("audit", event["id"], None, "{}")
            self.session.flush()


__all__ = ["ADDED_KEYS", "RowMerger"]
