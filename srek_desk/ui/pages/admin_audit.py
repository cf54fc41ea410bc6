"""Protokoll tab: the audit log filtered by user, action, record type, dates and pseudonym; whether
the hash chain is intact; CSV export of exactly what the table shows."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from srek_desk.errors import UserError
from srek_desk.importers.export import safe_csv_writer
from srek_desk.private_files import write_private_text
from srek_desk.services.core.access import Actor
from srek_desk.services.core.audit import (
    ACTION_LABELS,
    ENTITY_LABELS,
    AuditFilter,
    AuditLine,
    AuditService,
)
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.pages.admin_common import GOOD_STYLE, WARNING_STYLE, local_time, show_failure
from srek_desk.ui.tasks import TaskRunner
from srek_desk.ui.widgets.tables import RowsTable

LIMIT = 2000


def day_start_utc(day: date) -> datetime:
    """Local midnight of `day`, in UTC as the log stores it."""
    local = datetime.combine(day, time()).astimezone()  # a naive moment is taken as local
    return local.astimezone(UTC)


def rows_as_csv(model: RowsModel, rows: list[Any]) -> str:
    """The given rows with the model's column texts, `;`-separated (Excel in Germany); a text a
    spreadsheet would run as a formula (a client named "=HYPERLINK(…)") is neutralised."""
    buffer = io.StringIO()
    writer = safe_csv_writer(buffer)
    writer.writerow([column.header for column in model.columns])
    for row in rows:
        writer.writerow([column.text(row) for column in model.columns])
    return buffer.getvalue()


class AuditTab(QWidget):
    def __init__(
        self, runner: TaskRunner, actor: Actor, audit: AuditService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.actor = actor
        self.audit = audit
        self._generation = 0
        self.broken_at: int | None = None  # first entry changed outside the program
        self.user = QComboBox()
        self.user.setAccessibleName(self.tr("Filter by login name"))
        self.action = QComboBox()
        self.action.setAccessibleName(self.tr("Filter by action"))
        self.action.addItem(self.tr("All actions"), "")
        for code, label in sorted(ACTION_LABELS.items(), key=lambda item: item[1].lower()):
            self.action.addItem(label, code)
        self.entity = QComboBox()
        self.entity.setAccessibleName(self.tr("Filter by area"))
        self.entity.addItem(self.tr("All areas"), "")
        for code, label in sorted(ENTITY_LABELS.items(), key=lambda item: item[1].lower()):
            self.entity.addItem(label, code)
        today = QDate.currentDate()
        self.since_check = QCheckBox(self.tr("&From:"))
        self.since = QDateEdit(today.addDays(-30))
        self.since.setAccessibleName(self.tr("From date"))
        self.until_check = QCheckBox(self.tr("&To:"))
        self.until = QDateEdit(today)
        self.until.setAccessibleName(self.tr("To date"))
        for check, edit in ((self.since_check, self.since), (self.until_check, self.until)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self.reload)
            edit.dateChanged.connect(self.reload)
        self.subject = QLineEdit()
        self.subject.setAccessibleName(self.tr("Pseudonym of a client"))
        self.subject.setPlaceholderText(self.tr("Pseudonym, e.g. 3f9a0c12b7d4"))
        self.subject.setClearButtonEnabled(True)
        self.subject.editingFinished.connect(self.reload)
        self.clear_button = QPushButton(self.tr("&Show all"))
        self.clear_button.clicked.connect(self.clear_filters)
        self.export_button = QPushButton(self.tr("E&xport as CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        self.export_button.setEnabled(False)
        self.user.currentIndexChanged.connect(self.reload)
        self.action.currentIndexChanged.connect(self.reload)
        self.entity.currentIndexChanged.connect(self.reload)

        self.chain_label = QLabel()
        self.chain_label.setWordWrap(True)
        self.count_label = QLabel()
        self.model = RowsModel(
            [
                Column(
                    self.tr("Time"),
                    lambda e: local_time(e.at, seconds=True),
                    sort=lambda e: e.id,
                ),
                Column(self.tr("Login name"), lambda e: e.user_name),
                Column(self.tr("Action"), lambda e: ACTION_LABELS.get(e.action, e.action)),
                Column(self.tr("Area"), lambda e: ENTITY_LABELS.get(e.entity, e.entity)),
                Column(self.tr("Client"), self.client_text, tooltip=self.client_tooltip),
                Column(self.tr("Fields"), lambda e: e.fields, tooltip=lambda e: e.fields),
                Column(self.tr("Detail"), lambda e: e.detail, tooltip=lambda e: e.detail),
            ],
            self,
        )
        self.table = RowsTable(self.model, self.tr("Audit log"))

        first = QHBoxLayout()
        for caption_text, widget in (
            (self.tr("Login &name:"), self.user),
            (self.tr("&Action:"), self.action),
            (self.tr("A&rea:"), self.entity),
        ):
            caption = QLabel(caption_text)
            caption.setBuddy(widget)
            first.addWidget(caption)
            first.addWidget(widget, 1)
        second = QHBoxLayout()
        second.addWidget(self.since_check)
        second.addWidget(self.since)
        second.addWidget(self.until_check)
        second.addWidget(self.until)
        pseudonym_caption = QLabel(self.tr("&Pseudonym:"))
        pseudonym_caption.setBuddy(self.subject)
        second.addWidget(pseudonym_caption)
        second.addWidget(self.subject, 1)
        second.addWidget(self.clear_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chain_label)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._loading = False

    # -- texts -------------------------------------------------------------------------------
    def client_text(self, entry: AuditLine) -> str:
        if entry.entity != "client":
            return ""
        if entry.client_name:
            return entry.client_name
        if entry.subject and not self.actor.can("clients.own"):
            return self.tr("Pseudonym: %1").replace("%1", entry.subject)  # no counselling rights
        if entry.subject:
            return self.tr("deleted (pseudonym %1)").replace("%1", entry.subject)
        return ""

    def client_tooltip(self, entry: AuditLine) -> str:
        if entry.entity == "client" and entry.subject:
            return self.tr("Pseudonym: %1").replace("%1", entry.subject)
        return ""

    # -- filters -----------------------------------------------------------------------------
    def current_filter(self) -> AuditFilter:
        since = until = None
        if self.since_check.isChecked():
            since = day_start_utc(self.since.date().toPython())
        if self.until_check.isChecked():
            until = day_start_utc(self.until.date().toPython() + timedelta(days=1))
        return AuditFilter(
            user_name=self.user.currentData() or "",
            action=self.action.currentData() or "",
            entity=self.entity.currentData() or "",
            subject=self.subject.text().strip().lower(),
            since=since,
            until=until,
            limit=LIMIT,
        )

    def clear_filters(self) -> None:
        self._loading = True
        for combo in (self.user, self.action, self.entity):
            combo.setCurrentIndex(0)
        self.since_check.setChecked(False)
        self.until_check.setChecked(False)
        self.subject.clear()
        self._loading = False
        self.reload()

    def _fill_users(self, names: list[str]) -> None:
        chosen = self.user.currentData() or ""
        self._loading = True
        self.user.clear()
        self.user.addItem(self.tr("All login names"), "")
        for name in names:
            self.user.addItem(name, name)
        self.user.setCurrentIndex(max(0, self.user.findData(chosen)))
        self._loading = False

    # -- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """New user names and the chain check, then the entries."""
        audit = self.audit

        def work(_progress: Any, _cancelled: Any) -> Any:
            return audit.user_names(), audit.verify_chain()

        self.runner.start(work, self, on_finished=self._checked, on_failed=self._failed)

    def _checked(self, result: tuple[list[str], int | None]) -> None:
        names, broken_at = result
        self.broken_at = broken_at
        self._fill_users(names)
        if broken_at is None:
            self.chain_label.setText(
                self.tr("Audit log unchanged: every entry is as the program wrote it.")
            )
            self.chain_label.setStyleSheet(GOOD_STYLE)
        else:
            self.chain_label.setText(
                self.tr(
                    "The audit log was changed outside the program (from entry %1 on). "
                    "Please tell the data protection officer."
                ).replace("%1", str(broken_at))
            )
            self.chain_label.setStyleSheet(WARNING_STYLE)
        self.reload()

    def reload(self, *_args: object) -> None:
        if self._loading:
            return
        self._generation += 1
        generation, audit, actor = self._generation, self.audit, self.actor
        wanted = self.current_filter()

        def work(_progress: Any, _cancelled: Any) -> Any:
            return generation, audit.query(actor, wanted)

        self.runner.start(work, self, on_finished=self._show, on_failed=self._failed)

    def _show(self, result: tuple[int, list[AuditLine]]) -> None:
        generation, lines = result
        if generation != self._generation:
            return  # a newer filter was set while this one ran
        self.model.set_rows(lines)
        self.table.fit_columns(widest=240)
        if len(lines) >= LIMIT:
            text = self.tr(
                "The newest %1 entries are shown; narrow the filter to see older ones."
            ).replace("%1", str(LIMIT))
        else:
            text = self.tr("Entries shown: %1").replace("%1", str(len(lines)))
        self.count_label.setText(text)
        self.export_button.setEnabled(bool(lines))

    def _failed(self, error: BaseException) -> None:
        show_failure(self, self.tr("Audit log"), error)

    # -- export ------------------------------------------------------------------------------
    def visible_rows(self) -> list[AuditLine]:
        proxy = self.table.proxy
        return [
            self.model.row(proxy.mapToSource(proxy.index(number, 0)).row())
            for number in range(proxy.rowCount())
        ]

    def export_csv(self) -> None:
        rows = self.visible_rows()
        if not rows:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export audit log"),
            str(Path.home() / ("Protokoll-" + date.today().isoformat() + ".csv")),
            "CSV (*.csv)",
        )
        if not path:
            return
        try:
            # utf-8 with BOM: Excel opens the umlauts right
            text = rows_as_csv(self.model, rows)
            write_private_text(Path(path), text, encoding="utf-8-sig")  # names people: 0600
        except (OSError, UserError) as error:
            QMessageBox.warning(self, self.tr("Export audit log"), str(error))
            return
        self.count_label.setText(self.tr("Exported to the file %1.").replace("%1", Path(path).name))
