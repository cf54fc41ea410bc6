"""Import benchmark: 100,000 offers from BA Jobsuche JSON into an empty database, a re-import of the
same file (all unchanged), and a bare `json.load` + `executemany` of the same rows in the same run.

Each phase runs in its own process, so that peak memory (ru_maxrss, and tracemalloc for Python
objects) belongs to that phase alone.

    python benchmarks/bench_import.py [--offers 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

GOALS = {"import": 20.0, "reimport": 10.0}


def ba_listings(count: int) -> list[dict]:
    """`count` BA Jobsuche listings over the region's postcodes (a third without coordinates);
    deterministic. bench_fetch.py serves the same listings from its fake Jobbörse."""
    from srek_desk.reference.catalog import ReferenceData

    reference = ReferenceData()
    rng = random.Random(7)
    postcodes = [
        p for p in reference.gazetteer.postcodes() if p[:2] in ("34", "37", "36", "33", "35")
    ]
    names = sorted({o.name for o in reference.occupations})[:600]
    offers = []
    for index in range(count):
        postcode = rng.choice(postcodes)
        place = reference.gazetteer.place_for_postcode(postcode)
        assert place is not None
        name = rng.choice(names)
        offers.append(
            {
                "hashId": f"h{index}",
                "beruf": name,
                "titel": f"{name} (m/w/d)",
                "refnr": f"10000-{index:010d}-S",
                "arbeitgeber": f"Muster {rng.randrange(max(1, count // 8))} GmbH",
                "aktuelleVeroeffentlichungsdatum": "2026-11-01",
                "eintrittsdatum": "2027-08-01",
                "arbeitsort": {
                    "plz": postcode,
                    "ort": place.name,
                    "region": "Hessen",
                    "land": "Deutschland",
                    **({"koordinaten": {"lat": place.lat, "lon": place.lon}} if index % 3 else {}),
                },
                "externeUrl": f"https://muster.example.org/{index}",
                "modifikationsTimestamp": "2026-11-01T10:00:00.000",
            }
        )
    return offers


def generate(path: Path, count: int) -> None:
    listings = ba_listings(count)
    path.write_text(json.dumps({"stellenangebote": listings}, ensure_ascii=False), encoding="utf-8")


def phase_import(db: str, data: str) -> dict:
    from srek_desk.reference.catalog import ReferenceData
    from srek_desk.services.core.database import open_database
    from srek_desk.services.imports.service import ImportOptions, ImportService

    database = open_database(db)
    service = ImportService(database, ReferenceData())
    started = time.perf_counter()
    report = service.import_file(data, ImportOptions(source="bench"))
    seconds = time.perf_counter() - started
    database.dispose()
    return {
        "seconds": seconds,
        "new": report.new,
        "unchanged": report.unchanged,
        "errors": len(report.errors),
    }


def phase_baseline(db: str, data: str) -> dict:
    """What one would write first: json.load and one executemany of the same rows."""
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from srek_desk.db.models import Offer
    from srek_desk.services.core.database import open_database

    database = open_database(db)
    started = time.perf_counter()
    with open(data, encoding="utf-8") as stream:
        document = json.load(stream)
    now = datetime.now(UTC)
    rows = [
        {
            "source": "baseline",
            "reference": item["refnr"],
            "title": item["titel"],
            "occupation_name": item["beruf"],
            "employer_name": item["arbeitgeber"],
            "postcode": item["arbeitsort"]["plz"],
            "place": item["arbeitsort"]["ort"],
            "lat": item["arbeitsort"].get("koordinaten", {}).get("lat"),
            "lon": item["arbeitsort"].get("koordinaten", {}).get("lon"),
            "url": item["externeUrl"],
            "created_at": now,
            "updated_at": now,
        }
        for item in document["stellenangebote"]
    ]
    with database.engine.begin() as conn:
        conn.execute(insert(Offer), rows)
    seconds = time.perf_counter() - started
    database.dispose()
    return {"seconds": seconds, "rows": len(rows)}


def run_phase(name: str, db: Path, data: Path, traced: bool) -> dict:
    command = [sys.executable, __file__, "--phase", name, "--db", str(db), "--data", str(data)]
    if traced:
        command.append("--traced")
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def child(args: argparse.Namespace) -> None:
    if args.traced:
        tracemalloc.start()
    result = (phase_baseline if args.phase == "baseline" else phase_import)(args.db, args.data)
    if args.traced:
        result["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--phase")
    parser.add_argument("--db")
    parser.add_argument("--data")
    parser.add_argument("--traced", action="store_true")
    args = parser.parse_args()
    if args.phase:
        child(args)
        return
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        data = root / "ba.json"
        generate(data, args.offers)
        print(f"file: {args.offers} offers, {data.stat().st_size / 1024 / 1024:.1f} MB")
        first = run_phase("import", root / "import.sqlite3", data, False)
        again = run_phase("import", root / "import.sqlite3", data, False)
        base = run_phase("baseline", root / "baseline.sqlite3", data, False)
        traced = run_phase("import", root / "traced.sqlite3", data, True)
    print(
        f"import into empty DB : {first['seconds']:6.2f} s  (goal < {GOALS['import']:.0f} s), "
        f"new={first['new']}, peak RSS {first['maxrss_mb']:.0f} MB (goal < 500 MB)"
    )
    print(
        f"re-import unchanged  : {again['seconds']:6.2f} s  (goal < {GOALS['reimport']:.0f} s), "
        f"unchanged={again['unchanged']}, peak RSS {again['maxrss_mb']:.0f} MB"
    )
    print(f"baseline json+execmany: {base['seconds']:6.2f} s, peak RSS {base['maxrss_mb']:.0f} MB")
    print(
        f"ratio import/baseline: {first['seconds'] / base['seconds']:.2f}x, "
        f"re-import/baseline: {again['seconds'] / base['seconds']:.2f}x"
    )
    print(
        f"tracemalloc peak (Python objects, import, separate run): {traced['traced_peak_mb']:.0f} MB"
    )


if __name__ == "__main__":
    main()
