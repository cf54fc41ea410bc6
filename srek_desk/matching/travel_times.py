"""An office's travel-time table (e.g. computed once by IT with OpenTripPlanner or OSRM).

CSV `from_postcode;to_postcode;mode;minutes`; its figures replace the estimate for those pairs.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

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


@dataclass
class TravelTimes:
    """Minutes by (from, to, mode); indexed both ways for the two directions of matching."""

    by_origin: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)
    by_destination: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)

    def add(self, origin: str, destination: str, mode: str, minutes: float) -> None:
        self.by_origin.setdefault(origin, {})[(destination, mode)] = minutes
        self.by_destination.setdefault(destination, {})[(origin, mode)] = minutes

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_origin.values())

    def get(self, origin: str, destination: str, mode: str) -> float | None:
        return self.by_origin.get(origin, {}).get((destination, mode))

    def covers(self, origin: str) -> bool:
        return origin in self.by_origin

    def covers_destination(self, destination: str) -> bool:
        return destination in self.by_destination

    def minutes_from(
        self, origin: str, destinations: Sequence[str]
    ) -> dict[str, NDArray[np.float64]]:
        known = self.by_origin.get(origin, {})
        return {
            mode: np.array([known.get((d, mode), math.nan) for d in destinations], dtype=np.float64)
            for mode in ("car", "pt", "bike")
        }

    def minutes_to(
        self, destination: str, origins: Sequence[str]
    ) -> dict[str, NDArray[np.float64]]:
        known = self.by_destination.get(destination, {})
        return {
            mode: np.array([known.get((o, mode), math.nan) for o in origins], dtype=np.float64)
            for mode in ("car", "pt", "bike")
        }

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, str, float]]) -> TravelTimes:
        table = cls()
        for origin, destination, mode, minutes in rows:
            table.add(origin, destination, mode, minutes)
        return table


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
