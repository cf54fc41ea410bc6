"""Offers and employers on the desk: editors with validation, manual offers, the filtered table.

- `OfferService`: `get` / `update` / `create_manual` work on `OfferInput` (editable fields only;
  place, state and coordinates always come from the gazetteer, the requirement level from the
  KldB code). Edits of imported offers last until the next import of that source updates them.
  Also `offers_expiring` ("Heute") and `offers_of_employer`.
- `EmployerService` (srek_desk.services.offers.employers): the same for employers.
- `OfferService.confirm` marks offers as still current ("Stand": today) without other changes.
- `OfferQuery` / `OfferFilter` (srek_desk.services.offers.table): the Angebote table with the
  filters the page offers, including current / stale.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from srek_desk.db.codes import OFFER_FLAGS, OFFER_TYPES, WORKING_TIMES, join_codes, split_codes
from srek_desk.db.models import Employer, Offer
from srek_desk.db.models_counselling import Skill
from srek_desk.errors import UserError
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.qualifications import (
    DRIVING_LICENCE_CLASSES,
    cefr_by_code,
    school_by_code,
)
from srek_desk.services.core.changes import changed_now
from srek_desk.services.core.database import Database
from srek_desk.services.core.validation import (
    EMAIL_PATTERN,
    MAX_INTEGER,
    EditConflictError,
    FieldError,
    ValidationError,
    too_long,
)
from srek_desk.services.offers.employers import EmployerInput, EmployerService, NearEmployer
from srek_desk.services.offers.table import OfferFilter, OfferQuery

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


def _input_of(offer: Offer) -> OfferInput:
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


def _offer_values(data: OfferInput, reference: ReferenceData) -> dict[str, Any]:
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


_LINE_COLUMNS = (
    Offer.id,
    Offer.reference,
    Offer.title,
    Offer.offer_type,
    Offer.employer_name,
    Offer.place,
    Offer.state,
    Offer.start_date,
    Offer.application_deadline,
    Offer.active,
)


class OfferService:
    def __init__(self, database: Database, reference: ReferenceData) -> None:
        self.database = database
        self.reference = reference

    def get(self, offer_id: int) -> OfferInput:
        with self.database.session() as session:
            offer = session.get(Offer, offer_id)
            if offer is None:
                raise UserError("Dieses Angebot ist nicht mehr gespeichert.")
            return _input_of(offer)

    def validate(self, data: OfferInput) -> list[FieldError]:
        errors = validate_offer(data, self.reference)
        errors += self._skill_errors(data)
        if data.employer_id is not None:
            if not 0 < data.employer_id <= MAX_INTEGER:
                errors.append(FieldError("employer_id", "Diesen Arbeitgeber gibt es nicht."))
                return errors
            with self.database.session() as session:
                if session.get(Employer, data.employer_id) is None:
                    errors.append(FieldError("employer_id", "Diesen Arbeitgeber gibt es nicht."))
        return errors

    def _skill_errors(self, data: OfferInput) -> list[FieldError]:
        errors: list[FieldError] = []
        unknown = [f for f in data.flags if f not in OFFER_FLAGS]
        if unknown:
            errors.append(FieldError("flags", f"Unbekannte Kennzeichen: {', '.join(unknown)}."))
        both = [code for code in data.skills_nice if code in set(data.skills_required)]
        if both:
            with self.database.session() as session:
                query = select(Skill.code, Skill.label).where(col(Skill.code).in_(both))
                labels = {code: label for code, label in session.execute(query)}
            names = ", ".join(f"„{labels.get(code, code)}“" for code in both)
            errors.append(
                FieldError(
                    "skills_nice",
                    f"{names} steht schon bei den geforderten Kenntnissen; "
                    "eine Kenntnis ist entweder gefordert oder erwünscht.",
                )
            )
        return errors

    def _values(self, data: OfferInput) -> dict[str, Any]:
        errors = self.validate(data)
        if errors:
            raise ValidationError(errors)
        values = _offer_values(data, self.reference)
        if data.employer_id is not None and not values["employer_name"]:
            with self.database.session() as session:
                employer = session.get(Employer, data.employer_id)
                values["employer_name"] = employer.name if employer else ""
        values["updated_at"] = changed_now()
        values["confirmed_at"] = values["updated_at"]  # saving an offer by hand confirms it
        return values

    def update(self, offer_id: int, data: OfferInput, expected: OfferInput | None = None) -> None:
        """Save an edit; `expected` is what the editor loaded (see EmployerService.update)."""
        values = self._values(data)
        with self.database.session() as session, session.begin():
            offer = session.get(Offer, offer_id, with_for_update=True)
            if offer is None:
                raise UserError("Dieses Angebot ist nicht mehr gespeichert.")
            if expected is not None and _input_of(offer) != expected:
                raise EditConflictError(
                    "Dieses Angebot wurde geändert, seit Sie es geöffnet haben (an einem anderen "
                    "Platz oder durch einen Import). Nichts wurde überschrieben; Ihre Eingaben "
                    "stehen noch im Fenster. Bitte notieren, schließen und neu öffnen."
                )
            for key, value in values.items():
                setattr(offer, key, value)

    def create_manual(self, data: OfferInput) -> int:
        """A new offer entered by hand: source "manuell", reference M-000001, M-000002 …"""
        values = self._values(data)
        with self.database.session() as session, session.begin():
            references = session.execute(
                select(Offer.reference).where(
                    Offer.source == MANUAL_SOURCE, Offer.reference.like("M-%")
                )
            ).scalars()
            numbers = [int(r[2:]) for r in references if r[2:].isdigit()]
            reference = f"M-{max(numbers, default=0) + 1:06d}"
            offer = Offer(
                source=MANUAL_SOURCE, reference=reference, created_at=values["updated_at"], **values
            )
            session.add(offer)
            session.flush()
            assert offer.id is not None
            return offer.id

    def confirmed_at(self, offer_id: int) -> datetime | None:
        """When the offer was last confirmed as current (its "Stand"); None: never."""
        with self.database.session() as session:
            offer = session.get(Offer, offer_id)
            if offer is None:
                raise UserError("Dieses Angebot ist nicht mehr gespeichert.")
            return offer.confirmed_at

    def confirm(self, offer_ids: Iterable[int]) -> int:
        """Mark offers as still current ("Stand": now) without changing anything else.

        All or nothing: when one of the offers is no longer stored, none is confirmed and the
        message says how many are missing. Returns how many offers were confirmed.
        """
        wanted = sorted(set(offer_ids))
        if not wanted:
            raise UserError("Bitte zuerst die Angebote auswählen, die noch aktuell sind.")
        now = changed_now()
        with self.database.session() as session, session.begin():
            offers: list[Offer] = []
            for first in range(0, len(wanted), 900):  # bound-parameter limits of the engines
                chunk = wanted[first : first + 900]
                query = select(Offer).where(col(Offer.id).in_(chunk)).with_for_update()
                offers.extend(session.execute(query).scalars())
            missing = len(wanted) - len(offers)
            if missing:
                raise UserError(
                    f"{missing} der {len(wanted)} ausgewählten Angebote sind nicht mehr "
                    "gespeichert; nichts wurde bestätigt. Bitte die Liste neu laden."
                )
            for offer in offers:
                offer.confirmed_at = now
                offer.updated_at = now  # matching indexes pick up changed offers by this time
        return len(offers)

    def offers_expiring(self, days: int, *, today: date | None = None) -> list[OfferLine]:
        """Active offers whose application deadline falls within the next `days` days."""
        today = today or date.today()
        until = date.fromordinal(today.toordinal() + days)
        return self._lines(
            Offer.active.is_(True),
            col(Offer.application_deadline).between(today, until),
            order=(Offer.application_deadline, Offer.id),
        )

    def offers_of_employer(self, employer_id: int) -> list[OfferLine]:
        """An employer's offers, active first, then by title."""
        return self._lines(
            Offer.employer_id == employer_id, order=(Offer.active.desc(), Offer.title, Offer.id)
        )

    def _lines(self, *conditions: Any, order: tuple[Any, ...]) -> list[OfferLine]:
        with self.database.session() as session:
            rows = session.execute(select(*_LINE_COLUMNS).where(*conditions).order_by(*order))
            return [OfferLine(*row) for row in rows]


__all__ = [
    "EmployerInput",
    "EmployerService",
    "NearEmployer",
    "OfferFilter",
    "OfferInput",
    "OfferLine",
    "OfferQuery",
    "OfferService",
    "validate_offer",
]
