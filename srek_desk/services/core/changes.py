"""A cheap fingerprint of what others may have changed, for refreshing lists on a shared server.

Several desks on one PostgreSQL database: each polls `change_stamp()` every few seconds and
reloads its lists when the stamp moved. Every client change writes an audit entry, so the newest
audit id covers clients, notes, proposals and prints; offers and employers change without one
(imports), so their newest change time and count are part of the stamp too.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from srek_desk.db.models import AuditEvent, Client, Employer, Offer
from srek_desk.services.core.database import Database

ChangeStamp = tuple[Any, ...]


def changed_now() -> datetime:
    """Change stamp with microseconds: the matching index refreshes rows changed after its last
    refresh, and a stamp cut to the second could fall before it."""
    return datetime.now(UTC)


def change_stamp(database: Database) -> ChangeStamp:
    with database.session() as session:
        row = session.execute(
            select(
                select(func.max(AuditEvent.id)).scalar_subquery(),
                select(func.max(Offer.updated_at)).scalar_subquery(),
                select(func.count(Offer.id)).scalar_subquery(),
                select(func.max(Employer.updated_at)).scalar_subquery(),
                select(func.count(Employer.id)).scalar_subquery(),
                select(func.max(Client.updated_at)).scalar_subquery(),
                select(func.count(Client.id)).scalar_subquery(),
            )
        ).one()
    return tuple(row)
