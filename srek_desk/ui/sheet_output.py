"""Opportunity sheet output from the GUI: build and render off the GUI thread, then preview,
print or save as PDF, and record the printed sheet (SheetService.record)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QMessageBox, QWidget

from srek_desk.errors import UserError
from srek_desk.private_files import write_private_bytes
from srek_desk.services.sheets.service import PreparedSheet, SheetService
from srek_desk.ui import printing
from srek_desk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

PREVIEW, PRINT, SAVE = "preview", "print", "save"


def language_choice(parent: QWidget) -> QComboBox:
    """The sheet language picker (codes as item data)."""
    combo = QComboBox(parent)
    combo.addItem(QCoreApplication.translate("SheetOutput", "German"), "de")
    combo.addItem(QCoreApplication.translate("SheetOutput", "German, plain language"), "de-simple")
    combo.addItem(QCoreApplication.translate("SheetOutput", "English"), "en")
    combo.setAccessibleName(QCoreApplication.translate("SheetOutput", "Sheet language"))
    return combo


def pseudonymous_choice(parent: QWidget) -> QCheckBox:
    box = QCheckBox(
        QCoreApplication.translate("SheetOutput", "Pseud&onymous (no first name on the sheet)"),
        parent,
    )
    box.setAccessibleName(QCoreApplication.translate("SheetOutput", "Pseudonymous sheet"))
    return box


def choose_printer(parent: QWidget | None) -> QPrinter | None:
    """Qt's print dialog; None when cancelled. Tests replace this with a PDF-file printer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


def choose_pdf_path(parent: QWidget | None) -> str | None:
    # No personal data in file names: the date only.
    suggested = str(Path.home() / f"Chancenblatt-{date.today():%Y-%m-%d}.pdf")
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("SheetOutput", "Save sheet as PDF"),
        suggested,
        "PDF (*.pdf)",
    )
    return path or None


class SheetOutput(QObject):
    """One sheet at a time: `produce(action, …)`; emits `recorded(client_id)` after recording."""

    recorded = Signal(int)
    failed = Signal(str)
    left_out = Signal(list)  # German lines: picked offers not printed because they are stale

    def __init__(self, sheets: SheetService, runner: TaskRunner, widget: QWidget) -> None:
        super().__init__(widget)
        self.sheets = sheets
        self.runner = runner
        self.widget = widget
        self.busy = False

    def produce(
        self,
        action: str,
        client_ref: int | str,
        offer_refs: Sequence[int | str],
        *,
        language: str = "de",
        pseudonymous: bool = False,
    ) -> None:
        if self.busy:
            return
        self.busy = True
        sheets = self.sheets

        def work(_progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> Any:
            prepared = sheets.prepare(
                client_ref,
                offer_refs=list(offer_refs),
                language=language,
                pseudonymous=pseudonymous,
            )
            result = sheets.render(prepared, BytesIO())  # type: ignore[arg-type]
            return prepared, result.data

        self.runner.start(
            work,
            self,
            on_finished=lambda result: self._deliver(action, *result),
            on_failed=self._failed,
        )

    def _deliver(self, action: str, prepared: PreparedSheet, pdf: bytes) -> None:
        self.busy = False
        if prepared.left_out:
            self._tell_left_out(prepared.left_out)
        try:
            done = False
            if action == PREVIEW:
                done = printing.preview(self.widget, pdf)
            elif action == PRINT:
                printer = choose_printer(self.widget)
                if printer is not None:
                    printing.PdfPrintJob(pdf).paint(printer)
                    done = True
            elif action == SAVE:
                path = choose_pdf_path(self.widget)
                if path:
                    write_private_bytes(Path(path), pdf)
                    done = True
        except (UserError, OSError) as error:
            self._show_error(error)
            return
        if done:
            self._record(prepared)

    def _tell_left_out(self, lines: Sequence[str]) -> None:
        """Say which picked offers the sheet leaves out (stale), without blocking the output."""
        self.left_out.emit(list(lines))
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Opportunity sheet"),
            self.tr("Not on the sheet because no longer current:") + "\n\n" + "\n".join(lines),
            QMessageBox.StandardButton.Ok,
            self.widget,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _record(self, prepared: PreparedSheet) -> None:
        sheets = self.sheets
        self.runner.start(
            lambda _p, _c: sheets.record(prepared),
            self,
            on_finished=lambda _id: self.recorded.emit(prepared.client_id),
            on_failed=self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self._show_error(error)

    def _show_error(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            message = error.message
        elif isinstance(error, OSError):
            message = str(error)
        else:
            log.error("sheet output failed", exc_info=error)
            message = self.tr("The sheet could not be made. Details are in the log file.")
        self.failed.emit(message)
        QMessageBox.warning(self.widget, self.tr("Opportunity sheet"), message)
