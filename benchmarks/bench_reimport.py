"""Re-import benchmark: 100,000 unchanged BA Jobsuche offers imported again, against a baseline
measured in the same run: `json.load` of the same file and one `executemany` of its rows into the
same table (the `offer` table of a copy of the imported database, with its indexes and search
triggers). Goal: the re-import takes at most twice the baseline.

For an unchanged offer only its confirmation time (`confirmed_at`, the "Stand") changes, so that
is all the re-import writes for it. Each phase runs in its own process on its own copy of the
database, so that one phase's caches do not help another.

    python benchmarks/bench_reimport.py [--offers 100000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

GOAL_RATIO = 2.0
EMPLOYERS = ("GmbH", "GmbH & Co. KG", "AG", "e.K.", "KG", "eG")
WORKING_TIMES = (
    ["VOLLZEIT"],
    ["TEILZEIT"],
    ["VOLLZEIT", "TEILZEIT"],
    ["SCHICHT_NACHTARBEIT_WOCHENENDE"],
)


def generate(path: Path, count: int) -> None:
    """A search export as the BA sends it (`/pc/v4/jobs`, old names), in pages of 100 answers.

    About a third of the listings come without coordinates (postcode only), one in fifty
    without a postcode (place name only); a few hundred occupation names, titles as employers
    write them ("Ausbildung …", "(m/w/d)", "Helfer/in …"), dual-study listings with `studiengang`.
    """
    from srek_desk.reference.catalog import ReferenceData

    reference = ReferenceData()
    rng = random.Random(16)
    postcodes = [p for p in reference.gazetteer.postcodes() if p[:2] in ("34", "35", "36", "37")]
    names = sorted({o.name for o in reference.occupations})[:800]
    pages: list[dict[str, Any]] = []
    for start in range(0, count, 100):
        listings = []
        for index in range(start, min(start + 100, count)):
            postcode = rng.choice(postcodes)
            place = reference.gazetteer.place_for_postcode(postcode)
            assert place is not None
            name = rng.choice(names)
            kind = rng.random()
            title = (
                f"Ausbildung {name} {2027 + index % 2}"
                if kind < 0.25
                else f"{name} (m/w/d)"
                if kind < 0.8
                else f"Helfer/in {name.split('/')[0]} in {place.name}"
            )
            where: dict[str, Any] = {
                "plz": postcode,
                "ort": place.name,
                "strasse": f"Musterstraße {index % 97 + 1}",
                "region": "Hessen" if place.state == "HE" else "Niedersachsen",
                "land": "Deutschland",
            }
            if index % 3:
                where["koordinaten"] = {"lat": place.lat, "lon": place.lon}
            if index % 50 == 0:
                del where["plz"]
            listing = {
                "hashId": f"h{index:08d}",
                "beruf": name,
                "titel": title,
                "refnr": f"10000-{index:010d}-S",
                "arbeitgeber": f"Muster {rng.randrange(max(count // 8, 1))} "
                f"{rng.choice(EMPLOYERS)}",
                "aktuelleVeroeffentlichungsdatum": f"2026-11-{index % 28 + 1:02d}",
                "eintrittsdatum": "2027-08-01" if kind < 0.25 else f"2026-12-{index % 28 + 1:02d}",
                "arbeitsort": where,
                "arbeitszeitmodelle": rng.choice(WORKING_TIMES),
                "befristung": rng.choice(["BEFRISTET", "UNBEFRISTET"]),
                "kundennummerHash": f"k{index % 5000:06d}",
                "modifikationsTimestamp": f"2026-11-{index % 28 + 1:02d}T10:{index % 60:02d}:00.000",
            }
            if index % 40 == 0:
                listing["studiengang"] = "Wirtschaftsinformatik"
            if index % 4 == 0:
                listing["externeUrl"] = (
                    f"https://karriere.muster-{index % 5000}.example.org/{index}"
                )
            listings.append(listing)
        pages.append({"stellenangebote": listings, "maxErgebnisse": str(count), "page": str(len(pages) + 1), "size": "100"})  # fmt: skip
    path.write_text(json.dumps(pages, ensure_ascii=False), encoding="utf-8")


def phase_import(db: str, data: str) -> dict[str, Any]:
    from srek_desk.reference.catalog import ReferenceData
    from srek_desk.services.core.database import open_database
    from srek_desk.services.imports.service import ImportService

    database = open_database(db)
    service = ImportService(database, ReferenceData())
    started = time.perf_counter()
    report = service.import_file(data)
    seconds = time.perf_counter() - started
    database.dispose()
    return {
        "seconds": seconds,
        "new": report.new,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "errors": len(report.errors),
    }


def phase_baseline(db: str, data: str) -> dict[str, Any]:
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
    rows = []
    for page in document:
        for item in page["stellenangebote"]:
            where = item["arbeitsort"]
            rows.append(
                {
                    "source": "baseline",
                    "reference": item["refnr"],
                    "title": item["titel"],
                    "occupation_name": item["beruf"],
                    "employer_name": item["arbeitgeber"],
                    "street": where["strasse"],
                    "postcode": where.get("plz", ""),
                    "place": where["ort"],
                    "lat": where.get("koordinaten", {}).get("lat"),
                    "lon": where.get("koordinaten", {}).get("lon"),
                    "url": item.get("externeUrl", ""),
                    "created_at": now,
                    "updated_at": now,
                    "confirmed_at": now,
                }
            )
    with database.engine.begin() as conn:
        conn.execute(insert(Offer), rows)
    seconds = time.perf_counter() - started
    database.dispose()
    return {"seconds": seconds, "rows": len(rows)}


def run_phase(name: str, db: Path, data: Path) -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", name, "--db", str(db), "--data", str(data)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument(
        "--repeat", type=int, default=1, help="measure re-import and baseline N times"
    )
    parser.add_argument("--phase")
    parser.add_argument("--db")
    parser.add_argument("--data")
    args = parser.parse_args()
    if args.phase:
        phase = phase_baseline if args.phase == "baseline" else phase_import
        print(json.dumps(phase(args.db, args.data)))
        return
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        data = root / "ba.json"
        generate(data, args.offers)
        print(f"file: {args.offers:,} offers, {data.stat().st_size / 1024 / 1024:.1f} MB")
        imported = root / "imported.sqlite3"
        first = run_phase("import", imported, data)
        print(f"first import (setup): {first['seconds']:6.2f} s, new={first['new']:,}")
        reimports, baselines = [], []
        for _ in range(args.repeat):
            for name, results in (("import", reimports), ("baseline", baselines)):
                copy = root / f"{name}.sqlite3"
                shutil.copy(imported, copy)
                results.append(run_phase(name, copy, data))
                copy.unlink()
    again = min(reimports, key=lambda r: r["seconds"])
    base = min(baselines, key=lambda r: r["seconds"])
    assert again["unchanged"] == args.offers and again["updated"] == 0 and again["new"] == 0, again
    ratio = again["seconds"] / base["seconds"]
    print(f"re-import unchanged  : {again['seconds']:6.2f} s, unchanged={again['unchanged']:,}")
    print(f"baseline json+execmany: {base['seconds']:6.2f} s, rows={base['rows']:,}")
    print(
        f"ratio re-import/baseline: {ratio:.2f}x (goal <= {GOAL_RATIO:.1f}x): "
        + ("met" if ratio <= GOAL_RATIO else "NOT met")
    )


if __name__ == "__main__":
    main()
