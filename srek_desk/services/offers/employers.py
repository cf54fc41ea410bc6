"""Employers on the desk: the editor (validated `EmployerInput`) and employers near a place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from srek_desk.db.models import Employer
from srek_desk.errors import UserError
from srek_desk.geo.distance import haversine_km
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.changes import changed_now
from srek_desk.services.core.database import Database
from srek_desk.services.core.validation import (
    EMAIL_PATTERN,
    EditConflictError,
    FieldError,
    ValidationError,
    formula_names,
    too_long,
)


@dataclass(frozen=True, slots=True)
class EmployerInput:
    name: str = ""
    street: str = ""
    postcode: str = ""
    contact_name: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class NearEmployer:
    id: int
    name: str
    postcode: str
    place: str
    km: float  # straight line between the postcode centres


def validate_employer(data: EmployerInput, reference: ReferenceData) -> list[FieldError]:
    errors: list[FieldError] = []
    if not data.name.strip():
        errors.append(FieldError("name", "Bitte den Namen des Arbeitgebers angeben."))
    errors += formula_names(data, {"name": "Der Name des Arbeitgebers"})
    postcode = data.postcode.strip()
    if postcode and not reference.gazetteer.is_valid_postcode(postcode):
        errors.append(FieldError("postcode", f"Die Postleitzahl {postcode} gibt es nicht."))
    if data.email.strip() and not EMAIL_PATTERN.match(data.email.strip()):
        errors.append(
            FieldError("email", f"„{data.email.strip()}“ ist keine gültige E-Mail-Adresse.")
        )
    named = {e.field for e in errors}
    columns = tuple(
        name
        for name in (
            "name",
            "street",
            "postcode",
            "contact_name",
            "phone",
            "email",
            "website",
            "notes",
        )
        if hasattr(data, name) and name in Employer.__table__.c  # type: ignore[attr-defined]
    )
    errors += [
        e
        for e in too_long(Employer.__table__, data, columns)  # type: ignore[attr-defined]
        if e.field not in named
    ]
    return errors


def _input_of(employer: Employer) -> EmployerInput:
    return EmployerInput(
        name=employer.name,
        street=employer.street,
        postcode=employer.postcode,
        contact_name=employer.contact_name,
        phone=employer.phone,
        email=employer.email,
        website=employer.website,
        notes=employer.notes,
    )


class EmployerService:
    def __init__(self, database: Database, reference: ReferenceData) -> None:
        self.database = database
        self.reference = reference

    def get(self, employer_id: int) -> EmployerInput:
        with self.database.session() as session:
            employer = session.get(Employer, employer_id)
            if employer is None:
                raise UserError("Diesen Arbeitgeber gibt es nicht mehr.")
            return _input_of(employer)

    def validate(self, data: EmployerInput) -> list[FieldError]:
        return validate_employer(data, self.reference)

    def _values(self, data: EmployerInput) -> dict[str, Any]:
        errors = self.validate(data)
        if errors:
            raise ValidationError(errors)
        postcode = data.postcode.strip()
        place = self.reference.gazetteer.place_for_postcode(postcode) if postcode else None
        return {
            "name": data.name.strip(),
            "street": data.street.strip(),
            "postcode": postcode,
            "place": place.name if place else "",
            "state": place.state if place else "",
            "contact_name": data.contact_name.strip(),
            "phone": data.phone.strip(),
            "email": data.email.strip(),
            "website": data.website.strip(),
            "notes": data.notes,
            "updated_at": changed_now(),
        }

    def create(self, data: EmployerInput) -> int:
        values = self._values(data)
        with self.database.session() as session, session.begin():
            employer = Employer(created_at=values["updated_at"], **values)
            session.add(employer)
            session.flush()
            assert employer.id is not None
            return employer.id

    def update(
        self, employer_id: int, data: EmployerInput, expected: EmployerInput | None = None
    ) -> None:
        """Save the employer; its offers keep their own address (the workplace may differ).

        `expected`: what the editor loaded; if the stored employer differs from it now, someone
        else changed it meanwhile and EditConflictError is raised instead of overwriting.
        """
        values = self._values(data)
        with self.database.session() as session, session.begin():
            employer = session.get(Employer, employer_id, with_for_update=True)
            if employer is None:
                raise UserError("Diesen Arbeitgeber gibt es nicht mehr.")
            if expected is not None and _input_of(employer) != expected:
                raise EditConflictError(
                    "Dieser Arbeitgeber wurde geändert, seit Sie ihn geöffnet haben (an einem "
                    "anderen Platz oder durch einen Import). Nichts wurde überschrieben; Ihre "
                    "Eingaben stehen noch im Fenster. Bitte notieren, schließen und neu öffnen."
                )
            for key, value in values.items():
                setattr(employer, key, value)

    def employers_near(self, postcode: str, km: float) -> list[NearEmployer]:
        """Employers whose postcode centre lies within `km` of the postcode's, nearest first."""
        gazetteer = self.reference.gazetteer
        centre = gazetteer.coordinates(postcode)
        if centre is None:
            raise UserError(f"Die Postleitzahl {postcode} gibt es nicht.")
        with self.database.session() as session:
            rows = session.execute(
                select(Employer.id, Employer.name, Employer.postcode, Employer.place)
            ).all()
        near: list[NearEmployer] = []
        for employer_id, name, employer_postcode, place in rows:
            where = gazetteer.coordinates(employer_postcode) if employer_postcode else None
            if where is None:
                continue
            distance = haversine_km(centre[0], centre[1], where[0], where[1])
            if distance <= km:
                near.append(NearEmployer(employer_id, name, employer_postcode, place, distance))
        return sorted(near, key=lambda e: (e.km, e.name))
