"""Reading the official KldB 2010 CSV of the Bundesagentur für Arbeit."""

from __future__ import annotations

from pathlib import Path

import pytest

from srek_desk.errors import UserError
from srek_desk.importers.errors import ImportRefused, RowError
from srek_desk.importers.kldb_csv import parse_kldb_csv
from srek_desk.reference.occupations import OccupationCatalog

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
OFFICIAL = SHARED / "kldb" / "kldb2010_v2020_gliederung_mit_erlaeuterung.csv"
HEADER = "Schlüssel KldB 2010, V. 2020;Ebene;Titel;Kurztitel;Allgemeine Bemerkungen;Einschlüsse;Umfasst ferner;Ausschlüsse;"


def write(tmp_path: Path, text: str, encoding: str = "utf-8-sig") -> Path:
    path = tmp_path / "kldb.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_reads_levels_codes_and_titles(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "\n"
        "2;1;Rohstoffgewinnung, Produktion und Fertigung;Rohstoffgewinnung;;;;;\n"
        "26;2;Mechatronik-, Energie- und Elektroberufe;Mechatronik;;;;;\n"
        "262;3;Energietechnik;Energietechnik;;;;;\n"
        "2621;4;Berufe in der Bauelektrik;Berufe in der Bauelektrik;;;;;\n"
        '26212;5;Berufe in der Bauelektrik - fachlich ausgerichtete Tätigkeiten;Bauelektrik - Fachkraft;"Text\n'
        'über zwei Zeilen";;;;\n'
        '1104;5;Offiziere;"Offiziere&nbsp;(Militär)";;;;;\n',
    )
    result = parse_kldb_csv(path)
    assert result.errors == []
    assert result.groups == {
        "2": "Rohstoffgewinnung, Produktion und Fertigung",
        "26": "Mechatronik-, Energie- und Elektroberufe",
        "262": "Energietechnik",
        "2621": "Berufe in der Bauelektrik",
    }
    assert [o.code for o in result.occupations] == ["26212", "01104"]  # lost leading zero restored
    bauelektrik, officers = result.occupations
    assert bauelektrik.name == "Berufe in der Bauelektrik - fachlich ausgerichtete Tätigkeiten"
    assert bauelektrik.synonyms == ("Bauelektrik - Fachkraft",)
    assert bauelektrik.level_name == "Fachkraft" and not bauelektrik.is_ausbildung
    assert officers.synonyms == ("Offiziere (Militär)",)  # entity decoded, spaces normalised


def test_row_errors_name_line_and_column_in_german(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "\n"
        "26212;5;Bauelektrik;;;;;;\n"
        "26x12;5;Kaputt;;;;;;\n"
        "26215;5;Niveau fünf;;;;;;\n"
        "262;7;Ebene sieben;;;;;;\n"
        "26222;5;;;;;;;\n"
        "26212;5;Doppelt;;;;;;\n"
        "\n"
        "26252;5;Elektrische Betriebstechnik;;;;;;\n",
    )
    result = parse_kldb_csv(path)
    assert [o.code for o in result.occupations] == ["26212", "26252"]
    assert [(e.line, e.field) for e in result.errors] == [
        (3, "Schlüssel"),
        (4, "Schlüssel"),
        (5, "Ebene"),
        (6, "Titel"),
        (7, "Schlüssel"),
    ]
    assert result.errors[0] == RowError(
        3, "Schlüssel", "Zeile 3: Spalte „Schlüssel“ ist keine gültige KldB-Kennziffer („26x12“)"
    )
    assert "Zeile 2" in result.errors[4].message
    assert all(e.message.startswith(f"Zeile {e.line}:") for e in result.errors)


def test_windows_1252_is_accepted(tmp_path: Path) -> None:
    path = write(
        tmp_path, HEADER + "\n29222;5;Bäcker und Konditoren;Bäckerei;;;;;\n", encoding="cp1252"
    )
    result = parse_kldb_csv(path)
    assert result.occupations[0].name == "Bäcker und Konditoren"


def test_undecodable_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kldb.csv"
    path.write_bytes(HEADER.encode("cp1252") + b"\n26212;5;Bau\x81elektrik;;;;;;\n")
    with pytest.raises(ImportRefused, match="weder UTF-8 noch Windows-1252"):
        parse_kldb_csv(path)


@pytest.mark.parametrize("content", ["", "   \n\n", "\ufeff"])
def test_empty_file_is_refused(tmp_path: Path, content: str) -> None:
    with pytest.raises(ImportRefused, match="ist leer"):
        parse_kldb_csv(write(tmp_path, content, encoding="utf-8"))


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("Schlüssel KldB 2010, V. 2020;Titel;Kurztitel", "Ebene"),
        ("Kennziffer;Ebene;Titel", "Schlüssel"),
        ("Schlüssel KldB 2010, V. 2020,Ebene,Titel", "Ebene"),  # wrong separator
    ],
)
def test_missing_column_is_refused_and_named(tmp_path: Path, header: str, missing: str) -> None:
    with pytest.raises(ImportRefused) as caught:
        parse_kldb_csv(write(tmp_path, header + "\n26212;5;Bauelektrik\n"))
    assert f"„{missing}“" in caught.value.message


def test_refusal_is_a_user_error() -> None:
    assert issubclass(ImportRefused, UserError)
    assert str(ImportRefused("Die Datei ist leer.")) == "Die Datei ist leer."


def test_official_file_extends_the_catalogue() -> None:
    if not OFFICIAL.is_file():
        pytest.skip("official KldB file not available")
    result = parse_kldb_csv(OFFICIAL)
    assert result.errors == []
    assert 1250 <= len(result.occupations) <= 1350
    assert len(result.groups) == 10 + 37 + 144 + 703
    assert result.groups["0110"] == "Offiziere"
    assert all(len(o.code) == 5 for o in result.occupations)

    catalog = OccupationCatalog.load()
    shipped_nurse = catalog.get("81302")
    catalog.extend(result.occupations)
    catalog.add_group_names(result.groups)
    assert len(catalog) >= 1250
    assert len({o.code for o in catalog}) == len(result.occupations)
    assert catalog.search("Elektroinstallateur/in")[0].occupation.code == "26212"
    assert catalog.search("Pflegefachmann")[0].occupation.code == "81302"
    assert catalog.search("Servicetechniker/in Windenergieanlagen")[0].occupation.code == "26252"
    merged_nurse = catalog.get("81302")
    assert shipped_nurse is not None and merged_nurse is not None
    assert set(shipped_nurse.synonyms) <= set(merged_nurse.synonyms)
    assert catalog.get("93612") is not None  # a code only the official file has
    assert catalog.group_name("2621") == "Berufe in der Bauelektrik"
    assert catalog.group_name("262") == "Energietechnik"  # shipped name kept
