"""Merge dialog: candidates, search, side-by-side comparison, the choice, confirmation; the page button."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QMessageBox

from srek_desk.services.clients.service import ClientService
from srek_desk.ui.dialogs.merge_dialog import MergeDialog


@pytest.fixture
def twin(demo_database, reference):  # type: ignore[no-untyped-def]
    """(clients, stored id, a second record of the same person with a phone and a note)."""
    clients = ClientService(demo_database)
    stored_id = clients.recent_clients(1)[0].id
    stored, _version = clients.input_of(stored_id)
    second = clients.create(
        replace(
            stored,
            customer_number=None,
            first_name=stored.first_name.upper(),
            phone="0561 7654321",
            wishes=(),
            languages=(),
        ),
        reference,
    )
    clients.add_note(second, "Zweiter Datensatz: Termin am Montag")
    return clients, stored_id, second


def _dialog(qtbot, clients, first_id, other_id=None):  # type: ignore[no-untyped-def]
    dialog = MergeDialog(clients, first_id, other_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _row(dialog: MergeDialog, label: str) -> list[str]:
    model = dialog.model
    for number in range(model.rowCount()):
        if model.index(number, 0).data() == label:
            return [model.index(number, c).data() for c in range(1, 4)]
    raise AssertionError(label)


def test_candidates_comparison_and_merge(qtbot, qtmodeltester, twin, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clients, stored_id, second = twin
    dialog = _dialog(qtbot, clients, second)
    assert dialog.candidates.currentData() == stored_id  # found as a duplicate
    assert "gleicher Name" in dialog.candidates.currentText()
    qtmodeltester.check(dialog.model)
    assert dialog.keep_first.isChecked()
    this, other, after = _row(dialog, "Notizen")
    assert int(after) == int(this) + int(other) and this == "1"
    assert _row(dialog, "Telefon")[0] == "0561 7654321"
    dialog.keep_other.setChecked(True)  # keep the stored record: its phone is filled in
    stored_phone = clients.input_of(stored_id)[0].phone
    assert _row(dialog, "Telefon")[2] == (stored_phone or "0561 7654321")
    dialog.grab().save("/tmp/merge_dialog.png")
    asked: list[str] = []

    def question(parent, title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog.merge_button.click()
    assert dialog.kept_id == stored_id and not dialog.isVisible()
    assert "nicht rückgängig" in asked[0]
    detail = clients.detail(stored_id)
    assert detail is not None
    assert "Zweiter Datensatz: Termin am Montag" in [text for _at, text in detail.notes]
    assert clients.detail(second) is None


def test_cancelled_confirmation_merges_nothing(qtbot, twin, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clients, stored_id, second = twin
    dialog = _dialog(qtbot, clients, stored_id, second)
    assert dialog.candidates.currentData() == second
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    dialog.merge_button.click()
    assert dialog.kept_id is None and dialog.isVisible()
    assert clients.detail(second) is not None


def test_search_finds_the_other_record(qtbot, twin) -> None:  # type: ignore[no-untyped-def]
    clients, stored_id, second = twin
    first_id = next(r.id for r in clients.recent_clients(5) if r.id not in (stored_id, second))
    dialog = _dialog(qtbot, clients, first_id)
    number = clients.input_of(stored_id)[0].customer_number
    assert number
    dialog.search.setText(number)
    dialog.run_search()
    assert dialog.candidates.currentData() == stored_id
    assert dialog.merge_button.isEnabled()
    dialog.search.setText("gibt-es-nicht-xyz")
    dialog.run_search()
    assert dialog.candidates.count() == 0 and not dialog.merge_button.isEnabled()
    assert dialog.hint.isVisible() and dialog.model.rowCount() == 0


def test_clients_page_menu_opens_the_dialog(main_window, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = main_window.clients_page
    main_window.navigation.setCurrentRow(1)
    page.table_page.table.selectRow(0)
    selected = page.table_page.current_id()
    assert page.merge_action.isEnabled() and page.merge_action.text() == "&Zusammenführen…"
    assert page.merge_action in page.more_button.menu().actions()
    calls: list[tuple[int, int | None]] = []
    monkeypatch.setattr(
        MergeDialog,
        "ask",
        classmethod(
            lambda cls, parent, clients, first_id, other_id=None, **k: (
                calls.append((first_id, other_id)) or first_id
            )
        ),
    )
    with qtbot.waitSignal(page.data_protection_changed) as signal:
        page.merge_action.trigger()
    assert calls == [(selected, None)] and signal.args == [selected]


def test_a_record_gone_meanwhile_is_a_message_not_a_crash(qtbot, twin, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clients, _stored_id, _second = twin
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text)
    )
    assert MergeDialog.ask(None, clients, 987654) is None
    assert warnings == ["Einer der beiden Datensätze ist nicht mehr gespeichert."]
