"""Completing read offers from reference data: KldB codes from occupation names, places from postcodes.

Pure (no database). Occupation names that cannot be resolved stay without a code and are listed
as hints; a postcode the gazetteer does not know is a row error unless the file gives coordinates.
"""

from __future__ import annotations

from srek_desk.importers.errors import RowError
from srek_desk.importers.records import ImportBatch
from srek_desk.importers.values import fold
from srek_desk.reference.catalog import ReferenceData

RECORD_WORDS = {
    "csv": "Zeile",
    "xlsx": "Zeile",
    "ba-json": "Datensatz",
    "hr-ba-xml": "Stellenangebot",
}
_POSTCODE_FIELD = {"ba-json": "plz", "hr-ba-xml": "PostalCode"}
_GERMANY = {"", "de", "deu", "deutschland", "germany"}


class OccupationResolver:
    """`resolve(name)` with a cache: files repeat the same few hundred names many times."""

    def __init__(self, reference: ReferenceData) -> None:
        self._reference = reference
        self._cache: dict[str, str | None] = {}

    def __call__(self, name: str) -> str | None:
        key = name.strip()
        if key not in self._cache:
            occupation = self._reference.occupations.resolve(key) if key else None
            self._cache[key] = occupation.code if occupation else None
        return self._cache[key]


def enrich_offers(
    batch: ImportBatch,
    reference: ReferenceData,
    resolver: OccupationResolver | None = None,
    postcode_label: str | None = None,
) -> None:
    """Fill kldb_code, place, state and coordinates in place; add errors and hints to the batch."""
    resolve = resolver or OccupationResolver(reference)
    gazetteer = reference.gazetteer
    word = RECORD_WORDS.get(batch.format, "Zeile")
    postcode_field = postcode_label or _POSTCODE_FIELD.get(batch.format, "PLZ")
    unresolved: dict[str, list[int]] = {}
    bad: set[int] = set()
    occupations = reference.occupations
    for record in batch.offers:
        if record.kldb_code and record.kldb_code not in occupations:
            batch.warnings.append(
                RowError(
                    record.line,
                    "KldB",
                    f"{word} {record.line}: KldB-Kennziffer {record.kldb_code} ist nicht im "
                    "Berufekatalog; übernommen.",
                )
            )
        if not record.kldb_code:
            name = record.occupation_name or record.title
            record.kldb_code = resolve(name) if name else None
            if record.kldb_code is None and name:
                unresolved.setdefault(name, []).append(record.line)
        place = gazetteer.place_for_postcode(record.postcode) if record.postcode else None
        has_coordinates = record.lat is not None and record.lon is not None
        if record.postcode and place is None:
            message = f"{word} {record.line}, Feld „{postcode_field}“: Postleitzahl {record.postcode} ist unbekannt"
            if has_coordinates or record.country.strip().lower() not in _GERMANY:
                batch.warnings.append(
                    RowError(record.line, postcode_field, message + "; übernommen.")
                )
            else:
                batch.errors.append(RowError(record.line, postcode_field, message + "."))
                bad.add(record.line)
                continue
        german = record.country.strip().lower() in _GERMANY
        if place is None and not has_coordinates and german and len(record.place) >= 3:
            place = gazetteer.resolve(record.place)
            # A prefix hit for a stray word ("a" -> Augsburg) is no place name.
            if place is not None and not fold(place.name).startswith(fold(record.place)[:3]):
                place = None
            if place is not None and not record.postcode:
                record.postcode = place.postcode
        if place is not None:
            if not has_coordinates:
                record.lat, record.lon = place.lat, place.lon
            record.place = record.place or place.name
            record.state = record.state or place.state
        elif not has_coordinates:
            batch.warnings.append(
                RowError(
                    record.line,
                    postcode_field,
                    f"{word} {record.line}: Arbeitsort „{record.place or record.postcode or '–'}“ "
                    "nicht gefunden; ohne Koordinaten übernommen.",
                )
            )
    if bad:
        batch.offers = [r for r in batch.offers if r.line not in bad]
    for name, lines in sorted(unresolved.items()):
        shown = ", ".join(str(n) for n in lines[:10]) + (" …" if len(lines) > 10 else "")
        batch.warnings.append(
            RowError(
                lines[0],
                "Beruf",
                f"Beruf „{name}“ ({word} {shown}) ist keiner KldB-Kennziffer zugeordnet; "
                "bitte von Hand zuordnen.",
            )
        )
