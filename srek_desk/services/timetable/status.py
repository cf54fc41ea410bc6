"""What is loaded and for how long: the import's result, the status, and Heute's warning."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from srek_desk.db.models import as_utc

# Heute warns this many days before the timetable ends.
ENDS_SOON_DAYS = 30
MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


def german_date(day: date) -> str:
    """3. Januar 2027"""
    return f"{day.day}. {MONTHS[day.month - 1]} {day.year}"


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass
class TimetableImportResult:
    stops: int
    routes: int
    trips: int
    stop_times: int
    valid_from: date | None
    valid_to: date | None
    seconds: float
    publisher: str = ""
    source_name: str = ""
    dropped_stops: int = 0  # stations outside the region
    warnings: list[str] = field(default_factory=list)
    stored_bytes: int = 0  # size of the serialised arrays in the database
    region_km: float | None = None  # None: the whole feed was kept

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["valid_from"] = _iso(self.valid_from)
        data["valid_to"] = _iso(self.valid_to)
        data["seconds"] = round(self.seconds, 2)
        return data

    def text(self) -> str:
        """A short German summary for the command line."""
        region = (
            f"Haltestellen bis {self.region_km:g} km um die Beratungsstelle"
            if self.region_km
            else "alle Haltestellen"
        )
        seconds = f"{self.seconds:.1f}".replace(".", ",")
        lines = [
            f"Fahrplan „{self.source_name}“ geladen ({self.publisher or 'Herausgeber unbekannt'}).",
            f"{self.stops} Haltestellen, {self.routes} Linien, {self.trips} Fahrten, "
            f"{self.stop_times} Halte ({region}; {self.dropped_stops} Haltestellen außerhalb).",
            f"Gültig {_span(self.valid_from, self.valid_to)}; geladen in {seconds} s.",
        ]
        lines += [f"Hinweis: {warning}" for warning in self.warnings]
        return "\n".join(lines)


def _span(first: date | None, last: date | None) -> str:
    if first is None and last is None:
        return "ohne Angabe"
    start = f"{first:%d.%m.%Y}" if first else "?"
    end = f"{last:%d.%m.%Y}" if last else "?"
    return f"vom {start} bis {end}"


@dataclass
class TimetableStatus:
    loaded: bool
    publisher: str = ""
    publisher_url: str = ""
    version: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    source_name: str = ""
    attribution: str = ""
    imported_at: datetime | None = None
    stops: int = 0
    routes: int = 0
    trips: int = 0
    stop_times: int = 0
    days_left: int | None = None  # days from today until valid_to (negative: expired)
    expired: bool = False
    ends_soon: bool = False  # valid for at most ENDS_SOON_DAYS more days

    @classmethod
    def of(cls, values: dict[str, Any], today: date) -> TimetableStatus:
        status = cls(loaded=True, **values)
        if status.valid_to is not None:
            status.days_left = (status.valid_to - today).days
            status.expired = status.days_left < 0
            status.ends_soon = 0 <= status.days_left <= ENDS_SOON_DAYS
        return status

    @property
    def warning(self) -> str | None:
        """Heute's one line: expired or ending within 30 days; None when fine or none loaded."""
        if not self.loaded or self.valid_to is None or self.days_left is None:
            return None
        if self.expired:
            since = german_date(self.valid_to + timedelta(days=1))
            return (
                f"Der Fahrplan ist seit {since} abgelaufen – bitte einen neuen laden "
                "(Einstellungen › Fahrzeiten › Fahrplan laden…)."
            )
        if self.ends_soon:
            when = {0: "heute", 1: "morgen"}.get(self.days_left, f"in {self.days_left} Tagen")
            return (
                f"Der Fahrplan endet am {german_date(self.valid_to)} ({when}) – bitte "
                "rechtzeitig einen neuen laden."
            )
        return None

    def text(self) -> str:
        """A short German description for the command line."""
        if not self.loaded:
            return (
                "Es ist kein Fahrplan geladen; Fahrzeiten mit Bus und Bahn sind geschätzt. "
                "Laden mit: srek-desk timetable import FEED"
            )
        imported = (
            f"{as_utc(self.imported_at).astimezone():%d.%m.%Y %H:%M}" if self.imported_at else "?"
        )
        lines = [
            f"Fahrplan „{self.source_name}“ von {self.publisher or 'unbekannt'}"
            + (f" (Version {self.version})" if self.version else ""),
            f"Gültig {_span(self.valid_from, self.valid_to)}; geladen am {imported}.",
            f"{self.stops} Haltestellen, {self.routes} Linien, {self.trips} Fahrten, "
            f"{self.stop_times} Halte.",
        ]
        if self.attribution:
            lines.append(f"Quelle: {self.attribution}")
        if self.warning:
            lines.append(self.warning)
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("valid_from", "valid_to", "imported_at"):
            data[key] = _iso(data[key])
        data["warning"] = self.warning
        return data
