"""Tables of the counsellor's desk: offers a counsellor hid from a client's matches."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from srek_desk.db.models import utcnow


class HiddenOffer(SQLModel, table=True):
    """An offer hidden from one client's matches ("passt nicht"), until shown again."""

    __tablename__ = "hidden_offer"
    __table_args__ = (Index(None, "offer_id"),)

    client_id: int = Field(foreign_key="client.id", ondelete="CASCADE", primary_key=True)
    offer_id: int = Field(foreign_key="offer.id", ondelete="CASCADE", primary_key=True)
    hidden_at: datetime = Field(default_factory=utcnow)
