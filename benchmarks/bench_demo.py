"""Demo generation benchmark: 100,000 offers and 10,000 clients into an empty SQLite file.

python benchmarks/bench_demo.py [--offers 100000 --clients 10000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.database import open_database
from srek_desk.services.demo.generator import DemoGenerator


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=10_000)
    args = parser.parse_args()
    reference = ReferenceData()
    started = time.perf_counter()
    _ = reference.gazetteer, reference.occupations
    loaded = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.sqlite3")
        started = time.perf_counter()
        result = DemoGenerator(db, reference).generate(
            offers=args.offers, clients=args.clients, seed=1
        )
        elapsed = time.perf_counter() - started
        size = (Path(folder) / "bench.sqlite3").stat().st_size
        db.dispose()
    print(f"reference data loaded in {loaded * 1000:.0f} ms")
    print(
        f"{result.offers} offers, {result.employers} employers, {result.clients} clients "
        f"in {elapsed:.1f} s (goal < 30 s); database {size / 1e6:.0f} MB; extras {result.extras}"
    )


if __name__ == "__main__":
    main()
