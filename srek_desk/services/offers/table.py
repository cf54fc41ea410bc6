"""The Angebote table: filters (type, state, occupation, distance, freshness …), count and pages.

`OfferQuery.count` and `page` return rows (id, *OFFER_TABLE.keys): the columns of
`ListingService("offers")` plus `confirmed_at` (the "Stand"), so the table can mark stale offers.
The distance filter compares a flat-earth approximation of the distance in SQL (exact enough at
the region's scale, and cheap on 100,000 rows). `stale_condition` is the SQL twin of
`matching.freshness.stale_reason`; a test keeps both in agreement.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, not_, or_, select
from sqlalchemy.sql import Select
from sqlmodel import col

from srek_desk.db.models import Offer
from srek_desk.db.repositories import OFFERS, Listing, ListingColumn, order_terms, search_condition
from srek_desk.errors import UserError
from srek_desk.matching.freshness import FIXED_START_TYPES, confirmed_since
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.database import Database

_KM_PER_DEGREE_LAT = 111.2
CURRENT, STALE = "current", "stale"
DEFAULT_STALE_AFTER_DAYS = 30

OFFER_TABLE = Listing(
    "offers",
    OFFERS.id_column,
    (*OFFERS.columns, ListingColumn("confirmed_at", Offer.confirmed_at)),
    OFFERS.default_order,
    full_text=OFFERS.full_text,
)


def stale_condition(today: date, stale_after_days: int) -> ColumnElement[bool]:
    """True for offers `matching.freshness.stale_reason` calls stale on `today`."""
    deadline, start = col(Offer.application_deadline), col(Offer.start_date)
    confirmed = col(Offer.confirmed_at)
    return or_(
        and_(deadline.is_not(None), deadline < today),
        and_(
            col(Offer.offer_type).in_(sorted(FIXED_START_TYPES)), start.is_not(None), start < today
        ),
        confirmed.is_(None),
        confirmed < confirmed_since(today, stale_after_days),
    )


@dataclass(frozen=True, slots=True)
class OfferFilter:
    offer_type: str | None = None
    state: str | None = None
    kldb_prefix: str | None = None  # "2", "26", "261" … or a whole code
    near_postcode: str | None = None  # with max_km: within that distance of the postcode
    max_km: float | None = None
    active: bool | None = None
    employer_id: int | None = None
    freshness: str | None = None  # CURRENT or STALE; None: both
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
    today: date | None = None  # None: today


class OfferQuery:
    """Count and page the Angebote table under an `OfferFilter` and a search text."""

    def __init__(self, database: Database, reference: ReferenceData) -> None:
        self.database = database
        self.reference = reference

    @property
    def keys(self) -> tuple[str, ...]:
        return OFFER_TABLE.keys

    def conditions(self, offer_filter: OfferFilter, search: str = "") -> list[ColumnElement[bool]]:
        f = offer_filter
        conditions: list[Any] = []
        found = search_condition(OFFERS, search, self.database.engine.dialect.name)
        if found is not None:
            conditions.append(found)
        if f.offer_type:
            conditions.append(Offer.offer_type == f.offer_type)
        if f.state:
            conditions.append(Offer.state == f.state)
        if f.kldb_prefix:
            prefix = f.kldb_prefix.strip()
            if not prefix.isdigit():
                raise UserError(f"„{prefix}“ ist keine KldB-Kennziffer.")
            conditions.append(col(Offer.kldb_code).like(prefix + "%"))
        if f.active is not None:
            conditions.append(col(Offer.active).is_(f.active))
        if f.employer_id is not None:
            conditions.append(Offer.employer_id == f.employer_id)
        if f.near_postcode and f.max_km is not None:
            conditions.extend(self._within(f.near_postcode, f.max_km))
        if f.freshness is not None:
            if f.freshness not in (CURRENT, STALE):
                raise ValueError(f"unknown freshness {f.freshness!r}")
            stale = stale_condition(f.today or date.today(), f.stale_after_days)
            conditions.append(stale if f.freshness == STALE else not_(stale))
        return conditions

    def _within(self, postcode: str, km: float) -> list[Any]:
        centre = self.reference.gazetteer.place_for_postcode(postcode)
        if centre is None:
            raise UserError(f"Die Postleitzahl {postcode} gibt es nicht.")
        lat_span = km / _KM_PER_DEGREE_LAT
        km_per_degree_lon = _KM_PER_DEGREE_LAT * math.cos(math.radians(centre.lat))
        lon_span = km / km_per_degree_lon
        dy = (col(Offer.lat) - centre.lat) * _KM_PER_DEGREE_LAT
        dx = (col(Offer.lon) - centre.lon) * km_per_degree_lon
        return [
            col(Offer.lat).between(centre.lat - lat_span, centre.lat + lat_span),
            col(Offer.lon).between(centre.lon - lon_span, centre.lon + lon_span),
            dx * dx + dy * dy <= km * km,
        ]

    def _query(self, query: Select[Any], offer_filter: OfferFilter, search: str) -> Select[Any]:
        return query.where(*self.conditions(offer_filter, search))

    def count(self, offer_filter: OfferFilter = OfferFilter(), search: str = "") -> int:
        query = self._query(select(func.count(col(Offer.id))), offer_filter, search)
        with self.database.session() as session:
            return int(session.execute(query).scalar_one())

    def page(
        self,
        offer_filter: OfferFilter = OfferFilter(),
        search: str = "",
        *,
        order_by: str | None = None,
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
    ) -> list[tuple[Any, ...]]:
        """Rows (id, *keys): ListingService("offers").page's columns, then confirmed_at."""
        query = select(col(Offer.id), *(c.expression for c in OFFER_TABLE.columns))
        query = self._query(query, offer_filter, search)
        query = query.order_by(*order_terms(OFFER_TABLE, order_by, descending))
        with self.database.session() as session:
            rows = session.execute(query.offset(offset).limit(limit)).all()
        return [tuple(row) for row in rows]
