"""What happened with a client beyond proposals: the opportunity sheets printed for them."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from srek_desk.db.models import utcnow


class PrintedSheet(SQLModel, table=True):
    """One printed (or saved) opportunity sheet: who, when, which offers, which language."""

    __tablename__ = "printed_sheet"

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", ondelete="CASCADE", index=True)
    printed_at: datetime = Field(default_factory=utcnow)
    printed_by: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    offer_ids: str = Field(default="", max_length=2000)  # comma-separated offer ids
    language: str = Field(default="de", max_length=10)
    pseudonymous: bool = False
