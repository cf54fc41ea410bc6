"""Client editor: validation in place, saving, conflicts, unsaved edits, notes and history."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from srek_desk.services.clients import ClientService
from srek_desk.services.proposals import ProposalService
from srek_desk.ui.dialogs.client_editor import ClientEditor
from srek_desk.ui.dialogs.conflict_dialog import KEEP_MINE, TAKE_THEIRS, ConflictDialog


@pytest.fixture
def services(demo_database, reference):  # type: ignore[no-untyped-def]
    return ClientService(demo_database), ProposalService(demo_database, reference), reference


def _some_client(clients: ClientService) -> int:
    return clients.recent_clients(1)[0].id


def _editor(qtbot, services, client_id):  # type: ignore[no-untyped-def]
    editor = ClientEditor(*services, client_id)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_new_client_is_validated_in_place_then_saved(qtbot, services, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    clients = services[0]
    editor = _editor(qtbot, services, None)
    form = editor.form
    form.fields["first_name"].setText("Mara")
    form.fields["last_name"].setText("Beispiel")
    form.postcode.setText("99999")
    assert form.postcode.place.text() == "unbekannte Postleitzahl"
    form.fields["email"].setText("kein-at")
    editor.save()
    assert editor.isVisible() and editor.client_id is None
    assert "99999" in form.errors["home_postcode"].text()
    assert form.errors["email"].isVisible()
    assert "markierten" in editor.message.text()
    form.postcode.setText("37269")
    assert form.postcode.place.text() == "Eschwege (Hessen)"
    form.fields["email"].setText("mara@example.org")
    form.wishes.search.setText("Pflege")
    form.wishes.run_search()
    qtmodeltester.check(form.wishes.hits_model)
    form.wishes.add_current()
    form.languages.add()
    form.consent.setChecked(True)
    form.modes["bike"].setChecked(True)
    editor.save()
    assert editor.result() == QDialog.DialogCode.Accepted
    data, _version = clients.input_of(editor.saved_id)
    assert (data.first_name, data.home_postcode, data.email) == (
        "Mara",
        "37269",
        "mara@example.org",
    )
    assert len(data.wishes) == 1 and data.languages == (("de", "B1"),)
    assert data.consent_given and data.consent_date == date.today()
    assert "bike" in data.mobility_modes


def test_editing_round_trips_and_notes_follow_ups_history(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    clients = services[0]
    client_id = _some_client(clients)
    before, version = clients.input_of(client_id)
    editor = _editor(qtbot, services, client_id)
    assert editor.form.value() == before  # the form shows exactly what is stored
    assert not editor.has_unsaved_edits()
    assert editor.form.count() == 5
    notes = editor.notes
    notes.new_note.setPlainText("Möchte lieber in die Pflege.")
    notes.add_note()
    assert "Pflege" in notes.notes.toPlainText()
    notes.follow_text.setText("Bewerbung nachfragen")
    notes.add_follow_up()
    assert notes.follow_model.rowCount() >= 1
    notes.follow_ups.selectRow(0)
    notes.complete()
    assert any(f.done for f in clients.follow_ups_of(client_id))
    editor.form.max_minutes.setValue(75)
    assert editor.has_unsaved_edits()
    editor.save()
    assert clients.input_of(client_id)[0].max_commute_minutes == 75
    assert clients.input_of(client_id)[1] == version + 1


def test_closing_an_edited_form_asks(qtbot, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clients = services[0]
    client_id = _some_client(clients)
    editor = _editor(qtbot, services, client_id)
    editor.form.fields["phone"].setText("0561 123456")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    asked: list[str] = []

    def question(parent, title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(title)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible() and asked == ["Ungespeicherte Änderungen"]  # cancelled: still open
    editor.close()
    assert not editor.isVisible()
    assert clients.input_of(client_id)[0].phone == "0561 123456"  # saved on the way out


def test_unchanged_form_closes_with_escape_without_asking(qtbot, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    editor = _editor(qtbot, services, _some_client(services[0]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("asked"))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()


@pytest.mark.parametrize("choice", [KEEP_MINE, TAKE_THEIRS])
def test_version_conflict_shows_both_versions(qtbot, services, monkeypatch, choice) -> None:  # type: ignore[no-untyped-def]
    clients, _proposals, reference = services
    client_id = _some_client(clients)
    editor = _editor(qtbot, services, client_id)
    theirs, version = clients.input_of(client_id)
    from dataclasses import replace

    clients.update(client_id, replace(theirs, phone="0551 999"), version, reference)  # a colleague
    editor.form.fields["phone"].setText("0561 111")
    shown = {}

    def exec_(dialog):  # type: ignore[no-untyped-def]
        shown["rows"] = dialog.model.rows
        dialog.choice = choice
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ConflictDialog, "exec", exec_)
    editor.save()
    assert ("phone", "0561 111", "0551 999") in shown["rows"]
    stored = clients.input_of(client_id)[0].phone
    if choice == KEEP_MINE:
        assert stored == "0561 111" and editor.result() == QDialog.DialogCode.Accepted
    else:
        assert stored == "0551 999" and editor.form.fields["phone"].text() == "0551 999"
        assert editor.isVisible() and not editor.has_unsaved_edits()


def test_conflict_dialog_model_and_ask(qtbot, qtmodeltester, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.services.client_input import ClientInput

    dialog = ConflictDialog(ClientInput(first_name="A"), ClientInput(first_name="B"))
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    monkeypatch.setattr(ConflictDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert ConflictDialog.ask(None, ClientInput(), ClientInput(first_name="x")) is None


def test_editor_opens_from_the_clients_page(main_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = main_window
    window.navigation.setCurrentRow(1)
    window.clients_page.table_page.table.selectRow(0)
    opened = []
    monkeypatch.setattr(
        ClientEditor,
        "exec",
        lambda self: opened.append(self.windowTitle()) or QDialog.DialogCode.Rejected,
    )
    window.clients_page.edit_button.click()
    window.clients_page.new_button.click()
    assert opened[0].startswith("Klient:in: ") and opened[1] == "Neue Klient:in"
