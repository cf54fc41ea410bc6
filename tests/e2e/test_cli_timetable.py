"""`srek-desk timetable import|status` as IT runs them: exit codes, German text, JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.gtfs_feeds import region_files, small_region_feed, write_feed


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SREK_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_status_import_refusal_and_status_again(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    empty = run("timetable", "status", "--json", db=db)
    assert empty.returncode == 0, empty.stderr
    data = json.loads(empty.stdout)
    assert data["loaded"] is False and "kein Fahrplan geladen" in data["message"]

    feed = small_region_feed(tmp_path / "region.zip", as_zip=True)
    loaded = run("timetable", "import", str(feed), "--json", db=db)
    assert loaded.returncode == 0, loaded.stderr
    report = json.loads(loaded.stdout)
    assert {k: report[k] for k in ("stops", "routes", "trips", "stop_times")} == {
        "stops": 6,
        "routes": 3,
        "trips": 7,
        "stop_times": 21,
    }
    assert (report["valid_from"], report["valid_to"]) == ("2026-12-01", "2027-06-30")
    assert report["publisher"] == "Beispiel-Verkehrsverbund Nordhessen"
    assert report["source_name"] == "region.zip" and report["dropped_stops"] == 0
    assert isinstance(report["seconds"], float) and report["warnings"] == []

    files = region_files()
    del files["stops.txt"]
    broken = write_feed(tmp_path / "kaputt", files)
    refused = run("timetable", "import", str(broken), db=db)
    assert refused.returncode == 1
    assert refused.stderr.startswith(
        "Fehler: kaputt: Das ist kein vollständiger GTFS-Fahrplan: es fehlt stops.txt. "
        "Der bisher geladene Fahrplan bleibt in Gebrauch."
    )

    status = run("timetable", "status", "--json", db=db)
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    assert data["loaded"] is True and data["source_name"] == "region.zip"
    assert (data["stops"], data["trips"], data["valid_to"]) == (6, 7, "2027-06-30")
    for key in (
        "publisher",
        "valid_from",
        "days_left",
        "expired",
        "stop_times",
        "imported_at",
        "routes",
        "attribution",
    ):
        assert key in data

    text = run("timetable", "status", db=db)
    assert (
        text.returncode == 0 and "Fahrplan „region.zip“ von Beispiel-Verkehrsverbund" in text.stdout
    )


def test_import_text_summary(tmp_path: Path) -> None:
    feed = small_region_feed(tmp_path / "region")
    loaded = run("timetable", "import", str(feed), db=tmp_path / "cli.sqlite3")
    assert loaded.returncode == 0, loaded.stderr
    assert "6 Haltestellen, 3 Linien, 7 Fahrten, 21 Halte" in loaded.stdout
    assert "Gültig vom 01.12.2026 bis 30.06.2027" in loaded.stdout
