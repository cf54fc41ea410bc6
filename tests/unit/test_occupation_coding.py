"""Coding job-ad titles to KldB codes: what the wrapping hides, what stays open, what an import stores."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

from srek_desk.importers.occupation_coding import OccupationResolver
from srek_desk.importers.reader import read_import_file
from srek_desk.reference.job_titles import parse_job_title
from srek_desk.reference.occupations import OccupationCatalog

ROOT = Path(__file__).resolve().parents[2]
VAM_TITLES = ROOT.parent / "shared" / "data" / "ba_berufe_vam" / "ba_vam_berufe_dkz_kldb.csv"


@pytest.fixture(scope="module")
def catalog() -> OccupationCatalog:
    return OccupationCatalog.load()


# The three names the import left uncoded (issue 16) and the wrappings job ads put around a name.
WRAPPED = [
    ("Ausbildung Mechatroniker/in 2027", "26112"),
    ("Koch/Köchin (Ausbildung)", "29302"),
    ("Kfz-Mechatroniker/in - PKW-Technik", "25212"),
    ("Ausbildung zum Industriemechaniker (m/w/d)", "25102"),
    ("Ausbildung zur Fachkraft für Lagerlogistik (w/m/d)", "51312"),
    ("Azubi Tischler/in", "22342"),
    ("Tischler - Azubi", "22342"),
    ("Auszubildende/r Verkäufer/in", "62102"),
    ("Auszubildender zum Bankkaufmann (m/w/d)", "72112"),
    ("Industriekaufmann (m/w/d) ab August 2027", "71302"),
    ("Bankkaufmann (w/m/d) 2026/2027", "72112"),
    ("Ausbildung 2027 - Kaufmann/-frau für Büromanagement", "71402"),
    ("Mechatroniker/-in", "26112"),
    ("Mechatroniker*in m/w/d", "26112"),
    ("Elektroniker/in – Fachrichtung Energie- und Gebäudetechnik", "26212"),
    ("Elektroniker - Fachrichtung Betriebstechnik", "26252"),
    ("Koch bei Kochwerk GmbH", "29302"),
    ("Verkäufer (m/w/d) bei Bäckerei Koch", "62102"),
    ("Ausbildung zur Pflegefachfrau / zum Pflegefachmann", "81302"),
    ("Tourismuskaufmann (Kaufmann für Privat- und Geschäftsreisen)", "63112"),
    ("Gerätezusammensetzer/in", "25112"),  # "Maschinen- und Gerätezusammensetzer/in"
]


@pytest.mark.parametrize(("title", "code"), WRAPPED)
def test_job_ad_wrapping_is_stripped_and_the_occupation_coded(
    catalog: OccupationCatalog, title: str, code: str
) -> None:
    coding = catalog.code(title)
    assert coding.code == code, coding
    assert coding.confident and coding.doubt == ""
    resolved = catalog.resolve(title)  # the old entry point gives the same answer
    assert resolved is not None and resolved.code == code


@pytest.mark.parametrize(
    ("title", "occupation", "specialisation", "training"),
    [
        ("Ausbildung zum/zur Kfz-Mechatroniker/in (m/w/d) 2027", "Kfz-Mechatroniker/in", "", True),
        ("Azubi Koch", "Koch", "", True),
        ("Koch - Azubi", "Koch", "", True),
        ("Auszubildende/r Koch/Köchin ab 01.08.2027", "Koch/Köchin", "", True),
        ("Koch/Köchin (Ausbildung)", "Koch/Köchin", "", True),
        ("Kfz-Mechatroniker/in - PKW-Technik", "Kfz-Mechatroniker/in", "PKW-Technik", False),
        (
            "Elektroniker/in – Fachrichtung Betriebstechnik",
            "Elektroniker/in",
            "Betriebstechnik",
            False,
        ),
        ("Fachkraft für Lagerlogistik", "Fachkraft für Lagerlogistik", "", False),
        (
            "Fachkraft für Möbel-, Küchen- und Umzugsservice (w/m/d)",
            "Fachkraft für Möbel-, Küchen- und Umzugsservice",
            "",
            False,
        ),
        ("Kaufmann im Einzelhandel (m/w/d) in Vollzeit", "Kaufmann im Einzelhandel", "", False),
        ("Koch (m/w/d) bei Gasthaus Krone", "Koch", "", False),
        ("Ausbildung 2027", "", "", True),
    ],
)
def test_parse_job_title(title: str, occupation: str, specialisation: str, training: bool) -> None:
    parsed = parse_job_title(title)
    assert (parsed.occupation, parsed.specialisation, parsed.training) == (
        occupation,
        specialisation,
        training,
    )


@pytest.mark.parametrize(
    ("title", "why"),
    [
        # Each of these was stored with a wrong code before (the search's "typing" rank, a
        # code prefix, a generic word).
        ("Mitarbeiter (m/w/d)", "% ähnlich"),
        ("Helfer (m/w/d)", "% ähnlich"),
        ("Mechatron", "% ähnlich"),
        ("2621", "keine 5-stellige KldB-Kennziffer"),
        # Not in the catalogue; only a part of the compound is.
        ("Revolverdreher/Revolverdreherin", "nur der Wortteil „Dreher/in“"),
        ("Astronaut/in", "kein ähnlicher Beruf"),
        ("Ausbildung 2027", "der Titel nennt keinen Beruf"),
        ("B 99999-100", "Kennziffer 99999 steht nicht im Berufekatalog"),
    ],
)
def test_a_doubtful_name_stays_uncoded(catalog: OccupationCatalog, title: str, why: str) -> None:
    coding = catalog.code(title)
    assert coding.code is None and not coding.confident
    assert why in coding.doubt
    assert catalog.resolve(title) is None


def test_a_doubtful_name_keeps_its_candidate_for_a_person(catalog: OccupationCatalog) -> None:
    coding = catalog.code("Revolverdreher/Revolverdreherin")
    assert coding.occupation is not None and coding.occupation.code == "24232"
    assert coding.hint() == (
        "nicht im Berufekatalog, nur der Wortteil „Dreher/in“; vielleicht 24232 Zerspanungsmechaniker/in"
    )
    assert catalog.code("Koch/Köchin").hint() == ""


def test_bkz_codes_and_level_ties(catalog: OccupationCatalog) -> None:
    assert catalog.code("B 26252-114").code == "26252"
    assert catalog.code("26112").code == "26112"


def test_import_stores_confident_codes_and_lists_doubtful_names(
    tmp_path: Path, reference: object
) -> None:
    path = tmp_path / "angebote.csv"
    path.write_text(
        "Referenznummer;Titel;PLZ;Ort\n"
        "A-1;Ausbildung Mechatroniker/in 2027;34117;Kassel\n"
        "A-2;Koch/Köchin (Ausbildung);34117;Kassel\n"
        "A-3;Kfz-Mechatroniker/in - PKW-Technik;34117;Kassel\n"
        "A-4;Mitarbeiter (m/w/d);34117;Kassel\n"
        "A-5;Revolverdreher/in;34117;Kassel\n"
        "A-6;Mitarbeiter (m/w/d);34117;Kassel\n",
        encoding="utf-8",
    )
    batch = read_import_file(path, reference)  # type: ignore[arg-type]
    assert batch.errors == []
    codes = {offer.reference: offer.kldb_code for offer in batch.offers}
    assert codes == {
        "A-1": "26112",
        "A-2": "29302",
        "A-3": "25212",
        "A-4": None,
        "A-5": None,
        "A-6": None,
    }
    hints = [w.message for w in batch.warnings if w.field == "Beruf"]
    assert len(hints) == 2, hints  # one hint per name, naming its lines
    worker = next(h for h in hints if "Mitarbeiter" in h)
    assert "Zeile 5, 7" in worker and "% ähnlich; vielleicht" in worker
    dreher = next(h for h in hints if "Revolverdreher" in h)
    assert "vielleicht 24232 Zerspanungsmechaniker/in" in dreher
    assert "bitte von Hand zuordnen" in dreher


def test_resolver_codes_each_distinct_name_once(reference: object) -> None:
    class Counting:
        def __init__(self) -> None:
            self.occupations = OccupationCatalog.load()
            self.calls = 0
            original = self.occupations.code

            def code(name: str, min_score: float = 85.0):  # type: ignore[no-untyped-def]
                self.calls += 1
                return original(name, min_score)

            self.occupations.code = code  # type: ignore[method-assign]

    counting = Counting()
    resolver = OccupationResolver(counting)  # type: ignore[arg-type]
    for _ in range(1000):
        assert resolver("Ausbildung Mechatroniker/in 2027") == "26112"
        assert resolver(" Ausbildung  Mechatroniker/in 2027 ") == "26112"
        assert resolver("Mitarbeiter (m/w/d)") is None
    assert counting.calls == 2


# -- the BA list (tests only; CI has ../shared/data) -----------------------------------------


def _bench():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_occupation_coding
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return bench_occupation_coding


@pytest.fixture(scope="module")
def ba_figures(catalog: OccupationCatalog):  # type: ignore[no-untyped-def]
    if not VAM_TITLES.is_file():
        pytest.skip("shared BA job titles not available")
    bench = _bench()
    titles = bench.read_training_titles(VAM_TITLES)
    plain = bench.measure(catalog, titles, bench.coder)[0]
    wrapped = [bench.measure(catalog, titles, bench.coder, w)[0] for w in bench.WRAPPINGS]
    return plain, wrapped


def test_ba_list_reads_the_ausbildungsberufe() -> None:
    if not VAM_TITLES.is_file():
        pytest.skip("shared BA job titles not available")
    with VAM_TITLES.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    titles = _bench().read_training_titles(VAM_TITLES)
    assert len(titles) == 468 < len(rows)
    assert all(len(t.code) == 5 and t.code.isdigit() for t in titles)


@pytest.mark.slow
def test_ba_ausbildungsberufe_are_coded_as_well_wrapped_as_plain(ba_figures) -> None:  # type: ignore[no-untyped-def]
    plain, wrapped = ba_figures
    # Before the coder: 86.4 % exact, 86.1 % of the answers right at 5 digits; wrapped as a job
    # ad ("Ausbildung zum … (m/w/d) 2027") only 41.8 % exact.
    assert plain.exact >= 0.865
    assert plain.right5 >= 0.86 and plain.right3 >= 0.97
    for figures in wrapped:
        assert figures.exact == plain.exact and figures.right5 == plain.right5


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="goal of issue 16 not reached: the shipped catalogue lacks about 30 of these "
    "Ausbildungsberufe and maps a dozen to a neighbouring Berufsgattung (see the benchmark)",
)
def test_ba_ausbildungsberufe_reach_the_goal(ba_figures) -> None:  # type: ignore[no-untyped-def]
    plain, _wrapped = ba_figures
    assert plain.exact >= 0.95 and plain.right5 >= 0.90


def test_occupations_command_shows_what_an_import_stores(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from srek_desk.cli.main import main

    assert main(["occupations", "Ausbildung Mechatroniker/in 2027", "--json", "--limit", "3"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["code"] == "26112" and rows[0]["coded_on_import"] is True
    assert {"code", "name", "level", "level_name", "score", "matched"} <= set(rows[0])
    assert [row["coded_on_import"] for row in rows[1:]] == [False] * (len(rows) - 1)

    assert main(["occupations", "Mechatron", "--limit", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("26112  Mechatroniker/in")  # the search field's order stays
    assert out[-1].startswith("Beim Import: ohne Kennziffer, nur ")
    assert out[-1].endswith("; bitte von Hand zuordnen.")

    assert main(["occupations", "Koch/Köchin (Ausbildung)"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Beim Import: 29302 Koch/Köchin (sicher zugeordnet)."
    )
