"""The example occupations of the official KldB file become synonyms of their Berufsgattung."""

from __future__ import annotations

from pathlib import Path

import pytest

from srek_desk.importers.kldb_csv import MAX_EXAMPLE_CHARS, MAX_EXAMPLES, parse_kldb_csv
from srek_desk.reference.occupations import OccupationCatalog

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"
OFFICIAL = SHARED / "kldb" / "kldb2010_v2020_gliederung_mit_erlaeuterung.csv"
HEADER = "Schlüssel KldB 2010, V. 2020;Ebene;Titel;Kurztitel;Allgemeine Bemerkungen;Einschlüsse;Umfasst ferner;Ausschlüsse;"
# shaped like the official rows: activities in "Einschlüsse", examples in "Umfasst ferner"
TOOLS = (
    "24522;5;Berufe in der Werkzeugtechnik – fachlich ausgerichtete Tätigkeiten;"
    "Werkzeugtechnik - Fachkraft;"
    " Diese Systematikposition umfasst alle Berufe der Werkzeugtechnik. Angehörige dieser "
    "Berufe fertigen und reparieren Werkzeuge.;"
    '"Werkzeuge, Schneidinstrumente oder Sport- und Jagdwaffen herstellen   '
    'spezielle Bearbeitungstechniken anwenden, z.&nbsp;B. Richten, Schärfen, Polieren";'
    '"Zugeordnete Berufe (Beispiele):  24522-105 Büchsenmacher/in  '
    "24522-106 Werkzeugmacher/in - Stanzwerkzeug- u. Vorrichtungsbau  "
    "24522-113 Matrizen-, Schablonenbauer/in  24522-117 Vorrichtungsbauer/in (Metallverarbeitung)  "
    "24522-124 Gewehrschäfter/in  24522-125 Werkzeugtechnik - Fachkraft  "
    '24522-126 Schmied/in - Messerschmied/in  24522-127 Büchsenmacher/in";'
    '"Nicht einzubeziehende Berufe:  Feinwerkmechaniker/in(24512)  '
    'Zerspanungsmechaniker/in(24232)";\n'
)


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "kldb.csv"
    path.write_bytes((HEADER + "\n" + "".join(rows)).encode("utf-8-sig"))
    return path


def test_example_names_become_synonyms_as_the_file_gives_them(tmp_path: Path) -> None:
    result = parse_kldb_csv(write(tmp_path, TOOLS))
    assert result.errors == []
    (tools,) = result.occupations
    assert tools.synonyms == (
        "Werkzeugtechnik - Fachkraft",  # the Kurztitel, once
        "Büchsenmacher/in",  # gender forms kept, the duplicate at the end dropped
        "Werkzeugmacher/in - Stanzwerkzeug- u. Vorrichtungsbau",
        "Matrizen-, Schablonenbauer/in",  # the comma belongs to the name
        "Vorrichtungsbauer/in (Metallverarbeitung)",
        "Gewehrschäfter/in",
        "Schmied/in - Messerschmied/in",
    )
    text = " ".join(tools.synonyms)
    # neither the activities of "Einschlüsse" nor the other codes' names of "Ausschlüsse"
    assert "Werkzeuge" not in text and "Polieren" not in text and "Systematikposition" not in text
    assert "Feinwerkmechaniker" not in text and "Zerspanungsmechaniker" not in text


def test_the_catalogue_finds_an_example_name(tmp_path: Path) -> None:
    result = parse_kldb_csv(write(tmp_path, TOOLS))
    catalog = OccupationCatalog.load()
    assert catalog.code("Büchsenmacher/in").code is None
    catalog.extend(result.occupations)
    assert catalog.code("Ausbildung zum Büchsenmacher (m/w/d)").code == "24522"
    assert catalog.code("Gewehrschäfterin").code == "24522"


def test_examples_in_einschluesse_are_read_when_headed_so(tmp_path: Path) -> None:
    row = (
        "29222;5;Berufe in der Konditorei - fachlich ausgerichtete Tätigkeiten;Konditorei;;"
        '"Zugeordnete Berufe (Beispiele):  29222-101 Konditor/in  29222-102 Confiseur/in";;;\n'
    )
    (pastry,) = parse_kldb_csv(write(tmp_path, row)).occupations
    assert pastry.synonyms == ("Konditorei", "Konditor/in", "Confiseur/in")


def test_malformed_examples_are_row_errors_and_the_rest_is_kept(tmp_path: Path) -> None:
    long_name = "Werkzeugmacher/in " + "x" * MAX_EXAMPLE_CHARS
    rows = (
        "24522;5;Werkzeugtechnik;;;;"
        '"Zugeordnete Berufe (Beispiele):  24522-105 Büchsenmacher/in  '
        f'24512-101 Feinwerkmechaniker/in  24522-106 {long_name}  24522-107";;\n',
        "24512;5;Feinwerktechnik;;;;Feinwerkmechaniker/in, Feinmechaniker/in u.a.;;\n",
        "26212;5;Bauelektrik;;;;"
        '"Zugeordnete Berufe (Beispiele): Elektroinstallateur/in  26212-101 Elektroniker/in";;\n',
    )
    result = parse_kldb_csv(write(tmp_path, *rows))
    tools, fine_mechanics, electrics = result.occupations  # every Berufsgattung is read
    assert tools.synonyms == ("Büchsenmacher/in",)
    assert fine_mechanics.synonyms == ()  # an unheaded list is not guessed at
    assert electrics.synonyms == ("Elektroniker/in",)
    assert [(e.line, e.field) for e in result.errors] == [
        (2, "Umfasst ferner"),
        (3, "Umfasst ferner"),
        (4, "Umfasst ferner"),
    ]
    first, second, third = (e.message for e in result.errors)
    assert first == (
        "Zeile 2: Spalte „Umfasst ferner“: Beispielberufe nicht vollständig übernommen "
        "(24512-101 gehört nicht zur Berufsgattung 24522; 24522-106 ist länger als "
        f"{MAX_EXAMPLE_CHARS} Zeichen; 24522-107 ohne Namen); die Berufsgattung 24522 ist eingelesen"
    )
    assert "beginnt nicht mit „Zugeordnete Berufe (Beispiele):“" in second
    assert "Text ohne Berufekennziffer „Elektroinstallateur/in“" in third


def test_the_number_of_examples_is_capped_and_said(tmp_path: Path) -> None:
    names = "  ".join(f"24522-{n:03d} Werkzeugmacher/in Nr. {n}" for n in range(MAX_EXAMPLES + 5))
    row = f'24522;5;Werkzeugtechnik;;;;"Zugeordnete Berufe (Beispiele):  {names}";;\n'
    result = parse_kldb_csv(write(tmp_path, row))
    (tools,) = result.occupations
    assert len(tools.synonyms) == MAX_EXAMPLES
    assert tools.synonyms[-1] == f"Werkzeugmacher/in Nr. {MAX_EXAMPLES - 1}"
    (error,) = result.errors
    assert f"nur die ersten {MAX_EXAMPLES} von {MAX_EXAMPLES + 5} Namen übernommen" in error.message


def test_official_file_gives_the_example_names() -> None:
    if not OFFICIAL.is_file():
        pytest.skip("official KldB file not available")
    result = parse_kldb_csv(OFFICIAL)
    assert result.errors == []
    by_code = {o.code: o for o in result.occupations}
    assert "Büchsenmacher/in" in by_code["24522"].synonyms
    assert "Jagdwaffenmechaniker/in" in by_code["24522"].synonyms
    # an Ausschluss of 24522 names another code's occupation: not a synonym here
    assert "Zerspanungsmechaniker/in" not in by_code["24522"].synonyms
    assert "Zerspanungsmechaniker/in" in by_code["24232"].synonyms
    assert "Offizier - Truppendienst" in by_code["01104"].synonyms  # code padded, examples kept
    assert sum(len(o.synonyms) for o in result.occupations) > 18_000
    assert all(
        len(o.synonyms) <= MAX_EXAMPLES + 1 and all(len(s) <= 60 for s in o.synonyms)
        for o in result.occupations
    )
    # no activity sentence slipped in: examples are names, not "… herstellen"
    assert not any(
        s.endswith(("herstellen", "durchführen")) for o in result.occupations for s in o.synonyms
    )

    catalog = OccupationCatalog.load()
    catalog.extend(result.occupations)
    assert catalog.code("Büchsenmacher/in").code == "24522"
    assert catalog.code("Ausbildung Gewehrschäfter (m/w/d)").code == "24522"
