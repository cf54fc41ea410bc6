"""Offers as index rows, read straight from the database (the matching indexes' offer side)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, select, type_coerce

from srek_desk.db.models import Offer
from srek_desk.matching.index import OfferRow
from srek_desk.services.core.database import Database

OFFER_COLUMNS = (
    Offer.id,
    Offer.source,
    Offer.reference,
    Offer.offer_type,
    Offer.title,
    Offer.employer_name,
    Offer.kldb_code,
    Offer.required_level,
    Offer.required_school,
    Offer.postcode,
    Offer.place,
    Offer.state,
    Offer.lat,
    Offer.lon,
    Offer.working_time,
    Offer.fixed_term,
    Offer.start_date,
    Offer.application_deadline,
    Offer.driving_licence,
    Offer.german_level,
    Offer.skills_required,
    Offer.skills_nice,
    Offer.flags,
    # the plain type: the model's timezone decorator costs a third of the whole fetch per row;
    # _OfferRowReader makes the value UTC-aware the same way
    type_coerce(Offer.confirmed_at, DateTime(timezone=True)).label("confirmed_at"),
    Offer.place_approximate,
)


def code_list(text: str | None) -> tuple[str, ...]:
    """'a, b,c' → ('a', 'b', 'c'); codes are slugs without spaces, empty parts are dropped."""
    return tuple(filter(None, text.replace(" ", "").split(","))) if text else ()


class _CodeLists(dict[str | None, tuple[str, ...]]):
    """Comma-separated code lists, each text parsed once; equal lists share one tuple."""

    def __missing__(self, text: str | None) -> tuple[str, ...]:
        value = self[text] = code_list(text)
        return value


def _utc(value: datetime | None) -> datetime | None:
    """As the model reads it: stored without an offset means UTC."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value if value.tzinfo is UTC else value.astimezone(UTC)


def offer_row_of(record: Any, lists: _CodeLists | None = None) -> OfferRow:
    """A record of exactly `OFFER_COLUMNS` as a row."""
    lists = _CodeLists() if lists is None else lists
    *plain, required, nice, flags, confirmed_at, approximate = record
    plain += (lists[required], lists[nice], lists[flags], _utc(confirmed_at), bool(approximate))
    return OfferRow(*plain)


def offer_rows(
    database: Database, *, changed_since: datetime | None = None
) -> tuple[list[OfferRow], list[int]]:
    """Active offers as rows, and the ids of inactive ones (changed since a time, if given)."""
    query = select(*OFFER_COLUMNS, Offer.active)
    if changed_since is not None:
        # An import confirms unchanged offers without touching updated_at: a fresh "Stand"
        # must reach the index too, or a running desk keeps them as stale.
        query = query.where(
            (Offer.updated_at > changed_since) | (Offer.confirmed_at > changed_since)  # type: ignore[operator]
        )
    rows, inactive = [], []
    lists = _CodeLists()
    with database.engine.connect() as connection:
        # unpacked here rather than in offer_row_of: this loop runs for every offer at start-up
        for *plain, required, nice, flags, confirmed_at, approximate, active in connection.execute(
            query
        ):
            if active:
                plain += (
                    lists[required],
                    lists[nice],
                    lists[flags],
                    _utc(confirmed_at),
                    bool(approximate),
                )
                rows.append(OfferRow(*plain))
            else:
                inactive.append(plain[0])
    return rows, inactive
