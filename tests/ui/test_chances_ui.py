"""New chances and reminders in the GUI: the Heute page, the client page, the import hook."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from sqlalchemy import select, update

from srek_desk.config import Config
from srek_desk.db.models import Client, Offer
from srek_desk.services.chances.service import ChanceService
from srek_desk.services.matching.service import MatchService

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
SHOTS = Path("/tmp")


def _collect(window) -> ChanceService:  # type: ignore[no-untyped-def]
    database = window.database
    with database.session() as session:
        ids = list(session.execute(select(Offer.id)).scalars())
    service = ChanceService(database)
    service.collect(MatchService(database, window.reference, Config.defaults()), None, ids)
    assert service.counts()
    return service


def _contact_long_ago(window, client_id: int, days: int = 60) -> None:  # type: ignore[no-untyped-def]
    with window.database.engine.begin() as connection:
        connection.execute(
            update(Client)
            .where(Client.id == client_id)
            .values(last_contact_at=datetime.now(UTC) - timedelta(days=days))
        )


def test_today_shows_new_chances_and_reminders(main_window, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    service = _collect(window)
    counts = service.counts()
    quiet = counts[-1].client_id
    _contact_long_ago(window, quiet)
    window.refresh()
    page = window.today_page
    assert page.chances_model.rowCount() == len(counts)
    for model in (page.chances_model, page.reminders_model):
        qtmodeltester.check(model)
    first = page.chances_model.rows[0]
    text = page.chances_model.data(page.chances_model.index(0, 1))
    assert re.fullmatch(r"\d+ neue Chancen? seit \d\d\.\d\d\.", text)
    assert text.startswith(f"{first.count} ")
    reminded = [r for r in page.reminders_model.rows if r.client_id == quiet]
    assert len(reminded) == 1
    why = page.reminders_model.data(
        page.reminders_model.index(page.reminders_model.rows.index(reminded[0]), 2)
    )
    assert why.startswith("Seit 60 Tagen kein Kontakt")
    page.resize(1280, 760)
    page.grab().save(str(SHOTS / "srek_today_chances.png"))
    # open the client with the most chances: the client page shows them
    page.chances.selectRow(0)
    page.chances.doubleClicked.emit(page.chances.currentIndex())
    assert window.pages.currentWidget() is window.clients_page
    clients = window.clients_page
    assert clients.table_page.current_id() == first.client_id
    assert clients.chances.model.rowCount() == first.count
    assert "neue Chance" in clients.chances.summary.text()
    qtmodeltester.check(clients.chances.model)
    shown = clients.detail.toPlainText()
    assert "Letzter Kontakt" in shown and "Kenntnisse und Zertifikate" in shown
    window.resize(1400, 860)
    window.grab().save(str(SHOTS / "srek_client_chances.png"))


def test_client_page_saves_prints_and_closes_chances(  # type: ignore[no-untyped-def]
    main_window, monkeypatch, tmp_path
) -> None:
    from srek_desk.ui import sheet_output
    from srek_desk.ui.widgets import client_chances

    window = main_window
    service = _collect(window)
    first, second, third = service.counts()[:3]
    window.show_client(first.client_id)
    widget = window.clients_page.chances
    assert widget.print_button.isEnabled()
    target = tmp_path / "kurz.pdf"
    monkeypatch.setattr(client_chances, "choose_update_sheet_path", lambda parent: str(target))
    widget.save_button.click()
    text = " ".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Neue Chancen seit" in " ".join(text.split())
    left = service.summary(first.client_id)
    assert (left.count if left else 0) == max(0, first.count - 10)
    with window.database.session() as session:
        client = session.get(Client, first.client_id)
        assert client is not None and client.last_contact_at is not None
    assert "noch keiner erfasst" not in window.clients_page.detail.toPlainText()

    printed = tmp_path / "gedruckt.pdf"

    def pdf_printer(parent):  # type: ignore[no-untyped-def]
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(96)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(sheet_output, "choose_printer", pdf_printer)
    window.show_client(second.client_id)
    widget.print_button.click()
    assert printed.read_bytes().startswith(b"%PDF")
    assert service.summary(second.client_id) is None or second.count > 10

    window.show_client(third.client_id)
    assert widget.model.rowCount() == third.count
    widget.seen_button.click()
    assert widget.model.rowCount() == 0 and not widget.seen_button.isEnabled()
    assert service.summary(third.client_id) is None
    _contact_long_ago(window, third.client_id)
    widget.contact_button.click()
    with window.database.session() as session:
        client = session.get(Client, third.client_id)
        assert client is not None and client.last_contact_at is not None
        stamp = client.last_contact_at.replace(tzinfo=UTC)
    assert datetime.now(UTC) - stamp < timedelta(minutes=1)


def test_offer_import_collects_new_chances(main_window) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    page = window.imports_page
    window.navigation.setCurrentRow(window.page_list.index(page))
    page.set_file(FIXTURES / "ba_search_v4.json")
    page.run_import()
    report = page.report.toPlainText()
    assert "Import abgeschlossen" in report
    assert re.search(r"\d+ neue Chancen? für Klient:innen gefunden\.", report), report
    page.set_file(FIXTURES / "ba_search_v4.json")
    page.run_import()  # nothing changed: no new chances
    assert "0 neue Chancen für Klient:innen gefunden." in page.report.toPlainText()
