"""A region-sized synthetic GTFS feed around Kassel, for the timetable benchmarks.

About 6,000 stops within ~75 km of Kassel (51.31 N, 9.48 E): 300 stations with two to four
platforms each (parent_station) and single stops; 600 lines (bus, some rail and tram) running
along chains of neighbouring stops; ~40,000 trips with ~800,000 stop_times from 04:30 to past
midnight (times after 24:00); weekday, Saturday, Sunday and school-day services for a year with
holidays removed and added in calendar_dates.txt; transfers.txt with change times at stations
and walks between nearby stops. Deterministic for a seed.

    from benchmarks.gtfs_synthetic import region_feed
    path = region_feed()  # generated once, then taken from the temp folder

    python benchmarks/gtfs_synthetic.py [OUT.zip]
"""

from __future__ import annotations

import csv
import io
import math
import sys
import tempfile
import zipfile
from datetime import date, timedelta
from pathlib import Path

import numpy as np

CENTRE = (51.31, 9.48)
RADIUS_KM = 75.0
FIRST_DAY = date(2026, 12, 13)
LAST_DAY = date(2027, 12, 11)
HOLIDAYS = (
    date(2026, 12, 25), date(2026, 12, 26), date(2027, 1, 1), date(2027, 3, 26),
    date(2027, 3, 29), date(2027, 5, 1), date(2027, 5, 6), date(2027, 5, 17),
    date(2027, 5, 27), date(2027, 10, 3),
)  # fmt: skip
SERVICES = {  # service_id: weekdays (Mon … Sun), share of the trips
    "mo-fr": ((1, 1, 1, 1, 1, 0, 0), 0.55),
    "schule": ((1, 1, 1, 1, 1, 0, 0), 0.15),
    "sa": ((0, 0, 0, 0, 0, 1, 0), 0.15),
    "so": ((0, 0, 0, 0, 0, 0, 1), 0.10),
    "fr-sa-nacht": ((0, 0, 0, 0, 1, 1, 0), 0.05),
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _table(header: list[str], rows: list[list[object]] | list[tuple[object, ...]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _positions(rng: np.random.Generator, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Points within RADIUS_KM of CENTRE, denser towards the middle (towns cluster)."""
    distance = RADIUS_KM * np.sqrt(rng.random(count)) ** 1.3
    angle = rng.random(count) * 2 * math.pi
    lat = CENTRE[0] + distance * np.cos(angle) / 111.2
    lon = CENTRE[1] + distance * np.sin(angle) / (111.2 * math.cos(math.radians(CENTRE[0])))
    return lat, lon


def _neighbours(lat: np.ndarray, lon: np.ndarray, k: int) -> np.ndarray:
    """The k nearest other points of each point (flat-earth distances, in chunks)."""
    x = lon * 111.2 * math.cos(math.radians(CENTRE[0]))
    y = lat * 111.2
    result = np.zeros((len(lat), k), dtype=np.int64)
    for start in range(0, len(lat), 500):
        block = slice(start, start + 500)
        d2 = (x[block, None] - x[None, :]) ** 2 + (y[block, None] - y[None, :]) ** 2
        d2[np.arange(d2.shape[0]), np.arange(start, start + d2.shape[0])] = np.inf
        nearest = np.argpartition(d2, k, axis=1)[:, :k]
        result[block] = nearest
    return result


def build_feed(seed: int = 21, stations: int = 300, singles: int = 4900, trips: int = 40_000) -> dict[str, bytes]:  # fmt: skip
    rng = np.random.default_rng(seed)
    platforms_per_station = rng.integers(2, 5, stations)
    points = stations + singles  # where lines stop: stations (at a platform) and single stops
    lat, lon = _positions(rng, points)
    stop_rows: list[tuple[object, ...]] = []
    board_ids: list[str] = []
    for s in range(stations):
        sid = f"de:syn:st{s}"
        stop_rows.append((sid, f"Bahnhof {s}", f"{lat[s]:.6f}", f"{lon[s]:.6f}", 1, ""))
        for p in range(int(platforms_per_station[s])):
            stop_rows.append((f"{sid}:{p + 1}", f"Bahnhof {s} Gleis {p + 1}", f"{lat[s] + 0.0001 * p:.6f}", f"{lon[s]:.6f}", 0, sid))  # fmt: skip
    for b in range(stations, points):
        sid = f"de:syn:hst{b}"
        stop_rows.append((sid, f"Haltestelle {b}", f"{lat[b]:.6f}", f"{lon[b]:.6f}", 0, ""))
    platform_of = {s: [f"de:syn:st{s}:{p + 1}" for p in range(int(platforms_per_station[s]))] for s in range(stations)}  # fmt: skip
    for b in range(points):
        board_ids.append(f"de:syn:hst{b}" if b >= stations else "")
    neighbours = _neighbours(lat, lon, 8)

    routes = 600
    route_rows = []
    patterns: list[list[int]] = []
    for r in range(routes):
        kind = 2 if r < 40 else (0 if r < 70 else 3)
        length = int(rng.integers(12, 29)) if kind == 3 else int(rng.integers(10, 31))
        current = int(rng.integers(0, stations)) if kind == 2 else int(rng.integers(0, points))
        pattern = [current]
        while len(pattern) < length:
            options = [n for n in neighbours[current] if n not in pattern]
            if not options:
                break
            current = int(rng.choice(options))
            pattern.append(current)
        patterns.append(pattern)
        name = f"RB {r + 1}" if kind == 2 else (f"Tram {r - 39}" if kind == 0 else str(100 + r))
        route_rows.append((f"r{r}", "syn", name, f"Linie {name}", kind))

    service_ids = list(SERVICES)
    shares = np.array([share for _days, share in SERVICES.values()])
    trip_rows = []
    stop_time_rows: list[tuple[object, ...]] = []
    per_route = np.bincount(rng.integers(0, routes, trips), minlength=routes)
    trip_number = 0
    for r, count in enumerate(per_route.tolist()):
        pattern = patterns[r]
        hops = rng.integers(60, 181, len(pattern) - 1)
        dwell = rng.integers(0, 2, len(pattern)) * 30
        first = np.sort(rng.integers(4 * 3600 + 1800, 24 * 3600 + 1800, count))
        for start in first.tolist():
            trip_id = f"t{trip_number}"
            service = service_ids[int(rng.choice(len(service_ids), p=shares))]
            trip_rows.append((f"r{r}", service, trip_id, f"Richtung {pattern[-1]}"))
            t = int(start)
            for seq, point in enumerate(pattern):
                stop_id = (
                    board_ids[point] or platform_of[point][trip_number % len(platform_of[point])]
                )
                arrival = t
                departure = t + int(dwell[seq]) if 0 < seq < len(pattern) - 1 else t
                stop_time_rows.append((trip_id, _clock(arrival), _clock(departure), stop_id, seq + 1))  # fmt: skip
                if seq < len(pattern) - 1:
                    t = departure + int(hops[seq])
            trip_number += 1

    calendar_rows = [
        (sid, *days, FIRST_DAY.strftime("%Y%m%d"), LAST_DAY.strftime("%Y%m%d"))
        for sid, (days, _share) in SERVICES.items()
    ]
    exceptions = []
    for day in HOLIDAYS:
        stamp = day.strftime("%Y%m%d")
        for sid in ("mo-fr", "schule", "sa"):
            exceptions.append((sid, stamp, 2))
        exceptions.append(("so", stamp, 1))  # holidays run the Sunday timetable
    holidays_school = [FIRST_DAY + timedelta(days=d) for d in range(10, 24)]  # Christmas break
    exceptions += [("schule", d.strftime("%Y%m%d"), 2) for d in holidays_school if d.weekday() < 5]

    transfer_rows = []
    for s in range(stations):
        sid = f"de:syn:st{s}"
        transfer_rows.append((sid, sid, 2, int(rng.integers(2, 7)) * 60))
    for b in rng.choice(np.arange(stations, points), 400, replace=False).tolist():
        other = int(neighbours[b][0])
        other_id = board_ids[other] or f"de:syn:st{other}"
        transfer_rows.append((board_ids[b], other_id, 2, int(rng.integers(3, 9)) * 60))

    return {
        "agency.txt": _table(
            ["agency_id", "agency_name", "agency_url", "agency_timezone"],
            [("syn", "Synthetischer Verkehrsverbund", "https://syn.example.org", "Europe/Berlin")],
        ),
        "feed_info.txt": _table(
            [
                "feed_publisher_name",
                "feed_publisher_url",
                "feed_lang",
                "feed_start_date",
                "feed_end_date",
                "feed_version",
            ],
            [
                (
                    "Synthetischer Verkehrsverbund",
                    "https://syn.example.org",
                    "de",
                    FIRST_DAY.strftime("%Y%m%d"),
                    LAST_DAY.strftime("%Y%m%d"),
                    f"seed-{seed}",
                )
            ],
        ),
        "stops.txt": _table(
            ["stop_id", "stop_name", "stop_lat", "stop_lon", "location_type", "parent_station"],
            stop_rows,
        ),
        "routes.txt": _table(
            ["route_id", "agency_id", "route_short_name", "route_long_name", "route_type"],
            route_rows,
        ),
        "trips.txt": _table(["route_id", "service_id", "trip_id", "trip_headsign"], trip_rows),
        "stop_times.txt": _table(
            ["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"],
            stop_time_rows,
        ),
        "calendar.txt": _table(["service_id", *WEEKDAYS, "start_date", "end_date"], calendar_rows),
        "calendar_dates.txt": _table(["service_id", "date", "exception_type"], exceptions),
        "transfers.txt": _table(
            ["from_stop_id", "to_stop_id", "transfer_type", "min_transfer_time"], transfer_rows
        ),
    }


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def write_region_feed(path: Path, seed: int = 21) -> Path:
    files = build_feed(seed)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def region_feed(folder: Path | None = None, seed: int = 21) -> Path:
    """The synthetic region feed as a zip, generated once into `folder` (default: temp dir)."""
    folder = folder or Path(tempfile.gettempdir())
    path = folder / f"srek_gtfs_region_seed{seed}.zip"
    if not path.is_file():
        partial = path.with_suffix(".partial")
        write_region_feed(partial, seed)
        partial.replace(path)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else region_feed()
    if len(sys.argv) > 1:
        write_region_feed(target)
    with zipfile.ZipFile(target) as archive:
        for info in archive.infolist():
            print(f"{info.filename:20s} {info.file_size / 1e6:8.1f} MB")
    print(target)
