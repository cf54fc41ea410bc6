"""The import service with the BA's XSD: an invalid HR-BA-XML file writes nothing and lists its
deviations; the report says whether the file was checked against the XSD or only structurally."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from srek_desk.db.models import ImportRun, Offer
from srek_desk.services.imports.service import ImportOptions, ImportReport, ImportService

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
OFFICE_FILE = FIXTURES / "hrbaxml_offers.xml"


@pytest.fixture
def schema_dir(shared_data: Path) -> str:
    return str(shared_data / "hrbaxml")


def counts(database) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    with database.engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(Offer)).scalar_one(),
            conn.execute(select(func.count()).select_from(ImportRun)).scalar_one(),
        )


def test_invalid_file_is_refused_whole_with_its_deviations(
    database, reference, schema_dir: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    service = ImportService(database, reference)
    service.import_file(OFFICE_FILE)
    before = counts(database)
    text = OFFICE_FILE.read_text(encoding="utf-8")
    # the second posting is fine; the first one has three deviations
    text = text.replace("<HiringOrgName>Muster Werra Metallbau GmbH</HiringOrgName>", "", 1)
    text = text.replace("<JobOfferType>4</JobOfferType>", "<JobOfferType>5</JobOfferType>", 1)
    text = text.replace("V000000001-2026-0001-S", "V000000001-2026-0001-S-ABCDEFGH", 1)
    path = tmp_path / "stellen.xml"
    path.write_text(text, encoding="utf-8")
    report = service.import_file(path, ImportOptions(hrbaxml_schema_dir=schema_dir))
    assert report.refused and "entspricht nicht dem XSD der BA" in report.message
    assert [(e["line"], e["field"]) for e in report.errors] == [
        (11, "JobPositionPostingId"),
        (14, "HiringOrg"),  # the line of <ProfileWebSite>, where <HiringOrgName> was expected
        (49, "JobOfferType"),
    ]
    assert all(e["message"].startswith(f"Zeile {e['line']}, Element <") for e in report.errors)
    lines = report.text().splitlines()
    assert lines[0].startswith("Import abgelehnt: Die Datei stellen.xml entspricht nicht")
    assert lines[1] == "Fehler:" and lines[2].startswith(
        "  Zeile 11, Element <JobPositionPostingId>"
    )
    assert counts(database) == before  # nothing written, no history entry


def test_report_says_how_the_file_was_checked(database, reference, schema_dir: str) -> None:  # type: ignore[no-untyped-def]
    service = ImportService(database, reference)
    checked = service.import_file(OFFICE_FILE, ImportOptions(hrbaxml_schema_dir=schema_dir))
    assert checked.status == "imported" and checked.new == 2
    assert checked.as_dict()["schema_checked"] is True
    assert not any("XSD" in w["message"] for w in checked.warnings)
    assert "Gegen das XSD der BA geprüft: keine Abweichungen." in checked.text()
    structural = service.import_file(OFFICE_FILE)
    assert structural.as_dict()["schema_checked"] is False
    text = structural.text()
    assert "Nur auf Aufbau geprüft, nicht gegen das XSD der BA." in text
    assert "Kein Ordner mit dem XSD der BA eingestellt" in text
    # the history shows the same sentence later
    assert structural.run_id is not None
    stored = service.stored_report(structural.run_id)
    assert stored is not None and stored["schema_checked"] is False
    known = set(ImportReport.__dataclass_fields__)
    again = ImportReport(**{k: v for k, v in stored.items() if k in known}).text()
    assert "Nur auf Aufbau geprüft" in again
    table = service.import_file(
        FIXTURES / "offers.csv", ImportOptions(hrbaxml_schema_dir=schema_dir)
    )
    assert table.schema_checked is None and "XSD" not in table.text()


def test_wrong_schema_folder_refuses_naming_it(database, reference, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service = ImportService(database, reference)
    folder = tmp_path / "BA-Schemas"
    report = service.import_file(OFFICE_FILE, ImportOptions(hrbaxml_schema_dir=str(folder)))
    assert (
        report.refused and f"„{folder}“" in report.message and "existiert nicht" in report.message
    )
    assert counts(database) == (0, 0)
