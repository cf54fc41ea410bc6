"""Import scope, known types and known places as a counsellor meets them in the offer list.

A second file of the same source leaves the first one's offers active unless it is the source's
complete list (`--full`, HR-BA-XML TypeOfLoad "F", a scope); the report names what it retires.
Types come from the record, its title, or the import; otherwise "unklar". Places come from the
record's coordinates, else a postcode or place centre (approximate), else none.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from srek_desk.db.models import Offer
from srek_desk.services.imports.service import ImportOptions, ImportService

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
KASSEL = {"plz": "34117", "ort": "Kassel", "region": "Hessen", "land": "Deutschland"}


@pytest.fixture
def service(database, reference) -> ImportService:  # type: ignore[no-untyped-def]
    return ImportService(database, reference)


def stored(database) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    with database.engine.connect() as conn:
        return {row.reference: row._asdict() for row in conn.execute(select(Offer))}


def listing(reference: str, title: str, **extra: Any) -> dict[str, Any]:
    """One offer of a BA Jobsuche search result (old names, as `/pc/v4/jobs` answers)."""
    return {
        "refnr": reference,
        "titel": title,
        "beruf": "Mechatroniker/in",
        "arbeitgeber": "Muster GmbH",
        "arbeitsort": {**KASSEL, "koordinaten": {"lat": 51.3155, "lon": 9.4924}},
        "modifikationsTimestamp": "2026-10-25T13:12:33.913",
        **extra,
    }


def search_file(path: Path, *offers: dict[str, Any]) -> Path:
    path.write_text(json.dumps({"stellenangebote": list(offers)}), encoding="utf-8")
    return path


def two_searches(tmp_path: Path) -> tuple[Path, Path]:
    mechatronik = search_file(
        tmp_path / "suche_mechatronik.json",
        listing("10000-0000000001-S", "Mechatroniker/in (m/w/d)"),
        listing("10000-0000000002-S", "Mechatroniker/in Instandhaltung"),
    )
    koch = search_file(
        tmp_path / "suche_koch.json",
        listing("10000-0000000011-S", "Koch/Köchin (m/w/d)", beruf="Koch/Köchin"),
    )
    return mechatronik, koch


def test_a_second_search_file_leaves_the_first_active(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mechatronik, koch = two_searches(tmp_path)
    service.import_file(mechatronik)
    report = service.import_file(koch)  # the same source "BA-Jobsuche" by default
    assert len(stored(database)) == 3
    assert all(offer["active"] for offer in stored(database).values())
    assert (report.source, report.new, report.deactivated) == ("BA-Jobsuche", 1, 0)
    assert report.retired == 0 and report.retired_offers == [] and not report.full_load
    assert "bleiben aktiv" in report.text()


def test_full_list_retires_what_it_lacks_and_names_it(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mechatronik, koch = two_searches(tmp_path)
    service.import_file(mechatronik)
    dry = service.import_file(koch, ImportOptions(full_load=True, dry_run=True))
    names = [
        {"reference": "10000-0000000001-S", "title": "Mechatroniker/in (m/w/d)"},
        {"reference": "10000-0000000002-S", "title": "Mechatroniker/in Instandhaltung"},
    ]
    assert (dry.status, dry.retired, dry.deactivated, dry.retired_offers) == (
        "dry-run",
        2,
        2,
        names,
    )
    assert "Würden deaktiviert (2):" in dry.text()
    assert "10000-0000000001-S – Mechatroniker/in (m/w/d)" in dry.text()
    assert all(offer["active"] for offer in stored(database).values())  # nothing changed

    full = service.import_file(koch, ImportOptions(full_load=True))
    assert (full.retired, full.retired_offers, full.full_load) == (2, names, True)
    offers = stored(database)
    assert not offers["10000-0000000001-S"]["active"]
    assert offers["10000-0000000011-S"]["active"]
    assert full.run_id is not None
    saved = service.stored_report(full.run_id)
    assert saved is not None and saved["retired_offers"] == names and saved["deactivated"] == 2


def test_retire_scope_limits_a_full_load(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mechatronik, koch = two_searches(tmp_path)
    service.import_file(mechatronik)
    ids = {reference: row["id"] for reference, row in stored(database).items()}
    scope = {ids["10000-0000000002-S"]}
    full, preview = service.retire_preview(koch, ImportOptions(full_load=True, retire_scope=scope))
    assert full and [offer.reference for offer in preview] == ["10000-0000000002-S"]
    report = service.import_file(koch, ImportOptions(full_load=True, retire_scope=scope))
    assert [offer["reference"] for offer in report.retired_offers] == ["10000-0000000002-S"]
    offers = stored(database)
    assert offers["10000-0000000001-S"]["active"] and not offers["10000-0000000002-S"]["active"]


def test_retire_preview_follows_the_file_and_changes_nothing(
    service, database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    service.import_file(FIXTURES / "hrbaxml_offers.xml")
    xml = (FIXTURES / "hrbaxml_offers.xml").read_text(encoding="utf-8")
    start = xml.index("<JobPositionPosting>", xml.index("</JobPositionPosting>"))
    end = xml.index("</JobPositionPosting>", start) + len("</JobPositionPosting>")
    path = tmp_path / "voll.xml"
    path.write_text(xml[:start] + xml[end:], encoding="utf-8")  # TypeOfLoad F, one posting less
    before = stored(database)
    full, preview = service.retire_preview(path)
    assert full and [offer.reference for offer in preview] == ["V000000001-2026-0002-S"]
    assert stored(database) == before
    # The window's "no": import without retiring.
    report = service.import_file(path, ImportOptions(full_load=False))
    assert report.retired == 0 and stored(database)["V000000001-2026-0002-S"]["active"]
    assert service.retire_preview(FIXTURES / "offers.csv") == (False, [])


def test_types_from_the_record_the_title_the_import_or_unknown(
    service, database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = search_file(
        tmp_path / "suche.json",
        listing("10000-0000000021-S", "Mechatroniker/in (m/w/d)"),  # says nothing
        listing("10000-0000000022-S", "Ausbildung Mechatroniker/in 2027"),
        listing("10000-0000000023-S", "Koch/Köchin", angebotsart="4"),
        listing("10000-0000000024-S", "Helfer/in Lager", angebotsart="1"),
        listing("10000-0000000025-S", "Wirtschaftsinformatik", studiengang="Informatik"),
    )
    report = service.import_file(path)
    types = {ref: row["offer_type"] for ref, row in stored(database).items()}
    assert types == {
        "10000-0000000021-S": "unklar",
        "10000-0000000022-S": "ausbildung",
        "10000-0000000023-S": "ausbildung",
        "10000-0000000024-S": "arbeit",
        "10000-0000000025-S": "duales_studium",
    }
    assert report.type_unknown == 1 and "1 Art unklar" in report.text()
    # A fetch with angebotsart 4, or `--type ausbildung`, says it for the silent record only.
    again = service.import_file(path, ImportOptions(offer_type="ausbildung"))
    types = {ref: row["offer_type"] for ref, row in stored(database).items()}
    assert types["10000-0000000021-S"] == "ausbildung" and types["10000-0000000024-S"] == "arbeit"
    assert (again.updated, again.type_unknown) == (1, 0)


def test_a_type_set_by_hand_survives_a_record_that_says_nothing(
    service, database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = search_file(tmp_path / "suche.json", listing("10000-0000000031-S", "Lagerhelfer/in"))
    service.import_file(path)
    with database.engine.begin() as conn:
        conn.execute(update(Offer).values(offer_type="arbeit"))
    report = service.import_file(path)
    assert report.unchanged == 1 and report.type_unknown == 0
    assert stored(database)["10000-0000000031-S"]["offer_type"] == "arbeit"
    # A record that states its type wins.
    search_file(path, listing("10000-0000000031-S", "Lagerhelfer/in", angebotsart="34"))
    assert service.import_file(path).updated == 1
    assert stored(database)["10000-0000000031-S"]["offer_type"] == "praktikum"


def test_places_from_the_record_a_centre_or_unknown(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = search_file(
        tmp_path / "suche.json",
        listing("10000-0000000041-S", "Mechatroniker/in"),  # coordinates in the record
        listing("10000-0000000042-S", "Koch/Köchin", arbeitsort=KASSEL),  # postcode only
        listing(
            "10000-0000000043-S",
            "Verkäufer/in",
            arbeitsort={"ort": "Witzenhausen", "region": "Hessen"},  # one town of that name
        ),
        listing("10000-0000000044-S", "Zauberlehrling", arbeitsort={"ort": "Halle"}),  # several
        listing("10000-0000000045-S", "Bürokraft", arbeitsort={}),  # nothing at all
    )
    report = service.import_file(path)
    assert report.bad_rows == 0 and report.new == 5
    offers = stored(database)
    assert not offers["10000-0000000041-S"]["place_approximate"]
    assert offers["10000-0000000041-S"]["lat"] == pytest.approx(51.3155)
    for reference in ("10000-0000000042-S", "10000-0000000043-S"):
        assert offers[reference]["place_approximate"] and offers[reference]["lat"] is not None
    for reference in ("10000-0000000044-S", "10000-0000000045-S"):
        offer = offers[reference]
        assert (offer["lat"], offer["lon"], offer["place_approximate"]) == (None, None, False)
    assert (report.approximate_place, report.place_unknown) == (2, 2)
    hints = [w["message"] for w in report.warnings if "Arbeitsort unbekannt" in w["message"]]
    assert len(hints) == 2 and "Datensatz 4 (10000-0000000044-S)" in hints[0]
    assert "„Halle“" in hints[0]
    again = service.import_file(path)
    assert (again.unchanged, again.approximate_place, again.place_unknown) == (5, 2, 2)

    # The record now brings coordinates: no longer approximate.
    search_file(
        path,
        listing("10000-0000000042-S", "Koch/Köchin"),
        listing("10000-0000000045-S", "Bürokraft", arbeitsort={}),
    )
    update_report = service.import_file(path)
    offers = stored(database)
    assert update_report.updated == 1 and not offers["10000-0000000042-S"]["place_approximate"]
    assert offers["10000-0000000042-S"]["lat"] == pytest.approx(51.3155)


def test_coordinates_kept_from_before_keep_their_kind(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = search_file(
        tmp_path / "s.json", listing("10000-0000000051-S", "Koch", arbeitsort=KASSEL)
    )
    service.import_file(path)
    search_file(path, listing("10000-0000000051-S", "Koch", arbeitsort={"ort": "Halle"}))
    report = service.import_file(path)
    offer = stored(database)["10000-0000000051-S"]
    # the file has no usable place now: the stored centre stays, still marked approximate
    assert offer["lat"] is not None and offer["place_approximate"]
    assert (report.approximate_place, report.place_unknown) == (1, 0)


def test_uncoded_offers_are_counted(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = service.import_file(FIXTURES / "ba_search_v4.json")
    uncoded = sum(1 for offer in stored(database).values() if offer["kldb_code"] is None)
    assert report.uncoded == uncoded == 1 and "1 ohne KldB-Kennziffer" in report.text()
