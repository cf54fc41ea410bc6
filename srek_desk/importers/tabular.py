"""Spreadsheets as German offices produce them: CSV (`;` or `,`, UTF-8 ± BOM, Windows-1252) and XLSX.

Both give a `Table`: the header and the rows with their line numbers in the file (header = line 1),
cells as strings (XLSX dates and numbers stay typed). Column mapping happens elsewhere.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from srek_desk.importers.errors import ImportRefused
from srek_desk.importers.values import MAX_RECORDS, clean, decode_text, german_count

MAX_COLUMNS = 200
# An XLSX is a ZIP archive: what it unpacks to is limited too (a "zip bomb" of a few MB can
# unpack to many GB). Real workbooks compress text about 5 to 20 times.
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[Any]]]  # (line number, cells)


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _too_many_rows(name: str) -> ImportRefused:
    return ImportRefused(
        f"Die Datei {name} hat mehr als {german_count(MAX_RECORDS)} Zeilen; "
        "bitte in kleinere Dateien aufteilen."
    )


def read_csv_table(data: bytes, name: str) -> Table:
    text = decode_text(data, name)
    if not text.strip():
        raise ImportRefused(f"Die Datei {name} ist leer.")
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = _delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[tuple[int, list[Any]]] = []
    next_line = 1
    try:
        for row in reader:
            line, next_line = next_line, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [clean(cell) for cell in row]
                if len(header) > MAX_COLUMNS:
                    raise ImportRefused(
                        f"Die Datei {name} hat {len(header)} Spalten in Zeile {line}; "
                        f"erwartet werden höchstens {MAX_COLUMNS}."
                    )
                continue
            if len(rows) >= MAX_RECORDS:
                raise _too_many_rows(name)
            rows.append((line, row))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise ImportRefused(
                f"Die Datei {name} hat in Zeile {reader.line_num} ein Feld mit mehr als "
                f"{german_count(csv.field_size_limit())} Zeichen; so lange Angaben werden nicht "
                "eingelesen."
            ) from None
        raise ImportRefused(
            f"Die Datei {name} ist keine lesbare CSV-Datei (Zeile {reader.line_num}: {exc})."
        ) from None
    if header is None:
        raise ImportRefused(f"Die Datei {name} ist leer.")
    return Table(header, rows)


def read_xlsx_table(data: bytes, name: str) -> Table:
    """First worksheet of an XLSX workbook, read in read-only (streaming) mode."""
    from openpyxl import load_workbook

    _check_archive(data, name)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken archives
        raise ImportRefused(
            f"Die Excel-Datei {name} lässt sich nicht öffnen ({type(exc).__name__})."
        ) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise ImportRefused(f"Die Excel-Datei {name} hat kein Tabellenblatt.")
        header: list[str] | None = None
        rows: list[tuple[int, list[Any]]] = []
        for line, values in _sheet_rows(sheet):
            cells = list(values)
            if not any(clean(c) for c in cells):
                continue
            if header is None:
                while cells and not clean(cells[-1]):
                    cells.pop()
                if len(cells) > MAX_COLUMNS:
                    raise ImportRefused(
                        f"Die Datei {name} hat {len(cells)} Spalten in Zeile {line}; "
                        f"erwartet werden höchstens {MAX_COLUMNS}."
                    )
                header = [clean(c) for c in cells]
                continue
            if len(rows) >= MAX_RECORDS:
                raise _too_many_rows(name)
            rows.append((line, cells[: len(header)]))
    except ImportRefused:
        raise
    except Exception as exc:
        raise ImportRefused(
            f"Die Excel-Datei {name} ist beschädigt ({type(exc).__name__})."
        ) from None
    finally:
        workbook.close()
    if header is None:
        raise ImportRefused(f"Die Excel-Datei {name} ist leer.")
    return Table(header, rows)


def _check_archive(data: bytes, name: str) -> None:
    """Refuse a workbook that would unpack to far more than a real one, before unpacking it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):
        raise ImportRefused(f"Die Excel-Datei {name} ist ein beschädigtes ZIP-Archiv.") from None
    unpacked = sum(member.file_size for member in members)
    bomb = any(
        member.file_size > 1024 * 1024
        and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if unpacked > MAX_UNPACKED_BYTES or bomb:
        raise ImportRefused(
            f"Die Excel-Datei {name} würde entpackt {unpacked / 1024 / 1024:.0f} MB belegen"
            + (" (ungewöhnlich stark komprimiert)" if bomb else "")
            + "; so eine Datei wird aus Sicherheitsgründen nicht geöffnet. Bitte als CSV speichern."
        )


def _sheet_rows(sheet: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    yield from enumerate(sheet.iter_rows(values_only=True), 1)


def read_table(data: bytes, name: str, file_format: str) -> Table:
    if file_format == "xlsx":
        return read_xlsx_table(data, name)
    return read_csv_table(data, name)
