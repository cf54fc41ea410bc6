"""Offers from a spreadsheet: column mapping (suggested from the header, or saved) and row reading.

A mapping is `{header text: offer field}`; `suggest_mapping` recognises the usual German headers
(`Referenznummer;Angebotsart;Titel;Beruf;KldB;Arbeitgeber;PLZ;Ort;Eintrittsdatum;…`) and variants.
The same columns, in this order, are written by the export. Skill cells ("Staplerschein; Erste
Hilfe") stay text here and are resolved by `importers.skills`; flags come from one "Merkmale" list
column ("Zeitarbeit; Quereinstieg", which states all flags) or from columns named after a single
flag ("Zeitarbeit": ja/nein, which state that flag only). Without an "Angebotsart" (or with an
empty cell) the title may name the type ("Ausbildung …"); otherwise it is "unklar", never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from srek_desk.importers.errors import ImportRefused, RowError
from srek_desk.importers.records import OfferRecord
from srek_desk.importers.skills import parse_flags
from srek_desk.importers.tabular import Table
from srek_desk.importers.values import (
    MAX_TEXT_CHARS,
    STATE_NAMES_TO_CODES,
    clean,
    fold,
    german_count,
    offer_type_from_title,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_int,
    parse_kldb,
    parse_offer_type,
    parse_postcode,
    parse_timestamp,
    parse_working_time,
    state_code,
)
from srek_desk.reference.qualifications import parse_cefr, parse_licences, parse_school


@dataclass(frozen=True, slots=True)
class Column:
    field: str  # OfferRecord attribute
    label: str  # German header written by the export
    aliases: tuple[str, ...] = ()


OFFER_COLUMNS: tuple[Column, ...] = (
    Column(
        "reference",
        "Referenznummer",
        ("refnr", "ref nr", "referenz", "ref", "stellennummer", "angebotsnummer", "kennung", "id"),
    ),
    Column("offer_type", "Angebotsart", ("art", "stellenart", "art des angebots", "typ")),
    Column(
        "title",
        "Titel",
        (
            "stellentitel",
            "stellenbezeichnung",
            "bezeichnung",
            "stelle",
            "jobtitel",
            "titel der stelle",
        ),
    ),
    Column("occupation_name", "Beruf", ("berufsbezeichnung", "ausbildungsberuf", "hauptberuf")),
    Column(
        "kldb_code",
        "KldB",
        ("kldb 2010", "kldb-code", "kldb code", "kldb-schluessel", "berufskennziffer", "bkz"),
    ),
    Column(
        "employer_name",
        "Arbeitgeber",
        ("betrieb", "firma", "unternehmen", "ausbildungsbetrieb", "arbeitgebername"),
    ),
    Column("street", "Straße", ("strasse", "strasse und hausnummer", "adresse", "anschrift")),
    Column("postcode", "PLZ", ("postleitzahl", "plz arbeitsort", "arbeitsort plz")),
    Column("place", "Ort", ("arbeitsort", "stadt", "einsatzort", "wohnort")),
    Column("state", "Bundesland", ("land", "region")),
    Column("lat", "Breitengrad", ("breite", "lat", "latitude")),
    Column("lon", "Längengrad", ("laenge", "lon", "lng", "longitude")),
    Column(
        "start_date",
        "Eintrittsdatum",
        ("eintritt", "beginn", "ausbildungsbeginn", "start", "startdatum", "eintrittstermin", "ab"),
    ),
    Column(
        "application_deadline",
        "Bewerbungsschluss",
        ("bewerbungsfrist", "bewerben bis", "frist", "bewerbung bis"),
    ),
    Column("working_time", "Arbeitszeit", ("arbeitszeitmodell", "umfang", "vollzeit teilzeit")),
    Column("fixed_term", "Befristet", ("befristung", "befristet ja nein", "vertragsdauer")),
    Column(
        "required_school",
        "Schulabschluss",
        (
            "abschluss",
            "bildungsabschluss",
            "geforderter schulabschluss",
            "mindestabschluss",
            "schulabschluss erforderlich",
        ),
    ),
    Column(
        "positions",
        "Anzahl Stellen",
        ("anzahl", "stellen", "plaetze", "anzahl plaetze", "offene stellen"),
    ),
    Column("driving_licence", "Führerschein", ("fuehrerscheinklasse", "fahrerlaubnis")),
    Column(
        "german_level", "Deutsch (GER)", ("deutsch", "deutschkenntnisse", "sprachniveau deutsch")
    ),
    Column(
        "skills_required",
        "Kenntnisse (Pflicht)",
        (
            "kenntnisse",
            "anforderungen",
            "fertigkeiten",
            "pflichtkenntnisse",
            "erforderliche kenntnisse",
            "kenntnisse erforderlich",
            "voraussetzungen",
            "qualifikationen",
            "zertifikate",
        ),
    ),
    Column(
        "skills_nice",
        "Kenntnisse (wünschenswert)",
        (
            "wuenschenswerte kenntnisse",
            "kenntnisse wuenschenswert",
            "wuenschenswert",
            "von vorteil",
            "kenntnisse von vorteil",
            "optionale kenntnisse",
            "zusatzkenntnisse",
            "nice to have",
        ),
    ),
    # One list column ("Zeitarbeit; Quereinstieg"), or columns named after one flag with ja/nein.
    Column(
        "flags",
        "Merkmale",
        (
            "merkmal",
            "stellenmerkmale",
            "kennzeichen",
            "besonderheiten",
            "zeitarbeit",
            "arbeitnehmerueberlassung",
            "private arbeitsvermittlung",
            "quereinstieg",
            "quereinstieg geeignet",
            "fuer quereinsteiger",
            "fuer gefluechtete",
            "fuer gefluechtete geeignet",
            "nur fuer schwerbehinderte",
        ),
    ),
    Column(
        "contact_name",
        "Ansprechpartner",
        ("ansprechperson", "kontakt", "ansprechpartnerin", "ansprechpartner in"),
    ),
    Column("contact_phone", "Telefon", ("tel", "telefonnummer", "tel nr", "rufnummer")),
    Column("contact_email", "E-Mail", ("email", "e mail", "mail", "e-mail-adresse")),
    Column("url", "Link", ("url", "internet", "webseite", "website", "externe url", "stellenlink")),
    Column(
        "salary_text",
        "Vergütung",
        ("verguetung", "gehalt", "lohn", "entgelt", "ausbildungsverguetung"),
    ),
    Column(
        "description", "Beschreibung", ("stellenbeschreibung", "text", "taetigkeit", "aufgaben")
    ),
    Column(
        "modified_at", "Geändert am", ("geaendert", "aenderungsdatum", "stand", "letzte aenderung")
    ),
)
COLUMN_BY_FIELD = {column.field: column for column in OFFER_COLUMNS}
MAX_SKILL_CELL = 4000
STATE_CODES = frozenset(STATE_NAMES_TO_CODES.values())
REQUIRED_FIELDS = ("reference",)
REPEATABLE_FIELDS = frozenset({"flags"})  # several ja/nein flag columns may be mapped
_NAME_ATTRIBUTES = {"skills_required": "required_skill_names", "skills_nice": "nice_skill_names"}


def header_key(text: str) -> str:
    return fold(text).replace("_", " ").replace(".", "").replace(":", "").replace("-", " ").strip()


_ALIASES: dict[str, str] = {}
for _column in OFFER_COLUMNS:
    for _text in (_column.label, _column.field, *_column.aliases):
        _ALIASES.setdefault(header_key(_text), _column.field)


def suggest_mapping(header: list[str]) -> dict[str, str]:
    """{header text: field} for the columns recognised; each field used once (first column wins)."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for title in header:
        field = _ALIASES.get(header_key(title))
        if field and (field not in used or field in REPEATABLE_FIELDS) and title not in mapping:
            mapping[title] = field
            used.add(field)
    return mapping


def _parse_cell(field: str, value: Any) -> Any:
    if field in ("start_date", "application_deadline"):
        return parse_date(value)
    if field == "modified_at":
        return parse_timestamp(value)
    if field == "offer_type":
        return parse_offer_type(value) or "unklar"
    if field == "working_time":
        return parse_working_time(value)
    if field == "fixed_term":
        return parse_bool(value)
    if field == "postcode":
        return parse_postcode(value)
    if field == "kldb_code":
        return parse_kldb(value)
    if field in ("lat", "lon"):
        number = parse_decimal(value)
        limit = 90 if field == "lat" else 180
        if number is not None and not -limit <= number <= limit:
            raise ValueError(f"„{clean(value)}“ liegt außerhalb von ±{limit} Grad")
        return number
    if field == "positions":
        number = parse_int(value)
        if number is not None and not 1 <= number <= 9999:
            raise ValueError(f"„{clean(value)}“ ist keine sinnvolle Anzahl (1 bis 9999)")
        return number or 1
    if field == "required_school":
        text = clean(value)
        if not text:
            return ""
        level = parse_school(text)
        if level is None:
            raise ValueError(f"„{text}“ ist kein bekannter Schulabschluss")
        return level.code
    if field == "german_level":
        text = clean(value)
        cefr = parse_cefr(text) if text else None
        if text and cefr is None:
            raise ValueError(f"„{text}“ ist kein Sprachniveau (A1 bis C2)")
        return cefr.code if cefr else ""
    if field == "driving_licence":
        return ",".join(parse_licences(clean(value)))
    if field == "state":
        text = clean(value)
        # only the sixteen codes: "ßa".upper() is "SSA", and "XY" is no state
        return text.upper() if text.upper() in STATE_CODES else state_code(text)
    if field == "description":
        text = str(value).strip() if value is not None else ""
        if len(text) > MAX_TEXT_CHARS:
            raise ValueError(
                f"die Beschreibung ist länger als {german_count(MAX_TEXT_CHARS)} Zeichen"
            )
        return text
    return clean(value)


def header_flag(title: str) -> str | None:
    """The flag a column header names on its own ("Zeitarbeit"), else None ("Merkmale")."""
    try:
        named = [code for code, on in parse_flags(title).items() if on]
    except ValueError:
        return None
    return named[0] if len(named) == 1 else None


def _flags_cell(value: Any, flag: str | None) -> dict[str, bool]:
    """A list cell states every flag; ja/nein under a flag's own header states that flag only."""
    if flag is not None:
        text = clean(value)
        try:
            answer = parse_bool(text)
        except ValueError:
            answer = None
        if answer is not None or not text:
            return {} if answer is None else {flag: answer}
        return {code: True for code, on in parse_flags(value).items() if on}
    return parse_flags(value)


def read_offer_table(
    table: Table, name: str, mapping: Mapping[str, str] | None = None
) -> tuple[list[OfferRecord], list[RowError], frozenset[str]]:
    """(offers, errors, fields the file supplies). Missing required columns refuse the file."""
    mapping = dict(mapping) if mapping is not None else suggest_mapping(table.header)
    columns: list[tuple[int, str]] = [
        (index, mapping[title])
        for index, title in enumerate(table.header)
        if title in mapping and mapping[title] in COLUMN_BY_FIELD
    ]
    fields = {field for _, field in columns}
    missing = [COLUMN_BY_FIELD[f].label for f in REQUIRED_FIELDS if f not in fields]
    if "title" not in fields and "occupation_name" not in fields:
        missing.append("Titel (oder Beruf)")
    if missing:
        found = ", ".join(f"„{t}“" for t in table.header[:12] if t) or "keine"
        raise ImportRefused(
            f"In der Datei {name} fehlt die Spalte {' und '.join(f'„{m}“' for m in missing)} "
            f"(Kopfzeile, Zeile 1). Gefundene Spalten: {found}."
        )
    offers: list[OfferRecord] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    flag_of = {index: header_flag(table.header[index]) for index, f in columns if f == "flags"}
    for line, cells in table.rows:
        record = OfferRecord(line=line, reference="")
        failed = False

        def problem(column: str, message: str, line: int = line) -> None:
            errors.append(RowError(line, column, f"Zeile {line}, Spalte „{column}“: {message}"))

        for index, field in columns:
            value = cells[index] if index < len(cells) else None
            try:
                if field in _NAME_ATTRIBUTES:
                    text = clean(value)[:MAX_SKILL_CELL]
                    setattr(record, _NAME_ATTRIBUTES[field], (text,) if text else ())
                elif field == "flags":
                    record.flags = {**(record.flags or {}), **_flags_cell(value, flag_of[index])}
                else:
                    setattr(record, field, _parse_cell(field, value))
            except ValueError as exc:
                problem(table.header[index], str(exc))
                failed = True
        _check(record, table, columns, problem, seen)
        if failed or (errors and errors[-1].line == line):
            continue
        seen[record.reference] = line
        offers.append(record)
    return offers, errors, frozenset(fields - {"reference"})


def _check(
    record: OfferRecord,
    table: Table,
    columns: list[tuple[int, str]],
    problem: Callable[[str, str], None],
    seen: dict[str, int],
) -> None:
    label = {field: table.header[index] for index, field in columns}
    if not record.title:
        record.title = record.occupation_name
    if record.offer_type == "unklar":  # no type column, or an empty cell: the title may say it
        record.offer_type = offer_type_from_title(record.title) or "unklar"
    if not record.reference:
        problem(label["reference"], "die Referenznummer fehlt")
    elif len(record.reference) > 80:
        problem(label["reference"], "die Referenznummer ist länger als 80 Zeichen")
    elif record.reference in seen:
        problem(
            label["reference"],
            f"Referenznummer {record.reference} steht schon in Zeile {seen[record.reference]}",
        )
    if not record.title:
        problem(
            label.get("title") or label.get("occupation_name", "Titel"), "Titel und Beruf fehlen"
        )
    if (record.lat is None) != (record.lon is None):
        problem(
            label.get("lat") or label.get("lon", "Breitengrad"),
            "nur eine der beiden Koordinaten ist angegeben",
        )
    if (
        record.start_date
        and record.application_deadline
        and record.application_deadline > record.start_date + timedelta(days=366)
    ):
        problem(
            label["application_deadline"],
            "der Bewerbungsschluss liegt über ein Jahr nach dem Eintritt",
        )
