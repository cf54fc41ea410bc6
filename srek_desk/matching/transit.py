"""Bus-and-train minutes from the timetable for matching: one search per origin, cached.

Matching asks for pt minutes between a client's home (postcode centre) and many offer places.
`TimetableCommutes` answers from the journey search (`srek_desk.geo.transit`): one search from
the origin reaches every stop, and the destinations are evaluated all at once. Results are kept
per origin, arrival time and day (a small LRU cache), so ranking the same client again, or the
many clients of one postcode, costs one search. A new timetable means a new `TimetableCommutes`.

What the timetable does not know stays unknown (NaN), so the caller falls back to its estimate:
a point with no stop within walking distance (outside the clipped region of the feed, or a
postcode centre far from a stop: the person may live next to one), or a day the timetable does
not cover. Where it knows both points and finds no connection arriving in time,
the answer is +inf: no connection.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from srek_desk.geo.transit.timetable import Timetable
from srek_desk.matching.commuting import SOURCE_TABLE, SOURCE_TIMETABLE

if TYPE_CHECKING:
    from srek_desk.geo.transit.search import Journey, OriginSearch, TransitRouter

Array = NDArray[Any]


def next_school_day(today: date) -> date:
    """The next weekday after `today` (Monday to Friday; public holidays are not known)."""
    day = today + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def fastest_ride_kmh(tt: Timetable) -> float:
    """The fastest straight-line speed between two consecutive stops of any trip (km/h): a
    bound on how far the timetable can carry anyone in a given time (at least 30 km/h)."""
    if tt.event_count < 2:
        return 30.0
    same_trip = np.ones(tt.event_count - 1, dtype=bool)
    same_trip[tt.trip_start[1:-1] - 1] = False  # the last event of a trip to the next trip
    a, b = tt.event_stop[:-1][same_trip], tt.event_stop[1:][same_trip]
    seconds = (tt.event_arrival[1:] - tt.event_departure[:-1])[same_trip].astype(np.float64)
    lat1, lon1 = np.radians(tt.stop_lat[a]), np.radians(tt.stop_lon[a])
    lat2, lon2 = np.radians(tt.stop_lat[b]), np.radians(tt.stop_lon[b])
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    km = 2 * 6371.0088 * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
    # a ride stamped with zero minutes (rounded times) counts as a minute
    speeds = km / np.maximum(seconds, 60.0) * 3600.0
    return float(max(30.0, speeds.max() if len(speeds) else 0.0))


def parse_clock(text: str | None) -> int | None:
    """Seconds after midnight of "HH:MM" (None for empty or malformed text)."""
    if not text:
        return None
    parts = text.strip().split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    hours, minutes = int(parts[0]), int(parts[1])
    if hours > 23 or minutes > 59:
        return None
    return hours * 3600 + minutes * 60


def clock(seconds: int) -> str:
    """ "7:08" for seconds after midnight (past 24:00 wraps into the next day's clock)."""
    minutes = int(seconds) // 60
    return f"{minutes // 60 % 24}:{minutes % 60:02d}"


@dataclass(frozen=True, slots=True)
class Connection:
    """The connection behind a timetable figure: what the sheet and the reasons print."""

    day: date
    arrive_by: int
    journey: Journey

    @property
    def minutes(self) -> float:
        return self.journey.minutes


class TimetableCommutes:
    """pt minutes from the timetable for one day and a default arrival time."""

    def __init__(
        self,
        router: TransitRouter,
        *,
        day: date,
        arrive_by: int,
        cache_size: int = 512,
        valid_from: date | None = None,
        valid_to: date | None = None,
    ) -> None:
        self.router = router
        self.day = day
        self.arrive_by = arrive_by
        self.valid_from = valid_from
        self.valid_to = valid_to
        self._cache: OrderedDict[tuple[float, float, int], OriginSearch] = OrderedDict()
        self._cache_size = cache_size
        self._runs: bool | None = None
        self._place_keys = np.zeros(0, dtype=np.complex128)  # places asked about, sorted
        self._place_known = np.zeros(0, dtype=bool)
        tt = router.timetable
        self.fastest_kmh = fastest_ride_kmh(tt)

    @property
    def runs(self) -> bool:
        """Does the timetable cover the day asked about?"""
        if self._runs is None:
            outside = (self.valid_from is not None and self.day < self.valid_from) or (
                self.valid_to is not None and self.day > self.valid_to
            )
            self._runs = not outside and bool(self.router.timetable.runs_on(self.day).any())
        return self._runs

    def covers(self, lats: Array, lons: Array) -> NDArray[np.bool_]:
        """Per point: is a stop within walking distance (the access radius)? Elsewhere (outside
        the feed's region, or a postcode centre far from any stop, where the person may still
        live near one) the timetable does not know the commute."""
        lats, lons = np.asarray(lats, np.float64), np.asarray(lons, np.float64)
        radius = self.router.walking.access_radius_m
        points, _, _ = self.router.locator.pairs(lats, lons, radius)
        known = np.zeros(len(lats), dtype=bool)
        known[points] = True
        return known

    def _places_covered(self, places: NDArray[np.complex128]) -> NDArray[np.bool_]:
        """`covers` for sorted unique places (lat + 1j·lon), remembered between calls: the same
        offer places come up for every origin."""
        at = np.searchsorted(self._place_keys, places)
        inside = at < len(self._place_keys)
        seen = np.zeros(len(places), dtype=bool)
        seen[inside] = self._place_keys[at[inside]] == places[inside]
        result = np.zeros(len(places), dtype=bool)
        result[seen] = self._place_known[at[seen]]
        new = places[~seen]
        if len(new):
            covered = self.covers(new.real.copy(), new.imag.copy())
            result[~seen] = covered
            keys = np.concatenate([self._place_keys, new])
            order = np.argsort(keys)
            self._place_keys = keys[order]
            self._place_known = np.concatenate([self._place_known, covered])[order]
        return result

    def search(self, lat: float, lon: float, arrive_by: int | None = None) -> OriginSearch:
        key = (round(lat, 5), round(lon, 5), self.arrive_by if arrive_by is None else arrive_by)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        found = self.router.search(lat, lon, self.day, key[2])
        self._cache[key] = found
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return found

    def minutes(
        self,
        lat: float | None,
        lon: float | None,
        dest_lats: Array,
        dest_lons: Array,
        arrive_by: int | None = None,
        *,
        origin_checked: bool = False,
    ) -> NDArray[np.float64]:
        """Door-to-door minutes of the latest-leaving connection arriving in time, per
        destination: NaN where the timetable does not know, +inf where there is no connection."""
        dest_lats = np.asarray(dest_lats, np.float64)
        dest_lons = np.asarray(dest_lons, np.float64)
        result = np.full(len(dest_lats), np.nan)
        if lat is None or lon is None or lat != lat or lon != lon or not self.runs:
            return result
        if not origin_checked and not self.covers(np.array([lat]), np.array([lon]))[0]:
            return result
        at = np.nonzero(~np.isnan(dest_lats) & ~np.isnan(dest_lons))[0]
        # offers share places (postcode and place centres): each place is looked up once
        places, inverse = np.unique(dest_lats[at] + 1j * dest_lons[at], return_inverse=True)
        place_lats, place_lons = places.real.copy(), places.imag.copy()
        per_place = np.full(len(places), np.nan)
        known = np.nonzero(self._places_covered(places))[0]
        if len(known):
            search = self.search(lat, lon, arrive_by)
            depart, arrive, changes = search.best(place_lats[known], place_lons[known])
            found = changes >= 0  # departures the evening before are negative seconds
            per_place[known] = np.where(found, (arrive - depart) / 60.0, np.inf)
        result[at] = per_place[inverse.reshape(-1)]
        return result

    def connection(
        self, lat: float, lon: float, dest_lat: float, dest_lon: float, arrive_by: int | None = None
    ) -> Connection | None:
        """The connection behind `minutes` for one destination (None: no connection)."""
        journey = self.search(lat, lon, arrive_by).journey(dest_lat, dest_lon)
        if journey is None:
            return None
        return Connection(self.day, self.arrive_by if arrive_by is None else arrive_by, journey)


def pair_minutes(
    transit: TimetableCommutes,
    client_lat: Array,
    client_lon: Array,
    client_arrive_by: Array,
    offer_lat: Array,
    offer_lon: Array,
    wanted: Array,
) -> NDArray[np.float64]:
    """Timetable minutes for flat pairs (NaN where unknown or not `wanted`): one search per
    distinct origin and arrival time, every destination of that origin at once."""
    size = len(wanted)
    result = np.full(size, np.nan)
    client_lat = np.broadcast_to(client_lat, (size,))
    client_lon = np.broadcast_to(client_lon, (size,))
    arrive = np.broadcast_to(client_arrive_by, (size,))
    offer_lat = np.broadcast_to(offer_lat, (size,))
    offer_lon = np.broadcast_to(offer_lon, (size,))
    at = np.nonzero(wanted & ~np.isnan(client_lat) & ~np.isnan(client_lon))[0]
    if not len(at) or not transit.runs:
        return result
    # one group per origin place and arrival time (integer keys: a fast sort)
    places, place_of = np.unique(client_lat[at] + 1j * client_lon[at], return_inverse=True)
    key = place_of.reshape(-1).astype(np.int64) * 200_000 + (arrive[at].astype(np.int64) + 1)
    keys, group = np.unique(key, return_inverse=True)
    group = group.reshape(-1)
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(len(keys) + 1))
    origin = places[keys // 200_000]
    covered = transit.covers(origin.real.copy(), origin.imag.copy())
    for number, (lat, lon, arrive_by) in enumerate(
        zip(origin.real.tolist(), origin.imag.tolist(), (keys % 200_000 - 1).tolist(), strict=True)
    ):
        if not covered[number]:
            continue
        members = at[order[bounds[number] : bounds[number + 1]]]
        result[members] = transit.minutes(
            lat,
            lon,
            offer_lat[members],
            offer_lon[members],
            None if arrive_by < 0 else int(arrive_by),
            origin_checked=True,
        )
    return result


def with_timetable(
    table: dict[str, Array] | None, pt_minutes: NDArray[np.float64]
) -> tuple[dict[str, Array], dict[str, Array]]:
    """The office's table with the timetable's pt minutes where the table has no row (the
    office's figures win), and the source of each pt figure."""
    merged = dict(table or {})
    office = merged.get("pt")
    if office is None:
        office = np.full(len(pt_minutes), np.nan)
    use = np.isnan(office) & ~np.isnan(pt_minutes)
    merged["pt"] = np.where(use, pt_minutes, office)
    return merged, {"pt": np.where(use, SOURCE_TIMETABLE, SOURCE_TABLE).astype(np.int8)}


def ride_texts(journey: Journey) -> tuple[str, ...]:
    """Each ride as "route|from|depart|to|arrive" for the reason's sentence (wording.py)."""
    return tuple(
        f"{leg.route or '?'}|{leg.from_name}|{clock(leg.depart)}|{leg.to_name}|{clock(leg.arrive)}"
        for leg in journey.legs
        if leg.kind == "ride"
    )
