"""SQL conditions, helpers and a service base shared by new chances and reminders."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import and_, insert, not_, select

from srek_desk.config import Config
from srek_desk.db.models import Client, Offer, Proposal
from srek_desk.db.models_counselling import NewChance
from srek_desk.db.models_desk import HiddenOffer
from srek_desk.services.core.access import SYSTEM, Actor, visible_client  # noqa: F401 (re-exported)
from srek_desk.services.core.database import Database
from srek_desk.services.offers import stale_condition

CHUNK = 900  # ids per IN (…): below SQLite's parameter limit on old builds


def current_offer(today: date, stale_after_days: int) -> Any:
    """SQL condition: the offer is active and not stale (see matching.freshness)."""
    return and_(
        Offer.active.is_(True),  # type: ignore[attr-defined]
        not_(stale_condition(today, stale_after_days)),
    )


def matchable_client() -> Any:
    """SQL condition: a client who may receive new chances."""
    return and_(
        Client.status == "active",
        Client.restricted.is_(False),  # type: ignore[attr-defined]
        Client.anonymised_at.is_(None),  # type: ignore[union-attr]
    )


def still_new() -> Any:
    """SQL condition on `new_chance`: since found, the offer was neither proposed nor hidden."""
    proposed = select(Proposal.id).where(
        Proposal.client_id == NewChance.client_id, Proposal.offer_id == NewChance.offer_id
    )
    hidden = select(HiddenOffer.offer_id).where(
        HiddenOffer.client_id == NewChance.client_id, HiddenOffer.offer_id == NewChance.offer_id
    )
    return and_(~proposed.correlate(NewChance).exists(), ~hidden.correlate(NewChance).exists())


def chunks(items: Sequence[int], size: int = CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_ignoring_duplicates(connection: Any) -> Any:
    """INSERT … ON CONFLICT DO NOTHING: a second collector running at once adds nothing twice."""
    name = connection.dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    elif name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert  # type: ignore[assignment]
    else:
        return insert(NewChance)
    return dialect_insert(NewChance).on_conflict_do_nothing(
        index_elements=["client_id", "offer_id"]
    )


class DeskService:
    """Common to the chance and reminder services: acting user, settings, and "today"."""

    def __init__(
        self,
        database: Database,
        actor: Actor = SYSTEM,
        config: Config | Mapping[str, Any] | None = None,
        *,
        today: date | None = None,
    ) -> None:
        self.database = database
        self.actor = actor
        self.config = config if config is not None else Config.defaults()
        self.today = today

    def _today(self) -> date:
        return self.today or date.today()
