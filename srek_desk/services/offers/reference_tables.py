"""The office's editable reference tables: neighbouring occupations and travel times."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select

from srek_desk.db.models_reference import RelatedOccupation, TravelTime
from srek_desk.errors import UserError
from srek_desk.importers.travel_times import parse_travel_times
from srek_desk.matching.occupation import RelatedOccupations
from srek_desk.matching.travel_times import TravelTimes
from srek_desk.reference.gazetteer import Gazetteer
from srek_desk.reference.occupations import OccupationCatalog
from srek_desk.services.core.database import Database


def load_related(database: Database) -> RelatedOccupations:
    with database.session() as session:
        rows = session.execute(
            select(RelatedOccupation.code_a, RelatedOccupation.code_b, RelatedOccupation.reason)
        ).all()
    return RelatedOccupations((a, b, reason) for a, b, reason in rows)


def list_related(
    database: Database, occupations: OccupationCatalog | None = None
) -> list[tuple[str, str, str, str, str, str]]:
    """The table for the editor: (code_a, name_a, code_b, name_b, reason, source), by code.

    Names come from the catalogue (empty without one, or for a code it does not know);
    source is "project" (seeded) or "office".
    """
    with database.session() as session:
        rows = session.execute(
            select(
                RelatedOccupation.code_a,
                RelatedOccupation.code_b,
                RelatedOccupation.reason,
                RelatedOccupation.source,
            ).order_by(RelatedOccupation.code_a, RelatedOccupation.code_b)
        ).all()

    def name(code: str) -> str:
        occupation = occupations.get(code) if occupations is not None else None
        return occupation.name if occupation is not None else ""

    return [(a, name(a), b, name(b), reason, source) for a, b, reason, source in rows]


def add_related(database: Database, code_a: str, code_b: str, reason: str) -> None:
    for code in (code_a, code_b):
        if not (len(code) == 5 and code.isdigit()):
            raise UserError(f"„{code}“ ist keine fünfstellige KldB-Kennziffer.")
    if code_a == code_b:
        raise UserError("Ein Beruf kann nicht sein eigener Nachbar sein.")
    first, second = sorted((code_a, code_b))
    with database.engine.begin() as connection:
        exists = connection.execute(
            select(RelatedOccupation.id).where(
                ((RelatedOccupation.code_a == first) & (RelatedOccupation.code_b == second))
                | ((RelatedOccupation.code_a == second) & (RelatedOccupation.code_b == first))
            )
        ).first()
        if exists is None:
            connection.execute(
                insert(RelatedOccupation).values(
                    code_a=first, code_b=second, reason=reason, source="office"
                )
            )


def remove_related(database: Database, code_a: str, code_b: str) -> int:
    with database.engine.begin() as connection:
        result = connection.execute(
            delete(RelatedOccupation).where(
                ((RelatedOccupation.code_a == code_a) & (RelatedOccupation.code_b == code_b))
                | ((RelatedOccupation.code_a == code_b) & (RelatedOccupation.code_b == code_a))
            )
        )
    return int(result.rowcount or 0)


def load_travel_times(database: Database) -> TravelTimes:
    with database.session() as session:
        rows = session.execute(
            select(
                TravelTime.from_postcode,
                TravelTime.to_postcode,
                TravelTime.mode,
                TravelTime.minutes,
            )
        ).all()
    return TravelTimes.from_rows((a, b, m, float(minutes)) for a, b, m, minutes in rows)


def import_travel_times(
    database: Database, file: str | Path, gazetteer: Gazetteer
) -> dict[str, Any]:
    """Replace the travel-time table by a CSV, in one transaction; bad rows refuse the file."""
    path = Path(file)
    if not path.is_file():
        raise UserError(f"Die Datei {path} gibt es nicht.")
    rows, errors = parse_travel_times(path, gazetteer.is_valid_postcode)
    if errors:
        shown = "\n".join(e.message for e in errors[:20])
        more = f"\n… und {len(errors) - 20} weitere" if len(errors) > 20 else ""
        raise UserError(
            f"Die Fahrzeittabelle {path.name} hat {len({e.line for e in errors})} fehlerhafte Zeile(n); "
            "nichts wurde übernommen.",
            details=shown + more,
        )
    unique = {(a, b, m): minutes for a, b, m, minutes in rows}
    with database.engine.begin() as connection:
        connection.execute(delete(TravelTime))
        if unique:
            connection.execute(
                insert(TravelTime),
                [
                    {"from_postcode": a, "to_postcode": b, "mode": m, "minutes": v}
                    for (a, b, m), v in unique.items()
                ],
            )
    return {"imported": len(unique), "origins": len({a for a, _, _ in unique})}
