"""Rows of a case handover: a client as a JSON document, and its values back into columns.

Export side: `client_document` turns one stored client with its notes, follow-ups, proposals,
printed sheets and hidden offers into the JSON shape documented in `handover_format`.
Import side: `column_values` checks every value against the local column (type, length,
required) so that a package written by a slightly different schema, or crafted by hand, is
refused with a German message instead of failing halfway through the database write.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Table, select
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

from srek_desk.db.codes import split_codes
from srek_desk.db.models import (
    CounsellingNote,
    FollowUp,
    Offer,
    Proposal,
    UserAccount,
    as_utc,
)
from srek_desk.db.models_history import PrintedSheet
from srek_desk.services.handover.file_format import HandoverFileError
from srek_desk.services.offline import CLIENT_OWN_COLUMNS, client_state, hidden_keys

CHILD_KEYS = ("notes", "follow_ups", "proposals", "printed_sheets")
MALFORMED = "Die Übergabedatei ist fehlerhaft aufgebaut ({0}). Es wurde nichts übernommen."


def to_json(value: Any) -> Any:
    """Times as ISO text in UTC with their zone, dates as ISO text, the rest as it is."""
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


# -- export -----------------------------------------------------------------------------------


def author_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(UserAccount.id, UserAccount.display_name, UserAccount.username).where(
            UserAccount.id.in_(wanted)  # type: ignore[union-attr]
        )
    ).all()
    return {row[0]: row[1] or row[2] for row in rows}


def client_document(session: Session, row: Mapping[str, Any]) -> dict[str, Any]:
    """One client with everything a colleague elsewhere needs to carry on."""
    client_id = row["id"]
    state = client_state(session, row)  # own fields (dates ISO, times UTC), wishes, languages
    notes = session.execute(
        select(CounsellingNote.created_at, CounsellingNote.text, CounsellingNote.author_id)
        .where(CounsellingNote.client_id == client_id)
        .order_by(CounsellingNote.created_at, CounsellingNote.id)
    ).all()
    authors = author_names(session, (n[2] for n in notes))
    follow_ups = session.execute(
        select(
            FollowUp.due_date, FollowUp.text, FollowUp.done, FollowUp.done_at, FollowUp.created_at
        )
        .where(FollowUp.client_id == client_id)
        .order_by(FollowUp.due_date, FollowUp.id)
    ).all()
    proposals = session.execute(
        select(
            Proposal.proposed_at,
            Proposal.status,
            Proposal.status_changed_at,
            Proposal.crosses_state_border,
            Proposal.note,
            Offer.source,
            Offer.reference,
            Offer.title,
            Offer.employer_name,
            Offer.place,
            Offer.application_deadline,
        )
        .join(Offer, Offer.id == Proposal.offer_id)
        .where(Proposal.client_id == client_id)
        .order_by(Proposal.proposed_at, Proposal.id)
    ).all()
    sheets = session.execute(
        select(
            PrintedSheet.printed_at,
            PrintedSheet.language,
            PrintedSheet.pseudonymous,
            PrintedSheet.offer_ids,
        )
        .where(PrintedSheet.client_id == client_id)
        .order_by(PrintedSheet.printed_at, PrintedSheet.id)
    ).all()
    sheet_offers = {int(i) for s in sheets for i in split_codes(s[3]) if i.isdigit()}
    offer_keys = {
        r[0]: [r[1], r[2]]
        for r in session.execute(
            select(Offer.id, Offer.source, Offer.reference).where(
                Offer.id.in_(sheet_offers)  # type: ignore[union-attr]
            )
        ).all()
    }
    return {
        "pseudonym": row["pseudonym"],
        "created_at": to_json(row["created_at"]),
        "last_contact_at": to_json(row["last_contact_at"]),
        "fields": {name: state[name] for name in CLIENT_OWN_COLUMNS},
        "wishes": state["wishes"],
        "languages": state["languages"],
        "notes": [
            {"created_at": to_json(n[0]), "text": n[1], "author": authors.get(n[2], "")}
            for n in notes
        ],
        "follow_ups": [
            {
                "due_date": to_json(f[0]),
                "text": f[1],
                "done": f[2],
                "done_at": to_json(f[3]),
                "created_at": to_json(f[4]),
            }
            for f in follow_ups
        ],
        "proposals": [
            {
                "proposed_at": to_json(p[0]),
                "status": p[1],
                "status_changed_at": to_json(p[2]),
                "crosses_state_border": p[3],
                "note": p[4],
                "offer": {
                    "source": p[5],
                    "reference": p[6],
                    "title": p[7],
                    "employer": p[8],
                    "place": p[9],
                    "deadline": to_json(p[10]),
                },
            }
            for p in proposals
        ],
        "printed_sheets": [
            {
                "printed_at": to_json(s[0]),
                "language": s[1],
                "pseudonymous": s[2],
                "offers": [
                    offer_keys[int(i)]
                    for i in split_codes(s[3])
                    if i.isdigit() and int(i) in offer_keys
                ],
            }
            for s in sheets
        ],
        "hidden_offers": [list(k) for k in sorted(hidden_keys(session, client_id))],
    }


def document_counts(document: Mapping[str, Any]) -> dict[str, int]:
    counts = {}
    for key in CHILD_KEYS:
        value = document.get(key)
        counts[key] = len(value) if isinstance(value, list) else 0
    return counts


def count_text(counts: Mapping[str, int]) -> str:
    """ "3 Notizen, 1 Wiedervorlagen, …" for the audit log (counts, never contents)."""
    labels = {
        "notes": "Notizen",
        "follow_ups": "Wiedervorlagen",
        "proposals": "Vorschläge",
        "printed_sheets": "Chancenblätter",
    }
    return ", ".join(f"{counts.get(key, 0)} {label}" for key, label in labels.items())


# -- import -----------------------------------------------------------------------------------


def malformed(what: str) -> HandoverFileError:
    return HandoverFileError(MALFORMED.format(what))


def column_value(table: Table, name: str, value: Any) -> Any:
    """`value` from the package as the local column `table.name` stores it, checked."""
    column = table.c[name]
    kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
    where = f"{table.name}.{name}"
    if value is None:
        if not column.nullable:
            raise malformed(f"{where} fehlt")
        return None
    try:
        if isinstance(kind, DateTime):
            return as_utc(datetime.fromisoformat(value))
        if isinstance(kind, Date):
            return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise malformed(f"{where}: kein Datum") from None
    if isinstance(kind, Boolean):
        ok = isinstance(value, bool)
    elif isinstance(kind, Integer):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(kind, Float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif isinstance(kind, String):
        ok = isinstance(value, str) and (kind.length is None or len(value) <= kind.length)
    else:
        ok = False
    if not ok:
        raise malformed(f"{where}: unzulässiger Wert")
    return value


def row_values(table: Table, values: Any, names: Iterable[str]) -> dict[str, Any]:
    """The named columns of `table` from a package mapping; a missing key leaves the column to
    its default (a package from an older schema), unless the column has none."""
    if not isinstance(values, Mapping):
        raise malformed(table.name)
    row: dict[str, Any] = {}
    for name in names:
        column = table.c[name]
        if name in values:
            row[name] = column_value(table, name, values[name])
        elif not (column.nullable or column.default is not None or column.server_default):
            raise malformed(f"{table.name}.{name} fehlt")
    return row


def pairs(value: Any, what: str) -> list[tuple[Any, Any]]:
    """A list of two-element lists (wishes, languages, offer keys)."""
    if not isinstance(value, list) or not all(isinstance(v, list) and len(v) == 2 for v in value):
        raise malformed(what)
    return [(v[0], v[1]) for v in value]


def offer_key(value: Any, what: str) -> tuple[str, str]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise malformed(what)
    return value[0], value[1]


def child_list(document: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = document.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise malformed(key)
    return value


__all__ = [
    "CHILD_KEYS",
    "child_list",
    "client_document",
    "column_value",
    "count_text",
    "document_counts",
    "malformed",
    "offer_key",
    "pairs",
    "row_values",
    "to_json",
]
