"""Timetable import benchmark: a region-sized GTFS feed loaded by `srek-desk timetable import`.

The feed (benchmarks/gtfs_synthetic.py: ~6,000 stops, 40,000 trips, ~800,000 stop_times, a
zip as published) is generated once into the temp folder. Measured, each phase in its own
process on a fresh SQLite file:
- baseline: what one would write first: `csv.reader` over stop_times.txt (streamed from the
  same zip) and one `executemany` of its rows (trip_id, arrival, departure, stop_id, seq) into a
  SQLite table, committed;
- import: `TimetableService.import_feed` (read all files, clip to 120 km around Kassel, check,
  sort, serialise, store in one transaction), the call `srek-desk timetable import` makes;
- load: `TimetableService.load()` in a fresh process (read the blob, rebuild the arrays).
Goal: import ≤ 3× the baseline. Also printed: the stored blob's size, the loaded arrays'
memory and each phase's peak RSS.

    python benchmarks/bench_timetable_import.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOAL_RATIO = 3.0
SETTINGS = {"office.postcode": "34117", "timetable.region_km": 120.0}


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss not inherited over exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_baseline(db: str, feed: str) -> dict[str, Any]:
    started = time.perf_counter()
    connection = sqlite3.connect(db)
    connection.execute(
        "CREATE TABLE stop_times (trip_id TEXT, arrival TEXT, departure TEXT, stop_id TEXT, "
        "seq INTEGER)"
    )
    with zipfile.ZipFile(feed) as archive, archive.open("stop_times.txt") as raw:
        reader = csv.reader(io.TextIOWrapper(raw, encoding="utf-8-sig", newline=""))
        header = next(reader)
        columns = [
            header.index(c)
            for c in ("trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence")
        ]
        rows = ([row[i] for i in columns] for row in reader)
        with connection:
            connection.executemany("INSERT INTO stop_times VALUES (?, ?, ?, ?, ?)", rows)
    count = connection.execute("SELECT count(*) FROM stop_times").fetchone()[0]
    connection.close()
    return {"seconds": time.perf_counter() - started, "rows": count, "peak_mb": _peak_mb()}


def phase_import(db: str, feed: str) -> dict[str, Any]:
    from srek_desk.reference.gazetteer import Gazetteer
    from srek_desk.services.core.database import open_database
    from srek_desk.services.timetable import TimetableService

    database = open_database(db)
    service = TimetableService(database, SETTINGS, gazetteer=Gazetteer.load())
    started = time.perf_counter()
    result = service.import_feed(feed)
    seconds = time.perf_counter() - started
    database.dispose()
    return {"seconds": seconds, "peak_mb": _peak_mb(), **result.to_json()}


def phase_load(db: str, feed: str) -> dict[str, Any]:
    from srek_desk.services.core.database import open_database
    from srek_desk.services.timetable import TimetableService

    database = open_database(db)
    before = _peak_mb()
    started = time.perf_counter()
    loaded = TimetableService(database, SETTINGS).load()
    seconds = time.perf_counter() - started
    assert loaded is not None
    database.dispose()
    return {
        "seconds": seconds,
        "memory_mb": loaded.timetable.memory_bytes() / 1024 / 1024,
        "peak_mb": _peak_mb(),
        "peak_before_mb": before,
        "trips": loaded.timetable.trip_count,
    }


PHASES = {"baseline": phase_baseline, "import": phase_import, "load": phase_load}


def run_phase(name: str, db: Path, feed: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", name, "--db", str(db), "--feed", str(feed)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3, help="runs of each phase (best counts)")
    parser.add_argument("--phase", choices=sorted(PHASES))
    parser.add_argument("--db")
    parser.add_argument("--feed")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](args.db, args.feed), default=str))
        return
    from benchmarks.gtfs_synthetic import region_feed

    feed = region_feed()
    with zipfile.ZipFile(feed) as archive:
        size = archive.getinfo("stop_times.txt").file_size
    print(
        f"feed: {feed} ({feed.stat().st_size / 1e6:.1f} MB zip, stop_times.txt {size / 1e6:.1f} MB)"
    )
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        bases, imports, loads = [], [], []
        for n in range(args.repeat):
            bases.append(run_phase("baseline", root / f"base{n}.sqlite3", feed))
            imports.append(run_phase("import", root / f"import{n}.sqlite3", feed))
            loads.append(run_phase("load", root / f"import{n}.sqlite3", feed))
    base = min(bases, key=lambda r: r["seconds"])
    imported = min(imports, key=lambda r: r["seconds"])
    load = min(loads, key=lambda r: r["seconds"])
    print(
        f"baseline csv+executemany: {base['seconds']:6.2f} s  ({base['rows']:,} rows, "
        f"peak RSS {base['peak_mb']:.0f} MB)"
    )
    print(
        f"timetable import:         {imported['seconds']:6.2f} s  ({imported['stops']:,} stops, "
        f"{imported['routes']} routes, {imported['trips']:,} trips, "
        f"{imported['stop_times']:,} stop_times; peak RSS {imported['peak_mb']:.0f} MB)"
    )
    ratio = imported["seconds"] / base["seconds"]
    verdict = "met" if ratio <= GOAL_RATIO else "MISSED"
    print(f"ratio import/baseline:    {ratio:6.2f}x  (goal ≤ {GOAL_RATIO:.0f}x: {verdict})")
    print(f"stored blob:              {imported['stored_bytes'] / 1e6:6.2f} MB")
    print(
        f"load():                   {load['seconds'] * 1000:6.0f} ms, arrays "
        f"{load['memory_mb']:.1f} MiB, peak RSS {load['peak_mb']:.0f} MB "
        f"({load['peak_before_mb']:.0f} MB before loading)"
    )
    print(f"runs: {args.repeat} each, best shown")


if __name__ == "__main__":
    main()
