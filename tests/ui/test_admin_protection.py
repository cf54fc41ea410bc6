"""Verwaltung page: accounts, audit log, retention and backups, each tab only for its roles."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select, update

from srek_desk.config import Config
from srek_desk.db.models import Client
from srek_desk.errors import UserError
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.access import Actor
from srek_desk.services.core.audit import AuditService
from srek_desk.services.protection.accounts import AccountService
from srek_desk.services.protection.backups import BackupService
from srek_desk.services.protection.privacy import PrivacyService
from srek_desk.services.protection.retention import RetentionPolicy, RetentionService
from srek_desk.ui.dialogs.user_dialog import PasswordDialog, UserDialog
from srek_desk.ui.pages.admin_page import AdminPage
from srek_desk.ui.tasks import InlineRunner
from tests.db.privacy_fixtures import PASSWORD, fast_hasher, person

NEW_PASSWORD = "Eschwege-Werra-42"


class Office:
    def __init__(self, database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
        self.database = database
        self.accounts = AccountService(database, hasher=fast_hasher())
        self.admin = self.accounts.create_first_admin("admin", "Ada Admin", PASSWORD)
        self.backup_folder = tmp_path / "backups"

    def page(self, qtbot, actor: Actor | None = None, backups: bool = True) -> AdminPage:  # type: ignore[no-untyped-def]
        page = AdminPage(
            InlineRunner(),
            actor or self.admin,
            self.accounts,
            AuditService(self.database),
            RetentionService(self.database, RetentionPolicy()),
            BackupService(self.database, self.backup_folder) if backups else None,
            Config.defaults(),
        )
        qtbot.addWidget(page)
        page.resize(1000, 650)
        page.show()
        page.refresh()
        return page


@pytest.fixture
def office(database, tmp_path: Path) -> Office:  # type: ignore[no-untyped-def]
    return Office(database, tmp_path)


def _warnings(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    return shown


def test_tabs_follow_the_role(office, qtbot) -> None:  # type: ignore[no-untyped-def]
    lead = Actor(7, "lea", "Lea Leitung", frozenset({"teamleitung"}))
    page = office.page(qtbot, lead)
    assert page.tabs.count() == 1 and page.tabs.widget(0) is page.audit_tab
    assert page.users_tab is page.retention_tab is page.backups_tab is None
    assert page.audit_tab.model.rowCount() == 1  # the first admin's account
    admin_page = office.page(qtbot)
    assert admin_page.tabs.count() == 4
    assert [admin_page.tabs.widget(i) for i in range(4)] == [
        admin_page.users_tab,
        admin_page.audit_tab,
        admin_page.retention_tab,
        admin_page.backups_tab,
    ]
    counsellor = Actor(8, "ben", "Ben", frozenset({"berater"}))
    assert office.page(qtbot, counsellor).tabs.count() == 0


def test_create_an_account_through_the_dialog(office, qtbot, monkeypatch, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    page = office.page(qtbot)
    tab = page.users_tab
    assert tab.model.rowCount() == 1
    qtmodeltester.check(tab.model)
    warnings = _warnings(monkeypatch)
    seen: dict[str, object] = {}

    def drive(dialog: UserDialog) -> int:
        assert not dialog.ok_button.isEnabled()
        dialog.username.setText("B.Berg")
        dialog.display_name.setText("Bea Berg")
        dialog.role_boxes["berater"].setChecked(True)
        fields = dialog.password
        assert fields is not None
        fields.first.setText("kurz")
        seen["short"] = fields.feedback.text()
        fields.first.setText("b.berg-Passwort-1")
        fields.second.setText("b.berg-Passwort-1")
        seen["name_inside"] = fields.feedback.text()
        fields.first.setText(NEW_PASSWORD)
        fields.second.setText(NEW_PASSWORD + "x")
        seen["mismatch"] = fields.feedback.text()
        assert not dialog.ok_button.isEnabled()
        fields.second.setText(NEW_PASSWORD)
        assert dialog.ok_button.isEnabled()
        dialog.username.setText("admin")  # taken: the service says so, the dialog stays open
        dialog.save()
        seen["taken"] = list(warnings)
        assert dialog.result_value is None
        dialog.username.setText("B.Berg")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(UserDialog, "exec", drive)
    tab.new_button.click()
    assert "mindestens 10 Zeichen" in str(seen["short"])
    assert "Benutzernamen" in str(seen["name_inside"])
    assert seen["mismatch"] != seen["name_inside"] and seen["mismatch"]
    assert seen["taken"] == ["Den Benutzernamen „admin“ gibt es schon."]
    assert [u.username for u in tab.model.rows] == ["admin", "b.berg"]
    assert tab.current_user().username == "b.berg"
    assert "b.berg" in tab.message.text()
    qtmodeltester.check(tab.model)
    assert office.accounts.authenticate("b.berg", NEW_PASSWORD).roles == {"berater"}

    def change(dialog: UserDialog) -> int:
        assert dialog.username.isReadOnly() and dialog.password is None
        assert dialog.role_boxes["berater"].isChecked()
        dialog.display_name.setText("Bea Berg-Tal")
        dialog.role_boxes["teamleitung"].setChecked(True)
        dialog.active.setChecked(False)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(UserDialog, "exec", change)
    tab.edit_button.click()
    changed = tab.current_user()
    assert (changed.display_name, changed.roles, changed.active) == (
        "Bea Berg-Tal",
        {"berater", "teamleitung"},
        False,
    )


def test_reset_password_and_unlock(office, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    accounts = office.accounts
    accounts.create_user(office.admin, "ben", "Ben Berater", {"berater"}, PASSWORD)
    for _ in range(accounts.max_failed):
        with pytest.raises(UserError):
            accounts.authenticate("ben", "ganz-falsch-1")
    page = office.page(qtbot)
    tab = page.users_tab
    tab.table.selectRow([u.username for u in tab.model.rows].index("ben"))
    assert tab.unlock_button.isEnabled()
    assert tab.model.data(tab.model.index(1, 4))  # "locked until" shown
    tab.unlock_button.click()
    assert not tab.unlock_button.isEnabled() and tab.model.data(tab.model.index(1, 4)) == ""
    assert accounts.authenticate("ben", PASSWORD).username == "ben"

    def drive(dialog: PasswordDialog) -> int:
        assert not dialog.ok_button.isEnabled()
        dialog.password.first.setText(NEW_PASSWORD)
        dialog.password.second.setText(NEW_PASSWORD)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(PasswordDialog, "exec", drive)
    tab.password_button.click()
    actor = accounts.authenticate("ben", NEW_PASSWORD)
    assert accounts.must_change_password(actor)
    assert tab.current_user().username == "ben"


def test_audit_filters_narrow_the_rows_and_export_csv(  # type: ignore[no-untyped-def]
    office, qtbot, monkeypatch, tmp_path, reference, qtmodeltester
) -> None:
    clients = ClientService(office.database)
    clients.create(person("Otto", "Bleibt", "K-1"), reference)
    gone = clients.create(person("Gina", "Geht", "K-2"), reference)
    with office.database.session() as session:
        pseudonym = session.get(Client, gone).pseudonym
    PrivacyService(office.database).erase(gone)
    office.accounts.create_user(office.admin, "ben", "Ben", {"berater"}, PASSWORD)
    # client names are for an account with counselling rights (see the Admin-only test below)
    lead = Actor(office.admin.user_id, "admin", "Ada Admin", frozenset({"admin", "teamleitung"}))
    page = office.page(qtbot, lead)
    tab = page.audit_tab
    page.tabs.setCurrentWidget(tab)
    everything = tab.model.rowCount()
    assert everything == 5  # two accounts, two clients created, one of them erased
    qtmodeltester.check(tab.model)
    assert tab.broken_at is None
    assert [tab.user.itemData(i) for i in range(tab.user.count())] == ["", "admin", "ben", "system"]
    tab.user.setCurrentIndex(tab.user.findData("system"))
    assert tab.model.rowCount() == 3
    tab.action.setCurrentIndex(tab.action.findData("create"))
    assert tab.model.rowCount() == 2
    client_texts = {tab.model.data(tab.model.index(r, 4)) for r in range(2)}
    assert "Otto Bleibt" in client_texts
    deleted = (client_texts - {"Otto Bleibt"}).pop()
    assert pseudonym in deleted and "Gina" not in deleted
    tab.subject.setText(pseudonym.upper())
    tab.subject.editingFinished.emit()
    assert tab.model.rowCount() == 1
    tab.clear_filters()
    assert tab.model.rowCount() == everything
    tab.entity.setCurrentIndex(tab.entity.findData("user"))
    assert tab.model.rowCount() == 2
    tab.since_check.setChecked(True)
    tab.since.setDate(tab.since.date().currentDate().addDays(1))
    assert tab.model.rowCount() == 0 and not tab.export_button.isEnabled()
    tab.since.setDate(tab.since.date().currentDate())
    tab.until_check.setChecked(True)
    assert tab.model.rowCount() == 2
    qtmodeltester.check(tab.model)
    target = tmp_path / "protokoll.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV"))
    tab.export_button.click()
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == 3 and lines[0].count(";") == 6
    assert all(";Konto;" in line for line in lines[1:])


def test_an_admin_only_account_sees_pseudonyms_not_client_names(  # type: ignore[no-untyped-def]
    office, qtbot, monkeypatch, tmp_path, reference
) -> None:
    client_id = ClientService(office.database).create(person("Otto", "Bleibt", "K-1"), reference)
    with office.database.session() as session:
        pseudonym = session.get(Client, client_id).pseudonym
    assert office.admin.roles == frozenset({"admin"})
    lines = AuditService(office.database).query(office.admin)
    assert [line.client_name for line in lines if line.entity == "client"] == [""]
    page = office.page(qtbot)  # the first admin: no counselling rights
    tab = page.audit_tab
    page.tabs.setCurrentWidget(tab)
    texts = [tab.model.data(tab.model.index(r, 4)) for r in range(tab.model.rowCount())]
    assert f"Pseudonym: {pseudonym}" in texts and not any("Otto" in t for t in texts)
    target = tmp_path / "protokoll.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV"))
    tab.export_button.click()
    exported = target.read_text(encoding="utf-8-sig")
    assert pseudonym in exported and "Otto" not in exported and "Bleibt" not in exported
    lead = Actor(office.admin.user_id, "admin", "Ada", frozenset({"admin", "teamleitung"}))
    assert "Otto Bleibt" in [x.client_name for x in AuditService(office.database).query(lead)]


def test_tampering_with_the_log_shows(office, qtbot) -> None:  # type: ignore[no-untyped-def]
    office.accounts.create_user(office.admin, "ben", "Ben", {"berater"}, PASSWORD)
    connection = sqlite3.connect(str(office.database.sqlite_file))
    with connection:
        connection.execute("DROP TRIGGER audit_event_no_update")
        connection.execute("UPDATE audit_event SET fields = 'nichts' WHERE id = 2")
    connection.close()
    page = office.page(qtbot)
    page.tabs.setCurrentWidget(page.audit_tab)
    tab = page.audit_tab
    assert tab.broken_at == 2
    assert "2" in tab.chain_label.text() and tab.chain_label.styleSheet() != ""


def test_retention_preview_and_apply(office, qtbot, monkeypatch, reference, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    clients = ClientService(office.database)
    old = clients.create(person("Otto", "Altfall", "K-1"), reference)
    fresh = clients.create(person("Fritz", "Frisch", "K-3"), reference)
    with office.database.session() as session, session.begin():
        session.execute(
            update(Client)
            .where(Client.id == old)
            .values(updated_at=datetime.now(UTC) - timedelta(days=800))
        )
    page = office.page(qtbot)
    tab = page.retention_tab
    page.tabs.setCurrentWidget(tab)
    assert "24" in tab.period_labels["clients"].text()
    assert not tab.apply_button.isEnabled() and tab.model.rowCount() == 0
    tab.preview_button.click()
    assert [c.name for c in tab.model.rows] == ["Altfall, Otto"]
    qtmodeltester.check(tab.model)
    assert tab.apply_button.isEnabled()
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    with qtbot.waitSignal(page.data_changed, timeout=1000):
        tab.apply_button.click()
    assert "1" in asked[0]
    with office.database.session() as session:
        assert set(session.execute(select(Client.id)).scalars()) == {fresh}
    assert tab.model.rowCount() == 0 and not tab.apply_button.isEnabled()
    assert "1" in tab.summary.text()
    tab.preview_button.click()
    assert tab.preview is not None and tab.preview.empty and not tab.apply_button.isEnabled()


def test_retention_is_not_applied_without_yes(office, qtbot, monkeypatch, reference) -> None:  # type: ignore[no-untyped-def]
    old = ClientService(office.database).create(person("Otto", "Altfall", "K-1"), reference)
    with office.database.session() as session, session.begin():
        session.execute(
            update(Client)
            .where(Client.id == old)
            .values(updated_at=datetime(2020, 1, 1, tzinfo=UTC))
        )
    page = office.page(qtbot)
    page.retention_tab.compute_preview()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    page.retention_tab.apply_button.click()
    with office.database.session() as session:
        assert session.get(Client, old) is not None


def test_backup_now_lists_it_and_restore_asks_then_signals(  # type: ignore[no-untyped-def]
    office, qtbot, monkeypatch, qtmodeltester
) -> None:
    page = office.page(qtbot)
    tab = page.backups_tab
    page.tabs.setCurrentWidget(tab)
    assert tab.model.rowCount() == 0
    assert tab.warning_label.isVisibleTo(tab) and "keine Sicherung" in tab.warning_label.text()
    tab.backup_button.click()
    assert tab.model.rowCount() == 1
    qtmodeltester.check(tab.model)
    assert not tab.warning_label.isVisibleTo(tab)
    backup = tab.model.rows[0].path
    assert backup.parent == office.backup_folder and backup.is_file()
    tab.table.selectRow(0)
    offered: list[str] = []

    def choose(_parent, _title, start, _filter):  # type: ignore[no-untyped-def]
        offered.append(start)
        return str(backup), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    with qtbot.assertNotEmitted(page.restore_requested):
        tab.restore_button.click()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.restore_requested, timeout=1000) as signal:
        tab.restore_button.click()
    assert signal.args == [backup] and offered[0] == str(backup)


def test_backups_on_a_server_are_its_job(office, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = office.page(qtbot, backups=False)
    tab = page.backups_tab
    page.tabs.setCurrentWidget(tab)
    assert not hasattr(tab, "table")
    assert tab.backups is None


def test_every_input_has_an_accessible_name(office, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.test_today_and_access import unnamed_inputs

    page = office.page(qtbot)
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        assert unnamed_inputs(page) == []
    dialogs = []
    monkeypatch.setattr(UserDialog, "exec", lambda d: dialogs.append(d) or 0)
    page.users_tab.new_button.click()
    dialogs[0].show()
    assert unnamed_inputs(dialogs[0]) == []
    dialogs[0].close()
