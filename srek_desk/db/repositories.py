"""Queries: paged, sorted, searchable listings of clients, offers and employers, plus lookups.

Listings return plain tuples (one per row, id first) so that a table of 100,000 offers is fetched
page by page without building ORM objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from srek_desk.db.errors import check_search
from srek_desk.db.models import Client, ClientOccupation, Employer, Offer
from srek_desk.db.search import FULL_TEXT_DIALECTS, full_text_condition


@dataclass(frozen=True, slots=True)
class ListingColumn:
    key: str
    expression: Any
    searchable: bool = False


@dataclass(frozen=True, slots=True)
class Listing:
    name: str
    id_column: Any
    columns: tuple[ListingColumn, ...]
    default_order: str
    full_text: bool = False  # searched through the offer_fts index (db/search.py)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def column(self, key: str) -> ListingColumn:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


_first_wish = (
    select(ClientOccupation.kldb_code)
    .where(ClientOccupation.client_id == Client.id)
    .order_by(ClientOccupation.priority, ClientOccupation.id)
    .limit(1)
    .scalar_subquery()
)

_offer_count = (
    select(func.count(Offer.id))
    .where(Offer.employer_id == Employer.id, Offer.active.is_(True))  # type: ignore[attr-defined]
    .scalar_subquery()
)

CLIENTS = Listing(
    "clients",
    Client.id,
    (
        ListingColumn("customer_number", Client.customer_number, searchable=True),
        ListingColumn("last_name", Client.last_name, searchable=True),
        ListingColumn("first_name", Client.first_name, searchable=True),
        ListingColumn("home_postcode", Client.home_postcode, searchable=True),
        ListingColumn("home_place", Client.home_place, searchable=True),
        ListingColumn("school_qualification", Client.school_qualification),
        ListingColumn("first_wish", _first_wish),
        ListingColumn("status", Client.status),
    ),
    "last_name",
)

OFFERS = Listing(
    "offers",
    Offer.id,
    (
        ListingColumn("reference", Offer.reference, searchable=True),
        ListingColumn("offer_type", Offer.offer_type),
        ListingColumn("title", Offer.title, searchable=True),
        ListingColumn("employer_name", Offer.employer_name, searchable=True),
        ListingColumn("postcode", Offer.postcode, searchable=True),
        ListingColumn("place", Offer.place, searchable=True),
        ListingColumn("state", Offer.state),
        ListingColumn("kldb_code", Offer.kldb_code, searchable=True),
        ListingColumn("start_date", Offer.start_date),
        ListingColumn("application_deadline", Offer.application_deadline),
        ListingColumn("active", Offer.active),
    ),
    "title",
    full_text=True,
)

EMPLOYERS = Listing(
    "employers",
    Employer.id,
    (
        ListingColumn("name", Employer.name, searchable=True),
        ListingColumn("postcode", Employer.postcode, searchable=True),
        ListingColumn("place", Employer.place, searchable=True),
        ListingColumn("state", Employer.state),
        ListingColumn("contact_name", Employer.contact_name, searchable=True),
        ListingColumn("phone", Employer.phone),
        ListingColumn("offer_count", _offer_count),
    ),
    "name",
)

LISTINGS: dict[str, Listing] = {x.name: x for x in (CLIENTS, OFFERS, EMPLOYERS)}


def search_condition(
    listing: Listing, search: str, dialect: str = ""
) -> ColumnElement[bool] | None:
    """Every word must occur in one of the searchable columns (case-insensitive).

    Offers go through the full-text index (word prefixes; fast on 100,000 rows: FTS5 on SQLite,
    tsvector + GIN on PostgreSQL); other listings use a LIKE over the searchable columns
    (substrings; PostgreSQL's LIKE is case-sensitive, hence lower() on both sides).
    """
    check_search(search)  # a German message instead of a query the engine gives up on
    words = [w for w in search.split() if w]
    if not words:
        return None
    if listing.full_text and dialect in FULL_TEXT_DIALECTS:
        return full_text_condition(listing.id_column, search, dialect)
    searchable = [c.expression for c in listing.columns if c.searchable]
    conditions = []
    for word in words:
        pattern = (
            "%" + word.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        )
        conditions.append(
            or_(
                *(
                    func.lower(func.coalesce(col, "")).like(pattern, escape="\\")
                    for col in searchable
                )
            )
        )
    return and_(*conditions)


def order_terms(listing: Listing, order_by: str | None, descending: bool) -> tuple[Any, Any]:
    """ORDER BY for a listing page: the column, then the id, so pages never overlap.

    Empty values (NULL) come first when ascending on both engines, as SQLite does by itself;
    PostgreSQL would put them last. NOT NULL columns keep the plain form, which indexes serve.
    """
    column = listing.column(order_by or listing.default_order).expression
    order = column.desc() if descending else column.asc()
    if getattr(column, "nullable", True):
        order = order.nulls_last() if descending else order.nulls_first()
    id_order = listing.id_column.desc() if descending else listing.id_column.asc()
    return order, id_order


def _filtered(
    listing: Listing,
    query: Select[Any],
    search: str,
    filters: dict[str, Any],
    dialect: str = "",
    scope: Any = None,
) -> Select[Any]:
    if scope is not None:
        query = query.where(scope)
    condition = search_condition(listing, search, dialect)
    if condition is not None:
        query = query.where(condition)
    for key, value in filters.items():
        query = query.where(listing.column(key).expression == value)
    return query


def _dialect(session: Session) -> str:
    bind = session.get_bind()
    return bind.dialect.name


def count_rows(
    session: Session,
    listing: Listing,
    search: str = "",
    filters: dict[str, Any] | None = None,
    *,
    scope: Any = None,
) -> int:
    query = _filtered(
        listing,
        select(func.count(listing.id_column)),
        search,
        filters or {},
        _dialect(session),
        scope,
    )
    return int(session.execute(query).scalar_one())


def page_rows(
    session: Session,
    listing: Listing,
    *,
    search: str = "",
    filters: dict[str, Any] | None = None,
    order_by: str | None = None,
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
    scope: Any = None,
) -> list[tuple[Any, ...]]:
    """One page of rows as tuples: (id, *columns in listing order); `scope`: extra condition."""
    query = select(listing.id_column, *(c.expression for c in listing.columns))
    query = _filtered(listing, query, search, filters or {}, _dialect(session), scope)
    query = query.order_by(*order_terms(listing, order_by, descending)).offset(offset).limit(limit)
    return [tuple(row) for row in session.execute(query).all()]


def client_by_reference(session: Session, reference: str) -> Client | None:
    """A client by internal id (digits) or by Kundennummer."""
    client = session.execute(
        select(Client).where(Client.customer_number == reference)
    ).scalar_one_or_none()
    if client is None and reference.isdigit():
        client = session.get(Client, int(reference))
    return client


def reserve_ids(connection: Any, id_column: Any, count: int) -> list[int]:
    """`count` new primary keys for rows a caller inserts with explicit ids (bulk inserts).

    SQLite hands out max(id) + 1 …; PostgreSQL takes them from the column's sequence, so later
    inserts without an id do not collide and no privilege beyond USAGE on it is needed.
    """
    if count <= 0:
        return []
    if connection.dialect.name == "postgresql":
        sequence = func.pg_get_serial_sequence(id_column.table.name, id_column.name)
        rows = connection.execute(
            select(func.nextval(sequence)).select_from(func.generate_series(1, count))
        )
        return sorted(int(row[0]) for row in rows)
    start = (connection.execute(select(func.max(id_column))).scalar_one() or 0) + 1
    return list(range(start, start + count))
