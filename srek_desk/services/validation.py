"""Field errors of editors: which input field is wrong and why (German), and the error raising them."""

from __future__ import annotations

from dataclasses import dataclass

from srek_desk.errors import UserError


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str  # a ClientInput / OfferInput / … attribute name, for the editor to mark
    message: str  # German, shown as is


class ValidationError(UserError):
    """Input refused; `errors` says which field and why."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(
            "Bitte die markierten Angaben prüfen:\n" + "\n".join(e.message for e in errors)
        )
        self.errors = errors
