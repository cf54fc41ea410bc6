"""Dialog „Von der Jobbörse abrufen“: a search (Was, Wo, Umkreis, Angebotsart), saving it, the saved
searches with when each was last fetched, fetching one or all off the GUI thread with progress and
cancel, and the report afterwards."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from srek_desk.config import Config
from srek_desk.db.models import as_utc
from srek_desk.errors import UserError
from srek_desk.importers.jobboerse_pages import MAX_RADIUS_KM, SearchQuery
from srek_desk.services.imports.fetch import FetchService, SavedQuery
from srek_desk.services.imports.fetch_report import FetchReport
from srek_desk.ui.dialogs.task_dialog import TaskDialog
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.tasks import Task, TaskRunner
from srek_desk.ui.widgets.tables import RowsTable

log = logging.getLogger(__name__)

Fetch = Callable[[Any, Any], list[FetchReport]]


def _when(saved: SavedQuery) -> str:
    moment = saved.last_fetched_at
    return as_utc(moment).astimezone().strftime("%d.%m.%Y %H:%M") if moment else ""


class JobboerseDialog(TaskDialog):
    def __init__(
        self,
        runner: TaskRunner,
        fetcher: FetchService,
        config: Config,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fetch from the Jobbörse"))
        self.resize(760, 640)
        self.runner, self.fetcher, self.config = runner, fetcher, config
        self.task: Task | None = None
        self.reports: list[FetchReport] = []

        self.was = QLineEdit()
        self.was.setAccessibleName(self.tr("What: occupation or keyword"))
        self.was.setPlaceholderText(self.tr("e.g. Mechatroniker"))
        self.wo = QLineEdit()
        self.wo.setAccessibleName(self.tr("Where: postcode or place"))
        self.wo.setPlaceholderText(self.tr("e.g. 34117 or Kassel"))
        self.umkreis = QSpinBox()
        self.umkreis.setRange(0, MAX_RADIUS_KM)
        self.umkreis.setValue(25)
        self.umkreis.setSuffix(" km")
        self.umkreis.setAccessibleName(self.tr("Radius around the place"))
        self.angebotsart = QComboBox()
        for code, label in (
            ("ausbildung", self.tr("Apprenticeship / dual study")),
            ("arbeit", self.tr("Job")),
            ("praktikum", self.tr("Internship / trainee")),
            ("selbststaendigkeit", self.tr("Self-employment")),
        ):
            self.angebotsart.addItem(label, code)
        self.angebotsart.setAccessibleName(self.tr("Kind of offer"))
        self.save_as = QLineEdit()
        self.save_as.setAccessibleName(self.tr("Save search as"))
        self.save_as.setPlaceholderText(self.tr("(leave empty to fetch once)"))
        self.fetch_button = QPushButton(self.tr("&Fetch"))
        self.fetch_button.clicked.connect(self.fetch_form)
        form = QFormLayout()
        form.addRow(self.tr("&What:"), self.was)
        form.addRow(self.tr("W&here:"), self.wo)
        form.addRow(self.tr("&Radius:"), self.umkreis)
        form.addRow(self.tr("&Kind:"), self.angebotsart)
        form.addRow(self.tr("&Save search as…"), self.save_as)
        search_box = QGroupBox(self.tr("Search"))
        search_layout = QVBoxLayout(search_box)
        search_layout.addLayout(form)
        search_layout.addWidget(self.fetch_button, 0, Qt.AlignmentFlag.AlignRight)

        self.saved_model = RowsModel(
            [
                Column(self.tr("Name"), lambda s: s.name),
                Column(self.tr("Search"), lambda s: s.query.describe()),
                Column(
                    self.tr("Last fetched"),
                    lambda s: _when(s) or self.tr("never"),
                    sort=lambda s: _when(s) and as_utc(s.last_fetched_at).isoformat(),
                ),
                Column(
                    self.tr("Offers"),
                    lambda s: "" if s.last_result_count is None else str(s.last_result_count),
                    sort=lambda s: s.last_result_count or 0,
                    align_right=True,
                ),
            ],
            self,
        )
        self.saved_table = RowsTable(self.saved_model, self.tr("Saved searches"))
        self.saved_table.doubleClicked.connect(lambda _index: self.fetch_selected())
        self.fetch_selected_button = QPushButton(self.tr("Fetch s&elected"))
        self.fetch_selected_button.clicked.connect(self.fetch_selected)
        self.fetch_all_button = QPushButton(self.tr("Fetch &all"))
        self.fetch_all_button.clicked.connect(self.fetch_all)
        self.delete_button = QPushButton(self.tr("&Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        saved_buttons = QHBoxLayout()
        saved_buttons.addStretch(1)
        for button in (self.fetch_selected_button, self.fetch_all_button, self.delete_button):
            saved_buttons.addWidget(button)
        saved_box = QGroupBox(self.tr("Saved searches"))
        saved_layout = QVBoxLayout(saved_box)
        saved_layout.addWidget(self.saved_table, 1)
        saved_layout.addLayout(saved_buttons)

        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.cancel_button = QPushButton(self.tr("Ca&ncel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName(self.tr("Fetch report"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Close"))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(search_box)
        layout.addWidget(saved_box, 1)
        layout.addLayout(progress_row)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self.refresh()

    # -- saved searches ----------------------------------------------------------------------
    def refresh(self) -> None:
        fetcher = self.fetcher
        self.runner.start(
            lambda _p, _c: fetcher.saved_queries(),
            self,
            on_finished=self._show_saved,
            on_failed=self._failed,
        )

    def _show_saved(self, saved: list[SavedQuery]) -> None:
        self.saved_model.set_rows(saved)
        self.saved_table.fit_columns()
        self._set_running(self.task is not None)

    def delete_selected(self) -> None:
        saved = self.saved_table.current_row()
        if saved is None or self.task is not None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete saved search"),
            self.tr(
                "Delete the saved search “%1”? Its offers stay; they are no longer retired "
                "when they vanish from this search."
            ).replace("%1", saved.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        fetcher = self.fetcher
        self.runner.start(
            lambda _p, _c: fetcher.delete_saved(saved.name),
            self,
            on_finished=lambda _r: self.refresh(),
            on_failed=self._failed,
        )

    # -- fetching ------------------------------------------------------------------------------
    def fetch_form(self) -> None:
        try:
            wo = self.wo.text().strip()
            query = SearchQuery(
                angebotsart=self.angebotsart.currentData(),
                was=self.was.text(),
                wo=wo,
                umkreis=self.umkreis.value() if wo else None,
            ).checked()
        except UserError as error:
            self.report.setPlainText(error.message)
            return
        save_as = self.save_as.text().strip() or None
        fetcher = self.fetcher
        self._start(
            lambda progress, cancelled: [
                fetcher.fetch(query, save_as=save_as, progress=progress, cancelled=cancelled)
            ]
        )

    def fetch_selected(self) -> None:
        saved = self.saved_table.current_row()
        if saved is None:
            self.report.setPlainText(self.tr("Please choose a saved search first."))
            return
        fetcher = self.fetcher
        self._start(
            lambda progress, cancelled: [
                fetcher.fetch_saved(saved.name, progress=progress, cancelled=cancelled)
            ]
        )

    def fetch_all(self) -> None:
        fetcher = self.fetcher
        self._start(
            lambda progress, cancelled: fetcher.fetch_all_saved(
                progress=progress, cancelled=cancelled
            )
        )

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)

    def _start(self, fetch: Fetch) -> None:
        if self.task is not None:
            return
        fetcher, config = self.fetcher, self.config

        def work(progress: Any, cancelled: Any) -> list[tuple[FetchReport, int | None]]:
            return [(r, _chances(fetcher, config, r)) for r in fetch(progress, cancelled)]

        self.report.setPlainText(self.tr("Fetching from the Jobbörse…"))
        self.progress.setRange(0, 0)  # busy until the first page tells how many follow
        self._set_running(True)
        task = self.runner.start(
            work,
            self,
            on_progress=self._progress,
            on_finished=self._done,
            on_failed=self._failed,
        )
        if not task.done:  # an inline runner (tests) has finished already
            self.task = task
        else:
            self._set_running(False)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))

    def _done(self, results: list[tuple[FetchReport, int | None]]) -> None:
        self.task = None
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        texts = []
        for report, new_chances in results:
            text = report.text()
            if new_chances is not None and new_chances >= 0:
                text += "\n" + self.tr("%n new chance(s) for clients found.", "", new_chances)
            elif new_chances is not None:
                text += "\n" + self.tr(
                    "New chances could not be collected. Details are in the log file."
                )
            texts.append(text)
            if report.status == "imported":
                self.reports.append(report)
        if not results:
            texts.append(self.tr("There are no saved searches yet."))
        self.report.setPlainText("\n\n".join(texts))
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        if isinstance(error, UserError):
            self.report.setPlainText(error.message)
        else:
            log.error("fetching from the Jobbörse failed", exc_info=error)
            self.report.setPlainText(self.tr("The fetch failed. Details are in the log file."))
        self.refresh()

    def _set_running(self, running: bool) -> None:
        has_saved = self.saved_model.rowCount() > 0
        self.fetch_button.setEnabled(not running)
        self.fetch_selected_button.setEnabled(not running and has_saved)
        self.fetch_all_button.setEnabled(not running and has_saved)
        self.delete_button.setEnabled(not running and has_saved)
        self.cancel_button.setEnabled(running)
        self.buttons.setEnabled(not running)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        runner: TaskRunner,
        fetcher: FetchService,
        config: Config,
    ) -> list[FetchReport] | None:
        """Show the dialog; the reports of what was fetched and stored, or None if nothing."""
        dialog = cls(runner, fetcher, config, parent)
        dialog.exec()
        return dialog.reports or None


def _chances(fetcher: FetchService, config: Config, report: FetchReport) -> int | None:
    """New chances after a fetch (in the background task); -1 when collecting failed: the
    fetch is committed by then, so the failure is logged and told, not raised."""
    from srek_desk.services.chances.service import collect_after_import

    try:
        return collect_after_import(fetcher.database, fetcher.reference, config, report)
    except Exception:
        log.exception("collecting new chances failed")
        return -1


def fetch_from_jobboerse(page: Any) -> None:
    """Importe › „Von der Jobbörse abrufen…“: the dialog for the page; afterwards the page's
    history is refreshed and its `imported` signal tells the window."""
    config = page.config()
    fetcher = FetchService.from_config(page.imports.database, page.imports.reference, config)
    if JobboerseDialog.ask(page, page.runner, fetcher, config):
        page.refresh()
        page.imported.emit()
