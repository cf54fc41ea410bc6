"""The journey search against a brute-force search on random small feeds.

The brute force enumerates the time-expanded graph explicitly: its nodes are the arrivals on
board of every trip copy (the query day's trips and the previous day's, shifted by a day), its
edges every pair "alight here, board there" allowed by change times, footpaths and
transfers.txt, and it relaxes labels (latest departure from the origin point) by the number of
rides, Bellman-Ford style, without sorting, prefix maxima or binary search. For every stop as
destination point it must give the same departure, changes and arrival as `OriginSearch.best`,
and `journey` must be a real connection with the same figures.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srek_desk.geo.distance import haversine_km
from srek_desk.geo.transit.search import Journey, TransitRouter
from srek_desk.geo.transit.timetable import NO_TRANSFER, Timetable
from srek_desk.geo.transit.walking import Walking
from tests.unit.transit.feeds import FeedBuilder, hm

DAY = date(2026, 3, 3)
NONE = -(10**9)


@dataclass(frozen=True)
class Case:
    timetable: Timetable
    origin: tuple[float, float]
    deadline: int
    window: int
    max_transfers: int
    walking: Walking


def random_case(seed: int) -> Case:
    """A random feed of lines (≤ 12 stops within 3 km, ≤ 30 trips) and a query on DAY."""
    rng = random.Random(seed)
    feed = FeedBuilder(day_zero=DAY - timedelta(days=1), days=3)
    stop_count = rng.randint(3, 12)
    places: list[tuple[float, float]] = []
    for number in range(stop_count):
        if places and rng.random() < 0.4:  # a stop a short walk from another one
            north, east = rng.choice(places)
            place = (north + rng.uniform(-250, 250), east + rng.uniform(-250, 250))
        else:
            place = (rng.uniform(0, 3000), rng.uniform(0, 3000))
        places.append(place)
        change = rng.choice([0, 60, 120, 120, 300, NO_TRANSFER])
        feed.stop(f"H{number}", *place, change=change)
    days = [feed.day_zero + timedelta(days=d) for d in range(3)]
    # the first service runs on the query day, the others on one to three random days
    services = [feed.service("s0", [DAY])] + [
        feed.service(f"s{n}", rng.sample(days, rng.randint(1, 3))) for n in range(rng.randint(0, 2))
    ]
    lines = [
        rng.sample(range(stop_count), rng.randint(2, min(5, stop_count)))
        for _ in range(rng.randint(1, 5))
    ]
    for _ in range(rng.randint(8, 26)):  # with the chain below at most 30 trips
        line = rng.randrange(len(lines))
        if rng.random() < 0.8:
            clock = rng.randint(hm("6:00"), hm("7:30"))
        else:
            clock = rng.randint(hm("23:45"), hm("25:15"))
        calls = []
        for stop in lines[line]:
            arrival = clock
            clock += rng.choice([0, 0, 30, 120])
            calls.append((f"H{stop}", _text(arrival), _text(clock)))
            clock += rng.randint(60, 480)
        feed.trip(f"L{line}", rng.choice(services), *calls)
    starts = [rng.choice(line) for line in lines]
    if rng.random() < 0.6:
        starts += [_add_chain(feed, rng, places)] * 3
    for _ in range(rng.randint(0, 4)):
        first, second = rng.sample(range(stop_count), 2)
        seconds = None if rng.random() < 0.3 else rng.randint(0, 600)
        feed.transfer(f"H{first}", f"H{second}", seconds)
    timetable = feed.build()
    if rng.random() < 0.6:
        at = rng.choice(starts)
        origin = (float(timetable.stop_lat[at]), float(timetable.stop_lon[at]))
    else:
        origin = (rng.uniform(51.309, 51.338), rng.uniform(9.479, 9.524))
    if rng.random() < 0.85:
        deadline = rng.randint(hm("6:45"), hm("8:15"))
    else:
        deadline = rng.randint(hm("0:30"), hm("2:00"))
    walking = Walking(
        access_radius_m=rng.choice([250.0, 500.0, 1000.0]),
        transfer_radius_m=rng.choice([300.0, 500.0]),
    )
    return Case(
        timetable,
        origin,
        deadline=deadline,
        window=rng.choice([3600, 2 * 3600, 3 * 3600, 30 * 3600]),
        max_transfers=rng.randint(0, 4),
        walking=walking,
    )


def _add_chain(feed: FeedBuilder, rng: random.Random, places: list[tuple[float, float]]) -> int:
    """Rides one after another, each leaving about when a change allows: at the stop of
    arrival or at the stop nearest to it, sometimes with an explicit transfer to it."""
    stops = rng.sample(range(len(places)), min(len(places), rng.randint(3, 5)))
    here = stops[0]
    clock = rng.randint(hm("6:00"), hm("6:45"))
    for number, there in enumerate(stops[1:]):
        arrival = clock + rng.randint(120, 600)
        feed.trip(f"K{number}", 0, (f"H{here}", _text(clock)), (f"H{there}", _text(arrival)))
        here = there
        if rng.random() < 0.5:
            here = min(
                (s for s in range(len(places)) if s != there),
                key=lambda s: math.dist(places[s], places[there]),
            )
            if rng.random() < 0.5:
                seconds = None if rng.random() < 0.25 else rng.randint(0, 600)
                feed.transfer(f"H{there}", f"H{here}", seconds)
            clock = arrival + rng.randint(0, 600)
        else:
            change = min(int(feed.build().stop_change_seconds[there]), 300)
            clock = arrival + change + rng.choice([-30, -1, 0, 0, 1, 60, 200])
    return stops[0]


def _text(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _metres(tt: Timetable, stop: int, lat: float, lon: float) -> float:
    return haversine_km(float(tt.stop_lat[stop]), float(tt.stop_lon[stop]), lat, lon) * 1000


def brute_force(case: Case, walking: Walking) -> list[tuple[int, int, int] | None]:
    """Per stop as destination point: (depart, changes, arrive) of the best connection, or None."""
    tt = case.timetable
    n = tt.stop_count
    start = case.deadline - case.window
    # trip copies: (trip, [(stop, arrival, departure)]) in query-day seconds
    copies = []
    for shift, day in ((86_400, DAY - timedelta(days=1)), (0, DAY)):
        runs = tt.runs_on(day)
        for trip in range(tt.trip_count):
            if runs[trip]:
                rows = range(int(tt.trip_start[trip]), int(tt.trip_start[trip + 1]))
                copies.append(
                    [
                        (
                            int(tt.event_stop[e]),
                            int(tt.event_arrival[e]) - shift,
                            int(tt.event_departure[e]) - shift,
                        )
                        for e in rows
                    ]
                )
    change: dict[tuple[int, int], int] = {}
    for a in range(n):
        for b in range(n):
            if a == b:
                change[a, b] = int(tt.stop_change_seconds[a])
            elif (
                _metres(tt, a, float(tt.stop_lat[b]), float(tt.stop_lon[b]))
                <= walking.transfer_radius_m
            ):
                metres = _metres(tt, a, float(tt.stop_lat[b]), float(tt.stop_lon[b]))
                change[a, b] = walking.seconds(metres)
    for a, b, seconds in zip(tt.transfer_from, tt.transfer_to, tt.transfer_seconds, strict=True):
        change[int(a), int(b)] = int(seconds)
    access = {
        s: walking.seconds(_metres(tt, s, *case.origin))
        for s in range(n)
        if _metres(tt, s, *case.origin) <= walking.access_radius_m
    }
    # arrivals[r][(copy, position)]: latest origin departure arriving on board with r rides
    boards: dict[tuple[int, int], int] = {}
    for c, events in enumerate(copies):
        for i, (stop, _, departure) in enumerate(events):
            if stop in access and departure >= start:
                boards[c, i] = departure - access[stop]
    arrivals: list[dict[tuple[int, int], int]] = []
    for rides in range(case.max_transfers + 1):
        if rides > 0:
            boards = {}
            for (c, j), label in arrivals[-1].items():
                stop, arrival, _ = copies[c][j]
                for c2, events in enumerate(copies):
                    for i, (stop2, _, departure) in enumerate(events):
                        needed = change.get((stop, stop2))
                        if (
                            needed is not None
                            and needed < NO_TRANSFER
                            and departure >= start
                            and departure >= arrival + needed
                        ):
                            boards[c2, i] = max(boards.get((c2, i), NONE), label)
        reached: dict[tuple[int, int], int] = {}
        for (c, i), label in boards.items():
            for j in range(i + 1, len(copies[c])):
                if copies[c][j][1] <= case.deadline:
                    reached[c, j] = max(reached.get((c, j), NONE), label)
        arrivals.append(reached)
    answers: list[tuple[int, int, int] | None] = []
    for destination in range(n):
        lat, lon = float(tt.stop_lat[destination]), float(tt.stop_lon[destination])
        best: tuple[int, int, int] | None = None
        for rides, reached in enumerate(arrivals):
            for (c, j), label in reached.items():
                stop, arrival, _ = copies[c][j]
                metres = _metres(tt, stop, lat, lon)
                if metres > walking.access_radius_m:
                    continue
                at = arrival + walking.seconds(metres)
                if at <= case.deadline:
                    key = (label, -rides, -at)
                    if best is None or key > (best[0], -best[1], -best[2]):
                        best = (label, rides, at)
        answers.append(best)
    return answers


def _check_journey(journey: Journey, tt: Timetable, expected: tuple[int, int, int]) -> None:
    assert (journey.depart, journey.transfers, journey.arrive) == expected
    rides = [leg for leg in journey.legs if leg.kind == "ride"]
    assert len(rides) == journey.transfers + 1
    assert journey.legs[0].depart == journey.depart
    assert journey.legs[-1].arrive == journey.arrive
    for before, after in zip(journey.legs, journey.legs[1:], strict=False):
        assert before.arrive <= after.depart
        assert not (before.kind == "walk" and after.kind == "walk")
    names = tt.stop_names
    for leg in rides:
        # a real trip serves both stops at these times (today's or yesterday's trip)
        served = False
        for trip in range(tt.trip_count):
            rows = range(int(tt.trip_start[trip]), int(tt.trip_start[trip + 1]))
            for shift in (0, 86_400):
                times = [
                    (
                        names[tt.event_stop[e]],
                        tt.event_departure[e] - shift,
                        tt.event_arrival[e] - shift,
                    )
                    for e in rows
                ]
                boards = [
                    k for k, t in enumerate(times) if (t[0], t[1]) == (leg.from_name, leg.depart)
                ]
                alights = [
                    k for k, t in enumerate(times) if (t[0], t[2]) == (leg.to_name, leg.arrive)
                ]
                served = served or any(b < a for b in boards for a in alights)
        assert served, leg


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32 - 1))
def test_search_equals_brute_force(seed: int) -> None:
    case = random_case(seed)
    walking = case.walking
    router = TransitRouter(
        case.timetable, walking, max_transfers=case.max_transfers, window_seconds=case.window
    )
    search = router.search(*case.origin, DAY, case.deadline)
    tt = case.timetable
    depart, arrive, transfers = search.best(tt.stop_lat, tt.stop_lon)
    expected = brute_force(case, walking)
    got = [
        None if d == -1 and c == -1 else (int(d), int(c), int(a))
        for d, a, c in zip(depart, arrive, transfers, strict=True)
    ]
    assert got == expected
    for stop, answer in enumerate(expected):
        journey = search.journey(float(tt.stop_lat[stop]), float(tt.stop_lon[stop]))
        if answer is None:
            assert journey is None
        else:
            assert journey is not None
            _check_journey(journey, tt, answer)
