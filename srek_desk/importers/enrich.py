"""Completing read offers from reference data: KldB codes from occupation names, places from postcodes.

Pure (no database). Occupation names that cannot be resolved stay without a code and are listed
as hints. Places: the record's coordinates, else the centre of its postcode, else of the one town
its place name names (`place_approximate`); with none of these the offer keeps lat/lon None
("Arbeitsort unbekannt", a hint naming the record, never a row error).
"""

from __future__ import annotations

from srek_desk.importers.errors import RowError
from srek_desk.importers.occupation_coding import OccupationResolver
from srek_desk.importers.records import ImportBatch, OfferRecord
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.gazetteer import Gazetteer, Place

RECORD_WORDS = {
    "csv": "Zeile",
    "xlsx": "Zeile",
    "ba-json": "Datensatz",
    "hr-ba-xml": "Stellenangebot",
}
_POSTCODE_FIELD = {"ba-json": "plz", "hr-ba-xml": "PostalCode"}
_GERMANY = {"", "de", "deu", "deutschland", "germany"}


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
        _locate(record, gazetteer, word, postcode_field, batch.warnings)
    for name, lines in sorted(unresolved.items()):
        shown = ", ".join(str(n) for n in lines[:10]) + (" …" if len(lines) > 10 else "")
        batch.warnings.append(
            RowError(
                lines[0],
                "Beruf",
                f"Beruf „{name}“ ({word} {shown}) ist keiner KldB-Kennziffer zugeordnet "
                f"({resolve.hint(name)}); bitte von Hand zuordnen.",
            )
        )


def _one_town(gazetteer: Gazetteer, name: str, state: str) -> tuple[Place, ...] | None:
    """The places of the town a place name names, if exactly one (in the record's state, if
    it names one); the central place first."""
    towns = gazetteer.towns_named(name) if len(name.strip()) >= 2 else []
    if state:
        towns = [town for town in towns if town[0].state == state]
    return towns[0] if len(towns) == 1 else None


def _locate(
    record: OfferRecord,
    gazetteer: Gazetteer,
    word: str,
    postcode_field: str,
    warnings: list[RowError],
) -> None:
    """Coordinates from the record, else approximate from the gazetteer, else none (with a hint)."""
    label = f"{word} {record.line}" + (f" ({record.reference})" if record.reference else "")
    has_coordinates = record.lat is not None and record.lon is not None
    german = record.country.strip().lower() in _GERMANY
    record.place_approximate = False
    place = gazetteer.place_for_postcode(record.postcode) if record.postcode else None
    unknown_postcode = (
        f"{label}, Feld „{postcode_field}“: Postleitzahl {record.postcode} ist unbekannt"
        if record.postcode and place is None
        else ""
    )
    if place is None and not has_coordinates and german:
        town = _one_town(gazetteer, record.place, record.state)
        if town is not None:
            place = town[0]
            if unknown_postcode:
                warnings.append(
                    RowError(
                        record.line,
                        postcode_field,
                        f"{unknown_postcode}; Arbeitsort ungefähr: Ortsmitte von {place.name}.",
                    )
                )
                unknown_postcode = ""
            elif len(town) == 1:  # a town of one postcode: that is the postcode
                record.postcode = place.postcode
    if place is not None:
        if not has_coordinates:
            record.lat, record.lon = place.lat, place.lon
            record.place_approximate = True
        record.place = record.place or place.name
        record.state = record.state or place.state
    if unknown_postcode and has_coordinates:
        warnings.append(
            RowError(
                record.line,
                postcode_field,
                f"{unknown_postcode}; die Koordinaten aus der Datei gelten.",
            )
        )
    elif record.lat is None:
        where = ", ".join(
            part
            for part in (
                record.postcode and f"PLZ {record.postcode}",
                record.place and f"„{record.place}“",
            )
            if part
        )
        if not german:
            reason = f"liegt nicht in Deutschland ({record.country}) und hat keine Koordinaten"
        elif unknown_postcode:
            reason = f"ist nicht zu finden ({where})"
        else:
            reason = f"ist nicht eindeutig zu finden ({where})" if where else "fehlt"
        warnings.append(
            RowError(
                record.line,
                postcode_field,
                f"{label}: Arbeitsort unbekannt – der Ort {reason}; ohne Entfernung und "
                "Fahrzeit übernommen.",
            )
        )
