"""The erasure register: which clients were erased or anonymised, by pseudonym only.

A restore of an older backup would bring an erased person back; the register (one row per
pseudonym and action, never a name) survives the restore and every entry is applied again.
Rows are written by a trigger on `audit_event` (migration 0012), whoever erases: the privacy
page, the command line or retention. Inserting an entry that is already there does nothing.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from srek_desk.db.models import utcnow

ERASED = "erase"
ANONYMISED = "anonymise"


class ErasureRecord(SQLModel, table=True):
    """One erasure (or anonymisation) of one client, named by the client's random pseudonym."""

    __tablename__ = "erasure_register"

    pseudonym: str = Field(primary_key=True, max_length=16)
    action: str = Field(primary_key=True, max_length=20)  # ERASED or ANONYMISED
    erased_at: datetime = Field(default_factory=utcnow)
