"""`srek-desk import` / `export` as scripts use them: exit codes, German text, JSON report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SREK_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_import_json_report_then_unchanged_and_export(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    first = run("import", str(FIXTURES / "offers.csv"), "--source", "Kammer", "--json", db=db)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert (report["status"], report["new"], report["source"]) == ("imported", 4, "Kammer")
    assert "changed_offer_ids" not in report  # the ids are for the app, not for the report
    again = run("import", str(FIXTURES / "offers.csv"), "--source", "Kammer", db=db)
    assert again.returncode == 0 and "0 neu, 0 geändert, 4 unverändert" in again.stdout
    exported = run("export", str(tmp_path / "liste.xlsx"), "--source", "Kammer", "--json", db=db)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["offers"] == 4
    clients = run("import", str(FIXTURES / "clients.csv"), "--kind", "clients", "--json", db=db)
    assert clients.returncode == 0 and json.loads(clients.stdout)["new"] == 3


def test_dry_run_and_refused_file(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    dry = run("import", str(FIXTURES / "ba_search_v4.json"), "--dry-run", db=db)
    assert dry.returncode == 0 and "Probelauf" in dry.stdout and "3 neu" in dry.stdout
    empty = tmp_path / "leer.csv"
    empty.write_text("", encoding="utf-8")
    refused = run("import", str(empty), "--json", db=db)
    assert refused.returncode == 1
    assert json.loads(refused.stdout)["status"] == "refused"
    assert "leer.csv ist leer" in refused.stderr
    wrong = run("import", str(FIXTURES / "ba_search_v4.json"), "--format", "hr-ba-xml", db=db)
    assert wrong.returncode == 1 and "enthält aber BA-Jobsuche" in wrong.stdout


def test_offer_import_reports_new_chances(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    clients = run("import", str(FIXTURES / "clients.csv"), "--kind", "clients", "--json", db=db)
    assert clients.returncode == 0, clients.stderr
    assert "new_chances" not in json.loads(clients.stdout)  # client files bring no chances
    offers = run("import", str(FIXTURES / "offers.csv"), "--source", "Kammer", "--json", db=db)
    assert offers.returncode == 0, offers.stderr
    assert json.loads(offers.stdout)["new_chances"] >= 1  # Lena wants Mechatronik nearby
    again = run("import", str(FIXTURES / "offers.csv"), "--source", "Kammer", db=db)
    assert again.returncode == 0 and "Neue Chancen für Klient:innen: 0." in again.stdout
    dry = run("import", str(FIXTURES / "ba_search_v4.json"), "--dry-run", "--json", db=db)
    assert "new_chances" not in json.loads(dry.stdout)
