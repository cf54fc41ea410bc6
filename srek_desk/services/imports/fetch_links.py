"""Which offers a saved Jobbörse search returned, and retiring those that vanished from it.

Runs inside the fetch's transaction (SQLAlchemy Core). After a complete fetch the offers linked to
the search that it no longer returned are set inactive, unless another saved search still holds
them; the links are then replaced by what the fetch returned. After an incomplete fetch (the
Jobbörse's 10,000 limit, a list that moved while paged) nothing is retired: new links are added,
old ones kept, so that the next complete fetch can decide.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from srek_desk.db.models import Offer
from srek_desk.db.models_jobboerse import JobboerseQueryOffer

CHUNK = 5000  # ids per IN (…): below every driver's parameter limit


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def offer_ids(conn: Connection, source: str, references: set[str]) -> set[int]:
    """Ids of the stored offers of `source` with these references."""
    return {
        offer_id
        for offer_id, reference in conn.execute(
            select(Offer.id, Offer.reference).where(Offer.source == source)
        )
        if reference in references
    }


def relink(
    conn: Connection, query_id: int, returned: set[int], *, complete: bool, now: datetime
) -> list[int]:
    """Link the search to the offers it returned; retire vanished ones. Returns the retired ids."""
    link = JobboerseQueryOffer
    old = set(conn.execute(select(link.offer_id).where(link.query_id == query_id)).scalars())
    retired: list[int] = []
    if complete:
        vanished = old - returned
        held: set[int] = set()
        active: set[int] = set()
        for chunk in _chunks(vanished):
            held.update(
                conn.execute(
                    select(link.offer_id).where(
                        link.query_id != query_id,
                        link.offer_id.in_(chunk),  # type: ignore[attr-defined]
                    )
                ).scalars()
            )
        for chunk in _chunks(vanished - held):
            active.update(
                conn.execute(
                    select(Offer.id).where(
                        Offer.id.in_(chunk),  # type: ignore[union-attr]
                        Offer.active.is_(True),  # type: ignore[attr-defined]
                    )
                ).scalars()
            )
        retired = sorted(active)
        if retired:
            conn.execute(
                update(Offer)
                .where(Offer.id == bindparam("offer_id"))
                .values(active=False, updated_at=now),
                [{"offer_id": offer_id} for offer_id in retired],
            )
        for chunk in _chunks(vanished):
            conn.execute(
                delete(link).where(
                    link.query_id == query_id,
                    link.offer_id.in_(chunk),  # type: ignore[attr-defined]
                )
            )
    added = returned - old
    if added:
        conn.execute(
            insert(link), [{"query_id": query_id, "offer_id": offer_id} for offer_id in added]
        )
    return retired
