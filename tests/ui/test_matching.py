"""Matching page, offer → clients dialog and the walk-in flow, on the demo database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog

from srek_desk.services.core.access import SYSTEM
from srek_desk.ui.models.listing_model import ID_ROLE


def _client_with_matches(window):  # type: ignore[no-untyped-def]
    window.navigation.setCurrentRow(window.pages.indexOf(window.clients_page))  # loads the table
    page = window.clients_page.table_page
    for row in range(page.model.rowCount()):
        client_id = page.model.index(row, 0).data(ID_ROLE)
        window.show_matching(client_id)
        if window.matching_page.matches_model.rowCount() >= 3:
            return client_id
    pytest.fail("no client with matches in the demo data")


def test_matching_page_ranks_filters_and_acts(main_window, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    client_id = _client_with_matches(window)
    page = window.matching_page
    assert window.pages.currentWidget() is page
    qtmodeltester.check(page.matches_model)
    qtmodeltester.check(page.near_model)
    scores = [m.score for m in page.matches_model.rows]
    assert scores == sorted(scores, reverse=True)
    assert "Abgleich für" in page.title.text()
    assert page.reasons.toPlainText()  # the reasons of the selected match
    # filters narrow the list
    page.state.setCurrentIndex(page.state.findData("TH"))
    assert all(m.state == "TH" for m in page.matches_model.rows)
    page.state.setCurrentIndex(0)
    # propose, record outcome, hide
    first = page.current_match()
    qtbot.mouseClick(page.propose_button, Qt.MouseButton.LeftButton)
    assert first.offer_id in page.open
    assert page.outcome_button.isEnabled() and not page.propose_button.isEnabled()
    page.outcome.setCurrentIndex(page.outcome.findData("vorstellungsgespraech"))
    qtbot.mouseClick(page.outcome_button, Qt.MouseButton.LeftButton)
    assert page.open[first.offer_id][1] == "vorstellungsgespraech"
    status_column = 4
    assert page.matches_model.index(0, status_column).data() == "Vorstellungsgespräch"
    page.matches.selectRow(1)
    hidden = page.current_match()
    qtbot.mouseClick(page.hide_button, Qt.MouseButton.LeftButton)
    assert hidden.offer_id not in [m.offer_id for m in page.matches_model.rows]
    assert hidden.offer_id in window.proposal_service.hidden_offers(client_id, SYSTEM)


def test_matching_page_sheet_preview_save_and_record(
    main_window, qtbot, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.ui import printing, sheet_output

    window = main_window
    client_id = _client_with_matches(window)
    page = window.matching_page
    for row in (0, 1):
        page.matches.selectRow(row)
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.sheet_model.rowCount() == 2
    previews: list[bytes] = []
    monkeypatch.setattr(printing, "preview", lambda parent, pdf: previews.append(pdf) or False)
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert previews and previews[0].startswith(b"%PDF")
    assert (
        window.proposal_service.proposals_of(client_id, SYSTEM) == []
    )  # preview only: not recorded
    target = tmp_path / "blatt.pdf"
    monkeypatch.setattr(sheet_output, "choose_pdf_path", lambda parent: str(target))
    page.language.setCurrentIndex(page.language.findData("en"))
    page.pseudonymous.setChecked(True)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    proposals = window.proposal_service.proposals_of(client_id, SYSTEM)
    assert {p.offer_id for p in proposals} == {m.offer_id for m in page.picked}
    assert "erfasst" in page.sheet_note.text()


def test_offer_matches_dialog_lists_clients_and_opens_one(
    main_window, qtbot, monkeypatch, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.ui.dialogs.offer_matches_dialog import OfferMatchesDialog

    window = main_window
    window.navigation.setCurrentRow(window.page_list.index(window.offers_page))
    seen = {}

    def run(dialog):  # type: ignore[no-untyped-def]
        seen["dialog"] = dialog
        qtmodeltester.check(dialog.model)
        return (
            QDialog.DialogCode.Accepted if dialog.model.rowCount() else QDialog.DialogCode.Rejected
        )

    monkeypatch.setattr(OfferMatchesDialog, "exec", run)
    table = window.offers_page.table
    for row in range(30):
        table.selectRow(row)
        window.offers_page.match_button.click()
        if window.pages.currentWidget() is window.matching_page:
            break
    assert window.pages.currentWidget() is window.matching_page
    assert seen["dialog"].model.rowCount() > 0
    assert window.matching_page.client_id is not None


def _change_offers(window, changes) -> None:  # type: ignore[no-untyped-def]
    """Apply {offer_id: {column: value}} as an edit would (the matching index follows)."""
    from datetime import UTC, datetime

    from srek_desk.db.models import Offer

    with window.database.session() as session, session.begin():
        for offer_id, values in changes.items():
            offer = session.get(Offer, offer_id)
            for key, value in values.items():
                setattr(offer, key, value)
            offer.updated_at = datetime.now(UTC)


def test_matching_page_missing_skills_flags_and_stale_offers(main_window, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    window = main_window
    _client_with_matches(window)
    page = window.matching_page
    first, second, third = page.matches_model.rows[:3]
    _change_offers(
        window,
        {
            first.offer_id: {"flags": "temp_agency,lateral_entry"},
            second.offer_id: {"skills_required": "staplerschein"},
            third.offer_id: {"confirmed_at": datetime.now(UTC) - timedelta(days=90)},
        },
    )
    page.refresh()
    shown = {m.offer_id: m for m in page.matches_model.rows}
    assert second.offer_id not in shown and third.offer_id not in shown  # stale: left out
    near = {m.offer_id: m for m in page.near_model.rows}
    why_not = [c.header for c in page.near_model.columns].index("Warum nicht")
    row = list(near).index(second.offer_id)
    assert "fehlt: Staplerschein" in page.near_model.index(row, why_not).data()
    flags_column = [c.header for c in page.matches_model.columns].index("Kennzeichen")
    row = [m.offer_id for m in page.matches_model.rows].index(first.offer_id)
    assert page.matches_model.index(row, flags_column).data() == "Zeitarbeit, Quereinstieg"
    assert "Zeitarbeit" in page.matches_model.index(row, flags_column).data(
        Qt.ItemDataRole.ToolTipRole
    )

    page.include_stale.setChecked(True)  # "Veraltete einbeziehen" re-ranks at once
    assert page.current_filter().include_stale
    rows = [m.offer_id for m in page.matches_model.rows]
    assert third.offer_id in rows
    qtmodeltester.check(page.matches_model)
    stale_row = rows.index(third.offer_id)
    assert page.matches_model.index(stale_row, 1).data(Qt.ItemDataRole.FontRole).italic()
    assert "veraltet" in page.matches_model.index(stale_row, 4).data()  # the status column
    page.matches.selectRow(stale_row)
    assert not page.add_button.isEnabled()  # never printed on a sheet
    page.add_to_sheet()
    assert third.offer_id not in [m.offer_id for m in page.picked]
    page.include_stale.setChecked(False)
    assert third.offer_id not in [m.offer_id for m in page.matches_model.rows]


def test_offer_matches_dialog_says_an_offer_is_stale(main_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime, timedelta

    from srek_desk.ui.dialogs.offer_matches_dialog import OfferMatchesDialog

    window = main_window
    _client_with_matches(window)
    offer_id = window.matching_page.matches_model.rows[0].offer_id
    _change_offers(window, {offer_id: {"confirmed_at": datetime.now(UTC) - timedelta(days=90)}})
    dialog = OfferMatchesDialog(
        window.matching_service, window.proposal_service, offer_id, window.actor, window
    )
    qtbot.addWidget(dialog)
    assert "veraltet" in dialog.stale_note.text() and not dialog.stale_note.isHidden()
    assert dialog.model.rowCount() == 0
    dialog.include_stale.setChecked(True)
    assert dialog.model.rowCount() > 0
    assert dialog.model.index(0, 1).data(Qt.ItemDataRole.FontRole).italic()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_walk_in_from_first_key_press_to_printed_sheet(
    main_window, qtbot, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+N … printed sheet in at most 15 interactions (every key sequence, click, selection)."""
    from srek_desk.ui import sheet_output
    from srek_desk.ui.dialogs.walk_in_dialog import WalkInDialog

    window = main_window
    printed = tmp_path / "printed.pdf"

    def pdf_printer(parent):  # type: ignore[no-untyped-def]
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(96)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return printer

    monkeypatch.setattr(sheet_output, "choose_printer", pdf_printer)
    interactions = 0
    result: dict[str, object] = {}

    def drive(dialog: WalkInDialog) -> int:
        nonlocal interactions

        def act() -> None:
            nonlocal interactions
            interactions += 1

        dialog.show()  # what exec() does before it waits
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        assert QApplication.focusWidget() is dialog.first_name
        qtbot.keyClicks(QApplication.focusWidget(), "Lena")
        act()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        act()
        qtbot.keyClicks(QApplication.focusWidget(), "34117")
        act()
        assert dialog.postcode.place.text() == "Kassel (Hessen)"
        qtbot.keyClick(dialog, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
        act()
        qtbot.keyClicks(QApplication.focusWidget(), "Elektroniker")
        act()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        act()
        assert dialog.interests.codes() == ["26212"]
        assert dialog.steps.currentIndex() == 0  # Enter picked the occupation, nothing else
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
        act()
        assert QApplication.focusWidget() is dialog.school
        dialog.school.setCurrentIndex(dialog.school.findData("hauptschule"))
        act()
        qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
        act()
        qtbot.waitUntil(dialog.modes["bike"].isChecked)  # mnemonics "animate" the click
        qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
        act()
        qtbot.waitUntil(lambda: dialog.steps.currentIndex() == 1)
        assert dialog.model.rowCount() > 0
        assert len(dialog.picked()) == min(5, dialog.model.rowCount())  # sheet.default_offers
        # the counsellor drops one of the picked offers
        rect = dialog.table.visualRect(dialog.table.model().index(1, 1))
        qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        act()
        assert len(dialog.picked()) == min(5, dialog.model.rowCount()) - 1
        qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
        act()
        qtbot.waitUntil(lambda: dialog.printed)
        result["picked"] = [m.offer_id for m in dialog.picked()]
        result["status"] = dialog.status.text()
        dialog.done(QDialog.DialogCode.Accepted)  # what Fertig does
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(WalkInDialog, "exec", drive)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    interactions += 1
    assert printed.exists() and printed.read_bytes().startswith(b"%PDF")
    assert "erfasst" in str(result["status"])
    assert interactions <= 15
    print(f"walk-in interactions: {interactions}")
    client = window.client_service.recent_clients(1)[0]
    assert client.name == "Lena"
    proposals = window.proposal_service.proposals_of(client.id, SYSTEM)
    assert sorted(p.offer_id for p in proposals) == sorted(result["picked"])  # type: ignore[arg-type]
    assert interactions == 13


def test_walk_in_requires_postcode_and_interest(qtbot, main_window) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.ui.dialogs.walk_in_dialog import WalkInDialog

    w = main_window
    dialog = WalkInDialog(
        w.client_service, w.reference, w.matching_service, w.sheet_service, w.runner, w
    )
    qtbot.addWidget(dialog)
    dialog.find_button.click()
    assert dialog.steps.currentIndex() == 0
    assert "Postleitzahl" in dialog.form_error.text() and "Interesse" in dialog.form_error.text()
    assert dialog.client_id is None
