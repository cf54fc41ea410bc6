"""A read-only list model of (display text, value, edit text) items, for pickers and completers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
VALUE_ROLE = Qt.ItemDataRole.UserRole + 20


class ListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[tuple[str, Any, str]] = []

    def set_items(self, items: Sequence[tuple[str, Any, str]]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def values(self) -> list[Any]:
        return [value for _text, value, _edit in self.items]

    def value(self, row: int) -> Any:
        return self.items[row][1]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        text, value, edit = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return text
        if role == Qt.ItemDataRole.EditRole:
            return edit
        if role == VALUE_ROLE:
            return value
        return None
