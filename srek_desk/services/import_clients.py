"""Writing read clients into the database on an open connection: upsert by Kundennummer.

Target occupations are replaced when the file has the column; the German level is kept as a
`client_language` row "de". Clients missing from a file are never touched.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from srek_desk.db.models import Client, ClientLanguage, ClientOccupation
from srek_desk.importers.records import ImportBatch
from srek_desk.services.import_offers import WriteCounts, digest

CLIENT_FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "street",
    "home_postcode",
    "home_place",
    "school_qualification",
    "max_commute_minutes",
    "driving_licences",
    "has_car",
    "mobility_modes",
    "willing_to_relocate",
    "working_time",
    "earliest_start",
)
_LIMITS = {
    "first_name": 100,
    "last_name": 100,
    "email": 200,
    "phone": 60,
    "street": 200,
    "home_place": 120,
}


def write_clients(
    conn: Connection,
    batch: ImportBatch,
    *,
    now: datetime,
    place_for_postcode: Callable[[str], Any],
    step: Callable[[int], None],
) -> WriteCounts:
    counts = WriteCounts()
    fields = tuple(f for f in CLIENT_FIELDS if f in batch.fields or f == "mobility_modes")
    if "home_postcode" in fields and "home_place" not in fields:
        fields = (*fields, "home_place")
    numbers = [c.customer_number for c in batch.clients]
    existing: dict[str, tuple[int, bytes]] = {}
    occupations: dict[int, tuple[str, ...]] = {}
    languages: dict[int, str] = {}
    for chunk in range(0, len(numbers), 500):
        part = numbers[chunk : chunk + 500]
        rows = conn.execute(
            select(Client.id, Client.customer_number, *(getattr(Client, f) for f in fields)).where(
                Client.customer_number.in_(part)  # type: ignore[union-attr]
            )
        )
        for row in rows:
            existing[row[1]] = (row[0], digest(row[2:]))
    ids = [known[0] for known in existing.values()]
    for chunk in range(0, len(ids), 500):
        part_ids = ids[chunk : chunk + 500]
        for client_id, code in conn.execute(
            select(ClientOccupation.client_id, ClientOccupation.kldb_code)
            .where(ClientOccupation.client_id.in_(part_ids))  # type: ignore[attr-defined]
            .order_by(ClientOccupation.client_id, ClientOccupation.priority)
        ):
            occupations[client_id] = (*occupations.get(client_id, ()), code)
        for client_id, level in conn.execute(
            select(ClientLanguage.client_id, ClientLanguage.cefr_level).where(
                ClientLanguage.client_id.in_(part_ids),  # type: ignore[attr-defined]
                ClientLanguage.language == "de",
            )
        ):
            languages[client_id] = level
    for done, record in enumerate(batch.clients, 1):
        if "home_postcode" in fields and record.home_postcode and not record.home_place:
            place = place_for_postcode(record.home_postcode)
            record.home_place = place.name if place else ""
        values = {f: getattr(record, f) for f in fields}
        for name, limit in _LIMITS.items():
            if name in values:
                values[name] = values[name][:limit]
        known = existing.get(record.customer_number)
        if known is None:
            client_id = conn.execute(
                insert(Client)
                .values(
                    customer_number=record.customer_number, created_at=now, updated_at=now, **values
                )
                .returning(Client.id)
            ).scalar_one()
            counts.new += 1
            changed = False
        else:
            client_id = known[0]
            changed = digest(values[f] for f in fields) != known[1]
        wishes_changed = (
            "occupations" in batch.fields and occupations.get(client_id, ()) != record.occupations
        )
        german_changed = (
            "german_level" in batch.fields and languages.get(client_id, "") != record.german_level
        )
        if known is not None:
            if changed or wishes_changed or german_changed:
                conn.execute(
                    update(Client)
                    .where(Client.id == client_id)
                    .values(updated_at=now, version=Client.version + 1, **values)
                )
                counts.updated += 1
            else:
                counts.unchanged += 1
        if wishes_changed:
            conn.execute(delete(ClientOccupation).where(ClientOccupation.client_id == client_id))
            if record.occupations:
                conn.execute(
                    insert(ClientOccupation),
                    [
                        {"client_id": client_id, "kldb_code": code, "priority": priority}
                        for priority, code in enumerate(record.occupations, 1)
                    ],
                )
        if german_changed:
            conn.execute(
                delete(ClientLanguage).where(
                    ClientLanguage.client_id == client_id, ClientLanguage.language == "de"
                )
            )
            if record.german_level:
                conn.execute(
                    insert(ClientLanguage).values(
                        client_id=client_id, language="de", cefr_level=record.german_level
                    )
                )
        if done % 500 == 0:
            step(done)
    step(len(batch.clients))
    return counts
