"""Load test: simulated counsellors (separate processes) on one PostgreSQL database.

python benchmarks/load_test.py --url postgresql+psycopg://srek_test:srek-test@127.0.0.1/postgres
    [--workers 20] [--seconds 60] [--offers 5000] [--clients 500]

A fresh database `srek_load` is created on the server (dropped first if present), migrated and
filled with demo data. Each worker loops over a mix of what a desk does: reads (client list pages
with a search, client detail), matching (refresh + rank offers for a client) and writes (edit a
client under optimistic locking, add a note). Every successful client edit increments a counter
field; afterwards each client's counter must equal the number of edits the workers reported for it
— a lost update would show as a difference. Prints p50/p95 per operation, errors and conflicts.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import random
import statistics
import time
from dataclasses import replace
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DB_NAME = "srek_load"


def _database_url(server_url: str) -> str:
    return make_url(server_url).set(database=DB_NAME).render_as_string(hide_password=False)


def prepare(server_url: str, offers: int, clients: int) -> list[int]:
    from srek_desk.reference.catalog import ReferenceData
    from srek_desk.services.core.database import open_database
    from srek_desk.services.demo.generator import DemoGenerator

    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {DB_NAME}"))
    admin.dispose()
    database = open_database(_database_url(server_url))
    DemoGenerator(database, ReferenceData()).generate(offers=offers, clients=clients, seed=7)
    with database.session() as session:
        ids = list(session.execute(text("SELECT id FROM client ORDER BY id")).scalars())
        # the edit counter starts at 0 for everyone
        session.execute(text("UPDATE client SET phone = '0'"))
        session.commit()
    database.dispose()
    return ids


def worker(number: int, url: str, client_ids: list[int], seconds: float, queue: Any) -> None:
    from srek_desk.config import Config
    from srek_desk.errors import UserError
    from srek_desk.reference.catalog import ReferenceData
    from srek_desk.services.clients.service import ClientService
    from srek_desk.services.clients.values import ConflictError
    from srek_desk.services.core.access import SYSTEM
    from srek_desk.services.core.database import open_database
    from srek_desk.services.core.listing import ListingService
    from srek_desk.services.matching.service import MatchService

    rng = random.Random(number)
    reference = ReferenceData()
    database = open_database(url)
    clients = ClientService(database)
    listing = ListingService(database, "clients")
    matching = MatchService(database, reference, Config.defaults())
    timings: dict[str, list[float]] = {}
    edits: dict[int, int] = {}
    errors: list[str] = []
    conflicts = 0
    words = ["Muster", "Kassel", "Göttingen", "a", "Beispiel", "34"]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        roll = rng.random()
        client_id = rng.choice(client_ids)
        started = time.perf_counter()
        try:
            if roll < 0.35:
                operation = "list"
                listing.page(search=rng.choice(words), offset=0, limit=200)
                listing.count(search=rng.choice(words))
            elif roll < 0.55:
                operation = "detail"
                clients.detail(client_id)
            elif roll < 0.70:
                operation = "match"
                matching.refresh()
                # not matchable (placed, inactive, restricted) is a normal answer
                with contextlib.suppress(UserError):
                    matching.rank_offers(client_id, SYSTEM)
            elif roll < 0.85:
                operation = "edit"
                for _attempt in range(20):
                    data, version = clients.input_of(client_id)
                    counter = int(data.phone or "0") + 1
                    try:
                        clients.update(
                            client_id, replace(data, phone=str(counter)), version, reference
                        )
                    except ConflictError:
                        conflicts += 1
                        continue
                    edits[client_id] = edits.get(client_id, 0) + 1
                    break
                else:
                    errors.append("edit gave up after 20 conflicts")
            else:
                operation = "note"
                clients.add_note(client_id, f"Lasttest {number}")
        except Exception as exc:
            operation = "error"
            errors.append(f"{type(exc).__name__}: {exc}"[:300])
        timings.setdefault(operation, []).append(time.perf_counter() - started)
    database.dispose()
    queue.put({"timings": timings, "edits": edits, "errors": errors, "conflicts": conflicts})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--url", required=True, help="server URL of a role that may CREATE DATABASE"
    )
    parser.add_argument("--workers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--offers", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    client_ids = prepare(args.url, args.offers, args.clients)
    # a small set of "busy" clients makes colliding edits (the case optimistic locking is for)
    hot = client_ids[:40]
    url = _database_url(args.url)
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    processes = [
        context.Process(target=worker, args=(n, url, hot, args.seconds, queue))
        for n in range(args.workers)
    ]
    started = time.perf_counter()
    for process in processes:
        process.start()
    results = [queue.get(timeout=args.seconds + 300) for _ in processes]
    for process in processes:
        process.join()
    wall = time.perf_counter() - started

    timings: dict[str, list[float]] = {}
    edits: dict[int, int] = {}
    errors: list[str] = []
    conflicts = 0
    for result in results:
        for operation, values in result["timings"].items():
            timings.setdefault(operation, []).extend(values)
        for client_id, count in result["edits"].items():
            edits[client_id] = edits.get(client_id, 0) + count
        errors += result["errors"]
        conflicts += result["conflicts"]

    from srek_desk.services.core.database import open_database

    database = open_database(url)
    with database.session() as session:
        counters = dict(
            session.execute(
                text("SELECT id, phone FROM client WHERE id = ANY(:ids)"), {"ids": hot}
            ).all()
        )
    database.dispose()
    lost = {
        cid: (edits.get(cid, 0), int(counters[cid]))
        for cid in hot
        if edits.get(cid, 0) != int(counters[cid])
    }

    def ms(values: list[float], q: float) -> float:
        ordered = sorted(values)
        return round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)

    summary = {
        "workers": args.workers,
        "seconds": args.seconds,
        "wall_seconds": round(wall, 1),
        "operations": {
            op: {
                "count": len(values),
                "p50_ms": ms(values, 0.50),
                "p95_ms": ms(values, 0.95),
                "mean_ms": round(1000 * statistics.fmean(values), 1),
            }
            for op, values in sorted(timings.items())
        },
        "edits": sum(edits.values()),
        "conflicts_retried": conflicts,
        "lost_updates": len(lost),
        "errors": len(errors),
        "first_errors": errors[:5],
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        for op, figures in summary["operations"].items():  # type: ignore[attr-defined]
            print(
                f"{op:<7} n={figures['count']:>6}  p50 {figures['p50_ms']:>7} ms  p95 {figures['p95_ms']:>7} ms"
            )
        print(
            f"edits {summary['edits']}, conflicts retried {conflicts}, lost updates {len(lost)}, "
            f"errors {len(errors)} {errors[:3]}"
        )
    raise SystemExit(1 if lost or errors else 0)


if __name__ == "__main__":
    main()
