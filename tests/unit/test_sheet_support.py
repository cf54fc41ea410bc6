"""Helpers for the sheet tests: render to bytes and read the PDF back (pypdf, pdftotext)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from srek_desk.sheets import SheetData, render_sheet

A4_POINTS = (595.27, 841.89)
_NOISE = re.compile(r"[\s\-\u00ad]+")


def flat(text: str) -> str:
    """Text without whitespace or hyphens, so line breaks and hyphenation don't matter."""
    return _NOISE.sub("", text)


@dataclass
class ReadBack:
    reader: PdfReader
    pages: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    def contains(self, needle: str) -> bool:
        return flat(needle) in flat(self.text)


def read_pdf(data: bytes) -> ReadBack:
    reader = PdfReader(io.BytesIO(data))
    return ReadBack(reader, [page.extract_text() or "" for page in reader.pages])


def render(sheet: SheetData) -> tuple[int, ReadBack, bytes]:
    buffer = io.BytesIO()
    result = render_sheet(sheet, buffer)
    assert buffer.getvalue() == result.data
    return result.page_count, read_pdf(result.data), result.data


def pdftotext_words(data: bytes) -> list[tuple[float, float, str]] | None:
    """(xMin, xMax, word) per word from `pdftotext -bbox`, None when poppler is not installed."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "sheet.pdf"
        pdf.write_bytes(data)
        html = subprocess.run([tool, "-bbox", str(pdf), "-"], capture_output=True, check=True,
                              text=True).stdout  # fmt: skip
    pattern = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>')
    return [(float(a), float(b), w) for a, b, w in pattern.findall(html)]


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Base font name → has an embedded TrueType program (/FontFile2), over all pages."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources else None
        if not font_dict:
            continue
        for ref in font_dict.get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            has_file = bool(descriptor) and "/FontFile2" in descriptor.get_object()
            fonts[str(font.get("/BaseFont"))] = has_file
    return fonts
