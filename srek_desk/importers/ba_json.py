"""Reader for BA Jobsuche JSON: search responses, lists of them, job details, old and 2026 names.

Old names (`refnr`, `titel`, `beruf`, `arbeitgeber`, `arbeitsort{plz, ort, koordinaten{lat, lon}}`,
`arbeitszeitmodelle`, `befristung` …) and the names seen since 2026 (`referenznummer`,
`stellenangebotsTitel`, `firma`, `hauptberuf`, `stellenlokationen[].adresse` with `breite`/`laenge`,
`arbeitszeitVollzeit` …, `geforderterBildungsabschluss`, `ausbildungsart`) are both read.
Unknown fields are ignored; records are numbered in file order ("Datensatz 3").
Skills come from `fertigkeiten` (levels: see importers.skills), flags from `fuerFluechtlingeGeeignet`,
`nurFuerSchwerbehinderte`/`istBehinderungGefordert`, `quereinstiegGeeignet`,
`zeitarbeit`/`istArbeitnehmerUeberlassung` and `istPrivateArbeitsvermittlung` (a flag the record
does not mention keeps its stored value). The offer type comes from `angebotsart` /
`stellenangebotsart`, `studiengang`/`ausbildungsart`, else from a title that names it; otherwise
it is "unklar" (search listings carry no type: it is a filter of the query).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from srek_desk.db.codes import join_codes
from srek_desk.importers.errors import ImportRefused, RowError
from srek_desk.importers.records import OfferRecord
from srek_desk.importers.skills import read_ba_flags, read_fertigkeiten
from srek_desk.importers.values import (
    MAX_RECORDS,
    MAX_TEXT_CHARS,
    clean,
    fold,
    german_count,
    offer_type_from_title,
    parse_date,
    parse_decimal,
    parse_int,
    parse_postcode,
    parse_timestamp,
    state_code,
)
from srek_desk.reference.qualifications import parse_school

_LIST_KEYS = ("stellenangebote", "ergebnisliste")
_REFERENCE_KEYS = ("refnr", "referenznummer")
# `angebotsart` / `stellenangebotsart` (codes of the search filter, names in job details):
# 1 ARBEIT, 2 SELBSTAENDIGKEIT, 4 AUSBILDUNG/Duales Studium, 34 Praktikum/Trainee.
_ANGEBOTSART = {
    "1": "arbeit",
    "arbeit": "arbeit",
    "2": "arbeit",
    "selbstaendigkeit": "arbeit",
    "4": "ausbildung",
    "ausbildung": "ausbildung",
    "ausbildung_duales_studium": "ausbildung",
    "ausbildung/duales_studium": "ausbildung",
    "duales_studium": "duales_studium",
    "34": "praktikum",
    "praktikum_trainee": "praktikum",
    "praktikum/trainee": "praktikum",
    "praktikum": "praktikum",
    "trainee": "praktikum",
}
_ARBEITSZEIT = {
    "vollzeit": "vollzeit",
    "teilzeit": "teilzeit",
    "schicht_nachtarbeit_wochenende": "schicht",
    "minijob": "minijob",
}
_BOOL_TIMES = (
    ("arbeitszeitVollzeit", "vollzeit"),
    ("arbeitszeitTeilzeitVormittag", "teilzeit"),
    ("arbeitszeitTeilzeitNachmittag", "teilzeit"),
    ("arbeitszeitTeilzeitAbend", "teilzeit"),
    ("arbeitszeitTeilzeitFlexibel", "teilzeit"),
    ("arbeitszeitSchichtNachtWochenende", "schicht"),
    ("istGeringfuegigeBeschaeftigung", "minijob"),
)
JOBDETAIL_URL = "https://www.arbeitsagentur.de/jobsuche/jobdetail/{}"


def load_json(data: bytes, name: str) -> Any:
    """Parse JSON, refusing invalid or truncated files with line and column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRefused(
            f"Die Datei {name} ist kein gültiges JSON: Zeile {line} ist nicht UTF-8-kodiert."
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) - 1:
            reason = "die Datei endet mitten in einem Eintrag (abgeschnitten?)"
        else:
            reason = f"unerwartetes Zeichen ({exc.msg})"
        raise ImportRefused(
            f"Die Datei {name} ist kein gültiges JSON: Zeile {exc.lineno}, Spalte {exc.colno}: "
            f"{reason}."
        ) from None
    except ValueError:  # an integer of more than 4300 digits (int_max_str_digits)
        raise ImportRefused(
            f"Die Datei {name} ist kein gültiges JSON: Sie enthält eine Zahl mit zu vielen Stellen."
        ) from None
    except RecursionError:
        raise ImportRefused(f"Die Datei {name} ist zu tief verschachtelt.") from None


def _records(document: Any, name: str) -> Iterator[tuple[str, Any]]:
    """(where, raw record) in file order; `where` describes the place for messages."""
    parts = document if isinstance(document, list) else [document]
    found = False
    for number, part in enumerate(parts, 1):
        where = f"Antwort {number}" if isinstance(document, list) else ""
        if isinstance(part, dict):
            key = next((k for k in _LIST_KEYS if k in part), None)
            if key is not None:
                found = True
                items = part[key]
                if items is None:
                    continue
                if not isinstance(items, list):
                    yield f"{where} „{key}“".strip(), items
                    continue
                for index, item in enumerate(items):
                    yield f"{key}[{index}]" + (f" in {where}" if where else ""), item
                continue
            if any(k in part for k in _REFERENCE_KEYS):
                found = True
                yield where or "Stellendetails", part
                continue
        found = found or (isinstance(document, list) and bool(parts))
        yield where or "Datei", part
    if not found:
        raise ImportRefused(
            f"Die Datei {name} ist JSON, aber keine Antwort der BA-Jobsuche: Es fehlen "
            "„stellenangebote“ und „refnr“/„referenznummer“."
        )


def _first(item: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        value = item.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _location(item: dict[str, Any]) -> dict[str, Any]:
    """Street, postcode, place, region, country and coordinates from any of the three shapes."""
    place = item.get("arbeitsort")
    if not isinstance(place, dict):
        places = item.get("arbeitsorte")
        place = places[0] if isinstance(places, list) and places else None
    if isinstance(place, dict):
        coordinates = place.get("koordinaten") or {}
        if not isinstance(coordinates, dict):
            coordinates = {}
        return {
            "street": place.get("strasse"),
            "postcode": place.get("plz"),
            "place": place.get("ort"),
            "region": place.get("region"),
            "country": place.get("land"),
            "lat": coordinates.get("lat"),
            "lon": coordinates.get("lon"),
        }
    locations = item.get("stellenlokationen")
    location = locations[0] if isinstance(locations, list) and locations else None
    if isinstance(location, dict):
        address = location.get("adresse") or {}
        if not isinstance(address, dict):
            address = {}
        street = " ".join(
            p for p in (clean(address.get("strasse")), clean(address.get("hausnummer"))) if p
        )
        return {
            "street": street,
            "postcode": address.get("plz"),
            "place": address.get("ort"),
            "region": address.get("region"),
            "country": address.get("land"),
            "lat": location.get("breite"),
            "lon": location.get("laenge"),
        }
    return {}


def _working_time(item: dict[str, Any]) -> str:
    codes: list[str] = []
    models = item.get("arbeitszeitmodelle")
    if isinstance(models, list):
        codes += [_ARBEITSZEIT[m] for m in (fold(str(x)) for x in models) if m in _ARBEITSZEIT]
    codes += [code for key, code in _BOOL_TIMES if item.get(key) is True]
    return join_codes(codes)


def _offer_type(item: dict[str, Any]) -> str:
    """The type the record states, else what its title names, else "unklar" (never a guess).

    Search listings carry no type (it is a filter of the query): the fetch or `--type` may
    say it for them (ImportOptions.offer_type)."""
    title = _text(_first(item, "titel", "stellenangebotsTitel"))
    named = offer_type_from_title(title)
    if _first(item, "studiengang", "studienform") or "dual" in fold(
        _text(item.get("ausbildungsart"))
    ):
        return "duales_studium"
    raw = _first(item, "angebotsart", "stellenangebotsart")
    code = _ANGEBOTSART.get(fold(_text(raw)).replace(" ", "_")) if raw is not None else None
    if code is None and _text(_first(item, "ausbildungsart")):
        code = "ausbildung"
    if code == "ausbildung" and named == "duales_studium":
        return named  # code 4 is "Ausbildung/Duales Studium"; the title tells which
    return code or named or "unklar"


def _fixed_term(item: dict[str, Any]) -> bool | None:
    text = fold(clean(_first(item, "befristung", "vertragsdauer")))
    if not text:
        return None
    if "unbefristet" in text:
        return False
    return "befristet" in text or any(ch.isdigit() for ch in text)


def _text(value: Any) -> str:
    return clean(value) if isinstance(value, str | int | float) else ""


def _description(item: dict[str, Any], problem: Callable[[str, str], None]) -> str:
    value = _first(item, "stellenbeschreibung", "stellenangebotsBeschreibung")
    if not isinstance(value, str):
        return ""  # a list or object here is no text (and its repr could recurse very deep)
    if len(value) > MAX_TEXT_CHARS:
        problem(
            "stellenbeschreibung",
            f"die Beschreibung ist länger als {german_count(MAX_TEXT_CHARS)} Zeichen",
        )
        return ""
    return value.strip()


def _record(number: int, item: dict[str, Any], problem: Callable[[str, str], None]) -> OfferRecord:
    reference = _text(_first(item, *_REFERENCE_KEYS))
    occupation = _text(_first(item, "beruf", "hauptberuf"))
    record = OfferRecord(
        line=number,
        reference=reference,
        title=_text(_first(item, "titel", "stellenangebotsTitel")) or occupation,
        offer_type=_offer_type(item),
        occupation_name=occupation,
        employer_name=_text(_first(item, "arbeitgeber", "firma")),
        working_time=_working_time(item),
        fixed_term=_fixed_term(item),
        salary_text=_text(_first(item, "verguetung", "verguetungsangabe"))[:200],
        description=_description(item, problem),
        url=_text(_first(item, "externeUrl", "externeURL"))
        or (JOBDETAIL_URL.format(reference) if reference else ""),
    )
    record.flags = read_ba_flags(item)
    skills = read_fertigkeiten(item.get("fertigkeiten"))
    if skills is not None:
        record.required_skill_names, record.nice_skill_names = skills
    website = _text(item.get("arbeitgeberdarstellungUrl"))
    record.employer_website = website if website.startswith("http") else ""
    school = _text(item.get("geforderterBildungsabschluss"))
    if school:
        level = parse_school(school)
        record.required_school = level.code if level else ""
    location = _location(item)
    record.street = _text(location.get("street"))
    record.place = _text(location.get("place"))
    record.country = _text(location.get("country"))
    record.state = state_code(_text(location.get("region")))
    try:
        record.postcode = parse_postcode(location.get("postcode"))
    except ValueError as exc:
        problem("plz", f"Arbeitsort-Postleitzahl: {exc}")
    try:
        lat, lon = parse_decimal(location.get("lat")), parse_decimal(location.get("lon"))
        if lat is not None and lon is not None:
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError(f"Koordinaten {lat}, {lon} liegen außerhalb der Erde")
            record.lat, record.lon = lat, lon
    except ValueError as exc:
        problem("koordinaten", str(exc))
    positions = _first(item, "anzahlOffeneStellen")
    try:
        count = parse_int(positions) if not isinstance(positions, list | dict) else None
        if count is not None and count > 9999:
            raise ValueError(f"„{clean(positions)}“ ist keine sinnvolle Anzahl (1 bis 9999)")
        record.positions = count if count and count > 0 else 1
    except ValueError as exc:
        problem("anzahlOffeneStellen", str(exc))
    start = _first(item, "eintrittsdatum")
    if start is None and isinstance(item.get("eintrittszeitraum"), dict):
        start = item["eintrittszeitraum"].get("von")
    published = _first(item, "aktuelleVeroeffentlichungsdatum", "datumErsteVeroeffentlichung")
    if published is None and isinstance(item.get("veroeffentlichungszeitraum"), dict):
        published = item["veroeffentlichungszeitraum"].get("von")
    published = published or item.get("ersteVeroeffentlichungsdatum")
    for field, value in (
        ("eintrittsdatum", start),
        ("aktuelleVeroeffentlichungsdatum", published),
        ("modifikationsTimestamp", _first(item, "modifikationsTimestamp", "aenderungsdatum")),
    ):
        try:
            if field == "eintrittsdatum":
                record.start_date = parse_date(_text(value)[:10])
            elif field == "aktuelleVeroeffentlichungsdatum":
                record.published_at = parse_timestamp(_text(value))
            else:
                record.modified_at = parse_timestamp(_text(value))
        except ValueError as exc:
            problem(field, str(exc))
    return record


def read_ba_json(data: bytes, name: str) -> tuple[list[OfferRecord], list[RowError], int]:
    """(offers, errors, records seen). Search listings and details of one refnr are merged."""
    document = load_json(data, name)
    offers: list[OfferRecord] = []
    errors: list[RowError] = []
    seen: dict[str, tuple[int, bool]] = {}  # reference -> (index in offers, is_detail)
    number = 0
    try:
        for where, item in _records(document, name):
            number += 1
            if number > MAX_RECORDS:
                raise ImportRefused(
                    f"Die Datei {name} enthält mehr als {german_count(MAX_RECORDS)} Datensätze; "
                    "bitte in kleinere Dateien aufteilen."
                )

            def problem(field: str, message: str, number: int = number, where: str = where) -> None:
                errors.append(
                    RowError(
                        number, field, f"Datensatz {number} ({where}), Feld „{field}“: {message}"
                    )
                )

            if not isinstance(item, dict):
                problem("refnr", "ist kein Stellenangebot (kein JSON-Objekt)")
                continue
            failures_before = len(errors)
            record = _record(number, item, problem)
            if not record.reference:
                problem("refnr", "die Referenznummer fehlt")
            elif len(record.reference) > 80:
                problem("refnr", "die Referenznummer ist länger als 80 Zeichen")
            if not record.title:
                problem("titel", "Titel und Beruf fehlen")
            if len(errors) > failures_before:
                continue
            is_detail = "stellenangebote" not in where and "ergebnisliste" not in where
            if record.reference in seen:
                index, was_detail = seen[record.reference]
                if was_detail != is_detail:
                    offers[index] = _merge(offers[index], record, detail_wins=is_detail)
                    seen[record.reference] = (index, True)
                    continue
                first = offers[index].line
                problem(
                    "refnr", f"Referenznummer {record.reference} steht schon in Datensatz {first}"
                )
                continue
            seen[record.reference] = (len(offers), is_detail)
            offers.append(record)
    except RecursionError:  # values nested just below the parser's limit, turned into text
        raise ImportRefused(f"Die Datei {name} ist zu tief verschachtelt.") from None
    return offers, errors, number


def _merge(old: OfferRecord, new: OfferRecord, *, detail_wins: bool) -> OfferRecord:
    """A search listing and the job details of the same offer: details fill and win."""
    base, extra = (old, new) if not detail_wins else (new, old)
    for field in base.__slots__:  # type: ignore[attr-defined]
        if field == "line":
            continue
        if getattr(base, field) in (None, "", 1 if field == "positions" else None):
            setattr(base, field, getattr(extra, field))
    if base.flags is not None and extra.flags is not None:
        base.flags = {**extra.flags, **base.flags}
    base.line = min(old.line, new.line)
    return base
