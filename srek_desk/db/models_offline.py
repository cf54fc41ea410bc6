"""Tables of offline laptops: which clients went out to which laptop, and what came back.

The same tables exist in both databases. In the office database (`side` "server") a checkout
says who took which clients away and since when; in the laptop file (`side` "laptop") the one
row says where the file came from. Per client, `offline_client` keeps the versions and the state
both databases had at the last exchange, so a check-in can tell "changed on the laptop",
"changed in the office" and "changed on both". `offline_row` (office side) remembers which
laptop row became which office row, so a second check-in adds nothing twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from srek_desk.db.models import utcnow

SERVER_SIDE, LAPTOP_SIDE = "server", "laptop"


class OfflineCheckout(SQLModel, table=True):
    """One checkout of clients to one laptop file (`laptop_id` names that file in both)."""

    __tablename__ = "offline_checkout"

    id: int | None = Field(default=None, primary_key=True)
    laptop_id: str = Field(max_length=32, unique=True)
    side: str = Field(default=SERVER_SIDE, max_length=10)
    user_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    user_name: str = Field(default="", max_length=60)  # login name at the time
    origin: str = Field(
        default="", max_length=300
    )  # laptop side: the office database (no password)
    checked_out_at: datetime = Field(default_factory=utcnow)
    last_checkin_at: datetime | None = None
    closed_at: datetime | None = None  # every client came back (no open conflict)
    client_count: int = 0


class OfflineClient(SQLModel, table=True):
    """A client of a checkout, named by pseudonym, with the versions of the last exchange."""

    __tablename__ = "offline_client"
    __table_args__ = (UniqueConstraint("checkout_id", "pseudonym"), Index(None, "pseudonym"))

    id: int | None = Field(default=None, primary_key=True)
    checkout_id: int = Field(foreign_key="offline_checkout.id", ondelete="CASCADE")
    pseudonym: str = Field(max_length=16)
    laptop_version: int = 1  # the client's version in the laptop file at the last exchange
    server_version: int = 1  # the client's version in the office database at the last exchange
    # The client's own fields at the last exchange (JSON), to show who changed what.
    base_state: str = Field(
        default="{}", sa_column=Column(Text, nullable=False, server_default="{}")
    )
    # Offers hidden from the client's matches at the last exchange: JSON [[source, reference]].
    base_hidden: str = Field(
        default="[]", sa_column=Column(Text, nullable=False, server_default="[]")
    )
    created_on_laptop: bool = False
    returned_at: datetime | None = None  # checked in without an open conflict


class OfflineRow(SQLModel, table=True):
    """A note, follow-up, proposal, sheet or audit entry of a laptop and its office row."""

    __tablename__ = "offline_row"
    __table_args__ = (UniqueConstraint("checkout_id", "entity", "laptop_row_id"),)

    id: int | None = Field(default=None, primary_key=True)
    checkout_id: int = Field(foreign_key="offline_checkout.id", ondelete="CASCADE")
    entity: str = Field(max_length=20)
    laptop_row_id: int
    server_row_id: int | None = None  # None for audit entries (appended, not mapped)
    # The row's changeable fields at the last exchange (JSON), for a three-way merge.
    base_state: str = Field(
        default="{}", sa_column=Column(Text, nullable=False, server_default="{}")
    )
