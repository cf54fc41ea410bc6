"""`srek-desk restore` refuses a tampered backup; `privacy erase` names the backups holding the
person, and restoring one of them does not bring the person back."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)
    environment["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _query(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(sql, params).fetchall()
    connection.close()
    return rows


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite3"
    result = run("--db", str(path), "demo", "--offers", "20", "--clients", "5", "--seed", "4")
    assert result.returncode == 0, result.stderr
    return path


def test_restore_of_a_tampered_backup_exits_1_naming_what_differs(db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "stand.sqlite3"
    assert run("--db", str(db), "backup", "-o", str(backup)).returncode == 0
    with sqlite3.connect(backup) as connection:
        connection.execute("DROP TRIGGER audit_event_no_update")
        connection.execute(
            "CREATE TRIGGER promote AFTER INSERT ON counselling_note "
            "BEGIN UPDATE user_account SET role = 'admin'; END"
        )
    connection.close()
    before = db.read_bytes()
    result = run("--db", str(db), "restore", str(backup), "--yes")
    assert result.returncode == 1
    assert "passt nicht zum Datenbankschema" in result.stderr
    assert "audit_event_no_update" in result.stderr and "promote" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == before


def test_erase_lists_backups_and_a_restore_erases_again(db: Path, tmp_path: Path) -> None:
    (number, pseudonym), *_ = _query(
        db, "SELECT customer_number, pseudonym FROM client ORDER BY id LIMIT 1"
    )
    made = run("--db", str(db), "backup", "--json")
    assert made.returncode == 0, made.stderr
    backup = Path(json.loads(made.stdout)["path"])
    erased = run("--db", str(db), "privacy", "erase", "--client", str(number), "--yes", "--json")
    assert erased.returncode == 0, erased.stderr
    report = json.loads(erased.stdout)
    # the daily backup written as the command opened the database holds the person too
    assert backup.name in report["backups_holding"]
    assert all(n.startswith("srek-desk-") for n in report["backups_holding"])
    assert str(number) not in erased.stdout
    text = run("--db", str(db), "privacy", "erase", "--client", "nobody", "--yes")
    assert text.returncode == 1  # unknown: refused, nothing listed
    restored = run("--db", str(db), "restore", str(backup), "--yes", "--json")
    assert restored.returncode == 0, restored.stderr
    assert json.loads(restored.stdout)["erasures_applied"] == 1
    assert _query(db, "SELECT count(*) FROM client WHERE pseudonym = ?", pseudonym) == [(0,)]
    actions = [a for (a,) in _query(db, "SELECT action FROM audit_event ORDER BY id")]
    assert actions[-2:] == ["erase", "restore"]
    verify = run("--db", str(db), "audit", "--verify", "--json")
    assert verify.returncode == 0, verify.stdout + verify.stderr  # the chain still holds


def test_erase_text_names_backups_without_personal_data(db: Path) -> None:
    (number, last_name), *_ = _query(
        db, "SELECT customer_number, last_name FROM client ORDER BY id LIMIT 1"
    )
    assert run("--db", str(db), "backup").returncode == 0
    result = run("--db", str(db), "privacy", "erase", "--client", str(number), "--yes")
    assert result.returncode == 0, result.stderr
    assert "Noch enthalten in 2 Sicherung(en)" in result.stdout  # manual and daily
    assert "Löschregister" in result.stdout
    assert str(last_name) not in result.stdout and str(number) not in result.stdout
