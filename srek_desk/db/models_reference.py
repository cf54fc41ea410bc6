"""Reference tables the office edits: neighbouring occupations and its travel-time table."""

from __future__ import annotations

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class RelatedOccupation(SQLModel, table=True):
    """Two occupations counsellors consider neighbours (symmetric), with the reason."""

    __tablename__ = "related_occupation"
    __table_args__ = (UniqueConstraint("code_a", "code_b"),)

    id: int | None = Field(default=None, primary_key=True)
    code_a: str = Field(max_length=5)
    code_b: str = Field(max_length=5)
    reason: str = Field(default="", max_length=300)
    source: str = Field(default="office", max_length=20)  # "project" (seeded) or "office"


class TravelTime(SQLModel, table=True):
    """Minutes from one postcode to another per mode, e.g. computed by IT with a routing engine."""

    __tablename__ = "travel_time"
    __table_args__ = (Index(None, "to_postcode"),)

    from_postcode: str = Field(primary_key=True, max_length=5)
    to_postcode: str = Field(primary_key=True, max_length=5)
    mode: str = Field(primary_key=True, max_length=4)
    minutes: float
