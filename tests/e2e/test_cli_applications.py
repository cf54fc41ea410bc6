"""`srek-desk applications`: the Bewerbungsnachweis as PDF or JSON, exit codes, German messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from srek_desk.db.models import AuditEvent
from tests.db.application_fixtures import LAST, NUMBER, build
from tests.unit.test_sheet_support import read_pdf


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", "--db", str(db), "applications", *args],
        capture_output=True, text=True, env=environment, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.fixture
def office_db(database, reference) -> Path:  # type: ignore[no-untyped-def]
    office = build(database, reference)
    assert office.client_id
    return Path(database.sqlite_file)


def test_pdf_written_for_a_kundennummer(office_db: Path, tmp_path: Path, database) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "nachweis.pdf"
    result = run(office_db, "--client", NUMBER, "--from", "01.10.2026", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"Bewerbungsnachweis gespeichert: {target} (2 Bewerbungen, 1 Seite(n))."
    )
    text = read_pdf(target.read_bytes())
    assert text.contains("Kasseler Verkehrsbetriebe") and text.contains("Obsthof Werratal")
    assert not text.contains("Leine Metall GmbH")  # proposed before the period
    assert text.contains("Seite 1 von 1") and text.contains(LAST)
    with database.session() as session:
        user = session.execute(
            select(AuditEvent.user_name).where(AuditEvent.action == "print")
        ).scalar_one()
    assert user.startswith("cli:")


def test_json_rows_by_internal_id(office_db: Path, database) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.db.models import Client

    with database.session() as session:
        client_id = session.execute(select(Client.id)).scalar_one()
    result = run(office_db, "--client", str(client_id), "--to", "2026-09-30", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["employer"], r["status"], r["date"]) for r in rows] == [
        ("Werra Kliniken", "vorstellungsgespraech", "2026-09-02"),
        ("Leine Metall GmbH", "beworben", "2026-09-14"),
    ]
    assert rows[0]["status_label"] == "Vorstellungsgespräch" and rows[0]["reference"] == "WK-PFL-26"


def test_refusals_and_usage_errors(office_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "leer.pdf"
    empty = run(office_db, "--client", NUMBER, "--from", "01.12.2026", "-o", str(target))
    assert empty.returncode == 1 and not target.exists()
    assert "Fehler: Für Kundennummer K-BEW-1 sind im Zeitraum ab 01.12.2026 keine Bewerbungen" in (
        empty.stderr
    )
    unknown = run(office_db, "--client", "K-NIEMAND", "-o", str(target))
    assert unknown.returncode == 1 and "Keine Klientin / kein Klient" in unknown.stderr
    wrong_suffix = run(office_db, "--client", NUMBER, "-o", str(tmp_path / "x.txt"))
    assert wrong_suffix.returncode == 1 and "muss auf .pdf enden" in wrong_suffix.stderr
    no_folder = run(office_db, "--client", NUMBER, "-o", str(tmp_path / "fehlt" / "x.pdf"))
    assert no_folder.returncode == 1 and "gibt es nicht" in no_folder.stderr
    backwards = run(office_db, "--client", NUMBER, "--from", "2026-12-01", "--to", "2026-01-01",
                    "--json")  # fmt: skip
    assert backwards.returncode == 1 and "verkehrt herum" in backwards.stderr
    bad_date = run(office_db, "--client", NUMBER, "--from", "morgen", "--json")
    assert bad_date.returncode == 2 and "„morgen“ ist kein Datum" in bad_date.stderr
    neither = run(office_db, "--client", NUMBER)
    assert neither.returncode == 2 and "Aufruf fehlerhaft" in neither.stderr
    both = run(office_db, "--client", NUMBER, "--json", "-o", str(target))
    assert both.returncode == 2
