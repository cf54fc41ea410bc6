"""The Importe page checks HR-BA-XML against the BA's XSD when the setting names its folder, and
its report says how the file was checked."""

from __future__ import annotations

from pathlib import Path

from srek_desk.config import Config
from srek_desk.services.imports.service import ImportService
from srek_desk.ui.pages.imports_page import ImportsPage
from srek_desk.ui.tasks import InlineRunner

OFFICE_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "hrbaxml_offers.xml"


def page_with(qtbot, database, reference, schema_dir: str) -> ImportsPage:  # type: ignore[no-untyped-def]
    config = Config.defaults().with_values(import__hrbaxml_schema_dir=schema_dir)
    page = ImportsPage(InlineRunner(), ImportService(database, reference), config=lambda: config)
    qtbot.addWidget(page)
    return page


def test_invalid_file_is_refused_in_the_window(
    qtbot, database, reference, shared_data: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    page = page_with(qtbot, database, reference, str(shared_data / "hrbaxml"))
    text = OFFICE_FILE.read_text(encoding="utf-8")
    invalid = tmp_path / "stellen.xml"
    invalid.write_text(text.replace("<JobOfferType>4<", "<JobOfferType>5<", 1), encoding="utf-8")
    page.set_file(invalid)
    page.run_import()
    report = page.report.toPlainText()
    assert "Import abgelehnt: Die Datei stellen.xml entspricht nicht dem XSD der BA" in report
    assert "Zeile 49, Element <JobOfferType>: Wert „5“ ist nicht erlaubt" in report
    page.set_file(OFFICE_FILE)
    page.run_import()
    assert "Gegen das XSD der BA geprüft: keine Abweichungen." in page.report.toPlainText()


def test_report_says_structural_check_only(qtbot, database, reference) -> None:  # type: ignore[no-untyped-def]
    page = page_with(qtbot, database, reference, "")
    page.set_file(OFFICE_FILE)
    page.run_import()
    report = page.report.toPlainText()
    assert "Import abgeschlossen" in report
    assert "Nur auf Aufbau geprüft, nicht gegen das XSD der BA." in report
