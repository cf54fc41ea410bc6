"""`srek-desk handover export / import` as a counsellor or IT staff run them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from srek_desk.db.models import AuditEvent, Client, CounsellingNote
from srek_desk.services.core.database import Database, open_database
from tests.db.offline_fixtures import Office, office_database

SECRET = "Kassel-Göttingen-2026"


def run(
    db: Path | str, *args: str, stdin: str | None = "", office: str = "Agentur Kassel"
) -> subprocess.CompletedProcess[str]:
    environment = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", SREK_DB=str(db), SREK_OFFICE_NAME=office
    )
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", *args],
        capture_output=True,
        text=True,
        env=environment,
        input=stdin,
        timeout=120,
    )


@pytest.fixture
def office(tmp_path: Path, reference) -> Iterator[Office]:  # type: ignore[no-untyped-def]
    with office_database("sqlite", tmp_path, reference) as seeded:
        seeded.db.dispose()  # the command line opens (and locks) the file itself
        yield seeded


def _clients(path: Path) -> list[tuple[str, str, str | None]]:
    db = open_database(path)
    try:
        with db.session() as session:
            return [
                (r[0], r[1], r[2])
                for r in session.execute(
                    select(Client.first_name, Client.status, Client.pseudonym).order_by(Client.id)
                )
            ]
    finally:
        db.dispose()


def _count(db: Database, model: type, *where: object) -> int:
    with db.session() as session:
        query = select(func.count()).select_from(model).where(*where)  # type: ignore[arg-type]
        return int(session.execute(query).scalar_one())


def test_round_trip_with_the_password_on_stdin(office: Office, tmp_path: Path) -> None:
    source = office.db.sqlite_file
    assert source is not None
    target = tmp_path / "goettingen.sqlite3"
    package = tmp_path / "uebergabe.srekho"

    exported = run(
        source,
        "handover",
        "export",
        "--client",
        str(office.lena),
        "--client",
        str(office.jonas),
        "-o",
        str(package),
        "--mark-handed-over",
        "Agentur Göttingen",
        "--json",
        stdin=SECRET + "\n",
    )
    assert exported.returncode == 0, exported.stderr
    report = json.loads(exported.stdout)
    assert report["clients"] == 2 and report["marked_handed_over"] is True
    assert report["counts"] == {"notes": 1, "follow_ups": 1, "proposals": 2, "printed_sheets": 1}
    assert report["size_bytes"] == package.stat().st_size
    statuses = {name: status for name, status, _ in _clients(source)}
    assert statuses["Lena"] == statuses["Jonas"] == "inactive" and statuses["Mia"] == "active"

    wrong = run(target, "handover", "import", str(package), stdin="falsches-passwort\n")
    assert wrong.returncode == 1
    assert "Passwort ist falsch" in wrong.stderr and "nichts übernommen" in wrong.stderr

    preview = run(target, "handover", "import", str(package), "--dry-run", "--json", stdin=SECRET)
    assert preview.returncode == 0, preview.stderr
    shown = json.loads(preview.stdout)
    assert shown["dry_run"] is True and shown["client_count"] == 2
    assert shown["office"] == "Agentur Kassel"
    assert [c["name"] for c in shown["clients"]] == ["Musterfrau, Lena", "Beispiel, Jonas"]
    assert _clients(target) == []

    taken = run(target, "handover", "import", str(package), "--json", stdin=SECRET + "\n")
    assert taken.returncode == 0, taken.stderr
    result = json.loads(taken.stdout)
    assert result["imported"] == 2 and result["skipped"] == 0
    assert result["counts"]["notes"] == 1 and result["counts"]["follow_ups"] == 1
    assert [(n, s) for n, s, _ in _clients(target)] == [("Lena", "active"), ("Jonas", "active")]

    again = run(target, "handover", "import", str(package), stdin=SECRET)
    assert again.returncode == 0, again.stderr
    assert "Nicht übernommen: Musterfrau, Lena – vielleicht schon vorhanden" in again.stdout
    assert len(_clients(target)) == 2

    password_file = tmp_path / "passwort.txt"
    password_file.write_text(SECRET + "\n", encoding="utf-8")
    twice = run(
        target,
        "handover",
        "import",
        str(package),
        "--on-duplicate",
        "new",
        "--password-file",
        str(password_file),
        stdin=None,
    )
    assert twice.returncode == 0, twice.stderr
    assert "2 Klient:innen von Agentur Kassel übernommen" in twice.stdout
    assert len(_clients(target)) == 4

    logs = "".join(
        f.read_text(encoding="utf-8") for f in Path(os.environ["SREK_LOG_DIR"]).rglob("*.log*")
    )
    assert "handover import: 2 clients" in logs
    for personal in ("Lena", "Musterfrau", SECRET, "uebergabe.srekho"):
        assert personal not in logs
    for path, action, expected in ((source, "handover_export", 2), (target, "handover_import", 4)):
        db = open_database(path)
        try:
            assert _count(db, AuditEvent, AuditEvent.action == action) == expected
            assert _count(db, CounsellingNote) >= 1
        finally:
            db.dispose()


def test_refusals_and_usage_errors(office: Office, tmp_path: Path) -> None:
    source = office.db.sqlite_file
    assert source is not None
    package = tmp_path / "x.srekho"
    short = run(source, "handover", "export", "--client", "1", "-o", str(package), stdin="kurz\n")
    assert short.returncode == 1 and "mindestens 10 Zeichen" in short.stderr
    missing = run(source, "handover", "export", "--client", "999", "-o", str(package), stdin=SECRET)
    assert missing.returncode == 1 and "gibt es nicht" in missing.stderr
    assert not package.exists()
    no_client = run(source, "handover", "export", "-o", str(package), stdin=SECRET)
    assert no_client.returncode == 2 and "Aufruf fehlerhaft" in no_client.stderr
    bad_choice = run(source, "handover", "import", "x", "--on-duplicate", "join", stdin=SECRET)
    assert bad_choice.returncode == 2
    assert run(source, "handover", stdin="").returncode == 2
    foreign = tmp_path / "foreign.srekho"
    foreign.write_bytes(b"%PDF-1.7 " + b"x" * 100)
    refused = run(source, "handover", "import", str(foreign), stdin=SECRET)
    assert refused.returncode == 1 and "keine Übergabedatei" in refused.stderr
