"""`srek-desk commute FROM TO` as a counsellor or a script runs it: the timetable's connection,
no connection (exit 1), the estimate where the timetable does not know, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gtfs_feeds import small_region_feed

WEDNESDAY, SUNDAY = "2026-12-09", "2026-12-13"


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SREK_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("commute")
    path = folder / "desk.sqlite3"
    feed = small_region_feed(folder / "region.zip", as_zip=True)
    loaded = run("timetable", "import", str(feed), db=path)
    assert loaded.returncode == 0, loaded.stderr
    return path


def test_hann_muenden_to_kassel_by_the_timetable(db: Path) -> None:
    done = run("commute", "34346", "34117", "--date", WEDNESDAY, "--json", db=db)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {k: data[k] for k in ("mode", "minutes", "source", "depart", "arrive", "transfers")} == {
        "mode": "pt", "minutes": 19, "source": "timetable", "depart": "7:08", "arrive": "7:27",
        "transfers": 0,
    }  # fmt: skip
    assert data["legs"] == [
        {"kind": "ride", "from": "Hann. Münden", "to": "Kassel Hbf", "depart": "7:08",
         "arrive": "7:27", "route": "RE 2"},
    ]  # fmt: skip
    assert data["reason"] is None and data["estimated"] is False
    text = run("commute", "34346", "34117", "--date", WEDNESDAY, db=db)
    assert text.returncode == 0
    assert "19 Min. (laut Fahrplan)" in text.stdout and "RE 2: Hann. Münden 7:08" in text.stdout
    assert "ca." not in text.stdout


def test_a_bus_and_the_walk_from_its_stop(db: Path) -> None:
    data = json.loads(run("commute", "37213", "34346", "--date", WEDNESDAY, "--json", db=db).stdout)
    assert (data["depart"], data["arrive"], data["minutes"]) == ("6:24", "7:00", 37)
    assert [(leg["kind"], leg.get("route")) for leg in data["legs"]] == [
        ("ride", "170"),
        ("walk", None),
    ]
    assert data["legs"][1]["to"] == "Ziel"


def test_no_connection_by_the_arrival_time_exits_1_with_the_reason(db: Path) -> None:
    sunday = run("commute", "34346", "34117", "--date", SUNDAY, "--json", db=db)
    assert sunday.returncode == 1
    data = json.loads(sunday.stdout)
    assert data["minutes"] is None and data["source"] == "timetable"
    assert data["reason"].startswith("keine Verbindung, die bis 7:30 ankommt")
    early = run("commute", "34346", "34117", "--date", WEDNESDAY, "--arrive", "07:00", db=db)
    assert early.returncode == 1 and "keine Verbindung, die bis 7:00 ankommt" in early.stdout
    # the weekend train (Hann. Münden 8:08) arrives in time for 8:30
    later = run("commute", "34346", "34117", "--date", SUNDAY, "--arrive", "8:30", "--json", db=db)
    assert later.returncode == 0 and json.loads(later.stdout)["depart"] == "8:08"


def test_the_estimate_where_the_timetable_does_not_know_and_for_the_car(db: Path) -> None:
    far = run("commute", "34346", "51.5,9.9", "--date", WEDNESDAY, "--json", db=db)
    assert far.returncode == 0
    data = json.loads(far.stdout)
    assert data["source"] == "estimate" and data["estimated"] is True
    assert data["note"] == "Keine Haltestelle des Fahrplans im Umkreis von 1000 m um das Ziel."
    car = json.loads(run("commute", "34346", "34117", "--mode", "car", "--json", db=db).stdout)
    assert car["source"] == "estimate" and car["legs"] == [] and car["depart"] is None
    walk = run("commute", "34117", "34119", "--mode", "walk", db=db)
    assert walk.returncode == 0 and "zu Fuß" in walk.stdout and "ca. " in walk.stdout


def test_bad_input_gets_a_german_message(db: Path) -> None:
    unknown = run("commute", "99999", "34117", db=db)
    assert unknown.returncode == 1
    assert "Start: „99999“ ist keine bekannte Postleitzahl" in unknown.stderr
    clock = run("commute", "34346", "34117", "--arrive", "25:00", db=db)
    assert clock.returncode == 2 and "keine Uhrzeit (HH:MM)" in clock.stderr
