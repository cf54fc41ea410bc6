"""Writing read offers into the database on an open connection: upsert by (source, reference).

New offers are inserted, changed ones updated (content or modification time differ), the rest
left alone; references a file deletes, and on a full load those missing from it (within
`retire_scope`, if given), are set inactive: "retired" (services.imports.retire) — offers are
never deleted, so proposals and notes on them survive.
Every offer the file holds (new, changed or unchanged) is confirmed: `confirmed_at` = the import
time ("Stand"); deactivated offers keep theirs. `confirmed_at` is no part of the content digest,
and for an unchanged offer it is the only column written (one UPDATE … WHERE id IN per chunk).
What a record leaves unsaid keeps what is stored: an empty code, coordinates (with their
`place_approximate`), a type "unklar". The counts say how many offers of the file are, after the
import, of unknown type, placed approximately, placed nowhere, or without a KldB code.
Runs inside the caller's transaction (SQLAlchemy Core, batched; no ORM objects).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, insert, select, update

from srek_desk.db.models import Employer, Offer
from srek_desk.importers.errors import RowError
from srek_desk.importers.records import OFFER_FIELDS, ImportBatch, OfferRecord
from srek_desk.importers.skills import merge_flags
from srek_desk.importers.values import fold
from srek_desk.services.imports.retire import RetiredOffer, describe, missing_from_file

BATCH = 2000
CONFIRM_CHUNK = 5000  # ids per UPDATE … WHERE id IN (…): below every driver's parameter limit
# Columns a file may leave empty (None) without erasing what the office set by hand.
_KEEP_WHEN_EMPTY = ("kldb_code", "lat", "lon", "skills_required", "skills_nice", "flags")
# Stored values the counts need also where the file does not supply the column.
_COUNTED = ("offer_type", "lat", "place_approximate", "kldb_code")
# Text columns whose None means "not stated": a new offer gets "".
_EMPTY_TEXT = ("skills_required", "skills_nice")


@dataclass
class WriteCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0  # = len(retired)
    employers_created: int = 0
    type_unknown: int = 0  # offers of the file: type "unklar" after the import
    approximate_place: int = 0  # … coordinates from the postcode or place centre
    place_unknown: int = 0  # … no coordinates at all ("Arbeitsort unbekannt")
    uncoded: int = 0  # … no KldB code
    warnings: list[RowError] = field(default_factory=list)
    changed_ids: list[int] = field(default_factory=list)  # new or changed, active afterwards
    retired: list[RetiredOffer] = field(default_factory=list)  # set inactive, by reference

    def count(self, offer: dict[str, Any]) -> None:
        """Count an offer of the file by its values after the import."""
        self.type_unknown += offer.get("offer_type") == "unklar"
        if offer.get("lat") is None:
            self.place_unknown += 1
        elif offer.get("place_approximate"):
            self.approximate_place += 1
        self.uncoded += not offer.get("kldb_code")


def canonical(value: Any) -> str:
    """One spelling per value, equal for what the file says and what the database returns."""
    kind = type(value)
    if kind is str:
        return value  # type: ignore[no-any-return]
    if value is None:
        return "\x00"
    if kind is bool:
        return "1" if value else "0"
    if kind is float:
        return f"{value:.6f}"
    if isinstance(value, datetime):
        if value.microsecond == 0 and (value.tzinfo is None or value.tzinfo is UTC):
            return value.isoformat()[:19]  # the common case, without two new objects
        if value.utcoffset() is not None:
            value = value.astimezone(UTC)
        return value.replace(tzinfo=None, microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def digest(values: Iterable[Any]) -> bytes:
    # Most values are text or None: skipping the call for them saves a tenth of a re-import.
    text = "\x1f".join(
        [v if type(v) is str else "\x00" if v is None else canonical(v) for v in values]
    )
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


class _Employers:
    """Find-or-create employers by name and postcode within the import's transaction."""

    def __init__(self, conn: Connection, now: datetime) -> None:
        self.conn, self.now, self.created = conn, now, 0
        self.ids: dict[tuple[str, str], int] = {}
        rows = conn.execute(
            select(Employer.id, Employer.name, Employer.postcode).order_by(Employer.id)
        )
        for employer_id, name, postcode in rows:
            self.ids.setdefault((fold(name), postcode), employer_id)

    @staticmethod
    def _key(record: OfferRecord) -> tuple[str, str] | None:
        name = record.employer_name[:200]
        return (fold(name), record.postcode) if name else None

    def prepare(self, records: list[OfferRecord]) -> None:
        """Create the missing employers in one batched statement (ids in parameter order)."""
        missing: dict[tuple[str, str], dict[str, Any]] = {}
        for record in records:
            key = self._key(record)
            if key is None or key in self.ids or key in missing:
                continue
            missing[key] = {
                "name": record.employer_name[:200],
                "postcode": record.postcode,
                "place": record.place[:120],
                "state": record.state[:2],
                "website": record.employer_website[:300],
                "created_at": self.now,
                "updated_at": self.now,
            }
        if not missing:
            return
        # Plain executemany plus one query for the new ids: RETURNING would go row by row here.
        highest = self.conn.execute(select(func.max(Employer.id))).scalar_one() or 0
        self.conn.execute(insert(Employer), list(missing.values()))
        for employer_id, name, postcode in self.conn.execute(
            select(Employer.id, Employer.name, Employer.postcode)
            .where(Employer.id > highest)  # type: ignore[operator]
            .order_by(Employer.id)
        ):
            self.ids.setdefault((fold(name), postcode), employer_id)
        self.created += len(missing)

    def id_for(self, record: OfferRecord) -> int | None:
        key = self._key(record)
        return self.ids[key] if key is not None else None


def _values(record: OfferRecord, fields: tuple[str, ...]) -> dict[str, Any]:
    values = {name: getattr(record, name) for name in fields}
    for name, limit in (("title", 300), ("occupation_name", 300), ("employer_name", 200),
                        ("street", 200), ("place", 120), ("url", 500), ("contact_name", 200),
                        ("contact_phone", 60), ("contact_email", 200), ("salary_text", 200)):  # fmt: skip
        if isinstance(values.get(name), str):
            values[name] = values[name][:limit]
    return values


def _confirm(conn: Connection, offer_ids: list[int], now: datetime) -> None:
    """confirmed_at = now for offers the file holds unchanged, in chunks of ids."""
    statement = update(Offer).values(confirmed_at=now)
    for start in range(0, len(offer_ids), CONFIRM_CHUNK):
        chunk = offer_ids[start : start + CONFIRM_CHUNK]
        conn.execute(statement.where(Offer.id.in_(chunk)))  # type: ignore[union-attr]


def write_offers(
    conn: Connection,
    batch: ImportBatch,
    source: str,
    *,
    now: datetime,
    full_load: bool,
    step: Callable[[int], None],
    retire_scope: Collection[int] | None = None,
) -> WriteCounts:
    """Upsert the batch's offers of `source`; with `full_load` retire the source's active offers
    the file lacks (only those in `retire_scope`, when given)."""
    counts = WriteCounts()
    fields = tuple(f for f in OFFER_FIELDS if f in batch.fields)
    compared = (
        *fields,
        *(("employer_id",) if "employer_name" in fields else ()),
        *(("required_level",) if "kldb_code" in fields else ()),
        "active",
    )
    employers = _Employers(conn, now)
    if "employer_name" in fields:
        employers.prepare(batch.offers)
    existing: dict[str, tuple[int, bytes, dict[str, Any]]] = {}
    extra = tuple(name for name in _COUNTED if name not in compared)
    columns = [Offer.id, Offer.reference, *(getattr(Offer, c) for c in (*compared, *extra))]
    kept_names = {*_KEEP_WHEN_EMPTY, *_COUNTED, "active"}
    keep_index = {
        name: index for index, name in enumerate((*compared, *extra)) if name in kept_names
    }
    width = len(compared)
    for row in conn.execute(select(*columns).where(Offer.source == source)):
        stored = row[2:]
        kept = {name: stored[index] for name, index in keep_index.items()}
        existing[row[1]] = (row[0], digest(stored[:width]), kept)

    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    update_keys = ("offer_id", *compared, "updated_at", "confirmed_at")
    update_statement = (
        update(Offer)
        .where(Offer.id == bindparam("offer_id"))
        .values({name: bindparam(name) for name in (*compared, "updated_at", "confirmed_at")})
    )
    highest = conn.execute(select(func.max(Offer.id))).scalar_one() or 0
    updated_ids: list[int] = []
    confirmed_ids: list[int] = []  # unchanged offers: only confirmed_at moves
    has_flags = "flags" in fields

    def flush() -> None:
        if inserts:
            conn.execute(insert(Offer), inserts)
            inserts.clear()
        if updates:
            conn.execute(update_statement, updates)
            updates.clear()

    done = 0
    for record in batch.offers:
        values = _values(record, fields)
        if "employer_name" in fields:
            values["employer_id"] = employers.id_for(record)
        known = existing.get(record.reference)
        if known is not None:
            offer_id, old_digest, kept = known
            for name in _KEEP_WHEN_EMPTY:
                if name in values and values[name] is None:
                    values[name] = kept.get(name)
            if "place_approximate" in values and record.lat is None:
                # kept coordinates keep their kind; none at all are not approximate
                values["place_approximate"] = bool(kept["place_approximate"]) and (
                    values.get("lat") is not None
                )
            if values.get("offer_type") == "unklar":  # the record does not say: keep what is
                values["offer_type"] = kept["offer_type"] or "unklar"
            if has_flags:
                values["flags"] = merge_flags(kept["flags"] or "", record.flags)
            if "kldb_code" in values:
                code = values["kldb_code"]
                values["required_level"] = int(code[4]) if code else None
            values["active"] = True
            counts.count({**kept, **values})
            if digest(values.get(name) for name in compared) == old_digest:
                counts.unchanged += 1
                confirmed_ids.append(offer_id)
            else:
                values.update(offer_id=offer_id, updated_at=now, confirmed_at=now)
                updates.append({name: values.get(name) for name in update_keys})
                updated_ids.append(offer_id)
                counts.updated += 1
        else:
            full = _values(record, OFFER_FIELDS)
            code = full["kldb_code"]
            for name in _EMPTY_TEXT:
                full[name] = full[name] or ""
            full.update(
                source=source,
                reference=record.reference,
                employer_id=values.get("employer_id"),
                required_level=int(code[4]) if code else None,
                flags=merge_flags("", record.flags),
                active=True,
                created_at=now,
                updated_at=now,
                confirmed_at=now,
            )
            inserts.append(full)
            counts.count(full)
            existing[record.reference] = (-1, b"", {})
            counts.new += 1
        done += 1
        if len(inserts) + len(updates) >= BATCH or done % BATCH == 0:
            flush()
            step(done)
    flush()

    to_deactivate: list[int] = []
    for number, reference in batch.deletions:
        known = existing.get(reference)
        if known is None or known[0] < 0:
            counts.warnings.append(
                RowError(
                    number,
                    "EntryId",
                    f"Löscheintrag {number}: Angebot {reference} ist nicht vorhanden.",
                )
            )
        elif known[2].get("active"):
            to_deactivate.append(known[0])
    if full_load:
        in_file = {record.reference for record in batch.offers}
        in_file.update(reference for _, reference in batch.deletions)
        active = (
            (reference, offer_id)
            for reference, (offer_id, _, kept) in existing.items()
            if offer_id > 0 and kept.get("active")
        )
        to_deactivate += missing_from_file(active, in_file, retire_scope)
    if to_deactivate:
        conn.execute(
            update(Offer)
            .where(Offer.id == bindparam("offer_id"))
            .values(active=False, updated_at=now),
            [{"offer_id": offer_id} for offer_id in sorted(set(to_deactivate))],
        )
    counts.retired = describe(conn, to_deactivate)
    counts.deactivated = len(counts.retired)
    counts.employers_created = employers.created
    gone = set(to_deactivate)
    _confirm(conn, [offer_id for offer_id in confirmed_ids if offer_id not in gone], now)
    counts.changed_ids = [offer_id for offer_id in updated_ids if offer_id not in gone]
    if counts.new:
        counts.changed_ids += [
            offer_id
            for offer_id in conn.execute(
                select(Offer.id).where(Offer.id > highest, Offer.source == source)  # type: ignore[operator]
            ).scalars()
            if offer_id not in gone
        ]
    counts.changed_ids.sort()
    step(done + len(batch.deletions))
    return counts
