"""Tables of the bus-and-train timetable (migration 0011): the loaded feed and its arrays.

One feed at a time: `timetable_feed` says what was loaded (publisher, validity, counts, the
region it was clipped to), `timetable_blob` holds `Timetable.to_bytes()` in pieces of at most
16 MB (`seq` 0, 1, …), so neither database has to take one huge value.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, LargeBinary, Text
from sqlmodel import Field, SQLModel

from srek_desk.db.models import utcnow

BLOB_CHUNK_BYTES = 16 * 1024 * 1024


class TimetableFeed(SQLModel, table=True):
    """The loaded GTFS feed: who published it, how long it is valid, how much was kept."""

    __tablename__ = "timetable_feed"

    id: int | None = Field(default=None, primary_key=True)
    publisher: str = Field(default="", max_length=200)
    publisher_url: str = Field(default="", max_length=500)
    version: str = Field(default="", max_length=100)
    valid_from: date | None = None
    valid_to: date | None = None
    source_name: str = Field(default="", max_length=255)  # file or folder name, no path
    attribution: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    imported_at: datetime = Field(default_factory=utcnow)
    imported_by: str = Field(default="", max_length=60)  # login name
    stops: int = 0
    routes: int = 0
    trips: int = 0
    stop_times: int = 0
    region_km: float | None = None  # radius kept around the office; None: the whole feed
    centre_postcode: str = Field(default="", max_length=5)


class TimetableBlob(SQLModel, table=True):
    """One piece of the serialised timetable arrays."""

    __tablename__ = "timetable_blob"

    feed_id: int = Field(foreign_key="timetable_feed.id", ondelete="CASCADE", primary_key=True)
    seq: int = Field(primary_key=True)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
