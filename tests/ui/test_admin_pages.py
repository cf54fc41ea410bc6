"""Importe, Statistik and Einstellungen pages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from srek_desk.ui.tasks import TaskRunner

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def _page(window, page):  # type: ignore[no-untyped-def]
    window.navigation.setCurrentRow(window.page_list.index(page))
    return page


def test_import_with_mapping_report_and_history(main_window, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    page = _page(window, window.imports_page)
    assert page.history_model.rowCount() == 0
    page.set_file(FIXTURES / "offers.csv")
    assert page.file_label.text().startswith("offers.csv")
    assert page.mapping_box.isVisibleTo(page) and "vorgeschlagen" in page.mapping_note.text()
    assert page.mapping()["Titel"] == "title"
    page.mapping_boxes["Link"].setCurrentIndex(0)  # the counsellor drops a column
    page.run_import()
    assert "Import abgeschlossen" in page.report.toPlainText()
    assert page.history_model.rowCount() == 1
    qtmodeltester.check(page.history_model)
    # the mapping is remembered for the source
    page.set_file(FIXTURES / "offers.csv")
    assert "gespeichert" in page.mapping_note.text()
    assert "Link" not in page.mapping()
    page.history.selectRow(0)
    assert "offers.csv" in page.report.toPlainText()
    window.navigation.setCurrentRow(0)
    assert window.today_page.import_label.text().count("offers.csv")


class DeferredRunner(TaskRunner):
    """Keeps the job until the test runs it (to cancel in between)."""

    def __init__(self) -> None:
        self.pool = None  # type: ignore[assignment]
        self.jobs: list = []  # type: ignore[type-arg]

    def _run(self, job) -> None:  # type: ignore[no-untyped-def]
        self.jobs.append(job)


def test_import_can_be_cancelled(qtbot, demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.services.imports.service import ImportService
    from srek_desk.ui.pages.imports_page import ImportsPage

    runner = DeferredRunner()
    page = ImportsPage(runner, ImportService(demo_database, reference))
    qtbot.addWidget(page)
    page.set_file(FIXTURES / "ba_search_v4.json")
    runner.jobs.pop().run()
    assert page.run_button.isEnabled()
    page.run_import()
    assert not page.run_button.isEnabled()  # one import at a time
    page.task.cancel()  # what the progress dialog's Cancel does
    runner.jobs.pop().run()
    assert "abgebrochen" in page.report.toPlainText().lower()
    assert page.run_button.isEnabled() and page.task is None


def test_statistics_charts_table_and_csv(main_window, monkeypatch, tmp_path, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    page = _page(window, window.statistics_page)
    assert page.stats is not None
    assert all(len(view.chart().series()) == 1 for view in page.views)
    assert page.views[3].chart().series()[0].count() == 5  # one bar set per outcome
    assert page.table_model.rowCount() > 5
    qtmodeltester.check(page.table_model)
    assert "Vermittlungsvorschläge" in page.summary.text()
    target = tmp_path / "statistik.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV"))
    page.export_button.click()
    text = target.read_text(encoding="utf-8-sig")
    assert text.startswith("Bereich;Merkmal;Anzahl")


def test_settings_validate_save_and_rebuild_matching(main_window) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    page = _page(window, window.settings_page)
    old_matching = window.matching_service
    page.fields["office.postcode"].setText("00000")
    page.save()
    assert page.errors["office.postcode"].isVisibleTo(page)
    page.fields["office.postcode"].setText("37269")
    page.fields["office.name"].setText("Beratung Eschwege")
    page.fields["matching.weight_commute"].setValue(40)
    page.save()
    assert "Gespeichert" in page.message.text()
    assert window.config["office.name"] == "Beratung Eschwege"
    assert window.config["matching.weight_commute"] == 40
    assert window.matching_service is not old_matching  # rebuilt with the new weights


def test_settings_pathway_texts_and_related_occupations(
    main_window, monkeypatch, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    page = _page(window, window.settings_page)
    assert page.template_model.rowCount() >= 5
    qtmodeltester.check(page.template_model)
    row = [step for step, _ in page.template_model.rows].index("documents")
    page.template_table.selectRow(row)
    page.template_text.setPlainText("Unterlagen fertig machen: Lebenslauf und Zeugnis")
    page.save_template()
    assert "gespeichert" in page.template_message.text()
    assert dict(page.template_model.rows)["documents"].startswith("Unterlagen fertig")
    apply_row = [step for step, _ in page.template_model.rows].index("apply")
    page.template_table.selectRow(apply_row)
    page.template_text.setPlainText("Bewerbung schicken")  # lost its placeholders
    page.save_template()
    assert "{" in page.template_message.text()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.reset_templates()
    assert not dict(page.template_model.rows)["documents"].startswith("Unterlagen fertig")
    before = page.related_model.rowCount()
    page.code_a.setText("29302")
    page.code_b.setText("63302")
    page.reason.setText("Küche in Hotel und Gaststätte")
    page.add_related()
    assert page.related_model.rowCount() == before + 1
    added = [i for i, r in enumerate(page.related_model.rows) if {r[0], r[2]} == {"29302", "63302"}]
    page.related_table.selectRow(
        page.related_table.proxy.mapFromSource(page.related_model.index(added[0], 0)).row()
    )
    page.remove_related()
    assert page.related_model.rowCount() == before


def test_settings_switch_the_program_language(main_window) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.config import Config

    page = _page(main_window, main_window.settings_page)
    combo = page.fields["ui.language"]
    assert combo.currentData() == "de"
    combo.setCurrentIndex(combo.findData("en"))
    page.save()
    assert main_window.config["ui.language"] == "en"
    assert Config.load()["ui.language"] == "en"  # written to the user configuration


def test_an_older_matching_build_finishing_late_is_ignored(main_window) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    window._build_matching()  # generation n (inline: done at once)
    current = window.matching_service
    stale = (window.matching_index.generation - 1, object(), object())
    window.matching_index.deliver(stale)
    assert window.matching_service is current
