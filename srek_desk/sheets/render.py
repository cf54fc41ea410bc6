"""Turns SheetData into an A4 PDF: one sheet, or a class's sheets in one file (progress, cancel)."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from srek_desk.private_files import write_private_bytes
from srek_desk.sheets.data import SheetData
from srek_desk.sheets.fonts import register_fonts
from srek_desk.sheets.layout import FRAME_WIDTH, footer_paragraph, sheet_story
from srek_desk.sheets.map_figure import ACCENT

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

MARGIN = 16 * mm
FOOTER_HEIGHT = 16 * mm
# Metadata is the same for every sheet: nothing personal in title, author or subject.
PDF_TITLE = "Chancenblatt"
PDF_AUTHOR = "SREK Desk"
PDF_SUBJECT = "Ausbildungs- und Arbeitsangebote"


@dataclass(frozen=True, slots=True)
class SheetResult:
    page_count: int
    data: bytes  # the whole PDF
    cancelled: bool = False

    @property
    def size_bytes(self) -> int:
        return len(self.data)


class _Cancelled(Exception):
    pass


class _SheetStart(Flowable):
    """Invisible marker at the top of each sheet: tells the footer whose page this is."""

    def __init__(self, index: int, data: SheetData) -> None:
        super().__init__()
        self.index, self.sheet = index, data
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        doc: _SheetDocument = self.canv._doctemplate  # type: ignore[attr-defined]
        doc.start_sheet(self.index, self.sheet)


class _SheetDocument(BaseDocTemplate):
    def __init__(
        self, buffer: io.BytesIO, total: int, progress: Progress | None, cancelled: Cancelled | None
    ) -> None:
        super().__init__(
            buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
            bottomMargin=MARGIN + FOOTER_HEIGHT, title=PDF_TITLE, author=PDF_AUTHOR,
            subject=PDF_SUBJECT, creator=PDF_AUTHOR, producer=PDF_AUTHOR, keywords="",
            lang="de-DE", invariant=False, initialFontName=register_fonts()[0],
        )  # fmt: skip
        frame = Frame(
            MARGIN,
            MARGIN + FOOTER_HEIGHT,
            FRAME_WIDTH,
            A4[1] - 2 * MARGIN - FOOTER_HEIGHT,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate("sheet", [frame], onPageEnd=self._footer)])
        self.total, self.progress, self.cancelled = total, progress, cancelled
        self.current: SheetData | None = None
        self.sheet_first_page = 1

    def start_sheet(self, index: int, data: SheetData) -> None:
        if self.cancelled and self.cancelled():
            raise _Cancelled
        if self.progress and index:
            self.progress(index, self.total)
        self.current, self.sheet_first_page = data, self.page

    def _footer(self, canvas: Canvas, doc: Any) -> None:
        if self.current is None:
            return
        left, right = footer_paragraph(self.current, self.page - self.sheet_first_page + 1)
        canvas.saveState()
        y_top = MARGIN + FOOTER_HEIGHT - 4 * mm
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN, y_top, MARGIN + FRAME_WIDTH, y_top)
        right_width = 42 * mm
        _, height = left.wrap(FRAME_WIDTH - right_width - 4 * mm, FOOTER_HEIGHT)
        left.drawOn(canvas, MARGIN, y_top - 3 - height)
        _, height = right.wrap(right_width, FOOTER_HEIGHT)
        right.drawOn(canvas, MARGIN + FRAME_WIDTH - right_width, y_top - 3 - height)
        canvas.restoreState()


def _build(
    sheets: Sequence[SheetData], progress: Progress | None, cancelled: Cancelled | None
) -> SheetResult:
    buffer = io.BytesIO()
    doc = _SheetDocument(buffer, len(sheets), progress, cancelled)
    story: list[Flowable] = []
    for index, sheet in enumerate(sheets):
        if index:
            story.append(PageBreak())
        story.append(_SheetStart(index, sheet))
        story += sheet_story(sheet)
    if not story:
        return SheetResult(0, b"")
    try:
        doc.build(story)
    except _Cancelled:
        return SheetResult(0, b"", cancelled=True)
    if progress:
        progress(len(sheets), len(sheets))
    return SheetResult(doc.page, buffer.getvalue())


def _write(result: SheetResult, target: Path | BinaryIO) -> None:
    if isinstance(target, (str, os.PathLike)):
        write_private_bytes(Path(target), result.data)  # a sheet names a person: 0600
    else:
        target.write(result.data)


def render_sheet(data: SheetData, target: Path | BinaryIO) -> SheetResult:
    """Write one sheet as PDF to a file path or a binary stream; returns pages and bytes."""
    result = _build([data], None, None)
    _write(result, target)
    return result


def render_batch(
    sheets: Sequence[SheetData],
    target: Path | BinaryIO,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> SheetResult:
    """All sheets in one PDF, each starting on a new page.

    `progress(done, total)` is called as each sheet is laid out; when `cancelled()` turns true
    the build stops, nothing is written (a partial file at `target` is removed) and the result
    says `cancelled=True`.
    """
    result = _build(sheets, progress, cancelled)
    if result.cancelled:
        if isinstance(target, (str, os.PathLike)):
            Path(target).with_name(Path(target).name + ".part").unlink(missing_ok=True)
        return result
    _write(result, target)
    return result
