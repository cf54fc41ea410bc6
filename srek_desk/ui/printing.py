"""Printing a sheet PDF the Qt way: QtPdf renders each page onto a QPrinter (preview or print)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from srek_desk.errors import UserError


class PdfPrintJob:
    """Holds a loaded PDF and paints it onto any QPrinter, page by page."""

    def __init__(self, pdf: bytes) -> None:
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument()
        self.document.load(self._buffer)
        if self.document.status() != QPdfDocument.Status.Ready:
            raise UserError("Das Chancenblatt konnte nicht zum Drucken geladen werden.")

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def paint(self, printer: QPrinter) -> None:
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        painter = QPainter()
        if not painter.begin(printer):
            raise UserError("Der Drucker konnte nicht geöffnet werden.")
        try:
            dpi = printer.resolution()
            for page in range(self.page_count):
                if page:
                    printer.newPage()
                points = self.document.pagePointSize(page)
                size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image = self.document.render(page, size)
                target = painter.viewport()
                scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.topLeft(), scaled), image)
        finally:
            painter.end()


def print_to_pdf_file(pdf: bytes, path: str, resolution: int = 150) -> int:
    """Send the sheet through the real print path into a PDF file; returns the page count."""
    job = PdfPrintJob(pdf)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(resolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    job.paint(printer)
    return job.page_count


def preview(parent: QWidget | None, pdf: bytes) -> bool:
    """Show Qt's print preview for a sheet; printing from there goes to the chosen printer."""
    job = PdfPrintJob(pdf)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Print preview"))
    dialog.paintRequested.connect(job.paint)
    return bool(dialog.exec())
