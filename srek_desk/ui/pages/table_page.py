"""A page with a search box over a lazily loaded, sortable database table."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from srek_desk.ui.models.listing_model import ListingModel

SEARCH_DELAY_MS = 150


class TablePage(QWidget):
    """Search box, hit count and table; emits the id of the selected row."""

    current_id_changed = Signal(object)

    def __init__(self, model: ListingModel, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.model.setParent(self)

        self.title_label = QLabel(f"<h2>{title}</h2>")
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search…"))
        self.search.setAccessibleName(self.tr("Search in %1").replace("%1", title))
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of rows"))

        self.table = QTableView()
        self.table.setModel(model)
        self.table.setAccessibleName(title)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setAccessibleName(self.tr("Column headers"))
        header.setResizeContentsPrecision(40)  # size columns from the first rows only (speed)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Show the database's default order; enabling sorting would otherwise sort by column 0.
        default_column = (
            model.keys.index(model.default_order) if model.default_order in model.keys else 0
        )
        header.setSortIndicator(default_column, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self.apply_search)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)

        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addStretch(1)
        top.addWidget(self.count_label)
        self.actions_row = QHBoxLayout()
        top.addLayout(self.actions_row)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)

    def add_action_button(self, button: QWidget) -> None:
        """A button in the title row acting on the selected row."""
        self.actions_row.addWidget(button)

    def select_id(self, row_id: int) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_id(row) == row_id:
                self.table.selectRow(row)
                return True
        return False

    def refresh(self) -> None:
        self.model.reload()
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 320))

    def apply_search(self) -> None:
        self._timer.stop()
        self.model.set_search(self.search.text())

    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.current_id_changed.emit(self.current_id())

    def _update_count(self) -> None:
        self.count_label.setText(
            self.tr("%n row(s)", "", self.model.total) if self.model.total else self.tr("no rows")
        )
