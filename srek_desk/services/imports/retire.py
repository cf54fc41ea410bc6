"""Which offers an import retires (sets inactive): those a file deletes, and on a full load those
of the source that the file no longer holds — within a scope, when one is given.

A file import retires nothing it does not mention unless it is the source's complete list
(`srek-desk import --full`, HR-BA-XML TypeOfLoad "F"). `scope` narrows a full load further to the
offers that may be retired (a saved Jobbörse query: the offers its previous fetch returned).
Offers are never deleted. Runs on the caller's connection (SQLAlchemy Core).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, select

from srek_desk.db.models import Offer

CHUNK = 5000  # ids per IN (…): below every driver's parameter limit


@dataclass(frozen=True, slots=True)
class RetiredOffer:
    """An offer an import sets inactive, as the report names it."""

    id: int
    reference: str
    title: str

    def as_dict(self) -> dict[str, str]:
        return {"reference": self.reference, "title": self.title}


def missing_from_file(
    active: Iterable[tuple[str, int]],
    in_file: Collection[str],
    scope: Collection[int] | None = None,
) -> list[int]:
    """Ids of the active offers (reference, id) of a source that a complete list lacks."""
    return [
        offer_id
        for reference, offer_id in active
        if reference not in in_file and (scope is None or offer_id in scope)
    ]


def describe(conn: Connection, offer_ids: Iterable[int]) -> list[RetiredOffer]:
    """Reference and title of these offers, by reference."""
    ordered = sorted(set(offer_ids))
    found: list[RetiredOffer] = []
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        rows = conn.execute(
            select(Offer.id, Offer.reference, Offer.title).where(
                Offer.id.in_(chunk)  # type: ignore[union-attr]
            )
        )
        found += [RetiredOffer(int(i), reference, title) for i, reference, title in rows]
    return sorted(found, key=lambda offer: (offer.reference, offer.id))


def would_retire(
    conn: Connection,
    source: str,
    in_file: Collection[str],
    scope: Collection[int] | None = None,
) -> list[RetiredOffer]:
    """What a full load of a file holding `in_file` (references) would retire, changing nothing."""
    active = conn.execute(
        select(Offer.reference, Offer.id).where(
            Offer.source == source,
            Offer.active.is_(True),  # type: ignore[attr-defined]
        )
    )
    return describe(conn, missing_from_file(((r, int(i)) for r, i in active), in_file, scope))
