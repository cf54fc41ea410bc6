"""Latest departure by a deadline, from one origin point to any number of destination points.

The question: "school starts at 7:30 — when must she leave, and how long is she under way?"
For an origin point, a day and an arrival deadline, the search finds for every destination point
the bus-and-train connection that arrives there by the deadline and leaves the origin point
latest; on equal departure the one with fewer changes, then the one arriving earliest. Door to
door: a walk to a stop within the access radius, rides, changes (at one stop after its change
time, or on foot to a stop within the transfer radius, or after transfers.txt's seconds), a walk
from the last stop. At least one ride; walking alone is the separate "walk" mode.

The method follows RAPTOR (Delling, Pajor, Werneck: "Round-Based Public Transit Routing",
ALENEX 2012; Transportation Science 49(3), 2015): round k finds the connections with at most
k + 1 rides from the labels of round k − 1, which gives the fewest changes for free. It differs:
- The label is not an arrival time but the latest departure from the origin point, maximised
  (rRAPTOR, the profile variant of the same paper, answers the same question by running one
  search per departure time; here one forward pass carries the departure as the label).
- A round does not scan routes stop by stop but every event of the day's window at once with
  NumPy: boarding labels come from a running maximum over "ready" events per stop (arrivals plus
  change time, or plus a footpath) looked up by positions found once per day
  (`window.DayWindow`), and labels travel along each trip as a running maximum per trip.
- Footpaths are applied between rides only, one footpath per change (not a transitive closure).
- Per stop, the arrivals on board sorted by time with a prefix maximum of labels answer "the
  latest departure among connections arriving at stop s by time t" by binary search, so any
  number of destination points, each with its own walk from several stops, cost one lookup each.
Only rides departing within `window_seconds` before the deadline are considered: connections
whose first ride leaves earlier (longer than the window, by default 3 hours) are not found.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from datetime import date

import numpy as np
from numpy.typing import NDArray

from srek_desk.geo.transit.journeys import Journey, Leg, rebuild_journey
from srek_desk.geo.transit.rounds import Labels, access_boardings, run_rounds
from srek_desk.geo.transit.timetable import Timetable
from srek_desk.geo.transit.walking import StopLocator, Walking, footpaths
from srek_desk.geo.transit.window import NO_LABEL, DayWindow, Footpaths, build_window

__all__ = ["Journey", "Leg", "OriginSearch", "TransitRouter"]

_CACHED_WINDOWS = 4
# Searches whose round labels are kept for journeys (some MB each on a region's timetable).
_SEARCHES_WITH_LABELS = 4


class TransitRouter:
    """Built once per loaded timetable (precomputes footpaths, locator, per-day event arrays cached)."""

    def __init__(
        self,
        timetable: Timetable,
        walking: Walking = Walking(),  # noqa: B008 - frozen, so sharing the default is safe
        *,
        max_transfers: int = 4,
        window_seconds: int = 3 * 3600,
    ) -> None:
        self.timetable = timetable
        self.walking = walking
        self.max_transfers = max(0, int(max_transfers))
        self.window_seconds = int(window_seconds)
        self.locator = StopLocator(timetable)
        origin, to, seconds = footpaths(timetable, walking, self.locator)
        self.footpaths = Footpaths.from_pairs(timetable.stop_count, origin, to, seconds)
        self._event_trip = np.repeat(
            np.arange(timetable.trip_count, dtype=np.int32), np.diff(timetable.trip_start)
        )
        self._change_seconds = np.maximum(timetable.stop_change_seconds.astype(np.int64), 0)
        self._windows: OrderedDict[tuple[date, int], DayWindow] = OrderedDict()
        self._windows_lock = threading.Lock()
        self._with_labels: deque[OriginSearch] = deque()

    def window(self, day: date, arrive_by: int) -> DayWindow:
        """The day's events before the deadline (the last few are kept for further origins)."""
        key = (day, int(arrive_by))
        with self._windows_lock:
            cached = self._windows.get(key)
            if cached is not None:
                self._windows.move_to_end(key)
                return cached
        built = build_window(
            self.timetable,
            self._event_trip,
            self.footpaths,
            self._change_seconds,
            day,
            int(arrive_by),
            self.window_seconds,
        )
        with self._windows_lock:
            self._windows[key] = built
            while len(self._windows) > _CACHED_WINDOWS:
                self._windows.popitem(last=False)
        return built

    def search(self, lat: float, lon: float, day: date, arrive_by: int) -> OriginSearch:
        """All connections from the origin point arriving by `arrive_by` on `day`."""
        return OriginSearch(self, self.window(day, arrive_by), lat, lon)

    def keep_labels_of(self, search: OriginSearch) -> None:
        """Keep a search's round labels for more journeys; the oldest kept ones are dropped."""
        with self._windows_lock:
            self._with_labels.append(search)
            while len(self._with_labels) > _SEARCHES_WITH_LABELS:
                self._with_labels.popleft()._forget_labels()

    def memory_bytes(self) -> int:
        """The router's own arrays (footpaths, event trips, cached windows, labels kept for
        journeys), not the timetable's."""
        return (
            self.footpaths.memory_bytes()
            + self._event_trip.nbytes
            + self._change_seconds.nbytes
            + sum(w.memory_bytes() for w in self._windows.values())
            + sum(search._label_bytes() for search in set(self._with_labels))
        )


class OriginSearch:
    """One search from one origin point: answers for any number of destination points."""

    def __init__(self, router: TransitRouter, window: DayWindow, lat: float, lon: float) -> None:
        self._router = router
        self._window = window
        self._access: dict[int, int] = {}
        if np.isfinite(lat) and np.isfinite(lon):
            stops, metres = router.locator.nearby(lat, lon, router.walking.access_radius_m)
            walks = router.walking.seconds(metres)
            self._access = {int(s): int(w) for s, w in zip(stops, walks, strict=True)}
        self._reach, _ = run_rounds(
            window, *access_boardings(window, self._access), router.max_transfers
        )
        self._labels: Labels | None = None  # kept for a few searches asked for journeys
        self.reachable_stops: int = self._reach.reachable_stops

    @property
    def rounds(self) -> int:
        """Rounds the search ran (rides per connection at most); it stops when nothing improves."""
        return self._reach.rounds

    def _choose(
        self, lats: NDArray[np.float64], lons: NDArray[np.float64]
    ) -> tuple[NDArray[np.int64], ...]:
        """Per destination point with a connection: point, depart, arrive, round, event, egress."""
        window, walking, reach = self._window, self._router.walking, self._reach
        point, stop, metres = self._router.locator.pairs(lats, lons, walking.access_radius_m)
        egress = walking.seconds(metres).astype(np.int64)
        keys = window.keys(stop, window.deadline - egress)
        # sorted queries make the binary searches several times faster
        order = np.argsort(keys)
        point, stop, egress = point[order], stop[order], egress[order]
        position = np.searchsorted(window.arrival_keys, keys[order], "right") - 1
        found = position >= 0
        found[found] = window.arrival_stop[position[found]] == stop[found]
        point, egress, position = point[found], egress[found], position[found]
        # every stop's first arrival is a change point, so this stays at the stop
        change = np.searchsorted(reach.position, position, "right") - 1
        depart = reach.label[change].astype(np.int64)
        found = depart > NO_LABEL
        point, egress, change, depart = point[found], egress[found], change[found], depart[found]
        rounds = reach.round[change].astype(np.int64)
        first = reach.position[change]
        arrive = window.arrival_time[first] + egress
        order = np.lexsort((arrive, rounds, -depart, point))
        best = order[np.diff(point[order], prepend=-1) != 0]
        event = window.arrival_event[first[best]]
        return point[best], depart[best], arrive[best], rounds[best], event, egress[best]

    def best(
        self, lats: NDArray[np.float64], lons: NDArray[np.float64]
    ) -> tuple[NDArray[np.int32], NDArray[np.int32], NDArray[np.int8]]:
        """Per destination point: departure from the origin point, arrival, changes (-1: none).

        Vectorised over the points; NaN coordinates give -1 like points without a connection.
        Times are seconds after midnight of the query day; a departure the evening before is
        negative, so `transfers == -1` is the unambiguous mark of "no connection".
        """
        lats = np.atleast_1d(np.asarray(lats, dtype=np.float64))
        lons = np.atleast_1d(np.asarray(lons, dtype=np.float64))
        depart = np.full(len(lats), -1, np.int32)
        arrive = np.full(len(lats), -1, np.int32)
        transfers = np.full(len(lats), -1, np.int8)
        point, leave, reach, rounds, _, _ = self._choose(lats, lons)
        depart[point] = leave
        arrive[point] = reach
        transfers[point] = rounds
        return depart, arrive, transfers

    def journey(self, lat: float, lon: float) -> Journey | None:
        """The connection `best` chose for this point, with its legs; None without one.

        The labels of every round are needed for the legs: the search runs its rounds again the
        first time, and the router keeps them for the last few searches asked for journeys.
        """
        point, _, _, rounds, event, egress = self._choose(np.array([lat]), np.array([lon]))
        if len(point) == 0:
            return None
        labels = self._labels
        if labels is None:
            window, router = self._window, self._router
            _, labels = run_rounds(
                window,
                *access_boardings(window, self._access),
                router.max_transfers,
                keep_labels=True,
            )
            assert labels is not None
            self._labels = labels
            router.keep_labels_of(self)
        return rebuild_journey(
            self._router.timetable,
            self._window,
            labels.boards,
            labels.arrivals,
            self._access,
            int(rounds[0]),
            int(event[0]),
            int(egress[0]),
        )

    def _forget_labels(self) -> None:
        self._labels = None

    def _label_bytes(self) -> int:
        labels = self._labels
        return labels.memory_bytes() if labels is not None else 0

    def memory_bytes(self) -> int:
        """What this search keeps: the reach per stop, and the labels while kept for journeys."""
        return self._reach.memory_bytes() + self._label_bytes()
