"""Before saving a client who looks like a stored one: the candidates, and what to do about them.

Only candidates the user may see are listed (name, birth date, Kundennummer, reason); others are
mentioned as a neutral hint to ask Teamleitung, without any detail.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from srek_desk.services.clients.duplicates import DuplicateCandidate, DuplicateCheck
from srek_desk.services.clients.values import display_name
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.widgets.tables import RowsTable

SAVE_ANYWAY, OPEN_EXISTING, SAVE_AND_MERGE = "save", "open", "merge"


@dataclass(frozen=True, slots=True)
class DuplicateChoice:
    action: str  # SAVE_ANYWAY, OPEN_EXISTING or SAVE_AND_MERGE
    client_id: int | None = None  # the candidate to open or merge with


def _born(candidate: DuplicateCandidate) -> str:
    return candidate.birth_date.strftime("%d.%m.%Y") if candidate.birth_date else ""


class DuplicateDialog(QDialog):
    def __init__(
        self, check: DuplicateCheck, *, allow_merge: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Possible duplicate"))
        self.resize(720, 360)
        self.choice: DuplicateChoice | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "This client looks like a record that already exists. Please check before "
                "saving: one person should have one record."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = RowsModel(
            [
                Column(
                    self.tr("Name"),
                    lambda c: display_name(c.first_name, c.last_name, c.customer_number),
                ),
                Column(
                    self.tr("Born"),
                    _born,
                    sort=lambda c: c.birth_date.toordinal() if c.birth_date else 0,
                ),
                Column(self.tr("Customer number"), lambda c: c.customer_number or ""),
                Column(self.tr("Why"), lambda c: c.reason),
            ],
            self,
        )
        self.model.set_rows(check.visible)
        self.table = RowsTable(self.model, self.tr("Similar records"))
        self.table.fit_columns()
        self.table.select_first()
        self.table.setVisible(bool(check.visible))
        layout.addWidget(self.table, 1)
        self.hint = QLabel(
            self.tr(
                "A similar record exists that you cannot see (probably in a colleague's "
                "caseload). Please ask Teamleitung whether it is the same person."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #9a3412;")
        self.hint.setVisible(check.hidden > 0)
        layout.addWidget(self.hint)
        if not check.visible:
            layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.save_button = buttons.addButton(
            self.tr("Save &anyway"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button = buttons.addButton(
            self.tr("&Open existing"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.merge_button = buttons.addButton(
            self.tr("Save and &merge…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setVisible(bool(check.visible))
        self.merge_button.setVisible(bool(check.visible) and allow_merge)
        self.save_button.clicked.connect(lambda: self._choose(SAVE_ANYWAY))
        self.open_button.clicked.connect(lambda: self._choose(OPEN_EXISTING))
        self.merge_button.clicked.connect(lambda: self._choose(SAVE_AND_MERGE))
        buttons.rejected.connect(self.reject)
        self.table.doubleClicked.connect(lambda _index: self._choose(OPEN_EXISTING))
        layout.addWidget(buttons)

    def _choose(self, action: str) -> None:
        candidate = self.table.current_row()
        if action != SAVE_ANYWAY and candidate is None:
            return
        self.choice = DuplicateChoice(
            action, candidate.client_id if candidate is not None else None
        )
        self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, check: DuplicateCheck, *, allow_merge: bool = True
    ) -> DuplicateChoice | None:
        """What the user chose, or None to go back to the form (nothing saved, nothing lost)."""
        dialog = cls(check, allow_merge=allow_merge, parent=parent)
        return dialog.choice if dialog.exec() == QDialog.DialogCode.Accepted else None
