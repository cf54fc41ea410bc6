"""`srek-desk import --full / --type` and the JSON fields they add (retired, types, places)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SREK_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def search_file(path: Path, *offers: dict[str, Any]) -> Path:
    path.write_text(json.dumps({"stellenangebote": list(offers)}), encoding="utf-8")
    return path


def offer(reference: str, title: str, place: dict[str, Any]) -> dict[str, Any]:
    return {"refnr": reference, "titel": title, "beruf": "Koch/Köchin", "arbeitsort": place}


def test_full_dry_run_names_what_would_be_retired_and_type_fills_the_silent(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    first = search_file(
        tmp_path / "koch.json",
        offer("10000-1-S", "Koch/Köchin (m/w/d)", {"plz": "34117", "ort": "Kassel"}),
        offer("10000-2-S", "Jungkoch/-köchin", {}),
    )
    report = json.loads(run("import", str(first), "--json", db=db).stdout)
    assert (report["new"], report["type_unknown"], report["retired"]) == (2, 2, 0)
    assert (report["approximate_place"], report["place_unknown"]) == (1, 1)
    assert report["retired_offers"] == [] and report["deactivated"] == 0
    assert "uncoded" in report and report["full_load"] is False

    second = search_file(
        tmp_path / "mechatronik.json",
        offer("10000-3-S", "Mechatroniker/in", {"plz": "37213", "ort": "Witzenhausen"}),
    )
    plain = json.loads(run("import", str(second), "--dry-run", "--json", db=db).stdout)
    assert plain["retired"] == 0  # without --full nothing is retired
    dry = run("import", str(second), "--full", "--dry-run", "--json", db=db)
    assert dry.returncode == 0, dry.stderr
    data = json.loads(dry.stdout)
    assert (data["status"], data["retired"], data["deactivated"]) == ("dry-run", 2, 2)
    assert data["retired_offers"] == [
        {"reference": "10000-1-S", "title": "Koch/Köchin (m/w/d)"},
        {"reference": "10000-2-S", "title": "Jungkoch/-köchin"},
    ]
    text = run("import", str(second), "--full", "--type", "arbeit", db=db)
    assert text.returncode == 0, text.stderr
    assert "Deaktiviert (2):" in text.stdout and "10000-2-S – Jungkoch/-köchin" in text.stdout
    again = json.loads(run("import", str(second), "--json", db=db).stdout)
    assert (again["unchanged"], again["type_unknown"]) == (1, 0)  # --type arbeit was stored
    assert run("import", str(second), "--type", "zauberei", db=db).returncode == 2
