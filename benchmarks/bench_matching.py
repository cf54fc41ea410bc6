"""Matching benchmark on demo data: index build, rank_offers (top 50 with reasons), rank_clients,
and a straightforward baseline (a Python loop over ORM-loaded offers) in the same run.

The demo data gets skills, BA flags and client preferences first (`with_skills`), so the figures
include the skill bit sets; `--no-skills` measures the plain demo data.

    python benchmarks/bench_matching.py [--offers 100000 --clients 10000 --runs 50 --no-skills]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import bindparam, update
from sqlmodel import select

from srek_desk.config import Config
from srek_desk.db.models import Client, Offer
from srek_desk.matching.index import OfferIndex
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.database import open_database
from srek_desk.services.demo.generator import DemoGenerator
from srek_desk.services.matching.service import MatchService, client_profiles, offer_rows
from srek_desk.services.offers.skills import SkillService


def with_skills(db, seed: int = 1) -> None:  # type: ignore[no-untyped-def]
    """Give the demo offers required/desirable skills and flags, and the clients skills and
    preferences (random, reproducible): a third of the offers require one or two skills."""
    rng = random.Random(seed)
    skills = [entry.code for entry in SkillService(db).vocabulary()]
    flags = ["lateral_entry", "refugees", "temp_agency", "private_agency", "disabled_only"]
    preferences = ["no_temp_agency", "lateral_entry", "refugee", "severely_disabled"]
    with db.engine.begin() as connection:
        offer_ids = connection.execute(select(Offer.id)).scalars().all()
        client_ids = connection.execute(select(Client.id)).scalars().all()
        connection.execute(
            update(Offer)
            .where(Offer.id == bindparam("oid"))
            .values(
                skills_required=bindparam("req"),
                skills_nice=bindparam("nice"),
                flags=bindparam("flg"),
            ),
            [
                {
                    "oid": offer_id,
                    "req": ",".join(rng.sample(skills, rng.choice((0, 0, 0, 0, 1, 2)))),
                    "nice": ",".join(rng.sample(skills, rng.choice((0, 1, 2, 3)))),
                    "flg": ",".join(rng.sample(flags, 1)) if rng.random() < 0.15 else "",
                }
                for offer_id in offer_ids
            ],
        )
        connection.execute(
            update(Client)
            .where(Client.id == bindparam("cid"))
            .values(skills=bindparam("sk"), offer_preferences=bindparam("pref")),
            [
                {
                    "cid": client_id,
                    "sk": ",".join(rng.sample(skills, rng.randint(0, 6))),
                    "pref": ",".join(rng.sample(preferences, 1)) if rng.random() < 0.2 else "",
                }
                for client_id in client_ids
            ],
        )


def baseline(db, profile) -> int:  # type: ignore[no-untyped-def]
    """What one would write first: load every offer as an ORM object and loop in Python."""
    with db.session() as session:
        offers = session.exec(select(Offer).where(Offer.active)).all()
    hits = []
    wishes = {code for code, _ in profile.wishes}
    groups = {code[:3] for code in wishes}
    for o in offers:
        if not o.kldb_code or o.kldb_code[:3] not in groups or o.lat is None:
            continue
        p1, p2 = math.radians(profile.lat), math.radians(o.lat)
        a = (
            math.sin((p2 - p1) / 2) ** 2
            + math.cos(p1) * math.cos(p2) * math.sin(math.radians(o.lon - profile.lon) / 2) ** 2
        )
        km = 2 * 6371 * math.asin(math.sqrt(a))
        minutes = 4 + km * 1.3 / 55 * 60
        if minutes <= profile.max_minutes:
            score = (1.0 if o.kldb_code in wishes else 0.6) * 40 + (
                1 - minutes / profile.max_minutes
            ) * 25
            hits.append((score, o.id))
    hits.sort(reverse=True)
    return len(hits[:50])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--no-skills", action="store_true", help="plain demo data")
    args = parser.parse_args()
    reference = ReferenceData()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.sqlite3")
        DemoGenerator(db, reference).generate(offers=args.offers, clients=args.clients, seed=1)
        if not args.no_skills:
            with_skills(db)
        _ = reference.occupations, reference.gazetteer
        started = time.perf_counter()
        rows, _ = offer_rows(db)
        OfferIndex(rows)
        offer_build = time.perf_counter() - started
        started = time.perf_counter()
        service = MatchService(db, reference, Config.defaults())
        build = time.perf_counter() - started
        profiles, _ = client_profiles(db, reference)
        sample = profiles[: args.runs]
        offer_times, found = [], []
        for profile in sample:
            t = time.perf_counter()
            result = service.matcher.rank_offers(profile, top=50, near_misses=20)
            # the German sentences are rendered when first read: read them all, as a list does
            for match in result.matches + result.near_misses:
                _ = match.reasons, match.excluded_because
            offer_times.append(time.perf_counter() - t)
            found.append(len(result.matches))
        sampled_offers = [
            service.matcher.offers.rows[i]
            for i in range(
                0,
                len(service.matcher.offers.rows),
                max(1, len(service.matcher.offers.rows) // args.runs),
            )
        ][: args.runs]
        client_times = []
        for row in sampled_offers:
            t = time.perf_counter()
            ranked = service.matcher.rank_clients(row, top=50, near_misses=20)
            for match in ranked.matches + ranked.near_misses:
                _ = match.reasons, match.excluded_because
            client_times.append(time.perf_counter() - t)
        base_times = []
        for profile in sample[:3]:
            t = time.perf_counter()
            baseline(db, profile)
            base_times.append(time.perf_counter() - t)
        db.dispose()
    med = statistics.median(offer_times)
    print("with skills, flags and preferences" if not args.no_skills else "plain demo data")
    print(
        f"offer index build from the database ({args.offers} offers): {offer_build:.2f} s (goal < 2 s)"
    )
    print(f"full build, offers + {args.clients} clients: {build:.2f} s")
    print(
        f"rank_offers top 50 + reasons: median {med * 1000:.1f} ms, p95 {sorted(offer_times)[int(0.95 * len(offer_times)) - 1] * 1000:.1f} ms "
        f"(goal < 30 ms); matches per client median {statistics.median(found)}"
    )
    print(
        f"rank_clients over {len(profiles)} clients: median {statistics.median(client_times) * 1000:.1f} ms (goal < 30 ms)"
    )
    base = statistics.median(base_times)
    print(
        f"baseline (ORM load + Python loop, no reasons): median {base * 1000:.0f} ms; ratio {base / med:.0f}x"
    )


if __name__ == "__main__":
    main()
