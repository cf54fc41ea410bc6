"""What offline checkout and check-in share: row copying, a client's own state, the results.

A client's *own fields* (its columns, wishes and languages) are what a check-in may have to
decide between office and laptop; its notes, follow-ups, proposals and printed sheets are
merged row by row and never need a decision. Values cross databases as plain Python values,
times always in UTC.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from srek_desk.db.audit_chain import canonical_time
from srek_desk.db.models import (
    Client,
    ClientLanguage,
    ClientOccupation,
    CounsellingNote,
    FollowUp,
    Offer,
    Proposal,
    UserAccount,
    as_utc,
)
from srek_desk.db.models_desk import HiddenOffer
from srek_desk.db.models_history import PrintedSheet
from srek_desk.services.clients import display_name

Progress = Callable[[int, int], None]

CLIENT_TABLE: Table = Client.__table__  # type: ignore[attr-defined]
# Columns that identify or stamp a row rather than describe the client.
# last_contact_at is no field to decide between: check-in keeps the later of both contacts.
_NOT_OWN = {
    "id",
    "pseudonym",
    "created_at",
    "updated_at",
    "version",
    "counsellor_id",
    "last_contact_at",
}
CLIENT_OWN_COLUMNS: tuple[str, ...] = tuple(
    c.name for c in CLIENT_TABLE.columns if c.name not in _NOT_OWN
)

# German names of the own fields, for the command line (the dialog translates its own).
FIELD_LABELS: dict[str, str] = {
    "customer_number": "Kundennummer",
    "first_name": "Vorname",
    "last_name": "Nachname",
    "birth_date": "Geburtsdatum",
    "email": "E-Mail",
    "phone": "Telefon",
    "street": "Straße",
    "home_postcode": "Postleitzahl",
    "home_place": "Wohnort",
    "school_qualification": "Schulabschluss",
    "vocational_qualification": "Berufsabschluss",
    "driving_licences": "Führerscheine",
    "has_car": "Auto vorhanden",
    "mobility_modes": "Verkehrsmittel",
    "max_commute_minutes": "Längster Arbeitsweg (Minuten)",
    "arrive_by": "Ankunft bis (Uhrzeit)",
    "willing_to_relocate": "Umzug denkbar",
    "working_time": "Arbeitszeit",
    "earliest_start": "Frühester Beginn",
    "consent_given": "Einwilligung",
    "consent_date": "Datum der Einwilligung",
    "accepts_fixed_term": "Befristung möglich",
    "status": "Status",
    "shared": "Mit dem Team geteilt",
    "restricted": "Verarbeitung eingeschränkt",
    "restricted_at": "Eingeschränkt seit",
    "anonymised_at": "Anonymisiert am",
    "skills": "Kenntnisse und Nachweise",
    "offer_preferences": "Wünsche zu Angeboten",
    "last_contact_at": "Letzter Kontakt",
    "counsellor": "Beraterin / Berater",
    "wishes": "Berufswünsche",
    "languages": "Sprachen",
}

KEEP_SERVER, KEEP_LAPTOP = "server", "laptop"

# Child rows merged at check-in: entity name, table, the fields a laptop may change later.
CHILD_TABLES: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    ("note", CounsellingNote, ()),
    ("follow_up", FollowUp, ("due_date", "text", "done", "done_at")),
    ("proposal", Proposal, ("status", "status_changed_at", "note")),
    ("printed_sheet", PrintedSheet, ()),
)


def table_of(model: Any) -> Table:
    return model.__table__  # type: ignore[no-any-return]


# -- values across databases ------------------------------------------------------------------


def portable(value: Any) -> Any:
    """A value both engines store alike: times in UTC with their zone (SQLite reads them back
    without one, PostgreSQL would otherwise read a zoneless time in its session zone)."""
    if isinstance(value, datetime):
        return as_utc(value)
    return value


def portable_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: portable(value) for key, value in row.items()}


def jsonable(value: Any) -> Any:
    """A value for a JSON state: times to the second in UTC, dates as ISO text."""
    if isinstance(value, datetime):
        return canonical_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [jsonable(v) for v in value]
    return value


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def show_value(value: Any) -> str:
    """A state value for people: ✓/–, German dates, lists joined."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "✓" if value else "–"
    if isinstance(value, list):
        return ", ".join(" ".join(map(str, v)) if isinstance(v, list) else str(v) for v in value)
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            return value
        rest = value[11:16] if len(value) > 10 else ""
        return day.strftime("%d.%m.%Y") + (f" {rest}" if rest else "")
    return str(value)


# -- a client's own state ---------------------------------------------------------------------


def user_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(UserAccount.id, UserAccount.username).where(UserAccount.id.in_(wanted))
    ).all()
    return {row[0]: row[1] for row in rows}


def client_state(session: Session, row: Mapping[str, Any]) -> dict[str, Any]:
    """The own fields of a client row (a mapping of its columns), JSON-ready."""
    state = {name: jsonable(row[name]) for name in CLIENT_OWN_COLUMNS}
    counsellor = row["counsellor_id"]
    state["counsellor"] = (
        user_names(session, [counsellor]).get(counsellor, "") if counsellor else ""
    )
    wishes = session.execute(
        select(ClientOccupation.kldb_code, ClientOccupation.priority).where(
            ClientOccupation.client_id == row["id"]
        )
    ).all()
    languages = session.execute(
        select(ClientLanguage.language, ClientLanguage.cefr_level).where(
            ClientLanguage.client_id == row["id"]
        )
    ).all()
    state["wishes"] = sorted([[w[0], w[1]] for w in wishes], key=lambda w: (w[1], w[0]))
    state["languages"] = sorted([[lang[0], lang[1]] for lang in languages])
    return state


def hidden_keys(session: Session, client_id: int) -> set[tuple[str, str]]:
    """The offers hidden from a client's matches, by their identity (source, reference)."""
    rows = session.execute(
        select(Offer.source, Offer.reference)
        .join(HiddenOffer, HiddenOffer.offer_id == Offer.id)
        .where(HiddenOffer.client_id == client_id)
    ).all()
    return {(row[0], row[1]) for row in rows}


def client_row(session: Session, *, pseudonym: str, lock: bool = False) -> dict[str, Any] | None:
    query = select(CLIENT_TABLE).where(CLIENT_TABLE.c.pseudonym == pseudonym)
    if lock:
        query = query.with_for_update()
    row = session.execute(query).mappings().first()
    return dict(row) if row is not None else None


def changed_names(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    return [name for name in after if before.get(name) != after.get(name)]


# -- results ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClientRef:
    pseudonym: str
    name: str

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> ClientRef:
        return cls(
            row["pseudonym"] or "",
            display_name(row["first_name"], row["last_name"], row["customer_number"]),
        )

    def as_dict(self) -> dict[str, Any]:
        return {"pseudonym": self.pseudonym, "name": self.name}


@dataclass(frozen=True, slots=True)
class CheckoutResult:
    checkout_id: int
    laptop_id: str
    path: str
    clients: tuple[ClientRef, ...]
    users: tuple[str, ...]  # accounts that can sign in on the laptop
    rows: dict[str, int]  # table → rows copied

    def as_dict(self) -> dict[str, Any]:
        return {
            "checkout_id": self.checkout_id,
            "laptop_id": self.laptop_id,
            "file": self.path,
            "clients": [c.as_dict() for c in self.clients],
            "users": list(self.users),
            "rows": dict(self.rows),
        }


@dataclass(frozen=True, slots=True)
class FieldDifference:
    field: str
    base: Any
    server: Any
    laptop: Any

    @property
    def changed_on_laptop(self) -> bool:
        return self.laptop != self.base

    @property
    def changed_in_office(self) -> bool:
        return self.server != self.base

    @property
    def label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "label": self.label,
            "office": self.server,
            "laptop": self.laptop,
            "at_checkout": self.base,
        }


@dataclass(frozen=True, slots=True)
class Conflict:
    """A client changed in the office and on the laptop since the last exchange."""

    laptop_id: str
    client: ClientRef
    base_state: dict[str, Any]
    server_state: dict[str, Any]
    laptop_state: dict[str, Any]
    server_version: int
    laptop_version: int

    @property
    def pseudonym(self) -> str:
        return self.client.pseudonym

    def differences(self) -> list[FieldDifference]:
        """The own fields whose office and laptop values differ."""
        return [
            FieldDifference(name, self.base_state.get(name), self.server_state.get(name), value)
            for name, value in self.laptop_state.items()
            if self.server_state.get(name) != value
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.client.as_dict(),
            "differences": [d.as_dict() for d in self.differences()],
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    client: ClientRef
    reason: str  # German, for people

    def as_dict(self) -> dict[str, Any]:
        return {**self.client.as_dict(), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Created:
    client: ClientRef
    duplicate_of: str | None = None  # an office client with the same name and birth date

    def as_dict(self) -> dict[str, Any]:
        return {**self.client.as_dict(), "duplicate_of": self.duplicate_of}


@dataclass(frozen=True, slots=True)
class Applied:
    client: ClientRef
    fields: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {**self.client.as_dict(), "fields": list(self.fields)}


@dataclass
class CheckinResult:
    checkout_id: int
    laptop_id: str
    applied: list[Applied] = field(default_factory=list)  # changed only on the laptop
    created: list[Created] = field(default_factory=list)  # new on the laptop
    office_only: list[ClientRef] = field(default_factory=list)  # changed only in the office
    unchanged: list[ClientRef] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)  # nothing written for these
    skipped: list[Skipped] = field(default_factory=list)
    added: dict[str, int] = field(default_factory=dict)  # notes, follow-ups … added in the office
    warnings: list[str] = field(default_factory=list)
    closed: bool = False

    @property
    def changed_anything(self) -> bool:
        return bool(self.applied or self.created or any(self.added.values()))

    def as_dict(self) -> dict[str, Any]:
        return {
            "checkout_id": self.checkout_id,
            "laptop_id": self.laptop_id,
            "applied": [a.as_dict() for a in self.applied],
            "created": [c.as_dict() for c in self.created],
            "office_only": [c.as_dict() for c in self.office_only],
            "unchanged": [c.as_dict() for c in self.unchanged],
            "conflicts": [c.as_dict() for c in self.conflicts],
            "skipped": [s.as_dict() for s in self.skipped],
            "added": dict(self.added),
            "warnings": list(self.warnings),
            "closed": self.closed,
        }


@dataclass
class Resolution:
    client: ClientRef
    keep: str
    added: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    closed: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.client.as_dict(),
            "keep": self.keep,
            "added": dict(self.added),
            "warnings": list(self.warnings),
            "closed": self.closed,
        }
