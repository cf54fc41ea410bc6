"""A GTFS feed read into one `Timetable` with its `FeedInfo`, clipped to the office's region.

Order: stops.txt first (the region decides which stops stay), then routes, calendar,
calendar_dates, trips and frequencies, then stop_times.txt streamed (only rows at kept stops are
collected), then transfers and who published the feed. Trips keep their stops inside the region;
a trip left with fewer than two is dropped. The arrays are compacted to what the kept trips use.
Required: stops.txt, routes.txt, trips.txt, stop_times.txt and calendar.txt or
calendar_dates.txt. Valid from/to: feed_info.txt's dates, else the first and last day any kept
trip runs; publisher: feed_publisher_name, else the agencies' names.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from srek_desk.geo.transit.timetable import DEFAULT_CHANGE_SECONDS, FeedInfo, Timetable
from srek_desk.importers.gtfs.calendar import (
    Calendar,
    read_calendar,
    read_calendar_dates,
)
from srek_desk.importers.gtfs.errors import refused
from srek_desk.importers.gtfs.extras import (
    Changes,
    Publisher,
    change_arrays,
    read_agency_names,
    read_attributions,
    read_feed_info,
    read_transfers,
)
from srek_desk.importers.gtfs.files import FeedLimits, FeedSource
from srek_desk.importers.gtfs.stop_times import Events, read_stop_times
from srek_desk.importers.gtfs.stops import read_stops
from srek_desk.importers.gtfs.trips import expand, read_frequencies, read_routes, read_trips

REQUIRED = ("stops.txt", "routes.txt", "trips.txt", "stop_times.txt")
CALENDARS = ("calendar.txt", "calendar_dates.txt")
OPTIONAL = ("frequencies.txt", "transfers.txt", "feed_info.txt", "agency.txt", "attributions.txt")


@dataclass
class FeedRead:
    timetable: Timetable
    info: FeedInfo
    counts: dict[str, int]  # stops, routes, trips, stop_times (what the timetable holds)
    dropped_stops: int  # stops (stations) outside the region
    warnings: list[str] = field(default_factory=list)


def read_feed(
    source: Path,
    *,
    centre: tuple[float, float] | None,
    radius_km: float | None,
    limits: FeedLimits | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    today: date | None = None,
) -> FeedRead:
    """The feed at `source` (.zip or folder); `centre`/`radius_km` None or 0: keep every stop.
    A calendar longer than two years keeps the two years from a month before `today`.

    Raises `FeedRefused` (an ImportRefused, German, naming file and line) for bad input and
    `FeedCancelled` when `cancel()` says so; `progress(done, total)` counts bytes of
    stop_times.txt.
    """
    feed = FeedSource(Path(source), limits or FeedLimits())
    try:
        missing = [name for name in REQUIRED if not feed.has(name)]
        if not any(feed.has(name) for name in CALENDARS):
            missing.append("calendar.txt oder calendar_dates.txt")
        if missing:
            verb = "fehlt" if len(missing) == 1 else "fehlen"
            raise refused(
                feed.path.name,
                f"Das ist kein vollständiger GTFS-Fahrplan: es {verb} {', '.join(missing)}.",
            )
        feed.check_sizes([*REQUIRED, *CALENDARS, *OPTIONAL])
        return _read(feed, centre, radius_km, progress, cancel, today)
    finally:
        feed.close()


def _read(
    feed: FeedSource,
    centre: tuple[float, float] | None,
    radius_km: float | None,
    progress: Callable[[int, int], None] | None,
    cancel: Callable[[], bool] | None,
    today: date | None,
) -> FeedRead:
    warnings: list[str] = []
    with closing(feed.open("stops.txt")) as table:
        stops = read_stops(table, centre, radius_km)
    with closing(feed.open("routes.txt")) as table:
        routes = read_routes(table)
    calendar = Calendar()
    for name, reader in (
        ("calendar.txt", read_calendar),
        ("calendar_dates.txt", read_calendar_dates),
    ):
        if feed.has(name):
            with closing(feed.open(name)) as table:
                reader(table, calendar)
    with closing(feed.open("trips.txt")) as table:
        trips = read_trips(table, routes, calendar)
    frequencies = []
    if feed.has("frequencies.txt"):
        with closing(feed.open("frequencies.txt")) as table:
            frequencies = read_frequencies(table, trips)
    with closing(feed.open("stop_times.txt")) as table:
        events = read_stop_times(
            table,
            stops.lookup,
            trips.lookup,
            {f.trip for f in frequencies},
            progress=progress,
            cancel=cancel,
        )
    changes = Changes()
    if feed.has("transfers.txt"):
        with closing(feed.open("transfers.txt")) as table:
            changes = read_transfers(table, stops.lookup)
    publisher, attribution = _publisher(feed)
    expanded = expand(events, frequencies)
    # compact: only the stops, routes and services the kept trips use, in their file order
    used_stops = np.unique(expanded.stop)
    stop_remap = np.full(len(stops.ids), -1, dtype=np.int64)
    stop_remap[used_stops] = np.arange(len(used_stops))
    trip_route = (
        np.frombuffer(trips.route, dtype=np.int32)[expanded.trip_source]
        if len(trips.route)
        else np.zeros(0, np.int32)
    )
    trip_service = (
        np.frombuffer(trips.service, dtype=np.int32)[expanded.trip_source]
        if len(trips.service)
        else np.zeros(0, np.int32)
    )
    used_routes, route_index = np.unique(trip_route, return_inverse=True)
    used_services, service_index = np.unique(trip_service, return_inverse=True)
    service_ids = [trips.service_ids[s] for s in used_services.tolist()]
    day_zero, service_days = calendar.service_days(
        service_ids, (publisher.start, publisher.end), today
    )
    at_stop, transfer_from, transfer_to, transfer_seconds = change_arrays(
        changes, stop_remap, len(used_stops), DEFAULT_CHANGE_SECONDS
    )
    timetable = Timetable(
        stop_ids=np.array([stops.ids[s] for s in used_stops.tolist()], dtype=np.str_),
        stop_names=np.array([stops.names[s] for s in used_stops.tolist()], dtype=np.str_),
        stop_lat=stops.lat[used_stops].astype(np.float64),
        stop_lon=stops.lon[used_stops].astype(np.float64),
        stop_change_seconds=at_stop,
        route_names=np.array([routes.names[r] for r in used_routes.tolist()], dtype=np.str_),
        route_types=np.array([routes.types[r] for r in used_routes.tolist()], dtype=np.int16),
        trip_route=route_index.astype(np.int32),
        trip_service=service_index.astype(np.int32),
        trip_start=expanded.trip_start.astype(np.int64),
        event_stop=stop_remap[expanded.stop].astype(np.int32),
        event_arrival=expanded.arrival,
        event_departure=expanded.departure,
        service_ids=np.array(service_ids, dtype=np.str_),
        service_days=service_days,
        day_zero=day_zero,
        transfer_from=transfer_from,
        transfer_to=transfer_to,
        transfer_seconds=transfer_seconds,
    )
    info = FeedInfo(
        publisher=publisher.name,
        publisher_url=publisher.url,
        version=publisher.version,
        valid_from=publisher.start or timetable.first_day(),
        valid_to=publisher.end or timetable.last_day(),
        source_name=feed.path.name,
        attribution=attribution,
    )
    warnings += _warnings(events, expanded.added, changes, timetable)
    if calendar.cut:
        warnings.append(
            f"Nur die Verkehrstage vom {timetable.day_zero:%d.%m.%Y} bis "
            f"{timetable.day_zero + timedelta(days=timetable.service_days.shape[1] - 1):%d.%m.%Y} "
            "übernommen (höchstens zwei Jahre, ab einem Monat vor heute)."
        )
    counts = {
        "stops": timetable.stop_count,
        "routes": len(used_routes),
        "trips": timetable.trip_count,
        "stop_times": timetable.event_count,
    }
    return FeedRead(timetable, info, counts, stops.dropped, warnings)


def _publisher(feed: FeedSource) -> tuple[Publisher, str]:
    publisher = Publisher()
    if feed.has("feed_info.txt"):
        with closing(feed.open("feed_info.txt")) as table:
            publisher = read_feed_info(table)
    if not publisher.name and feed.has("agency.txt"):
        with closing(feed.open("agency.txt")) as table:
            names, url = read_agency_names(table)
        publisher.name = ", ".join(names)[:200]
        publisher.url = publisher.url or url
    attribution = ""
    if feed.has("attributions.txt"):
        with closing(feed.open("attributions.txt")) as table:
            attribution = read_attributions(table)
    return publisher, attribution


def _warnings(events: Events, added: int, changes: Changes, timetable: Timetable) -> list[str]:
    warnings = []
    if events.interpolated:
        warnings.append(
            f"{events.interpolated} Halte ohne Uhrzeit: Zeiten zwischen den Nachbarhalten "
            "gleichmäßig verteilt (interpoliert)."
        )
    if events.untimed_dropped:
        warnings.append(
            f"{events.untimed_dropped} Halte ohne Uhrzeit am Rand der Region ausgelassen."
        )
    if added:
        warnings.append(f"{added} Fahrten aus frequencies.txt (Takt) erzeugt.")
    if changes.skipped:
        warnings.append(
            f"{changes.skipped} Umstiegsregeln für einzelne Fahrten oder Linien nicht übernommen."
        )
    if not timetable.trip_count:
        warnings.append("Keine Fahrt hält an zwei Haltestellen in der Region.")
    return warnings
