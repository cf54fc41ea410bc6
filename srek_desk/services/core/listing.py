"""Paged listings of clients, offers and employers for tables (one short session per page)."""

from __future__ import annotations

from typing import Any

from srek_desk.db.repositories import LISTINGS, count_rows, page_rows
from srek_desk.services.core.access import SYSTEM, Actor, client_scope
from srek_desk.services.core.database import Database


class ListingService:
    """Pages of a listing; the client listing shows only the clients `actor` may see."""

    def __init__(self, database: Database, name: str, actor: Actor | None = None) -> None:
        self.database = database
        self.listing = LISTINGS[name]
        self.scope: Any = None
        if name == "clients":
            self.scope = client_scope(actor or SYSTEM)

    @property
    def keys(self) -> tuple[str, ...]:
        return self.listing.keys

    def count(self, search: str = "", filters: dict[str, Any] | None = None) -> int:
        with self.database.session() as session:
            return count_rows(session, self.listing, search, filters, scope=self.scope)

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
        with self.database.session() as session:
            return page_rows(
                session,
                self.listing,
                search=search,
                filters=filters,
                order_by=order_by,
                descending=descending,
                offset=offset,
                limit=limit,
                scope=self.scope,
            )
