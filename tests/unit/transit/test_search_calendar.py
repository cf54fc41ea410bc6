"""Which trips a search uses: weekday and weekend services, single days, removed days, times past
midnight from the previous service day, the window before the deadline, the change limit."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from srek_desk.geo.transit.search import OriginSearch, TransitRouter
from srek_desk.geo.transit.walking import Walking
from tests.unit.transit.feeds import MONDAY, SLOW_STRAIGHT, FeedBuilder, hm, point

SATURDAY = MONDAY + timedelta(days=5)
SUNDAY = MONDAY + timedelta(days=6)


def _line(feed: FeedBuilder) -> None:
    """A at the origin point, B 5 km north (the destination point), C 10 km north."""
    feed.stop("A", 0)
    feed.stop("B", 5000)
    feed.stop("C", 10000)


def _search(feed: FeedBuilder, day: date, arrive_by: str, **router: int) -> OriginSearch:
    timetable = feed.build()
    walking = Walking(**SLOW_STRAIGHT)
    return TransitRouter(timetable, walking, **router).search(*point(0), day, hm(arrive_by))


def _to(search: OriginSearch, north_m: float) -> tuple[int, int, int]:
    lat, lon = point(north_m)
    depart, arrive, transfers = search.best(np.array([lat]), np.array([lon]))
    return int(depart[0]), int(arrive[0]), int(transfers[0])


def test_weekday_and_weekend_services() -> None:
    feed = FeedBuilder()
    _line(feed)
    weekdays = feed.weekly("Mo-Fr", range(5))
    weekend = feed.weekly("Sa-So", (5, 6))
    feed.trip("RB 1", weekdays, ("A", "7:00"), ("B", "7:20"))
    feed.trip("RB 1", weekend, ("A", "6:30"), ("B", "6:50"))
    assert _to(_search(feed, MONDAY, "7:30"), 5000) == (hm("7:00"), hm("7:20"), 0)
    assert _to(_search(feed, SATURDAY, "7:30"), 5000) == (hm("6:30"), hm("6:50"), 0)
    assert _to(_search(feed, SUNDAY, "6:45"), 5000) == (-1, -1, -1)


def test_service_on_single_days_only() -> None:
    # calendar_dates.txt alone: the extra trip runs on Wednesday only
    feed = FeedBuilder()
    _line(feed)
    feed.trip("RB 1", feed.weekly("Mo-Fr", range(5)), ("A", "7:00"), ("B", "7:20"))
    feed.trip(
        "RB 1E", feed.service("Mi", [MONDAY + timedelta(days=2)]), ("A", "7:05"), ("B", "7:25")
    )
    assert _to(_search(feed, MONDAY + timedelta(days=1), "7:30"), 5000)[0] == hm("7:00")
    assert _to(_search(feed, MONDAY + timedelta(days=2), "7:30"), 5000)[0] == hm("7:05")
    # outside the calendar's days nothing runs
    assert _to(_search(feed, MONDAY + timedelta(days=60), "7:30"), 5000)[0] == -1
    assert _to(_search(feed, MONDAY - timedelta(days=1), "7:30"), 5000)[0] == -1


def test_removed_day_has_no_service() -> None:
    holiday = MONDAY + timedelta(days=8)  # a Tuesday
    feed = FeedBuilder()
    _line(feed)
    feed.trip(
        "RB 1", feed.weekly("Mo-Fr", range(5), removed=[holiday]), ("A", "7:00"), ("B", "7:20")
    )
    search = _search(feed, holiday, "7:30")
    assert _to(search, 5000) == (-1, -1, -1)
    assert search.journey(*point(5000)) is None
    assert _to(_search(feed, holiday + timedelta(days=1), "7:30"), 5000)[0] == hm("7:00")


def test_times_past_midnight_belong_to_the_previous_service_day() -> None:
    feed = FeedBuilder()
    _line(feed)
    sunday_night = feed.service("So", [SUNDAY])
    feed.trip("N 7", sunday_night, ("A", "24:30"), ("B", "25:10"))  # Monday 0:30 to 1:10
    feed.trip("N 8", sunday_night, ("A", "23:40"), ("B", "24:10"))  # Sunday 23:40 to Monday 0:10
    monday = _search(feed, SUNDAY + timedelta(days=1), "2:00")
    assert _to(monday, 5000) == (hm("0:30"), hm("1:10"), 0)
    journey = monday.journey(*point(5000))
    assert journey is not None and journey.legs[0].route == "N 7"
    # before midnight the departure is negative: 23:40 of the day before
    assert _to(_search(feed, SUNDAY + timedelta(days=1), "0:20"), 5000) == (
        hm("23:40") - 86_400,
        hm("0:10"),
        0,
    )
    # on Sunday itself the trip at 24:30 is in the night after, not before 2:00
    assert _to(_search(feed, SUNDAY, "2:00"), 5000)[0] == -1
    assert _to(_search(feed, SUNDAY + timedelta(days=2), "2:00"), 5000)[0] == -1


def test_connections_longer_than_the_window_are_not_found() -> None:
    feed = FeedBuilder()
    _line(feed)
    feed.trip("RB 1", feed.weekly("Mo-Fr", range(5)), ("A", "6:00"), ("B", "7:20"))
    assert _to(_search(feed, MONDAY, "7:30"), 5000)[0] == hm("6:00")
    assert _to(_search(feed, MONDAY, "7:30", window_seconds=3600), 5000)[0] == -1


def test_no_more_changes_than_allowed() -> None:
    feed = FeedBuilder()
    _line(feed)
    feed.stop("D", 15000)
    weekdays = feed.weekly("Mo-Fr", range(5))
    feed.trip("Bus 1", weekdays, ("A", "6:00"), ("B", "6:10"))
    feed.trip("Bus 2", weekdays, ("B", "6:20"), ("C", "6:30"))
    feed.trip("Bus 3", weekdays, ("C", "6:40"), ("D", "6:50"))
    assert _to(_search(feed, MONDAY, "7:30"), 15000) == (hm("6:00"), hm("6:50"), 2)
    assert _to(_search(feed, MONDAY, "7:30", max_transfers=1), 15000)[0] == -1
    assert _to(_search(feed, MONDAY, "7:30", max_transfers=1), 10000) == (hm("6:00"), hm("6:30"), 1)


def test_only_trips_arriving_by_the_deadline() -> None:
    feed = FeedBuilder()
    _line(feed)
    weekdays = feed.weekly("Mo-Fr", range(5))
    feed.trip("RB 1", weekdays, ("A", "7:00"), ("B", "7:20"), ("C", "7:40"))
    search = _search(feed, MONDAY, "7:30")
    assert _to(search, 5000) == (hm("7:00"), hm("7:20"), 0)
    assert _to(search, 10000) == (-1, -1, -1)
    assert search.reachable_stops == 1


def test_one_router_answers_for_several_days_and_deadlines() -> None:
    # the router keeps the day's events per day and deadline: no answer may leak into another
    feed = FeedBuilder()
    _line(feed)
    feed.trip("RB 1", feed.weekly("Mo-Fr", range(5)), ("A", "7:00"), ("B", "7:20"))
    feed.trip("RB 1", feed.weekly("Sa-So", (5, 6)), ("A", "6:30"), ("B", "6:50"))
    router = TransitRouter(feed.build(), Walking(**SLOW_STRAIGHT))
    lat, lon = point(5000)

    def leave(day: date, arrive_by: str) -> int:
        depart, _, _ = router.search(*point(0), day, hm(arrive_by)).best(
            np.array([lat]), np.array([lon])
        )
        return int(depart[0])

    for _ in range(2):
        assert leave(MONDAY, "7:30") == hm("7:00")
        assert leave(SATURDAY, "7:30") == hm("6:30")
        assert leave(MONDAY, "7:10") == -1
        assert leave(SATURDAY, "7:10") == hm("6:30")


def test_empty_timetable_and_origin_without_coordinates() -> None:
    empty = TransitRouter(FeedBuilder().build()).search(*point(0), MONDAY, hm("7:30"))
    assert empty.best(np.array([51.3]), np.array([9.5]))[0].tolist() == [-1]
    assert empty.reachable_stops == 0
    feed = FeedBuilder()
    _line(feed)
    feed.trip("RB 1", feed.weekly("Mo-Fr", range(5)), ("A", "7:00"), ("B", "7:20"))
    nowhere = TransitRouter(feed.build()).search(float("nan"), float("nan"), MONDAY, hm("7:30"))
    lat, lon = point(5000)
    assert nowhere.best(np.array([lat]), np.array([lon]))[0].tolist() == [-1]
    assert nowhere.journey(lat, lon) is None
