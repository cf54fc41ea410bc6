"""Read-only sortable table views over a RowsModel, and the score bar delegate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from srek_desk.ui.models.rows_model import ROW_ROLE, SORT_ROLE, RowsModel


class RowsTable(QTableView):
    """A table over a RowsModel behind a sort proxy; `current_row()` is the selected row object."""

    def __init__(self, model: RowsModel, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows_model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSourceModel(model)
        self.setModel(self.proxy)
        self.setAccessibleName(name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setSortingEnabled(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setAccessibleName(self.tr("Column headers"))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the given order until asked

    def current_row(self) -> Any:
        rows = self.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def select_first(self) -> None:
        if self.proxy.rowCount():
            self.selectRow(0)

    def fit_columns(self, widest: int = 260) -> None:
        self.resizeColumnsToContents()
        for column in range(self.proxy.columnCount()):
            self.setColumnWidth(column, min(self.columnWidth(column), widest))


class ScoreBarDelegate(QStyledItemDelegate):
    """Draws a score 0–100 (SORT_ROLE) as a bar with the number on it."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        value = index.data(SORT_ROLE)
        if not isinstance(value, (int, float)):
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            base = QStyleOptionViewItem(option)
            self.initStyleOption(base, index)
            base.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, base, painter, option.widget)
        rect = option.rect.adjusted(4, 4, -4, -4)
        fraction = max(0.0, min(1.0, float(value) / 100.0))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = option.palette.color(QPalette.ColorRole.Mid)
        track.setAlpha(70)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        painter.drawRoundedRect(rect, 3, 3)
        hue = int(120 * fraction)  # red → green
        fill = QColor.fromHsv(hue, 150, 200)
        painter.setBrush(fill)
        painter.drawRoundedRect(
            QRect(rect.left(), rect.top(), int(rect.width() * fraction), rect.height()), 3, 3
        )
        painter.setPen(QColor(20, 20, 20))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(round(value)))
        painter.restore()
