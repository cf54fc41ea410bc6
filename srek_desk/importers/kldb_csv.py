"""Reader for the official KldB 2010 (Fassung 2020) CSV of the Bundesagentur für Arbeit.

The file is `;`-separated, UTF-8 with BOM (Windows-1252 accepted), with the header
`Schlüssel KldB 2010, V. 2020;Ebene;Titel;Kurztitel;…`. Rows of level 5 become catalogue
entries (Berufsgattungen), rows of levels 1-4 group names. Codes that lost their leading
zeros in a spreadsheet ("1104" on level 5) are padded to the length of their level.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from srek_desk.importers.errors import ImportRefused, RowError
from srek_desk.importers.values import read_limited
from srek_desk.reference.occupations import Occupation

KEY_COLUMN = "Schlüssel"
LEVEL_COLUMN = "Ebene"
TITLE_COLUMN = "Titel"
SHORT_TITLE_COLUMN = "Kurztitel"
_REQUIRED = (KEY_COLUMN, LEVEL_COLUMN, TITLE_COLUMN)
_SPACES = re.compile(r"\s+")
# The official file has about 1,300 Berufsgattungen and 1 MB; the limits leave room, no more.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TITLE_CHARS = 300  # the length of occupation_record.name


@dataclass
class KldbImportResult:
    occupations: list[Occupation] = field(default_factory=list)  # level 5, in file order
    groups: dict[str, str] = field(default_factory=dict)  # levels 1-4: code -> title
    errors: list[RowError] = field(default_factory=list)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            f"Die Datei {name} lässt sich nicht lesen: Sie ist weder UTF-8 noch Windows-1252 kodiert "
            f"(unbekanntes Byte an Stelle {exc.start}). Bitte als CSV (UTF-8) speichern."
        ) from exc


def _clean(text: str | None) -> str:
    return _SPACES.sub(" ", html.unescape(text or "")).strip()


def _column_index(header: list[str], name: str) -> int | None:
    """Columns are found by their first word; the key column carries the version in its name."""
    for index, title in enumerate(header):
        if _clean(title).casefold().startswith(name.casefold()):
            return index
    return None


def parse_kldb_csv(path: Path) -> KldbImportResult:
    """Read the file; row problems are collected, a file that cannot be read raises ImportRefused."""
    name = Path(path).name
    text = _decode(read_limited(Path(path), MAX_FILE_BYTES), name)
    if not text.strip():
        raise ImportRefused(f"Die Datei {name} ist leer.")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    try:
        return _read_rows(reader, name)
    except csv.Error as exc:  # e.g. a cell longer than the csv module's field limit
        raise ImportRefused(
            f"Die Datei {name} ist keine lesbare CSV-Datei (Zeile {reader.line_num}: {exc})."
        ) from None


def _read_rows(reader: Any, name: str) -> KldbImportResult:
    header: list[str] = next(reader, [])
    columns: dict[str, int] = {}
    for column in (*_REQUIRED, SHORT_TITLE_COLUMN):
        index = _column_index(header, column)
        if index is None and column in _REQUIRED:
            raise ImportRefused(
                f"In der Datei {name} fehlt die Spalte „{column}“. Erwartet wird die KldB-2010-Datei "
                "der Bundesagentur für Arbeit mit „;“ als Trennzeichen."
            )
        if index is not None:
            columns[column] = index

    result = KldbImportResult()
    seen: dict[str, int] = {}
    next_line = reader.line_num + 1
    for row in reader:
        line, next_line = next_line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue

        def cell(column: str, row: list[str] = row) -> str:
            index = columns.get(column)
            return _clean(row[index]) if index is not None and index < len(row) else ""

        def error(column: str, message: str, line: int = line) -> None:
            result.errors.append(RowError(line, column, f"Zeile {line}: {message}"))

        raw_level, raw_code, title = cell(LEVEL_COLUMN), cell(KEY_COLUMN), cell(TITLE_COLUMN)
        if raw_level not in {"1", "2", "3", "4", "5"}:
            error(LEVEL_COLUMN, f"Spalte „{LEVEL_COLUMN}“ muss 1 bis 5 sein, nicht „{raw_level}“")
            continue
        level = int(raw_level)
        if not (raw_code.isascii() and raw_code.isdigit()) or len(raw_code) > level:
            error(
                KEY_COLUMN,
                f"Spalte „{KEY_COLUMN}“ ist keine gültige KldB-Kennziffer („{raw_code}“)",
            )
            continue
        code = raw_code.zfill(level)
        if level == 5 and code[4] not in "1234":
            error(KEY_COLUMN, f"Spalte „{KEY_COLUMN}“: {code} hat kein Anforderungsniveau 1 bis 4")
            continue
        if not title:
            error(TITLE_COLUMN, f"Spalte „{TITLE_COLUMN}“ ist leer ({code})")
            continue
        if len(title) > MAX_TITLE_CHARS:
            error(
                TITLE_COLUMN,
                f"Spalte „{TITLE_COLUMN}“ ist länger als {MAX_TITLE_CHARS} Zeichen ({code})",
            )
            continue
        if code in seen:
            error(KEY_COLUMN, f"Kennziffer {code} steht schon in Zeile {seen[code]}")
            continue
        seen[code] = line
        if level < 5:
            result.groups[code] = title
            continue
        short = cell(SHORT_TITLE_COLUMN)
        synonyms = (short,) if short and short != title else ()
        result.occupations.append(Occupation(code=code, name=title, synonyms=synonyms))
    return result
