"""Skills and flags in the readers: BA `fertigkeiten` and flags, spreadsheet columns, HR-BA-XML, export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from srek_desk.db.skill_seed import shipped_skills
from srek_desk.importers.export import write_offers
from srek_desk.importers.offer_table import suggest_mapping
from srek_desk.importers.reader import read_import_file
from srek_desk.importers.records import ImportBatch, OfferRecord
from srek_desk.importers.skills import (
    level_is_required,
    merge_flags,
    parse_flags,
    read_fertigkeiten,
    resolve_offer_skills,
)
from srek_desk.services.offers.skills import SkillEntry, SkillResolver

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


@pytest.fixture(scope="module")
def resolver() -> SkillResolver:
    return SkillResolver(
        SkillEntry(s.code, s.label, s.category, s.course, s.synonyms, True, True)
        for s in shipped_skills()
    )


def ba_details(**extra: object) -> dict[str, object]:
    document = json.loads((FIXTURES / "ba_jobdetails_2026.json").read_text(encoding="utf-8"))
    document.update(extra)
    return document


def write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("level", "required"),
    [
        ("Expertenkenntnisse", True),
        ("Erweiterte Kenntnisse", True),
        ("Zwingend erforderlich", True),
        ("Grundkenntnisse", False),
        ("wünschenswert", False),
        ("nicht erforderlich", False),
        ("Sonstiges", False),  # unknown levels never make a near miss
    ],
)
def test_levels(level: str, required: bool) -> None:
    assert level_is_required(level) is required


def test_fertigkeiten_shapes_are_read_tolerantly() -> None:
    value = [
        {
            "hierarchieName": "Lager",
            "auspraegungen": {
                "Erweiterte Kenntnisse": ["Staplerschein", {"bezeichnung": "Kranschein"}],
                "Grundkenntnisse": ["Erste Hilfe", "Staplerschein"],
            },
        },
        {
            "hierarchieName": "Büro",
            "auspraegungen": [{"name": "SAP", "niveau": "Experte"}, "DATEV"],
        },
        {"hierarchieName": "kaputt", "auspraegungen": 7},
        "kein Objekt",
    ]
    assert read_fertigkeiten(value) == (
        ("Staplerschein", "Kranschein", "SAP"),
        ("Erste Hilfe", "DATEV"),  # a name also required is not nice as well
    )
    assert read_fertigkeiten(None) is None and read_fertigkeiten("Staplerschein") is None
    assert read_fertigkeiten([]) == ((), ())


def test_ba_json_fertigkeiten_and_flags(tmp_path: Path, reference, resolver) -> None:  # type: ignore[no-untyped-def]
    document = ba_details(
        fertigkeiten=[
            {
                "hierarchieName": "Metall",
                "auspraegungen": {
                    "Expertenkenntnisse": ["MAG-Schweißen", "Teamgeist"],
                    "Grundkenntnisse": ["Gabelstapler", "Zaubern", "Teamgeist"],
                },
            }
        ],
        fuerFluechtlingeGeeignet=True,
        nurFuerSchwerbehinderte="false",
        quereinstiegGeeignet="true",
        istArbeitnehmerUeberlassung=True,
        istPrivateArbeitsvermittlung=False,
    )
    path = write_json(tmp_path / "details.json", document)
    (offer,) = read_import_file(path, reference).offers
    assert offer.required_skill_names == ("MAG-Schweißen", "Teamgeist")
    assert offer.nice_skill_names == ("Gabelstapler", "Zaubern")
    assert offer.flags == {
        "refugees": True,
        "disabled_only": False,
        "lateral_entry": True,
        "temp_agency": True,
        "private_agency": False,
    }
    batch = read_import_file(path, reference, skills=resolver.resolve_many)
    (offer,) = batch.offers
    assert (offer.skills_required, offer.skills_nice) == ("schweissen_mag", "staplerschein")
    (hint,) = [w for w in batch.warnings if w.field == "Kenntnisse"]  # one hint, counted
    assert "2 Angaben" in hint.message and "„Teamgeist“" in hint.message
    assert "„Zaubern“" in hint.message and "Datensatz 1" in hint.message


def test_ba_listing_without_flags_or_skills_states_nothing(reference, resolver) -> None:  # type: ignore[no-untyped-def]
    batch = read_import_file(
        FIXTURES / "ba_search_v4.json", reference, skills=resolver.resolve_many
    )
    assert all(o.flags is None and o.skills_required is None for o in batch.offers)
    (old,) = read_import_file(FIXTURES / "ba_jobdetails_2026.json", reference).offers
    assert old.flags == {"disabled_only": False, "temp_agency": False, "private_agency": False}


def test_listing_and_details_merge_flags(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    listing = {"refnr": "10000-1-S", "titel": "Lagerhelfer/in", "zeitarbeit": True}
    details = {"refnr": "10000-1-S", "titel": "Lagerhelfer/in", "fuerFluechtlingeGeeignet": True}
    path = write_json(tmp_path / "both.json", [{"stellenangebote": [listing]}, details])
    (offer,) = read_import_file(path, reference).offers
    assert offer.flags == {"temp_agency": True, "refugees": True}


def test_unknown_only_keeps_stored_skills_for_ba_but_not_for_tables(resolver) -> None:  # type: ignore[no-untyped-def]
    for file_format, expected in (("ba-json", None), ("csv", "")):
        batch = ImportBatch(format=file_format)
        batch.offers = [OfferRecord(line=2, reference="A", required_skill_names=("Zaubern",))]
        resolve_offer_skills(batch, resolver.resolve_many)
        assert batch.offers[0].skills_required == expected, file_format
        assert len(batch.warnings) == 1


def test_many_unknown_names_make_one_short_hint(resolver) -> None:  # type: ignore[no-untyped-def]
    batch = ImportBatch(format="csv")
    batch.offers = [
        OfferRecord(line=n, reference=str(n), nice_skill_names=(f"Unbekannt {n % 15}",))
        for n in range(2, 302)
    ]
    resolve_offer_skills(batch, resolver.resolve_many)
    (hint,) = batch.warnings
    assert "300 Angaben" in hint.message and "und 5 weitere" in hint.message
    assert "Zeile 2, 3, 4" in hint.message and " …" in hint.message and len(hint.message) < 800


@pytest.mark.parametrize(
    ("cell", "codes", "unknown"),
    [
        ("Staplerschein; Erste Hilfe", ("staplerschein", "erste_hilfe"), ()),
        ("MS Office (Word, Excel)", ("ms_office",), ()),
        ("SAP R/3, Kranschein", ("sap_grundkenntnisse", "kranschein"), ()),
        ("Technisches Zeichnen / CAD", ("technisches_zeichnen_cad",), ()),
        ("Gabelstapler/Zaubern | WIG", ("staplerschein", "schweissen_wig"), ("Zaubern",)),
        ("", (), ()),
    ],
)
def test_resolve_many_splits_only_where_needed(resolver, cell, codes, unknown) -> None:  # type: ignore[no-untyped-def]
    assert resolver.resolve_many(cell) == (codes, unknown)


def test_flag_cells_and_merging() -> None:
    stated = parse_flags("Zeitarbeit; für Quereinsteiger:innen geeignet, keine Vermittlung")
    assert {code for code, on in stated.items() if on} == {"temp_agency", "lateral_entry"}
    assert len(stated) == 5 and not any(parse_flags("nein").values())
    with pytest.raises(ValueError, match="„homeoffice“ ist kein bekanntes Merkmal"):
        parse_flags("Homeoffice")
    assert merge_flags("refugees,temp_agency", {"temp_agency": False}) == "refugees"
    assert merge_flags("temp_agency,refugees", {"refugees": True}) == "temp_agency,refugees"
    assert merge_flags("refugees", None) == "refugees"
    assert merge_flags("", {"disabled_only": True, "refugees": True}) == "refugees,disabled_only"


def test_table_skill_and_flag_columns(tmp_path: Path, reference, resolver) -> None:  # type: ignore[no-untyped-def]
    header = [
        "Referenznummer",
        "Titel",
        "PLZ",
        "Kenntnisse",
        "Wünschenswert",
        "Zeitarbeit",
        "Quereinstieg",
    ]
    mapping = suggest_mapping(header)
    assert mapping["Kenntnisse"] == "skills_required" and mapping["Wünschenswert"] == "skills_nice"
    assert mapping["Zeitarbeit"] == mapping["Quereinstieg"] == "flags"  # both flag columns used
    path = tmp_path / "liste.csv"
    path.write_text(
        ";".join(header)
        + '\nT-1;Lagerhelfer/in;34117;"Staplerschein; Erste Hilfe";Zaubern;ja;nein\n'
        + "T-2;Lagerhelfer/in;34117;;;;x\n"
        + "T-3;Lagerhelfer/in;34117;;;vielleicht;\n",
        encoding="utf-8",
    )
    batch = read_import_file(path, reference, skills=resolver.resolve_many)
    offers = {o.reference: o for o in batch.offers}
    assert offers["T-1"].skills_required == "staplerschein,erste_hilfe"
    assert offers["T-1"].skills_nice == ""
    assert offers["T-1"].flags == {"temp_agency": True, "lateral_entry": False}
    assert offers["T-2"].flags == {"lateral_entry": True}  # an empty cell states nothing
    assert offers["T-2"].skills_required == ""  # a table column says the whole truth
    assert "T-3" not in offers and "vielleicht" in batch.errors[0].message
    assert [w.field for w in batch.warnings].count("Kenntnisse") == 1
    assert {"skills_required", "skills_nice", "flags"} <= batch.fields


def test_hrbaxml_certifications_and_handicap(tmp_path: Path, reference, resolver) -> None:  # type: ignore[no-untyped-def]
    xml = (FIXTURES / "hrbaxml_offers.xml").read_text(encoding="utf-8")
    extra = (
        "<CertificationQualifs><Certification><CertificationName>Gabelstaplerschein"
        "</CertificationName></Certification><Certification><CertificationName>Zaubern"
        "</CertificationName></Certification></CertificationQualifs>"
    )
    xml = xml.replace("</QualificationsRequired>", extra + "</QualificationsRequired>", 1)
    xml = xml.replace(
        "</JobPositionRequirements>", "<Handicap>1</Handicap></JobPositionRequirements>", 1
    )
    path = tmp_path / "hr.xml"
    path.write_text(xml, encoding="utf-8")
    batch = read_import_file(path, reference, skills=resolver.resolve_many)
    first = batch.offers[0]
    assert first.required_skill_names == ("Gabelstaplerschein", "Zaubern")
    assert first.skills_required == "staplerschein" and first.flags == {"disabled_only": True}
    assert all(o.flags is None for o in batch.offers[1:])


def test_export_writes_labels_that_read_back(tmp_path: Path, reference, resolver) -> None:  # type: ignore[no-untyped-def]
    labels = {s.code: s.label for s in shipped_skills()}
    path = tmp_path / "export.csv"
    row = {
        "reference": "E-1",
        "title": "Bürokraft (m/w/d)",
        "postcode": "34117",
        "skills_required": "ms_office,staplerschein",
        "skills_nice": "technisches_zeichnen_cad",
        "flags": "lateral_entry,temp_agency",
    }
    assert write_offers(path, [row], skill_labels=labels) == 1
    with path.open(encoding="utf-8-sig") as stream:
        written = next(csv.DictReader(stream, delimiter=";"))
    assert written["Kenntnisse (Pflicht)"] == "MS Office (Word, Excel); Staplerschein"
    assert written["Merkmale"] == "für Quereinsteiger:innen geeignet; Zeitarbeit"
    (offer,) = read_import_file(path, reference, skills=resolver.resolve_many).offers
    assert (offer.skills_required, offer.skills_nice) == (
        row["skills_required"],
        row["skills_nice"],
    )
    assert {code for code, on in (offer.flags or {}).items() if on} == {
        "lateral_entry",
        "temp_agency",
    }
