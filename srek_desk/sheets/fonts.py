"""The embedded sheet font (Noto Sans, SIL OFL 1.1) registered with ReportLab, once per process."""

from __future__ import annotations

import functools

from reportlab.graphics.shapes import Drawing
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from srek_desk import paths

REGULAR = "SrekSans"
BOLD = "SrekSans-Bold"
FONT_FILES = {REGULAR: "NotoSans-Regular.ttf", BOLD: "NotoSans-Bold.ttf"}


@functools.cache
def register_fonts() -> tuple[str, str]:
    """Registers regular and bold (ReportLab's registry is process-wide anyway); returns names.

    Noto Sans covers Latin (ğ, ł, ő …), Greek and Cyrillic, so client and employer names print
    as written. ReportLab embeds a subset of each font (/FontFile2) in every PDF.
    """
    for name, file_name in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(paths.resource("fonts", file_name))))
    # <b> in paragraphs picks the bold face; there is no italic on the sheet.
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD


def new_drawing(width: float, height: float) -> Drawing:
    """A drawing whose default font is ours, so the PDF references no unembedded Helvetica."""
    return Drawing(width, height, initialFontName=register_fonts()[0])
