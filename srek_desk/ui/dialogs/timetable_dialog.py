"""Dialog „Fahrplan“ (Einstellungen › Fahrzeiten › Fahrplan laden…): the loaded timetable,
loading a GTFS feed (.zip or folder) off the GUI thread with progress and cancel, the result or
the German refusal (the old timetable stays), and removing it; the window then rebuilds
matching. Also the box on the Fahrzeiten tab that opens it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from srek_desk.errors import UserError
from srek_desk.services.timetable import TimetableService, TimetableStatus
from srek_desk.ui.dialogs.task_dialog import TaskDialog
from srek_desk.ui.tasks import Task, TaskRunner
from srek_desk.ui.timetable_texts import result_text, status_html, status_line

log = logging.getLogger(__name__)
# The texts keep the "TimetableDialog" context: the German translation knows them by it.
translate = QCoreApplication.translate


def choose_feed_file(parent: QWidget) -> str:
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        translate("TimetableDialog", "Choose timetable (GTFS)"),
        "",
        translate("TimetableDialog", "GTFS feeds (*.zip)"),
    )
    return path


def choose_feed_folder(parent: QWidget) -> str:
    return QFileDialog.getExistingDirectory(
        parent, translate("TimetableDialog", "Choose the folder of an unpacked GTFS feed")
    )


class TimetableDialog(TaskDialog):
    """`changed` is True once a timetable was loaded or removed (the window rebuilds matching)."""

    def __init__(
        self, runner: TaskRunner, service: TimetableService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Timetable"))
        self.resize(720, 560)
        self.runner, self.service = runner, service
        self.task: Task | None = None
        self._stop = threading.Event()  # Cancel pressed
        self.changed = False
        self.status: TimetableStatus | None = None

        intro = QLabel(
            self.tr(
                "With a timetable, matching takes bus-and-train minutes from real connections "
                "instead of estimating them. Load the GTFS feed of your transport association "
                "(a .zip file or an unpacked folder); it replaces the timetable loaded before."
            )
        )
        intro.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.remove_button = QPushButton(self.tr("&Remove timetable…"))
        self.remove_button.clicked.connect(self.remove)
        status_box = QGroupBox(self.tr("Loaded timetable"))
        status_layout = QVBoxLayout(status_box)
        status_layout.addWidget(self.status_label)
        status_layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)

        self.file_button = QPushButton(self.tr("Load .&zip file…"))
        self.file_button.clicked.connect(self.choose_file)
        self.folder_button = QPushButton(self.tr("Load &folder…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.cancel_button = QPushButton(self.tr("Ca&ncel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        load_row = QHBoxLayout()
        load_row.addWidget(self.file_button)
        load_row.addWidget(self.folder_button)
        load_row.addWidget(self.progress, 1)
        load_row.addWidget(self.cancel_button)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName(self.tr("Report of the load"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Close"))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(status_box)
        layout.addLayout(load_row)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self.refresh()

    # -- status ------------------------------------------------------------------------------
    def refresh(self) -> None:
        service = self.service
        self.runner.start(
            lambda _p, _c: service.status(),
            self,
            on_finished=self._show_status,
            on_failed=self._failed,
        )

    def _show_status(self, status: TimetableStatus) -> None:
        self.status = status
        self.status_label.setText(status_html(status))
        self._set_running(self.task is not None)

    # -- loading -----------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = choose_feed_file(self)
        if path:
            self.load(Path(path))

    def choose_folder(self) -> None:
        path = choose_feed_folder(self)
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        """Import the feed at `path` in the background; the old timetable stays until it is in."""
        if self.task is not None:
            return
        service, stop = self.service, self._stop
        stop.clear()

        def work(progress: Any, cancelled: Any) -> Any:
            return service.import_feed(
                path, progress=progress, cancel=lambda: cancelled() or stop.is_set()
            )

        self.report.setPlainText(self.tr("Loading the timetable from %1…").replace("%1", path.name))
        self.progress.setRange(0, 0)  # busy until the first progress tells how much follows
        self._set_running(True)
        task = self.runner.start(
            work, self, on_progress=self._progress, on_finished=self._done, on_failed=self._failed
        )
        if not task.done:  # an inline runner (tests) has finished already
            self.task = task
        else:
            self._set_running(False)

    def cancel(self) -> None:
        """Stop the load at its next look at the flag (also while progress is being shown)."""
        self._stop.set()
        if self.task is not None:
            self.task.cancel()
        self.cancel_button.setEnabled(False)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(1000 * min(done, max(total, 1)) / max(total, 1)))

    def _done(self, result: Any) -> None:
        self.task = None
        self.changed = True
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.report.setPlainText(result_text(result))
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        """A refusal or a cancel (German, naming file and line; it says the old timetable
        stays), or an unexpected failure (logged)."""
        self.task = None
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(error, UserError):
            self.report.setPlainText(error.message)
            return
        log.error("loading the timetable failed", exc_info=error)
        self.report.setPlainText(
            self.tr("Loading the timetable failed. Details are in the log file.")
            + "\n"
            + (
                self.tr("The timetable loaded before stays in use.")
                if self.status is not None and self.status.loaded
                else self.tr("No timetable is loaded; bus-and-train minutes stay estimated.")
            )
        )

    # -- removing ----------------------------------------------------------------------------
    def remove(self) -> None:
        if self.task is not None or self.status is None or not self.status.loaded:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove timetable"),
            self.tr(
                "Remove the timetable? Matching then estimates bus-and-train minutes again "
                "(or takes them from the office's travel-time table)."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.service.clear()
        except UserError as error:  # the role may not (AccessDenied)
            self.report.setPlainText(error.message)
            return
        self.changed = True
        self.report.setPlainText(self.tr("The timetable was removed."))
        self.refresh()

    def _set_running(self, running: bool) -> None:
        loaded = self.status is not None and self.status.loaded
        self.file_button.setEnabled(not running)
        self.folder_button.setEnabled(not running)
        self.remove_button.setEnabled(not running and loaded)
        self.cancel_button.setEnabled(running)
        self.buttons.setEnabled(not running)

    @classmethod
    def ask(cls, parent: QWidget | None, runner: TaskRunner, service: TimetableService) -> bool:
        """Show the dialog; True when a timetable was loaded or removed."""
        dialog = cls(runner, service, parent)
        dialog.exec()
        return dialog.changed


class TimetableBox(QGroupBox):
    """Einstellungen › Fahrzeiten › „Fahrplan“: the loaded timetable in one line and
    „Fahrplan laden…“ (the dialog); `changed` after a timetable was loaded or removed.
    `service()` makes the TimetableService (with the settings and the acting user of the moment).
    """

    changed = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        service: Callable[[], TimetableService],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Timetable (GTFS)"))
        self.runner, self.service = runner, service
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton(self.tr("&Load timetable…"))
        self.button.clicked.connect(self.open_dialog)
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)

    def refresh(self) -> None:
        service = self.service()
        self.runner.start(
            lambda _p, _c: service.status(),
            self,
            on_finished=lambda status: self.label.setText(status_line(status)),
            on_failed=lambda error: log.error("reading the timetable failed", exc_info=error),
        )

    def open_dialog(self) -> None:
        if TimetableDialog.ask(self.window(), self.runner, self.service()):
            self.refresh()
            self.changed.emit()
