"""Small GTFS feeds written from Python for tests: a folder or a .zip, and one ready region feed.

`write_feed(path, {"stops.txt": [{"stop_id": "A", …}, …], "agency.txt": "raw text"})` writes
each file (rows as CSV with the keys of all rows as header, a string or bytes as they are) into
the folder `path`, or into the zip file `path` with `as_zip=True`.

`small_region_feed(path)` is the region in miniature (coordinates from the gazetteer), valid
2026-12-01 … 2027-06-30:
- RE 2 Göttingen – Hann. Münden – Kassel Hbf, weekdays 06:48 and 07:48 from Göttingen (Hann.
  Münden ab 07:08, Kassel Hbf an 07:27), on weekends 07:48; one late run after midnight
  (Göttingen 24:31, Hann. Münden 24:50/24:51, Kassel Hbf 25:10).
- RB 83 Göttingen – Witzenhausen Nord – Kassel Hbf, weekdays (Witzenhausen ab 06:51, Kassel an
  07:26), and a holiday run on 25 and 26 December only (calendar_dates.txt alone).
- Bus 170 Witzenhausen Nord – Hann. Münden ZOB, weekdays 06:20 → 06:58.
- Weekdays do not run on Friday 25 December 2026 (removed day).
- Platforms "…:1"/"…:2" belong to their stations (parent_station); Kassel Hbf asks 4 min for a
  change, ZOB ↔ Hann. Münden station 5 min (transfers.txt type 2).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

Rows = list[dict[str, Any]]
FeedFiles = dict[str, str | bytes | Rows]


def rows_of(files: FeedFiles, name: str) -> Rows:
    """Copies of the rows of one file of `files`, to change before writing."""
    value = files[name]
    assert isinstance(value, list), name
    return [dict(row) for row in value]


# gazetteer centres: 34346 Hann. Münden, 34117 Kassel, 37213 Witzenhausen, 37073 Göttingen
HANN_MUENDEN = (51.41505, 9.65046)
KASSEL = (51.31585, 9.49172)
WITZENHAUSEN = (51.35134, 9.85469)
GOETTINGEN = (51.53405, 9.93348)


def csv_text(rows: Rows) -> str:
    header: list[str] = []
    for row in rows:
        header += [key for key in row if key not in header]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _content(value: str | bytes | Rows) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    return csv_text(value).encode("utf-8")


def write_feed(path: Path, files: FeedFiles, *, as_zip: bool = False) -> Path:
    """Write `files` into the folder `path` (made if missing) or, with `as_zip`, the zip `path`."""
    if as_zip:
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, value in files.items():
                archive.writestr(name, _content(value))
        return path
    path.mkdir(parents=True, exist_ok=True)
    for name, value in files.items():
        (path / name).write_bytes(_content(value))
    return path


def _stop(stop_id: str, name: str, at: tuple[float, float], **extra: object) -> dict[str, Any]:
    return {"stop_id": stop_id, "stop_name": name, "stop_lat": at[0], "stop_lon": at[1], **extra}


def _platforms(station: str, name: str, at: tuple[float, float]) -> Rows:
    rows = [_stop(station, name, at, location_type=1, parent_station="")]
    for track in ("1", "2"):
        near = (round(at[0] + 0.0002 * int(track), 6), at[1])
        rows.append(
            _stop(
                f"{station}:{track}",
                f"{name} Gleis {track}",
                near,
                location_type=0,
                parent_station=station,
            )
        )
    return rows


def region_files() -> FeedFiles:
    """The files of `small_region_feed`, for tests that change one of them first."""
    stops = [
        *_platforms("de:gö", "Göttingen", GOETTINGEN),
        *_platforms("de:hmü", "Hann. Münden", HANN_MUENDEN),
        *_platforms("de:ks", "Kassel Hbf", KASSEL),
        *_platforms("de:wiz", "Witzenhausen Nord", WITZENHAUSEN),
        _stop(
            "de:hmü:zob", "Hann. Münden ZOB", (51.4162, 9.6521), location_type=0, parent_station=""
        ),
        _stop(
            "de:wiz:markt",
            "Witzenhausen Marktplatz",
            (51.3429, 9.8577),
            location_type=0,
            parent_station="",
        ),
    ]
    routes = [
        {
            "route_id": "re2",
            "agency_id": "db",
            "route_short_name": "RE 2",
            "route_long_name": "Göttingen – Kassel",
            "route_type": 2,
        },
        {
            "route_id": "rb83",
            "agency_id": "db",
            "route_short_name": "RB 83",
            "route_long_name": "Göttingen – Witzenhausen – Kassel",
            "route_type": 2,
        },
        {
            "route_id": "bus170",
            "agency_id": "bus",
            "route_short_name": "170",
            "route_long_name": "Witzenhausen – Hann. Münden",
            "route_type": 3,
        },
    ]
    trips = [
        {"route_id": "re2", "service_id": "wd", "trip_id": "re2-0648"},
        {"route_id": "re2", "service_id": "wd", "trip_id": "re2-0748"},
        {"route_id": "re2", "service_id": "we", "trip_id": "re2-we-0748"},
        {"route_id": "re2", "service_id": "wd", "trip_id": "re2-late"},
        {"route_id": "rb83", "service_id": "wd", "trip_id": "rb83-0630"},
        {"route_id": "rb83", "service_id": "xmas", "trip_id": "rb83-xmas"},
        {"route_id": "bus170", "service_id": "wd", "trip_id": "bus170-0620"},
    ]
    timings: dict[str, list[tuple[str, ...]]] = {
        "re2-0648": [
            ("de:gö:1", "06:48:00"),
            ("de:hmü:1", "07:07:00", "07:08:00"),
            ("de:ks:2", "07:27:00"),
        ],
        "re2-0748": [
            ("de:gö:1", "07:48:00"),
            ("de:hmü:1", "08:07:00", "08:08:00"),
            ("de:ks:2", "08:27:00"),
        ],
        "re2-we-0748": [
            ("de:gö:1", "07:48:00"),
            ("de:hmü:1", "08:07:00", "08:08:00"),
            ("de:ks:2", "08:27:00"),
        ],
        "re2-late": [
            ("de:gö:1", "24:31:00"),
            ("de:hmü:1", "24:50:00", "24:51:00"),
            ("de:ks:2", "25:10:00"),
        ],
        "rb83-0630": [
            ("de:gö:2", "06:30:00"),
            ("de:wiz:1", "06:50:00", "06:51:00"),
            ("de:ks:1", "07:26:00"),
        ],
        "rb83-xmas": [
            ("de:gö:2", "09:30:00"),
            ("de:wiz:1", "09:50:00", "09:51:00"),
            ("de:ks:1", "10:26:00"),
        ],
        "bus170-0620": [
            ("de:wiz:markt", "06:20:00"),
            ("de:wiz", "06:24:00"),
            ("de:hmü:zob", "06:58:00"),
        ],
    }
    stop_times = []
    for trip_id, calls in timings.items():
        for seq, (stop_id, arrival, *departure) in enumerate(calls, start=1):
            stop_times.append(
                {
                    "trip_id": trip_id,
                    "arrival_time": arrival,
                    "departure_time": departure[0] if departure else arrival,
                    "stop_id": stop_id,
                    "stop_sequence": seq * 10,
                }
            )
    # the bus stops at the station building of Witzenhausen Nord itself: a station id in
    # stop_times is tolerated and means the station
    week = {"monday": 1, "tuesday": 1, "wednesday": 1, "thursday": 1, "friday": 1}
    weekend = {"saturday": 1, "sunday": 1}
    days = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    calendar = [
        {
            "service_id": service,
            **{d: flags.get(d, 0) for d in days},
            "start_date": "20261201",
            "end_date": "20270630",
        }
        for service, flags in (("wd", week), ("we", weekend))
    ]
    return {
        "agency.txt": [
            {
                "agency_id": "db",
                "agency_name": "Beispielbahn Nordhessen",
                "agency_url": "https://bahn.example.org",
                "agency_timezone": "Europe/Berlin",
            },
            {
                "agency_id": "bus",
                "agency_name": "Werra-Bus (Beispiel)",
                "agency_url": "https://bus.example.org",
                "agency_timezone": "Europe/Berlin",
            },
        ],
        "stops.txt": stops,
        "routes.txt": routes,
        "trips.txt": trips,
        "stop_times.txt": stop_times,
        "calendar.txt": calendar,
        "calendar_dates.txt": [
            {"service_id": "wd", "date": "20261225", "exception_type": 2},
            {"service_id": "xmas", "date": "20261225", "exception_type": 1},
            {"service_id": "xmas", "date": "20261226", "exception_type": 1},
        ],
        "transfers.txt": [
            {
                "from_stop_id": "de:ks",
                "to_stop_id": "de:ks",
                "transfer_type": 2,
                "min_transfer_time": 240,
            },
            {
                "from_stop_id": "de:hmü:zob",
                "to_stop_id": "de:hmü",
                "transfer_type": 2,
                "min_transfer_time": 300,
            },
            {
                "from_stop_id": "de:hmü",
                "to_stop_id": "de:hmü:zob",
                "transfer_type": 2,
                "min_transfer_time": 300,
            },
        ],
        "feed_info.txt": [
            {
                "feed_publisher_name": "Beispiel-Verkehrsverbund Nordhessen",
                "feed_publisher_url": "https://vv.example.org",
                "feed_lang": "de",
                "feed_start_date": "20261201",
                "feed_end_date": "20270630",
                "feed_version": "2026-12-01",
            },
        ],
    }


def small_region_feed(path: Path, *, as_zip: bool = False) -> Path:
    """The region in miniature (see the module docstring) as a folder or a zip at `path`."""
    return write_feed(path, region_files(), as_zip=as_zip)
