"""Einstellungen › Kenntnisse: the skills vocabulary — list, add, edit, deactivate, delete if unused."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from srek_desk.errors import UserError
from srek_desk.services.core.validation import ValidationError
from srek_desk.services.offers.skills import SkillEntry, SkillService

AnyIndex = QModelIndex | QPersistentModelIndex
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 40
INACTIVE_COLOUR = QColor("#6b7280")
LABEL, CATEGORY, COURSE, SYNONYMS, ACTIVE, IN_USE = range(6)


class SkillTableModel(QAbstractTableModel):
    """Skills with their use by clients and offers; deactivated ones greyed out."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: list[SkillEntry] = []
        self.usage: dict[str, tuple[int, int]] = {}

    def set_entries(
        self, entries: Sequence[SkillEntry], usage: Mapping[str, tuple[int, int]]
    ) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.usage = dict(usage)
        self.endResetModel()

    def row_of(self, code: str) -> int | None:
        for number, entry in enumerate(self.entries):
            if entry.code == code:
                return number
        return None

    def usage_text(self, code: str) -> str:
        clients, offers = self.usage.get(code, (0, 0))
        if not clients and not offers:
            return ""
        return self.tr("%n client(s)", "", clients) + ", " + self.tr("%n offer(s)", "", offers)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == LABEL:
                return entry.label
            if column == CATEGORY:
                return entry.category
            if column == COURSE:
                return entry.course
            if column == SYNONYMS:
                return ", ".join(entry.synonyms)
            if column == ACTIVE:
                return self.tr("yes") if entry.active else self.tr("no")
            return self.usage_text(entry.code)
        if role == ENTRY_ROLE:
            return entry
        if role == Qt.ItemDataRole.ForegroundRole and not entry.active:
            return INACTIVE_COLOUR
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (
            self.tr("Skill"),
            self.tr("Area"),
            self.tr("Course for the sheet"),
            self.tr("Other names"),
            self.tr("Active"),
            self.tr("In use"),
        )
        return headers[section] if 0 <= section < len(headers) else None


class SkillsTab(QWidget):
    """The list above, the chosen skill's fields below; a new skill starts with "New skill"."""

    def __init__(self, skills: SkillService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.skills = skills
        self.code: str | None = None  # the skill in the fields; None: a new one
        self.model = SkillTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search skills…"))
        self.search.setAccessibleName(self.tr("Search in the skills"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.show_inactive = QCheckBox(self.tr("Show &deactivated skills"))
        self.show_inactive.setChecked(True)
        self.show_inactive.toggled.connect(lambda _on: self.load())
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Skills and certificates"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the service's order
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setAccessibleName(self.tr("Column headers"))
        self.table.selectionModel().selectionChanged.connect(self._selected)

        self.label = QLineEdit()
        self.label.setAccessibleName(self.tr("Name of the skill"))
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.setAccessibleName(self.tr("Area"))
        self.course = QLineEdit()
        self.course.setPlaceholderText(self.tr("e.g. Staplerschein-Kurs (1–3 Tage)"))
        self.course.setAccessibleName(self.tr("Course for the sheet"))
        self.synonyms = QPlainTextEdit()
        self.synonyms.setAccessibleName(self.tr("Other names, one per line"))
        self.synonyms.setMaximumHeight(self.fontMetrics().height() * 4 + 12)
        self.active = QCheckBox(self.tr("Acti&ve (offered in the client and offer editors)"))
        form = QFormLayout()
        for caption, widget in (
            (self.tr("&Name:"), self.label),
            (self.tr("A&rea:"), self.category),
            (self.tr("&Course for the sheet:"), self.course),
            (self.tr("&Other names (one per line):"), self.synonyms),
            ("", self.active),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.usage_label = QLabel()
        self.usage_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.new_button = QPushButton(self.tr("&New skill"))
        self.new_button.clicked.connect(self.new_skill)
        self.save_button = QPushButton(self.tr("&Save skill"))
        self.save_button.clicked.connect(self.save_skill)
        self.deactivate_button = QPushButton(self.tr("Deac&tivate"))
        self.deactivate_button.clicked.connect(self.toggle_active)
        self.delete_button = QPushButton(self.tr("De&lete"))
        self.delete_button.clicked.connect(self.delete_skill)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (
            self.new_button,
            self.deactivate_button,
            self.delete_button,
            self.save_button,
        ):
            buttons.addWidget(button)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_inactive)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.usage_label)
        layout.addLayout(buttons)
        self._show(None)

    # -- loading ----------------------------------------------------------------------------
    def load(self, select: str | None = None) -> None:
        select = select or self.code
        entries = self.skills.vocabulary(include_inactive=self.show_inactive.isChecked())
        self.model.set_entries(entries, self.skills.usage_counts())
        categories = sorted({e.category for e in entries if e.category})
        text = self.category.currentText()
        self.category.clear()
        self.category.addItems(categories)
        self.category.setCurrentText(text)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 280))
        row = self.model.row_of(select) if select else None
        if row is not None:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        else:
            self._show(None)

    def current_entry(self) -> SkillEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ENTRY_ROLE) if rows else None

    def _selected(self, *_args: object) -> None:
        self._show(self.current_entry())

    def _show(self, entry: SkillEntry | None) -> None:
        self.code = entry.code if entry else None
        self.label.setText(entry.label if entry else "")
        self.category.setCurrentText(entry.category if entry else "")
        self.course.setText(entry.course if entry else "")
        self.synonyms.setPlainText("\n".join(entry.synonyms) if entry else "")
        self.active.setChecked(entry.active if entry else True)
        self.deactivate_button.setEnabled(entry is not None)
        self.deactivate_button.setText(
            self.tr("Deac&tivate") if entry is None or entry.active else self.tr("Reac&tivate")
        )
        used = self.model.usage_text(entry.code) if entry else ""
        deletable = entry is not None and not entry.seeded and not used
        self.delete_button.setEnabled(deletable)
        if entry is None:
            self.usage_label.setText(self.tr("A new skill of the office."))
        elif used:
            self.usage_label.setText(
                self.tr("In use: %1. It can be deactivated, not deleted.").replace("%1", used)
            )
        elif entry.seeded:
            self.usage_label.setText(
                self.tr("Shipped with the program: it can be deactivated, not deleted.")
            )
        else:
            self.usage_label.setText(self.tr("Not in use: it can be deleted."))

    # -- actions ----------------------------------------------------------------------------
    def new_skill(self) -> None:
        self.table.clearSelection()
        self._show(None)
        self.message.clear()
        self.label.setFocus()

    def save_skill(self) -> None:
        values: dict[str, Any] = {
            "label": self.label.text(),
            "category": self.category.currentText(),
            "course": self.course.text(),
            "synonyms": self.synonyms.toPlainText().splitlines(),
        }
        try:
            if self.code is None:
                code = self.skills.add(**values)
            else:
                self.skills.update(self.code, active=self.active.isChecked(), **values)
                code = self.code
        except ValidationError as error:
            self.message.setText(" ".join(problem.message for problem in error.errors))
            return
        except UserError as error:
            self.message.setText(error.message)
            return
        self.message.setText(self.tr("Saved: “%1”.").replace("%1", self.label.text().strip()))
        self.load(select=code)

    def toggle_active(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        try:
            self.skills.update(
                entry.code,
                label=entry.label,
                category=entry.category,
                course=entry.course,
                synonyms=entry.synonyms,
                active=not entry.active,
            )
        except UserError as error:
            self.message.setText(error.message)
            return
        self.message.setText(
            (
                self.tr("Deactivated: “%1”.") if entry.active else self.tr("Reactivated: “%1”.")
            ).replace("%1", entry.label)
        )
        self.load(select=entry.code)

    def delete_skill(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete skill"),
            self.tr("Delete “%1” from the list?").replace("%1", entry.label),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.skills.delete(entry.code)
        except UserError as error:
            self.message.setText(error.message)
            return
        self.message.setText(self.tr("Deleted: “%1”.").replace("%1", entry.label))
        self.code = None
        self.load()
