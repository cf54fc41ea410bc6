"""Bad input: every importer refuses or reports with a German message naming the place; nothing crashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from srek_desk.db.codes import OFFER_FLAGS
from srek_desk.importers.errors import ImportRefused
from srek_desk.importers.reader import read_import_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
HEADER = "Referenznummer;Titel;PLZ;Eintrittsdatum\n"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<HRBAXMLJobPositionPosting><Header/><Data>&lol3;</Data></HRBAXMLJobPositionPosting>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<HRBAXMLJobPositionPosting><Header/><Data><DeleteEntry><EntryId>&xxe;</EntryId></DeleteEntry></Data></HRBAXMLJobPositionPosting>"""


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leer.csv", b"", "ist leer"),
        ("leer.json", b"  \n ", "ist leer"),
        ("kaputt.json", b'{"stellenangebote": [{"refnr": "1", "titel": "x"', "Zeile 1, Spalte"),
        ("falsch.json", b'{"stellenangebote": [{"refnr": "1",, }]}', "kein gültiges JSON: Zeile 1"),
        ("fremd.json", b'{"hello": "world"}', "keine Antwort der BA-Jobsuche"),
        ("bombe.xml", BILLION_LAUGHS, "Sicherheitsgründen"),
        ("xxe.xml", EXTERNAL_ENTITY, "Sicherheitsgründen"),
        ("abgeschnitten.xml", b"<HRBAXMLJobPositionPosting><Header><Supp", "Zeile 1"),
        ("fremd.xml", b"<rss><channel/></rss>", "kein HR-BA-XML"),
        ("spalten.csv", b"Nummer;Titel\n1;x\n", "fehlt die Spalte „Referenznummer"),
        ("utf16.csv", "Referenznummer;Titel\n".encode("utf-16"), "UTF-16"),
        ("bild.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Binärdatei"),
        ("alt.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "alten Excel-Format"),
        ("kaputt.xlsx", b"PK\x03\x04garbage", "ZIP"),
    ],
)
def test_refused_files_say_why(
    tmp_path: Path, reference, name: str, content: bytes, message: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportRefused) as refused:
        read_import_file(path, reference)
    assert message in refused.value.message
    assert name in refused.value.message or "Zeile" in refused.value.message


def test_wrong_encoding_is_refused_with_line(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.csv"
    path.write_bytes(HEADER.encode() + b"1;Titel;37213;01.08.2027\n2;B\x81ro;37213;01.08.2027\n")
    with pytest.raises(ImportRefused, match="Zeile 3"):
        read_import_file(path, reference)


def test_forced_format_that_does_not_fit_is_refused(reference) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ImportRefused, match="sollte CSV sein, enthält aber BA-Jobsuche"):
        read_import_file(FIXTURES / "ba_search_v4.json", reference, file_format="csv")


def test_oversized_file_is_refused_before_reading(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "riesig.json"
    with path.open("wb") as stream:
        stream.write(b'{"stellenangebote": [')
        stream.truncate(200 * 1024 * 1024)  # sparse: 200 MB on paper, nothing on disk
    with pytest.raises(ImportRefused, match="200 MB groß"):
        read_import_file(path, reference)


def test_row_errors_name_line_and_column(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.csv"
    path.write_text(
        HEADER
        + "A-1;Gut;37213;01.08.2027\n"
        + "A-2;Datum;37213;31.02.2027\n"
        + "A-1;Doppelt;37213;01.08.2027\n"
        + "A-3;PLZ;99999;01.08.2027\n"
        + ";Ohne Nummer;37213;\n",
        encoding="utf-8",
    )
    batch = read_import_file(path, reference)
    # An unknown postcode is no bad row: the offer is kept without a place ("Arbeitsort
    # unbekannt"), and the hint names line and reference.
    assert [o.reference for o in batch.offers] == ["A-1", "A-3"]
    messages = sorted(e.message for e in batch.errors)
    assert messages == [
        "Zeile 3, Spalte „Eintrittsdatum“: „31.02.2027“ ist kein gültiges Datum (diesen Tag gibt es nicht)",
        "Zeile 4, Spalte „Referenznummer“: Referenznummer A-1 steht schon in Zeile 2",
        "Zeile 6, Spalte „Referenznummer“: die Referenznummer fehlt",
    ]
    assert batch.offers[1].lat is None and batch.offers[1].postcode == "99999"
    assert [w.message for w in batch.warnings if w.line == 5 and w.field == "PLZ"] == [
        "Zeile 5 (A-3): Arbeitsort unbekannt – der Ort ist nicht zu finden (PLZ 99999); ohne "
        "Entfernung und Fahrzeit übernommen."
    ]


def _mutate(data: bytes, cuts: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for position, length, insert in cuts:
        position %= len(out) + 1
        out[position : position + length] = insert
    return bytes(out)


MUTATIONS = st.lists(
    st.tuples(st.integers(0, 5000), st.integers(0, 8), st.binary(max_size=6)),
    min_size=1,
    max_size=4,
)


@pytest.mark.parametrize(
    "fixture",
    [
        "ba_search_v4.json",
        "ba_jobdetails_2026.json",
        "offers.csv",
        "offers_cp1252_comma.csv",
        "hrbaxml_offers.xml",
        "clients.csv",
    ],
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cuts=MUTATIONS)
def test_mutated_files_never_crash(tmp_path: Path, reference, fixture: str, cuts) -> None:  # type: ignore[no-untyped-def]
    data = _mutate((FIXTURES / fixture).read_bytes(), cuts)
    path = tmp_path / fixture
    path.write_bytes(data)
    try:
        batch = read_import_file(
            path, reference, kind="clients" if "clients" in fixture else "offers"
        )
    except ImportRefused as refused:
        assert refused.message
        return
    for error in batch.errors:
        assert error.message and error.line >= 0


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cuts=MUTATIONS)
def test_mutated_xlsx_never_crashes(tmp_path: Path, reference, cuts) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.importers.export import write_offers

    source = tmp_path / "base.xlsx"
    if not source.exists():
        write_offers(source, [{"reference": "X-1", "title": "Titel", "postcode": "37213"}])
    path = tmp_path / "mutated.xlsx"
    path.write_bytes(_mutate(source.read_bytes(), cuts))
    try:
        read_import_file(path, reference)
    except ImportRefused as refused:
        assert refused.message


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    fertigkeiten=JSON_VALUES,
    flags=st.dictionaries(
        st.sampled_from(["fuerFluechtlingeGeeignet", "zeitarbeit", "quereinstiegGeeignet"]),
        JSON_VALUES,
    ),
)
def test_odd_skills_and_flags_never_crash(tmp_path: Path, reference, fertigkeiten, flags) -> None:  # type: ignore[no-untyped-def]
    record = {
        "refnr": "10000-1-S",
        "titel": "Lagerhelfer/in",
        "fertigkeiten": fertigkeiten,
        **flags,
    }
    path = tmp_path / "odd.json"
    path.write_text(json.dumps({"stellenangebote": [record]}), encoding="utf-8")
    (offer,) = read_import_file(path, reference, skills=lambda text: ((), (text,))).offers
    for names in (offer.required_skill_names, offer.nice_skill_names):
        assert names is None or all(isinstance(n, str) and 0 < len(n) <= 200 for n in names)
    assert offer.flags is None or set(offer.flags) <= set(OFFER_FLAGS)


def test_a_huge_skill_list_is_cut_short(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    names = [f"Fertigkeit {n}" for n in range(100_000)]
    record = {
        "refnr": "1",
        "titel": "T",
        "fertigkeiten": [{"auspraegungen": {"Grundkenntnisse": names}}],
    }
    path = tmp_path / "gross.json"
    path.write_text(json.dumps({"stellenangebote": [record]}), encoding="utf-8")
    batch = read_import_file(path, reference, skills=lambda text: ((), (text,)))
    assert len(batch.offers[0].nice_skill_names or ()) == 200
    (hint,) = [w for w in batch.warnings if w.field == "Kenntnisse"]
    assert "200 Angaben" in hint.message and len(hint.message) < 1000
