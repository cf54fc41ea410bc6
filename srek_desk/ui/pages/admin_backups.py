"""Sicherung tab: the newest backup and a warning when it is old, all backups, a backup now, and
a restore (asked for and confirmed here, carried out by the main window with the database closed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from srek_desk.services.protection.backups import BackupInfo, BackupService
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.pages.admin_common import WARNING_STYLE, show_failure
from srek_desk.ui.tasks import TaskRunner
from srek_desk.ui.widgets.tables import RowsTable


def size_text(size_bytes: int) -> str:
    """German style: 1,5 MB."""
    if size_bytes < 1024 * 1024:
        return f"{max(1, round(size_bytes / 1024))} KB"
    return f"{size_bytes / (1024 * 1024):.1f} MB".replace(".", ",")


def kind_labels() -> dict[str, str]:
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    return {
        "manuell": translate("BackupsTab", "by hand"),
        "taeglich": translate("BackupsTab", "daily"),
        "vor-wiederherstellung": translate("BackupsTab", "before a restore"),
        "beschaedigt": translate("BackupsTab", "damaged database, set aside"),
        "vor-update": translate("BackupsTab", "before an update"),
    }


def kind_label(kind: str) -> str:
    labels = kind_labels()
    if kind.startswith("vor-update"):
        return labels["vor-update"]
    return labels.get(kind, kind)


def backup_time(info: BackupInfo) -> str:
    return info.created.strftime("%d.%m.%Y %H:%M")  # backup names carry local time


class BackupsTab(QWidget):
    """`restore_requested(Path)` once the admin chose a backup and confirmed the restore."""

    restore_requested = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        backups: BackupService | None,
        config: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.backups = backups
        self.busy = False
        try:
            self.warn_after_days = int(config["backup.warn_after_days"])
        except (KeyError, TypeError):
            self.warn_after_days = 3
        layout = QVBoxLayout(self)
        if backups is None:
            server = QLabel(
                self.tr(
                    "This database runs on a database server. Backing it up, and restoring "
                    "it, is the job of the IT department on the server."
                )
            )
            server.setWordWrap(True)
            layout.addWidget(server)
            layout.addStretch(1)
            return
        self.latest_label = QLabel()
        self.latest_label.setWordWrap(True)
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.hide()
        folder = QLabel(self.tr("Backup folder: %1").replace("%1", str(backups.folder)))
        folder.setWordWrap(True)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button = QPushButton(self.tr("&Restore…"))
        self.restore_button.clicked.connect(self.restore)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.model = RowsModel(
            [
                Column(
                    self.tr("Created"),
                    backup_time,
                    sort=lambda b: b.created.isoformat(),
                ),
                Column(self.tr("Kind"), lambda b: kind_label(b.kind)),
                Column(
                    self.tr("Size"),
                    lambda b: size_text(b.size_bytes),
                    sort=lambda b: b.size_bytes,
                    align_right=True,
                ),
                Column(self.tr("File"), lambda b: b.path.name, tooltip=lambda b: str(b.path)),
            ],
            self,
        )
        self.table = RowsTable(self.model, self.tr("Backups"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.message, 1)
        note = QLabel(
            self.tr(
                "SREK Desk backs the database up by itself when it starts for the first time on a "
                "day, and keeps the newest backups. A copy on another drive protects against "
                "a broken disk."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.latest_label)
        layout.addWidget(folder)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)

    # -- list --------------------------------------------------------------------------------
    def refresh(self) -> None:
        backups, days = self.backups, self.warn_after_days
        if backups is None:
            return

        def work(_progress: Any, _cancelled: Any) -> Any:
            return backups.list(), backups.latest(), backups.age_warning(warn_after_days=days)

        self.runner.start(work, self, on_finished=self._show, on_failed=self._failed)

    def _show(self, result: tuple[list[BackupInfo], BackupInfo | None, str | None]) -> None:
        infos, latest, warning = result
        self.model.set_rows(infos)
        self.table.fit_columns(widest=420)
        self.latest_label.setVisible(latest is not None)  # else the warning says so
        if latest is not None:
            self.latest_label.setText(
                self.tr("Newest backup: %1 (%2)")
                .replace("%1", backup_time(latest))
                .replace("%2", size_text(latest.size_bytes))
            )
        self.warning_label.setText(warning or "")
        self.warning_label.setVisible(bool(warning))

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        show_failure(self, self.tr("Backups"), error)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.backup_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)

    # -- back up -----------------------------------------------------------------------------
    def back_up(self) -> None:
        backups = self.backups
        if backups is None or self.busy:
            return
        self._set_busy(True)
        self.message.setText(self.tr("Backing up …"))
        self.runner.start(
            lambda _p, _c: backups.create(),
            self,
            on_finished=self._backed_up,
            on_failed=self._failed,
        )

    def _backed_up(self, info: BackupInfo) -> None:
        self._set_busy(False)
        self.message.setText(
            self.tr("Backup written: %1 (%2).")
            .replace("%1", info.path.name)
            .replace("%2", size_text(info.size_bytes))
        )
        self.refresh()

    # -- restore -----------------------------------------------------------------------------
    def restore(self) -> None:
        if self.backups is None or self.busy:
            return
        chosen = self.table.current_row()
        start = chosen.path if isinstance(chosen, BackupInfo) else self.backups.folder
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup"),
            str(start),
            self.tr("SREK Desk backups (*.sqlite3);;All files (*)"),
        )
        if not path:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Restore backup"),
            self.tr(
                "Replace the database with the backup %1?\n\nThe current state is kept aside "
                "as a backup first, so it is not lost. SREK Desk then closes the database, "
                "restores the backup and starts again."
            ).replace("%1", Path(path).name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore_requested.emit(Path(path))
