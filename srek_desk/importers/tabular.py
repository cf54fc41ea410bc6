"""Spreadsheets as German offices produce them: CSV (`;` or `,`, UTF-8 ± BOM, Windows-1252) and XLSX.

Both give a `Table`: the header and the rows with their line numbers in the file (header = line 1),
cells as strings (XLSX dates and numbers stay typed). Column mapping happens elsewhere.
A CSV file mixing UTF-8 and Windows-1252 lines (one list pasted into another) is refused naming
the first line that does not fit, unless the caller names the encoding.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from srek_desk.importers.errors import ImportRefused
from srek_desk.importers.values import MAX_RECORDS, clean, german_count

MAX_COLUMNS = 200
# An XLSX is a ZIP archive: what it unpacks to is limited too (a "zip bomb" of a few MB can
# unpack to many GB). Real workbooks compress text about 5 to 20 times.
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# What a spreadsheet reads as the start of a formula (OWASP, CSV Injection); exports neutralise
# such texts (`importers.export`), editors refuse names starting so (`services.core.validation`).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A text that is only a number ("-3,5", "+49", "1.234,50") cannot run anything.
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9.,]*")


def is_formula(text: str) -> bool:
    """Whether a spreadsheet would take `text` for a formula (a plain number is none)."""
    return text.startswith(FORMULA_STARTS) and _PLAIN_NUMBER.fullmatch(text) is None


def _unquoted(cell: str) -> str:
    """A cell as SREK Desk's CSV export neutralised it ("'=A1") back to its text ("=A1")."""
    if cell.startswith("'") and is_formula(cell[1:]):
        return cell[1:]
    return cell


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


# Characters names and addresses here are written with, beyond ASCII: Latin-1 and Latin
# Extended-A (ä, é, ł, ş, ı), Greek, Cyrillic, Arabic, dashes and quotation marks, €. In a
# Windows-1252 file a byte pair that happens to be valid UTF-8 (an accented capital before a
# symbol, "ß“") almost never decodes to one of them.
_TEXT_CHARACTER = re.compile("[\u00a0-\u017f\u0370-\u04ff\u0600-\u06ff\u2010-\u2027\u20ac]")
# A lead byte of a UTF-8 sequence followed by a continuation byte.
_UTF8_LEAD = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
# What `surrogateescape` makes of a byte that is not part of valid UTF-8.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
_LEGACY = "Windows-1252"


def _mixed_encodings(data: bytes, name: str) -> ImportRefused | None:
    """A refusal naming the first line that does not fit, when UTF-8 and Windows-1252 mix.

    Called for files that are not UTF-8 as a whole. A line is UTF-8 when its non-ASCII bytes
    decode as UTF-8 to characters of real text, Windows-1252 when they do not decode as UTF-8.
    The encoding of more lines is taken as the file's (UTF-8 on a tie); a UTF-8 BOM, or a line
    holding both, makes UTF-8 the file's encoding.
    """
    bom = data.startswith(codecs.BOM_UTF8)
    if not bom and _UTF8_LEAD.search(data) is None:
        return None  # no byte pair UTF-8 could even begin with: a clean Windows-1252 file
    text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8", "surrogateescape")
    if not bom and _TEXT_CHARACTER.search(text) is None:
        return None
    utf8_lines: list[int] = []
    legacy_lines: list[int] = []
    inline: list[int] = []  # lines holding both
    for number, line in enumerate(text.split("\n"), 1):
        if line.isascii():
            continue
        utf8 = _TEXT_CHARACTER.search(line) is not None
        if _NOT_UTF8.search(line) is None:
            (utf8_lines if utf8 else legacy_lines).append(number)
            continue
        legacy_lines.append(number)
        if utf8:
            inline.append(number)
    if not legacy_lines or not (utf8_lines or inline or bom):
        return None
    if inline or bom or len(utf8_lines) >= len(legacy_lines):
        misfits, encoding, others, fitting = legacy_lines, _LEGACY, "UTF-8", utf8_lines
    else:
        misfits, encoding, others, fitting = utf8_lines, "UTF-8", _LEGACY, legacy_lines
    more = f" (und {len(misfits) - 1} weitere)" if len(misfits) > 1 else ""
    if fitting:
        against = f"Zeile {fitting[0]} dagegen in {others}"
    elif inline:
        against = f"in Zeile {inline[0]} steht zugleich Text in {others}"
    else:
        against = "die Datei beginnt aber mit der Kennung für UTF-8 (BOM)"
    return ImportRefused(
        f"Die Datei {name} mischt zwei Zeichenkodierungen: Zeile {misfits[0]}{more} ist in "
        f"{encoding} gespeichert, {against}. Eingelesen würden falsche Zeichen "
        "(z. B. „MÃ¼ller“ statt „Müller“). Bitte die Datei einheitlich als CSV (UTF-8) speichern "
        "oder beim Einlesen die Kodierung angeben (srek-desk import --encoding utf-8 bzw. "
        "--encoding cp1252)."
    )


def _decode_as(data: bytes, name: str, encoding: str) -> str:
    """The text in the encoding the person named; a line that does not fit it is refused."""
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise ImportRefused(
            f"Unbekannte Zeichenkodierung „{encoding}“ (bekannt sind z. B. utf-8, cp1252, latin-1)."
        ) from None
    try:
        return data.decode("utf-8-sig" if codec == "utf-8" else codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRefused(
            f"Die Datei {name} passt in Zeile {line} nicht zur angegebenen Zeichenkodierung "
            f"{encoding}."
        ) from None
    except UnicodeError:  # codecs for other purposes (e.g. "idna") refuse in their own way
        raise ImportRefused(
            f"Die Datei {name} lässt sich als {encoding} nicht lesen; bitte eine Zeichenkodierung "
            "wie utf-8 oder cp1252 angeben."
        ) from None


def decode_text(data: bytes, name: str, encoding: str | None = None) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; mixed or anything else is refused.

    `encoding` (the person's `--encoding`): decode in exactly that one, no guessing.
    """
    if encoding:
        return _decode_as(data, name, encoding)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        position = utf8_error.start
    if b"\x00" in data[:4096]:
        raise ImportRefused(
            f"Die Datei {name} ist keine Textdatei (sie enthält Nullbytes, z. B. UTF-16 oder "
            "ein Binärformat). Bitte als CSV (UTF-8) speichern."
        )
    mixed = _mixed_encodings(data, name)
    if mixed is not None:
        raise mixed
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRefused(
            f"Die Datei {name} lässt sich nicht lesen: Sie ist weder UTF-8 noch Windows-1252 "
            f"kodiert (unbekanntes Byte in Zeile {line}). Bitte als CSV (UTF-8) speichern."
        ) from exc
    # Control characters other than tab/newline mean the guess of Windows-1252 was wrong.
    bad = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if bad:
        line = text[: bad.start()].count("\n") + 1
        raise ImportRefused(
            f"Die Datei {name} hat eine unbekannte Zeichenkodierung (Steuerzeichen in Zeile {line}, "
            f"erstes unlesbares UTF-8-Byte an Stelle {position}). Bitte als CSV (UTF-8) speichern."
        )
    return text


def read_csv_table(data: bytes, name: str, encoding: str | None = None) -> Table:
    text = decode_text(data, name, encoding)
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
            rows.append((line, [_unquoted(cell) for cell in row]))
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


def read_table(data: bytes, name: str, file_format: str, encoding: str | None = None) -> Table:
    """The table of a CSV or XLSX file; `encoding` applies to CSV only (XLSX names its own)."""
    if file_format == "xlsx":
        return read_xlsx_table(data, name)
    return read_csv_table(data, name, encoding)
