"""Someone saved the client meanwhile: both versions side by side, keep mine or take theirs."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from srek_desk.services.clients.values import ClientInput
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.widgets.tables import RowsTable

KEEP_MINE, TAKE_THEIRS = "mine", "theirs"


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else "–"
    if isinstance(value, tuple):
        return ", ".join(
            _show(v) if not isinstance(v, tuple) else " ".join(map(str, v)) for v in value
        )
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)


def differences(mine: ClientInput, theirs: ClientInput) -> list[tuple[str, str, str]]:
    rows = []
    for field in fields(ClientInput):
        a, b = getattr(mine, field.name), getattr(theirs, field.name)
        if a != b:
            rows.append((field.name, _show(a), _show(b)))
    return rows


class ConflictDialog(QDialog):
    def __init__(
        self, mine: ClientInput, theirs: ClientInput, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changed meanwhile"))
        self.resize(720, 420)
        self.choice: str | None = None
        text = QLabel(
            self.tr(
                "Someone else saved this client while you were editing. These fields differ; "
                "keep your version (it replaces theirs) or take theirs (your edits are lost)."
            )
        )
        text.setWordWrap(True)
        self.model = RowsModel(
            [
                Column(self.tr("Field"), lambda r: r[0]),
                Column(self.tr("Your version"), lambda r: r[1]),
                Column(self.tr("Saved meanwhile"), lambda r: r[2]),
            ],
            self,
        )
        self.model.set_rows(differences(mine, theirs))
        self.table = RowsTable(self.model, self.tr("Differences"))
        self.table.fit_columns()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        mine_button = buttons.addButton(
            self.tr("&Keep mine"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        theirs_button = buttons.addButton(
            self.tr("&Take theirs"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        mine_button.clicked.connect(lambda: self._choose(KEEP_MINE))
        theirs_button.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, mine: ClientInput, theirs: ClientInput) -> str | None:
        """KEEP_MINE, TAKE_THEIRS or None (go on editing)."""
        dialog = cls(mine, theirs, parent)
        return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None
