"""What the Bewerbungsnachweis shows, as plain frozen values (no ReportLab: cheap to import).

`applications.py` renders it; `services/clients/applications.py` fills it from the proposals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from srek_desk.sheets.data import CounsellorInfo, OfficeInfo


@dataclass(frozen=True, slots=True)
class ApplicationLine:
    """One application: the proposal it came from and where it stands."""

    proposed_on: date  # the day the offer was proposed to the client
    employer: str
    title: str
    reference: str
    place: str
    status: str  # db.codes.PROPOSAL_STATUSES code
    status_label: str  # e.g. "Vorstellungsgespräch"
    status_on: date  # the day of the last change of status

    def as_json(self) -> dict[str, Any]:
        return {
            "date": self.proposed_on.isoformat(),
            "employer": self.employer,
            "title": self.title,
            "reference": self.reference,
            "place": self.place,
            "status": self.status,
            "status_label": self.status_label,
            "status_date": self.status_on.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class ApplicationProof:
    """Everything the proof shows (`client_id` only tells the service whose it is)."""

    client_id: int
    office: OfficeInfo
    counsellor: CounsellorInfo  # name under the signature line; "" leaves it blank
    made_on: date
    first_name: str
    last_name: str
    birth_date: date | None
    customer_number: str
    period_from: date | None = None
    period_to: date | None = None
    lines: tuple[ApplicationLine, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not isinstance(self.lines, tuple):
            object.__setattr__(self, "lines", tuple(self.lines))

    @property
    def full_name(self) -> str:
        return ", ".join(p for p in (self.last_name.strip(), self.first_name.strip()) if p)


def format_day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def period_text(start: date | None, end: date | None) -> str:
    """ "01.10.2026 bis 31.12.2026", "ab …", "bis …" or "alle erfassten Bewerbungen"."""
    if start and end:
        return f"{format_day(start)} bis {format_day(end)}"
    if start:
        return f"ab {format_day(start)}"
    if end:
        return f"bis {format_day(end)}"
    return "alle erfassten Bewerbungen"


def suggest_proof_filename(day: date) -> str:
    """Nothing personal: the document and the date."""
    return f"Bewerbungsnachweis_{day.isoformat()}.pdf"
