"""One commute provider for the desk: the timetable, the office's travel-time table, the estimate.

`TransitSource` builds the journey search once per imported timetable and hands matching a
`TimetableCommutes` for the next school day (rebuilt when a new feed is imported).
`CommuteService.between` answers `srek-desk commute`: for bus and train the timetable where it
knows both points, else the office's table (by postcode), else the estimate, and it says which.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import select

from srek_desk.db.models_timetable import TimetableFeed
from srek_desk.errors import UserError
from srek_desk.geo.commute import MODE_LABELS, CommuteParameters, estimate_between
from srek_desk.geo.transit.search import TransitRouter
from srek_desk.geo.transit.walking import Walking
from srek_desk.matching.transit import (
    TimetableCommutes,
    clock,
    next_school_day,
    parse_clock,
)
from srek_desk.services.core.database import Database
from srek_desk.settings_schema import SETTINGS_BY_KEY

_POINT = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def _setting(settings: Mapping[str, Any] | None, key: str) -> Any:
    if settings is not None:
        try:
            return settings[key]
        except KeyError:
            pass
    return SETTINGS_BY_KEY[key].default


def default_arrive_by(settings: Mapping[str, Any] | None) -> int:
    """The office's arrival time (`commute.arrive_by`, 07:30 unless set) in seconds."""
    found = parse_clock(str(_setting(settings, "commute.arrive_by")))
    return 7 * 3600 + 1800 if found is None else found


class TransitSource:
    """The journey search over the database's timetable, built once per imported feed."""

    def __init__(self, database: Database, settings: Mapping[str, Any] | None = None) -> None:
        self.database = database
        self.settings = settings
        self._lock = threading.Lock()
        self._feed: tuple[int, str] | None = None  # (id, imported_at) of the feed built
        self._router: TransitRouter | None = None
        self._valid: tuple[date | None, date | None] = (None, None)
        self._commutes: dict[tuple[date, int], TimetableCommutes] = {}

    def _current(self) -> tuple[int, str] | None:
        with self.database.session() as session:
            row = session.execute(
                select(TimetableFeed.id, TimetableFeed.imported_at)
                .order_by(TimetableFeed.id.desc())  # type: ignore[union-attr]
                .limit(1)
            ).first()
        return None if row is None else (int(row[0]), str(row[1]))

    def router(self) -> TransitRouter | None:
        """The search over the current timetable (None: none loaded); rebuilt after an import."""
        from srek_desk.services.timetable.service import TimetableService

        current = self._current()
        with self._lock:
            if current == self._feed:
                return self._router
            self._commutes.clear()
            self._feed, self._router = current, None
            if current is None:
                return None
            loaded = TimetableService(self.database, self.settings).load()
            if loaded is None:
                return None
            self._router = TransitRouter(loaded.timetable, walking(self.settings))
            self._valid = (loaded.info.valid_from, loaded.info.valid_to)
            return self._router

    def commutes(self, today: date | None = None) -> TimetableCommutes | None:
        """pt minutes for the next school day after `today` (None without a timetable)."""
        router = self.router()
        if router is None:
            return None
        day = next_school_day(today or date.today())
        arrive_by = default_arrive_by(self.settings)
        key = (day, arrive_by)
        with self._lock:
            found = self._commutes.get(key)
            if found is None:
                self._commutes.clear()
                found = self._commutes[key] = TimetableCommutes(
                    router,
                    day=day,
                    arrive_by=arrive_by,
                    valid_from=self._valid[0],
                    valid_to=self._valid[1],
                )
            return found


def walking(settings: Mapping[str, Any] | None) -> Walking:
    return Walking(
        speed_kmh=float(_setting(settings, "commute.walk_speed_kmh")),
        detour_factor=float(_setting(settings, "commute.walk_detour_factor")),
    )


@dataclass
class Point:
    lat: float
    lon: float
    label: str
    postcode: str = ""


def parse_point(text: str, gazetteer: Any, what: str) -> Point:
    """A postcode or "lat,lon" (German message naming `what` when it is neither)."""
    found = _POINT.match(text)
    if found:
        lat, lon = float(found.group(1)), float(found.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise UserError(f"{what}: „{text}“ liegt außerhalb gültiger Koordinaten.")
        return Point(lat, lon, f"{lat:.5f},{lon:.5f}")
    postcode = text.strip()
    place = gazetteer.place_for_postcode(postcode) if postcode.isdigit() else None
    if place is None:
        raise UserError(
            f"{what}: „{text}“ ist keine bekannte Postleitzahl und keine Koordinate "
            "(Breite,Länge, z. B. 51.3158,9.4910)."
        )
    return Point(place.lat, place.lon, f"{postcode} {place.name}", postcode)


@dataclass
class CommuteAnswer:
    """What `srek-desk commute` says about one trip."""

    mode: str
    minutes: float | None
    source: str  # "timetable", "table", "estimate"
    day: date
    arrive_by: int
    depart: int | None = None
    arrive: int | None = None
    transfers: int | None = None
    legs: list[dict[str, Any]] = field(default_factory=list)
    reason: str | None = None
    km: float | None = None
    note: str | None = None  # why the timetable could not answer (then table or estimate)

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "minutes": None if self.minutes is None else round(self.minutes),
            "source": self.source,
            "date": self.day.isoformat(),
            "arrive_by": clock(self.arrive_by),
            "depart": None if self.depart is None else clock(self.depart),
            "arrive": None if self.arrive is None else clock(self.arrive),
            "transfers": self.transfers,
            "legs": self.legs,
            "reason": self.reason,
            "estimated": self.source == "estimate",
            "route_km": None if self.km is None else round(self.km, 1),
            "note": self.note,
        }


class CommuteService:
    """Commutes between two points, from the best source that knows them."""

    def __init__(
        self,
        database: Database,
        settings: Mapping[str, Any] | None = None,
        transit: TransitSource | None = None,
    ) -> None:
        self.database = database
        self.settings = settings
        self.transit = transit or TransitSource(database, settings)

    def between(
        self,
        origin: Point,
        destination: Point,
        *,
        mode: str = "pt",
        day: date | None = None,
        arrive_by: int | None = None,
    ) -> CommuteAnswer:
        from srek_desk.services.offers import load_travel_times

        arrive = default_arrive_by(self.settings) if arrive_by is None else arrive_by
        day = day or next_school_day(date.today())
        note = None
        if mode == "pt":
            router = self.transit.router()
            if router is not None:
                commutes = TimetableCommutes(router, day=day, arrive_by=arrive)
                covered = commutes.covers(
                    np.array([origin.lat, destination.lat]), np.array([origin.lon, destination.lon])
                )
                radius = round(router.walking.access_radius_m)
                if not commutes.runs:
                    note = f"Der Fahrplan gilt nicht für den {day.strftime('%d.%m.%Y')}."
                elif not covered.all():
                    end = "den Start" if not covered[0] else "das Ziel"
                    note = f"Keine Haltestelle des Fahrplans im Umkreis von {radius} m um {end}."
                else:
                    return self._by_timetable(commutes, origin, destination, mode, day, arrive)
        parameters = CommuteParameters.from_settings(_Defaults(self.settings))
        guess = estimate_between(
            origin.lat, origin.lon, destination.lat, destination.lon, mode, parameters
        )
        if origin.postcode and destination.postcode:
            table = load_travel_times(self.database)
            minutes = table.get(origin.postcode, destination.postcode, mode)
            if minutes is not None:
                return CommuteAnswer(mode, minutes, "table", day, arrive, km=guess.km, note=note)
        return CommuteAnswer(mode, guess.minutes, "estimate", day, arrive, km=guess.km, note=note)

    @staticmethod
    def _by_timetable(
        commutes: TimetableCommutes,
        origin: Point,
        destination: Point,
        mode: str,
        day: date,
        arrive: int,
    ) -> CommuteAnswer:
        from srek_desk.matching.results import leg_json

        found = commutes.connection(origin.lat, origin.lon, destination.lat, destination.lon)
        if found is None:
            since = clock(max(0, arrive - commutes.router.window_seconds))
            return CommuteAnswer(
                mode,
                None,
                "timetable",
                day,
                arrive,
                reason=f"keine Verbindung, die bis {clock(arrive)} ankommt (Fahrplan für "
                f"{day.strftime('%d.%m.%Y')}, Fahrten ab {since} gesucht)",
            )
        j = found.journey
        legs = [leg_json(leg) for leg in j.legs]
        return CommuteAnswer(
            mode, j.minutes, "timetable", day, arrive, j.depart, j.arrive, j.transfers, legs
        )


class _Defaults(dict[str, Any]):
    """Settings with the schema's defaults for what they do not hold."""

    def __init__(self, settings: Mapping[str, Any] | None) -> None:
        super().__init__()
        self.settings = settings

    def __missing__(self, key: str) -> Any:
        return _setting(self.settings, key)


def mode_label(mode: str) -> str:
    return MODE_LABELS.get(mode, mode)
