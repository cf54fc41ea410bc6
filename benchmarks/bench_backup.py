"""Backup and restore benchmark: 100,000 offers and 10,000 clients, plain and encrypted.

python benchmarks/bench_backup.py [--offers 100000 --clients 10000]

Times a backup (SQLite backup API + integrity check of the copy), a separate integrity check,
a restore (checks, current database kept aside, copy into place, migration check) and the
one-off encryption of the plain database.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from srek_desk.db.backup import check_file
from srek_desk.db.encryption import encrypt_database
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.database import open_database
from srek_desk.services.demo.generator import DemoGenerator
from srek_desk.services.protection.backups import BackupService, restore_database

KEY = "5eb63bbbe01eeed093cb22bb8f5acdc3" * 2
T = TypeVar("T")


def timed(label: str, action: Callable[[], T]) -> T:
    started = time.perf_counter()
    result = action()
    print(f"  {label:<34} {time.perf_counter() - started:6.2f} s")
    return result


def measure(db_path: Path, key: str | None) -> None:
    database = open_database(db_path, key=key)
    service = BackupService(database, db_path.parent / "backups")
    info = timed("backup (API + integrity_check)", service.create)
    database.dispose()
    assert timed("integrity_check of the backup", lambda: check_file(info.path, key)) == "ok"
    result = timed("restore", lambda: restore_database(db_path, info.path, key=key))
    assert result.kept_aside is not None
    print(
        f"  database {db_path.stat().st_size / 1e6:.0f} MB, backup {info.size_bytes / 1e6:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=10_000)
    args = parser.parse_args()
    reference = ReferenceData()
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "bench.sqlite3"
        database = open_database(db_path)
        started = time.perf_counter()
        demo = DemoGenerator(database, reference).generate(
            offers=args.offers, clients=args.clients, seed=1
        )
        database.dispose()
        print(
            f"{demo.offers} offers, {demo.clients} clients, {demo.employers} employers "
            f"generated in {time.perf_counter() - started:.1f} s"
        )
        print("plain SQLite:")
        measure(db_path, None)
        print("SQLCipher:")
        timed("encrypt in place (sqlcipher_export)", lambda: encrypt_database(db_path, KEY))
        measure(db_path, KEY)


if __name__ == "__main__":
    main()
