"""Tables of the Jobbörse fetch (migration 0010): saved queries and which offers each returned."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from srek_desk.db.models import utcnow


class JobboerseQuery(SQLModel, table=True):
    """A saved search of the BA Jobsuche; a re-fetch retires the offers of this query that vanished."""

    __tablename__ = "jobboerse_query"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=80, unique=True)
    was: str = Field(default="", max_length=200)  # what: occupation or keywords
    wo: str = Field(default="", max_length=120)  # where: postcode or place
    umkreis: int | None = None  # radius in km
    angebotsart: str = Field(max_length=30)  # ausbildung, arbeit, praktikum, selbststaendigkeit
    created_at: datetime = Field(default_factory=utcnow)
    last_fetched_at: datetime | None = None
    last_result_count: int | None = None


class JobboerseQueryOffer(SQLModel, table=True):
    """An offer the newest fetch of a saved query returned (the query's scope for retiring)."""

    __tablename__ = "jobboerse_query_offer"
    __table_args__ = (Index(None, "offer_id"),)

    query_id: int = Field(foreign_key="jobboerse_query.id", ondelete="CASCADE", primary_key=True)
    offer_id: int = Field(foreign_key="offer.id", ondelete="CASCADE", primary_key=True)
