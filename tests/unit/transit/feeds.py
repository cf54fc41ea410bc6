"""Tiny timetables for the journey search tests, written as people read a timetable.

Stops are placed in metres north and east of a point in Kassel (51.31, 9.48); times are
"H:MM" or "H:MM:SS" and may pass 24:00 as in GTFS. `FeedBuilder.build` gives the `Timetable`
arrays the importer would give, with the calendar as the service_days matrix.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta

import numpy as np

from srek_desk.geo.distance import EARTH_RADIUS_KM
from srek_desk.geo.transit.timetable import DEFAULT_CHANGE_SECONDS, NO_TRANSFER, Timetable

BASE_LAT, BASE_LON = 51.31, 9.48
MONDAY = date(2026, 3, 2)
_METRES_PER_DEGREE = EARTH_RADIUS_KM * 1000 * math.pi / 180

# Walking at 1 m/s on the straight line: walking seconds equal metres, easy to compute by hand.
SLOW_STRAIGHT = {"speed_kmh": 3.6, "detour_factor": 1.0}


def hm(text: str) -> int:
    """Seconds after midnight of "H:MM" or "H:MM:SS" (hours may be 24 and more)."""
    parts = [int(p) for p in text.split(":")]
    hours, minutes, seconds = [*parts, 0][:3]
    return hours * 3600 + minutes * 60 + seconds


def point(north_m: float = 0.0, east_m: float = 0.0) -> tuple[float, float]:
    """Latitude and longitude of a point `north_m` north and `east_m` east of the base point."""
    lat = BASE_LAT + north_m / _METRES_PER_DEGREE
    lon = BASE_LON + east_m / (_METRES_PER_DEGREE * math.cos(math.radians(BASE_LAT)))
    return lat, lon


class FeedBuilder:
    """Collects stops, services, trips and transfers; `build()` gives the arrays."""

    def __init__(self, day_zero: date = MONDAY, days: int = 21) -> None:
        self.day_zero = day_zero
        self.days = days
        self._stops: list[tuple[str, float, float, int]] = []
        self._services: list[tuple[str, set[date]]] = []
        self._routes: list[tuple[str, int]] = []
        self._trips: list[tuple[int, int, list[tuple[int, int, int]]]] = []
        self._transfers: list[tuple[int, int, int]] = []

    def stop(
        self,
        name: str,
        north_m: float = 0.0,
        east_m: float = 0.0,
        change: int = DEFAULT_CHANGE_SECONDS,
    ) -> int:
        lat, lon = point(north_m, east_m)
        self._stops.append((name, lat, lon, change))
        return len(self._stops) - 1

    def stop_at(
        self, name: str, lat: float, lon: float, change: int = DEFAULT_CHANGE_SECONDS
    ) -> int:
        self._stops.append((name, lat, lon, change))
        return len(self._stops) - 1

    def service(self, name: str, days: Iterable[date]) -> int:
        """A service on the given days only (as calendar_dates.txt alone would give it)."""
        self._services.append((name, set(days)))
        return len(self._services) - 1

    def weekly(self, name: str, weekdays: Iterable[int], removed: Iterable[date] = ()) -> int:
        """A service on the given weekdays (0 Monday … 6 Sunday), without the removed days."""
        wanted, gone = set(weekdays), set(removed)
        every = (self.day_zero + timedelta(days=d) for d in range(self.days))
        return self.service(name, (d for d in every if d.weekday() in wanted and d not in gone))

    def trip(self, route: str, service: int, *calls: tuple[str, ...], route_type: int = 3) -> int:
        """A trip calling at (stop, time) or (stop, arrival, departure), in order."""
        if (route, route_type) not in self._routes:
            self._routes.append((route, route_type))
        route_index = self._routes.index((route, route_type))
        events = []
        for call in calls:
            stop = self.index(call[0])
            arrival = hm(call[1])
            departure = hm(call[2]) if len(call) > 2 else arrival
            events.append((stop, arrival, departure))
        self._trips.append((route_index, service, events))
        return len(self._trips) - 1

    def transfer(self, origin: str, to: str, seconds: int | None) -> None:
        """transfers.txt between two stops: min_transfer_time, or None for "no change" (type 3)."""
        value = NO_TRANSFER if seconds is None else seconds
        self._transfers.append((self.index(origin), self.index(to), value))

    def index(self, name: str) -> int:
        return [s[0] for s in self._stops].index(name)

    def build(self) -> Timetable:
        days = np.zeros((len(self._services), self.days), dtype=bool)
        for row, (_, running) in enumerate(self._services):
            for day in running:
                offset = (day - self.day_zero).days
                if 0 <= offset < self.days:
                    days[row, offset] = True
        events = [e for _, _, trip_events in self._trips for e in trip_events]
        lengths = [len(trip_events) for _, _, trip_events in self._trips]
        return Timetable(
            stop_ids=np.array([f"S{i}" for i in range(len(self._stops))], dtype=np.str_),
            stop_names=np.array([s[0] for s in self._stops], dtype=np.str_),
            stop_lat=np.array([s[1] for s in self._stops], dtype=np.float64),
            stop_lon=np.array([s[2] for s in self._stops], dtype=np.float64),
            stop_change_seconds=np.array([s[3] for s in self._stops], dtype=np.int32),
            route_names=np.array([r[0] for r in self._routes] or [""], dtype=np.str_),
            route_types=np.array([r[1] for r in self._routes] or [3], dtype=np.int16),
            trip_route=np.array([t[0] for t in self._trips], dtype=np.int32),
            trip_service=np.array([t[1] for t in self._trips], dtype=np.int32),
            trip_start=np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
            event_stop=np.array([e[0] for e in events], dtype=np.int32),
            event_arrival=np.array([e[1] for e in events], dtype=np.int32),
            event_departure=np.array([e[2] for e in events], dtype=np.int32),
            service_ids=np.array([s[0] for s in self._services], dtype=np.str_),
            service_days=days,
            day_zero=self.day_zero,
            transfer_from=np.array([t[0] for t in self._transfers], dtype=np.int32),
            transfer_to=np.array([t[1] for t in self._transfers], dtype=np.int32),
            transfer_seconds=np.array([t[2] for t in self._transfers], dtype=np.int32),
        )
