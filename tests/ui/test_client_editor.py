"""Client editor: validation in place, saving, conflicts, unsaved edits, notes and history."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.clients.service import ClientService
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
    from srek_desk.services.clients.values import ClientInput

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


# -- duplicate warning (issue 10) -------------------------------------------------------------


def _twin_of_stored(clients: ClientService, editor: ClientEditor) -> int:
    """Type a stored client's name and birth date (other spelling) into a new-client form."""
    client_id = _some_client(clients)
    stored, _version = clients.input_of(client_id)
    editor.form.set_value(
        type(stored)(
            first_name=stored.first_name.upper(),
            last_name=stored.last_name.upper(),
            birth_date=stored.birth_date,
            home_postcode=stored.home_postcode,
        )
    )
    return client_id


def test_new_client_like_a_stored_one_warns_and_keeps_the_input(  # type: ignore[no-untyped-def]
    qtbot, services, monkeypatch
) -> None:
    from srek_desk.ui.dialogs.duplicate_dialog import SAVE_ANYWAY, DuplicateChoice, DuplicateDialog

    clients = services[0]
    editor = _editor(qtbot, services, None)
    existing = _twin_of_stored(clients, editor)
    asked: list = []
    answers: list = [None, DuplicateChoice(SAVE_ANYWAY)]

    def ask(parent, check, *, allow_merge=True):  # type: ignore[no-untyped-def]
        asked.append(check)
        return answers.pop(0)

    monkeypatch.setattr(DuplicateDialog, "ask", ask)
    typed = editor.form.value()
    editor.save()  # cancelled: nothing saved, nothing lost
    assert editor.isVisible() and editor.client_id is None
    assert editor.form.value() == typed
    assert "Eingaben" in editor.message.text()
    assert [c.client_id for c in asked[0].visible] == [existing]
    assert asked[0].visible[0].reason.startswith("gleicher Name")
    editor.save()  # saved anyway
    assert editor.result() == QDialog.DialogCode.Accepted and editor.saved_id not in (
        None,
        existing,
    )
    assert len(asked) == 2
    assert clients.input_of(editor.saved_id)[0].last_name == typed.last_name


def test_open_existing_leaves_the_form_as_it_is(qtbot, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.ui.dialogs.duplicate_dialog import (
        OPEN_EXISTING,
        DuplicateChoice,
        DuplicateDialog,
    )

    clients = services[0]
    editor = _editor(qtbot, services, None)
    existing = _twin_of_stored(clients, editor)
    monkeypatch.setattr(
        DuplicateDialog, "ask", lambda *a, **k: DuplicateChoice(OPEN_EXISTING, existing)
    )
    opened: list[int] = []

    def open_editor(cls, parent, clients_, proposals, reference, client_id):  # type: ignore[no-untyped-def]
        opened.append(client_id)
        return client_id  # the counsellor saved something there

    typed = editor.form.value()
    monkeypatch.setattr(ClientEditor, "ask", classmethod(open_editor))
    editor.save()
    assert opened == [existing]
    assert editor.isVisible() and editor.client_id is None and editor.form.value() == typed
    assert editor.other_changed == existing  # the main window reloads even if this is cancelled


def test_editing_checks_only_a_changed_name_or_birth_date(qtbot, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.ui.dialogs.duplicate_dialog import (
        SAVE_AND_MERGE,
        DuplicateChoice,
        DuplicateDialog,
    )
    from srek_desk.ui.dialogs.merge_dialog import MergeDialog

    clients = services[0]
    first, second = (r.id for r in clients.recent_clients(2))
    other, _ = clients.input_of(second)
    editor = _editor(qtbot, services, first)
    asked: list = []
    monkeypatch.setattr(
        DuplicateDialog,
        "ask",
        lambda parent, check, **k: asked.append(check) or DuplicateChoice(SAVE_AND_MERGE, second),
    )
    editor.form.fields["phone"].setText("0561 2222")
    editor.save()
    assert asked == []  # the name did not change: no question
    from dataclasses import replace

    editor = _editor(qtbot, services, first)
    mine = editor.form.value()
    editor.form.set_value(
        replace(
            mine,
            first_name=other.first_name,
            last_name=other.last_name,
            birth_date=other.birth_date,
        )
    )
    merged: list = []
    monkeypatch.setattr(
        MergeDialog,
        "ask",
        lambda parent, clients_, first_id, other_id, **k: (
            merged.append((first_id, other_id, k)) or other_id
        ),
    )
    editor.save()
    assert [c.client_id for c in asked[0].visible] == [second]
    assert merged == [(first, second, {"prefer_other": True})]
    assert editor.result() == QDialog.DialogCode.Accepted and editor.client_id == second


def test_duplicate_dialog_hides_other_caseloads(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from datetime import date as day

    from srek_desk.services.clients.duplicates import DuplicateCandidate, DuplicateCheck
    from srek_desk.ui.dialogs.duplicate_dialog import OPEN_EXISTING, DuplicateDialog

    hidden = DuplicateDialog(DuplicateCheck((), hidden=1))
    qtbot.addWidget(hidden)
    hidden.show()
    assert hidden.hint.isVisible() and "Teamleitung" in hidden.hint.text()
    assert not hidden.table.isVisible() and not hidden.open_button.isVisible()
    assert hidden.save_button.text() == "&Trotzdem speichern"
    candidate = DuplicateCandidate(7, "Ayşe", "Yıldız", day(2005, 2, 3), "K-7", "gleicher Name")
    shown = DuplicateDialog(DuplicateCheck((candidate,)), allow_merge=False)
    qtbot.addWidget(shown)
    shown.show()
    qtmodeltester.check(shown.model)
    assert not shown.hint.isVisible() and not shown.merge_button.isVisible()
    row = [shown.model.index(0, c).data() for c in range(4)]
    assert row == ["Yıldız, Ayşe", "03.02.2005", "K-7", "gleicher Name"]
    shown.open_button.click()
    assert shown.choice is not None and (shown.choice.action, shown.choice.client_id) == (
        OPEN_EXISTING,
        7,
    )


def test_editor_saves_skills_and_offer_preferences(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.services.offers.skills import SkillService

    clients = services[0]
    client_id = _some_client(clients)
    before, _version = clients.input_of(client_id)
    editor = _editor(qtbot, services, client_id)
    editor.form.set_skill_vocabulary(
        SkillService(clients.database).vocabulary(include_inactive=True)
    )
    assert editor.form.value() == before  # the vocabulary changes nothing by itself
    picker = editor.form.skills
    chosen = [code for code in ("staplerschein", "erste_hilfe") if code not in before.skills]
    for code in chosen:
        picker.search.setText(picker.model.entries[code].label)
        picker.model.toggle(
            next(r for r in range(picker.model.rowCount()) if picker.model.code_at(r) == code)
        )
    editor.form.preferences["no_temp_agency"].setChecked(True)
    assert editor.has_unsaved_edits()
    editor.save()
    assert editor.result() == QDialog.DialogCode.Accepted
    data, _version = clients.input_of(client_id)
    assert data.skills == (*before.skills, *chosen)
    assert "no_temp_agency" in data.offer_preferences
