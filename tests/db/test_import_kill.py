"""An import process killed (SIGKILL) halfway leaves a sound database with exactly the offers it had."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SCRIPT = textwrap.dedent(
    """
    import sys
    from srek_desk.reference.catalog import ReferenceData
    from srek_desk.services.database import open_database
    from srek_desk.services.imports import ImportOptions, ImportService

    database = open_database(sys.argv[1])
    service = ImportService(database, ReferenceData())

    def progress(done, total):
        if done:
            print("progress", done, total, flush=True)

    service.import_file(sys.argv[2], ImportOptions(source="kill"), progress=progress)
    print("finished", flush=True)
    """
)


def big_ba_json(path: Path, count: int) -> None:
    offers = [
        {
            "refnr": f"10000-{index:010d}-S",
            "titel": f"Mechatroniker/in (m/w/d) {index}",
            "beruf": "Mechatroniker/in",
            "arbeitgeber": f"Muster {index % 500} GmbH",
            "arbeitsort": {
                "plz": "37213",
                "ort": "Witzenhausen",
                "koordinaten": {"lat": 51.34, "lon": 9.86},
            },
            "eintrittsdatum": "2027-08-01",
            "modifikationsTimestamp": "2026-11-01T10:00:00.000Z",
        }
        for index in range(count)
    ]
    path.write_text(json.dumps({"stellenangebote": offers}), encoding="utf-8")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_import_leaves_database_intact(demo_database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = demo_database.sqlite_file
    with sqlite3.connect(path) as conn:
        before = conn.execute("SELECT count(*) FROM offer").fetchone()[0]
    conn.close()
    demo_database.dispose()
    data = tmp_path / "gross.json"
    big_ba_json(data, 60_000)
    script = tmp_path / "run_import.py"
    script.write_text(SCRIPT, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), str(path), str(data)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("progress"), line
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM offer").fetchone()[0] == before
        assert conn.execute("SELECT count(*) FROM offer WHERE source='kill'").fetchone()[0] == 0
    conn.close()
