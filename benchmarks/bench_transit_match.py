"""Matching with a timetable: `rank_offers` for bus-and-train-only clients on 100,000 offers with
the region-sized synthetic timetable loaded, against the same ranking without it (the estimate)
in the same run; also `rank_clients` and the new-chance collection (`new_matches`) both ways.

The demo data covers the region's real postcodes; the synthetic feed (benchmarks/gtfs_synthetic.py)
has ~6,000 stops around Kassel. The timetable is asked for a school day the feed runs (its
calendar starts 13 December 2026); the offers' freshness is judged by today's date.

    python benchmarks/bench_transit_match.py [--offers 100000 --clients 10000 --runs 40]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.gtfs_synthetic import region_feed
from srek_desk.config import Config
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.database import open_database
from srek_desk.services.demo.generator import DemoGenerator
from srek_desk.services.matching.service import MatchService, client_profiles
from srek_desk.services.timetable import TimetableService

SCHOOL_DAY_BEFORE = date(2027, 1, 11)  # a Monday: the search runs for Tuesday 12 January 2027


def _median_ms(times: list[float]) -> str:
    return f"{statistics.median(times) * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--changed", type=int, default=5_000, help="offers an import changed")
    args = parser.parse_args()
    reference = ReferenceData()
    config = Config.defaults()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.sqlite3")
        DemoGenerator(db, reference).generate(offers=args.offers, clients=args.clients, seed=1)
        started = time.perf_counter()
        TimetableService(db, config).import_feed(region_feed())
        imported = time.perf_counter() - started
        service = MatchService(db, reference, config)
        # offers stay fresh by today's date; the timetable is asked for a day the feed runs
        transit = service.transit.commutes(SCHOOL_DAY_BEFORE)
        assert transit is not None and transit.runs, "the synthetic feed must run that day"
        tracemalloc.start()
        router_memory = transit.router.timetable.memory_bytes() + transit.router.memory_bytes()
        profiles, _ = client_profiles(db, reference)
        sample = [replace(p, modes=("pt",)) for p in profiles if p.lat is not None][: args.runs]

        def rank(with_timetable: bool) -> tuple[list[float], int]:
            service.matcher.transit = transit if with_timetable else None
            times, from_timetable = [], 0
            for profile in sample:
                t = time.perf_counter()
                result = service.matcher.rank_offers(profile, top=50, near_misses=20)
                for match in result.matches + result.near_misses:
                    _ = match.reasons, match.excluded_because
                times.append(time.perf_counter() - t)
                from_timetable += sum(m.commute_source == "timetable" for m in result.matches)
            return times, from_timetable

        baseline, _ = rank(False)
        first, used = rank(True)  # each origin searched for the first time
        cached, _ = rank(True)  # the per-origin cache answers
        offers = service.matcher.offers.rows[:: max(1, len(service.matcher.offers.rows) // 20)]

        def rank_clients(with_timetable: bool) -> list[float]:
            service.matcher.transit = transit if with_timetable else None
            times = []
            for row in offers:
                t = time.perf_counter()
                service.matcher.rank_clients(row, top=50, near_misses=20)
                times.append(time.perf_counter() - t)
            return times

        clients_base = rank_clients(False)
        clients_first = rank_clients(True)
        all_ids = [int(i) for i in service.matcher.offers.ids]
        ids = random.Random(2).sample(all_ids, min(args.changed, len(all_ids)))
        service.matcher.transit = None
        t = time.perf_counter()
        service.matcher.new_matches(ids, min_score=70)
        chances_base = time.perf_counter() - t
        service.matcher.transit = service.transit.commutes(SCHOOL_DAY_BEFORE)
        service.transit._commutes.clear()  # a fresh cache: every origin searched anew
        service.matcher.transit = service.transit.commutes(SCHOOL_DAY_BEFORE)
        t = time.perf_counter()
        service.matcher.new_matches(ids, min_score=70)
        chances = time.perf_counter() - t
        t = time.perf_counter()
        service.matcher.new_matches(ids, min_score=70)
        chances_cached = time.perf_counter() - t
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        db.dispose()
    print(f"{args.offers} offers, {args.clients} clients; feed import {imported:.1f} s")
    print(
        f"timetable + router arrays: {router_memory / 2**20:.1f} MiB; traced peak {peak / 2**20:.0f} MiB"
    )
    print(f"rank_offers, pt-only clients ({len(sample)}), top 50 + reasons (median):")
    print(f"  baseline, estimate only          {_median_ms(baseline)}")
    print(
        f"  timetable, first search of origin {_median_ms(first)}  ({statistics.median(first) / statistics.median(baseline):.1f}x; goal <= 2x)"
    )
    print(
        f"  timetable, origin cached          {_median_ms(cached)}  ({statistics.median(cached) / statistics.median(baseline):.1f}x)"
    )
    print(f"  matches with timetable minutes: {used}")
    print("rank_clients, 20 offers (median):")
    print(f"  baseline {_median_ms(clients_base)}   timetable {_median_ms(clients_first)}")
    print(
        f"new_matches for {len(ids)} changed offers (min score 70): baseline {chances_base:.2f} s, "
        f"timetable {chances:.2f} s with every origin searched anew, {chances_cached:.2f} s cached "
        "(budget: < 10 s, benchmarks/bench_new_chances.py)"
    )


if __name__ == "__main__":
    main()
