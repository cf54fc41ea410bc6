"""The timetable as compact arrays: what the journey search reads and the database stores.

Built by `srek_desk.importers.gtfs` from a GTFS feed (clipped to the office's region) and kept
in the database as one serialised blob (`to_bytes` / `from_bytes`, NumPy's .npz format without
pickles). Stops are boarding points after `parent_station` is resolved: platforms of a station
are folded into the station, so a change between platforms is a change at one stop.

Times are seconds after midnight of the trip's service day and may pass 24:00 (86,400 s and
more), as GTFS allows. A trip's events (one per stop served, in stop_sequence order) are the
slice `trip_start[t]:trip_start[t + 1]` of the `event_*` arrays. Trips given by `frequencies.txt`
are expanded into one trip per departure when the feed is read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from typing import Any

import numpy as np
from numpy.typing import NDArray

# A change at the same stop takes at least this long unless transfers.txt says otherwise.
DEFAULT_CHANGE_SECONDS = 120
# transfers.txt transfer_type 3 (no change possible) is stored as this many seconds.
NO_TRANSFER = np.iinfo(np.int32).max // 4


@dataclass(frozen=True)
class FeedInfo:
    """Who published the feed and for how long it is valid (shown in status, About, sheet)."""

    publisher: str = ""  # feed_publisher_name, else the agencies' names
    publisher_url: str = ""
    version: str = ""  # feed_version
    valid_from: date | None = None  # feed_start_date, else the first day any service runs
    valid_to: date | None = None  # feed_end_date, else the last day any service runs
    source_name: str = ""  # the file or folder name the feed came from (no path)
    attribution: str = ""  # licence and attribution text as the publisher asks for it


@dataclass
class Timetable:
    """All arrays of one feed; positions are the ids (stop 0, trip 0, …)."""

    stop_ids: NDArray[np.str_]  # GTFS stop_id of the stop (the station for folded platforms)
    stop_names: NDArray[np.str_]
    stop_lat: NDArray[np.float64]
    stop_lon: NDArray[np.float64]
    # minimum change time at each stop in seconds (transfers.txt from = to, else the default)
    stop_change_seconds: NDArray[np.int32]
    route_names: NDArray[np.str_]  # route_short_name, else route_long_name
    route_types: NDArray[np.int16]  # GTFS route_type (0 tram, 2 rail, 3 bus, … 100–1700 ext.)
    trip_route: NDArray[np.int32]
    trip_service: NDArray[np.int32]  # index into service_ids / service_days
    trip_start: NDArray[np.int64]  # len(trips) + 1 offsets into the event arrays
    event_stop: NDArray[np.int32]
    event_arrival: NDArray[np.int32]  # seconds after the service day's midnight
    event_departure: NDArray[np.int32]
    service_ids: NDArray[np.str_]
    # service_days[s, d]: service s runs on day_zero + d (calendar.txt with calendar_dates.txt)
    service_days: NDArray[np.bool_]
    day_zero: date
    # explicit changes between different stops (transfers.txt type 0/1/2 with two stops)
    transfer_from: NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    transfer_to: NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    transfer_seconds: NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))

    @property
    def stop_count(self) -> int:
        return len(self.stop_ids)

    @property
    def trip_count(self) -> int:
        return len(self.trip_route)

    @property
    def event_count(self) -> int:
        return len(self.event_stop)

    def runs_on(self, day: date) -> NDArray[np.bool_]:
        """Per trip: does its service run on `day` (False outside the calendar's days)?"""
        d = (day - self.day_zero).days
        if d < 0 or d >= self.service_days.shape[1]:
            return np.zeros(self.trip_count, dtype=bool)
        return self.service_days[self.trip_service, d]

    def last_day(self) -> date | None:
        """The last day any service runs (None for an empty calendar)."""
        days = np.nonzero(self.service_days.any(axis=0))[0]
        return self.day_zero + timedelta(days=int(days[-1])) if len(days) else None

    def first_day(self) -> date | None:
        days = np.nonzero(self.service_days.any(axis=0))[0]
        return self.day_zero + timedelta(days=int(days[0])) if len(days) else None

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        arrays: dict[str, Any] = {
            f.name: getattr(self, f.name) for f in fields(self) if f.name != "day_zero"
        }
        arrays["day_zero"] = np.array([self.day_zero.toordinal()], dtype=np.int64)
        np.savez_compressed(buffer, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> Timetable:
        with np.load(io.BytesIO(data), allow_pickle=False) as stored:
            values = {name: stored[name] for name in stored.files}
        values["day_zero"] = date.fromordinal(int(values["day_zero"][0]))
        return cls(**values)

    def memory_bytes(self) -> int:
        return sum(
            getattr(self, f.name).nbytes
            for f in fields(self)
            if isinstance(getattr(self, f.name), np.ndarray)
        )
