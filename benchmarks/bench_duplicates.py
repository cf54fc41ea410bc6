"""Duplicate checks on 10,000 clients: one editor check (with and without a birth date), the
whole-office pair search, and a client import of 2,000 new rows checked against them.

    python benchmarks/bench_duplicates.py [--clients 10000] [--rows 2000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import insert

from srek_desk.db.models import Client
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.clients.duplicates import DuplicateService, similar_clients
from srek_desk.services.core.database import open_database
from srek_desk.services.imports.service import ImportOptions, ImportService

FIRST = tuple(
    [
        "Ayşe",
        "Mehmet",
        "Lena",
        "Jonas",
        "Anna",
        "Paul",
        "Emre",
        "Fatma",
        "Lukas",
        "Marie",
        "Ali",
        "Sofia",
        "Elias",
        "Mia",
        "Noah",
        "Hanna",
        "Leon",
        "Zeynep",
        "Yusuf",
        "Emma",
        "Ben",
        "Lea",
        "Finn",
        "Amira",
        "Olga",
        "Piotr",
        "Daria",
        "Ivan",
        "Sara",
        "Omar",
    ]
)
LAST = tuple(
    [
        "Yıldız",
        "Müller",
        "Schmidt",
        "Özdemir",
        "Kaya",
        "Meyer",
        "Schulz",
        "Wagner",
        "Becker",
        "Hoffmann",
        "Demir",
        "Şahin",
        "Koch",
        "Richter",
        "Klein",
        "Wolf",
        "Neumann",
        "Schwarz",
        "Zimmermann",
        "Braun",
        "Krüger",
        "Hartmann",
        "Lange",
        "Çelik",
        "Nowak",
        "Kowalski",
        "Petrović",
        "Jovanović",
        "Ivanova",
        "Popescu",
    ]
)


def person(rng: random.Random) -> tuple[str, str, date | None]:
    last = rng.choice(LAST) + ("-" + rng.choice(LAST) if rng.random() < 0.1 else "")
    born = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 50))
    return rng.choice(FIRST), last + str(rng.randrange(200)), None if rng.random() < 0.1 else born


def timed(runs: list[float], action, *args):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = action(*args)
    runs.append(time.perf_counter() - started)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=2_000)
    args = parser.parse_args()
    rng = random.Random(5)
    people = [person(rng) for _ in range(args.clients)]
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.sqlite3")
        with db.engine.begin() as conn:
            conn.execute(
                insert(Client),
                [
                    {
                        "customer_number": f"B-{i}",
                        "first_name": f,
                        "last_name": last,
                        "birth_date": born,
                        "pseudonym": f"{i:012x}",
                    }
                    for i, (f, last, born) in enumerate(people)
                ],
            )
        dated: list[float] = []
        undated: list[float] = []
        with db.session() as session:
            for first, last, born in rng.sample(people, 200):
                timed(dated, similar_clients, session, first, last, born or date(1990, 1, 1))
                timed(undated, similar_clients, session, first, last, None)
        service = DuplicateService(db)
        checks: list[float] = []
        for first, last, born in rng.sample(people, 200):
            timed(checks, service.check, first.upper(), last, born)
        pair_time: list[float] = []
        pairs = timed(pair_time, service.pairs)
        rows = [person(rng) for _ in range(args.rows)]
        rows[: args.rows // 10] = rng.sample(people, args.rows // 10)  # a tenth already stored
        path = Path(folder) / "klienten.csv"
        path.write_text(
            "Kundennummer;Vorname;Nachname;Geburtsdatum;PLZ\n"
            + "".join(
                f"N-{i};{f};{last};{born:%d.%m.%Y};37073\n"
                if born
                else f"N-{i};{f};{last};;37073\n"
                for i, (f, last, born) in enumerate(rows)
            ),
            encoding="utf-8",
        )
        importing: list[float] = []
        report = timed(
            importing,
            lambda: ImportService(db, ReferenceData()).import_file(
                path, ImportOptions(kind="clients")
            ),
        )
        db.dispose()

    def ms(runs: list[float]) -> str:
        return f"median {statistics.median(runs) * 1000:.1f} ms, max {max(runs) * 1000:.1f} ms"

    print(f"{args.clients} clients")
    print(f"similar_clients with birth date:    {ms(dated)}")
    print(f"similar_clients without birth date: {ms(undated)}")
    print(f"DuplicateService.check (editor):    {ms(checks)}")
    print(f"pairs over all clients:             {pair_time[0]:.2f} s, {len(pairs)} pairs")
    print(
        f"import of {args.rows} rows:              {importing[0]:.2f} s, {report.new} new, "
        f"{sum('ähnelt' in w['message'] for w in report.warnings)} skipped as similar"
    )


if __name__ == "__main__":
    main()
