"""Abgleich › the opportunity sheet being put together: the picked offers, the sheet's language
and pseudonymous choice, preview, print or save as PDF, and the note that it was recorded."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from srek_desk.matching.engine import Match
from srek_desk.services.sheets.service import SheetService
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.sheet_output import SheetOutput, language_choice, pseudonymous_choice
from srek_desk.ui.tasks import TaskRunner
from srek_desk.ui.widgets.tables import RowsTable

# The texts keep the "MatchingPage" context: the German translation knows them by it.
translate = QCoreApplication.translate


class SheetPanel(QGroupBox):
    """The matching page decides what is picked and when; the panel keeps the list, shows it and
    makes the sheet. `recorded(client_id)` after a sheet was made and stored."""

    recorded = Signal(int)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(translate("MatchingPage", "Opportunity sheet"), parent)
        self.runner = runner
        self.output: SheetOutput | None = None
        self.picked: list[Match] = []
        self.sheet_model = RowsModel(
            [
                Column(translate("MatchingPage", "Offer"), lambda m: m.title),
                Column(translate("MatchingPage", "Place"), lambda m: m.place),
            ],
            self,
        )
        self.sheet_list = RowsTable(
            self.sheet_model, translate("MatchingPage", "Offers on the sheet")
        )
        self.sheet_list.setSortingEnabled(False)
        self.sheet_list.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.sheet_list.horizontalHeader().setStretchLastSection(False)
        self.remove_button = QPushButton(translate("MatchingPage", "&Remove from sheet"))
        self.language = language_choice(self)
        self.pseudonymous = pseudonymous_choice(self)
        self.preview_button = QPushButton(translate("MatchingPage", "Pre&view…"))
        self.print_button = QPushButton(translate("MatchingPage", "Pri&nt…"))
        self.save_button = QPushButton(translate("MatchingPage", "Save as P&DF…"))
        self.sheet_note = QLabel()
        self.sheet_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheet_list, 1)
        layout.addWidget(self.remove_button)
        form = QFormLayout()
        language_label = QLabel(translate("MatchingPage", "&Language:"))
        language_label.setBuddy(self.language)
        form.addRow(language_label, self.language)
        layout.addLayout(form)
        layout.addWidget(self.pseudonymous)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        layout.addWidget(self.sheet_note)

    def set_sheets(self, sheets: SheetService) -> None:
        """The sheet service arrived (or was rebuilt): its default language is preselected."""
        if self.output is not None:
            self.output.deleteLater()
        self.output = SheetOutput(sheets, self.runner, self)
        language = self.language.findData(sheets.config["sheet.default_language"])
        if language >= 0:
            self.language.setCurrentIndex(language)
        self.output.recorded.connect(self._recorded)

    def set_ready(self, ready: bool) -> None:
        has_sheet = ready and bool(self.picked)
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(has_sheet)
        self.remove_button.setEnabled(has_sheet)

    def is_picked(self, offer_id: int) -> bool:
        return any(m.offer_id == offer_id for m in self.picked)

    def add(self, match: Match) -> None:
        self.picked.append(match)
        self.sheet_model.set_rows(self.picked)

    def remove_current(self) -> bool:
        """Take the selected offer (else the last one) off the sheet; False when it was empty."""
        match = self.sheet_list.current_row()
        if match is None and self.picked:
            match = self.picked[-1]
        if match is None:
            return False
        self.drop(match.offer_id)
        return True

    def drop(self, offer_id: int) -> None:
        self.picked = [m for m in self.picked if m.offer_id != offer_id]
        self.sheet_model.set_rows(self.picked)

    def clear(self) -> None:
        """Another client: a new sheet."""
        self.picked = []
        self.sheet_model.set_rows([])
        self.sheet_note.clear()

    def produce(self, action: str, client_ref: int | str) -> None:
        if self.output is None or not self.picked:
            return
        self.output.produce(
            action,
            client_ref,
            [m.offer_id for m in self.picked],  # ids: references repeat across sources
            language=self.language.currentData(),
            pseudonymous=self.pseudonymous.isChecked(),
        )

    def _recorded(self, client_id: int) -> None:
        self.sheet_note.setText(
            translate("MatchingPage", "Sheet recorded; its offers are now proposals to the client.")
        )
        self.recorded.emit(client_id)
