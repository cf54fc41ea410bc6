"""The Angebote table's data source: OfferQuery with its filters, shaped like ListingService."""

from __future__ import annotations

from typing import Any

from srek_desk.db.repositories import LISTINGS
from srek_desk.services.offers import OfferFilter, OfferQuery


class FilteredOffers:
    """`filters` is a dict of OfferFilter fields (what ListingModel.set_filters passes on)."""

    def __init__(self, query: OfferQuery) -> None:
        self.query = query
        self.listing = LISTINGS["offers"]

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
