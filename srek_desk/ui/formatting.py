"""Display texts for stored codes and values in tables and panes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from srek_desk.db.codes import CLIENT_STATUSES, OFFER_TYPES
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.gazetteer import STATE_NAMES
from srek_desk.reference.qualifications import school_by_code


def yes_no(value: Any) -> str:
    if value is None:
        return ""
    if value:
        return QCoreApplication.translate("Formatting", "yes")
    return QCoreApplication.translate("Formatting", "no")


def code_label(labels: dict[str, str]) -> Callable[[Any], str]:
    return lambda value: labels.get(value, value or "") if value is not None else ""


def state_label(value: Any) -> str:
    return STATE_NAMES.get(value, value or "") if value else ""


def school_label(value: Any) -> str:
    if not value:
        return ""
    level = school_by_code(value)
    return level.name if level is not None else str(value)


def occupation_label(reference: ReferenceData) -> Callable[[Any], str]:
    def label(code: Any) -> str:
        if not code:
            return ""
        occupation = reference.occupations.get(code)
        return f"{occupation.name} ({code})" if occupation else str(code)

    return label


def offer_formatters(reference: ReferenceData) -> dict[str, Callable[[Any], str]]:
    return {
        "offer_type": code_label(OFFER_TYPES),
        "state": state_label,
        "active": yes_no,
    }


def client_formatters(reference: ReferenceData) -> dict[str, Callable[[Any], str]]:
    return {
        "school_qualification": school_label,
        "first_wish": occupation_label(reference),
        "status": code_label(CLIENT_STATUSES),
    }


def employer_formatters(reference: ReferenceData) -> dict[str, Callable[[Any], str]]:
    return {"state": state_label}
