"""Angebote filters and editor, Arbeitgeber with their offers and editor."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from srek_desk.ui.dialogs.record_editor import RecordEditor


def test_offer_filters_narrow_the_table(main_window) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    window.navigation.setCurrentRow(3)
    page = window.offers_page
    total = page.model.total
    page.state.setCurrentIndex(page.state.findData("TH"))
    page.apply_filters()
    state_column = page.model.keys.index("state")
    assert 0 < page.model.total < total
    assert {page.model.index(r, state_column).data() for r in range(page.model.rowCount())} == {
        "Thüringen"
    }
    page.state.setCurrentIndex(0)
    page.occupation.setText("Elektroniker")
    page.apply_filters()
    assert "26212" in page.occupation_hint.text()
    kldb_column = page.model.keys.index("kldb_code")
    assert all(
        page.model.index(r, kldb_column).data() == "26212" for r in range(page.model.rowCount())
    )
    page.occupation.setText("")
    page.near.setText("34117")
    page.km.setValue(15)
    page.apply_filters()
    near = page.model.total
    assert 0 < near < total
    page.km.setValue(0)
    page.offer_type.setCurrentIndex(page.offer_type.findData("ausbildung"))
    page.apply_filters()
    type_column = page.model.keys.index("offer_type")
    assert {page.model.index(r, type_column).data() for r in range(page.model.rowCount())} == {
        "Ausbildung"
    }
    page.active.setCurrentIndex(page.active.findData(False))
    page.apply_filters()
    assert page.model.total == 0


def test_offer_editor_validates_and_saves(main_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    window.navigation.setCurrentRow(3)
    page = window.offers_page
    page.table.selectRow(0)
    offer_id = page.current_id()
    seen = {}

    def drive(dialog: RecordEditor) -> int:
        dialog.widgets["title"].setText("")
        dialog.widgets["positions"].setValue(3)
        dialog.save()
        seen["error"] = dialog.errors["title"].text()
        assert dialog.isVisible() or not dialog.result()
        dialog.widgets["title"].setText("Koch/Köchin Frühschicht")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(RecordEditor, "exec", drive)
    page.edit_current()
    assert "Titel" in seen["error"]
    saved = window.offer_service.get(offer_id)
    assert saved.title == "Koch/Köchin Frühschicht" and saved.positions == 3


def test_new_manual_offer(main_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    window.navigation.setCurrentRow(3)
    page = window.offers_page
    before = page.model.total

    def drive(dialog: RecordEditor) -> int:
        dialog.widgets["title"].setText("Ausbildung Tischler/in")
        dialog.widgets["offer_type"].setCurrentIndex(
            dialog.widgets["offer_type"].findData("ausbildung")
        )
        dialog.widgets["kldb_code"].setText("22342")
        dialog.widgets["employer_name"].setText("Tischlerei Beispiel")
        dialog.widgets["postcode"].setText("37213")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(RecordEditor, "exec", drive)
    page.new_offer()
    assert page.model.total == before + 1


def test_editor_asks_before_dropping_edits(qtbot, reference, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from srek_desk.services.offers.employers import EmployerInput
    from srek_desk.ui.pages.employers_page import employer_specs

    dialog = RecordEditor("x", employer_specs(), EmployerInput(name="A"), lambda v: True, reference)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert not dialog.isVisible()  # unchanged: closes without asking
    dialog.show()
    dialog.widgets["name"].setText("B")
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Cancel)
    dialog.reject()
    assert dialog.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert not dialog.isVisible()


def test_employer_page_shows_its_offers_and_edits(main_window, qtmodeltester, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    window.navigation.setCurrentRow(4)
    page = window.employers_page
    count_column = page.model.keys.index("offer_count")
    row = next(
        r
        for r in range(page.model.rowCount())
        if int(page.model.index(r, count_column).data() or 0) > 0
    )
    page.table.selectRow(row)
    assert page.offers_model.rowCount() > 0
    qtmodeltester.check(page.offers_model)
    assert "Angebot" in page.offers_title.text()
    employer_id = page.current_id()

    def drive(dialog: RecordEditor) -> int:
        dialog.widgets["phone"].setText("05542 1234")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(RecordEditor, "exec", drive)
    page.edit_current()
    assert window.employers_page.employers.get(employer_id).phone == "05542 1234"
    opened = []
    from srek_desk.ui.dialogs.offer_matches_dialog import OfferMatchesDialog

    monkeypatch.setattr(
        OfferMatchesDialog,
        "exec",
        lambda self: opened.append(self.offer_id) or QDialog.DialogCode.Rejected,
    )
    page.table.selectRow(row)
    page.match_button.click()
    assert opened == [page.offers_model.rows[0].id]


def test_offer_editor_skills_flags_stand_and_same_skill_refused(main_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    window.navigation.setCurrentRow(3)
    page = window.offers_page
    page.table.selectRow(0)
    offer_id = page.current_id()
    seen = {}

    def drive(dialog: RecordEditor) -> int:
        seen["note"] = dialog.note.text()
        required, nice = dialog.widgets["skills_required"], dialog.widgets["skills_nice"]
        required.set_codes(["staplerschein"])
        nice.set_codes(["staplerschein"])
        dialog.widgets["flags"].boxes["temp_agency"].setChecked(True)
        dialog.save()
        seen["error"] = dialog.errors["skills_nice"].text()
        nice.set_codes(["erste_hilfe"])
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(RecordEditor, "exec", drive)
    page.edit_current()
    assert seen["note"].startswith("Stand: ") and "Speichern bestätigt" in seen["note"]
    assert "„Staplerschein“ steht schon bei den geforderten Kenntnissen" in seen["error"]
    saved = window.offer_service.get(offer_id)
    assert saved.skills_required == ("staplerschein",)
    assert saved.skills_nice == ("erste_hilfe",)
    assert "temp_agency" in saved.flags


def _row_of(page, offer_id: int) -> int:  # type: ignore[no-untyped-def]
    while page.model.canFetchMore():
        page.model.fetchMore()
    row = page.model.row_of_id(offer_id)
    assert row is not None
    return row


def test_stale_offers_are_marked_filtered_and_confirmed(main_window, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, date, datetime, timedelta

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView
    from sqlalchemy import select

    from srek_desk.db.models import Offer

    window = main_window
    window.navigation.setCurrentRow(3)
    page = window.offers_page
    with window.database.session() as session, session.begin():
        offer = (
            session.execute(
                select(Offer).where(
                    Offer.application_deadline.is_(None), Offer.offer_type == "arbeit"
                )
            )
            .scalars()
            .first()
        )
        offer.confirmed_at = datetime.now(UTC) - timedelta(days=60)
        stale_id = offer.id
    page.refresh()
    qtmodeltester.check(page.model)
    stand = page.model.keys.index("confirmed_at")
    row = _row_of(page, stale_id)
    index = page.model.index(row, stand)
    assert page.model.headerData(stand, Qt.Orientation.Horizontal) == "Stand"
    assert index.data().endswith("veraltet")
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("Veraltet: seit 60 Tagen nicht")
    assert page.model.index(row, 0).data(Qt.ItemDataRole.FontRole).italic()
    all_offers = page.model.total

    page.freshness.setCurrentIndex(page.freshness.findData("stale"))
    page.apply_filters()
    stale_total = page.model.total
    assert 0 < stale_total < all_offers
    _row_of(page, stale_id)
    assert all(
        page.model.stale_reason(r) is not None for r in range(page.model.rowCount())
    )  # SQL and the Python rule agree row by row
    page.freshness.setCurrentIndex(page.freshness.findData("current"))
    page.apply_filters()
    assert page.model.total == all_offers - stale_total
    assert page.model.row_of_id(stale_id) is None

    page.freshness.setCurrentIndex(0)
    page.apply_filters()
    assert page.table.selectionMode() == QAbstractItemView.SelectionMode.ExtendedSelection
    page.table.selectRow(_row_of(page, stale_id))
    page.confirm_button.click()
    assert "1 Angebot als aktuell bestätigt" in page.notice.text()
    row = _row_of(page, stale_id)
    assert page.model.index(row, stand).data() == date.today().strftime("%d.%m.%Y")
    assert page.model.stale_reason(row) is None
    page.table.clearSelection()
    page.confirm_selected()
    assert "auswählen" in page.error.text()  # nothing selected: said, not ignored
