"""A client's new chances on the Klient:innen page: the list, "Gesehen", recording a contact, and
the short update sheet (Kurzblatt) printed or saved as PDF, made off the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from srek_desk.errors import UserError
from srek_desk.private_files import write_private_bytes
from srek_desk.services.chances.reminders import ReminderService
from srek_desk.services.chances.service import ChanceLine, ChanceService, PreparedUpdate
from srek_desk.ui import printing, sheet_output
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.tasks import TaskRunner
from srek_desk.ui.widgets.tables import RowsTable

log = logging.getLogger(__name__)

PRINT, SAVE = "print", "save"


def _day(value: Any) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else ""


def chances_text(count: int, since: date) -> str:
    """ "3 neue Chancen seit 12.11." in the UI language."""
    return QCoreApplication.translate(
        "ClientChances", "%n new chance(s) since %1", "", count
    ).replace("%1", since.strftime("%d.%m."))


def choose_update_sheet_path(parent: QWidget | None) -> str | None:
    # No personal data in file names: the date only.
    suggested = str(Path.home() / f"Kurzblatt-{date.today():%Y-%m-%d}.pdf")
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ClientChances", "Save short sheet as PDF"),
        suggested,
        "PDF (*.pdf)",
    )
    return path or None


class ClientChances(QWidget):
    """The open chances of the client shown; `changed(client_id)` after anything was stored."""

    changed = Signal(int)

    def __init__(
        self,
        runner: TaskRunner,
        chances: Callable[[], ChanceService],
        reminders: Callable[[], ReminderService],
        sheets: Callable[[], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.chances, self.reminders, self.sheets = chances, reminders, sheets
        self.client_id: int | None = None
        self.busy = False
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = RowsModel(
            [
                Column(self.tr("Offer"), lambda c: c.title, tooltip=lambda c: c.title),
                Column(self.tr("Employer"), lambda c: c.employer_name),
                Column(self.tr("Place"), lambda c: c.place),
                Column(
                    self.tr("Score"),
                    lambda c: f"{c.score:.0f}",
                    sort=lambda c: c.score,
                    align_right=True,
                ),
                Column(
                    self.tr("Apply by"),
                    lambda c: _day(c.application_deadline),
                    sort=lambda c: c.application_deadline or date.max,
                ),
            ],
            self,
        )
        self.table = RowsTable(self.model, self.tr("New chances"))
        self.language = sheet_output.language_choice(self)
        self.language.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.language.setMinimumContentsLength(9)
        self.print_button = QPushButton(self.tr("P&rint short sheet…"))
        self.print_button.clicked.connect(lambda: self.produce(PRINT))
        self.save_button = QPushButton(self.tr("Save as PD&F…"))
        self.save_button.setToolTip(self.tr("Save the short sheet as a PDF file."))
        self.save_button.clicked.connect(lambda: self.produce(SAVE))
        self.seen_button = QPushButton(self.tr("&Seen"))
        self.seen_button.setToolTip(self.tr("The client knows these chances; remove them."))
        self.seen_button.clicked.connect(self.dismiss)
        self.contact_button = QPushButton(self.tr("Record &contact"))
        self.contact_button.setToolTip(self.tr("The client was in contact today."))
        self.contact_button.clicked.connect(self.record_contact)
        # Two short rows, so the client page still fits a 1280-pixel screen beside the table.
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.language)
        top.addWidget(self.contact_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, self.save_button, self.seen_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.show_client(None)

    def set_language(self, code: str) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(code)))

    def show_client(self, client_id: int | None, *, matchable: bool = True) -> None:
        """Load the client's open chances (none for a restricted or inactive client)."""
        self.client_id = client_id
        lines: list[ChanceLine] = []
        summary = None
        if client_id is not None and matchable:
            service = self.chances()
            lines = service.for_client(client_id)
            summary = service.summary(client_id)
        self.model.set_rows(lines)
        self.table.fit_columns()
        if client_id is None:
            text = ""
        elif summary is None:
            text = self.tr("No new chances since the last contact.")
        else:
            text = "<b>" + chances_text(summary.count, summary.since) + "</b>"
        self.summary.setText(text)
        for button in (self.print_button, self.save_button, self.seen_button):
            button.setEnabled(bool(lines) and not self.busy)
        self.contact_button.setEnabled(client_id is not None)

    # -- actions ---------------------------------------------------------------------------
    def dismiss(self) -> None:
        if self.client_id is None:
            return
        self._store(lambda service, client_id: service.dismiss(client_id))

    def record_contact(self) -> None:
        if self.client_id is None:
            return
        client_id = self.client_id
        try:
            self.reminders().record_contact(client_id)
        except UserError as error:
            QMessageBox.warning(self, self.tr("New chances"), error.message)
            return
        self.changed.emit(client_id)

    def _store(self, action: Callable[[ChanceService, int], Any]) -> None:
        client_id = self.client_id
        assert client_id is not None
        try:
            action(self.chances(), client_id)
        except UserError as error:
            QMessageBox.warning(self, self.tr("New chances"), error.message)
            return
        self.changed.emit(client_id)

    def produce(self, action: str) -> None:
        """Build and render the update sheet off the GUI thread, then print or save it."""
        if self.client_id is None or self.busy:
            return
        sheets = self.sheets()
        if sheets is None:
            QMessageBox.information(
                self,
                self.tr("New chances"),
                self.tr("Matching is still being prepared. Please try again in a moment."),
            )
            return
        from srek_desk.sheets.update_sheet import render_update_sheet

        service, client_id, language = self.chances(), self.client_id, self.language.currentData()

        def work(_progress: Any, _cancelled: Any) -> tuple[PreparedUpdate, bytes]:
            prepared = service.prepare_update_sheet(sheets, client_id, language=language)
            buffer = BytesIO()
            render_update_sheet(prepared.data, buffer)
            return prepared, buffer.getvalue()

        self._set_busy(True)
        self.runner.start(
            work,
            self,
            on_finished=lambda result: self._deliver(action, *result),
            on_failed=self._failed,
        )

    def _deliver(self, action: str, prepared: PreparedUpdate, pdf: bytes) -> None:
        try:
            done = False
            if action == PRINT:
                printer = sheet_output.choose_printer(self)
                if printer is not None:
                    printing.PdfPrintJob(pdf).paint(printer)
                    done = True
            else:
                path = choose_update_sheet_path(self)
                if path:
                    write_private_bytes(Path(path), pdf)
                    done = True
        except (UserError, OSError) as error:
            self._failed(error)
            return
        if not done:
            self._set_busy(False)
            return
        service = self.chances()
        self.runner.start(
            lambda _p, _c: service.record_update_sheet(prepared.client_id, prepared.offer_ids),
            self,
            on_finished=lambda _count: self._recorded(prepared.client_id),
            on_failed=self._failed,
        )

    def _recorded(self, client_id: int) -> None:
        self._set_busy(False)
        self.changed.emit(client_id)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for button in (self.print_button, self.save_button, self.seen_button):
            button.setEnabled(not busy and self.model.rowCount() > 0)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, UserError):
            message = error.message
        elif isinstance(error, OSError):
            message = str(error)
        else:
            log.error("update sheet failed", exc_info=error)
            message = self.tr("The short sheet could not be made. Details are in the log file.")
        QMessageBox.warning(self, self.tr("New chances"), message)
