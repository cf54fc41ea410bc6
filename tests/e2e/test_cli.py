"""The `srek-desk` command line as IT staff and scripts use it: subcommands, JSON, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from srek_desk import __version__


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
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"srek-desk {__version__}"  # scripts parse the first line
    assert lines[1] == "Build: Quellcode"  # a source run; a frozen build names commit and date
    assert lines[2].startswith("Python ")
    assert result.stderr == ""


def test_places_by_postcode_json() -> None:
    result = run("places", "37213", "--json")
    assert result.returncode == 0, result.stderr
    places = json.loads(result.stdout)
    assert places[0]["postcode"] == "37213"
    assert places[0]["name"] == "Witzenhausen"
    assert places[0]["state"] == "HE"
    assert abs(places[0]["lat"] - 51.34) < 0.1 and abs(places[0]["lon"] - 9.86) < 0.1


def test_places_by_name_human_readable() -> None:
    result = run("places", "Witzenhausen")
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert "37213 Witzenhausen" in first and "Hessen" in first


def test_places_unknown_is_user_error_in_german() -> None:
    result = run("places", "99999")
    assert result.returncode == 1
    assert "Kein Ort" in result.stderr


def test_occupations_resolves_old_name_to_kldb_code() -> None:
    result = run("occupations", "Elektroinstallateur/in", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits[0]["code"] == "26212"
    assert hits[0]["level"] == 2
    assert hits[0]["level_name"] == "Fachkraft"
    assert {"code", "name", "level", "level_name"} <= set(hits[0])


def test_usage_error_exits_2() -> None:
    result = run("demo", "--offers", "viele")
    assert result.returncode == 2
    assert "Aufruf fehlerhaft" in result.stderr


def test_demo_creates_data_in_given_database(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    result = run(
        "--db", str(db), "demo", "--offers", "40", "--clients", "10", "--seed", "5", "--json"
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["offers"] == 40 and summary["clients"] == 10
    again = run(
        "demo", "--offers", "40", "--clients", "10", "--seed", "5", env={"SREK_DB": str(db)}
    )
    assert again.returncode == 1
    assert "Startwert 5" in again.stderr


def test_newer_database_refused_with_exit_1(tmp_path: Path) -> None:
    import shutil
    import sqlite3

    db = tmp_path / "future.sqlite3"
    shutil.copy(
        Path(__file__).resolve().parents[1] / "fixtures" / "schema_0001_baseline.sqlite3", db
    )
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE alembic_version SET version_num='9999_future'")
    connection.close()
    result = run("--db", str(db), "demo", "--offers", "1", "--clients", "0")
    assert result.returncode == 1
    assert "neueren Version" in result.stderr


def test_self_test_passes() -> None:
    result = run("self-test", "--json", timeout=300)
    report = json.loads(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert report["ok"] is True
    names = [step["name"] for step in report["steps"]]
    assert "Hauptfenster" in names and "Datenbank" in names


def test_core_imports_without_pyside6() -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'PySide6':\n"
        "            raise ImportError('PySide6 blocked')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import srek_desk.cli, srek_desk.config, srek_desk.db.models, srek_desk.db.migrate\n"
        "import srek_desk.reference.gazetteer, srek_desk.reference.occupations\n"
        "import srek_desk.reference.qualifications, srek_desk.reference.catalog\n"
        "import srek_desk.services.demo.generator, srek_desk.services.core.listing, srek_desk.services.clients.service\n"
        "import srek_desk.self_test, srek_desk.context, srek_desk.importers.kldb_csv\n"
        "from srek_desk.cli import main\n"
        "assert main(['places', '34346']) == 0\n"
        "assert 'PySide6' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Hann. Münden" in result.stdout


@pytest.mark.parametrize("entry", [["-m", "srek_desk"], ["main.py"]])
def test_entry_points_answer_version(entry: list[str]) -> None:
    repo = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, *entry, "--version"], capture_output=True, text=True, cwd=repo, timeout=60
    )
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / ("srek-desk.exe" if os.name == "nt" else "srek-desk")
    assert script.exists()
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and __version__ in result.stdout


def test_occupations_import_names_each_bad_line_once(tmp_path: Path) -> None:
    csv_file = tmp_path / "kldb.csv"
    csv_file.write_text(
        "Schlüssel KldB 2010, V. 2020;Ebene;Titel;Kurztitel\n"
        "24522;5;Berufe in der Waffentechnik;Waffentechnik\n"
        "2452X;5;Kaputte Zeile;Kaputt\n",
        encoding="utf-8",
    )
    result = run("--db", str(tmp_path / "o.sqlite3"), "occupations-import", str(csv_file))
    assert result.returncode == 0, result.stderr
    assert "1 Berufsgattungen" in result.stdout
    bad = [line for line in result.stdout.splitlines() if "2452X" in line or "Zeile 3" in line]
    assert len(bad) == 1 and bad[0].count("Zeile 3") == 1, result.stdout
