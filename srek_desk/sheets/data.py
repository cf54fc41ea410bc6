"""What an opportunity sheet shows, as plain frozen values: no database rows, no Qt.

How a service fills it (one session, then close it before rendering):

* ``office`` from the configuration (``office.*`` settings), ``counsellor`` from the signed-in
  ``UserAccount`` (display_name, phone, email).
* ``first_name`` = ``client.first_name`` if the client agreed to show it, ``None`` in pseudonymous
  mode. Never pass anything else of the client: ``home`` holds only the postcode *centre* from the
  gazetteer (``Gazetteer.lookup(client.home_postcode)`` → place, lat, lon), never the street.
* one ``SheetOffer`` per picked ``Match`` (default: the best five): title/employer/place/state,
  dates and contact from the ``Offer`` row (and its ``Employer`` for missing contact fields),
  ``commutes`` per mode the client can use, from the same source as the match: ``from_table``
  where the office's travel-time table gave the minutes, a ``SheetConnection`` where the
  timetable did (printed leg by leg, no "ca."), ``no_connection_by`` where the timetable knows
  both places but no connection arrives in time; else the estimate ("ca."); ``relocation`` where the offer is
  beyond the client's commute and they would move (printed "nur mit Umzug" instead of minutes),
  ``place_approximate`` / ``place_unknown`` from the offer's coordinates,
  ``crosses_state_border`` from the match, ``why_it_fits`` from the first reason of ``Match.reasons`` (or a short line written for the
  sheet's language), ``qr_url = offer_url(offer.reference, offer.url or employer.website)``,
  ``confirmed_on`` the day of ``Offer.confirmed_at`` (printed as "Stand"), ``skills_have`` the
  labels of the client's skills the offer asks for, ``skills_missing`` one ``SkillGap`` per
  required skill the client lacks (``Match.missing_skills``, label and course from the vocabulary).
  A stale offer (``matching.freshness.stale_reason``) never becomes a ``SheetOffer``.
* ``timetable_credit``: the timetable's publisher and licence attribution (``TimetableStatus``),
  set when any commute on the sheet comes from the timetable; the footer prints it.
* ``steps`` from ``pathway.default_steps(...)`` (a missing skill becomes a course step); the counsellor's edits go through
  ``with_step`` / ``without_step`` / ``with_steps`` (lists passed in are stored as tuples).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from urllib.parse import quote

LANGUAGES = ("de", "de-simple", "en")
COMMUTE_MODES = ("car", "pt", "bike", "walk")
BA_JOBDETAIL_URL = "https://www.arbeitsagentur.de/jobsuche/jobdetail/"

# BA Jobbörse reference numbers look like "10000-1184867112-S" (office code, number, suffix).
_BA_REFERENCE = re.compile(r"^\d{5}-[0-9A-Za-z]{4,20}-[A-Za-z]$")


@dataclass(frozen=True, slots=True)
class OfficeInfo:
    """The counselling office as printed in header and footer (from configuration)."""

    name: str
    address: str
    phone: str = ""
    email: str = ""
    opening_hours: str = ""
    logo_path: Path | None = None


@dataclass(frozen=True, slots=True)
class CounsellorInfo:
    name: str
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class HomeArea:
    """The client's postcode centre: drawn on the map, never printed as an address."""

    postcode: str
    place: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class SheetLeg:
    """One part of a timetable connection: a ride ("ride") or a walk ("walk").

    Times are seconds after midnight of the connection's day (past 24:00 for late trips)."""

    kind: str
    from_name: str
    to_name: str
    depart: int
    arrive: int
    route: str = ""  # a ride's line as the feed names it ("RE 2", "16"); "" for walks
    route_type: int = -1  # GTFS route_type (0 tram, 2 rail, 3 bus, 100–1700 extended); -1 unknown

    def __post_init__(self) -> None:
        if self.kind not in ("ride", "walk"):
            raise ValueError(f"unknown leg kind {self.kind!r}")


@dataclass(frozen=True, slots=True)
class SheetConnection:
    """The bus-and-train connection behind a timetable figure, as the sheet prints it: leave at,
    each ride, where to change, arrive at; for `day` (the next school day) arriving by
    `arrive_by` (seconds after midnight)."""

    day: date
    arrive_by: int
    depart: int  # leaving the door (seconds after midnight)
    arrive: int  # at the door of the offer's place
    legs: tuple[SheetLeg, ...] = ()
    transfers: int = 0

    def __post_init__(self) -> None:
        if not isinstance(self.legs, tuple):
            object.__setattr__(self, "legs", tuple(self.legs))

    @property
    def minutes(self) -> float:
        """Door to door, walks included."""
        return (self.arrive - self.depart) / 60.0

    @property
    def rides(self) -> tuple[SheetLeg, ...]:
        return tuple(leg for leg in self.legs if leg.kind == "ride")


@dataclass(frozen=True, slots=True)
class Commute:
    """The way to an offer by one mode. `minutes` come from the office's travel-time table
    (`from_table`), from the timetable (`connection`, or `no_connection_by` with minutes
    +inf where it knows both places but no connection arrives in time), else from the
    estimate, which the sheet prints with "ca."."""

    mode: str  # "car", "pt", "bike" or "walk"
    minutes: float
    km: float
    from_table: bool = (
        False  # minutes from the office's travel-time table; else an estimate ("ca.")
    )
    connection: SheetConnection | None = None  # the timetable's connection behind `minutes`
    no_connection_by: int | None = None  # seconds: the timetable has none arriving by then

    def __post_init__(self) -> None:
        if self.mode not in COMMUTE_MODES:
            raise ValueError(f"unknown commute mode {self.mode!r}")

    @property
    def from_timetable(self) -> bool:
        return self.connection is not None or self.no_connection_by is not None

    @property
    def estimated(self) -> bool:
        """Minutes from the estimate: printed with "ca."."""
        return not self.from_table and not self.from_timetable


@dataclass(frozen=True, slots=True)
class SkillGap:
    """A skill an offer requires and the client lacks; `course` is how to get it (may be "")."""

    label: str
    course: str = ""


@dataclass(frozen=True, slots=True)
class SheetOffer:
    """One offer on the sheet, with everything the client needs to apply."""

    title: str
    employer: str
    place: str
    state_code: str = ""
    state_name: str = ""
    start_date: date | None = None
    application_deadline: date | None = None
    commutes: tuple[Commute, ...] = ()
    crosses_state_border: bool = False
    border_note: str = ""  # short chance sentence; the language's default when empty
    why_it_fits: str = ""
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    web_url: str = ""
    qr_url: str = ""  # see offer_url(); empty: no QR code
    lat: float | None = None
    lon: float | None = None
    confirmed_on: date | None = None  # "Stand": when the offer was last confirmed
    skills_have: tuple[str, ...] = ()  # labels of the client's skills this offer asks for
    skills_missing: tuple[SkillGap, ...] = ()
    relocation: bool = False  # beyond the client's commute, they would move: "nur mit Umzug"
    place_approximate: bool = False  # coordinates are a postcode or place centre: "ca." km
    place_unknown: bool = False  # no coordinates: no distance, no commute ("Arbeitsort unbekannt")

    def __post_init__(self) -> None:
        for name in ("commutes", "skills_have", "skills_missing"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))


@dataclass(frozen=True, slots=True)
class PathwayStep:
    text: str
    date: date | None = None


@dataclass(frozen=True, slots=True)
class SheetData:
    """Everything one sheet shows. Lists passed in are stored as tuples."""

    office: OfficeInfo
    counsellor: CounsellorInfo
    date: date
    first_name: str | None = None  # None: pseudonymous mode, no name at all
    home: HomeArea | None = None
    language: str = "de"
    offers: tuple[SheetOffer, ...] = field(default_factory=tuple)
    steps: tuple[PathwayStep, ...] = field(default_factory=tuple)
    # the timetable's publisher and licence (footer), where a commute comes from the timetable
    timetable_credit: str = ""

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"unknown sheet language {self.language!r}")
        for name in ("offers", "steps"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))

    def with_steps(self, steps: Sequence[PathwayStep]) -> SheetData:
        return replace(self, steps=tuple(steps))

    def with_step(self, step: PathwayStep, at: int | None = None) -> SheetData:
        """A copy with `step` inserted at position `at` (appended when None)."""
        steps = list(self.steps)
        steps.insert(len(steps) if at is None else at, step)
        return self.with_steps(steps)

    def without_step(self, index: int) -> SheetData:
        steps = list(self.steps)
        del steps[index]
        return self.with_steps(steps)

    def with_offers(self, offers: Sequence[SheetOffer]) -> SheetData:
        return replace(self, offers=tuple(offers))


def is_ba_reference(reference: str) -> bool:
    return bool(_BA_REFERENCE.match(reference.strip()))


def offer_url(reference: str, employer_url: str = "") -> str:
    """The address a sheet's QR code opens: BA Jobbörse for a BA reference, else the employer's site.

    Returns "" when there is neither; the sheet then prints no QR code.
    """
    reference = reference.strip()
    if is_ba_reference(reference):
        return BA_JOBDETAIL_URL + quote(reference, safe="-")
    url = employer_url.strip()
    if url and "://" not in url:
        url = "https://" + url
    return url


def suggest_filename(day: date, sequence: int = 1) -> str:
    """A file name holding nothing personal: date and a running number of the day."""
    return f"Chancenblatt_{day.isoformat()}_{sequence:03d}.pdf"
