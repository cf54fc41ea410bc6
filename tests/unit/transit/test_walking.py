"""Walking times, the stop locator and changes on foot (footpaths with transfers.txt)."""

from __future__ import annotations

import numpy as np
import pytest

from srek_desk.geo.distance import haversine_km
from srek_desk.geo.transit.walking import StopLocator, Walking, footpaths
from tests.unit.transit.feeds import FeedBuilder, point


def test_walking_seconds_round_up_to_whole_seconds() -> None:
    walking = Walking()  # 4.5 km/h = 1.25 m/s, detour 1.2: one straight metre takes 0.96 s
    assert walking.seconds(100.0) == 96
    assert walking.seconds(101.0) == 97  # 96.96 s
    assert walking.seconds(0.0) == 0
    times = walking.seconds(np.array([100.0, 101.0, 1000.0]))
    assert times.tolist() == [96, 97, 960]
    assert times.dtype == np.int32


def test_slower_walkers_and_longer_detours_take_longer() -> None:
    assert Walking(speed_kmh=3.6, detour_factor=1.0).seconds(500.0) == 500
    assert Walking(speed_kmh=3.6, detour_factor=1.5).seconds(500.0) == 750


def _scattered_stops(count: int, seed: int) -> FeedBuilder:
    rng = np.random.default_rng(seed)
    feed = FeedBuilder()
    for number in range(count):
        feed.stop(f"H{number}", *rng.uniform(-8000, 8000, size=2))
    return feed


def test_nearby_finds_exactly_the_stops_within_the_radius_nearest_first() -> None:
    timetable = _scattered_stops(3000, seed=7).build()
    locator = StopLocator(timetable)
    rng = np.random.default_rng(8)
    for north, east in rng.uniform(-9000, 9000, size=(25, 2)):
        lat, lon = point(north, east)
        for radius in (150.0, 300.0, 1000.0, 2600.0):
            stops, metres = locator.nearby(lat, lon, radius)
            truth = {
                s
                for s in range(timetable.stop_count)
                if haversine_km(lat, lon, timetable.stop_lat[s], timetable.stop_lon[s]) * 1000
                <= radius
            }
            assert set(stops.tolist()) == truth
            assert np.all(np.diff(metres) >= 0)
            expected = [
                haversine_km(lat, lon, timetable.stop_lat[s], timetable.stop_lon[s]) * 1000
                for s in stops
            ]
            assert metres == pytest.approx(expected)


def test_pairs_for_many_points_match_one_point_at_a_time_and_skip_nan() -> None:
    timetable = _scattered_stops(500, seed=3).build()
    locator = StopLocator(timetable)
    rng = np.random.default_rng(4)
    places = [point(n, e) for n, e in rng.uniform(-8000, 8000, size=(40, 2))]
    lats = np.array([p[0] for p in places] + [np.nan])
    lons = np.array([p[1] for p in places] + [9.5])
    owner, stops, _ = locator.pairs(lats, lons, 1000.0)
    assert 40 not in owner.tolist()
    for number, (lat, lon) in enumerate(places):
        alone, _ = locator.nearby(lat, lon, 1000.0)
        assert sorted(stops[owner == number].tolist()) == sorted(alone.tolist())


def test_footpaths_between_nearby_stops_both_ways_never_to_itself() -> None:
    feed = FeedBuilder()
    feed.stop("Markt", 0)
    feed.stop("Markt Steig 2", 200)
    feed.stop("Bahnhof", 900)
    walking = Walking(speed_kmh=3.6, detour_factor=1.0, transfer_radius_m=300.0)
    timetable = feed.build()
    origin, to, seconds = footpaths(timetable, walking, StopLocator(timetable))
    paths = {(int(a), int(b)): int(s) for a, b, s in zip(origin, to, seconds, strict=True)}
    assert paths == {(0, 1): 200, (1, 0): 200}


def test_explicit_transfers_replace_the_walk_and_reach_beyond_the_radius() -> None:
    feed = FeedBuilder()
    feed.stop("Markt", 0)
    feed.stop("Markt Steig 2", 200)
    feed.stop("Bahnhof", 900)
    feed.transfer("Markt", "Markt Steig 2", 30)  # shorter than the 200 s walk
    feed.transfer("Markt", "Bahnhof", 600)  # beyond the transfer radius, but published
    feed.transfer("Markt Steig 2", "Markt", None)  # no change possible this way
    walking = Walking(speed_kmh=3.6, detour_factor=1.0, transfer_radius_m=300.0)
    timetable = feed.build()
    origin, to, seconds = footpaths(timetable, walking, StopLocator(timetable))
    paths = {(int(a), int(b)): int(s) for a, b, s in zip(origin, to, seconds, strict=True)}
    assert paths == {(0, 1): 30, (0, 2): 600}
