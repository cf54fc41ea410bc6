"""Field errors of editors: which input field is wrong and why (German), and the error raising them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from srek_desk.errors import UserError
from srek_desk.importers.tabular import FORMULA_STARTS

# An e-mail address as the editors accept it (clients, employers, the office's settings).
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")

# How a message names a formula start that is no visible character.
_START_NAMES = {"\t": "einem Tabulator", "\r": "einem Zeilenumbruch"}

# Largest value an SQLite / PostgreSQL BIGINT column holds.
MAX_INTEGER = 2**63 - 1


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str  # a ClientInput / OfferInput / … attribute name, for the editor to mark
    message: str  # German, shown as is


class EditConflictError(UserError):
    """The record changed since the editor loaded it (another desk, an import): not saved."""


class ValidationError(UserError):
    """Input refused; `errors` says which field and why."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(
            "Bitte die markierten Angaben prüfen:\n" + "\n".join(e.message for e in errors)
        )
        self.errors = errors


def too_long(table: Any, data: Any, fields: tuple[str, ...]) -> list[FieldError]:
    """Text fields longer than their column holds (the limits come from the table itself)."""
    errors = []
    for name in fields:
        value = getattr(data, name, "")
        length = getattr(table.c[name].type, "length", None)
        if isinstance(value, str) and length is not None and len(value.strip()) > length:
            errors.append(
                FieldError(name, f"Höchstens {length} Zeichen (jetzt {len(value.strip())}).")
            )
    return errors


def formula_names(data: Any, labels: Mapping[str, str]) -> list[FieldError]:
    """Names a spreadsheet would run as a formula ("=HYPERLINK(…)", "@SUM(…)"): refused.

    `labels` maps each name field to its German label with article ("Der Vorname"). No real name
    starts with `=`, `+`, `-`, `@`, a tab or a line break (OWASP's formula starts); the exports
    neutralise such texts anyway, this keeps them out of the records in the first place.
    """
    errors = []
    for name, label in labels.items():
        value = getattr(data, name, "") or ""
        if not isinstance(value, str):
            continue
        text = value.lstrip(" ")
        if text.startswith(FORMULA_STARTS):
            start = _START_NAMES.get(text[0], f"„{text[0]}“")
            errors.append(
                FieldError(
                    name,
                    f"{label} darf nicht mit {start} beginnen: Tabellenprogramme wie Excel würden "
                    "ihn in einer Liste als Formel ausführen.",
                )
            )
    return errors
