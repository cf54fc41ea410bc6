"""New chances after an import: Matcher.new_matches for all clients against the changed offers.

Demo data (100,000 offers, 10,000 clients) with skills, flags and preferences; 5,000 offers
count as changed by an import. Prints the seconds of the vectorised pairs path (goal < 10 s)
and, for comparison, the per-offer rank_clients loop it replaced, timed on a sample.

    python benchmarks/bench_new_chances.py [--offers 100000 --clients 10000 --changed 5000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from bench_matching import with_skills

from srek_desk.config import Config
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.database import open_database
from srek_desk.services.demo.generator import DemoGenerator
from srek_desk.services.matching.service import MatchService


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=5_000)
    parser.add_argument("--min-score", type=float, default=70.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--slow-sample", type=int, default=100, help="offers for the old loop")
    args = parser.parse_args()
    reference = ReferenceData()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.sqlite3")
        DemoGenerator(db, reference).generate(offers=args.offers, clients=args.clients, seed=1)
        with_skills(db)
        service = MatchService(db, reference, Config.defaults())
        db.dispose()
    matcher = service.matcher
    ids = [int(i) for i in matcher.offers.ids]
    changed = random.Random(2).sample(ids, min(args.changed, len(ids)))
    times, found = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        found = matcher.new_matches(changed, min_score=args.min_score)
        times.append(time.perf_counter() - started)
    sample = changed[: args.slow_sample]
    started = time.perf_counter()
    slow = []
    for offer_id in sample:
        row = matcher.offers.row(offer_id)
        if row is None:
            continue
        result = matcher.rank_clients(row, top=len(matcher.clients.ids), near_misses=0)
        slow += [(m.client_id, m.offer_id, m.score) for m in result.matches]
    per_offer = (time.perf_counter() - started) / len(sample)
    fast_sample = matcher.new_matches(sample, min_score=0.0)
    assert fast_sample == slow, "the pairs path must equal the rank_clients loop"
    print(
        f"new_matches: {len(matcher.clients)} clients × {len(changed)} changed offers "
        f"({len(matcher.offers)} in the index, min score {args.min_score:g}): "
        f"best {min(times):.2f} s, worst {max(times):.2f} s (goal < 10 s); {len(found)} new chances"
    )
    print(
        f"old loop (rank_clients per offer, with reasons): {per_offer * 1000:.0f} ms per offer "
        f"→ about {per_offer * len(changed):.0f} s for {len(changed)} offers; "
        f"same pairs and scores on {len(sample)} offers: yes"
    )


if __name__ == "__main__":
    main()
