"""Gazetteer benchmark: load time of the shipped postcode file vs. a bare gzip read of the same
file measured in the same run (median of N fresh loads each), then look-ups per second.

    python benchmarks/bench_gazetteer.py [--runs 7]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from srek_desk.paths import resource
from srek_desk.reference.gazetteer import DATA_FILE, Gazetteer

NAME_QUERIES = ["Kassel", "Hann. Münden", "Witzen", "Göttingen", "Muenden", "Frankfurt", "Höx", "B"]


def baseline(path: Path) -> int:
    """The least any loader does: unzip the file and split every data row at its tabs."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        lines = stream.read().splitlines()
    return len([line.split("\t") for line in lines if line and not line.startswith("#")])


def load(path: Path) -> tuple[float, float, int]:
    """Seconds to load (parse + postcode map) and to the first name search (name index)."""
    started = time.perf_counter()
    gazetteer = Gazetteer.load(path)
    size = len(gazetteer)
    loaded = time.perf_counter()
    gazetteer.search("Kassel")
    return loaded - started, time.perf_counter() - loaded, size


def per_second(action: Callable[[], object], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        action()
    return rounds / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    path = resource("gazetteer", DATA_FILE)
    baseline(path)  # warm the file cache
    base, loads, indexes = [], [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        rows = baseline(path)
        base.append(time.perf_counter() - started)
        loaded, indexed, size = load(path)
        loads.append(loaded)
        indexes.append(indexed)
    b, ld, ix = statistics.median(base), statistics.median(loads), statistics.median(indexes)
    total = statistics.median(x + y for x, y in zip(loads, indexes, strict=True))
    runs = lambda values: ", ".join(f"{x * 1000:.0f}" for x in values)  # noqa: E731
    print(f"file {path.stat().st_size / 1e6:.2f} MB, {rows} data lines, {size} postcodes")
    print(f"baseline (gzip read + split rows): median {b * 1000:.1f} ms  (runs: {runs(base)})")
    print(f"load (parse + postcode map): median {ld * 1000:.1f} ms  (runs: {runs(loads)})")
    print(f"name index (first name search): median {ix * 1000:.1f} ms  (runs: {runs(indexes)})")
    print(
        f"load + first name search: median {total * 1000:.1f} ms (goal < 200 ms); "
        f"ratio to baseline {total / b:.2f}"
    )
    gazetteer = Gazetteer.load(path)
    postcodes = list(gazetteer.postcodes())
    rate = per_second(lambda: [gazetteer.place_for_postcode(p) for p in postcodes], 20)
    print(f"place_for_postcode: {rate * len(postcodes):,.0f} look-ups/s")
    rate = per_second(lambda: [gazetteer.search(q) for q in NAME_QUERIES], 200)
    print(f"search by name: {rate * len(NAME_QUERIES):,.0f} queries/s")
    rate = per_second(lambda: [gazetteer.search(p[:3]) for p in postcodes[::50]], 20)
    print(f"search by postcode prefix: {rate * len(postcodes[::50]):,.0f} queries/s")


if __name__ == "__main__":
    main()
