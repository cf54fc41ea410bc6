"""Importe › „Von der Jobbörse abrufen…“ driven by keyboard and mouse against a local Jobsuche API."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from srek_desk.config import Config
from srek_desk.services.imports.fetch import FetchService
from srek_desk.services.imports.service import ImportService
from srek_desk.ui.dialogs.jobboerse_dialog import JobboerseDialog
from srek_desk.ui.pages.imports_page import ImportsPage
from srek_desk.ui.tasks import InlineRunner
from tests.jobboerse_fake import FakeJobboerse, listings


@pytest.fixture
def config(httpserver: Any, monkeypatch: pytest.MonkeyPatch) -> Config:
    monkeypatch.setenv("SREK_JOBBOERSE_BASE_URL", str(httpserver.url_for("")).rstrip("/"))
    return Config.load()


def dialog_for(qtbot: Any, database: Any, reference: Any, config: Config) -> JobboerseDialog:
    fetcher = FetchService.from_config(database, reference, config)
    dialog = JobboerseDialog(InlineRunner(), fetcher, config)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click(qtbot: Any, widget: Any) -> None:
    assert widget.isEnabled()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def click_row(qtbot: Any, dialog: JobboerseDialog, row: int) -> None:
    table = dialog.saved_table
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_search_save_refetch_and_delete_by_keyboard_and_mouse(
    qtbot: Any, database: Any, reference: Any, config: Config, httpserver: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    fake = FakeJobboerse(httpserver, listings(1, 140))
    dialog = dialog_for(qtbot, database, reference, config)
    assert dialog.saved_model.rowCount() == 0
    qtbot.keyClicks(dialog.was, "Mechatroniker")
    qtbot.keyClicks(dialog.wo, "Kassel")
    dialog.umkreis.setFocus()
    qtbot.keyClick(dialog.umkreis, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.umkreis, "40")
    qtbot.keyClick(dialog.angebotsart, Qt.Key.Key_Down)  # Ausbildung -> Arbeit
    qtbot.keyClicks(dialog.save_as, "Kassel Arbeit")
    click(qtbot, dialog.fetch_button)

    assert fake.requests[0] == {
        "angebotsart": "1",
        "was": "Mechatroniker",
        "wo": "Kassel",
        "umkreis": "40",
        "page": "1",
        "size": "100",
    }
    report = dialog.report.toPlainText()
    assert "Von der Jobbörse abgerufen, gespeicherte Suche „Kassel Arbeit“: 140 Angebote" in report
    assert "140 neu" in report
    assert dialog.saved_model.rowCount() == 1
    row = [dialog.saved_model.index(0, c).data() for c in range(4)]
    assert row[0] == "Kassel Arbeit" and row[1] == "Arbeit „Mechatroniker“ in Kassel (40 km)"
    assert row[2] and row[3] == "140"  # last fetched: date and time, and how many

    fake.offers = listings(1, 100)  # forty vanished
    click_row(qtbot, dialog, 0)
    click(qtbot, dialog.fetch_selected_button)
    assert "100 unverändert, 40 deaktiviert" in dialog.report.toPlainText()
    assert dialog.saved_model.index(0, 3).data() == "100"
    assert [r.file_name for r in dialog.reports] == ["Jobbörse „Kassel Arbeit“"] * 2

    fake.status = 403
    click(qtbot, dialog.fetch_all_button)
    failed = dialog.report.toPlainText()
    assert "verweigert den Zugriff (HTTP 403" in failed and "unverändert" in failed

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    click_row(qtbot, dialog, 0)
    click(qtbot, dialog.delete_button)
    assert dialog.saved_model.rowCount() == 0
    assert not dialog.fetch_all_button.isEnabled()


def test_a_search_that_cannot_be_asked_is_explained_without_asking(
    qtbot: Any, database: Any, reference: Any, config: Config, httpserver: Any
) -> None:
    fake = FakeJobboerse(httpserver, [])
    dialog = dialog_for(qtbot, database, reference, config)
    click(qtbot, dialog.fetch_button)
    assert "Bitte angeben, was (Beruf oder Stichwort) oder wo" in dialog.report.toPlainText()
    assert fake.requests == []


def test_the_imports_page_opens_it_and_refreshes_after_a_fetch(
    qtbot: Any, database: Any, reference: Any, config: Config, httpserver: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    FakeJobboerse(httpserver, listings(1, 3))
    page = ImportsPage(InlineRunner(), ImportService(database, reference), config=lambda: config)
    qtbot.addWidget(page)
    page.show()

    def drive(dialog: JobboerseDialog) -> int:
        qtbot.keyClicks(dialog.wo, "34117")
        click(qtbot, dialog.fetch_button)
        return 0

    monkeypatch.setattr(JobboerseDialog, "exec", drive)
    with qtbot.waitSignal(page.imported, timeout=5000):
        click(qtbot, page.jobboerse_button)
    assert page.history_model.rowCount() == 1
    history = page.history
    rect = history.visualRect(history.model().index(0, 0))
    qtbot.mouseClick(history.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.report.toPlainText().startswith(  # the history shows the fetch's own report
        "Von der Jobbörse abgerufen, Ausbildung / Duales Studium in 34117 (25 km): 3 Angebote"
    )
    assert (
        page.history_model.index(0, 3).data()
        == "Jobbörse: Ausbildung / Duales Studium in 34117 (25 km)"
    )


def test_fetching_runs_off_the_gui_thread_and_can_be_cancelled(
    qtbot: Any, database: Any, reference: Any, config: Config, httpserver: Any
) -> None:
    from PySide6.QtCore import QThreadPool

    from srek_desk.ui.tasks import TaskRunner

    fake = FakeJobboerse(httpserver, listings(1, 250))
    fake.faults = {2: ["slow"]}
    pool = QThreadPool()
    dialog = JobboerseDialog(
        TaskRunner(pool), FetchService.from_config(database, reference, config), config
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.wo, "Kassel")
    click(qtbot, dialog.fetch_button)
    qtbot.waitUntil(lambda: len(fake.requests) == 2)  # page 2 is slow: the window still answers
    assert not dialog.fetch_button.isEnabled()
    click(qtbot, dialog.cancel_button)
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10_000)
    pool.waitForDone()
    fake.settle()
    assert "abgebrochen" in dialog.report.toPlainText()
    assert len(fake.requests) == 2  # page 3 was never asked for
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM offer").scalar() == 0
    assert dialog.fetch_button.isEnabled()
