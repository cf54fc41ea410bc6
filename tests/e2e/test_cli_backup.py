"""`srek-desk backup`, `backups`, `restore` and `encrypt` as IT staff use them."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from srek_desk.db.encryption import is_encrypted_file


def run(
    *args: str, env: dict[str, str] | None = None, timeout: int = 120
) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ)
    environment["QT_QPA_PLATFORM"] = "offscreen"
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def _clients(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        count = int(connection.execute("SELECT count(*) FROM client").fetchone()[0])
    connection.close()
    return count


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "office.sqlite3"
    result = run("--db", str(path), "demo", "--offers", "30", "--clients", "8", "--seed", "2")
    assert result.returncode == 0, result.stderr
    return path


def test_backup_into_the_backup_folder_json(db: Path) -> None:
    result = run("--db", str(db), "backup", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    path = Path(report["path"])
    assert path.parent == db.parent / "backups" and path.exists()
    assert report["integrity"] == "ok" and report["size_bytes"] == path.stat().st_size
    assert path.name.startswith("srek-desk-") and path.name.endswith("-manuell.sqlite3")


def test_backup_to_a_file_and_list(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "usb" / "kopie.sqlite3"
    result = run("--db", str(db), "backup", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert str(target) in result.stdout and "geprüft" in result.stdout
    assert _clients(target) == 8
    listing = run("--db", str(db), "backups", "--json")
    assert listing.returncode == 0, listing.stderr
    assert json.loads(listing.stdout) == []  # the chosen file is not in the backup folder
    text = run("--db", str(db), "backups")
    assert "keine Sicherung" in text.stdout


def test_backup_of_a_missing_database_is_a_user_error(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "nichts.sqlite3"), "backup")
    assert result.returncode == 1
    assert "gibt es (noch) nicht" in result.stderr


def test_restore_with_yes(db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "stand.sqlite3"
    assert run("--db", str(db), "backup", "-o", str(backup)).returncode == 0
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM client")
    connection.close()
    result = run("--db", str(db), "restore", str(backup), "--yes", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["previous_was_damaged"] is False
    assert Path(report["kept_aside"]).exists()
    assert _clients(db) == 8
    assert _clients(Path(report["kept_aside"])) == 0
    listing = json.loads(run("--db", str(db), "backups", "--json").stdout)
    assert [entry["kind"] for entry in listing] == ["vor-wiederherstellung"]


def test_restore_without_yes_and_without_terminal_is_refused(db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "stand.sqlite3"
    assert run("--db", str(db), "backup", "-o", str(backup)).returncode == 0
    result = run("--db", str(db), "restore", str(backup))
    assert result.returncode == 1
    assert "--yes" in result.stderr


def test_restore_refused_while_another_instance_runs(db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "stand.sqlite3"
    assert run("--db", str(db), "backup", "-o", str(backup)).returncode == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import sys
                from pathlib import Path
                from srek_desk.db.lock import DatabaseLock
                lock = DatabaseLock(Path(sys.argv[1])).acquire()
                print("locked", flush=True)
                sys.stdin.readline()
                """
            ),
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = run("--db", str(db), "restore", str(backup), "--yes")
        assert result.returncode == 1
        assert "schon geöffnet" in result.stderr and "auf dem Computer" in result.stderr
        backup_beside = run("--db", str(db), "backup", "--json")  # works beside the app
        assert backup_beside.returncode == 0, backup_beside.stderr
    finally:
        holder.kill()
        holder.wait(timeout=10)


def test_restore_refuses_a_backup_from_a_newer_version(db: Path, tmp_path: Path) -> None:
    backup = tmp_path / "zukunft.sqlite3"
    assert run("--db", str(db), "backup", "-o", str(backup)).returncode == 0
    with sqlite3.connect(backup) as connection:
        connection.execute("UPDATE alembic_version SET version_num='9999_future'")
    connection.close()
    before = db.read_bytes()
    result = run("--db", str(db), "restore", str(backup), "--yes")
    assert result.returncode == 1
    assert "neueren Version" in result.stderr
    assert db.read_bytes() == before


def test_encrypt_then_use_with_the_key_file(db: Path, tmp_path: Path) -> None:
    assert run("--db", str(db), "backup").returncode == 0  # a plain backup from before
    key_file = tmp_path / "schluessel" / "srek.key"
    result = run("--db", str(db), "encrypt", "--key-file", str(key_file))
    assert result.returncode == 0, result.stderr
    assert (
        key_file.exists()
        and "key_file" in result.stdout
        and "Maschinenkonfiguration" in result.stdout
    )
    assert key_file.read_text(encoding="utf-8").strip() not in result.stdout + result.stderr
    assert is_encrypted_file(db)
    assert all(is_encrypted_file(p) for p in (db.parent / "backups").iterdir())
    without = run("--db", str(db), "demo", "--offers", "1", "--clients", "1")
    assert without.returncode == 1 and "verschlüsselt" in without.stderr
    env = {"SREK_DATABASE_KEY_FILE": str(key_file)}
    backup = run("--db", str(db), "backup", "--json", env=env)
    assert backup.returncode == 0, backup.stderr
    assert is_encrypted_file(Path(json.loads(backup.stdout)["path"]))
    restored = run("--db", str(db), "restore", json.loads(backup.stdout)["path"], "--yes", env=env)
    assert restored.returncode == 0, restored.stderr
    again = run("--db", str(db), "encrypt", "--key-file", str(key_file), env=env)
    assert again.returncode == 1 and "bereits verschlüsselt" in again.stderr
