"""Occupations beyond the shipped catalogue: load the BA KldB CSV into the database, merge on start.

A Berufsgattung's further names (its Kurztitel and the example occupations the official file
lists, e.g. "Büchsenmacher/in" for 24522) are stored in `occupation.synonyms` as one string,
joined by `|` as in the shipped `occupations.csv`. No KldB name contains a `|`; one that did
would be stored with a `/` in its place, so that it comes back as one name.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select

from srek_desk.config import Config
from srek_desk.db.engine import ServerOptions, database_url, sqlite_path
from srek_desk.db.models import OccupationRecord
from srek_desk.errors import UserError
from srek_desk.importers.kldb_csv import parse_kldb_csv
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.occupations import Occupation, OccupationCatalog
from srek_desk.services.core.database import Database, open_database, resolve_database_location

KLDB_SOURCE = "BA KldB 2010"
SYNONYM_SEPARATOR = "|"


def join_synonyms(names: Iterable[str]) -> str:
    """The value of `occupation.synonyms` for these names."""
    return SYNONYM_SEPARATOR.join(n.replace(SYNONYM_SEPARATOR, "/") for n in names)


def split_synonyms(value: str | None) -> tuple[str, ...]:
    """The names stored in `occupation.synonyms` ("" -> none)."""
    names = (n.strip() for n in (value or "").split(SYNONYM_SEPARATOR))
    return tuple(dict.fromkeys(n for n in names if n))


def office_occupations(database: Database) -> tuple[list[Occupation], dict[str, str]]:
    """The Berufsgattungen (5 digits, with their further names) and group names the office loaded."""
    with database.session() as session:
        rows = session.execute(
            select(OccupationRecord.code, OccupationRecord.name, OccupationRecord.synonyms)
        ).all()
    occupations = [
        Occupation(code=code, name=name, synonyms=split_synonyms(synonyms))
        for code, name, synonyms in rows
        if len(code) == 5
    ]
    groups = {code: name for code, name, _synonyms in rows if len(code) < 5}
    return occupations, groups


def occupation_catalog(config: Config | None) -> OccupationCatalog:
    """Shipped catalogue plus the office's imported entries, if a database exists already."""
    if config is None:
        return OccupationCatalog.load()
    location = resolve_database_location(config)
    file = sqlite_path(database_url(location))
    if file is not None and not file.exists():
        return OccupationCatalog.load()
    from srek_desk.db.encryption import load_key

    database = open_database(
        location,
        backups_to_keep=config["database.backups_to_keep"],
        key=load_key(config),
        server=ServerOptions.from_config(config),
    )
    try:
        # the same merge the running app does (ReferenceData)
        return ReferenceData(lambda: office_occupations(database)).occupations
    finally:
        database.dispose()


def import_kldb_file(database: Database, file: str | Path) -> dict[str, Any]:
    """Replace the office's Berufsgattungen by those of an official KldB CSV, in one transaction."""
    path = Path(file)
    if not path.is_file():
        raise UserError(f"Die Datei {path} gibt es nicht.")
    result = parse_kldb_csv(path)
    if not result.occupations:
        details = "\n".join(f"Zeile {e.line}: {e.message}" for e in result.errors[:20])
        raise UserError(
            f"Die Datei {path.name} enthält keine Berufsgattungen (5-stellige KldB).",
            details=details or None,
        )
    now = datetime.now(UTC).replace(microsecond=0)
    rows = {
        o.code: {
            "code": o.code,
            "name": o.name,
            "synonyms": join_synonyms(o.synonyms),
            "source": KLDB_SOURCE,
            "imported_at": now,
        }
        for o in result.occupations
    }
    with database.engine.begin() as connection:
        connection.execute(delete(OccupationRecord).where(OccupationRecord.source == KLDB_SOURCE))
        connection.execute(insert(OccupationRecord), list(rows.values()))
    return {
        "imported": len(result.occupations),
        "groups": len(result.groups),
        "synonyms": sum(len(o.synonyms) for o in result.occupations),
        "errors": [{"line": e.line, "field": e.field, "message": e.message} for e in result.errors],
    }
