"""The events of one day before one deadline, with the lookups every search of that day shares.

For a query day D and a deadline, the events are those of trips running on D (their times)
and of trips running on D − 1 (their times − 86,400: a trip past midnight reaches into D's
morning), kept where the vehicle departs at or after `deadline − window` and arrives by the
deadline. Everything here depends on the day and the deadline only, never on the origin, so the
router builds it once and reuses it for every origin (see `search.py` for how it is used):

- trip segments: the kept events of one trip copy are adjacent; `trip_offsets` lets a single
  running maximum stay within each trip (`segmented_running_max`);
- arrivals: the kept events that can be reached on board (not the first of their segment),
  sorted by (stop, arrival time), for "the best label arriving at stop s by time t";
- ready events: when someone who arrived with an event can board at a stop: at the same stop
  after its change time, or at another stop after a footpath (walk or transfers.txt seconds),
  sorted by (stop, time); `board_position` is, per event, the last ready event at its stop by
  its departure (-1 for none), found once by binary search.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from srek_desk.geo.transit.timetable import Timetable

DAY_SECONDS = 86_400
# "No journey": below every real label (labels are seconds within a few days of midnight) and
# still an int32, so labels can be stored compactly.
NO_LABEL = -(1 << 31) + 1
# Segment offsets for running maxima: segment k adds k << 32, far above any label range.
SEGMENT_SHIFT = 32
# Sort keys combine stop and time: stop << 32 | (time - base).
KEY_SHIFT = 32
_TIME_SPAN = (1 << KEY_SHIFT) - 1


def segmented_running_max(
    values: NDArray[np.integer], offsets: NDArray[np.int64]
) -> NDArray[np.int64]:
    """Running maximum that restarts at every segment (offsets: segment rank << SEGMENT_SHIFT)."""
    running = np.add(values, offsets, dtype=np.int64)
    np.maximum.accumulate(running, out=running)
    running -= offsets
    return running


def segment_offsets(segment_first: NDArray[np.bool_]) -> NDArray[np.int64]:
    """Offsets for `segmented_running_max` from a flag that marks each segment's first element."""
    rank = np.cumsum(segment_first, dtype=np.int64) - 1
    return rank << SEGMENT_SHIFT


@dataclass(frozen=True, slots=True)
class Footpaths:
    """Changes on foot as compressed rows: the paths from stop s are start[s]:start[s + 1]."""

    start: NDArray[np.int64]
    to: NDArray[np.int32]
    seconds: NDArray[np.int64]

    @classmethod
    def from_pairs(
        cls,
        stop_count: int,
        origin: NDArray[np.int32],
        to: NDArray[np.int32],
        seconds: NDArray[np.int32],
    ) -> Footpaths:
        order = np.argsort(origin, kind="stable")
        start = np.searchsorted(origin[order], np.arange(stop_count + 1)).astype(np.int64)
        return cls(start, to[order], np.maximum(seconds[order].astype(np.int64), 0))

    def memory_bytes(self) -> int:
        return self.start.nbytes + self.to.nbytes + self.seconds.nbytes


@dataclass(frozen=True, slots=True)
class DayWindow:
    """Kept events (positions are the window's event ids) and the shared sorted lookups."""

    day: date
    deadline: int
    start: int  # deadline - window: no ride departs earlier
    base: int  # time origin of the sort keys (start - 1)
    # per kept event
    source: NDArray[np.int64]  # index into the timetable's event arrays
    trip: NDArray[np.int32]
    stop: NDArray[np.int32]
    arrival: NDArray[np.int64]  # seconds after midnight of the query day
    departure: NDArray[np.int64]
    segment_first: NDArray[np.bool_]
    trip_offsets: NDArray[np.int64]
    segment_starts: NDArray[np.int64]  # first kept event of each segment
    board_position: NDArray[np.int64]  # last ready event at the stop by the departure, or -1
    stop_order: NDArray[np.int64]  # kept events sorted by stop ...
    stop_begin: NDArray[np.int64]  # ... those at stop s: stop_order[stop_begin[s]:stop_begin[s+1]]
    # arrivals on board, sorted by (stop, time)
    arrival_event: NDArray[np.int64]
    arrival_stop: NDArray[np.int32]
    arrival_time: NDArray[np.int64]
    arrival_keys: NDArray[np.int64]
    arrival_offsets: NDArray[np.int64]
    # ready to board, sorted by (stop, time)
    ready_event: NDArray[np.int64]  # the kept event whose arrival makes one ready
    ready_stop: NDArray[np.int32]
    ready_time: NDArray[np.int64]
    ready_walk: NDArray[np.int64]  # footpath seconds, -1 for a change at the same stop
    ready_offsets: NDArray[np.int64]
    ready_begin: NDArray[np.int64]  # ready events at stop s start at ready_begin[s]

    @property
    def event_count(self) -> int:
        return len(self.source)

    def keys(self, stops: NDArray[np.integer], times: NDArray[np.integer]) -> NDArray[np.int64]:
        """Sort keys of (stop, time) for the lookups of this window."""
        return stop_time_keys(stops, times, self.base)

    def memory_bytes(self) -> int:
        return sum(
            value.nbytes
            for value in (getattr(self, name) for name in self.__slots__)
            if isinstance(value, np.ndarray)
        )


def stop_time_keys(
    stops: NDArray[np.integer], times: NDArray[np.integer], base: int
) -> NDArray[np.int64]:
    """Sort keys of (stop, time); times before `base` map below the stop's first key."""
    relative = np.clip(np.asarray(times, dtype=np.int64) - base, -1, _TIME_SPAN)
    return (np.asarray(stops, dtype=np.int64) << KEY_SHIFT) + relative


def _kept_events(
    timetable: Timetable, event_trip: NDArray[np.int32], day: date, deadline: int, start: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Timetable event indices of the window and the seconds to subtract from their times."""
    parts: list[tuple[NDArray[np.int64], int]] = []
    for shift, service_day in ((DAY_SECONDS, day - timedelta(days=1)), (0, day)):
        runs = timetable.runs_on(service_day)
        if not runs.any():
            continue
        keep = runs[event_trip]
        keep &= timetable.event_departure >= start + shift
        keep &= timetable.event_arrival <= deadline + shift
        parts.append((np.nonzero(keep)[0].astype(np.int64), shift))
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    source = np.concatenate([p for p, _ in parts])
    shifts = np.concatenate([np.full(len(p), s, np.int64) for p, s in parts])
    return source, shifts


def build_window(
    timetable: Timetable,
    event_trip: NDArray[np.int32],
    paths: Footpaths,
    change_seconds: NDArray[np.int64],
    day: date,
    deadline: int,
    window_seconds: int,
) -> DayWindow:
    """Select the events of `day` (and the previous day's late trips) before `deadline`."""
    start = deadline - window_seconds
    base = start - 1
    source, shifts = _kept_events(timetable, event_trip, day, deadline, start)
    trip = event_trip[source]
    stop = timetable.event_stop[source].astype(np.int32)
    arrival = timetable.event_arrival[source].astype(np.int64) - shifts
    departure = timetable.event_departure[source].astype(np.int64) - shifts
    segment = trip.astype(np.int64) * 2 + (shifts > 0)
    segment_first = np.ones(len(source), dtype=bool)
    segment_first[1:] = segment[1:] != segment[:-1]
    stop_count = timetable.stop_count
    stop_order = np.argsort(stop, kind="stable").astype(np.int64)
    stop_begin = np.searchsorted(stop[stop_order], np.arange(stop_count + 1)).astype(np.int64)

    # arrivals on board: every kept event but the first of its segment
    on_board = np.nonzero(~segment_first)[0].astype(np.int64)
    arrived_stop = stop[on_board]
    arrival_keys = stop_time_keys(arrived_stop, arrival[on_board], base)
    arrival_order = np.argsort(arrival_keys, kind="stable")
    arrival_event = on_board[arrival_order]
    arrival_stop = stop[arrival_event]

    # ready events: a change at the same stop, or a footpath to another stop
    counts = paths.start[arrived_stop + 1] - paths.start[arrived_stop]
    walked_from = np.repeat(on_board, counts)
    path = np.repeat(paths.start[arrived_stop] - (np.cumsum(counts) - counts), counts)
    path += np.arange(len(path))
    ready_event = np.concatenate([on_board, walked_from])
    ready_stop = np.concatenate([arrived_stop, paths.to[path]]).astype(np.int32)
    ready_walk = np.concatenate([np.full(len(on_board), -1, np.int64), paths.seconds[path]])
    ready_time = np.concatenate(
        [
            arrival[on_board] + change_seconds[arrived_stop],
            arrival[walked_from] + paths.seconds[path],
        ]
    )
    usable = ready_time <= deadline
    ready_keys = stop_time_keys(ready_stop[usable], ready_time[usable], base)
    ready_order = np.nonzero(usable)[0][np.argsort(ready_keys, kind="stable")]
    ready_keys.sort(kind="stable")
    ready_stop = ready_stop[ready_order]
    board_position = np.searchsorted(ready_keys, stop_time_keys(stop, departure, base), "right") - 1
    found = board_position >= 0
    found[found] = ready_stop[board_position[found]] == stop[found]

    return DayWindow(
        day=day,
        deadline=deadline,
        start=start,
        base=base,
        source=source,
        trip=trip,
        stop=stop,
        arrival=arrival,
        departure=departure,
        segment_first=segment_first,
        trip_offsets=segment_offsets(segment_first),
        segment_starts=np.nonzero(segment_first)[0].astype(np.int64),
        board_position=np.where(found, board_position, -1).astype(np.int64),
        stop_order=stop_order,
        stop_begin=stop_begin,
        arrival_event=arrival_event,
        arrival_stop=arrival_stop,
        arrival_time=arrival[arrival_event],
        arrival_keys=arrival_keys[arrival_order],
        arrival_offsets=arrival_stop.astype(np.int64) << SEGMENT_SHIFT,
        ready_event=ready_event[ready_order],
        ready_stop=ready_stop,
        ready_time=ready_time[ready_order],
        ready_walk=ready_walk[ready_order],
        ready_offsets=ready_stop.astype(np.int64) << SEGMENT_SHIFT,
        ready_begin=np.searchsorted(ready_stop, np.arange(stop_count + 1)).astype(np.int64),
    )
