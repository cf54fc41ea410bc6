"""The Angebote table: OfferQuery shaped like ListingService, and a model that marks stale offers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from srek_desk.matching.freshness import confirmed_day, stale_reason
from srek_desk.services.offers.table import (
    DEFAULT_STALE_AFTER_DAYS,
    OFFER_TABLE,
    OfferFilter,
    OfferQuery,
)
from srek_desk.ui.models.listing_model import Formatter, ListingModel

translate = QCoreApplication.translate
AnyIndex = QModelIndex | QPersistentModelIndex
STALE_TEXT_COLOUR = QColor("#6b7280")


class FilteredOffers:
    """`filters` is a dict of OfferFilter fields (what ListingModel.set_filters passes on)."""

    def __init__(self, query: OfferQuery) -> None:
        self.query = query
        self.listing = OFFER_TABLE

    @property
    def keys(self) -> tuple[str, ...]:
        return self.query.keys

    def count(self, search: str = "", filters: dict[str, Any] | None = None) -> int:
        return self.query.count(OfferFilter(**(filters or {})), search)

    def page(
        self,
        *,
        search: str = "",
        filters: dict[str, Any] | None = None,
        order_by: str | None = None,
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> list[tuple[Any, ...]]:
        return self.query.page(
            OfferFilter(**(filters or {})),
            search,
            order_by=order_by,
            descending=descending,
            offset=offset,
            limit=limit,
        )


class OfferListingModel(ListingModel):
    """The offer listing with a "Stand" column; stale offers are grey and italic, with the reason
    as tooltip (the same rule as matching.freshness, which leaves them out of matching)."""

    def __init__(
        self,
        service: FilteredOffers,
        headers: Mapping[str, str],
        formatters: Mapping[str, Formatter] | None = None,
        *,
        stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
        today: date | None = None,
        page_size: int = 200,
        parent: Any = None,
    ) -> None:
        headers = {"confirmed_at": translate("OfferListingModel", "Confirmed"), **headers}
        super().__init__(service, headers, formatters, page_size=page_size, parent=parent)  # type: ignore[arg-type]
        self.stale_after_days = stale_after_days
        self.today = today
        self._reasons: dict[int, str | None] = {}
        self._reloading = False
        self._column = {key: number + 1 for number, key in enumerate(self.keys)}

    def set_stale_after_days(self, days: int) -> None:
        if days != self.stale_after_days:
            self.stale_after_days = days
            self._reasons.clear()
            if self.rowCount():
                self.dataChanged.emit(
                    self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
                )

    def reload(self) -> None:
        self._reasons.clear()
        # ListingModel.reload ends the reset after lowering its guard, so a view could fetch
        # more rows inside the modelReset signal (a reset and an insertion at once).
        self._reloading = True
        try:
            super().reload()
        finally:
            self._reloading = False

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not self._reloading and super().canFetchMore(parent)

    def stale_reason(self, row: int) -> str | None:
        """Why the offer in `row` is stale (German), None while it is current."""
        if not 0 <= row < len(self._rows):
            return None
        if row not in self._reasons:
            values = self._rows[row]
            self._reasons[row] = stale_reason(
                offer_type=values[self._column["offer_type"]],
                start_date=values[self._column["start_date"]],
                application_deadline=values[self._column["application_deadline"]],
                confirmed_at=values[self._column["confirmed_at"]],
                today=self.today or date.today(),
                stale_after_days=self.stale_after_days,
            )
        return self._reasons[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        key = self.keys[index.column()]
        if key == "confirmed_at" and role == Qt.ItemDataRole.DisplayRole:
            return self._stand_text(index.row())
        if role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.FontRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            reason = self.stale_reason(index.row())
            if reason is None:
                return None
            if role == Qt.ItemDataRole.ForegroundRole:
                return STALE_TEXT_COLOUR
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setItalic(True)
                return font
            return self.tr("Stale: %1").replace("%1", reason)
        return super().data(index, role)

    def _stand_text(self, row: int) -> str:
        confirmed: datetime | None = self._rows[row][self._column["confirmed_at"]]
        day = confirmed_day(confirmed)
        text = day.strftime("%d.%m.%Y") if day else ""
        if self.stale_reason(row) is not None:
            return (text + " · " if text else "") + self.tr("stale")
        return text
