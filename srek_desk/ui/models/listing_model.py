"""Table model over a database listing: fetches pages lazily, sorts and searches in the database."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from srek_desk.services.core.listing import ListingService

Formatter = Callable[[Any], str]
AnyIndex = QModelIndex | QPersistentModelIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
RAW_ROLE = Qt.ItemDataRole.UserRole + 2


def default_format(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return str(value)


class ListingModel(QAbstractTableModel):
    """Rows are tuples (id, *columns); only the pages scrolled into view are loaded."""

    def __init__(
        self,
        service: ListingService,
        headers: Mapping[str, str],
        formatters: Mapping[str, Formatter] | None = None,
        *,
        page_size: int = 200,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._keys = service.keys
        self._headers = dict(headers)
        self._formatters = dict(formatters or {})
        self._page_size = page_size
        self._rows: list[tuple[Any, ...]] = []
        self._total = 0
        self._search = ""
        self._filters: dict[str, Any] = {}
        self._order_key: str | None = None
        self._descending = False
        self._resetting = False
        self._inserting = False
        self._loaded = False

    # -- Qt interface ---------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        key = self._keys[index.column()]
        value = row[index.column() + 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._formatters.get(key, default_format)(value)
        if role == ID_ROLE:
            return row[0]
        if role == RAW_ROLE:
            return value
        numeric = isinstance(value, int | float | date) and not isinstance(value, bool)
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._keys):
            return self._headers.get(self._keys[section], self._keys[section])
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        # No nested fetch while a reset or an insertion is being announced to views.
        busy = self._resetting or self._inserting
        return not parent.isValid() and not busy and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        page = self._load_page(len(self._rows))
        if not page:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self._inserting = True
        try:
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        finally:
            self._inserting = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._keys):
            return
        self._order_key = self._keys[column]
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._loaded:  # before the first load the order is only remembered (start-up time)
            self.reload()

    # -- our interface ---------------------------------------------------------------------------
    @property
    def total(self) -> int:
        """Rows matching the current search (loaded or not)."""
        return self._total

    @property
    def keys(self) -> tuple[str, ...]:
        return self._keys

    @property
    def default_order(self) -> str:
        return self._service.listing.default_order

    def set_search(self, text: str) -> None:
        if text.strip() != self._search:
            self._search = text.strip()
            self.reload()

    def set_filters(self, filters: Mapping[str, Any]) -> None:
        self._filters = dict(filters)
        self.reload()

    def preset_filters(self, filters: Mapping[str, Any]) -> None:
        """Filters for the next reload, without loading now."""
        self._filters = dict(filters)

    def reload(self) -> None:
        # Views and testers may ask for more rows while a reset is announced: none until it ends.
        self._loaded = True
        self._resetting = True
        self.beginResetModel()
        try:
            self._total = self._service.count(self._search, self._filters)
            self._rows = self._load_page(0) if self._total else []
        finally:
            self._resetting = False
            self.endResetModel()

    def row_id(self, row: int) -> int | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of_id(self, row_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if row[0] == row_id:
                return number
        return None

    def _load_page(self, offset: int) -> list[tuple[Any, ...]]:
        return self._service.page(
            search=self._search,
            filters=self._filters,
            order_by=self._order_key,
            descending=self._descending,
            offset=offset,
            limit=self._page_size,
        )
