"""Writing offers as CSV (`;`, UTF-8 with BOM, dd.mm.yyyy) or XLSX: the import mapping backwards.

Takes plain mappings of offer columns (as a service reads them) and writes the German headers of
`OFFER_COLUMNS`, so that the file can be imported again by SREK Desk or opened in Excel. Skills
are written as their labels ("Staplerschein; Erste Hilfe"), flags as the OFFER_FLAGS labels.

No text leaves as a formula (OWASP "CSV Injection"): a text cell starting with `=`, `+`, `-`,
`@`, tab or CR gets a leading apostrophe in CSV (`safe_csv_writer`, also used by the statistics
and audit exports) and is stored as text, marked "quote prefix", in XLSX. Numbers stay numbers,
and so does a text that is only a number ("-3,5"). The CSV reader drops that apostrophe again.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from srek_desk.db.codes import OFFER_FLAGS, OFFER_TYPES, WORKING_TIMES, split_codes
from srek_desk.importers.offer_table import OFFER_COLUMNS
from srek_desk.importers.tabular import FORMULA_STARTS, is_formula
from srek_desk.reference.qualifications import school_by_code

EXPORT_FORMATS = {".csv": "csv", ".xlsx": "xlsx"}
_OFFER_TYPE_LABELS = {**OFFER_TYPES, "praktikum": "Praktikum"}


class _RowWriter(Protocol):
    def writerow(self, row: Iterable[Any], /) -> Any: ...


def neutralise_formula(value: Any) -> Any:
    """A text a spreadsheet would run as a formula, with a leading apostrophe; all else as is."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


class SafeCsvWriter:
    """`csv.writer` (`;`, CRLF, as German Excel expects) whose text cells never start a formula."""

    def __init__(self, stream: Any, *, delimiter: str = ";", lineterminator: str = "\r\n") -> None:
        self._writer: _RowWriter = csv.writer(
            stream, delimiter=delimiter, lineterminator=lineterminator
        )

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutralise_formula(value) for value in row])


def safe_csv_writer(stream: Any, *, delimiter: str = ";") -> SafeCsvWriter:
    return SafeCsvWriter(stream, delimiter=delimiter)


def xlsx_cells(sheet: Any, row: Iterable[Any]) -> list[Any]:
    """One XLSX row for `sheet.append`: a text that would be a formula is written as text.

    openpyxl stores every text starting with "=" as a formula; such texts (and the other
    formula starts) become string cells with Excel's quote prefix, so that no program runs them
    and editing the cell keeps it text. The text itself stays unchanged.
    """
    from openpyxl.cell import WriteOnlyCell

    cells: list[Any] = []
    for value in row:
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"
            cell.quotePrefix = True
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def export_format(path: Path) -> str | None:
    return EXPORT_FORMATS.get(path.suffix.lower())


def _cell(field: str, value: Any, *, for_excel: bool, skill_labels: Mapping[str, str]) -> Any:
    if value is None:
        return ""
    if field in ("skills_required", "skills_nice"):
        return "; ".join(skill_labels.get(code, code) for code in split_codes(value))
    if field == "flags":
        return "; ".join(OFFER_FLAGS.get(code, code) for code in split_codes(value))
    if field == "offer_type":
        return _OFFER_TYPE_LABELS.get(value, value)
    if field == "working_time":
        return ", ".join(WORKING_TIMES.get(c, c) for c in split_codes(value))
    if field == "fixed_term":
        return "ja" if value else "nein"
    if field == "required_school":
        level = school_by_code(value)
        return level.name if level else value
    if field == "driving_licence":
        return ", ".join(split_codes(value))
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if for_excel else value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value if for_excel else value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        return value if for_excel else f"{value:.6f}".replace(".", ",")
    return value


def _rows(
    offers: Iterable[Mapping[str, Any]], *, for_excel: bool, skill_labels: Mapping[str, str]
) -> Iterable[list[Any]]:
    for offer in offers:
        yield [
            _cell(c.field, offer.get(c.field), for_excel=for_excel, skill_labels=skill_labels)
            for c in OFFER_COLUMNS
        ]


def write_offers(
    path: Path,
    offers: Iterable[Mapping[str, Any]],
    *,
    skill_labels: Mapping[str, str] | None = None,
) -> int:
    """Write the file atomically (temporary file, then rename); returns the number of offers.

    `skill_labels` (code → label) writes skills readably; unknown codes are written as they are.
    """
    labels = skill_labels or {}
    kind = export_format(path)
    if kind is None:
        raise ValueError(f"unsupported export format: {path.suffix}")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".export-", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    count = 0
    try:
        header = [c.label for c in OFFER_COLUMNS]
        if kind == "csv":
            with open(temporary, "w", encoding="utf-8-sig", newline="") as stream:
                writer = safe_csv_writer(stream)
                writer.writerow(header)
                for row in _rows(offers, for_excel=False, skill_labels=labels):
                    writer.writerow(row)
                    count += 1
        else:
            from openpyxl import Workbook

            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet("Angebote")
            sheet.append(header)
            for row in _rows(offers, for_excel=True, skill_labels=labels):
                sheet.append(xlsx_cells(sheet, row))
                count += 1
            workbook.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
