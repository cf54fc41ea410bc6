"""What a handover package would do here: a preview per client (duplicate or new) and the result."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from srek_desk.db.models import (
    Client,
    as_utc,
)
from srek_desk.services.clients import display_name, similar_clients
from srek_desk.services.core.access import Actor, may_see
from srek_desk.services.handover.rows import (
    column_value,
    document_counts,
    malformed,
)
from srek_desk.services.offline import CLIENT_TABLE, ClientRef


@dataclass(frozen=True, slots=True)
class PreviewClient:
    """One client of a package as the importing counsellor sees it before deciding."""

    pseudonym: str
    name: str
    birth_date: date | None
    customer_number: str | None
    counts: dict[str, int]
    same_pseudonym: bool  # already here (imported before, or came from here)
    similar: tuple[str, ...]  # look-alikes here, described in German
    customer_number_taken: bool
    merge_target: int | None = None  # the one look-alike the actor may see: "merge" possible

    @property
    def is_duplicate(self) -> bool:
        return self.same_pseudonym or bool(self.similar)

    @property
    def duplicate_text(self) -> str:
        parts = ["schon übernommen (gleiche Kennung)"] if self.same_pseudonym else []
        return "; ".join(parts + list(self.similar))

    def as_dict(self) -> dict[str, Any]:
        return {
            "pseudonym": self.pseudonym,
            "name": self.name,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "counts": dict(self.counts),
            "duplicate": self.is_duplicate,
            "duplicate_of": self.duplicate_text,
            "customer_number_taken": self.customer_number_taken,
            "can_merge": self.merge_target is not None,
        }


@dataclass
class ImportResult:
    office: str
    imported: list[ClientRef] = field(default_factory=list)
    merged: list[ClientRef] = field(default_factory=list)  # into a record already here
    skipped: list[tuple[ClientRef, str]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "office": self.office,
            "imported": len(self.imported),
            "merged": len(self.merged),
            "skipped": len(self.skipped),
            "counts": dict(self.counts),
            "clients": [c.as_dict() for c in self.imported],
            "merged_clients": [c.as_dict() for c in self.merged],
            "skipped_clients": [{**c.as_dict(), "reason": r} for c, r in self.skipped],
            "warnings": list(self.warnings),
        }


def package_time(value: Any) -> datetime | None:
    try:
        return as_utc(datetime.fromisoformat(value)) if isinstance(value, str) else None
    except ValueError:
        return None


def package_fields(document: Any) -> Mapping[str, Any]:
    if not isinstance(document, Mapping) or not isinstance(document.get("fields"), Mapping):
        raise malformed("Klient:in")
    return document["fields"]  # type: ignore[no-any-return]


def assess(session: Session, actor: Actor, document: Any) -> PreviewClient:
    """Who the package client is and whether they look like someone stored here."""
    fields = package_fields(document)
    first = column_value(CLIENT_TABLE, "first_name", fields.get("first_name", ""))
    last = column_value(CLIENT_TABLE, "last_name", fields.get("last_name", ""))
    born = column_value(CLIENT_TABLE, "birth_date", fields.get("birth_date"))
    number = column_value(CLIENT_TABLE, "customer_number", fields.get("customer_number"))
    pseudonym = document.get("pseudonym")
    pseudonym = pseudonym if isinstance(pseudonym, str) and 0 < len(pseudonym) <= 16 else ""
    twin = (
        session.execute(
            select(Client).where(
                Client.pseudonym == pseudonym,
                Client.anonymised_at.is_(None),  # type: ignore[union-attr]
            )
        ).scalar_one_or_none()
        if pseudonym
        else None
    )
    visible: set[int] = (
        {twin.id} if twin is not None and twin.id and may_see(actor, twin) else set()
    )
    similar: list[str] = []
    for candidate in similar_clients(session, first, last, born):
        stored = session.get(Client, candidate.client_id)
        if stored is not None and may_see(actor, stored):
            visible.add(candidate.client_id)
            who = display_name(candidate.first_name, candidate.last_name, None)
            if candidate.customer_number:
                who += f", Kd.-Nr. {candidate.customer_number}"
        else:
            visible.add(-1)  # someone the actor may not see: merging is not theirs to decide
            who = "Klient:in einer Kollegin / eines Kollegen"
        similar.append(f"{who} ({candidate.reason})")
    taken = bool(number) and (
        session.execute(select(Client.id).where(Client.customer_number == number)).first()
        is not None
    )
    if twin is not None and twin.id not in visible:
        visible.add(-1)
    return PreviewClient(
        pseudonym,
        display_name(first, last, number),
        born,
        number,
        document_counts(document),
        twin is not None,
        tuple(similar),
        taken,
        next(iter(visible)) if len(visible) == 1 and -1 not in visible else None,
    )
