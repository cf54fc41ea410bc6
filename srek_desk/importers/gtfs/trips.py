"""routes.txt, trips.txt and frequencies.txt: lines, their trips, and trips given by headway.

A trip in frequencies.txt is a template: it runs once per headway from start_time up to (not
including) end_time, each run the template's times shifted so its first stop departs then.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from srek_desk.importers.gtfs.calendar import Calendar
from srek_desk.importers.gtfs.errors import refused
from srek_desk.importers.gtfs.files import Table
from srek_desk.importers.gtfs.stop_times import Events
from srek_desk.importers.gtfs.values import explain_row, positive, time_seconds, whole_number


@dataclass
class Routes:
    lookup: dict[str, int] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    types: list[int] = field(default_factory=list)


@dataclass
class Trips:
    lookup: dict[str, int] = field(default_factory=dict)
    route: array[int] = field(default_factory=lambda: array("i"))
    service: array[int] = field(default_factory=lambda: array("i"))  # index into service_ids
    service_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Frequency:
    trip: int
    start: int
    end: int
    headway: int


def read_routes(table: Table) -> Routes:
    name = table.name
    i_id = table.column("route_id")
    i_type = table.column("route_type")
    i_short = table.optional("route_short_name")
    i_long = table.optional("route_long_name")
    if i_short is None and i_long is None:
        raise refused(
            name, "Es fehlt die Spalte „route_short_name“ oder „route_long_name“.", line=1
        )
    routes = Routes()
    for row in table.rows():
        try:
            route_id = row[i_id].strip()
            kind = route_type(row[i_type])
        except (ValueError, IndexError):
            checks = [("route_type", i_type, route_type)]
            raise explain_row(name, table.line, len(table.header), row, checks) from None
        if route_id in routes.lookup:
            raise refused(
                name, f"Die Linie „{route_id}“ steht zweimal in der Datei.", line=table.line
            )
        short = row[i_short].strip() if i_short is not None and i_short < len(row) else ""
        long = row[i_long].strip() if i_long is not None and i_long < len(row) else ""
        routes.lookup[route_id] = len(routes.names)
        routes.names.append(short or long or route_id)
        routes.types.append(kind)
    return routes


def route_type(text: str) -> int:
    """0 tram … 12 monorail, 100–1700 the extended types."""
    value = whole_number(text)
    if not 0 <= value <= 1799:
        raise ValueError(f"„{text}“ ist kein Verkehrsmittel nach GTFS (route_type 0–12, 100–1700).")
    return value


def read_trips(table: Table, routes: Routes, calendar: Calendar) -> Trips:
    name = table.name
    i_route = table.column("route_id")
    i_service = table.column("service_id")
    i_trip = table.column("trip_id")
    trips = Trips()
    services: dict[str, int] = {}
    route_lookup = routes.lookup
    for row in table.rows():
        try:
            route = route_lookup[row[i_route]]
            service_id = row[i_service]
            trip_id = row[i_trip]
        except (KeyError, IndexError):
            route = _route_slowly(table, row, route_lookup, i_route)
            service_id, trip_id = row[i_service].strip(), row[i_trip].strip()
        service = services.get(service_id)
        if service is None:
            service_id = service_id.strip()
            if not calendar.knows(service_id):
                raise refused(
                    name,
                    f"Die Verkehrstage „{service_id}“ stehen weder in calendar.txt noch in "
                    "calendar_dates.txt.",
                    line=table.line,
                    column="service_id",
                )
            service = services[service_id] = len(trips.service_ids)
            trips.service_ids.append(service_id)
        if trip_id in trips.lookup or not trip_id.strip():
            text = (
                f"Die Fahrt „{trip_id}“ steht zweimal in der Datei."
                if trip_id.strip()
                else "Die Fahrt hat keine trip_id."
            )
            raise refused(name, text, line=table.line, column="trip_id")
        trips.lookup[trip_id] = len(trips.route)
        trips.route.append(route)
        trips.service.append(service)
    # stop_times.txt may write an id with spaces around it; the look-up is by the bare id
    for trip_id in [t for t in trips.lookup if t != t.strip()]:
        trips.lookup.setdefault(trip_id.strip(), trips.lookup[trip_id])
    return trips


def _route_slowly(table: Table, row: list[str], lookup: dict[str, int], column: int) -> int:
    if len(row) < len(table.header):
        raise explain_row(table.name, table.line, len(table.header), row, [])
    route_id = row[column].strip()
    if route_id not in lookup:
        raise refused(
            table.name,
            f"Die Linie „{route_id}“ steht nicht in routes.txt.",
            line=table.line,
            column="route_id",
        )
    return lookup[route_id]


def read_frequencies(table: Table, trips: Trips) -> list[Frequency]:
    name = table.name
    i_trip = table.column("trip_id")
    i_start = table.column("start_time")
    i_end = table.column("end_time")
    i_headway = table.column("headway_secs")
    checks = [
        ("start_time", i_start, time_seconds),
        ("end_time", i_end, time_seconds),
        ("headway_secs", i_headway, positive),
    ]
    frequencies: list[Frequency] = []
    for row in table.rows():
        try:
            trip_id = row[i_trip].strip()
            start, end = time_seconds(row[i_start]), time_seconds(row[i_end])
            headway = positive(row[i_headway])
        except (ValueError, IndexError):
            raise explain_row(name, table.line, len(table.header), row, checks) from None
        if trip_id not in trips.lookup:
            raise refused(
                name,
                f"Fahrt „{trip_id}“ steht nicht in trips.txt.",
                line=table.line,
                column="trip_id",
            )
        if end < start:
            raise refused(
                name, "end_time liegt vor start_time.", line=table.line, column="end_time"
            )
        frequencies.append(Frequency(trips.lookup[trip_id], start, end, headway))
    return frequencies


@dataclass
class Expanded:
    """The events after frequency templates became one trip per departure."""

    trip_source: NDArray[np.int64]  # per new trip: the trips.txt trip it runs as
    trip_start: NDArray[np.int64]  # len + 1 offsets into the arrays below
    stop: NDArray[np.int32]
    arrival: NDArray[np.int32]
    departure: NDArray[np.int32]
    added: int = 0  # runs made from templates


def expand(events: Events, frequencies: list[Frequency]) -> Expanded:
    """One trip per run: plain trips as they are, templates once per headway."""
    trip = events.trip
    starts = np.flatnonzero(np.r_[True, trip[1:] != trip[:-1]]) if len(trip) else np.zeros(0, int)
    ends = np.r_[starts[1:], len(trip)].astype(np.int64)
    ids = trip[starts].astype(np.int64)
    runs: dict[int, list[int]] = {}  # template → departure at its first stop of each run
    for frequency in frequencies:
        runs.setdefault(frequency.trip, []).extend(
            range(frequency.start, frequency.end, frequency.headway)
        )
    pieces: list[tuple[int, int, int, int]] = []  # (source trip, begin, end, shift)
    added = 0
    for source, begin, end in zip(ids.tolist(), starts.tolist(), ends.tolist(), strict=True):
        if source not in runs:
            pieces.append((source, begin, end, 0))
            continue
        base = events.first_departure.get(source, int(events.departure[begin]))
        for departure in sorted(set(runs[source])):
            pieces.append((source, begin, end, departure - base))
            added += 1
    if not pieces:
        empty = np.zeros(0, np.int32)
        return Expanded(np.zeros(0, np.int64), np.zeros(1, np.int64), empty, empty, empty)
    sources = np.array([p[0] for p in pieces], dtype=np.int64)
    begins = np.array([p[1] for p in pieces], dtype=np.int64)
    lengths = np.array([p[2] - p[1] for p in pieces], dtype=np.int64)
    shifts = np.array([p[3] for p in pieces], dtype=np.int32)
    offsets = np.r_[0, np.cumsum(lengths)].astype(np.int64)
    gather = np.repeat(begins - offsets[:-1], lengths) + np.arange(offsets[-1])
    shift = np.repeat(shifts, lengths)
    return Expanded(
        trip_source=sources,
        trip_start=offsets,
        stop=events.stop[gather],
        arrival=(events.arrival[gather] + shift).astype(np.int32),
        departure=(events.departure[gather] + shift).astype(np.int32),
        added=added,
    )
