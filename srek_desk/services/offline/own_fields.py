"""A laptop client's own fields written to the office: versions, wishes, languages, numbers.

`OwnFieldWriter` is the part of a check-in (`check_in._Exchange`) that writes a client's own
columns, wishes and languages and keeps the versions of the last exchange; `duplicate_of` names
an office client that looks like a client created on the laptop.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from srek_desk.db.models import ClientLanguage, ClientOccupation
from srek_desk.db.models_offline import OfflineClient
from srek_desk.errors import UserError
from srek_desk.services.clients import display_name
from srek_desk.services.core import audit
from srek_desk.services.core.access import Actor
from srek_desk.services.core.changes import changed_now
from srek_desk.services.offline.laptop import LaptopClient
from srek_desk.services.offline.merge import RowMerger
from srek_desk.services.offline.state import (
    CLIENT_OWN_COLUMNS,
    CLIENT_TABLE,
    ClientRef,
    changed_names,
    client_state,
    dumps,
)


class OwnFieldWriter(RowMerger):
    """Writes a client's own fields inside the check-in transaction (needs `actor`)."""

    actor: Actor

    def _synced(
        self,
        record: OfflineClient,
        laptop_client: LaptopClient,
        server_version: int,
        state: dict[str, Any],
    ) -> None:
        record.laptop_version = laptop_client.row["version"]
        record.server_version = server_version
        record.base_state = dumps(state)

    def _apply_fields(
        self,
        server: dict[str, Any],
        server_state: dict[str, Any],
        laptop_client: LaptopClient,
        record: OfflineClient,
        detail: str,
    ) -> list[str]:
        row = laptop_client.row
        ref = laptop_client.ref
        values = {name: row[name] for name in CLIENT_OWN_COLUMNS}
        counsellor = self.server_user(row["counsellor_id"])
        if counsellor is not None or row["counsellor_id"] is None:
            values["counsellor_id"] = counsellor
        values["customer_number"] = self._free_customer_number(
            values["customer_number"], server["id"], ref
        )
        new_version = server["version"] + 1
        values.update(version=new_version, updated_at=changed_now())
        done = self.session.execute(
            update(CLIENT_TABLE)
            .where(CLIENT_TABLE.c.id == server["id"], CLIENT_TABLE.c.version == server["version"])
            .values(**values)
        )
        if done.rowcount != 1:  # type: ignore[attr-defined]
            raise UserError(
                "Eine Klientin / ein Klient wurde während der Rückgabe im Büro geändert. "
                "Bitte die Rückgabe noch einmal starten."
            )
        self._replace_wishes_and_languages(server["id"], laptop_client.state)
        applied_state = client_state(self.session, {**server, **values})
        fields = changed_names(server_state, applied_state)
        audit.record(
            self.session,
            self.actor,
            "update",
            "client",
            subject=ref.pseudonym,
            fields=",".join(fields),
            detail=detail,
        )
        record.laptop_version = row["version"]
        record.server_version = new_version
        record.base_state = dumps(applied_state)
        return fields

    def _replace_wishes_and_languages(self, client_id: int, state: dict[str, Any]) -> None:
        self.session.execute(
            delete(ClientOccupation).where(ClientOccupation.client_id == client_id)
        )
        self.session.execute(delete(ClientLanguage).where(ClientLanguage.client_id == client_id))
        for code, priority in state["wishes"]:
            self.session.add(
                ClientOccupation(client_id=client_id, kldb_code=code, priority=priority)
            )
        for language, level in state["languages"]:
            self.session.add(
                ClientLanguage(client_id=client_id, language=language, cefr_level=level)
            )
        self.session.flush()

    def _free_customer_number(
        self, number: str | None, client_id: int | None, ref: ClientRef
    ) -> str | None:
        if not number:
            return number
        owner = self.session.execute(
            select(CLIENT_TABLE.c.id).where(CLIENT_TABLE.c.customer_number == number)
        ).scalar_one_or_none()
        if owner is None or owner == client_id:
            return number
        self.warnings.append(
            f"{ref.name}: die Kundennummer {number} ist im Büro schon vergeben; "
            "sie wurde nicht übernommen."
        )
        if client_id is None:
            return None
        return self.session.execute(
            select(CLIENT_TABLE.c.customer_number).where(CLIENT_TABLE.c.id == client_id)
        ).scalar_one_or_none()


def duplicate_of(session: Session, row: dict[str, Any]) -> str | None:
    """A stored client with the same name and birth date, as "Name (Kundennummer)"."""
    if not (row["first_name"] or row["last_name"]):
        return None
    found = session.execute(
        select(CLIENT_TABLE.c.first_name, CLIENT_TABLE.c.last_name, CLIENT_TABLE.c.customer_number)
        .where(
            func.lower(CLIENT_TABLE.c.first_name) == row["first_name"].strip().lower(),
            func.lower(CLIENT_TABLE.c.last_name) == row["last_name"].strip().lower(),
            CLIENT_TABLE.c.birth_date.is_(None)
            if row["birth_date"] is None
            else CLIENT_TABLE.c.birth_date == row["birth_date"],
            CLIENT_TABLE.c.anonymised_at.is_(None),
        )
        .limit(1)
    ).first()
    if found is None:
        return None
    name = display_name(found[0], found[1], found[2])
    return name + (f" ({found[2]})" if found[2] else "")
