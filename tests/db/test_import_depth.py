"""Import of skills, flags and freshness: stored codes, "Stand" for every offer in a file, changed ids."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from srek_desk.db.models import Offer
from srek_desk.services.imports.service import ImportOptions, ImportService

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
HEADER = "Referenznummer;Titel;PLZ;Kenntnisse;Wünschenswert;Merkmale\n"
LONG_AGO = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture
def service(database, reference) -> ImportService:  # type: ignore[no-untyped-def]
    return ImportService(database, reference)


def stored(database) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    with database.engine.connect() as conn:
        return {row.reference: row._asdict() for row in conn.execute(select(Offer))}


def age_all(database) -> None:  # type: ignore[no-untyped-def]
    with database.engine.begin() as conn:
        conn.execute(update(Offer).values(confirmed_at=LONG_AGO))


def as_utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def ba_file(path: Path, **extra: object) -> Path:
    document = json.loads((FIXTURES / "ba_jobdetails_2026.json").read_text(encoding="utf-8"))
    document.update(extra)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


FERTIGKEITEN = [
    {
        "hierarchieName": "Lager",
        "auspraegungen": {
            "Erweiterte Kenntnisse": ["Gabelstaplerschein", "Teamgeist"],
            "Grundkenntnisse": ["Erste-Hilfe-Kurs", {"name": "SAP"}],
        },
    }
]


def test_ba_json_skills_and_flags_are_stored(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = ba_file(
        tmp_path / "ba.json",
        fertigkeiten=FERTIGKEITEN,
        fuerFluechtlingeGeeignet=True,
        quereinstiegGeeignet=True,
        istArbeitnehmerUeberlassung=True,
    )
    report = service.import_file(path)
    (offer,) = stored(database).values()
    assert offer["skills_required"] == "staplerschein"
    assert offer["skills_nice"] == "erste_hilfe,sap_grundkenntnisse"
    assert offer["flags"] == "lateral_entry,refugees,temp_agency"
    assert [w["field"] for w in report.warnings].count("Kenntnisse") == 1
    assert service.import_file(path).unchanged == 1

    # What the office adds by hand survives a BA record that states nothing understood about it.
    with database.engine.begin() as conn:
        conn.execute(
            update(Offer).values(skills_required="kranschein", flags="refugees,disabled_only")
        )
    ba_file(path, fertigkeiten=[{"auspraegungen": {"Grundkenntnisse": ["Zaubern"]}}])
    report = service.import_file(path)
    (offer,) = stored(database).values()
    assert offer["skills_required"] == "kranschein"  # nothing understood: kept
    # The 2026 record states disabled_only, temp_agency and private_agency (all False): those
    # follow the file; "refugees", which it does not mention now, stays as the office set it.
    assert offer["flags"] == "refugees" and report.updated == 1


def test_csv_skill_cells_with_unknown_names_warn_once(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(
        tmp_path / "liste.csv",
        [
            "K-1;Lagerhelfer/in;34117;Staplerschein, Zaubern;Erste Hilfe;Zeitarbeit",
            "K-2;Bürokraft;34117;MS Office (Word, Excel);Zaubern, Hexen;",
            "K-3;Schweißer/in;34117;WIG;;für Geflüchtete geeignet, Quereinstieg",
        ],
    )
    report = service.import_file(path, ImportOptions(source="Liste"))
    assert report.new == 3 and report.errors == []
    offers = stored(database)
    assert (offers["K-1"]["skills_required"], offers["K-1"]["skills_nice"]) == (
        "staplerschein",
        "erste_hilfe",
    )
    assert offers["K-2"]["skills_required"] == "ms_office" and offers["K-2"]["skills_nice"] == ""
    assert offers["K-1"]["flags"] == "temp_agency"
    assert offers["K-3"]["flags"] == "lateral_entry,refugees"
    (hint,) = [w for w in report.warnings if w["field"] == "Kenntnisse"]
    assert "„Zaubern“ (2×)" in hint["message"] and "„Hexen“" in hint["message"]
    assert "Zeile 2, 3" in hint["message"]
    # Clearing a cell clears the stored skills: the column says the whole truth.
    write_csv(path, ["K-1;Lagerhelfer/in;34117;;;"])
    service.import_file(path, ImportOptions(source="Liste", full_load=False))
    assert (
        stored(database)["K-1"]["skills_required"] == "" and stored(database)["K-1"]["flags"] == ""
    )


def test_every_offer_in_the_file_is_confirmed(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(
        tmp_path / "liste.csv",
        [f"F-{n};Lagerhelfer/in;34117;Staplerschein;;" for n in range(1, 5)],
    )
    service.import_file(path, ImportOptions(source="Liste"))
    age_all(database)
    write_csv(
        path,
        [
            "F-1;Lagerhelfer/in;34117;Staplerschein;;",  # unchanged
            "F-2;Lagerhelfer/in;34117;Kranschein;;",  # changed
            "F-3;Lagerhelfer/in;34117;Staplerschein;;",  # unchanged; F-4 is gone
            "F-5;Lagerhelfer/in;34117;;;",  # new
        ],
    )
    before = datetime.now(UTC).replace(microsecond=0)
    report = service.import_file(path, ImportOptions(source="Liste", full_load=True))
    assert (report.new, report.updated, report.unchanged, report.deactivated) == (1, 1, 2, 1)
    offers = stored(database)
    for reference in ("F-1", "F-2", "F-3", "F-5"):
        assert as_utc(offers[reference]["confirmed_at"]) >= before, reference
    assert as_utc(offers["F-4"]["confirmed_at"]) == LONG_AGO and not offers["F-4"]["active"]
    # The moved "Stand" is no change: the same file again is unchanged throughout.
    again = service.import_file(path, ImportOptions(source="Liste"))
    assert (again.updated, again.unchanged, again.changed_offer_ids) == (0, 4, [])


def test_changed_offer_ids(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "liste.csv", ["C-1;Titel;34117;;;", "C-2;Titel;34117;;;"])
    first = service.import_file(path, ImportOptions(source="Liste"))
    ids = {ref: row["id"] for ref, row in stored(database).items()}
    assert first.changed_offer_ids == sorted(ids.values())
    write_csv(
        path,
        ["C-1;Titel;34117;;;", "C-2;Neuer Titel;34117;;;", "C-3;Titel;34117;;;"],
    )
    dry = service.import_file(path, ImportOptions(source="Liste", dry_run=True))
    assert dry.updated == 1 and dry.changed_offer_ids == []
    report = service.import_file(path, ImportOptions(source="Liste"))
    ids = {ref: row["id"] for ref, row in stored(database).items()}
    assert report.changed_offer_ids == sorted([ids["C-2"], ids["C-3"]])
    assert "changed_offer_ids" not in report.as_dict()
    assert report.run_id is not None
    stored_report = service.stored_report(report.run_id)
    assert stored_report is not None and "changed_offer_ids" not in stored_report
    # A reactivated offer is a change; a deactivated one is not reported.
    write_csv(path, ["C-1;Titel;34117;;;"])
    service.import_file(path, ImportOptions(source="Liste", full_load=True))
    write_csv(path, ["C-1;Titel;34117;;;", "C-2;Neuer Titel;34117;;;"])
    back = service.import_file(path, ImportOptions(source="Liste"))
    assert back.changed_offer_ids == [ids["C-2"]]


def test_hrbaxml_delta_confirms_and_deactivates(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service.import_file(FIXTURES / "hrbaxml_offers.xml")
    age_all(database)
    xml = (FIXTURES / "hrbaxml_offers.xml").read_text(encoding="utf-8")
    xml = xml.replace("V000000001-2025-0099-S", "V000000001-2026-0002-S").replace(
        "<TypeOfLoad>F", "<TypeOfLoad>D"
    )
    start = xml.index("<JobPositionPosting>", xml.index("</JobPositionPosting>"))
    end = xml.index("</JobPositionPosting>", start) + len("</JobPositionPosting>")
    path = tmp_path / "delta.xml"
    path.write_text(xml[:start] + xml[end:], encoding="utf-8")
    report = service.import_file(path)
    assert (report.unchanged, report.deactivated, report.changed_offer_ids) == (1, 1, [])
    offers = stored(database)
    assert as_utc(offers["V000000001-2026-0002-S"]["confirmed_at"]) == LONG_AGO
    assert as_utc(offers["V000000001-2026-0001-S"]["confirmed_at"]) > LONG_AGO + timedelta(days=1)


def test_export_round_trip_with_skills_and_flags(service, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(
        tmp_path / "liste.csv",
        [
            "X-1;Bürokraft;34117;MS Office (Word, Excel); SAP;Zeitarbeit",
            "X-2;Lagerhelfer/in;34117;Staplerschein;Kranschein;",
        ],
    )
    service.import_file(path, ImportOptions(source="Liste"))
    for suffix in ("csv", "xlsx"):
        target = tmp_path / f"export.{suffix}"
        assert service.export_offers(target, source="Liste") == 2
        report = service.import_file(target, ImportOptions(source="Liste"))
        assert (report.unchanged, report.updated, report.new) == (2, 0, 0), suffix
    assert stored(database)["X-1"]["skills_nice"] == "sap_grundkenntnisse"
