"""Occupation catalogue: load time and search time per query (shipped, and with the official KldB file).

Run: .venv/bin/python benchmarks/bench_occupations.py [path/to/kldb2010.csv]
Budgets: load < 100 ms, search <= 5 ms per query with ~1,300 occupations.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from srek_desk.importers.kldb_csv import parse_kldb_csv  # noqa: E402
from srek_desk.reference.occupations import OccupationCatalog  # noqa: E402

QUERIES = (
    "Elektroinstallateur/in",
    "Mechatronikerin",
    "Fachinformatiker Anwendungsentwicklung",
    "pflegefachmann",
    "Koechin",
    "Lagerhelfer",
    "Servicetechniker Windenergie",
    "Kaufmann/Kauffrau im Einzelhandel",
    "Mechatron",
    "Elektro",
    "2621",
    "Industriemechaniker/Industriemechanikerin Fachrichtung Betriebstechnik",
    "Medizinischer Fachangestellter/Medizinische Fachangestellte",
    "Berufskraftfahrer",
    "Xylophonbauer",
)
DEFAULT_KLDB = (
    ROOT.parent / "shared" / "data" / "kldb" / "kldb2010_v2020_gliederung_mit_erlaeuterung.csv"
)


def time_searches(catalog: OccupationCatalog, rounds: int = 20) -> tuple[float, float]:
    timings = []
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            catalog.search(query)
            timings.append(time.perf_counter() - started)
    timings.sort()
    return statistics.median(timings) * 1000, timings[int(len(timings) * 0.95)] * 1000


def main() -> None:
    loads = []
    for _ in range(5):
        started = time.perf_counter()
        catalog = OccupationCatalog.load()
        loads.append(time.perf_counter() - started)
    print(
        f"load shipped catalogue: {len(catalog)} entries, median {statistics.median(loads) * 1000:.1f} ms"
    )
    median, p95 = time_searches(catalog)
    print(f"search (shipped): median {median:.2f} ms/query, p95 {p95:.2f} ms")

    kldb = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_KLDB
    if not kldb.is_file():
        print(f"no KldB file at {kldb}; skipping the extended catalogue")
        return
    started = time.perf_counter()
    result = parse_kldb_csv(kldb)
    parsed = time.perf_counter() - started
    started = time.perf_counter()
    catalog.extend(result.occupations)
    catalog.add_group_names(result.groups)
    extended = time.perf_counter() - started
    print(
        f"parse KldB CSV: {len(result.occupations)} Berufsgattungen in {parsed * 1000:.0f} ms; "
        f"extend: {extended * 1000:.0f} ms -> {len(catalog)} entries"
    )
    median, p95 = time_searches(catalog)
    print(f"search (extended): median {median:.2f} ms/query, p95 {p95:.2f} ms")


if __name__ == "__main__":
    main()
