"""Skills picker: a searchable checklist of the skills vocabulary, grouped by category.

Shows labels and stores codes. Deactivated or deleted skills a record already has stay in the
list (marked) and are kept unless unticked, so loading and saving unchanged changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from srek_desk.services.offers.skills import SkillEntry, normalise

AnyIndex = QModelIndex | QPersistentModelIndex
CODE_ROLE = Qt.ItemDataRole.UserRole + 30
INACTIVE_COLOUR = QColor("#6b7280")


@dataclass(frozen=True, slots=True)
class _Row:
    code: str  # "" for a category heading
    text: str
    tooltip: str = ""
    active: bool = True


class SkillChecklistModel(QAbstractListModel):
    """Category headings and checkable skills; `chosen` keeps the order codes were added in."""

    chosen_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.entries: dict[str, SkillEntry] = {}
        self.chosen: list[str] = []
        self._kept: set[str] = set()  # deactivated or unknown codes the record had when loaded
        self._search = ""
        self._rows: list[_Row] = []

    # -- our interface ----------------------------------------------------------------------
    def set_vocabulary(self, entries: Iterable[SkillEntry]) -> None:
        self.entries = {entry.code: entry for entry in entries}
        self._rebuild()

    def set_chosen(self, codes: Iterable[str]) -> None:
        self.chosen = list(dict.fromkeys(codes))
        self._kept = {c for c in self.chosen if c not in self.entries or not self.entries[c].active}
        self._rebuild()

    def set_search(self, text: str) -> None:
        if normalise(text) != self._search:
            self._search = normalise(text)
            self._rebuild()

    def label(self, code: str) -> str:
        entry = self.entries.get(code)
        return entry.label if entry else code

    def code_at(self, row: int) -> str:
        return self._rows[row].code if 0 <= row < len(self._rows) else ""

    def toggle(self, row: int) -> None:
        code = self.code_at(row)
        if code:
            self.setData(
                self.index(row, 0),
                Qt.CheckState.Unchecked if code in self.chosen else Qt.CheckState.Checked,
                Qt.ItemDataRole.CheckStateRole,
            )

    def _shown(self, entry: SkillEntry) -> bool:
        if not (entry.active or entry.code in self._kept):
            return False
        if not self._search:
            return True
        text = normalise(" ".join((entry.label, entry.category, *entry.synonyms)))
        return all(word in text for word in self._search.split())

    def _rebuild(self) -> None:
        groups: dict[str, list[_Row]] = {}
        for entry in sorted(self.entries.values(), key=lambda e: (e.category, normalise(e.label))):
            if not self._shown(entry):
                continue
            hint = []
            if not entry.active:
                hint.append(self.tr("Deactivated: kept because the record has it."))
            if entry.synonyms:
                hint.append(self.tr("Also: %1").replace("%1", ", ".join(entry.synonyms)))
            if entry.course:
                hint.append(self.tr("Course: %1").replace("%1", entry.course))
            text = (
                entry.label
                if entry.active
                else self.tr("%1 (deactivated)").replace("%1", entry.label)
            )
            groups.setdefault(entry.category or self.tr("Other"), []).append(
                _Row(entry.code, text, "\n".join(hint), entry.active)
            )
        unknown = [c for c in self.chosen if c not in self.entries]
        if unknown and (not self._search or any(self._search in normalise(c) for c in unknown)):
            groups[self.tr("No longer in the list")] = [
                _Row(c, c, self.tr("This skill was deleted from the list."), False) for c in unknown
            ]
        self.beginResetModel()
        self._rows = []
        for category, rows in groups.items():
            self._rows.append(_Row("", category))
            self._rows.extend(rows)
        self.endResetModel()

    # -- Qt interface -----------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        if not self._rows[index.row()].code:
            return Qt.ItemFlag.ItemIsEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or None
        if role == CODE_ROLE:
            return row.code
        if role == Qt.ItemDataRole.CheckStateRole and row.code:
            return Qt.CheckState.Checked if row.code in self.chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and (not row.code or not row.active):
            font = QFont()
            font.setBold(not row.code)
            font.setItalic(bool(row.code))
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row.code and not row.active:
            return INACTIVE_COLOUR
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        code = self.code_at(index.row())
        if not code:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        if checked == (code in self.chosen):
            return True
        if checked:
            self.chosen.append(code)
        else:
            self.chosen.remove(code)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.chosen_changed.emit()
        return True


class SkillPicker(QWidget):
    """Search box over the checklist, and a line naming what is ticked; `changed` on each tick."""

    changed = Signal()

    def __init__(
        self,
        name: str,
        vocabulary: Sequence[SkillEntry] = (),
        parent: QWidget | None = None,
        *,
        visible_rows: int = 7,
    ) -> None:
        super().__init__(parent)
        self.model = SkillChecklistModel(self)
        self.model.set_vocabulary(vocabulary)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search skills, e.g. Stapler, Erste Hilfe…"))
        self.search.setAccessibleName(self.tr("Search in %1").replace("%1", name))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.model.set_search)
        self.search.installEventFilter(self)  # Enter ticks the first hit, not the dialog button
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName(name)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.setMaximumHeight(self.fontMetrics().height() * visible_rows + 12)
        self.list.activated.connect(lambda index: self.model.toggle(index.row()))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Chosen: %1").replace("%1", name))
        self.model.chosen_changed.connect(self._chosen_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.summary)
        self.setFocusProxy(self.search)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._update_summary()

    def set_vocabulary(self, vocabulary: Iterable[SkillEntry]) -> None:
        chosen = self.codes()
        self.model.set_vocabulary(vocabulary)
        self.model.set_chosen(chosen)
        self._update_summary()

    def codes(self) -> tuple[str, ...]:
        return tuple(self.model.chosen)

    def set_codes(self, codes: Iterable[str]) -> None:
        self.model.set_chosen(codes)
        self._update_summary()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            skills = [r for r in range(self.model.rowCount()) if self.model.code_at(r)]
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if skills and self.search.text().strip():
                    self.model.toggle(skills[0])
                    self.search.clear()
                return True
            if event.key() == Qt.Key.Key_Down and skills:
                self.list.setFocus()
                self.list.setCurrentIndex(self.model.index(skills[0], 0))
                return True
        return super().eventFilter(watched, event)

    def _chosen_changed(self) -> None:
        self._update_summary()
        self.changed.emit()

    def _update_summary(self) -> None:
        labels = [self.model.label(code) for code in self.model.chosen]
        self.summary.setText(
            self.tr("Chosen: %1").replace("%1", ", ".join(labels))
            if labels
            else self.tr("None chosen.")
        )
