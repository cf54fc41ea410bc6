"""Oversized and hostile input is refused early with a German message; found defects stay fixed.

The limits are tested with their real values where that is cheap, else with the limit lowered
(monkeypatch) so that the mechanism, not the size of the test file, is what is checked.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from srek_desk.importers import ba_json, hrbaxml, tabular
from srek_desk.importers.errors import ImportRefused
from srek_desk.importers.kldb_csv import parse_kldb_csv
from srek_desk.importers.reader import read_import_file
from srek_desk.importers.values import MAX_RECORDS, MAX_TEXT_CHARS
from srek_desk.reference.catalog import ReferenceData

REFERENCE = ReferenceData()
OFFER = {"refnr": "1-S", "titel": "Koch/Köchin", "arbeitsort": {"plz": "37213"}}


def refused(path: Path, kind: str = "offers") -> str:
    with pytest.raises(ImportRefused) as caught:
        read_import_file(path, REFERENCE, kind=kind)
    assert path.name in caught.value.message
    return caught.value.message


def errors_of(path: Path, kind: str = "offers") -> list[str]:
    return [error.message for error in read_import_file(path, REFERENCE, kind=kind).errors]


def test_csv_with_more_rows_than_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "zeilen.csv"
    path.write_bytes(b"Referenznummer;Titel\n" + b"1;x\n" * (MAX_RECORDS + 1))
    assert "mehr als 500.000 Zeilen" in refused(path)


def test_csv_at_the_row_limit_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tabular, "MAX_RECORDS", 3)
    path = tmp_path / "drei.csv"
    path.write_text("Referenznummer;Titel\nA;x\nB;y\n\nC;z\n", encoding="utf-8")
    assert [offer.reference for offer in read_import_file(path, REFERENCE).offers] == [
        "A",
        "B",
        "C",
    ]
    path.write_text("Referenznummer;Titel\nA;x\nB;y\nC;z\nD;w\n", encoding="utf-8")
    assert "mehr als 3 Zeilen" in refused(path)


def test_csv_with_too_many_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "spalten.csv"
    path.write_text(";".join(f"S{i}" for i in range(201)) + "\n", encoding="utf-8")
    assert "201 Spalten in Zeile 1; erwartet werden höchstens 200" in refused(path)


def test_csv_with_a_giant_field_is_refused_in_german(tmp_path: Path) -> None:
    path = tmp_path / "feld.csv"
    path.write_bytes(b'Referenznummer;Titel\n1;"' + b"x" * 200_000 + b'"\n')
    assert "in Zeile 2 ein Feld mit mehr als 131.072 Zeichen" in refused(path)


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def test_xlsx_rows_and_columns_are_limited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tabular, "MAX_RECORDS", 2)
    path = tmp_path / "zeilen.xlsx"
    path.write_bytes(_xlsx([["Referenznummer", "Titel"], ["A", "x"], ["B", "y"], ["C", "z"]]))
    assert "mehr als 2 Zeilen" in refused(path)
    path = tmp_path / "spalten.xlsx"
    path.write_bytes(_xlsx([[f"S{i}" for i in range(250)], ["A"] * 250]))
    assert "250 Spalten in Zeile 1" in refused(path)


def test_xlsx_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    good = zipfile.ZipFile(io.BytesIO(_xlsx([["Referenznummer", "Titel"], ["A", "x"]])))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in good.infolist():
            data = good.read(item)
            if item.filename == "xl/sharedStrings.xml" or item.filename.endswith("sheet1.xml"):
                data += b" " * 30_000_000  # 30 MB of spaces pack into about 30 KB
            bomb.writestr(item.filename, data)
    path = tmp_path / "bombe.xlsx"
    path.write_bytes(stream.getvalue())
    assert path.stat().st_size < 1_000_000
    message = refused(path)
    assert "würde entpackt" in message and "ungewöhnlich stark komprimiert" in message


def test_xlsx_that_unpacks_too_big_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabular, "MAX_UNPACKED_BYTES", 1000)
    path = tmp_path / "gross.xlsx"
    path.write_bytes(_xlsx([["Referenznummer", "Titel"], ["A", "x" * 2000]]))
    assert "würde entpackt" in refused(path)


def test_json_records_are_limited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ba_json, "MAX_RECORDS", 2)
    path = tmp_path / "viele.json"
    offers = [{**OFFER, "refnr": f"{i}-S"} for i in range(3)]
    path.write_text(json.dumps({"stellenangebote": offers}), encoding="utf-8")
    assert "mehr als 2 Datensätze" in refused(path)


@pytest.mark.parametrize("depth", [5_000, 200_000])
def test_deeply_nested_json_is_refused(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "tief.json"
    path.write_text('{"stellenangebote": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    assert "zu tief verschachtelt" in refused(path)


def test_json_nested_just_below_the_parser_limit_is_no_crash(tmp_path: Path) -> None:
    # deep values in fields that become text (repr recurses); read or refused, never a crash
    for depth in (400, 800, 950, 990):
        nested = "[" * depth + "]" * depth
        path = tmp_path / f"tief{depth}.json"
        path.write_text(
            '{"stellenangebote": [{"refnr": "1", "titel": "x", "befristung": '
            + nested
            + ', "arbeitszeitmodelle": ['
            + nested
            + '], "stellenbeschreibung": '
            + nested
            + "}]}",
            encoding="utf-8",
        )
        try:
            batch = read_import_file(path, REFERENCE)
        except ImportRefused as refusal:
            assert "zu tief verschachtelt" in refusal.message
        else:
            assert [offer.description for offer in batch.offers] == [""]


def test_json_number_with_thousands_of_digits_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "zahl.json"
    path.write_text('{"stellenangebote": [{"refnr": "1", "titel": "x", "anzahlOffeneStellen": 1'
                    + "0" * 5000 + "}]}", encoding="utf-8")  # fmt: skip
    assert "Zahl mit zu vielen Stellen" in refused(path)


def test_overlong_descriptions_are_row_errors(tmp_path: Path) -> None:
    long_text = "Beschreibung " * (MAX_TEXT_CHARS // 10)
    path = tmp_path / "lang.json"
    offers = [{**OFFER, "stellenbeschreibung": long_text}, {**OFFER, "refnr": "2-S"}]
    path.write_text(json.dumps({"stellenangebote": offers}), encoding="utf-8")
    batch = read_import_file(path, REFERENCE)
    assert [offer.reference for offer in batch.offers] == ["2-S"]
    assert [error.message for error in batch.errors] == [
        "Datensatz 1 (stellenangebote[0]), Feld „stellenbeschreibung“: die Beschreibung ist "
        "länger als 100.000 Zeichen"
    ]
    xml = (
        "<HRBAXMLJobPositionPosting><Data><JobPositionPosting>"
        "<JobPositionPostingId>1</JobPositionPostingId><JobPositionInformation>"
        f"<JobPositionTitleDescription>x</JobPositionTitleDescription><Objective>{long_text}"
        "</Objective></JobPositionInformation></JobPositionPosting></Data></HRBAXMLJobPositionPosting>"
    )
    path = tmp_path / "lang.xml"
    path.write_text(xml, encoding="utf-8")
    assert errors_of(path) == [
        "Stellenangebot 1 (1), „Objective“: der Text ist länger als 100.000 Zeichen"
    ]


def test_deeply_nested_xml_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "tief.xml"
    depth = 1_000_000
    path.write_bytes(
        b"<HRBAXMLJobPositionPosting><Data>"
        + b"<a>" * depth
        + b"</a>" * depth
        + b"</Data></HRBAXMLJobPositionPosting>"
    )
    assert "zu tief verschachtelt (mehr als 100 Ebenen)" in refused(path)


def test_xml_records_are_limited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hrbaxml, "MAX_RECORDS", 1)
    path = tmp_path / "viele.xml"
    path.write_text(
        "<HRBAXMLJobPositionPosting><Data>"
        + "<DeleteEntry><EntryId>1</EntryId></DeleteEntry>" * 2
        + "</Data></HRBAXMLJobPositionPosting>",
        encoding="utf-8",
    )
    assert "mehr als 1 Einträge" in refused(path)


def test_kldb_file_size_and_fields_are_limited(tmp_path: Path) -> None:
    path = tmp_path / "kldb.csv"
    with path.open("wb") as stream:
        stream.write("Schlüssel;Ebene;Titel\n".encode())
        stream.truncate(30 * 1024 * 1024)  # sparse: 30 MB on paper
    with pytest.raises(ImportRefused, match="30 MB groß; eingelesen werden höchstens 20 MB"):
        parse_kldb_csv(path)
    path.write_bytes('Schlüssel;Ebene;Titel\n01104;5;"'.encode() + b"x" * 200_000 + b'"\n')
    with pytest.raises(ImportRefused, match=r"kldb\.csv ist keine lesbare CSV-Datei"):
        parse_kldb_csv(path)
    path.write_text("Schlüssel;Ebene;Titel\n01104;5;" + "T" * 301 + "\n", encoding="utf-8")
    assert [e.message for e in parse_kldb_csv(path).errors] == [
        "Zeile 2: Spalte „Titel“ ist länger als 300 Zeichen (01104)"
    ]


# -- defects the property tests found (each crashed with an uncaught exception) --------------------

DEFECTS_JSON = [
    ('"arbeitsort": {"plz": Infinity}', "„inf“ ist keine Postleitzahl"),  # OverflowError
    ('"anzahlOffeneStellen": Infinity', "„inf“ ist keine Zahl"),  # OverflowError
    ('"anzahlOffeneStellen": NaN', "„nan“ ist keine Zahl"),  # English ValueError text
    ('"anzahlOffeneStellen": 1e300', "keine sinnvolle Anzahl (1 bis 9999)"),  # SQLite overflow
    ('"arbeitsort": {"koordinaten": {"lat": 1' + "0" * 400 + ', "lon": 1}}', "viel zu groß"),
    ('"modifikationsTimestamp": "0001-01-01T00:00:00+05:00"', "liegt außerhalb des Kalenders"),
]


@pytest.mark.parametrize(("fields", "message"), DEFECTS_JSON)
def test_found_json_defects_stay_fixed(tmp_path: Path, fields: str, message: str) -> None:
    path = tmp_path / "defekt.json"
    path.write_text('{"stellenangebote": [{"refnr": "1", "titel": "x", ' + fields + "}]}")
    assert [message in text for text in errors_of(path)] == [True], errors_of(path)


@pytest.mark.parametrize(
    ("element", "expected"),
    [
        ("<NumberToFill>²</NumberToFill>", None),  # ValueError from int("²")
        ("<NumberToFill>" + "9" * 5000 + "</NumberToFill>", None),  # int() digit limit
        ("<PostDetail><StartDate>9999-12-31T23:00-05:00</StartDate></PostDetail>", "Kalenders"),
    ],
)
def test_found_xml_defects_stay_fixed(tmp_path: Path, element: str, expected: str | None) -> None:
    path = tmp_path / "defekt.xml"
    path.write_text(
        "<HRBAXMLJobPositionPosting><Data><JobPositionPosting><JobPositionPostingId>1"
        "</JobPositionPostingId><JobPositionInformation><JobPositionTitleDescription>x"
        "</JobPositionTitleDescription>"
        + (element if "NumberToFill" in element else "")
        + "</JobPositionInformation>"
        + ("" if "NumberToFill" in element else element)
        + "</JobPositionPosting></Data></HRBAXMLJobPositionPosting>",
        encoding="utf-8",
    )
    batch = read_import_file(path, REFERENCE)
    if expected is None:
        assert [offer.positions for offer in batch.offers] == [1]
    else:
        assert [expected in error.message for error in batch.errors] == [True]


def test_found_table_defects_stay_fixed(tmp_path: Path) -> None:
    path = tmp_path / "defekt.csv"
    path.write_text(
        "Referenznummer;Titel;PLZ;Anzahl Stellen;Breitengrad;Längengrad;Bundesland\n"
        "A;x;١٢٣٤٥;1;;;\n"  # Arabic-Indic digits passed str.isdigit()
        "B;x;37213;inf;;;\n"  # OverflowError
        "C;x;37213;1;nan;nan;\n"
        "D;x;37213;1;;;ßa\n",  # "ßa".upper() == "SSA": three letters for a two-letter column
        encoding="utf-8",
    )
    batch = read_import_file(path, REFERENCE)
    assert [error.field for error in batch.errors] == [
        "PLZ",
        "Anzahl Stellen",
        "Breitengrad",
        "Längengrad",
    ]
    assert [(offer.reference, offer.state) for offer in batch.offers] == [("D", "HE")]
    path = tmp_path / "klienten.csv"
    path.write_text(
        "Kundennummer;Nachname;PLZ;Max. Fahrzeit;Berufswunsch\n1;x;37213;1e999;²²²²²\n",
        encoding="utf-8",
    )
    assert [error.field for error in read_import_file(path, REFERENCE, kind="clients").errors] == [
        "Max. Fahrzeit",
        "Berufswunsch",
    ]


def test_found_xlsx_defect_stays_fixed(tmp_path: Path) -> None:
    # a number cell of 1E999 reads as infinity: int(inf) raised OverflowError
    workbook = zipfile.ZipFile(
        io.BytesIO(
            _xlsx([["Kundennummer", "Nachname", "PLZ", "Berufswunsch"], ["1", "x", 37213, 0]])
        )
    )
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as patched:
        for item in workbook.infolist():
            data = workbook.read(item)
            if item.filename.endswith("sheet1.xml"):
                assert b"<v>0</v>" in data
                data = data.replace(b"<v>0</v>", b"<v>1E999</v>")
            patched.writestr(item.filename, data)
    path = tmp_path / "klienten.xlsx"
    path.write_bytes(stream.getvalue())
    batch = read_import_file(path, REFERENCE, kind="clients")
    assert [error.message for error in batch.errors] == [
        "Zeile 2, Spalte „Berufswunsch“: Berufswunsch „inf“ lässt sich keinem Beruf sicher "
        "zuordnen; bitte die KldB-Kennziffer oder den genauen Berufsnamen eintragen"
    ]
