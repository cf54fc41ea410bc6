"""Clients from a spreadsheet an office kept before SREK Desk (CSV or XLSX, German headers).

Recognised headers (any order, other columns ignored): `Kundennummer;Vorname;Nachname;Geburtsdatum;
PLZ;Schulabschluss;Berufswunsch (KldB);Max. Fahrzeit (Min);Führerschein;Auto;Verkehrsmittel;Umzug;
Arbeitszeit;Verfügbar ab;Deutsch (GER)` plus E-Mail, Telefon, Straße, Ort and Kenntnisse
("Staplerschein; Erste Hilfe": kept as text here, turned into skill codes by the import service,
which knows the office's vocabulary).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from srek_desk.db.codes import join_codes
from srek_desk.importers.errors import ImportRefused, RowError
from srek_desk.importers.records import ClientRecord
from srek_desk.importers.tabular import FORMULA_STARTS, Table
from srek_desk.importers.values import (
    clean,
    fold,
    parse_bool,
    parse_date,
    parse_int,
    parse_kldb,
    parse_postcode,
    parse_working_time,
)
from srek_desk.reference.qualifications import parse_cefr, parse_licences, parse_school

CLIENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "customer_number": ("kundennummer", "kunden nr", "kundennr", "kd nr", "bg nummer"),
    "first_name": ("vorname",),
    "last_name": ("nachname", "name", "familienname"),
    "birth_date": ("geburtsdatum", "geboren", "geb datum", "geburtstag"),
    "email": ("e mail", "email", "mail"),
    "phone": ("telefon", "tel", "handy", "mobil"),
    "street": ("strasse", "anschrift", "adresse"),
    "home_postcode": ("plz", "postleitzahl", "wohnort plz"),
    "home_place": ("ort", "wohnort"),
    "school_qualification": ("schulabschluss", "abschluss", "hoechster schulabschluss"),
    "occupations": ("berufswunsch (kldb)", "berufswunsch", "berufswuensche", "wunschberuf", "kldb"),
    "max_commute_minutes": (
        "max fahrzeit (min)",
        "max fahrzeit",
        "fahrzeit",
        "max fahrzeit min",
        "maximale fahrzeit",
    ),
    "driving_licences": ("fuehrerschein", "fuehrerscheinklassen", "fahrerlaubnis"),
    "has_car": ("auto", "pkw", "eigenes auto"),
    "mobility_modes": ("verkehrsmittel", "mobilitaet"),
    "willing_to_relocate": ("umzug", "umzugsbereit", "umzugsbereitschaft"),
    "working_time": ("arbeitszeit",),
    "earliest_start": ("verfuegbar ab", "verfuegbar", "eintritt ab", "frühester beginn"),
    "german_level": ("deutsch (ger)", "deutsch", "deutschkenntnisse", "deutsch ger"),
    "skills_text": (
        "kenntnisse",
        "kenntnisse und nachweise",
        "fertigkeiten",
        "zertifikate",
        "nachweise",
    ),
}
LABELS = {
    "customer_number": "Kundennummer",
    "last_name": "Nachname",
    "home_postcode": "PLZ",
}
_MODES = {
    "auto": "car", "pkw": "car", "car": "car",
    "oepnv": "pt", "bus": "pt", "bahn": "pt", "bus und bahn": "pt", "pt": "pt", "zug": "pt",
    "fahrrad": "bike", "rad": "bike", "bike": "bike", "e bike": "bike", "pedelec": "bike",
    "zu fuss": "walk", "fuss": "walk", "walk": "walk", "zu fuß": "walk", "fuß": "walk",
}  # fmt: skip


@dataclass(slots=True)
class ClientRow(ClientRecord):
    """A client row with the raw text of its Kenntnisse cell (resolved by the import service)."""

    skills_text: str = ""


def _key(text: str) -> str:
    return re.sub(
        r"\s+", " ", fold(text).replace(".", "").replace("-", " ").replace("_", " ")
    ).strip()


_ALIASES = {_key(alias): field for field, aliases in CLIENT_COLUMNS.items() for alias in aliases}


def _modes(value: Any) -> str:
    codes: list[str] = []
    for part in re.split(r"[,;/+]|\bund\b", clean(value)):
        key = _key(part)
        if not key:
            continue
        if key not in _MODES:
            raise ValueError(
                f"„{clean(part)}“ ist kein Verkehrsmittel (Auto, ÖPNV, Fahrrad, zu Fuß)"
            )
        codes.append(_MODES[key])
    return join_codes(codes)


_WISH_SEPARATOR = re.compile(r"\s*[,;]\s*|\s+/\s+")


def _occupations(value: Any, resolve: Callable[[str], str | None]) -> tuple[str, ...]:
    codes: list[str] = []
    text = clean(value)
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
    elif isinstance(value, float) and value.is_integer():  # never int(inf)
        text = str(int(value))
    # Wishes are separated by "," or ";" (or " / " with spaces); a slash inside a name is a
    # gender or variant form ("Mechatroniker/in", "Kaufmann/-frau im Einzelhandel").
    for part in _WISH_SEPARATOR.split(text):
        part = part.strip()
        if not part:
            continue
        if part[:1].isdigit():
            code = parse_kldb(part)
        else:
            code = resolve(part)
            if code is None:
                raise ValueError(
                    f"Berufswunsch „{part}“ lässt sich keinem Beruf sicher zuordnen; bitte die "
                    "KldB-Kennziffer oder den genauen Berufsnamen eintragen"
                )
        if code and code not in codes:
            codes.append(code)
    return tuple(codes)


def _parse(field: str, value: Any, resolve: Callable[[str], str | None]) -> Any:
    if field in ("birth_date", "earliest_start"):
        return parse_date(value)
    if field == "home_postcode":
        return parse_postcode(value)
    if field == "school_qualification":
        text = clean(value)
        level = parse_school(text) if text else None
        if text and level is None:
            raise ValueError(f"„{text}“ ist kein bekannter Schulabschluss")
        return level.code if level else ""
    if field == "occupations":
        return _occupations(value, resolve)
    if field == "max_commute_minutes":
        minutes = parse_int(value)
        if minutes is not None and not 0 < minutes <= 300:
            raise ValueError(f"„{clean(value)}“ Minuten sind keine sinnvolle Fahrzeit (1 bis 300)")
        return minutes if minutes is not None else 45
    if field == "driving_licences":
        text = clean(value)
        licences = parse_licences(text)
        if text and not licences and fold(text) not in ("nein", "keiner", "kein", "-"):
            raise ValueError(f"„{text}“ ist keine Führerscheinklasse (z. B. B, BE)")
        return ",".join(licences)
    if field in ("has_car", "willing_to_relocate"):
        return bool(parse_bool(value))
    if field == "mobility_modes":
        return _modes(value)
    if field == "working_time":
        return parse_working_time(value)
    if field == "german_level":
        text = clean(value)
        cefr = parse_cefr(text) if text else None
        if text and cefr is None:
            raise ValueError(f"„{text}“ ist kein Sprachniveau (A1 bis C2)")
        return cefr.code if cefr else ""
    text = clean(value)
    if field in ("first_name", "last_name") and text.startswith(FORMULA_STARTS):
        raise ValueError(
            f"ein Name darf nicht mit „{text[0]}“ beginnen (Tabellenprogramme wie Excel würden "
            "ihn in einer Liste als Formel ausführen)"
        )
    return text


def read_client_table(
    table: Table, name: str, resolve_occupation: Callable[[str], str | None]
) -> tuple[list[ClientRecord], list[RowError], frozenset[str]]:
    """(clients, errors, fields the file supplies); a missing Kundennummer column refuses the file."""
    columns: list[tuple[int, str]] = []
    used: set[str] = set()
    for index, title in enumerate(table.header):
        field = _ALIASES.get(_key(title))
        if field and field not in used:
            columns.append((index, field))
            used.add(field)
    missing = [
        LABELS[f] for f in ("customer_number", "last_name", "home_postcode") if f not in used
    ]
    if missing:
        raise ImportRefused(
            f"In der Datei {name} fehlt die Spalte {' und '.join(f'„{m}“' for m in missing)} "
            "(Kopfzeile, Zeile 1). Erwartet wird z. B. „Kundennummer;Vorname;Nachname;Geburtsdatum;PLZ;…“."
        )
    clients: list[ClientRecord] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        record = ClientRow(line=line, customer_number="")
        count = len(errors)
        for index, field in columns:
            value = cells[index] if index < len(cells) else None
            try:
                setattr(record, field, _parse(field, value, resolve_occupation))
            except ValueError as exc:
                errors.append(
                    RowError(
                        line,
                        table.header[index],
                        f"Zeile {line}, Spalte „{table.header[index]}“: {exc}",
                    )
                )
        label = table.header[next(i for i, f in columns if f == "customer_number")]
        if not record.customer_number:
            errors.append(
                RowError(line, label, f"Zeile {line}, Spalte „{label}“: die Kundennummer fehlt")
            )
        elif len(record.customer_number) > 40:
            errors.append(
                RowError(
                    line,
                    label,
                    f"Zeile {line}, Spalte „{label}“: die Kundennummer ist länger als 40 Zeichen",
                )
            )
        elif record.customer_number in seen:
            errors.append(
                RowError(
                    line,
                    label,
                    f"Zeile {line}, Spalte „{label}“: Kundennummer {record.customer_number} steht schon in Zeile {seen[record.customer_number]}",
                )
            )
        if len(errors) > count:
            continue
        if "mobility_modes" not in used:
            record.mobility_modes = join_codes(["car", "pt"] if record.has_car else ["pt"])
        seen[record.customer_number] = line
        clients.append(record)
    return clients, errors, frozenset(used - {"customer_number"})
