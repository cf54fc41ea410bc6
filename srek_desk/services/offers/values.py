"""Editable offer values (`OfferInput`) and short offer lines: checks, mapping onto the row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from srek_desk.db.codes import OFFER_TYPES, WORKING_TIMES, join_codes, split_codes
from srek_desk.db.models import Offer
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.qualifications import (
    DRIVING_LICENCE_CLASSES,
    cefr_by_code,
    school_by_code,
)
from srek_desk.services.core.validation import (
    EMAIL_PATTERN,
    FieldError,
    too_long,
)

MANUAL_SOURCE = "manuell"


@dataclass(frozen=True, slots=True)
class OfferInput:
    title: str = ""
    offer_type: str = "arbeit"
    kldb_code: str = ""
    occupation_name: str = ""  # empty: the catalogue name of the KldB code
    required_school: str = ""
    employer_id: int | None = None
    employer_name: str = ""  # empty with an employer_id: that employer's name
    street: str = ""
    postcode: str = ""
    working_time: tuple[str, ...] = ()
    fixed_term: bool | None = None
    start_date: date | None = None
    application_deadline: date | None = None
    positions: int = 1
    driving_licence: str = ""
    german_level: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    url: str = ""
    salary_text: str = ""
    description: str = ""
    active: bool = True
    skills_required: tuple[str, ...] = ()  # codes of the skills vocabulary
    skills_nice: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()  # codes of db.codes.OFFER_FLAGS


@dataclass(frozen=True, slots=True)
class OfferLine:
    """An offer in short, for lists on the "Heute" page and under an employer."""

    id: int
    reference: str
    title: str
    offer_type: str
    employer_name: str
    place: str
    state: str
    start_date: date | None
    application_deadline: date | None
    active: bool


def validate_offer(data: OfferInput, reference: ReferenceData) -> list[FieldError]:
    errors: list[FieldError] = []

    def error(field: str, message: str) -> None:
        errors.append(FieldError(field, message))

    if not data.title.strip():
        error("title", "Bitte einen Titel angeben.")
    if data.offer_type not in OFFER_TYPES:
        error("offer_type", f"Unbekannte Angebotsart „{data.offer_type}“.")
    code = data.kldb_code.strip()
    if code and reference.occupations.get(code) is None:
        error("kldb_code", f"Die KldB-Kennziffer {code} steht nicht im Berufeverzeichnis.")
    postcode = data.postcode.strip()
    if not postcode:
        error("postcode", "Bitte die Postleitzahl des Arbeitsorts angeben.")
    elif not reference.gazetteer.is_valid_postcode(postcode):
        error("postcode", f"Die Postleitzahl {postcode} gibt es nicht.")
    if data.required_school and school_by_code(data.required_school) is None:
        error("required_school", "Unbekannter Schulabschluss.")
    unknown = [w for w in data.working_time if w not in WORKING_TIMES]
    if unknown:
        error("working_time", f"Unbekannte Arbeitszeit: {', '.join(unknown)}.")
    if (
        data.start_date is not None
        and data.application_deadline is not None
        and data.application_deadline > data.start_date
    ):
        error("application_deadline", "Die Bewerbungsfrist endet erst nach dem Beginn.")
    if data.positions < 1:
        error("positions", "Es muss mindestens eine Stelle zu besetzen sein.")
    elif data.positions > 9999:
        error("positions", "Höchstens 9999 Stellen je Angebot.")
    if data.driving_licence and data.driving_licence not in DRIVING_LICENCE_CLASSES:
        error("driving_licence", f"Unbekannte Führerscheinklasse „{data.driving_licence}“.")
    if data.german_level and cefr_by_code(data.german_level) is None:
        error("german_level", "Sprachniveau ungültig; erlaubt sind A1 bis C2.")
    if data.contact_email.strip() and not EMAIL_PATTERN.match(data.contact_email.strip()):
        error("contact_email", f"„{data.contact_email.strip()}“ ist keine gültige E-Mail-Adresse.")
    named = {e.field for e in errors}
    errors += [
        e
        for e in too_long(
            Offer.__table__,  # type: ignore[attr-defined]
            data,
            (
                "title",
                "occupation_name",
                "employer_name",
                "street",
                "contact_name",
                "contact_phone",
                "contact_email",
                "url",
                "salary_text",
            ),
        )
        if e.field not in named
    ]
    return errors


def input_of(offer: Offer) -> OfferInput:
    return OfferInput(
        title=offer.title,
        offer_type=offer.offer_type,
        kldb_code=offer.kldb_code or "",
        occupation_name=offer.occupation_name,
        required_school=offer.required_school,
        employer_id=offer.employer_id,
        employer_name=offer.employer_name,
        street=offer.street,
        postcode=offer.postcode,
        working_time=split_codes(offer.working_time),
        fixed_term=offer.fixed_term,
        start_date=offer.start_date,
        application_deadline=offer.application_deadline,
        positions=offer.positions,
        driving_licence=offer.driving_licence,
        german_level=offer.german_level,
        contact_name=offer.contact_name,
        contact_phone=offer.contact_phone,
        contact_email=offer.contact_email,
        url=offer.url,
        salary_text=offer.salary_text,
        description=offer.description,
        active=offer.active,
        skills_required=split_codes(offer.skills_required),
        skills_nice=split_codes(offer.skills_nice),
        flags=split_codes(offer.flags),
    )


def offer_values(data: OfferInput, reference: ReferenceData) -> dict[str, Any]:
    code = data.kldb_code.strip()
    occupation = reference.occupations.get(code) if code else None
    place = reference.gazetteer.place_for_postcode(data.postcode.strip())
    assert place is not None, "validated before"
    return {
        "title": data.title.strip(),
        "offer_type": data.offer_type,
        "kldb_code": code or None,
        "required_level": int(code[4]) if code else None,
        "occupation_name": data.occupation_name.strip() or (occupation.name if occupation else ""),
        "required_school": data.required_school,
        "employer_id": data.employer_id,
        "employer_name": data.employer_name.strip(),
        "street": data.street.strip(),
        "postcode": place.postcode,
        "place": place.name,
        "state": place.state,
        "lat": place.lat,
        "lon": place.lon,
        "place_approximate": True,  # the postcode's centre, not the offer's own address
        "working_time": join_codes(data.working_time),
        "fixed_term": data.fixed_term,
        "start_date": data.start_date,
        "application_deadline": data.application_deadline,
        "positions": data.positions,
        "driving_licence": data.driving_licence,
        "german_level": data.german_level,
        "contact_name": data.contact_name.strip(),
        "contact_phone": data.contact_phone.strip(),
        "contact_email": data.contact_email.strip(),
        "url": data.url.strip(),
        "salary_text": data.salary_text.strip(),
        "description": data.description,
        "active": data.active,
        "skills_required": join_codes(data.skills_required),
        "skills_nice": join_codes(data.skills_nice),
        "flags": join_codes(data.flags),
    }
