"""Reading an office's travel-time table: CSV `from_postcode;to_postcode;mode;minutes`.

Rows come back as plain tuples with per-row errors (German, naming the line); the matching side
holds them in `srek_desk.matching.travel_times.TravelTimes`.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from srek_desk.importers.errors import ImportRefused, RowError

MODE_WORDS = {
    "car": "car",
    "auto": "car",
    "pkw": "car",
    "drive": "car",
    "driving": "car",
    "pt": "pt",
    "oepnv": "pt",
    "öpnv": "pt",
    "bus": "pt",
    "bahn": "pt",
    "transit": "pt",
    "bike": "bike",
    "fahrrad": "bike",
    "rad": "bike",
    "bicycle": "bike",
}
HEADER = ("from_postcode", "to_postcode", "mode", "minutes")
MAX_TRAVEL_TIME_BYTES = 20_000_000  # a full table of the region's postcode pairs is far smaller


def parse_travel_times(
    path: Path, is_valid_postcode=None
) -> tuple[list[tuple[str, str, str, float]], list[RowError]]:  # type: ignore[no-untyped-def]
    """Read the CSV; every bad row is reported with line and field, good rows are returned."""
    if path.stat().st_size > MAX_TRAVEL_TIME_BYTES:
        raise ImportRefused(
            f"Die Fahrzeittabelle {path.name} ist größer als "
            f"{MAX_TRAVEL_TIME_BYTES // 1_000_000} MB; bitte aufteilen."
        )
    data = path.read_bytes()
    if not data.strip() or not data.removeprefix(b"\xef\xbb\xbf").strip():
        raise ImportRefused(f"Die Fahrzeittabelle {path.name} ist leer.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="strict") if _is_cp1252(data) else ""
        if not text:
            raise ImportRefused(
                f"Die Fahrzeittabelle {path.name} ist weder UTF-8 noch Windows-1252."
            ) from None
    first_line = text.lstrip("\r\n").splitlines()[0]
    dialect_delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect_delimiter)
    try:
        return _read_rows(path, reader, is_valid_postcode)
    except csv.Error as exc:
        raise ImportRefused(
            f"Die Fahrzeittabelle {path.name} ist keine lesbare CSV-Datei "
            f"(Zeile {reader.line_num}: {exc})."
        ) from None


def _read_rows(
    path: Path, reader: Any, is_valid_postcode: Any
) -> tuple[list[tuple[str, str, str, float]], list[RowError]]:
    header = [h.strip().lower() for h in next(reader)]
    missing = [name for name in HEADER if name not in header]
    if missing:
        raise ImportRefused(
            f"Der Fahrzeittabelle {path.name} fehlen Spalten: {', '.join(missing)} "
            f"(erwartet: {';'.join(HEADER)})."
        )
    col = {name: header.index(name) for name in HEADER}
    rows: list[tuple[str, str, str, float]] = []
    errors: list[RowError] = []
    for record in reader:
        line = reader.line_num  # the file's line, also when a cell spans lines
        if not any(cell.strip() for cell in record):
            continue
        try:
            values = {name: record[col[name]].strip() for name in HEADER}
        except IndexError:
            errors.append(RowError(line, "", f"Zeile {line}: zu wenige Spalten."))
            continue
        bad = False
        for name in ("from_postcode", "to_postcode"):
            code = values[name]
            if not (len(code) == 5 and code.isdigit()) or (
                is_valid_postcode and not is_valid_postcode(code)
            ):
                errors.append(
                    RowError(line, name, f"Zeile {line}: „{code}“ ist keine bekannte Postleitzahl.")
                )
                bad = True
        mode = MODE_WORDS.get(values["mode"].lower())
        if mode is None:
            errors.append(
                RowError(
                    line,
                    "mode",
                    f"Zeile {line}: Verkehrsmittel „{values['mode']}“ unbekannt (car, pt, bike).",
                )
            )
            bad = True
        try:
            minutes = float(values["minutes"].replace(",", "."))
            if not 0 <= minutes <= 1440:
                raise ValueError
        except ValueError:
            errors.append(
                RowError(
                    line, "minutes", f"Zeile {line}: „{values['minutes']}“ ist keine Minutenzahl."
                )
            )
            bad = True
        if not bad:
            rows.append((values["from_postcode"], values["to_postcode"], mode, minutes))  # type: ignore[arg-type]
    return rows, errors


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True
