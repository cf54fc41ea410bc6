"""Writing read clients into the database on an open connection: upsert by Kundennummer.

Target occupations are replaced when the file has the column; the German level is kept as a
`client_language` row "de"; a Kenntnisse column becomes skill codes (names the vocabulary does
not know are reported, not stored). Clients missing from a file are never touched.

A new row (unknown Kundennummer) that looks like a stored client or like an earlier row of the
same file (`services.duplicates`) is not imported but reported: "Zeile 14: ähnelt Yıldız, Ayşe
(geb. 03.02.2005, Kd.-Nr. K-7), … – nicht übernommen" — a person is better added by hand after
a look than twice. `import_similar=True` imports such rows anyway, still with the warning.
The import is an office-level task (it updates any client by Kundennummer), so the warning may
name the stored client — to the person importing only: the import history keeps the warning
as "Zeile 14: ähnelt dem gespeicherten Datensatz <Pseudonym>, …" (`PersonalRowError`), so an
erased person leaves no name, birth date or Kundennummer there.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.orm import Session

from srek_desk.db.codes import join_codes
from srek_desk.db.models import Client, ClientLanguage, ClientOccupation
from srek_desk.db.models_counselling import Skill
from srek_desk.importers.errors import RowError
from srek_desk.importers.records import ClientRecord, ImportBatch
from srek_desk.services.clients import (
    CANDIDATE_COLUMNS,
    DuplicateCandidate,
    DuplicateIndex,
    candidate_label,
    candidate_of,
)
from srek_desk.services.core import audit
from srek_desk.services.core.access import Actor
from srek_desk.services.imports.offers import WriteCounts, digest
from srek_desk.services.imports.report import PersonalRowError
from srek_desk.services.offers import SkillEntry, SkillResolver

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


def _skill_resolver(conn: Connection) -> SkillResolver:
    rows = conn.execute(
        select(Skill.code, Skill.label, Skill.synonyms).where(Skill.active.is_(True))  # type: ignore[attr-defined]
    )
    return SkillResolver(
        SkillEntry(code, label, "", "", tuple(synonyms.splitlines()), False, True)
        for code, label, synonyms in rows
    )


class _Similar:
    """Stored clients and the file's earlier new rows, to tell a row that looks like one."""

    def __init__(self, conn: Connection) -> None:
        self.stored: DuplicateIndex[DuplicateCandidate] = DuplicateIndex()
        self.pseudonyms: dict[int, str] = {}
        for row in conn.execute(
            select(*CANDIDATE_COLUMNS, Client.pseudonym).where(Client.anonymised_at.is_(None))  # type: ignore[union-attr]
        ):
            self.stored.add(row[1], row[2], row[3], candidate_of(row))
            self.pseudonyms[row[0]] = row[5] or ""
        self.rows: DuplicateIndex[tuple[int, DuplicateCandidate]] = DuplicateIndex()

    def warning(self, record: ClientRecord, *, imported: bool) -> RowError | None:
        """The look-alike warning: naming the person, and (`impersonal`) by pseudonym or line."""
        what = "trotzdem übernommen" if imported else "nicht übernommen"
        head = f"Zeile {record.line}: ähnelt"
        args = (record.first_name, record.last_name, record.birth_date)
        for stored, reason in self.stored.find(*args):
            pseudonym = self.pseudonyms.get(stored.client_id, "") or "ohne Pseudonym"
            return PersonalRowError(
                record.line,
                "Name",
                f"{head} {candidate_label(stored)}, {reason} – {what}",
                f"{head} dem gespeicherten Datensatz {pseudonym}, {reason} – {what}",
            )
        for (line, earlier), reason in self.rows.find(*args):
            return PersonalRowError(
                record.line,
                "Name",
                f"{head} Zeile {line} ({candidate_label(earlier)}), {reason} – {what}",
                f"{head} Zeile {line}, {reason} – {what}",
            )
        return None

    def add(self, record: ClientRecord) -> None:
        candidate = DuplicateCandidate(
            0, record.first_name, record.last_name, record.birth_date, record.customer_number, ""
        )
        self.rows.add(
            record.first_name, record.last_name, record.birth_date, (record.line, candidate)
        )


def _skills(record: ClientRecord, resolver: SkillResolver, warnings: list[RowError]) -> str:
    codes, unknown = resolver.resolve_many(getattr(record, "skills_text", ""))
    for name in unknown:
        warnings.append(
            RowError(
                record.line,
                "Kenntnisse",
                f"Zeile {record.line}, Spalte „Kenntnisse“: „{name}“ steht nicht in der Liste "
                "der Kenntnisse – nicht übernommen",
            )
        )
    return join_codes(codes)


def write_clients(
    conn: Connection,
    batch: ImportBatch,
    *,
    now: datetime,
    place_for_postcode: Callable[[str], Any],
    step: Callable[[int], None],
    actor: Actor,
    import_similar: bool = False,
) -> WriteCounts:
    """Upsert the batch's clients; one audit entry per client created or changed (by `actor`),
    in the same transaction."""
    counts = WriteCounts()
    logged: list[tuple[str, str, str]] = []  # (action, pseudonym, fields) for the audit log
    fields = tuple(f for f in CLIENT_FIELDS if f in batch.fields or f == "mobility_modes")
    if "home_postcode" in fields and "home_place" not in fields:
        fields = (*fields, "home_place")
    resolver: SkillResolver | None = None
    if "skills_text" in batch.fields:
        fields = (*fields, "skills")
        resolver = _skill_resolver(conn)
    numbers = [c.customer_number for c in batch.clients]
    existing: dict[str, tuple[int, bytes]] = {}
    stored: dict[int, tuple[str, tuple[Any, ...]]] = {}  # id → (pseudonym, old values)
    occupations: dict[int, tuple[str, ...]] = {}
    languages: dict[int, str] = {}
    for chunk in range(0, len(numbers), 500):
        part = numbers[chunk : chunk + 500]
        rows = conn.execute(
            select(
                Client.id,
                Client.customer_number,
                Client.pseudonym,
                *(getattr(Client, f) for f in fields),
            ).where(Client.customer_number.in_(part))  # type: ignore[union-attr]
        )
        for row in rows:
            existing[row[1]] = (row[0], digest(row[3:]))
            stored[row[0]] = (row[2] or "", tuple(row[3:]))
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
    similar = _Similar(conn) if len(existing) < len(batch.clients) else None
    for done, record in enumerate(batch.clients, 1):
        if done % 500 == 0:
            step(done)
        known = existing.get(record.customer_number)
        if known is None and similar is not None:
            warning = similar.warning(record, imported=import_similar)
            if warning is not None:
                counts.warnings.append(warning)
                if not import_similar:
                    continue
            similar.add(record)
        if "home_postcode" in fields and record.home_postcode and not record.home_place:
            place = place_for_postcode(record.home_postcode)
            record.home_place = place.name if place else ""
        values = {f: getattr(record, f) for f in fields if f != "skills"}
        if resolver is not None:
            values["skills"] = _skills(record, resolver, counts.warnings)
        for name, limit in _LIMITS.items():
            if name in values:
                values[name] = values[name][:limit]
        if known is None:
            client_id, pseudonym = conn.execute(
                insert(Client)
                .values(
                    customer_number=record.customer_number, created_at=now, updated_at=now, **values
                )
                .returning(Client.id, Client.pseudonym)
            ).one()
            counts.new += 1
            logged.append(("create", pseudonym or "", ""))
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
                pseudonym, old = stored[client_id]
                names = [
                    f
                    for f, was in zip(fields, old, strict=True)
                    if digest([was]) != digest([values[f]])
                ]
                names += ["occupations"] * wishes_changed + ["german_level"] * german_changed
                logged.append(("update", pseudonym, ",".join(names)))
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
    _log(conn, actor, logged)
    step(len(batch.clients))
    return counts


def _log(conn: Connection, actor: Actor, logged: list[tuple[str, str, str]]) -> None:
    """The audit entries of an import, inside its transaction: they land with it or not at all."""
    if not logged:
        return
    with Session(bind=conn) as session:
        audit.record_many(
            session,
            actor,
            [
                audit.LogEntry(action, "client", pseudonym, names, "Import")
                for action, pseudonym, names in logged
            ],
        )
