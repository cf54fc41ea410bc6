"""Importe: choose a file, map spreadsheet columns (remembered per source), run with progress and
cancel off the GUI thread, read the report, browse the history."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from srek_desk.config import Config
from srek_desk.errors import UserError
from srek_desk.importers.detect import FORMATS, sniff
from srek_desk.importers.offer_table import OFFER_COLUMNS, suggest_mapping
from srek_desk.importers.tabular import read_table
from srek_desk.services.imports.fetch_report import FetchReport
from srek_desk.services.imports.retire import RetiredOffer
from srek_desk.services.imports.service import (
    ImportOptions,
    ImportReport,
    ImportService,
    default_source,
)
from srek_desk.ui.dialogs.jobboerse_dialog import fetch_from_jobboerse
from srek_desk.ui.dialogs.retire_question import settle_full_load
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.tasks import Task, TaskRunner
from srek_desk.ui.widgets.tables import RowsTable

log = logging.getLogger(__name__)

TABLE_FORMATS = ("csv", "xlsx")
CHANCES_FAILED = -1  # collecting new chances failed after a committed import (logged)


def report_text(stored: dict[str, Any]) -> str:
    kind = FetchReport if "pages" in stored else ImportReport  # a Jobbörse fetch has its own
    known = set(kind.__dataclass_fields__)
    try:
        return kind(**{k: v for k, v in stored.items() if k in known}).text()
    except TypeError:
        return "\n".join(f"{k}: {v}" for k, v in stored.items())


def collect_chances(imports: ImportService, config: Config, report: ImportReport) -> int | None:
    """New chances after an import (in the import's background task); None when the import
    brings none (dry run, clients), CHANCES_FAILED when collecting failed: the import itself
    is committed by then, so the failure is logged and told, not raised."""
    from srek_desk.services.chances.service import collect_after_import

    try:
        return collect_after_import(imports.database, imports.reference, config, report)
    except Exception:
        log.exception("collecting new chances failed")
        return CHANCES_FAILED


def count_column(title: str, key: str) -> Column:
    return Column(title, lambda r: str(r[key]), sort=lambda r: r[key], align_right=True)


class ImportsPage(QWidget):
    imported = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        imports: ImportService,
        parent: QWidget | None = None,
        *,
        config: Callable[[], Config] | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.imports = imports
        self.config = config or Config.defaults
        self.path: Path | None = None
        self.file_format = ""
        self.header: list[str] = []
        self.mapping_boxes: dict[str, QComboBox] = {}
        self.task: Task | None = None

        self.choose_button = QPushButton(self.tr("C&hoose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.file_label = QLabel(self.tr("No file chosen."))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Offers"), "offers")
        self.kind.addItem(self.tr("Clients"), "clients")
        self.kind.setAccessibleName(self.tr("What the file holds"))
        self.kind.currentIndexChanged.connect(self._show_mapping)
        self.source = QLineEdit()
        self.source.setAccessibleName(self.tr("Source"))
        self.source.editingFinished.connect(self._show_mapping)
        self.dry_run = QCheckBox(self.tr("&Trial run (save nothing)"))
        self.skip_bad = QCheckBox(self.tr("S&kip bad rows (otherwise refuse the file)"))
        self.skip_bad.setChecked(True)
        self.full_list = QCheckBox(
            self.tr("Comp&lete list of this source (deactivate its offers missing from the file)")
        )
        self.full_list.setToolTip(
            self.tr("Without it, only what the file deletes is deactivated. You are asked first.")
        )
        self.run_button = QPushButton(self.tr("&Import"))
        self.run_button.clicked.connect(self.run_import)
        self.run_button.setEnabled(False)
        self.jobboerse_button = QPushButton(self.tr("Fetch from the &Jobbörse…"))
        self.jobboerse_button.clicked.connect(lambda: fetch_from_jobboerse(self))
        form = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.file_label, 1)
        form.addRow(self.tr("File:"), file_row)
        form.addRow(self.tr("&Contents:"), self.kind)
        form.addRow(self.tr("&Source:"), self.source)
        form.addRow("", self.dry_run)
        form.addRow("", self.skip_bad)
        form.addRow("", self.full_list)

        self.mapping_box = QGroupBox(self.tr("Column mapping"))
        self.mapping_form = QFormLayout()
        mapping_widget = QWidget()
        mapping_widget.setLayout(self.mapping_form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(mapping_widget)
        mapping_layout = QVBoxLayout(self.mapping_box)
        self.mapping_note = QLabel()
        self.mapping_note.setWordWrap(True)
        mapping_layout.addWidget(self.mapping_note)
        mapping_layout.addWidget(scroll)
        self.mapping_box.hide()

        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName(self.tr("Import report"))
        self.history_model = RowsModel(
            [
                Column(
                    self.tr("Started"),
                    lambda r: r["started_at"].strftime("%d.%m.%Y %H:%M"),
                    sort=lambda r: r["started_at"],
                ),
                Column(
                    self.tr("Contents"),
                    lambda r: self.tr("Clients") if r["kind"] == "clients" else self.tr("Offers"),
                ),
                Column(self.tr("Source"), lambda r: r["source"]),
                Column(self.tr("File"), lambda r: r["file_name"]),
                count_column(self.tr("Rows"), "total"),
                count_column(self.tr("New"), "new"),
                count_column(self.tr("Updated"), "updated"),
                count_column(self.tr("Deactivated"), "deactivated"),
                count_column(self.tr("Bad rows"), "bad_rows"),
            ],
            self,
        )
        self.history = RowsTable(self.history_model, self.tr("Import history"))
        self.history.selectionModel().selectionChanged.connect(self._history_selected)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(form)
        left_layout.addWidget(self.mapping_box, 1)
        left_layout.addWidget(self.run_button, 0, Qt.AlignmentFlag.AlignRight)
        left_layout.addWidget(self.jobboerse_button, 0, Qt.AlignmentFlag.AlignRight)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(QLabel("<b>" + self.tr("Report") + "</b>"))
        right_layout.addWidget(self.report, 1)
        right_layout.addWidget(QLabel("<b>" + self.tr("History") + "</b>"))
        right_layout.addWidget(self.history, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + self.tr("Imports") + "</h2>"))
        layout.addWidget(splitter, 1)

    # -- choosing --------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose import file"),
            "",
            self.tr("Import files (*.json *.csv *.txt *.xlsx *.xml)"),
        )
        if path:
            self.set_file(Path(path))

    def set_file(self, path: Path) -> None:
        """Read the format and, for spreadsheets, the header (off the GUI thread)."""

        def work(_p: Any, _c: Any) -> tuple[str, list[str]]:
            data = path.read_bytes()
            file_format = sniff(data, path.name)
            header = (
                read_table(data, path.name, file_format).header
                if file_format in TABLE_FORMATS
                else []
            )
            return file_format, header

        self.runner.start(
            work,
            self,
            on_finished=lambda result: self._file_read(path, *result),
            on_failed=self._file_failed,
        )

    def _file_read(self, path: Path, file_format: str, header: list[str]) -> None:
        self.path, self.file_format, self.header = path, file_format, header
        self.file_label.setText(path.name + " — " + FORMATS.get(file_format, file_format))
        self.source.setText(default_source(path, file_format))
        self.run_button.setEnabled(True)
        self._show_mapping()

    def _file_failed(self, error: BaseException) -> None:
        self.path = None
        self.run_button.setEnabled(False)
        message = error.message if isinstance(error, UserError) else str(error)
        self.file_label.setText(self.tr("The file cannot be read: %1").replace("%1", message))

    def _show_mapping(self, *_args: object) -> None:
        """Offer spreadsheets: one field per column; saved for the source, else suggested."""
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        self.mapping_boxes = {}
        if not self.header or self.kind.currentData() != "offers":
            self.mapping_box.hide()
            return
        saved = (
            self.imports.saved_mapping(self.source.text().strip())
            if self.source.text().strip()
            else None
        )
        mapping = saved or suggest_mapping(self.header)
        self.mapping_note.setText(
            self.tr("Mapping saved for this source.")
            if saved
            else self.tr("Mapping suggested from the column names.")
        )
        for title in self.header:
            combo = QComboBox()
            combo.addItem(self.tr("(ignore)"), "")
            for column in OFFER_COLUMNS:
                combo.addItem(column.label, column.field)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(title, ""))))
            combo.setAccessibleName(self.tr("Field for column %1").replace("%1", title))
            self.mapping_boxes[title] = combo
            self.mapping_form.addRow(title, combo)
        self.mapping_box.show()

    def mapping(self) -> dict[str, str] | None:
        if not self.mapping_boxes:
            return None
        return {t: c.currentData() for t, c in self.mapping_boxes.items() if c.currentData()}

    # -- running ---------------------------------------------------------------------------
    def run_import(self) -> None:
        """Import; a complete list (ticked, HR-BA-XML TypeOfLoad F) asks before deactivating."""
        if self.path is None or self.task is not None:
            return
        options = ImportOptions(
            kind=self.kind.currentData(),
            source=self.source.text().strip() or None,
            dry_run=self.dry_run.isChecked(),
            skip_bad_rows=self.skip_bad.isChecked(),
            mapping=self.mapping(),
            hrbaxml_schema_dir=self.config()["import.hrbaxml_schema_dir"],
            full_load=True if self.full_list.isChecked() else None,
        )
        may_be_full = self.full_list.isChecked() or self.file_format == "hr-ba-xml"
        if options.kind != "offers" or options.dry_run or not may_be_full:
            self._start_import(options)
            return
        imports, path = self.imports, self.path
        self.run_button.setEnabled(False)
        self.report.setPlainText(self.tr("Checking which offers of the source the file lacks…"))
        task = self.runner.start(
            lambda _p, _c: imports.retire_preview(path, options),
            self,
            on_finished=lambda result: self._previewed(options, *result),
            on_failed=lambda error: self._failed(None, error),
        )
        if not task.done:
            self.task = task

    def _previewed(self, options: ImportOptions, full: bool, offers: list[RetiredOffer]) -> None:
        self.task = None
        if settle_full_load(self, options, full, offers):
            self._start_import(options)
        else:
            self.run_button.setEnabled(True)

    def _start_import(self, options: ImportOptions) -> None:
        source, mapping = options.source, options.mapping
        progress = QProgressDialog(self.tr("Importing…"), self.tr("Cancel"), 0, 100, self)
        progress.setWindowTitle(self.tr("Import"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        imports, path, config = self.imports, self.path, self.config()

        def work(report: Any, cancelled: Any) -> tuple[ImportReport, int | None]:
            result = imports.import_file(path, options, progress=report, cancelled=cancelled)
            return result, collect_chances(imports, config, result)

        self.run_button.setEnabled(False)
        task = self.runner.start(
            work,
            self,
            on_progress=lambda done, total: progress.setValue(int(100 * done / max(total, 1))),
            on_finished=lambda result: self._done(progress, *result, source, mapping),
            on_failed=lambda error: self._failed(progress, error),
        )
        if not task.done:  # an inline runner (tests) has finished already
            self.task = task
            progress.canceled.connect(task.cancel)

    def _done(
        self,
        progress: QProgressDialog,
        report: ImportReport,
        new_chances: int | None,
        source: str | None,
        mapping: dict[str, str] | None,
    ) -> None:
        progress.close()
        self.task = None
        self.run_button.setEnabled(True)
        text = report.text()
        if new_chances == CHANCES_FAILED:
            text += "\n" + self.tr(
                "New chances could not be collected. Details are in the log file."
            )
        elif new_chances is not None:
            text += "\n" + self.tr("%n new chance(s) for clients found.", "", new_chances)
        self.report.setPlainText(text)
        if not report.refused and mapping and source and report.status == "imported":
            self.imports.save_mapping(source, mapping)
            self.mapping_note.setText(self.tr("Mapping saved for this source."))
        self.refresh()
        if report.status == "imported":
            self.imported.emit()

    def _failed(self, progress: QProgressDialog | None, error: BaseException) -> None:
        if progress is not None:
            progress.close()
        self.task = None
        self.run_button.setEnabled(True)
        if isinstance(error, UserError):
            self.report.setPlainText(error.message)
        else:
            log.error("import failed", exc_info=error)
            self.report.setPlainText(self.tr("The import failed. Details are in the log file."))

    # -- history ---------------------------------------------------------------------------
    def refresh(self) -> None:
        imports = self.imports
        self.runner.start(lambda _p, _c: imports.history(), self, on_finished=self._show_history)

    def _show_history(self, runs: list[dict[str, Any]]) -> None:
        self.history_model.set_rows(runs)
        self.history.fit_columns()

    def _history_selected(self, *_args: object) -> None:
        run = self.history.current_row()
        if run is None:
            return
        stored = self.imports.stored_report(run["id"])
        if stored:
            self.report.setPlainText(report_text(stored))
