"""Door to door: walks to and from stops, changes at a stop and on foot (transfers.txt), the
latest-departure rule with its ties, and the legs of the chosen connection."""

from __future__ import annotations

import numpy as np

from srek_desk.geo.transit.search import Journey, Leg, OriginSearch, TransitRouter
from srek_desk.geo.transit.walking import Walking
from tests.unit.transit.feeds import MONDAY, SLOW_STRAIGHT, FeedBuilder, hm, point

# walking at 1 m/s on the straight line: a walk of n metres takes n seconds


def _search(feed: FeedBuilder, origin_north: float = 0.0, arrive_by: str = "7:30") -> OriginSearch:
    router = TransitRouter(feed.build(), Walking(**SLOW_STRAIGHT))
    return router.search(*point(origin_north), MONDAY, hm(arrive_by))


def _to(search: OriginSearch, north_m: float) -> tuple[int, int, int]:
    lat, lon = point(north_m)
    depart, arrive, transfers = search.best(np.array([lat]), np.array([lon]))
    return int(depart[0]), int(arrive[0]), int(transfers[0])


def _change_at_b(change_b: int) -> FeedBuilder:
    feed = FeedBuilder()
    feed.stop("A", 0)
    feed.stop("B", 5000, change=change_b)
    feed.stop("C", 10000)
    weekdays = feed.weekly("Mo-Fr", range(5))
    feed.trip("RE 2", weekdays, ("A", "6:50"), ("B", "7:00"), route_type=2)
    feed.trip("Bus 10", weekdays, ("B", "7:03"), ("C", "7:15"))
    feed.trip("Bus 11", weekdays, ("B", "7:06"), ("C", "7:20"))
    return feed


def test_change_at_a_stop_needs_its_change_time() -> None:
    # 3 minutes at B are enough with a change time of 2 minutes ...
    assert _to(_search(_change_at_b(120)), 10000) == (hm("6:50"), hm("7:15"), 1)
    # ... not with 5 minutes: the later bus
    assert _to(_search(_change_at_b(300)), 10000) == (hm("6:50"), hm("7:20"), 1)
    # and exactly the change time is enough
    assert _to(_search(_change_at_b(180)), 10000) == (hm("6:50"), hm("7:15"), 1)


def _change_on_foot() -> FeedBuilder:
    """The train stops at B; the buses leave from B2, 100 m away (a walk of 100 s)."""
    feed = FeedBuilder()
    feed.stop("A", 0)
    feed.stop("B", 5000)
    feed.stop("B2", 5100)
    feed.stop("C", 10000)
    weekdays = feed.weekly("Mo-Fr", range(5))
    feed.trip("RE 2", weekdays, ("A", "6:50"), ("B", "7:00"), route_type=2)
    feed.trip("Bus 10", weekdays, ("B2", "7:01:30"), ("C", "7:10"))
    feed.trip("Bus 11", weekdays, ("B2", "7:03"), ("C", "7:15"))
    feed.trip("Bus 12", weekdays, ("B2", "7:08"), ("C", "7:20"))
    return feed


def test_change_on_foot_between_nearby_stops() -> None:
    # 100 s on foot: the bus at 7:01:30 is gone, the one at 7:03 is reached
    assert _to(_search(_change_on_foot()), 10000) == (hm("6:50"), hm("7:15"), 1)


def test_explicit_transfer_replaces_the_walk() -> None:
    feed = _change_on_foot()
    feed.transfer("B", "B2", 360)  # the operator says 6 minutes
    assert _to(_search(feed), 10000) == (hm("6:50"), hm("7:20"), 1)
    shorter = _change_on_foot()
    shorter.transfer("B", "B2", 60)  # or 1 minute, less than the walk
    assert _to(_search(shorter), 10000) == (hm("6:50"), hm("7:10"), 1)


def test_no_transfer_forbids_the_change() -> None:
    feed = _change_on_foot()
    feed.transfer("B", "B2", None)
    search = _search(feed)
    assert _to(search, 10000) == (-1, -1, -1)
    assert search.journey(*point(10000)) is None


def test_walks_from_the_origin_point_and_to_the_destination_point() -> None:
    feed = FeedBuilder()
    feed.stop("A", 0)
    feed.stop("B", 5000)
    feed.trip("Bus 5", feed.weekly("Mo-Fr", range(5)), ("A", "7:00"), ("B", "7:20"))
    # 240 m to A before the bus, 300 m from B after it
    search = _search(feed, origin_north=-240)
    assert _to(search, 5300) == (hm("6:56"), hm("7:25"), 0)
    journey = search.journey(*point(5300))
    assert journey is not None and journey.minutes == 29.0
    # arriving at 7:25 is too late for 7:24
    assert _to(_search(feed, origin_north=-240, arrive_by="7:24"), 5300)[0] == -1
    # beyond the access radius (1,000 m) nobody walks to the stop
    assert _to(_search(feed, origin_north=-1200), 5000)[0] == -1
    assert _to(search, 6200)[0] == -1


def test_no_connection() -> None:
    feed = FeedBuilder()
    feed.stop("A", 0)
    feed.stop("B", 5000)
    feed.stop("Z", 20000)
    feed.trip("Bus 5", feed.weekly("Mo-Fr", range(5)), ("A", "7:00"), ("B", "7:20"))
    search = _search(feed)
    lat, lon = point(20000)
    depart, arrive, transfers = search.best(np.array([lat, np.nan]), np.array([lon, np.nan]))
    assert depart.tolist() == [-1, -1]
    assert arrive.tolist() == [-1, -1]
    assert transfers.tolist() == [-1, -1]
    assert search.journey(lat, lon) is None
    assert search.journey(float("nan"), float("nan")) is None


def test_latest_departure_wins_over_earliest_arrival() -> None:
    feed = FeedBuilder()
    feed.stop("A", 0)
    feed.stop("B", 5000)
    weekdays = feed.weekly("Mo-Fr", range(5))
    feed.trip("RB 1", weekdays, ("A", "6:30"), ("B", "6:50"))
    feed.trip("Bus 9", weekdays, ("A", "6:50"), ("B", "7:25"))
    assert _to(_search(feed), 5000) == (hm("6:50"), hm("7:25"), 0)


def test_equal_departure_fewer_changes_then_earlier_arrival() -> None:
    feed = FeedBuilder()
    feed.stop("A", 0)
    feed.stop("B", 5000)
    feed.stop("C", 10000)
    weekdays = feed.weekly("Mo-Fr", range(5))
    feed.trip("Bus 9", weekdays, ("A", "7:00"), ("C", "7:28"))
    feed.trip("RE 2", weekdays, ("A", "7:00"), ("B", "7:05"), route_type=2)
    feed.trip("Bus 2", weekdays, ("B", "7:10"), ("C", "7:20"))
    # both leave at 7:00: the direct bus, though the change arrives 8 minutes earlier
    assert _to(_search(feed), 10000) == (hm("7:00"), hm("7:28"), 0)
    feed.trip("Bus 8", weekdays, ("A", "7:00"), ("C", "7:24"))
    # two direct ones leaving together: the one arriving first
    assert _to(_search(feed), 10000) == (hm("7:00"), hm("7:24"), 0)


def test_ties_between_stops_near_the_destination_point() -> None:
    # the destination point lies 200 m from C and 200 m from D
    feed = FeedBuilder()
    feed.stop("A", 0)
    feed.stop("B", 5000)
    feed.stop("C", 9800)
    feed.stop("D", 10200)
    weekdays = feed.weekly("Mo-Fr", range(5))
    feed.trip("Bus 9", weekdays, ("A", "7:00"), ("C", "7:20"))
    feed.trip("RE 2", weekdays, ("A", "7:00"), ("B", "7:05"), route_type=2)
    feed.trip("Bus 2", weekdays, ("B", "7:08"), ("D", "7:12"))
    # direct to C beats the change to D, though that would be 8 minutes earlier
    assert _to(_search(feed), 10000) == (hm("7:00"), hm("7:23:20"), 0)
    feed.trip("Bus 8", weekdays, ("A", "7:00"), ("D", "7:18"))
    # direct to D arrives before direct to C
    assert _to(_search(feed), 10000) == (hm("7:00"), hm("7:21:20"), 0)


def test_journey_legs_match_best() -> None:
    feed = _change_on_foot()
    search = _search(feed, origin_north=-240)
    lat, lon = point(10300)  # 300 m beyond C
    depart, arrive, transfers = search.best(np.array([lat]), np.array([lon]))
    journey = search.journey(lat, lon)
    assert journey == Journey(
        depart=hm("6:46"),
        arrive=hm("7:20"),
        transfers=1,
        legs=(
            Leg("walk", "Start", "A", hm("6:46"), hm("6:50")),
            Leg("ride", "A", "B", hm("6:50"), hm("7:00"), route="RE 2", route_type=2),
            Leg("walk", "B", "B2", hm("7:00"), hm("7:01:40")),
            Leg("ride", "B2", "C", hm("7:03"), hm("7:15"), route="Bus 11", route_type=3),
            Leg("walk", "C", "Ziel", hm("7:15"), hm("7:20")),
        ),
    )
    assert (depart[0], arrive[0], transfers[0]) == (
        journey.depart,
        journey.arrive,
        journey.transfers,
    )
    assert journey.minutes == 34.0


def test_journey_without_walks_has_only_rides() -> None:
    search = _search(_change_at_b(120))
    journey = search.journey(*point(10000))
    assert journey is not None
    assert [(leg.kind, leg.from_name, leg.to_name) for leg in journey.legs] == [
        ("ride", "A", "B"),
        ("ride", "B", "C"),
    ]
    assert [leg.route for leg in journey.legs] == ["RE 2", "Bus 10"]


def test_many_destination_points_at_once() -> None:
    search = _search(_change_at_b(120))
    norths = [10000, 5000, 20000, 10000, 5200]
    lats = np.array([point(n)[0] for n in norths])
    lons = np.array([point(n)[1] for n in norths])
    depart, arrive, transfers = search.best(lats, lons)
    assert depart.tolist() == [hm("6:50"), hm("6:50"), -1, hm("6:50"), hm("6:50")]
    assert arrive.tolist() == [hm("7:15"), hm("7:00"), -1, hm("7:15"), hm("7:03:20")]
    assert transfers.tolist() == [1, 0, -1, 1, 0]
    assert search.reachable_stops == 2


def test_journeys_stay_right_when_the_router_drops_kept_labels() -> None:
    # the router keeps round labels for a few searches only; older ones run their rounds again
    router = TransitRouter(_change_on_foot().build(), Walking(**SLOW_STRAIGHT))
    searches = [router.search(*point(-40.0 * n), MONDAY, hm("7:30")) for n in range(7)]
    first = [search.journey(*point(10000)) for search in searches]
    again = [search.journey(*point(10000)) for search in searches]
    assert first == again
    assert [j.depart if j else None for j in first] == [hm("6:50") - 40 * n for n in range(7)]
