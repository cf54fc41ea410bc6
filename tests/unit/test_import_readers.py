"""Import readers on fixtures built from the BA specs: BA JSON (old and 2026 names), CSV, XLSX, HR-BA-XML, clients."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from srek_desk.importers.detect import sniff
from srek_desk.importers.export import write_offers
from srek_desk.importers.offer_table import suggest_mapping
from srek_desk.importers.reader import read_import_file
from srek_desk.importers.values import parse_date, parse_decimal, parse_working_time

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
HEADER = (
    "Referenznummer;Angebotsart;Titel;Beruf;KldB;Arbeitgeber;PLZ;Ort;Eintrittsdatum;"
    "Bewerbungsschluss;Arbeitszeit;Befristet;Schulabschluss;Ansprechpartner;Telefon;E-Mail;Link"
)


def by_reference(batch):  # type: ignore[no-untyped-def]
    return {o.reference: o for o in batch.offers}


def test_ba_search_response_old_names(reference) -> None:  # type: ignore[no-untyped-def]
    batch = read_import_file(FIXTURES / "ba_search_v4.json", reference)
    assert batch.format == "ba-json" and batch.errors == [] and batch.total == 3
    offers = by_reference(batch)
    kassel = offers["10000-1184867112-S"]
    assert (kassel.postcode, kassel.place, kassel.state) == ("34117", "Kassel", "HE")
    assert (kassel.lat, kassel.lon) == (51.3155, 9.4924)  # coordinates from the file win
    assert kassel.offer_type == "ausbildung"  # from the title: listings carry no type
    assert kassel.kldb_code and kassel.kldb_code.startswith("262")
    assert kassel.modified_at == datetime(2026, 10, 25, 13, 12, 33, tzinfo=UTC)
    assert kassel.url == "https://muster-elektro.example.org/ausbildung"
    goettingen = offers["10000-1184867113-S"]
    assert goettingen.postcode == "37073" and goettingen.lat is not None  # gazetteer by postcode
    nameless = offers["10000-1184867114-S"]
    # Witzenhausen has six postcodes: the town's centre, marked approximate, and no postcode
    assert nameless.postcode == "" and nameless.lat is not None and nameless.place_approximate
    assert not kassel.place_approximate and goettingen.place_approximate
    assert nameless.kldb_code is None
    assert any("Zauberlehrling" in w.message and "Datensatz 3" in w.message for w in batch.warnings)


def test_ba_job_details_2026_names(reference) -> None:  # type: ignore[no-untyped-def]
    batch = read_import_file(FIXTURES / "ba_jobdetails_2026.json", reference)
    (offer,) = batch.offers
    assert offer.reference == "10001-1234567-S"
    assert offer.title == "Ausbildung Mechatroniker/in (m/w/d)"
    assert offer.offer_type == "ausbildung" and offer.kldb_code == "26112"
    assert offer.employer_name == "Muster Werra Metallbau GmbH"
    assert (offer.street, offer.postcode, offer.lat, offer.lon) == (
        "Musterstraße 1",
        "37213",
        51.3418,
        9.8566,
    )
    assert offer.working_time == "vollzeit" and offer.fixed_term is True
    assert offer.start_date == date(2027, 8, 1) and offer.required_school == "mittlere_reife"
    assert offer.salary_text.startswith("1050")


def test_ba_job_details_old_names(reference) -> None:  # type: ignore[no-untyped-def]
    (offer,) = read_import_file(FIXTURES / "ba_jobdetails_v4_old.json", reference).offers
    assert offer.working_time == "teilzeit,schicht" and offer.fixed_term is False
    assert offer.positions == 2 and offer.state == "NI" and offer.place == "Hann. Münden"
    assert offer.description.startswith("Ambulante Pflege")


def test_ba_list_of_responses(reference) -> None:  # type: ignore[no-untyped-def]
    batch = read_import_file(FIXTURES / "ba_responses_list.json", reference)
    assert sorted(by_reference(batch)) == ["10000-2000000001-S", "10000-2000000002-S"]
    assert by_reference(batch)["10000-2000000002-S"].state == "NW"


def test_listing_and_details_of_one_offer_merge(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    import json

    listing = json.loads((FIXTURES / "ba_search_v4.json").read_text(encoding="utf-8"))
    details = json.loads((FIXTURES / "ba_jobdetails_2026.json").read_text(encoding="utf-8"))
    details["referenznummer"] = "10000-1184867112-S"
    path = tmp_path / "both.json"
    path.write_text(json.dumps([listing, details]), encoding="utf-8")
    batch = read_import_file(path, reference)
    assert batch.errors == [] and len(batch.offers) == 3
    merged = by_reference(batch)["10000-1184867112-S"]
    assert merged.title == "Ausbildung Mechatroniker/in (m/w/d)" and merged.salary_text


def test_csv_with_the_usual_german_header(reference) -> None:  # type: ignore[no-untyped-def]
    assert set(suggest_mapping(HEADER.split(";"))) == set(HEADER.split(";"))
    batch = read_import_file(FIXTURES / "offers.csv", reference)
    assert batch.format == "csv" and batch.errors == []
    offers = by_reference(batch)
    assert [o.offer_type for o in batch.offers] == [
        "ausbildung",
        "arbeit",
        "duales_studium",
        "praktikum",
    ]
    first = offers["K-2027-001"]
    assert first.kldb_code == "26112" and first.application_deadline == date(2027, 3, 31)
    assert first.fixed_term is True and first.required_school == "mittlere_reife"
    assert first.contact_email == "ausbildung@muster-1.example.org" and first.lat is not None
    assert (
        offers["K-2027-002"].working_time == "teilzeit" and offers["K-2027-002"].fixed_term is False
    )


def test_csv_windows_1252_comma_decimal_commas(reference) -> None:  # type: ignore[no-untyped-def]
    batch = read_import_file(FIXTURES / "offers_cp1252_comma.csv", reference)
    offers = by_reference(batch)
    assert offers["W-1"].employer_name == "Müller Beispiel GmbH"
    assert (offers["W-1"].lat, offers["W-1"].lon) == (51.1881, 10.053)
    assert offers["W-1"].working_time == "vollzeit,teilzeit"
    assert offers["W-2"].place == "Bad Sooden-Allendorf" and offers["W-2"].lat is not None


def test_xlsx_round_trip_through_export(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {f: getattr(o, f) for f in o.__slots__}
        for o in read_import_file(FIXTURES / "offers.csv", reference).offers
    ]
    for kind in ("xlsx", "csv"):
        target = tmp_path / f"export.{kind}"
        assert write_offers(target, rows) == 4
        again = read_import_file(target, reference)
        assert again.format == kind and again.errors == []
        for before, after in zip(rows, again.offers, strict=True):
            for field in (
                "reference",
                "offer_type",
                "title",
                "kldb_code",
                "postcode",
                "start_date",
                "application_deadline",
                "working_time",
                "fixed_term",
                "required_school",
            ):
                assert getattr(after, field) == before[field], (kind, field)
            assert abs(after.lat - before["lat"]) < 1e-5


def test_clients_csv(reference) -> None:  # type: ignore[no-untyped-def]
    batch = read_import_file(FIXTURES / "clients.csv", reference, kind="clients")
    assert batch.errors == []
    lena = batch.clients[0]
    assert lena.customer_number == "KD-1001" and lena.school_qualification == "mittlere_reife"
    assert lena.occupations == ("26112", "25212") and lena.driving_licences == "B"
    assert lena.has_car and lena.mobility_modes == "car,pt,bike" and not lena.willing_to_relocate
    assert lena.working_time == "vollzeit" and lena.earliest_start == date(2027, 8, 1)
    assert lena.german_level == "C2" and lena.birth_date == date(2009, 5, 1)
    assert batch.clients[1].willing_to_relocate and batch.clients[1].working_time == "teilzeit"


def test_hrbaxml_fixture_is_valid_and_read(shared_data: Path, reference) -> None:  # type: ignore[no-untyped-def]
    xmlschema = pytest.importorskip("xmlschema")
    schema = xmlschema.XMLSchema(str(shared_data / "hrbaxml" / "HRBAXML_JobPosting.xsd"))
    schema.validate(str(FIXTURES / "hrbaxml_offers.xml"))
    batch = read_import_file(FIXTURES / "hrbaxml_offers.xml", reference)
    assert batch.format == "hr-ba-xml" and batch.full_load and batch.errors == []
    assert batch.deletions == [(3, "V000000001-2025-0099-S")]
    offers = by_reference(batch)
    first = offers["V000000001-2026-0001-S"]
    assert first.offer_type == "ausbildung" and first.kldb_code == "26112"
    assert first.required_school == "mittlere_reife" and first.positions == 2
    assert first.application_deadline == date(2027, 3, 31) and first.state == "HE"
    assert offers["V000000001-2026-0002-S"].working_time == "teilzeit,schicht"


def test_ba_sample_file_is_read_safely(shared_data: Path, tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    sample = tmp_path / "muster.xml"
    shutil.copy(shared_data / "hrbaxml" / "HRBAXML_Musterdatei_P83.xml", sample)
    batch = read_import_file(sample, reference)
    assert [o.reference for o in batch.offers] == ["a"]
    assert batch.deletions == [(2, "a")]
    assert batch.offers[0].lat is None or batch.offers[0].postcode == ""  # "a" is no place


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"stellenangebote": []}', "ba-json"),
        (b"\xef\xbb\xbf  [1]", "ba-json"),
        (b"<?xml version='1.0'?><HRBAXMLJobPositionPosting/>", "hr-ba-xml"),
        (b"Referenznummer;Titel\n1;x\n", "csv"),
    ],
)
def test_sniffing_by_content(content: bytes, expected: str) -> None:
    assert sniff(content, "x") == expected


def test_json_under_a_csv_name_is_read_as_json(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "angebote.csv"
    shutil.copy(FIXTURES / "ba_search_v4.json", path)
    batch = read_import_file(path, reference)
    assert batch.format == "ba-json" and len(batch.offers) == 3
    assert any("heißt „.csv“" in w.message for w in batch.warnings)


def test_values() -> None:
    assert parse_date("1.8.27") == date(2027, 8, 1)
    assert parse_date("2027-08-01") == date(2027, 8, 1)
    with pytest.raises(ValueError, match="gültiges Datum"):
        parse_date("31.02.2027")
    assert parse_decimal("1.234,5") == 1234.5
    assert parse_working_time("Vollzeit / Teilzeit") == "vollzeit,teilzeit"


def test_hrbaxml_type_is_read_not_guessed() -> None:
    """JobOfferType decides; without it the title may name the type, else the type is unclear."""
    from srek_desk.importers.hrbaxml import read_hrbaxml

    text = (FIXTURES / "hrbaxml_offers.xml").read_text(encoding="utf-8")
    assert "<JobOfferType>4</JobOfferType>" in text and "<JobOfferType>1</JobOfferType>" in text
    given, *_ = read_hrbaxml(text.encode("utf-8"), "angebote.xml")
    assert [o.offer_type for o in given] == ["ausbildung", "arbeit"]

    without = text.replace("<JobOfferType>4</JobOfferType>", "").replace(
        "<JobOfferType>1</JobOfferType>", ""
    )
    without = without.replace(
        "<JobPositionTitleDescription>Pflegefachmann/-frau<",
        "<JobPositionTitleDescription>Ausbildung Pflegefachmann/-frau<",
    )
    silent, *_ = read_hrbaxml(without.encode("utf-8"), "angebote.xml")
    assert [o.offer_type for o in silent] == ["unklar", "ausbildung"]


def test_client_wishes_with_gender_forms_are_one_occupation_each(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    """A slash inside a name is a gender form, not a second wish; a doubtful name is refused
    with a sentence that says so (not "unknown")."""
    path = tmp_path / "klienten.csv"
    path.write_text(
        "Kundennummer;Vorname;Nachname;PLZ;Berufswunsch (KldB)\n"
        "KD-1;Lena;Musterfrau;34346;Mechatroniker/in, Koch/Köchin\n"
        "KD-2;Jonas;Beispiel;37213;Kaufmann/-frau im Einzelhandel / 26112\n"
        "KD-3;Mia;Muster;37213;Helfer\n",
        encoding="utf-8",
    )
    batch = read_import_file(path, reference, kind="clients")
    by_number = {c.customer_number: c for c in batch.clients}
    assert by_number["KD-1"].occupations == ("26112", "29302")
    assert by_number["KD-2"].occupations[1:] == ("26112",)
    assert len(by_number["KD-2"].occupations) == 2
    assert [e.line for e in batch.errors] == [4]
    assert "lässt sich keinem Beruf sicher zuordnen" in batch.errors[0].message
