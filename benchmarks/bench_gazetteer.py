"""Benchmark: gazetteer load time and look-ups per second (run: python benchmarks/bench_gazetteer.py)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from srek_desk.reference.gazetteer import Gazetteer

NAME_QUERIES = ["Kassel", "Hann. Münden", "Witzen", "Göttingen", "Muenden", "Frankfurt", "Höx", "B"]


def per_second(action, rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        action()
    return rounds / (time.perf_counter() - start)


def main() -> None:
    start = time.perf_counter()
    gazetteer = Gazetteer.load()
    size = len(gazetteer)
    loaded = time.perf_counter()
    gazetteer.search("Kassel")
    indexed = time.perf_counter()
    print(f"load: {(loaded - start) * 1000:.1f} ms ({size} postcodes)")
    print(f"name index (first name search): {(indexed - loaded) * 1000:.1f} ms")
    postcodes = list(gazetteer.postcodes())
    rate = per_second(lambda: [gazetteer.place_for_postcode(p) for p in postcodes], 20)
    print(f"place_for_postcode: {rate * len(postcodes):,.0f} look-ups/s")
    rate = per_second(lambda: [gazetteer.search(q) for q in NAME_QUERIES], 200)
    print(f"search by name: {rate * len(NAME_QUERIES):,.0f} queries/s")
    rate = per_second(lambda: [gazetteer.search(p[:3]) for p in postcodes[::50]], 20)
    print(f"search by postcode prefix: {rate * len(postcodes[::50]):,.0f} queries/s")


if __name__ == "__main__":
    main()
