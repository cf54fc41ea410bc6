"""`srek-desk fetch` as scripts use it, against a local Jobsuche API: JSON, saved searches, exit codes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.jobboerse_fake import FakeJobboerse, listings

SEARCH = ("--was", "Mechatroniker", "--wo", "34117", "--umkreis", "25")


def run(*args: str, db: Path, fake: FakeJobboerse) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "SREK_DB": str(db),
        "SREK_JOBBOERSE_BASE_URL": fake.base_url,
    }
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", "fetch", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def active(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT reference, active FROM offer").fetchall())


def test_fetch_save_refetch_and_list(tmp_path: Path, httpserver: Any) -> None:
    db = tmp_path / "cli.sqlite3"
    fake = FakeJobboerse(httpserver, listings(1, 130))
    first = run(
        *SEARCH, "--angebotsart", "ausbildung", "--save", "Kassel", "--json", db=db, fake=fake
    )
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert (report["status"], report["new"], report["pages"], report["source"]) == (
        "imported",
        130,
        2,
        "BA-Jobsuche",
    )
    assert report["query"] == {
        "was": "Mechatroniker",
        "wo": "34117",
        "umkreis": 25,
        "angebotsart": "ausbildung",
        "name": "Kassel",
    }
    # the fields of `srek-desk import --json` are all there
    for name in ("file_name", "total", "updated", "unchanged", "deactivated", "bad_rows",
                 "errors", "warnings", "run_id"):  # fmt: skip
        assert name in report
    assert fake.requests[0]["angebotsart"] == "4"

    fake.offers = listings(1, 120)  # ten vanished
    again = run("--saved", "Kassel", db=db, fake=fake)
    assert again.returncode == 0, again.stderr
    assert (
        "Von der Jobbörse abgerufen, gespeicherte Suche „Kassel“: 120 Angebote auf 2 Seite(n)"
        in (again.stdout)
    )
    assert "0 neu, 0 geändert, 120 unverändert, 10 deaktiviert" in again.stdout
    assert sum(1 for flag in active(db).values() if not flag) == 10

    listed = run("--list-saved", "--json", db=db, fake=fake)
    assert listed.returncode == 0, listed.stderr
    [saved] = json.loads(listed.stdout)
    assert (saved["name"], saved["last_result_count"], saved["angebotsart"]) == (
        "Kassel",
        120,
        "ausbildung",
    )
    everything = run("--all-saved", "--json", db=db, fake=fake)
    assert everything.returncode == 0, everything.stderr
    assert [r["unchanged"] for r in json.loads(everything.stdout)] == [120]


def test_a_failed_fetch_exits_1_in_german_and_changes_nothing(
    tmp_path: Path, httpserver: Any
) -> None:
    db = tmp_path / "cli.sqlite3"
    fake = FakeJobboerse(httpserver, listings(1, 5))
    assert run(*SEARCH, "--angebotsart", "arbeit", "--save", "A", db=db, fake=fake).returncode == 0
    before = active(db)
    fake.status = 403
    failed = run("--saved", "A", "--json", db=db, fake=fake)
    assert failed.returncode == 1
    assert json.loads(failed.stdout)["status"] == "failed"
    assert "verweigert den Zugriff (HTTP 403" in failed.stderr
    assert "die Datenbank ist unverändert" in failed.stderr
    assert active(db) == before
    unknown = run("--saved", "B", db=db, fake=fake)
    assert (
        unknown.returncode == 1 and "Eine gespeicherte Suche „B“ gibt es nicht." in unknown.stderr
    )


def test_wrong_calls_exit_2(tmp_path: Path, httpserver: Any) -> None:
    db = tmp_path / "cli.sqlite3"
    fake = FakeJobboerse(httpserver, [])
    no_type = run(*SEARCH, db=db, fake=fake)
    assert no_type.returncode == 2 and "--angebotsart fehlt" in no_type.stderr
    mixed = run("--saved", "A", "--was", "Koch", db=db, fake=fake)
    assert mixed.returncode == 2 and "--saved geht nicht zusammen mit --was" in mixed.stderr
    wrong_type = run(*SEARCH, "--angebotsart", "lehre", db=db, fake=fake)
    assert wrong_type.returncode == 2
    assert fake.requests == []
