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
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from srek_desk.db.codes import OFFER_FLAGS
from srek_desk.db.models import Employer, Offer
from srek_desk.db.models_counselling import Skill
from srek_desk.errors import UserError
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.changes import changed_now
from srek_desk.services.core.database import Database
from srek_desk.services.core.validation import (
    MAX_INTEGER,
    EditConflictError,
    FieldError,
    ValidationError,
)
from srek_desk.services.offers.employers import EmployerInput, EmployerService, NearEmployer
from srek_desk.services.offers.table import OfferFilter, OfferQuery
from srek_desk.services.offers.values import (
    MANUAL_SOURCE,
    OfferInput,
    OfferLine,
    input_of,
    offer_values,
    validate_offer,
)

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
            return input_of(offer)

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
        values = offer_values(data, self.reference)
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
            if expected is not None and input_of(offer) != expected:
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
