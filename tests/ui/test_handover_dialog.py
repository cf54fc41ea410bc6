"""Case handover in the window: the export and import dialogs and the File menu round trip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from sqlalchemy import select

from srek_desk.config import Config
from srek_desk.db.models import Client, CounsellingNote
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.database import open_database
from srek_desk.services.handover.file_format import HandoverFileError, KdfParams
from srek_desk.services.handover.service import (
    MERGE,
    NEW,
    SKIP,
    ClientChoice,
    HandoverPreview,
    PreviewClient,
)
from srek_desk.services.protection.accounts import AccountService
from srek_desk.ui.dialogs.handover_dialog import CheckableRows, ExportChoice, HandoverExportDialog
from srek_desk.ui.dialogs.handover_import_dialog import HandoverImportDialog
from srek_desk.ui.main_window import MainWindow
from srek_desk.ui.models.rows_model import Column
from srek_desk.ui.tasks import InlineRunner
from tests.db.privacy_fixtures import PASSWORD, fast_hasher, person

SECRET = "Kassel-Göttingen-2026"
CHOICES = [
    ClientChoice(1, "Musterfrau, Lena", "K-1", date(2008, 5, 1)),
    ClientChoice(2, "Beispiel, Jonas", None, date(2007, 2, 3)),
    ClientChoice(3, "Probe, Mia", "K-3", None),
]


def _preview_client(
    pseudonym: str, name: str, *, similar: tuple[str, ...] = (), target: int | None = None
) -> PreviewClient:
    counts = {"notes": 2, "follow_ups": 1, "proposals": 3, "printed_sheets": 1}
    return PreviewClient(
        pseudonym, name, date(2008, 5, 1), None, counts, False, similar, False, target
    )


PREVIEW = HandoverPreview(
    "Agentur Kassel",
    "Berta Beispiel",
    None,
    1,
    (
        _preview_client("aaaaaaaaaaaa", "Musterfrau, Lena"),
        _preview_client(
            "bbbbbbbbbbbb",
            "Beispiel, Jonas",
            similar=("Beispiel, Jonas (gleicher Name)",),
            target=7,
        ),
    ),
)


def test_checkable_rows_model(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = CheckableRows([Column("Name", lambda c: c.name)])
    model.set_rows(CHOICES, {1})
    qtmodeltester.check(model)
    first = model.index(0, 0)
    assert model.data(model.index(1, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert model.flags(first) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(first, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert [c.id for c in model.checked_rows()] == [1, 2]
    assert not model.setData(model.index(0, 0), "x", Qt.ItemDataRole.EditRole)


def test_export_dialog_checks_its_input(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = HandoverExportDialog(CHOICES, {2})
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Fallübergabe exportieren"
    assert [c.id for c in dialog.model.checked_rows()] == [2]
    assert dialog.count_label.text() == "1 Klient:innen ausgewählt"
    assert Path(dialog.path.text()).name == f"uebergabe-{date.today():%Y%m%d}.srekho"
    dialog.filter.setText("k-3")
    assert dialog.table.proxy.rowCount() == 1
    dialog.filter.clear()
    dialog.model.set_rows(CHOICES, set())
    assert dialog.problem() == "Bitte mindestens eine Klientin oder einen Klienten ankreuzen."
    dialog.model.setData(dialog.model.index(0, 0), Qt.CheckState.Checked.value, 10)
    dialog.model.setData(
        dialog.model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    dialog.password.setText("kurz")
    assert dialog.problem() == "Das Passwort braucht mindestens 10 Zeichen."
    dialog.password.setText(SECRET)
    dialog.repeat.setText(SECRET + "x")
    assert dialog.problem() == "Die beiden Passwörter stimmen nicht überein."
    dialog.export_button.click()
    assert dialog.error.isVisibleTo(dialog) and dialog.result() != QDialog.DialogCode.Accepted
    dialog.repeat.setText(SECRET)
    dialog.path.setText(str(tmp_path / "fall"))
    assert not dialog.recipient.isEnabled()
    dialog.mark.setChecked(True)
    dialog.recipient.setText("Agentur Göttingen")
    assert dialog.problem() is None
    choice = dialog.choice()
    assert choice == ExportChoice((1,), SECRET, tmp_path / "fall.srekho", "Agentur Göttingen")


def test_import_dialog_previews_unticks_duplicates_and_shows_refusals(qtbot) -> None:  # type: ignore[no-untyped-def]
    answers: list[object] = [HandoverFileError("Das Passwort ist falsch."), PREVIEW]

    def reader(path: Path, password: str) -> HandoverPreview:
        assert (path.name, password) == ("x.srekho", SECRET)
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        assert isinstance(answer, HandoverPreview)
        return answer

    dialog = HandoverImportDialog(InlineRunner(), reader)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    dialog.open_package()
    assert dialog.error.text() == "Bitte die Datei wählen und ihr Passwort eingeben."
    dialog.path.setText("/tmp/x.srekho")
    dialog.password.setText(SECRET)
    dialog.open_package()  # wrong password
    assert dialog.error.text() == "Das Passwort ist falsch."
    assert not dialog.import_button.isEnabled() and dialog.model.rowCount() == 0
    dialog.open_package()
    assert dialog.error.isHidden()
    assert "Agentur Kassel" in dialog.summary.text()
    assert "Vielleicht schon gespeichert (nicht angekreuzt): 1." in dialog.summary.text()
    assert dialog.model.rowCount() == 2 and dialog.import_button.isEnabled()
    duplicate = dialog.model.index(1, 4)
    assert dialog.model.data(duplicate) == "Beispiel, Jonas (gleicher Name)"
    assert dialog.choice().decisions == {"aaaaaaaaaaaa": NEW, "bbbbbbbbbbbb": SKIP}
    dialog.model.setData(
        dialog.model.index(1, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    dialog.model.setData(
        dialog.model.index(0, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole
    )
    assert dialog.choice().decisions == {"aaaaaaaaaaaa": SKIP, "bbbbbbbbbbbb": NEW}
    assert dialog.model.data(dialog.model.index(1, 5)) == "als neuer Eintrag übernehmen"
    dialog.table.selectRow(0)
    assert not dialog.merge_button.isEnabled()  # Lena has no look-alike here
    dialog.table.selectRow(1)
    assert dialog.merge_button.isEnabled() and not dialog.merge_button.isChecked()
    dialog.merge_button.click()
    assert dialog.choice().decisions == {"aaaaaaaaaaaa": SKIP, "bbbbbbbbbbbb": MERGE}
    assert dialog.model.data(dialog.model.index(1, 5)) == "mit vorhandenem zusammenführen"
    dialog.merge_button.click()
    assert dialog.choice().decisions["bbbbbbbbbbbb"] == NEW


def test_file_menu_hands_a_case_to_another_database(  # type: ignore[no-untyped-def]
    qtbot, database, reference, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: messages.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: messages.append(text))
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: messages.append(text))
    berta = AccountService(database, hasher=fast_hasher()).create_first_admin(
        "berta", "Berta Beispiel", PASSWORD, ("berater",)
    )
    clients = ClientService(database, berta)
    lena = clients.create(person("Lena", "Musterfrau", "K-1"), reference)
    clients.add_note(lena, "Erstgespräch")
    window = MainWindow(Config.defaults(), InlineRunner(), database, reference, actor=berta)
    qtbot.addWidget(window)
    actions = window.handover_actions
    assert actions.export_action in window.file_menu.actions()
    assert actions.export_action.text() == "Fallübergabe exportieren…"
    assert actions.import_action.text() == "Fallübergabe importieren…"
    actions.service.kdf = KdfParams(1, 1024, 1)
    file = tmp_path / "uebergabe.srekho"
    offered: list[list[int]] = []

    def choose(_parent, choices, preselected):  # type: ignore[no-untyped-def]
        offered.append([c.id for c in choices])
        return ExportChoice((lena,), SECRET, file, None)

    monkeypatch.setattr(HandoverExportDialog, "ask", choose)
    assert actions.export() is True
    assert offered == [[lena]] and file.is_file()
    assert messages[-1].startswith("1 Klient:innen in ")

    other = open_database(tmp_path / "goettingen.sqlite3")
    dora = AccountService(other, hasher=fast_hasher()).create_first_admin(
        "dora", "Dora Dorn", PASSWORD, ("berater",)
    )
    receiving = MainWindow(Config.defaults(), InlineRunner(), other, reference, actor=dora)
    qtbot.addWidget(receiving)
    shown: list[int] = []

    def run_dialog(dialog: HandoverImportDialog) -> int:
        dialog.path.setText(str(file))
        dialog.password.setText(SECRET)
        dialog.open_package()
        shown.append(dialog.model.rowCount())
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(HandoverImportDialog, "exec", run_dialog)
    assert receiving.handover_actions.import_() is True
    assert shown == [1]
    assert messages[-1].startswith("1 Klient:innen übernommen, 0 übersprungen.")
    with other.session() as session:
        (taken,) = session.execute(select(Client)).scalars()
        notes = session.execute(select(CounsellingNote.text)).scalars().all()
    assert taken.first_name == "Lena" and taken.counsellor_id == dora.user_id
    assert notes == ["Erstgespräch\n— Berta Beispiel (Beratungsstelle)"]
    other.dispose()
