"""Reading GTFS feeds: the region in miniature and one small feed per rule, answers by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from srek_desk.geo.transit.timetable import DEFAULT_CHANGE_SECONDS, NO_TRANSFER, Timetable
from srek_desk.importers.gtfs import FeedRead, read_feed
from tests.gtfs_feeds import (
    KASSEL,
    FeedFiles,
    region_files,
    rows_of,
    small_region_feed,
    write_feed,
)

TUESDAY = date(2026, 12, 8)
SATURDAY = date(2026, 12, 12)
CHRISTMAS = date(2026, 12, 25)  # a Friday: removed from the weekday service
BOXING_DAY = date(2026, 12, 26)  # a Saturday


def read_all(path: Path) -> FeedRead:
    return read_feed(path, centre=None, radius_km=None)


def trips_on(timetable: Timetable, day: date) -> set[tuple[str, int]]:
    """(line, first departure) of every trip running on `day`."""
    runs = timetable.runs_on(day)
    return {
        (
            str(timetable.route_names[timetable.trip_route[t]]),
            int(timetable.event_departure[timetable.trip_start[t]]),
        )
        for t in np.nonzero(runs)[0]
    }


def stop(timetable: Timetable, name: str) -> int:
    return int(np.nonzero(timetable.stop_names == name)[0][0])


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 3600 + int(minutes) * 60


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> FeedRead:
    return read_all(small_region_feed(tmp_path_factory.mktemp("gtfs") / "region.zip", as_zip=True))


def test_region_feed_counts_and_feed_info(region: FeedRead) -> None:
    assert region.counts == {"stops": 6, "routes": 3, "trips": 7, "stop_times": 21}
    info = region.info
    assert info.publisher == "Beispiel-Verkehrsverbund Nordhessen"
    assert info.publisher_url == "https://vv.example.org"
    assert info.version == "2026-12-01"
    assert (info.valid_from, info.valid_to) == (date(2026, 12, 1), date(2027, 6, 30))
    assert info.source_name == "region.zip"
    assert region.dropped_stops == 0


def test_platforms_fold_into_their_station(region: FeedRead) -> None:
    timetable = region.timetable
    assert "de:ks:1" not in set(timetable.stop_ids) and "de:ks" in set(timetable.stop_ids)
    kassel = stop(timetable, "Kassel Hbf")
    assert (timetable.stop_lat[kassel], timetable.stop_lon[kassel]) == KASSEL
    # RE 2 arrives on track 2, RB 83 on track 1: both at the one stop Kassel Hbf
    ends = timetable.event_stop[timetable.trip_start[1:] - 1]
    assert set(ends[timetable.trip_route != 2]) == {kassel}


def test_weekday_weekend_removed_day_and_dates_only_service(region: FeedRead) -> None:
    timetable = region.timetable
    assert trips_on(timetable, TUESDAY) == {
        ("RE 2", hm("06:48")),
        ("RE 2", hm("07:48")),
        ("RE 2", hm("24:31")),
        ("RB 83", hm("06:30")),
        ("170", hm("06:20")),
    }
    assert trips_on(timetable, SATURDAY) == {("RE 2", hm("07:48"))}
    assert trips_on(timetable, CHRISTMAS) == {("RB 83", hm("09:30"))}  # weekdays removed
    assert trips_on(timetable, BOXING_DAY) == {("RE 2", hm("07:48")), ("RB 83", hm("09:30"))}
    assert trips_on(timetable, date(2026, 12, 27)) == {("RE 2", hm("07:48"))}  # Sunday
    assert trips_on(timetable, date(2027, 7, 1)) == set()  # after the feed
    assert timetable.first_day() == date(2026, 12, 1)
    assert timetable.last_day() == date(2027, 6, 30)


def test_times_after_midnight_and_stops_in_order(region: FeedRead) -> None:
    timetable = region.timetable
    late = next(
        t
        for t in range(timetable.trip_count)
        if timetable.event_departure[timetable.trip_start[t]] == hm("24:31")
    )
    events = slice(timetable.trip_start[late], timetable.trip_start[late + 1])
    assert list(timetable.event_arrival[events]) == [hm("24:31"), hm("24:50"), 25 * 3600 + 600]
    assert list(timetable.event_departure[events]) == [hm("24:31"), hm("24:51"), 25 * 3600 + 600]
    names = [str(timetable.stop_names[s]) for s in timetable.event_stop[events]]
    assert names == ["Göttingen", "Hann. Münden", "Kassel Hbf"]


def test_change_times_from_transfers(region: FeedRead) -> None:
    timetable = region.timetable
    kassel, muenden, zob = (
        stop(timetable, n) for n in ("Kassel Hbf", "Hann. Münden", "Hann. Münden ZOB")
    )
    assert timetable.stop_change_seconds[kassel] == 240
    assert timetable.stop_change_seconds[muenden] == DEFAULT_CHANGE_SECONDS
    pairs = {
        (int(a), int(b)): int(s)
        for a, b, s in zip(
            timetable.transfer_from, timetable.transfer_to, timetable.transfer_seconds, strict=True
        )
    }
    assert pairs == {(zob, muenden): 300, (muenden, zob): 300}


def test_folder_and_zip_give_the_same_arrays(region: FeedRead, tmp_path: Path) -> None:
    folder = read_all(small_region_feed(tmp_path / "folder"))
    assert folder.timetable.to_bytes() == region.timetable.to_bytes()


def test_a_feed_zipped_inside_its_folder_is_found(tmp_path: Path) -> None:
    files = {f"gtfs_2026/{name}": value for name, value in region_files().items()}
    read = read_all(write_feed(tmp_path / "nested.zip", files, as_zip=True))
    assert read.counts["trips"] == 7


def test_clipping_keeps_stops_within_the_radius(tmp_path: Path) -> None:
    # 20 km around Kassel: Hann. Münden (~16 km) stays; Göttingen (~38 km) and Witzenhausen
    # (~26 km) go. RE 2 keeps Hann. Münden → Kassel; RB 83 keeps only Kassel and is dropped,
    # like the bus, which keeps only the ZOB.
    read = read_feed(small_region_feed(tmp_path / "feed"), centre=KASSEL, radius_km=20)
    timetable = read.timetable
    assert sorted(timetable.stop_names) == ["Hann. Münden", "Kassel Hbf"]
    assert read.dropped_stops == 3  # Göttingen, Witzenhausen Nord, Witzenhausen Marktplatz
    assert read.counts == {"stops": 2, "routes": 1, "trips": 4, "stop_times": 8}
    assert list(timetable.route_names) == ["RE 2"]
    first = slice(timetable.trip_start[0], timetable.trip_start[1])
    assert list(timetable.event_departure[first]) == [hm("07:08"), hm("07:27")]
    # the pair ZOB ↔ station lost the ZOB (no trip serves it any more)
    assert len(timetable.transfer_from) == 0


def _simple(changes: FeedFiles | None = None) -> FeedFiles:
    """A feed of one line A – B – C, weekdays of December 2026, changed by `changes`."""
    files: FeedFiles = {
        "stops.txt": [
            {"stop_id": s, "stop_name": s, "stop_lat": 51.3 + i / 100, "stop_lon": 9.5}
            for i, s in enumerate("ABC")
        ],
        "routes.txt": [
            {
                "route_id": "r",
                "route_short_name": "",
                "route_long_name": "Linie A-C",
                "route_type": 3,
            }
        ],
        "trips.txt": [{"route_id": "r", "service_id": "s", "trip_id": "t"}],
        "stop_times.txt": [
            {
                "trip_id": "t",
                "stop_id": s,
                "stop_sequence": i + 1,
                "arrival_time": a,
                "departure_time": a,
            }
            for i, (s, a) in enumerate(
                zip("ABC", ("08:00:00", "08:10:00", "08:30:00"), strict=True)
            )
        ],
        "calendar.txt": [
            {
                "service_id": "s",
                "monday": 1,
                "tuesday": 1,
                "wednesday": 1,
                "thursday": 1,
                "friday": 1,
                "saturday": 0,
                "sunday": 0,
                "start_date": "20261201",
                "end_date": "20261231",
            }
        ],
    }
    files.update(changes or {})
    return files


def test_frequencies_expand_into_one_trip_per_departure(tmp_path: Path) -> None:
    files = _simple(
        {
            "frequencies.txt": [
                {
                    "trip_id": "t",
                    "start_time": "06:00:00",
                    "end_time": "07:00:00",
                    "headway_secs": 1200,
                },
                {
                    "trip_id": "t",
                    "start_time": "23:50:00",
                    "end_time": "24:10:00",
                    "headway_secs": 1200,
                },
            ]
        }
    )
    read = read_all(write_feed(tmp_path / "feed", files))
    timetable = read.timetable
    starts = timetable.trip_start
    runs = [
        list(timetable.event_arrival[starts[t] : starts[t + 1]])
        for t in range(timetable.trip_count)
    ]
    assert runs == [
        [hm(x) for x in ("06:00", "06:10", "06:30")],
        [hm(x) for x in ("06:20", "06:30", "06:50")],
        [hm(x) for x in ("06:40", "06:50", "07:10")],
        [hm(x) for x in ("23:50", "24:00", "24:20")],  # end_time itself is not a departure
    ]
    assert read.counts["trips"] == 4 and list(timetable.route_names) == ["Linie A-C"]


def test_frequency_runs_are_timed_from_the_first_stop_even_outside_the_region(
    tmp_path: Path,
) -> None:
    files = _simple(
        {
            "frequencies.txt": [
                {
                    "trip_id": "t",
                    "start_time": "06:00:00",
                    "end_time": "06:30:00",
                    "headway_secs": 900,
                },
            ]
        }
    )
    # A lies 20 km north of B and C; a 5 km radius around B keeps B and C only
    files["stops.txt"] = [
        {"stop_id": "A", "stop_name": "A", "stop_lat": 51.48, "stop_lon": 9.5},
        {"stop_id": "B", "stop_name": "B", "stop_lat": 51.30, "stop_lon": 9.5},
        {"stop_id": "C", "stop_name": "C", "stop_lat": 51.31, "stop_lon": 9.5},
    ]
    read = read_feed(write_feed(tmp_path / "feed", files), centre=(51.30, 9.5), radius_km=5)
    timetable = read.timetable
    assert read.dropped_stops == 1
    assert list(timetable.event_departure) == [hm(x) for x in ("06:10", "06:30", "06:25", "06:45")]


def test_transfer_types_impossible_timed_and_trip_specific(tmp_path: Path) -> None:
    files = _simple(
        {
            "transfers.txt": [
                {
                    "from_stop_id": "B",
                    "to_stop_id": "B",
                    "transfer_type": 3,
                    "min_transfer_time": "",
                    "from_trip_id": "",
                },
                {
                    "from_stop_id": "A",
                    "to_stop_id": "C",
                    "transfer_type": 3,
                    "min_transfer_time": "",
                    "from_trip_id": "",
                },
                {
                    "from_stop_id": "C",
                    "to_stop_id": "A",
                    "transfer_type": 0,
                    "min_transfer_time": "",
                    "from_trip_id": "",
                },
                {
                    "from_stop_id": "C",
                    "to_stop_id": "C",
                    "transfer_type": 1,
                    "min_transfer_time": "",
                    "from_trip_id": "",
                },
                {
                    "from_stop_id": "A",
                    "to_stop_id": "A",
                    "transfer_type": 2,
                    "min_transfer_time": 600,
                    "from_trip_id": "t",
                },
            ]
        }
    )
    read = read_all(write_feed(tmp_path / "feed", files))
    timetable = read.timetable
    a, b, c = (stop(timetable, n) for n in "ABC")
    assert timetable.stop_change_seconds[b] == NO_TRANSFER
    assert timetable.stop_change_seconds[c] == 0  # timed: the vehicle waits
    assert timetable.stop_change_seconds[a] == DEFAULT_CHANGE_SECONDS  # the trip's own rule skipped
    pairs = dict(
        zip(
            zip(timetable.transfer_from.tolist(), timetable.transfer_to.tolist(), strict=True),
            timetable.transfer_seconds.tolist(),
            strict=True,
        )
    )
    assert pairs == {(a, c): NO_TRANSFER, (c, a): 0}
    assert any("einzelne Fahrten" in w for w in read.warnings)


def test_without_feed_info_agencies_and_served_days_describe_the_feed(tmp_path: Path) -> None:
    files = _simple(
        {
            "agency.txt": [
                {
                    "agency_id": "x",
                    "agency_name": "Stadtbus Beispiel",
                    "agency_url": "https://x.example.org",
                },
                {"agency_id": "y", "agency_name": "Landbus Beispiel", "agency_url": ""},
            ],
            "attributions.txt": [
                {
                    "attribution_id": "1",
                    "organization_name": "DELFI e.V.",
                    "attribution_url": "https://www.delfi.de",
                    "is_producer": 1,
                }
            ],
        }
    )
    read = read_all(write_feed(tmp_path / "feed", files))
    assert read.info.publisher == "Stadtbus Beispiel, Landbus Beispiel"
    assert read.info.publisher_url == "https://x.example.org"
    # weekdays of December 2026: Tuesday 1st to Thursday 31st
    assert (read.info.valid_from, read.info.valid_to) == (date(2026, 12, 1), date(2026, 12, 31))
    assert read.info.attribution == "DELFI e.V. (https://www.delfi.de)"


def test_stops_without_times_are_interpolated(tmp_path: Path) -> None:
    files = _simple()
    rows = rows_of(files, "stop_times.txt")
    rows[1]["arrival_time"] = rows[1]["departure_time"] = ""
    files["stop_times.txt"] = rows
    read = read_all(write_feed(tmp_path / "feed", files))
    assert list(read.timetable.event_arrival) == [hm("08:00"), hm("08:15"), hm("08:30")]
    assert any("interpoliert" in w for w in read.warnings)


def test_calendar_dates_alone_define_the_service(tmp_path: Path) -> None:
    files = _simple(
        {
            "calendar_dates.txt": [
                {"service_id": "s", "date": "20270102", "exception_type": 1},
                {"service_id": "s", "date": "20270104", "exception_type": 1},
            ]
        }
    )
    del files["calendar.txt"]
    timetable = read_all(write_feed(tmp_path / "feed", files)).timetable
    assert timetable.day_zero == date(2027, 1, 2)
    days = [date(2027, 1, d) for d in range(1, 6)]
    assert [bool(timetable.runs_on(d)[0]) for d in days] == [False, True, False, True, False]


def test_progress_reports_bytes_of_stop_times(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    path = small_region_feed(tmp_path / "feed")
    read_feed(path, centre=None, radius_km=None, progress=lambda d, t: calls.append((d, t)))
    size = (path / "stop_times.txt").stat().st_size
    assert calls and calls[-1] == (size, size)


def test_a_calendar_until_2099_is_cut_to_two_years(tmp_path: Path) -> None:
    files = _simple()
    calendar = rows_of(files, "calendar.txt")
    calendar[0]["end_date"] = "20991231"
    files["calendar.txt"] = calendar
    path = write_feed(tmp_path / "feed", files)
    read = read_feed(path, centre=None, radius_km=None, today=date(2026, 12, 8))
    timetable = read.timetable
    assert timetable.service_days.shape == (1, 731)
    assert timetable.last_day() == date(2028, 11, 30)  # a Thursday, 730 days after 1 Dec 2026
    assert read.info.valid_to == date(2028, 11, 30)
    assert "Nur die Verkehrstage vom 01.12.2026 bis 30.11.2028 übernommen" in read.warnings[-1]


def test_a_calendar_from_2020_to_2099_keeps_two_years_around_today(tmp_path: Path) -> None:
    files = _simple()
    calendar = rows_of(files, "calendar.txt")
    calendar[0]["start_date"], calendar[0]["end_date"] = "20200101", "20991231"
    files["calendar.txt"] = calendar
    path = write_feed(tmp_path / "feed", files)
    read = read_feed(path, centre=None, radius_km=None, today=date(2026, 12, 8))
    # from a month before today, two years: the desk's next school days are inside
    assert read.timetable.day_zero == date(2026, 11, 7)
    assert read.timetable.runs_on(date(2026, 12, 9)).any()
    assert read.timetable.last_day() is not None
    assert read.timetable.last_day() <= date(2028, 11, 6)


def test_spaces_blank_lines_and_short_rows_are_taken(tmp_path: Path) -> None:
    text = (
        "trip_id,stop_id,stop_sequence,arrival_time,departure_time,stop_headsign\n"
        " t , A ,1,08:00:00,08:00:00,Richtung C\n"
        "\n"
        "t,B,2, 8:10:00,08:10:00\n"  # the optional last column left off
        "t,C,3,08:30:00,08:30:00,\n"
    )
    read = read_all(write_feed(tmp_path / "feed", _simple({"stop_times.txt": text})))
    assert list(read.timetable.event_arrival) == [hm("08:00"), hm("08:10"), hm("08:30")]
