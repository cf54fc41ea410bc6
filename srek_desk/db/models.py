"""Tables of SREK Desk (SQLModel). Every schema change goes through an Alembic migration.

Codes stored as short strings (offer types, modes, licence classes) are defined in
`srek_desk.db.codes`; sets of codes are stored comma-separated (e.g. modes "car,pt").
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy import true as sa_true
from sqlmodel import Field, SQLModel

# Deterministic constraint names, so that batch migrations on SQLite can find them again.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def as_utc(value: datetime) -> datetime:
    """A stored moment as an aware UTC datetime (SQLite reads times back without a zone)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def local_day(moment: datetime) -> date:
    """The local calendar day of a stored moment (stored times are UTC, naive on SQLite)."""
    return as_utc(moment).astimezone().date()


def new_pseudonym() -> str:
    """A random id that names a client in the audit log and survives their erasure."""
    return secrets.token_hex(6)


class Client(SQLModel, table=True):
    __tablename__ = "client"
    __table_args__ = (
        Index(None, "last_name", "first_name"),
        Index(None, "status"),
        Index(None, "home_postcode"),
        Index(None, "updated_at"),  # MatchService.refresh reads what changed
    )

    id: int | None = Field(default=None, primary_key=True)
    customer_number: str | None = Field(default=None, max_length=40, unique=True)
    first_name: str = Field(default="", max_length=100)
    last_name: str = Field(default="", max_length=100)
    birth_date: date | None = None
    email: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=60)
    street: str = Field(default="", max_length=200)
    home_postcode: str = Field(default="", max_length=5)
    home_place: str = Field(default="", max_length=120)
    school_qualification: str = Field(default="", max_length=40)
    vocational_qualification: str = Field(default="", max_length=40)
    driving_licences: str = Field(default="", max_length=100)
    has_car: bool = False
    mobility_modes: str = Field(default="pt", max_length=40)
    max_commute_minutes: int = 45
    willing_to_relocate: bool = False
    working_time: str = Field(default="", max_length=40)
    earliest_start: date | None = None
    consent_given: bool = False
    consent_date: date | None = None
    accepts_fixed_term: bool = Field(default=True, sa_column_kwargs={"server_default": sa_true()})
    status: str = Field(default="active", max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = 1
    # Access and data protection (migration 0007)
    counsellor_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL", index=True
    )
    shared: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
    restricted: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})
    restricted_at: datetime | None = None
    pseudonym: str | None = Field(default_factory=new_pseudonym, max_length=16, unique=True)
    anonymised_at: datetime | None = None
    # Counselling depth (migration 0009)
    skills: str = Field(default="", max_length=1000, sa_column_kwargs={"server_default": ""})
    offer_preferences: str = Field(
        default="", max_length=200, sa_column_kwargs={"server_default": ""}
    )  # codes of db.codes.CLIENT_PREFERENCES
    last_contact_at: datetime | None = None  # last note, proposal, sheet or recorded contact
    # Timetable (migration 0011): "HH:MM" the client must arrive by; None: commute.arrive_by
    arrive_by: str | None = Field(default=None, max_length=5)


class ClientOccupation(SQLModel, table=True):
    """A target occupation of a client; priority 1 is the first wish."""

    __tablename__ = "client_occupation"
    __table_args__ = (UniqueConstraint("client_id", "kldb_code"), Index(None, "kldb_code"))

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", ondelete="CASCADE")
    kldb_code: str = Field(max_length=5)
    priority: int = 1


class ClientLanguage(SQLModel, table=True):
    __tablename__ = "client_language"
    __table_args__ = (UniqueConstraint("client_id", "language"),)

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", ondelete="CASCADE", index=True)
    language: str = Field(max_length=3)
    cefr_level: str = Field(max_length=2)


class Employer(SQLModel, table=True):
    __tablename__ = "employer"
    __table_args__ = (Index(None, "name"), Index(None, "postcode"))

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    street: str = Field(default="", max_length=200)
    postcode: str = Field(default="", max_length=5)
    place: str = Field(default="", max_length=120)
    state: str = Field(default="", max_length=2)
    contact_name: str = Field(default="", max_length=200)
    phone: str = Field(default="", max_length=60)
    email: str = Field(default="", max_length=200)
    website: str = Field(default="", max_length=300)
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Offer(SQLModel, table=True):
    __tablename__ = "offer"
    __table_args__ = (
        UniqueConstraint("source", "reference"),
        Index(None, "kldb_code"),
        Index(None, "state"),
        Index(None, "postcode"),
        Index(None, "offer_type"),
        Index(None, "active", "application_deadline"),
        Index(None, "start_date"),
        Index(None, "title"),
        Index(None, "updated_at"),  # MatchService.refresh reads what changed
        Index(None, "confirmed_at"),  # stale offers
    )

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=60)
    reference: str = Field(max_length=80)
    offer_type: str = Field(default="arbeit", max_length=20)
    title: str = Field(max_length=300)
    occupation_name: str = Field(default="", max_length=300)
    kldb_code: str | None = Field(default=None, max_length=5)
    required_level: int | None = None
    required_school: str = Field(default="", max_length=40)
    employer_id: int | None = Field(
        default=None, foreign_key="employer.id", ondelete="SET NULL", index=True
    )
    employer_name: str = Field(default="", max_length=200)
    street: str = Field(default="", max_length=200)
    postcode: str = Field(default="", max_length=5)
    place: str = Field(default="", max_length=120)
    state: str = Field(default="", max_length=2)
    lat: float | None = None
    lon: float | None = None
    working_time: str = Field(default="", max_length=40)
    fixed_term: bool | None = None
    start_date: date | None = None
    application_deadline: date | None = None
    positions: int = 1
    driving_licence: str = Field(default="", max_length=20)
    german_level: str = Field(default="", max_length=2)
    contact_name: str = Field(default="", max_length=200)
    contact_phone: str = Field(default="", max_length=60)
    contact_email: str = Field(default="", max_length=200)
    url: str = Field(default="", max_length=500)
    salary_text: str = Field(default="", max_length=200)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    published_at: datetime | None = None
    modified_at: datetime | None = None
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    # Counselling depth (migration 0009): skill codes, BA flags, when last confirmed ("Stand")
    skills_required: str = Field(
        default="", max_length=1000, sa_column_kwargs={"server_default": ""}
    )
    skills_nice: str = Field(default="", max_length=1000, sa_column_kwargs={"server_default": ""})
    flags: str = Field(
        default="", max_length=200, sa_column_kwargs={"server_default": ""}
    )  # codes of db.codes.OFFER_FLAGS
    confirmed_at: datetime | None = Field(default_factory=utcnow)
    # True offers (migration 0010): coordinates from the postcode or place centre, not the record
    place_approximate: bool = Field(default=False, sa_column_kwargs={"server_default": sa_false()})


class CounsellingNote(SQLModel, table=True):
    __tablename__ = "counselling_note"

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", ondelete="CASCADE", index=True)
    author_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)
    text: str = Field(sa_column=Column(Text, nullable=False))


class FollowUp(SQLModel, table=True):
    __tablename__ = "follow_up"
    __table_args__ = (Index(None, "done", "due_date"),)

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", ondelete="CASCADE", index=True)
    due_date: date
    text: str = Field(max_length=500)
    done: bool = False
    done_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class Proposal(SQLModel, table=True):
    """An offer proposed to a client (Vermittlungsvorschlag) and what came of it."""

    __tablename__ = "proposal"
    __table_args__ = (Index(None, "status"),)

    id: int | None = Field(default=None, primary_key=True)
    client_id: int = Field(foreign_key="client.id", ondelete="CASCADE", index=True)
    offer_id: int = Field(foreign_key="offer.id", ondelete="CASCADE", index=True)
    proposed_by: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    proposed_at: datetime = Field(default_factory=utcnow)
    status: str = Field(default="vorgeschlagen", max_length=30)
    status_changed_at: datetime = Field(default_factory=utcnow)
    crosses_state_border: bool = False
    note: str = Field(default="", max_length=500)


class UserAccount(SQLModel, table=True):
    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=60, unique=True)
    display_name: str = Field(default="", max_length=200)
    role: str = Field(default="berater", max_length=60)  # comma-separated role codes
    password_hash: str = Field(default="", max_length=300)
    phone: str = Field(default="", max_length=60)
    email: str = Field(default="", max_length=200)
    active: bool = True
    failed_logins: int = 0
    locked_until: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    last_login_at: datetime | None = None
    password_changed_at: datetime | None = None
    must_change_password: bool = Field(
        default=False, sa_column_kwargs={"server_default": sa_false()}
    )


class AuditEvent(SQLModel, table=True):
    """Who did what to which record: field names only, never values."""

    __tablename__ = "audit_event"
    __table_args__ = (Index(None, "entity", "entity_id"), Index(None, "at"))

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow)
    user_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    action: str = Field(max_length=20)
    entity: str = Field(max_length=40)
    entity_id: int | None = None  # for clients None: `subject` names them
    fields: str = Field(default="", max_length=1000)
    user_name: str = Field(default="", max_length=60)  # login name at the time, kept if renamed
    subject: str = Field(default="", max_length=16, index=True)  # client pseudonym
    detail: str = Field(default="", max_length=200)  # e.g. "PDF", never personal values
    chain_hash: str = Field(default="", max_length=64)  # sha256 over the previous entry's hash


class AuditRetention(SQLModel, table=True):
    """One row: audit entries older than `purge_before` may be deleted by retention, no others.

    Triggers (migration 0007) refuse every UPDATE of `audit_event` and every DELETE the gate
    does not allow, so the log stays append-only whatever code runs.
    """

    __tablename__ = "audit_retention"

    id: int = Field(default=1, primary_key=True)
    purge_before: datetime | None = None


class OccupationRecord(SQLModel, table=True):
    """Berufsgattungen loaded by the office (e.g. the BA KldB CSV), beyond the shipped ones."""

    __tablename__ = "occupation"

    code: str = Field(primary_key=True, max_length=5)
    name: str = Field(max_length=300)
    source: str = Field(default="", max_length=60)
    imported_at: datetime = Field(default_factory=utcnow)
    # further names, "|"-separated: the Kurztitel and the example occupations of the BA file
    synonyms: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


class ImportRun(SQLModel, table=True):
    """One import of an offer or client file: counts and the full report (JSON) for the history."""

    __tablename__ = "import_run"
    __table_args__ = (Index(None, "started_at"), Index(None, "source"))

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="offers", max_length=20)
    source: str = Field(max_length=60)
    file_name: str = Field(default="", max_length=255)
    file_format: str = Field(default="", max_length=20)
    file_sha256: str = Field(default="", max_length=64)
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime = Field(default_factory=utcnow)
    full_load: bool = True
    total: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    bad_rows: int = 0
    warnings: int = 0
    report: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))


class ColumnMapping(SQLModel, table=True):
    """A spreadsheet column mapping saved per source name: JSON {header text: field}."""

    __tablename__ = "column_mapping"
    __table_args__ = (UniqueConstraint("source", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=60)
    kind: str = Field(default="offers", max_length=20)
    mapping: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))
    updated_at: datetime = Field(default_factory=utcnow)
