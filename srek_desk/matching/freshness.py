"""Is an offer still current? Stale offers are left out of matching and never printed.

An offer is stale when its application deadline has passed, when the fixed start of an
Ausbildung, dual study place or Praktikum has passed (for a job a start in the past means
"ab sofort", so it does not count), or when nobody confirmed it for `stale_after_days` days
(an import that still lists it, or a counsellor saving it, confirms it).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol

# Offer types with one fixed start date (the cohort begins then; later it is gone).
FIXED_START_TYPES = frozenset({"ausbildung", "duales_studium", "praktikum"})


def confirmed_day(confirmed_at: datetime | None) -> date | None:
    if confirmed_at is None:
        return None
    if confirmed_at.tzinfo is not None:
        confirmed_at = confirmed_at.astimezone(UTC)
    return confirmed_at.date()


def stale_reason(
    *,
    offer_type: str,
    start_date: date | None,
    application_deadline: date | None,
    confirmed_at: datetime | None,
    today: date,
    stale_after_days: int,
) -> str | None:
    """Why the offer is stale, in German; None while it is current."""
    if application_deadline is not None and application_deadline < today:
        return f"Bewerbungsfrist am {application_deadline:%d.%m.%Y} abgelaufen"
    if offer_type in FIXED_START_TYPES and start_date is not None and start_date < today:
        return f"Beginn am {start_date:%d.%m.%Y} vorbei"
    day = confirmed_day(confirmed_at)
    if day is None:
        return "nie bestätigt"
    if (today - day).days > stale_after_days:
        return f"seit {(today - day).days} Tagen nicht bestätigt (Stand: {day:%d.%m.%Y})"
    return None


class OfferDates(Protocol):
    """What freshness reads of an offer (an index row, a listing row …)."""

    @property
    def offer_type(self) -> str: ...
    @property
    def start_date(self) -> date | None: ...
    @property
    def application_deadline(self) -> date | None: ...
    @property
    def confirmed_at(self) -> datetime | None: ...


def offer_stale_reason(offer: OfferDates, *, today: date, stale_after_days: int) -> str | None:
    """`stale_reason` of one offer row."""
    return stale_reason(
        offer_type=offer.offer_type,
        start_date=offer.start_date,
        application_deadline=offer.application_deadline,
        confirmed_at=offer.confirmed_at,
        today=today,
        stale_after_days=stale_after_days,
    )


def confirmed_since(today: date, stale_after_days: int) -> datetime:
    """The oldest confirmation time that still counts as current (for database queries)."""
    oldest = today - timedelta(days=stale_after_days)
    return datetime(oldest.year, oldest.month, oldest.day, tzinfo=UTC)


def stand_text(confirmed_at: datetime | None) -> str:
    """ "Stand: 12.11.2026" for lists, editors and sheets; empty when unknown."""
    day = confirmed_day(confirmed_at)
    return f"Stand: {day:%d.%m.%Y}" if day else ""
