"""Journey search benchmark on a synthetic region-sized timetable, beside a plain NumPy baseline.

The timetable is built as arrays (no GTFS, no database): about 6,000 stops in towns over about
150 × 150 km around Kassel (51.31, 9.48), bus lines through towns and between neighbouring
towns, a few railway lines between the larger towns, trips in both directions every 20 to 120
minutes from 5:00 to past midnight, Monday to Friday: about 40,000 trips and 800,000 events.

Measured: building the router (footpaths, stop grid) and the day's window (first search of a
day and deadline; later searches reuse it), then the median of one origin → all stops search
for a 7:30 deadline, `best()` for 5,000 destination points, one `journey()`, and the memory of
the arrays. The baseline in the same run is a plain NumPy pass over the day's events: which trips
run, then `np.minimum.at` of the arrival times per stop (no changes, no walking, no labels).

    python benchmarks/bench_transit_search.py [--origins 30 --points 5000 --window-hours 3]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from srek_desk.geo.transit.search import TransitRouter
from srek_desk.geo.transit.timetable import DEFAULT_CHANGE_SECONDS, Timetable
from srek_desk.geo.transit.walking import METRES_PER_DEGREE

CENTRE = (51.31, 9.48)
MONDAY = date(2026, 3, 2)
HALF_SPAN_M = 75_000.0


def _to_latlon(xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lat = CENTRE[0] + xy[:, 1] / METRES_PER_DEGREE
    lon = CENTRE[1] + xy[:, 0] / (METRES_PER_DEGREE * math.cos(math.radians(CENTRE[0])))
    return lat, lon


def _stops(rng: np.random.Generator, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Stop positions in metres (x east, y north), their town, and the town centres."""
    towns = 140
    centres = rng.uniform(-HALF_SPAN_M, HALF_SPAN_M, size=(towns, 2))
    centres[0] = (0.0, 0.0)  # Kassel
    centres[1] = (31_000.0, 24_000.0)  # Göttingen
    weight = 1.0 / np.arange(1, towns + 1) ** 0.9
    town = rng.choice(towns, size=count, p=weight / weight.sum())
    size = np.bincount(town, minlength=towns)
    spread = 250.0 * np.sqrt(np.maximum(size, 1))[town]
    xy = centres[town] + rng.normal(0.0, 1.0, size=(count, 2)) * spread[:, None]
    return xy, town, centres


def _line(
    rng: np.random.Generator, xy: np.ndarray, a: int, b: int, corridor: float, most: int = 15
) -> np.ndarray:
    """a, then stops within `corridor` metres of the segment a → b in order along it, then b."""
    direction = xy[b] - xy[a]
    length = float(np.hypot(*direction)) or 1.0
    unit = direction / length
    relative = xy - xy[a]
    along = relative @ unit
    across = np.abs(relative @ np.array([-unit[1], unit[0]]))
    near = np.nonzero((along > 0) & (along < length) & (across <= corridor))[0]
    near = near[(near != a) & (near != b)]
    if len(near) > most:
        near = rng.choice(near, most, replace=False)
    return np.concatenate([[a], near[np.argsort(along[near])], [b]]).astype(np.int64)


def synthetic_timetable(seed: int = 1, stop_count: int = 6000) -> Timetable:
    rng = np.random.default_rng(seed)
    xy, town, centres = _stops(rng, stop_count)
    lines: list[tuple[np.ndarray, float, int, int]] = []  # stops, speed m/s, route type, headway
    town_stops = [np.nonzero(town == t)[0] for t in range(len(centres))]
    # each town's hub: the stop nearest to its centre, where its lines meet
    hubs = np.array(
        [
            members[np.argmin(np.hypot(*(xy[members] - centres[t]).T))] if len(members) else -1
            for t, members in enumerate(town_stops)
        ]
    )
    size = np.bincount(town, minlength=len(centres))
    while len(lines) < 800:
        t = int(rng.choice(len(centres), p=size / stop_count))
        if len(town_stops[t]) < 2:
            continue
        hub = int(hubs[t])
        if rng.random() < 0.55:  # a town bus through the hub
            a, b = (int(s) for s in rng.choice(town_stops[t], 2))
            stops = np.concatenate(
                [_line(rng, xy, a, hub, 600.0), _line(rng, xy, hub, b, 600.0)[1:]]
            )
            speed, headway = 6.0, int(rng.choice([20, 30, 30, 60]))
        else:  # a regional bus from the hub to another town's hub within 30 km
            distance = np.hypot(*(centres - centres[t]).T)
            options = np.nonzero((distance > 3000) & (distance < 30_000) & (hubs >= 0))[0]
            if len(options) == 0:
                continue
            stops = _line(rng, xy, hub, int(hubs[rng.choice(options)]), 1000.0, most=25)
            speed, headway = 10.0, int(rng.choice([60, 60, 120]))
        if len(stops) >= 10 and len(np.unique(stops)) == len(stops):
            lines.append((stops, speed, 3, headway))
    served = np.nonzero(hubs >= 0)[0]  # towns with stops; railway stations are their hubs
    big = np.searchsorted(served, np.argsort(-size)[:12])
    for number in range(16):
        a_town, b_town = rng.choice(big, 2, replace=False)
        stations = _line(rng, xy[hubs[served]], int(a_town), int(b_town), 3000.0, most=8)
        lines.append((hubs[served][stations], 22.0, 2, 30 if number < 6 else 60))

    names, types, trip_route, trip_start, stop_seq, arrivals, departures = (
        [],
        [],
        [],
        [0],
        [],
        [],
        [],
    )
    for route, (stops, speed, route_type, headway) in enumerate(lines):
        names.append(f"{'RB' if route_type == 2 else 'Bus'} {route}")
        types.append(route_type)
        for direction in (stops, stops[::-1]):
            hop = np.hypot(*np.diff(xy[direction], axis=0).T) * 1.3 / speed + 20.0
            offsets = np.concatenate([[0.0], np.cumsum(hop)]).astype(np.int64)
            first = 5 * 3600 + int(rng.integers(0, headway * 60))
            starts = np.arange(first, 24 * 3600 + 1800, headway * 60)
            times = starts[:, None] + offsets[None, :]
            for row in times:
                trip_route.append(route)
                stop_seq.append(direction)
                arrivals.append(row)
                departures.append(row + np.where(np.arange(len(row)) < len(row) - 1, 15, 0))
                trip_start.append(trip_start[-1] + len(row))
    lat, lon = _to_latlon(xy)
    change = np.full(stop_count, DEFAULT_CHANGE_SECONDS, np.int32)
    trips = len(trip_route)
    return Timetable(
        stop_ids=np.array([f"de:{i}" for i in range(stop_count)], dtype=np.str_),
        stop_names=np.array([f"Halt {i}" for i in range(stop_count)], dtype=np.str_),
        stop_lat=lat,
        stop_lon=lon,
        stop_change_seconds=change,
        route_names=np.array(names, dtype=np.str_),
        route_types=np.array(types, dtype=np.int16),
        trip_route=np.array(trip_route, dtype=np.int32),
        trip_service=np.zeros(trips, dtype=np.int32),
        trip_start=np.array(trip_start, dtype=np.int64),
        event_stop=np.concatenate(stop_seq).astype(np.int32),
        event_arrival=np.concatenate(arrivals).astype(np.int32),
        event_departure=np.concatenate(departures).astype(np.int32),
        service_ids=np.array(["Mo-Fr"], dtype=np.str_),
        service_days=np.array([[d % 7 < 5 for d in range(28)]], dtype=bool),
        day_zero=MONDAY,
    )


def baseline(timetable: Timetable, event_trip: np.ndarray, day: date) -> np.ndarray:
    """A plain NumPy pass over the day's events: earliest arrival per stop, nothing else."""
    runs = timetable.runs_on(day)[event_trip]
    earliest = np.full(timetable.stop_count, np.iinfo(np.int32).max, np.int32)
    np.minimum.at(earliest, timetable.event_stop[runs], timetable.event_arrival[runs])
    return earliest


def _timed(action, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--origins", type=int, default=30, help="searches from random stops")
    parser.add_argument("--points", type=int, default=5000, help="destination points for best()")
    parser.add_argument("--window-hours", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    timetable = synthetic_timetable(args.seed)
    made = time.perf_counter() - started
    print(
        f"synthetic timetable: {timetable.stop_count:,} stops, {timetable.trip_count:,} trips, "
        f"{timetable.event_count:,} events ({made:.1f} s to generate); "
        f"arrays {timetable.memory_bytes() / 1e6:.1f} MB; cores: {os.cpu_count()}"
    )
    started = time.perf_counter()
    router = TransitRouter(timetable, window_seconds=int(args.window_hours * 3600))
    built = time.perf_counter() - started
    deadline = 7 * 3600 + 1800
    started = time.perf_counter()
    window = router.window(MONDAY, deadline)
    windowed = time.perf_counter() - started
    rng = np.random.default_rng(args.seed + 1)
    origins = rng.choice(timetable.stop_count, args.origins, replace=False)
    offsets = rng.normal(0, 300, size=(args.origins, 2)) / METRES_PER_DEGREE
    searches, reached, rounds, labels = [], [], [], 0
    for stop, (dlat, dlon) in zip(origins, offsets, strict=True):
        lat, lon = timetable.stop_lat[stop] + dlat, timetable.stop_lon[stop] + dlon
        started = time.perf_counter()
        search = router.search(lat, lon, MONDAY, deadline)
        searches.append(time.perf_counter() - started)
        reached.append(search.reachable_stops)
        rounds.append(search.rounds)
        labels = max(labels, search.memory_bytes())
    places = rng.choice(timetable.stop_count, args.points)
    point_lat = timetable.stop_lat[places] + rng.normal(0, 400, args.points) / METRES_PER_DEGREE
    point_lon = timetable.stop_lon[places] + rng.normal(0, 600, args.points) / METRES_PER_DEGREE
    kassel = router.search(CENTRE[0], CENTRE[1], MONDAY, deadline)
    best_times = _timed(lambda: kassel.best(point_lat, point_lon), 7)
    depart, _, transfers = kassel.best(point_lat, point_lon)
    found = np.nonzero(depart >= 0)[0]
    far = int(found[np.argmax(transfers[found])]) if len(found) else 0
    started = time.perf_counter()
    kassel.journey(point_lat[far], point_lon[far])  # runs the rounds again, keeping the labels
    journey_first = time.perf_counter() - started
    journey_times = _timed(lambda: kassel.journey(point_lat[far], point_lon[far]), 7)
    event_trip = np.repeat(np.arange(timetable.trip_count), np.diff(timetable.trip_start))
    base_times = _timed(lambda: baseline(timetable, event_trip, MONDAY), 7)

    med, base = statistics.median(searches), statistics.median(base_times)
    ms = lambda seconds: f"{seconds * 1000:.1f} ms"  # noqa: E731
    print(f"router build (footpaths {len(router.footpaths.to):,}, stop grid): {ms(built)}")
    print(
        f"day window, first search of a day and deadline ({args.window_hours:g} h before 7:30): "
        f"{ms(windowed)}; {window.event_count:,} events kept, {window.memory_bytes() / 1e6:.1f} MB"
    )
    print(
        f"search, one origin → all stops: median {ms(med)}, max {ms(max(searches))} over "
        f"{len(searches)} origins (goal ≤ 50 ms); stops reached median "
        f"{statistics.median(reached):.0f}, rounds median {statistics.median(rounds):.0f}; kept per search up to {labels / 1e6:.2f} MB"
    )
    print(
        f"best() for {args.points:,} destination points (from Kassel): median "
        f"{ms(statistics.median(best_times))}; {len(found):,} with a connection"
    )
    print(
        f"journey() for one point ({int(transfers[far])} changes): first {ms(journey_first)} "
        f"(runs the rounds again to keep their labels, {kassel.memory_bytes() / 1e6:.1f} MB), "
        f"then median {ms(statistics.median(journey_times))}"
    )
    print(
        f"baseline (day's events, np.minimum.at of arrivals per stop): median {ms(base)}; "
        f"search / baseline {med / base:.2f}"
    )
    print(
        f"memory: timetable {timetable.memory_bytes() / 1e6:.1f} MB, router with cached window "
        f"{router.memory_bytes() / 1e6:.1f} MB"
    )


if __name__ == "__main__":
    main()
