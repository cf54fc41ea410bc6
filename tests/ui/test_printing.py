"""The real print path: a sheet PDF rendered by QtPdf onto a QPrinter writing a PDF file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from srek_desk.sheets.render import render_sheet
from srek_desk.sheets.sample import sample_sheet


def test_sheet_prints_through_qprinter_to_a4_pages(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.ui.printing import print_to_pdf_file

    sheet = render_sheet(sample_sheet(), tmp_path / "sheet.pdf")
    printed = tmp_path / "printed.pdf"
    pages = print_to_pdf_file(sheet.data, str(printed), resolution=100)
    assert pages == sheet.page_count >= 1
    reader = PdfReader(printed)
    assert len(reader.pages) == sheet.page_count
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4 in points
    assert printed.stat().st_size > 20_000  # pages carry the rendered sheet, not blank paper


def test_broken_pdf_is_refused_with_a_german_message(qapp) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.errors import UserError
    from srek_desk.ui.printing import PdfPrintJob

    with pytest.raises(UserError, match="Drucken"):
        PdfPrintJob(b"%PDF-1.4 kaputt")
