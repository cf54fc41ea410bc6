"""Reader for the official KldB 2010 (Fassung 2020) CSV of the Bundesagentur für Arbeit.

The file is `;`-separated, UTF-8 with BOM (Windows-1252 accepted), with the header
`Schlüssel KldB 2010, V. 2020;Ebene;Titel;Kurztitel;…`. Rows of level 5 become catalogue
entries (Berufsgattungen), rows of levels 1-4 group names. Codes that lost their leading
zeros in a spreadsheet ("1104" on level 5) are padded to the length of their level.

The synonyms of a Berufsgattung are its Kurztitel and the example occupations the BA lists in
"Umfasst ferner": `Zugeordnete Berufe (Beispiele):  24522-105 Büchsenmacher/in  24522-106
Werkzeugmacher/in - Stanzwerkzeug- u. Vorrichtungsbau  …`, each name after its 8-digit
Berufekennziffer (the Berufsgattung plus a number). The code is the separator: the names
themselves hold commas, dashes and brackets ("Matrizen-, Schablonenbauer/in"). Names are kept
as the file gives them (gender forms, the BA's abbreviations of long names). "Einschlüsse"
lists activities in the official file and is read only when it starts with the same
"Zugeordnete Berufe" heading; "Ausschlüsse" names occupations of other codes and is never read.
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
INCLUDES_COLUMN = "Einschlüsse"
FURTHER_COLUMN = "Umfasst ferner"
_REQUIRED = (KEY_COLUMN, LEVEL_COLUMN, TITLE_COLUMN)
_OPTIONAL = (SHORT_TITLE_COLUMN, INCLUDES_COLUMN, FURTHER_COLUMN)
_SPACES = re.compile(r"\s+")
EXAMPLES_HEADING = "Zugeordnete Berufe"
# "24522-105 " before each example name: the Berufsgattung, a dash and a 3-digit number
_EXAMPLE_CODE = re.compile(r"(?:^|\s)(\d{5})-(\d{3})(?:\s+|$)")
# The official file has about 1,300 Berufsgattungen and 4 MB; the limits leave room, no more.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TITLE_CHARS = 300  # the length of occupation_record.name
# The official file names at most 207 examples per Berufsgattung, each at most 60 characters.
MAX_EXAMPLES = 300
MAX_EXAMPLE_CHARS = 120
_SHOWN_PROBLEMS = 3


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
    for column in (*_REQUIRED, *_OPTIONAL):
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
        names = [cell(SHORT_TITLE_COLUMN)]
        for column in (INCLUDES_COLUMN, FURTHER_COLUMN):
            examples, problems = _examples(cell(column), code, strict=column == FURTHER_COLUMN)
            names += examples
            if problems:
                error(column, _problem_message(column, problems, code))
        synonyms = tuple(dict.fromkeys(n for n in names if n and n != title))
        result.occupations.append(Occupation(code=code, name=title, synonyms=synonyms))
    return result


def _examples(text: str, code: str, *, strict: bool) -> tuple[list[str], list[str]]:
    """The example names of one cell, and what could not be taken (German, for the row error).

    A cell that does not start with the "Zugeordnete Berufe" heading holds no examples; in
    "Umfasst ferner" (`strict`) that is a problem, in "Einschlüsse" the usual activities.
    """
    if not text:
        return [], []
    heading, colon, body = text.partition(":")
    if not colon or not heading.casefold().startswith(EXAMPLES_HEADING.casefold()):
        if strict:
            return [], [f"beginnt nicht mit „{EXAMPLES_HEADING} (Beispiele):“"]
        return [], []
    parts = _EXAMPLE_CODE.split(body)
    problems: list[str] = []
    if parts[0].strip():
        problems.append(f"Text ohne Berufekennziffer „{_excerpt(parts[0])}“")
    names: list[str] = []
    for start in range(1, len(parts), 3):
        group, number, name = parts[start], parts[start + 1], parts[start + 2].strip()
        if group != code:
            problems.append(f"{group}-{number} gehört nicht zur Berufsgattung {code}")
        elif not name:
            problems.append(f"{group}-{number} ohne Namen")
        elif len(name) > MAX_EXAMPLE_CHARS:
            problems.append(f"{group}-{number} ist länger als {MAX_EXAMPLE_CHARS} Zeichen")
        elif name not in names:
            names.append(name)
    if len(names) > MAX_EXAMPLES:
        problems.append(f"nur die ersten {MAX_EXAMPLES} von {len(names)} Namen übernommen")
        names = names[:MAX_EXAMPLES]
    return names, problems


def _problem_message(column: str, problems: list[str], code: str) -> str:
    shown = "; ".join(problems[:_SHOWN_PROBLEMS])
    if len(problems) > _SHOWN_PROBLEMS:
        shown += f" und {len(problems) - _SHOWN_PROBLEMS} weitere"
    return (
        f"Spalte „{column}“: Beispielberufe nicht vollständig übernommen ({shown}); "
        f"die Berufsgattung {code} ist eingelesen"
    )


def _excerpt(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
