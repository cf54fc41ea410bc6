"""The client page's "Proof of applications" button: pick a period, then save the PDF or print it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from srek_desk.errors import UserError
from srek_desk.services.clients.applications import ApplicationService
from srek_desk.sheets.proof_data import ApplicationProof, suggest_proof_filename
from srek_desk.ui import printing
from srek_desk.ui.sheet_output import choose_printer
from srek_desk.ui.tasks import InlineRunner, TaskRunner

log = logging.getLogger(__name__)

Period = tuple[date | None, date | None]


class PeriodDialog(QDialog):
    """Which applications go on the proof: all, or those proposed between two days."""

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Proof of applications"))
        today = today or date.today()
        self.everything = QCheckBox(self.tr("&All recorded applications"))
        self.start = QDateEdit(QDate(today.year, today.month, 1).addMonths(-3))
        self.end = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
        self.start.setAccessibleName(self.tr("Applications from"))
        self.end.setAccessibleName(self.tr("Applications until"))
        self.everything.toggled.connect(self._everything_toggled)
        hint = QLabel(self.tr("Applications whose proposal was made within the period."))
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(hint)
        form.addRow(self.everything)
        form.addRow(self.tr("&From:"), self.start)
        form.addRow(self.tr("&Until:"), self.end)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _everything_toggled(self, everything: bool) -> None:
        self.start.setEnabled(not everything)
        self.end.setEnabled(not everything)

    def period(self) -> Period:
        if self.everything.isChecked():
            return None, None
        return self.start.date().toPython(), self.end.date().toPython()  # type: ignore[return-value]

    @classmethod
    def ask(cls, parent: QWidget | None, today: date | None = None) -> Period | None:
        """The chosen period ((None, None) for all), or None when cancelled."""
        dialog = cls(parent, today)
        return dialog.period() if dialog.exec() == QDialog.DialogCode.Accepted else None


def choose_proof_path(parent: QWidget | None) -> str | None:
    # No personal data in the file name: the document and the date.
    suggested = str(Path.home() / suggest_proof_filename(date.today()))
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ApplicationsAction", "Save proof of applications as PDF"),
        suggested,
        "PDF (*.pdf)",
    )
    return path or None


class ApplicationsAction(QObject):
    """A tool button with "Save as PDF…" and "Print…"; `update_state(client_id)` enables it.

    `written(path)` is emitted after a save, `failed(message)` after a refusal or error (shown
    in a message box as well).
    """

    written = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        service: ApplicationService,
        current_id: Callable[[], int | None],
        parent: QWidget,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.current_id = current_id
        self.parent_widget = parent
        self.runner = runner or InlineRunner()
        self.button = QToolButton(parent)
        self.button.setText(self.tr("Proof of &applications"))
        self.button.setToolTip(
            self.tr("Applications made from proposals, with status: the proof a Jobcenter asks for")
        )
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.save_action = QAction(self.tr("Save as PDF…"), menu)
        self.save_action.triggered.connect(self.save)
        self.print_action = QAction(self.tr("Print…"), menu)
        self.print_action.triggered.connect(self.print_proof)
        menu.addAction(self.save_action)
        menu.addAction(self.print_action)
        self.button.setMenu(menu)
        self.update_state(None)

    def update_state(self, client_id: int | None, *, restricted: bool = False) -> None:
        enabled = client_id is not None and not restricted
        self.button.setEnabled(enabled)
        for action in (self.save_action, self.print_action):  # also when shown in another menu
            action.setEnabled(enabled)

    # -- actions ------------------------------------------------------------------------------
    def _ask(self) -> tuple[int, Period] | None:
        """The current client and the period the counsellor chose; None when there is none."""
        client_id = self.current_id()
        if client_id is None:
            return None
        period = PeriodDialog.ask(self.parent_widget)
        return None if period is None else (client_id, period)

    def save(self) -> None:
        asked = self._ask()
        if asked is None:
            return
        client_id, period = asked
        service = self.service
        # First the lines (an empty proof is refused before a file name is asked for) …
        self.runner.start(
            lambda _p, _c: service.proof(client_id, start=period[0], end=period[1]),
            self,
            on_finished=self._save_to_file,
            on_failed=self._failed,
        )

    def _save_to_file(self, proof: ApplicationProof) -> None:
        if not proof.lines:
            self._show(self.service.empty_message(proof))
            return
        path = choose_proof_path(self.parent_widget)
        if not path:
            return
        service = self.service
        # … then the PDF, off the GUI thread as well.
        self.runner.start(
            lambda _p, _c: service.write_pdf(proof, Path(path)),
            self,
            on_finished=lambda _result: self.written.emit(path),
            on_failed=self._failed,
        )

    def print_proof(self) -> None:
        asked = self._ask()
        if asked is None:
            return
        client_id, period = asked
        service = self.service

        def work(_p: Any, _c: Any) -> tuple[ApplicationProof, bytes]:
            proof = service.proof(client_id, start=period[0], end=period[1])
            buffer = BytesIO()
            service.render(proof, buffer)
            return proof, buffer.getvalue()

        self.runner.start(
            work, self, on_finished=lambda result: self._print(*result), on_failed=self._failed
        )

    def _print(self, proof: ApplicationProof, pdf: bytes) -> None:
        try:
            printer = choose_printer(self.parent_widget)
            if printer is None:
                return
            printing.PdfPrintJob(pdf).paint(printer)
            self.service.record_printed(proof)
        except UserError as error:
            self._show(error.message)

    # -- errors -------------------------------------------------------------------------------
    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self._show(error.message)
            return
        log.error("proof of applications failed", exc_info=error)
        self._show(self.tr("The proof of applications could not be made. Details are in the log."))

    def _show(self, message: str) -> None:
        self.failed.emit(message)
        QMessageBox.warning(self.parent_widget, self.tr("Proof of applications"), message)
