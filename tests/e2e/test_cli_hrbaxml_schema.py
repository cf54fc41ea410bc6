"""`srek-desk import` of HR-BA-XML with the setting import.hrbaxml_schema_dir (here from the
environment, SREK_IMPORT_HRBAXML_SCHEMA_DIR): exit 1 and the deviations for a file that breaks the
BA's XSD, `schema_checked` in the JSON report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
OFFICE_FILE = FIXTURES / "hrbaxml_offers.xml"


def run(*args: str, db: Path, schema_dir: str | None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SREK_DB": str(db)}
    environment.pop("SREK_IMPORT_HRBAXML_SCHEMA_DIR", None)
    if schema_dir is not None:
        environment["SREK_IMPORT_HRBAXML_SCHEMA_DIR"] = schema_dir
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_invalid_file_exits_1_listing_each_deviation(shared_data: Path, tmp_path: Path) -> None:
    schema_dir = str(shared_data / "hrbaxml")
    db = tmp_path / "cli.sqlite3"
    text = OFFICE_FILE.read_text(encoding="utf-8")
    text = text.replace("<HiringOrgName>Muster Werra Metallbau GmbH</HiringOrgName>", "", 1)
    text = text.replace("<JobOfferType>4</JobOfferType>", "<JobOfferType>5</JobOfferType>", 1)
    text = text.replace("V000000001-2026-0001-S", "V000000001-2026-0001-S-ABCDEFGH", 1)
    invalid = tmp_path / "stellen.xml"
    invalid.write_text(text, encoding="utf-8")
    refused = run("import", str(invalid), db=db, schema_dir=schema_dir)
    assert refused.returncode == 1
    assert "entspricht nicht dem XSD der BA" in refused.stderr
    listed = [line.strip() for line in refused.stdout.splitlines() if "Zeile" in line]
    assert [line.split(":")[0] for line in listed] == [
        "Zeile 11, Element <JobPositionPostingId>",
        "Zeile 14, Element <HiringOrg>",
        "Zeile 49, Element <JobOfferType>",
    ]
    as_json = run("import", str(invalid), "--json", db=db, schema_dir=schema_dir)
    report = json.loads(as_json.stdout)
    assert as_json.returncode == 1 and report["status"] == "refused"
    assert [e["line"] for e in report["errors"]] == [11, 14, 49]
    valid = run("import", str(OFFICE_FILE), "--json", db=db, schema_dir=schema_dir)
    assert valid.returncode == 0, valid.stderr
    report = json.loads(valid.stdout)
    assert (report["status"], report["new"], report["schema_checked"]) == ("imported", 2, True)


def test_without_the_setting_the_report_says_structural_only(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    result = run("import", str(OFFICE_FILE), db=db, schema_dir=None)
    assert result.returncode == 0, result.stderr
    assert "Nur auf Aufbau geprüft, nicht gegen das XSD der BA." in result.stdout
    missing = tmp_path / "fehlt"
    wrong = run("import", str(OFFICE_FILE), "--json", db=db, schema_dir=str(missing))
    assert wrong.returncode == 1 and f"„{missing}“" in wrong.stderr
    assert "Traceback" not in wrong.stderr
