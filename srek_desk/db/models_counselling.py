"""Tables of counselling depth (migration 0009): the skills vocabulary and new chances."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlalchemy import true as sa_true
from sqlmodel import Field, SQLModel

from srek_desk.db.models import utcnow


class Skill(SQLModel, table=True):
    """One entry of the skills and certificates vocabulary (Staplerschein, Schweißen MAG …).

    Clients hold skills and offers require or would like them, by `code` (comma-separated in
    `client.skills`, `offer.skills_required`, `offer.skills_nice`), so a renamed label never
    touches them. Seeded entries come from resources/skills; the office may edit labels and add
    its own. An entry is never deleted while in use, only deactivated (`active`).
    """

    __tablename__ = "skill"

    code: str = Field(primary_key=True, max_length=40)
    label: str = Field(max_length=100)
    category: str = Field(default="", max_length=60)
    course: str = Field(default="", max_length=200)  # pathway step when missing
    synonyms: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    seeded: bool = False
    active: bool = Field(default=True, sa_column_kwargs={"server_default": sa_true()})
    updated_at: datetime = Field(default_factory=utcnow)


class NewChance(SQLModel, table=True):
    """An offer that newly matches a client after an import, until shown to them."""

    __tablename__ = "new_chance"
    __table_args__ = (
        UniqueConstraint("client_id", "offer_id"),
        Index(None, "client_id", "presented_at"),
        Index(None, "offer_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", ondelete="CASCADE")
    offer_id: int = Field(foreign_key="offer.id", ondelete="CASCADE")
    score: float = 0.0
    found_at: datetime = Field(default_factory=utcnow)
    import_run_id: int | None = Field(
        default=None, foreign_key="import_run.id", ondelete="SET NULL"
    )
    presented_at: datetime | None = None  # printed on an update sheet or dismissed
