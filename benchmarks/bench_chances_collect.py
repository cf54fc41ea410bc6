"""New chances end to end, and the Heute page queries, on demo data.

ChanceService.collect after an import of `--changed` offers (the matcher's new_matches, the SQL
filter for proposed/hidden/recorded pairs and restricted clients, the bulk insert), then the
Heute page's queries: ChanceService.counts, ReminderService.due, one client's for_client.

    python benchmarks/bench_chances_collect.py [--offers 100000 --clients 10000 --changed 5000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import bindparam, func, select, update

from srek_desk.config import Config
from srek_desk.db.models import Client, Offer
from srek_desk.db.models_counselling import NewChance
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.chances.reminders import ReminderService
from srek_desk.services.chances.service import ChanceService
from srek_desk.services.core.database import open_database
from srek_desk.services.demo.generator import DemoGenerator
from srek_desk.services.matching.service import MatchService


def _timed(label: str, work):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = work()
    print(f"{label}: {time.perf_counter() - started:.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=5_000)
    parser.add_argument("--min-score", type=float, default=70.0)
    args = parser.parse_args()
    reference = ReferenceData()
    config = Config.defaults().with_values(matching__new_chance_min_score=args.min_score)
    rng = random.Random(2)
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.sqlite3")
        _timed(
            f"demo data ({args.offers} offers, {args.clients} clients)",
            lambda: DemoGenerator(db, reference).generate(
                offers=args.offers, clients=args.clients, seed=1
            ),
        )
        # contacts spread over the last 90 days: the no-contact reminder has work to do
        now = datetime.now(UTC)
        with db.engine.begin() as connection:
            ids = connection.execute(select(Client.id)).scalars().all()
            connection.execute(
                update(Client)
                .where(Client.id == bindparam("cid"))
                .values(last_contact_at=bindparam("at")),
                [{"cid": i, "at": now - timedelta(days=rng.randint(0, 90))} for i in ids],
            )
            offer_ids = connection.execute(select(Offer.id)).scalars().all()
        matching = _timed("matching index", lambda: MatchService(db, reference, config))
        changed = rng.sample(list(offer_ids), min(args.changed, len(offer_ids)))
        service = ChanceService(db, config=config)
        added = _timed(
            f"collect ({len(changed)} changed offers)",
            lambda: service.collect(matching, None, changed),
        )
        print(f"  {added} new chances stored")
        _timed("collect again (nothing new)", lambda: service.collect(matching, None, changed))
        counts = _timed("counts (Heute)", service.counts)
        print(f"  {len(counts)} clients with new chances")
        reminders = ReminderService(db, config=config)
        due = _timed("reminders (Heute)", reminders.due)
        print(f"  {len(due)} reminders")
        if counts:
            _timed("for_client (busiest client)", lambda: service.for_client(counts[0].client_id))
        with db.session() as session:
            stored = session.execute(select(func.count(NewChance.id))).scalar_one()
        print(f"new_chance rows: {stored}")
        db.dispose()


if __name__ == "__main__":
    main()
