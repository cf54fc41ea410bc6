"""Writing offers as CSV (`;`, UTF-8 with BOM, dd.mm.yyyy) or XLSX: the import mapping backwards.

Takes plain mappings of offer columns (as a service reads them) and writes the German headers of
`OFFER_COLUMNS`, so that the file can be imported again by SREK Desk or opened in Excel. Skills
are written as their labels ("Staplerschein; Erste Hilfe"), flags as the OFFER_FLAGS labels.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from srek_desk.db.codes import OFFER_FLAGS, OFFER_TYPES, WORKING_TIMES, split_codes
from srek_desk.importers.offer_table import OFFER_COLUMNS
from srek_desk.reference.qualifications import school_by_code

EXPORT_FORMATS = {".csv": "csv", ".xlsx": "xlsx"}
_OFFER_TYPE_LABELS = {**OFFER_TYPES, "praktikum": "Praktikum"}


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
                writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
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
                sheet.append(row)
                count += 1
            workbook.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count
