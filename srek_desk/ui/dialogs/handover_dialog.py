"""Dialog of the case handover export: tick clients, choose a password and a file.

`HandoverExportDialog.ask` returns an ExportChoice (client ids, password, file, whether and to
whom to mark them handed over) or None. The check-box table model and the small form helpers
are shared with the import dialog (`handover_import_dialog`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from srek_desk.services.handover.file_format import (
    FILE_SUFFIX,
    MIN_PASSWORD_LENGTH,
    default_file_name,
)
from srek_desk.services.handover.service import ClientChoice
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.widgets.tables import RowsTable

AnyIndex = QModelIndex | QPersistentModelIndex


class CheckableRows(RowsModel):
    """A RowsModel whose first column carries a check box per row."""

    def __init__(self, columns: Sequence[Column[Any]], parent: Any = None) -> None:
        super().__init__(columns, parent)
        self.checked: set[int] = set()  # row numbers

    def set_rows(self, rows: Sequence[Any], checked: set[int] | None = None) -> None:
        self.checked = set(checked or ())
        super().set_rows(rows)

    def checked_rows(self) -> list[Any]:
        return [self.rows[n] for n in sorted(self.checked)]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == 0:
            if not 0 <= index.row() < len(self.rows):
                return None
            return Qt.CheckState.Checked if index.row() in self.checked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() != 0:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        if state == Qt.CheckState.Checked:
            self.checked.add(index.row())
        else:
            self.checked.discard(index.row())
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


def day_text(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


def file_row(edit: QLineEdit, button: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(button)
    return row


def add_form_row(form: QFormLayout, text: str, buddy: QWidget, row: QHBoxLayout) -> None:
    """A form row whose field is a layout: the label's mnemonic goes to `buddy`."""
    label = QLabel(text)
    label.setBuddy(buddy)
    form.addRow(label, row)


def password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


def ok_cancel(
    dialog: QDialog, ok_text: str, cancel_text: str
) -> tuple[QDialogButtonBox, QPushButton]:
    """The dialog's button row: `ok_text` (the caller connects `accepted`) and cancel."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b91c1c;")
    label.hide()
    return label


@dataclass(frozen=True, slots=True)
class ExportChoice:
    client_ids: tuple[int, ...]
    password: str
    path: Path
    mark_handed_over: str | None  # recipient ("" unnamed) or None: leave the clients as they are


class HandoverExportDialog(QDialog):
    def __init__(
        self,
        choices: Sequence[ClientChoice],
        preselected: set[int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export case handover"))
        self.resize(720, 640)
        intro = QLabel(
            self.tr(
                "Tick the clients to hand over to another office. Their notes, follow-ups, "
                "proposals and printed sheets go along, encrypted with the password. Tell the "
                "recipient the password by another way (e.g. by phone), never with the file."
            )
        )
        intro.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by name or customer number…"))
        self.filter.setAccessibleName(self.tr("Filter"))
        self.model = CheckableRows(
            [
                Column(self.tr("Client"), lambda c: c.name),
                Column(self.tr("Customer number"), lambda c: c.customer_number or ""),
                Column(self.tr("Born"), lambda c: day_text(c.birth_date), lambda c: c.birth_date),
            ],
            self,
        )
        rows = list(choices)
        self.model.set_rows(rows, {n for n, c in enumerate(rows) if c.id in preselected})
        self.table = RowsTable(self.model, self.tr("Clients to hand over"))
        self.table.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table.proxy.setFilterKeyColumn(-1)
        self.table.fit_columns()
        self.filter.textChanged.connect(self.table.proxy.setFilterFixedString)
        self.count_label = QLabel()
        self.model.dataChanged.connect(self._update_count)

        self.password = password_edit(self.tr("Password"))
        self.password.setPlaceholderText(
            self.tr("at least %1 characters").replace("%1", str(MIN_PASSWORD_LENGTH))
        )
        self.repeat = password_edit(self.tr("Repeat password"))
        self.path = QLineEdit(str(Path.home() / default_file_name(date.today())))
        self.path.setAccessibleName(self.tr("File"))
        choose = QPushButton(self.tr("C&hoose…"))
        choose.clicked.connect(self._choose_file)
        self.mark = QCheckBox(self.tr("&Mark as handed over afterwards (inactive, with a note)"))
        self.recipient = QLineEdit()
        self.recipient.setPlaceholderText(self.tr("Receiving office (optional)"))
        self.recipient.setAccessibleName(self.tr("Receiving office"))
        self.recipient.setEnabled(False)
        self.mark.toggled.connect(self.recipient.setEnabled)
        form = QFormLayout()
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        add_form_row(form, self.tr("&File:"), self.path, file_row(self.path, choose))
        form.addRow(self.mark)
        form.addRow(self.tr("Handed over &to:"), self.recipient)

        self.error = error_label()
        buttons, self.export_button = ok_cancel(self, self.tr("&Export"), self.tr("Cancel"))
        buttons.accepted.connect(self._accept_if_valid)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._update_count()

    def _update_count(self, *_args: Any) -> None:
        self.count_label.setText(
            self.tr("%1 clients chosen").replace("%1", str(len(self.model.checked)))
        )

    def _choose_file(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.windowTitle(),
            self.path.text(),
            self.tr("Case handover (*%1)").replace("%1", FILE_SUFFIX),
        )
        if chosen:
            self.path.setText(chosen)

    def problem(self) -> str | None:
        """What keeps the export from starting, for people; None when it can start."""
        if not self.model.checked:
            return self.tr("Tick at least one client.")
        if len(self.password.text()) < MIN_PASSWORD_LENGTH:
            return self.tr("The password needs at least %1 characters.").replace(
                "%1", str(MIN_PASSWORD_LENGTH)
            )
        if self.password.text() != self.repeat.text():
            return self.tr("The two passwords differ.")
        if not self.path.text().strip():
            return self.tr("Choose a file.")
        return None

    def _accept_if_valid(self) -> None:
        problem = self.problem()
        self.error.setText(problem or "")
        self.error.setVisible(problem is not None)
        if problem is None:
            self.accept()

    def choice(self) -> ExportChoice:
        path = Path(self.path.text().strip()).expanduser()
        if not path.suffix:
            path = path.with_suffix(FILE_SUFFIX)
        return ExportChoice(
            tuple(c.id for c in self.model.checked_rows()),
            self.password.text(),
            path,
            self.recipient.text().strip() if self.mark.isChecked() else None,
        )

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        choices: Sequence[ClientChoice],
        preselected: set[int] | None = None,
    ) -> ExportChoice | None:
        dialog = cls(choices, preselected or set(), parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
