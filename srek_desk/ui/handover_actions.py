"""File menu: hand cases to another office as an encrypted file, and take such a file over."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressDialog

from srek_desk.errors import UserError
from srek_desk.services.core.access import Actor
from srek_desk.services.core.database import Database
from srek_desk.services.handover.service import ExportResult, HandoverService, ImportResult
from srek_desk.ui.dialogs.handover_dialog import ExportChoice, HandoverExportDialog
from srek_desk.ui.dialogs.handover_import_dialog import HandoverImportDialog, ImportChoice
from srek_desk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class HandoverActions(QObject):
    changed = Signal()  # clients were imported or marked as handed over

    def __init__(
        self,
        window: QMainWindow,
        database: Database,
        actor: Actor,
        runner: TaskRunner,
        office_name: str,
        current_client: Callable[[], int | None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.actor = actor
        self.runner = runner
        self.current_client = current_client
        self.service = HandoverService(database, office_name)
        self.export_action = QAction(self.tr("Export case handover…"), self)
        self.export_action.triggered.connect(self.export)
        self.import_action = QAction(self.tr("Import case handover…"), self)
        self.import_action.triggered.connect(self.import_)
        self.last_result: ExportResult | ImportResult | None = None

    def _title(self) -> str:
        return self.tr("Case handover")

    # -- export ------------------------------------------------------------------------------

    def export(self, _checked: bool = False) -> bool:
        try:
            choices = self.service.choices(self.actor)
        except UserError as error:
            QMessageBox.warning(self.window, self._title(), error.message)
            return False
        if not choices:
            QMessageBox.information(
                self.window, self._title(), self.tr("There are no clients you could hand over.")
            )
            return False
        current = self.current_client()
        choice = HandoverExportDialog.ask(
            self.window, choices, {current} if current is not None else set()
        )
        return choice is not None and self.run_export(choice)

    def run_export(self, choice: ExportChoice) -> bool:
        """Write the file off the GUI thread (the key derivation takes a moment)."""
        if choice.path.exists():
            answer = QMessageBox.question(
                self.window,
                self._title(),
                self.tr("%1 exists already. Replace it?").replace("%1", str(choice.path)),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        service, actor = self.service, self.actor

        def work(_progress: Any, _cancelled: Any) -> ExportResult:
            return service.export(
                list(choice.client_ids),
                choice.password,
                choice.path,
                actor,
                mark_handed_over=choice.mark_handed_over,
                overwrite=True,
            )

        return self._run(work, self.tr("Encrypting and writing the file…"), self._exported)

    def _exported(self, result: ExportResult) -> None:
        message = (
            self.tr("%1 clients written to %2. Give the recipient the password by another way.")
            .replace("%1", str(len(result.clients)))
            .replace("%2", result.path)
        )
        if result.marked_handed_over:
            message += " " + self.tr("They are marked as handed over (inactive) here.")
            self.changed.emit()
        QMessageBox.information(self.window, self._title(), message)

    # -- import ------------------------------------------------------------------------------

    def import_(self, _checked: bool = False) -> bool:
        service, actor = self.service, self.actor
        choice = HandoverImportDialog.ask(
            self.window, self.runner, lambda path, password: service.read(path, password, actor)
        )
        return choice is not None and self.run_import(choice)

    def run_import(self, choice: ImportChoice) -> bool:
        service, actor = self.service, self.actor

        def work(_progress: Any, _cancelled: Any) -> ImportResult:
            return service.import_package(choice.path, choice.password, actor, choice.decisions)

        return self._run(work, self.tr("Decrypting and importing…"), self._imported)

    def _imported(self, result: ImportResult) -> None:
        message = (
            self.tr("%1 clients imported, %2 skipped.")
            .replace("%1", str(len(result.imported)))
            .replace("%2", str(len(result.skipped)))
        )
        if result.merged:
            message += " " + self.tr("%1 merged into records already here.").replace(
                "%1", str(len(result.merged))
            )
        counts = result.counts
        message += " " + (
            self.tr("With them: %1 notes, %2 follow-ups, %3 proposals, %4 printed sheets.")
            .replace("%1", str(counts.get("notes", 0)))
            .replace("%2", str(counts.get("follow_ups", 0)))
            .replace("%3", str(counts.get("proposals", 0)))
            .replace("%4", str(counts.get("printed_sheets", 0)))
        )
        if counts.get("offers_missing"):
            message += " " + self.tr(
                "%1 proposals or sheets name offers unknown here; they are kept as a note."
            ).replace("%1", str(counts["offers_missing"]))
        for warning in result.warnings:
            message += "\n" + warning
        if result.imported or result.merged:
            self.changed.emit()
        QMessageBox.information(self.window, self._title(), message)

    # -- running -----------------------------------------------------------------------------

    def _run(self, work: Any, label: str, on_done: Callable[[Any], None]) -> bool:
        progress = QProgressDialog(label, "", 0, 0, self.window)
        progress.setCancelButton(None)  # the key derivation cannot be interrupted
        progress.setWindowTitle(self._title())
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        outcome: list[bool] = []

        def finished(result: Any) -> None:
            _close(progress)
            self.last_result = result
            outcome.append(True)
            on_done(result)

        def failed(error: BaseException) -> None:
            _close(progress)
            outcome.append(False)
            if isinstance(error, UserError):
                QMessageBox.warning(self.window, self._title(), error.message)
            else:
                log.error("case handover failed", exc_info=error)
                QMessageBox.critical(
                    self.window,
                    self._title(),
                    self.tr("The case handover failed. Details are in the log file."),
                )

        self.runner.start(work, self, on_finished=finished, on_failed=failed)
        # With the pool runner the outcome comes later; True means "started or done".
        return outcome[0] if outcome else True


def _close(progress: QProgressDialog) -> None:
    progress.reset()
    progress.close()
    progress.deleteLater()
