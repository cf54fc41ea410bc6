"""Merge two records of one person: pick the other record, compare side by side, choose, confirm."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from srek_desk.db.codes import CLIENT_STATUSES, split_codes
from srek_desk.errors import UserError
from srek_desk.reference.qualifications import language_by_code, school_by_code, vocational_by_code
from srek_desk.services.clients.duplicates import DuplicateService
from srek_desk.services.clients.merge import MergeService, MergeSide, preview
from srek_desk.services.clients.service import ClientService
from srek_desk.services.clients.values import display_name
from srek_desk.services.offers.skills import SkillService
from srek_desk.ui.models.rows_model import AnyIndex, Column, RowsModel
from srek_desk.ui.widgets.tables import RowsTable


def _day(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.strftime("%d.%m.%Y")
    return ""


def _language(code: str) -> str:
    language = language_by_code(code)
    return language.name if language is not None else code


def _name_of(side: MergeSide) -> str:
    v = side.values
    return display_name(v["first_name"], v["last_name"], v["customer_number"])


class ComparisonModel(RowsModel):
    """The comparison rows; a field whose values differ is shown bold."""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.FontRole and index.isValid():
            row = self.rows[index.row()]
            if row[1] != row[2]:
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)

    def set_headers(self, first: str, other: str) -> None:
        self.columns[1] = replace(self.columns[1], header=first)
        self.columns[2] = replace(self.columns[2], header=other)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 1, 2)


class MergeDialog(QDialog):
    """`first_id` is the record the user came from; the other is picked from candidates or found."""

    def __init__(
        self,
        clients: ClientService,
        first_id: int,
        other_id: int | None = None,
        parent: QWidget | None = None,
        *,
        prefer_other: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge records"))
        self.resize(900, 640)
        self.actor = clients.actor
        self.service = MergeService(clients.database)
        self.skill_labels = SkillService(clients.database).labels()
        self.first = self.service.side(first_id, self.actor)
        self.other: MergeSide | None = None
        self.kept_id: int | None = None
        intro = QLabel(
            self.tr(
                "Merge two records of the same person. The record that is removed gives "
                "everything to the one that is kept: notes, follow-ups, proposals, printed "
                "sheets, wishes and languages. Empty fields of the kept record are filled from "
                "the other one."
            )
        )
        intro.setWordWrap(True)
        self.candidates = QComboBox()
        self.candidates.setAccessibleName(self.tr("Other record"))
        self.candidates.currentIndexChanged.connect(self._pick)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Name or customer number"))
        self.search.setAccessibleName(self.tr("Search for the other record"))
        self.search.returnPressed.connect(self.run_search)
        search_button = QPushButton(self.tr("&Search"))
        search_button.clicked.connect(self.run_search)
        finder = QHBoxLayout()
        finder.addWidget(self.search, 1)
        finder.addWidget(search_button)
        form = QFormLayout()
        form.addRow(self.tr("This record:"), QLabel(_name_of(self.first)))
        form.addRow(self.tr("&Other record:"), self.candidates)
        form.addRow(self.tr("Find another:"), finder)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #9a3412;")
        self.model = ComparisonModel(
            [
                Column(self.tr("Field"), lambda r: r[0]),
                Column(self.tr("This record"), lambda r: r[1], tooltip=lambda r: r[1]),
                Column(self.tr("Other record"), lambda r: r[2], tooltip=lambda r: r[2]),
                Column(self.tr("After merging"), lambda r: r[3], tooltip=lambda r: r[3]),
            ],
            self,
        )
        self.table = RowsTable(self.model, self.tr("Comparison"))
        self.table.setSortingEnabled(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.keep_first = QRadioButton(self.tr("&Keep this record"))
        self.keep_other = QRadioButton(self.tr("Keep the other &record"))
        (self.keep_other if prefer_other else self.keep_first).setChecked(True)
        self.keep_first.toggled.connect(self._show_comparison)
        keep = QHBoxLayout()
        keep.addWidget(self.keep_first)
        keep.addWidget(self.keep_other)
        keep.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.merge_button = buttons.addButton(
            self.tr("&Merge…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.clicked.connect(self.merge)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(keep)
        layout.addWidget(buttons)
        self._load_candidates(DuplicateService(clients.database, self.actor), other_id)

    # -- choosing the other record ----------------------------------------------------------

    def _load_candidates(self, duplicates: DuplicateService, other_id: int | None) -> None:
        check = duplicates.check_client(self.first.client_id)
        entries = [
            (c.client_id, display_name(c.first_name, c.last_name, c.customer_number), c.reason)
            for c in check.visible
        ]
        if other_id is not None and other_id not in {e[0] for e in entries}:
            side = self.service.side(other_id, self.actor)
            entries.insert(0, (other_id, _name_of(side), ""))
        self._fill(
            [(i, f"{name} – {reason}" if reason else name) for i, name, reason in entries],
            other_id,
        )
        if check.hidden:
            self.hint.setText(
                self.tr(
                    "A similar record exists that you cannot see (probably in a colleague's "
                    "caseload). Please ask Teamleitung whether it is the same person."
                )
            )
        elif not entries:
            self.hint.setText(self.tr("No similar record found. Search for the other record."))
        self.hint.setVisible(bool(self.hint.text()))

    def _fill(self, entries: list[tuple[int, str]], selected: int | None = None) -> None:
        self.candidates.blockSignals(True)
        self.candidates.clear()
        for client_id, label in entries:
            if client_id != self.first.client_id:
                self.candidates.addItem(label, client_id)
        index = self.candidates.findData(selected) if selected is not None else 0
        self.candidates.setCurrentIndex(max(index, 0) if self.candidates.count() else -1)
        self.candidates.blockSignals(False)
        self._pick()

    def run_search(self) -> None:
        text = self.search.text().strip()
        if text:
            self._fill(self.service.search(text, self.actor))
            if not self.candidates.count():
                self.hint.setText(self.tr("No record found for this search."))
                self.hint.setVisible(True)

    def _pick(self) -> None:
        client_id = self.candidates.currentData()
        self.other = None
        if client_id is not None:
            try:
                self.other = self.service.side(int(client_id), self.actor)
            except UserError as error:
                QMessageBox.warning(self, self.tr("Merge records"), error.message)
        self._show_comparison()

    # -- comparison --------------------------------------------------------------------------

    def sides(self) -> tuple[MergeSide, MergeSide] | None:
        """(kept, removed) as chosen, or None while no other record is picked."""
        if self.other is None:
            return None
        if self.keep_first.isChecked():
            return self.first, self.other
        return self.other, self.first

    def _fields(self) -> list[tuple[str, Callable[[MergeSide], str]]]:
        def value(name: str) -> Callable[[MergeSide], str]:
            return lambda s: str(s.values[name] or "")

        def code_names(name: str, labels: dict[str, str]) -> Callable[[MergeSide], str]:
            return lambda s: ", ".join(labels.get(c, c) for c in split_codes(s.values[name]))

        def school(s: MergeSide) -> str:
            level = school_by_code(s.values["school_qualification"] or "")
            return level.name if level else ""

        def vocational(s: MergeSide) -> str:
            level = vocational_by_code(s.values["vocational_qualification"] or "")
            return level.name if level else ""

        def languages(s: MergeSide) -> str:
            return ", ".join(f"{_language(code)} {level}" for code, level in s.languages)

        def consent(s: MergeSide) -> str:
            given = self.tr("given on %1").replace("%1", _day(s.values["consent_date"]))
            return given if s.values["consent_given"] else self.tr("not given")

        def count(name: str) -> Callable[[MergeSide], str]:
            return lambda s: str(s.counts.get(name, 0))

        return [
            (self.tr("Customer number"), value("customer_number")),
            (self.tr("Last name"), value("last_name")),
            (self.tr("First name"), value("first_name")),
            (self.tr("Born"), lambda s: _day(s.values["birth_date"])),
            (self.tr("E-mail"), value("email")),
            (self.tr("Phone"), value("phone")),
            (self.tr("Street"), value("street")),
            (
                self.tr("Home"),
                lambda s: f"{s.values['home_postcode']} {s.values['home_place']}".strip(),
            ),
            (self.tr("School qualification"), school),
            (self.tr("Vocational qualification"), vocational),
            (self.tr("Driving licences"), value("driving_licences")),
            (self.tr("Skills"), code_names("skills", self.skill_labels)),
            (self.tr("Target occupations"), lambda s: ", ".join(f"{p}. {c}" for c, p in s.wishes)),
            (self.tr("Languages"), languages),
            (self.tr("Consent"), consent),
            (
                self.tr("Client status"),
                lambda s: CLIENT_STATUSES.get(s.values["status"], s.values["status"]),
            ),
            (self.tr("Counsellor"), lambda s: s.counsellor),
            (self.tr("Last contact"), lambda s: _day(s.values["last_contact_at"])),
            (self.tr("Created"), lambda s: _day(s.values["created_at"])),
            (self.tr("Notes"), count("notes")),
            (self.tr("Follow-ups"), count("follow_ups")),
            (self.tr("Proposals made"), count("proposals")),
            (self.tr("Printed sheets"), count("printed_sheets")),
        ]

    def _show_comparison(self) -> None:
        chosen = self.sides()
        self.merge_button.setEnabled(chosen is not None)
        if chosen is None or self.other is None:
            self.model.set_rows([])
            return
        after = preview(*chosen)
        kept, removed = self.tr("This record – kept"), self.tr("This record – removed")
        other_kept = self.tr("Other record – kept")
        other_removed = self.tr("Other record – removed")
        first_kept = chosen[0] is self.first
        self.model.set_headers(
            kept if first_kept else removed, other_removed if first_kept else other_kept
        )
        self.model.set_rows(
            [
                (label, show(self.first), show(self.other), show(after))
                for label, show in self._fields()
            ]
        )

    # -- merging -----------------------------------------------------------------------------

    def merge(self) -> None:
        chosen = self.sides()
        if chosen is None:
            return
        kept, removed = chosen
        question = self.tr(
            "Merge „%1“ into „%2“?\n\n„%1“ is deleted afterwards; its notes, follow-ups, "
            "proposals and printed sheets stay with „%2“. This cannot be undone."
        )
        question = question.replace("%1", _name_of(removed)).replace("%2", _name_of(kept))
        answer = QMessageBox.question(
            self,
            self.tr("Merge records"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.service.merge(
                kept.client_id,
                removed.client_id,
                self.actor,
                expected_versions=(kept.version, removed.version),
            )
        except UserError as error:
            QMessageBox.warning(self, self.tr("Merge records"), error.message)
            return
        self.kept_id = kept.client_id
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        clients: ClientService,
        first_id: int,
        other_id: int | None = None,
        *,
        prefer_other: bool = False,
    ) -> int | None:
        """The id of the kept record after a merge, or None when nothing was merged.

        `prefer_other`: propose to keep the other record (the older one, from the editor).
        """
        try:
            dialog = cls(clients, first_id, other_id, parent, prefer_other=prefer_other)
        except UserError as error:  # gone meanwhile, or not visible
            QMessageBox.warning(
                parent, QCoreApplication.translate("MergeDialog", "Merge records"), error.message
            )
            return None
        dialog.exec()
        return dialog.kept_id
