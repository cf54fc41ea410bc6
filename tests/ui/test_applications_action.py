"""The "Proof of applications" button: period dialog, save as PDF, print, refusals."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from srek_desk.config import Config
from srek_desk.db.models import AuditEvent
from srek_desk.services.clients.applications import ApplicationService
from tests.db.application_fixtures import build


@pytest.fixture
def action(qtbot, database, reference):  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from srek_desk.ui.tasks import InlineRunner
    from srek_desk.ui.widgets.applications_action import ApplicationsAction

    office = build(database, reference)
    parent = QWidget()
    qtbot.addWidget(parent)
    current: list[int | None] = [office.client_id]
    widget = ApplicationsAction(
        ApplicationService(database, Config.defaults()), lambda: current[0], parent, InlineRunner()
    )
    widget.update_state(office.client_id)
    return widget


def _period(monkeypatch, period) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.ui.widgets import applications_action

    monkeypatch.setattr(applications_action.PeriodDialog, "ask", classmethod(lambda *_a: period))


def _messages(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    return shown


def test_save_asks_for_a_file_and_writes_the_pdf(
    action, monkeypatch, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "nachweis.pdf"
    suggested: list[str] = []

    def save_name(_parent, _title, proposal, _filter):  # type: ignore[no-untyped-def]
        suggested.append(proposal)
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    _period(monkeypatch, (None, None))
    with qtbot.waitSignal(action.written) as written:
        action.save_action.trigger()
    assert written.args == [str(target)]
    assert Path(suggested[0]).name == f"Bewerbungsnachweis_{date.today().isoformat()}.pdf"
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Werra Kliniken" in text and "Seite 1 von 1" in text


def test_empty_period_is_refused_before_any_file_dialog(action, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: pytest.fail("no file dialog"))
    _period(monkeypatch, (date(2026, 12, 1), date(2026, 12, 31)))
    shown = _messages(monkeypatch)
    action.save_action.trigger()
    assert len(shown) == 1 and "keine Bewerbungen erfasst" in shown[0]


def test_print_goes_to_the_printer_and_is_logged(
    action, monkeypatch, database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    from srek_desk.ui.widgets import applications_action

    printed = tmp_path / "printed.pdf"

    def pdf_printer(_parent):  # type: ignore[no-untyped-def]
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(72)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(applications_action, "choose_printer", pdf_printer)
    _period(monkeypatch, (date(2026, 9, 1), date(2026, 9, 30)))
    action.print_action.trigger()
    assert len(PdfReader(printed).pages) == 1
    with database.session() as session:
        details = (
            session.execute(select(AuditEvent.detail).where(AuditEvent.action == "print"))
            .scalars()
            .all()
        )
    assert details == ["Bewerbungsnachweis (2 Bewerbungen, 01.09.2026 bis 30.09.2026)"]


def test_cancelled_dialogs_do_nothing_and_no_client_disables(action, monkeypatch, database) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.ui.widgets import applications_action

    monkeypatch.setattr(applications_action, "choose_printer", lambda _p: None)
    _period(monkeypatch, (None, None))
    action.print_action.trigger()  # printer dialog cancelled: nothing logged
    _period(monkeypatch, None)
    action.save_action.trigger()  # period dialog cancelled
    with database.session() as session:
        assert (
            session.execute(select(AuditEvent.id).where(AuditEvent.action == "print")).all() == []
        )
    assert action.button.isEnabled()
    action.update_state(None)
    assert not action.button.isEnabled()
    action.update_state(1, restricted=True)
    assert not action.button.isEnabled()


def test_period_dialog(qtbot) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.ui.widgets.applications_action import PeriodDialog

    dialog = PeriodDialog(None, today=date(2026, 11, 24))
    qtbot.addWidget(dialog)
    assert dialog.period() == (date(2026, 8, 1), date(2026, 11, 24))
    dialog.everything.setChecked(True)
    assert dialog.period() == (None, None) and not dialog.start.isEnabled()


def test_clients_page_offers_the_proof_in_its_more_menu(main_window) -> None:  # type: ignore[no-untyped-def]
    page = main_window.clients_page
    main_window.navigation.setCurrentRow(main_window.pages.indexOf(page))
    menus = [a.menu() for a in page.more_button.menu().actions() if a.menu() is not None]
    assert len(menus) == 1
    proof_actions = menus[0].actions()
    assert page.applications.save_action in proof_actions
    page.table_page.table.clearSelection()
    page.show_client(None)
    assert not page.applications.save_action.isEnabled()
    page.table_page.table.selectRow(0)
    assert page.applications.save_action.isEnabled() and page.applications.print_action.isEnabled()
    assert not page.applications.button.isVisible()
