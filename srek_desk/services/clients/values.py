"""Editable client values (`ClientInput`), their checks and their mapping onto the client row."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from srek_desk.db.codes import (
    CLIENT_STATUSES,
    MOBILITY_MODES,
    WORKING_TIMES,
    join_codes,
    split_codes,
)
from srek_desk.db.models import Client
from srek_desk.errors import UserError
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.qualifications import (
    DRIVING_LICENCE_CLASSES,
    cefr_by_code,
    language_by_code,
    school_by_code,
    vocational_by_code,
)
from srek_desk.services.core.validation import EMAIL_PATTERN, FieldError, formula_names

MIN_AGE, MAX_AGE = 14, 70
MIN_COMMUTE_MINUTES, MAX_COMMUTE_MINUTES = 5, 240
MAX_WISH_PRIORITY = 99
# Longest text per field: the column lengths of `client` (PostgreSQL refuses longer text, SQLite
# would keep it), so an overlong paste is refused in the editor and never half stored.
MAX_LENGTHS: dict[str, tuple[str, int]] = {
    "customer_number": ("Die Kundennummer", 40),
    "first_name": ("Der Vorname", 100),
    "last_name": ("Der Nachname", 100),
    "email": ("Die E-Mail-Adresse", 200),
    "phone": ("Die Telefonnummer", 60),
    "street": ("Die Straße", 200),
}
# An arrival time as counsellors type it: "7:30", "07:30", "7.30", "7:30 Uhr".
_CLOCK = re.compile(r"^\s*(\d{1,2})\s*[:.]\s*(\d{2})\s*(?:uhr)?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ClientInput:
    """Every field the client editor edits; defaults suit a fresh walk-in client."""

    customer_number: str | None = None
    first_name: str = ""
    last_name: str = ""
    birth_date: date | None = None
    email: str = ""
    phone: str = ""
    street: str = ""
    home_postcode: str = ""
    school_qualification: str = ""
    vocational_qualification: str = ""
    driving_licences: tuple[str, ...] = ()
    has_car: bool = False
    mobility_modes: tuple[str, ...] = ("pt",)
    max_commute_minutes: int = 45
    willing_to_relocate: bool = False
    accepts_fixed_term: bool = True
    working_time: tuple[str, ...] = ()
    earliest_start: date | None = None
    consent_given: bool = False
    consent_date: date | None = None
    status: str = "active"
    wishes: tuple[tuple[str, int], ...] = ()  # (kldb_code, priority), priority 1 = first wish
    languages: tuple[tuple[str, str], ...] = ()  # (ISO 639-1 code, CEFR level)
    skills: tuple[str, ...] = ()  # codes of the skills vocabulary (table `skill`)
    offer_preferences: tuple[str, ...] = ()  # codes of db.codes.CLIENT_PREFERENCES
    # when the bus-and-train connection must arrive ("HH:MM"); empty: the office's setting
    arrive_by: str = ""


class ConflictError(UserError):
    """Someone saved the client meanwhile: both versions for the editor to show side by side."""

    def __init__(self, mine: ClientInput, theirs: ClientInput, their_version: int) -> None:
        super().__init__(
            "Die Angaben wurden inzwischen an einem anderen Platz geändert und gespeichert. "
            "Bitte beide Fassungen vergleichen und erneut speichern."
        )
        self.mine = mine
        self.theirs = theirs
        self.their_version = their_version


def display_name(first_name: str, last_name: str, customer_number: str | None) -> str:
    """ "Musterfrau, Lena"; without a name the Kundennummer; else "(ohne Namen)"."""
    name = ", ".join(part for part in (last_name.strip(), first_name.strip()) if part)
    return name or (customer_number or "") or "(ohne Namen)"


def normal_clock(text: str) -> str | None:
    """ "HH:MM" for an arrival time typed as "7:30", "07:30", "7.30" or "7:30 Uhr"; "" for
    empty text; None when it is no time of day."""
    if not text.strip():
        return ""
    found = _CLOCK.match(text)
    if found is None:
        return None
    hours, minutes = int(found.group(1)), int(found.group(2))
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def validate_client(
    data: ClientInput, reference: ReferenceData, *, today: date | None = None
) -> list[FieldError]:
    """Checks that need no database (the customer number's uniqueness is checked by the service)."""
    today = today or date.today()
    errors: list[FieldError] = []

    def error(field: str, message: str) -> None:
        errors.append(FieldError(field, message))

    for field, (label, limit) in MAX_LENGTHS.items():
        if len((getattr(data, field) or "").strip()) > limit:
            error(field, f"{label} ist zu lang (höchstens {limit} Zeichen).")
    errors += formula_names(data, {"first_name": "Der Vorname", "last_name": "Der Nachname"})
    postcode = data.home_postcode.strip()
    if postcode and not reference.gazetteer.is_valid_postcode(postcode):
        error("home_postcode", f"Die Postleitzahl {postcode} gibt es nicht.")
    if data.birth_date is not None:
        age = _age_on(data.birth_date, today)
        if not MIN_AGE <= age <= MAX_AGE:
            error(
                "birth_date",
                f"Das Geburtsdatum ergibt ein Alter von {age} Jahren; "
                f"erwartet sind {MIN_AGE} bis {MAX_AGE}.",
            )
    if data.email.strip() and not EMAIL_PATTERN.match(data.email.strip()):
        error("email", f"„{data.email.strip()}“ ist keine gültige E-Mail-Adresse.")
    if not MIN_COMMUTE_MINUTES <= data.max_commute_minutes <= MAX_COMMUTE_MINUTES:
        error(
            "max_commute_minutes",
            f"Der längste Arbeitsweg muss zwischen {MIN_COMMUTE_MINUTES} und "
            f"{MAX_COMMUTE_MINUTES} Minuten liegen.",
        )
    if normal_clock(data.arrive_by) is None:
        error(
            "arrive_by",
            f"„{data.arrive_by.strip()}“ ist keine Uhrzeit: die Ankunft bitte als Stunden und "
            "Minuten angeben, z. B. 07:30 (leer lassen: die Zeit der Beratungsstelle).",
        )
    if data.consent_given and data.consent_date is None:
        error("consent_date", "Bitte das Datum der Einwilligung angeben.")
    if data.consent_date is not None and data.consent_date > today:
        error("consent_date", "Das Datum der Einwilligung liegt in der Zukunft.")
    if data.school_qualification and school_by_code(data.school_qualification) is None:
        error("school_qualification", "Unbekannter Schulabschluss.")
    if data.vocational_qualification and vocational_by_code(data.vocational_qualification) is None:
        error("vocational_qualification", "Unbekannter Berufsabschluss.")
    for field, values, known in (
        ("driving_licences", data.driving_licences, DRIVING_LICENCE_CLASSES),
        ("mobility_modes", data.mobility_modes, MOBILITY_MODES),
        ("working_time", data.working_time, WORKING_TIMES),
        ("status", (data.status,), CLIENT_STATUSES),
    ):
        unknown = [v for v in values if v not in known]
        if unknown:
            error(field, f"Unbekannte Angabe: {', '.join(unknown)}.")
    codes = [code for code, _ in data.wishes]
    for code in codes:
        if reference.occupations.get(code) is None:
            error("wishes", f"Die KldB-Kennziffer {code} steht nicht im Berufeverzeichnis.")
    if len(set(codes)) != len(codes):
        error("wishes", "Ein Berufswunsch steht doppelt in der Liste.")
    if any(not 1 <= priority <= MAX_WISH_PRIORITY for _, priority in data.wishes):
        error("wishes", f"Die Rangfolge der Berufswünsche muss 1 bis {MAX_WISH_PRIORITY} sein.")
    languages = [language for language, _ in data.languages]
    for language, level in data.languages:
        if language_by_code(language) is None:
            error("languages", f"Unbekannte Sprache „{language}“.")
        if cefr_by_code(level) is None:
            error("languages", f"Sprachniveau „{level}“ ungültig; erlaubt sind A1 bis C2.")
    if len(set(languages)) != len(languages):
        error("languages", "Eine Sprache steht doppelt in der Liste.")
    return errors


def input_from_row(client: Client, wishes: list[Any], languages: list[Any]) -> ClientInput:
    return ClientInput(
        customer_number=client.customer_number,
        first_name=client.first_name,
        last_name=client.last_name,
        birth_date=client.birth_date,
        email=client.email,
        phone=client.phone,
        street=client.street,
        home_postcode=client.home_postcode,
        school_qualification=client.school_qualification,
        vocational_qualification=client.vocational_qualification,
        driving_licences=split_codes(client.driving_licences),
        has_car=client.has_car,
        mobility_modes=split_codes(client.mobility_modes),
        max_commute_minutes=client.max_commute_minutes,
        willing_to_relocate=client.willing_to_relocate,
        accepts_fixed_term=client.accepts_fixed_term,
        working_time=split_codes(client.working_time),
        earliest_start=client.earliest_start,
        consent_given=client.consent_given,
        consent_date=client.consent_date,
        status=client.status,
        wishes=tuple((w[0], w[1]) for w in wishes),
        languages=tuple((lang[0], lang[1]) for lang in languages),
        skills=split_codes(client.skills),
        offer_preferences=split_codes(client.offer_preferences),
        arrive_by=client.arrive_by or "",
    )


def column_values(data: ClientInput, reference: ReferenceData) -> dict[str, Any]:
    """Client columns for an input; the place comes from the gazetteer, never from the user."""
    postcode = data.home_postcode.strip()
    place = reference.gazetteer.place_for_postcode(postcode) if postcode else None
    return {
        "customer_number": (data.customer_number or "").strip() or None,
        "first_name": data.first_name.strip(),
        "last_name": data.last_name.strip(),
        "birth_date": data.birth_date,
        "email": data.email.strip(),
        "phone": data.phone.strip(),
        "street": data.street.strip(),
        "home_postcode": postcode,
        "home_place": place.name if place else "",
        "school_qualification": data.school_qualification,
        "vocational_qualification": data.vocational_qualification,
        "driving_licences": join_codes(data.driving_licences),
        "has_car": data.has_car,
        "mobility_modes": join_codes(data.mobility_modes),
        "max_commute_minutes": data.max_commute_minutes,
        "willing_to_relocate": data.willing_to_relocate,
        "accepts_fixed_term": data.accepts_fixed_term,
        "working_time": join_codes(data.working_time),
        "earliest_start": data.earliest_start,
        "consent_given": data.consent_given,
        "consent_date": data.consent_date,
        "status": data.status,
        "skills": join_codes(data.skills),
        "offer_preferences": join_codes(data.offer_preferences),
        "arrive_by": normal_clock(data.arrive_by) or None,
    }


def changed_fields(before: ClientInput | None, after: ClientInput) -> str:
    """Names of the changed fields for the audit log (never the values)."""
    names = [f.name for f in fields(ClientInput)]
    if before is None:
        return ",".join(names)
    return ",".join(n for n in names if getattr(before, n) != getattr(after, n))
