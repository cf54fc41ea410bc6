"""The access export's parts (Art. 15 DSGVO): which table each shows, and those beyond the notes.

`SECTIONS` says for every table that can hold something about a client which part of the
export shows it; a test checks that no such table is missing (a new table that hangs on a
client must say where a person reads about it). Here: offers hidden from the client's matches,
new chances, laptop check-outs and the import history entries naming the client's pseudonym.
`PERSON_ORDER`, `labelled` and `plain` give the person's own columns in the form's order, with
codes and dates as the words and dates a person reads.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from srek_desk.db.codes import (
    CLIENT_PREFERENCES,
    CLIENT_STATUSES,
    MOBILITY_MODES,
    WORKING_TIMES,
    split_codes,
)
from srek_desk.db.models import Client, ImportRun, Offer, as_utc
from srek_desk.db.models_counselling import NewChance
from srek_desk.db.models_desk import HiddenOffer
from srek_desk.db.models_offline import OfflineCheckout, OfflineClient
from srek_desk.reference.qualifications import school_by_code, vocational_by_code

# The person's columns in the order a reader expects (the form's order).
PERSON_ORDER = (
    "first_name",
    "last_name",
    "birth_date",
    "customer_number",
    "street",
    "home_postcode",
    "home_place",
    "phone",
    "email",
    "school_qualification",
    "vocational_qualification",
    "driving_licences",
    "has_car",
    "mobility_modes",
    "max_commute_minutes",
    "arrive_by",
    "willing_to_relocate",
    "working_time",
    "earliest_start",
    "accepts_fixed_term",
    "skills",
    "offer_preferences",
    "last_contact_at",
    "consent_given",
    "consent_date",
    "status",
    "shared",
    "restricted",
    "restricted_at",
    "anonymised_at",
    "created_at",
    "updated_at",
    "id",
)

# Columns left out of the access export: internal bookkeeping, not information about the person.
INTERNAL = {"version", "pseudonym"}


def labelled(key: str, value: Any) -> Any:
    """Codes as the German words a person understands (the export is for the person)."""
    if not isinstance(value, str) or not value:
        return value
    if key == "status":
        return CLIENT_STATUSES.get(value, value)
    if key == "working_time":
        return ", ".join(WORKING_TIMES.get(c, c) for c in split_codes(value))
    if key == "mobility_modes":
        return ", ".join(MOBILITY_MODES.get(c, c) for c in split_codes(value))
    if key == "offer_preferences":
        return ", ".join(CLIENT_PREFERENCES.get(c, c) for c in split_codes(value))
    if key == "school_qualification":
        school = school_by_code(value)
        return school.name if school else value
    if key == "vocational_qualification":
        vocational = vocational_by_code(value)
        return vocational.name if vocational else value
    return value


def plain(value: Any) -> Any:
    """Dates and times as the German text of the export (times in local time)."""
    if isinstance(value, datetime):
        return as_utc(value).astimezone().strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return value


# table → key of the export that shows its rows about the client
SECTIONS: dict[str, str] = {
    "client": "person",
    "client_occupation": "berufswuensche",
    "client_language": "sprachen",
    "counselling_note": "notizen",
    "follow_up": "wiedervorlagen",
    "proposal": "vorschlaege",
    "printed_sheet": "gedruckte_boegen",
    "audit_event": "protokoll",
    # pseudonym and action of an erasure or anonymisation: the same entries as in the log
    "erasure_register": "protokoll",
    "hidden_offer": "ausgeblendete_angebote",
    "new_chance": "neue_chancen",
    "offline_client": "laptop",
    "import_run": "importhinweise",
}


def extra_sections(session: Session, client: Client) -> dict[str, Any]:
    """The export's parts for hidden offers, new chances, laptops and import hints."""
    assert client.id is not None
    offer = (Offer.title, Offer.employer_name, Offer.place)
    pseudonym = client.pseudonym or ""
    return {
        "ausgeblendete_angebote": [
            {"datum": plain(at), "angebot": title, "arbeitgeber": employer, "ort": place}
            for at, title, employer, place in session.execute(
                select(HiddenOffer.hidden_at, *offer)
                .join(Offer, Offer.id == HiddenOffer.offer_id)  # type: ignore[arg-type]
                .where(HiddenOffer.client_id == client.id)
                .order_by(HiddenOffer.hidden_at)
            )
        ],
        "neue_chancen": [
            {
                "gefunden": plain(found),
                "angebot": title,
                "arbeitgeber": employer,
                "ort": place,
                "gezeigt": plain(shown),
            }
            for found, shown, title, employer, place in session.execute(
                select(NewChance.found_at, NewChance.presented_at, *offer)
                .join(Offer, Offer.id == NewChance.offer_id)  # type: ignore[arg-type]
                .where(NewChance.client_id == client.id)
                .order_by(NewChance.found_at)
            )
        ],
        "laptop": [
            {"ausgecheckt": plain(out), "von": user, "zurueck": plain(back)}
            for out, user, back in session.execute(
                select(
                    OfflineCheckout.checked_out_at,
                    OfflineCheckout.user_name,
                    OfflineClient.returned_at,
                )
                .join(OfflineCheckout, OfflineCheckout.id == OfflineClient.checkout_id)  # type: ignore[arg-type]
                .where(OfflineClient.pseudonym == pseudonym)
                .order_by(OfflineCheckout.checked_out_at)
            )
        ]
        if pseudonym
        else [],
        "importhinweise": _import_hints(session, pseudonym),
    }


def _import_hints(session: Session, pseudonym: str) -> list[dict[str, Any]]:
    """Problems of stored client imports that name the client (by pseudonym, see imports)."""
    if not pseudonym:
        return []
    hints = []
    for started, file_name, text in session.execute(
        select(ImportRun.started_at, ImportRun.file_name, ImportRun.report)
        .where(ImportRun.kind == "clients", ImportRun.report.contains(pseudonym, autoescape=True))  # type: ignore[attr-defined]
        .order_by(ImportRun.started_at)
    ):
        report = json.loads(text or "{}")
        for problem in [*report.get("errors", []), *report.get("warnings", [])]:
            if pseudonym in str(problem.get("message", "")):
                hints.append(
                    {"datum": plain(started), "datei": file_name, "hinweis": problem["message"]}
                )
    return hints
