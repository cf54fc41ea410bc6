"""Sign-in, the first admin, the idle lock, pages by role, and the client page's privacy menu."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from srek_desk.config import Config
from srek_desk.services.core.access import ADMIN, BERATER, TEAMLEITUNG
from srek_desk.services.protection.accounts import AccountService
from srek_desk.ui.dialogs.login_dialog import FirstAdminDialog, LoginDialog, UnlockDialog
from srek_desk.ui.main_window import MainWindow
from srek_desk.ui.session_guard import SessionGuard
from srek_desk.ui.tasks import InlineRunner
from tests.db.privacy_fixtures import PASSWORD, fast_hasher, person


@pytest.fixture
def accounts(database):  # type: ignore[no-untyped-def]
    return AccountService(database, hasher=fast_hasher(), max_failed=3)


def test_first_start_creates_the_admin_who_also_counsels(qtbot, accounts) -> None:  # type: ignore[no-untyped-def]
    dialog = FirstAdminDialog(accounts)
    qtbot.addWidget(dialog)
    dialog.username.setText("a.admin")
    dialog.display_name.setText("Anna Admin")
    dialog.password.setText(PASSWORD)
    dialog.repeat.setText(PASSWORD + "x")
    dialog._try_accept()
    assert dialog.error.isVisibleTo(dialog) and dialog.actor is None  # passwords differ
    dialog.repeat.setText(PASSWORD)
    dialog.leads.setChecked(False)
    dialog._try_accept()
    assert dialog.actor is not None and dialog.actor.roles == {ADMIN, BERATER}
    assert not accounts.needs_first_admin()


def test_wrong_password_keeps_the_login_open_with_a_german_message(qtbot, accounts) -> None:  # type: ignore[no-untyped-def]
    accounts.create_first_admin("chef", "Anna", PASSWORD)
    dialog = LoginDialog(accounts)
    qtbot.addWidget(dialog)
    dialog.username.setText("chef")
    dialog.password.setText("daneben-daneben")
    dialog._try_accept()
    assert dialog.result() == 0 and "falsch" in dialog.error.text()
    assert dialog.password.text() == ""  # the typed password does not stay in the field
    dialog.password.setText(PASSWORD)
    dialog._try_accept()
    assert dialog.actor is not None and dialog.actor.username == "chef"


def _window(qtbot, database, reference, actor) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(Config.defaults(), InlineRunner(), database, reference, actor=actor)
    qtbot.addWidget(window)
    window.show()
    return window


def _visible_pages(window: MainWindow) -> list[str]:
    nav = window.navigation
    return [nav.item(r).text() for r in range(nav.count()) if not nav.item(r).isHidden()]


def test_pages_follow_the_role(qtbot, accounts, database, reference) -> None:  # type: ignore[no-untyped-def]
    admin = accounts.create_first_admin("chef", "Anna", PASSWORD)
    accounts.create_user(admin, "ben", "Ben", {BERATER}, PASSWORD)
    accounts.create_user(admin, "lea", "Lea", {TEAMLEITUNG}, PASSWORD)
    ben = accounts.authenticate("ben", PASSWORD)
    lea = accounts.authenticate("lea", PASSWORD)
    counsellor = _visible_pages(_window(qtbot, database, reference, ben))
    assert "Klient:innen" in counsellor and "Statistik" not in counsellor
    assert "Einstellungen" not in counsellor and "Verwaltung" not in counsellor
    lead = _visible_pages(_window(qtbot, database, reference, lea))
    assert "Statistik" in lead and "Einstellungen" not in lead
    assert "Verwaltung" in lead  # the audit log
    it_only = _window(qtbot, database, reference, admin)
    pages = _visible_pages(it_only)
    assert "Klient:innen" not in pages and {"Einstellungen", "Verwaltung"} <= set(pages)
    assert it_only.pages.currentWidget() is not it_only.clients_page
    assert not it_only.walk_in_action.isEnabled()


def test_idle_window_locks_and_hides_the_data_until_the_password(  # type: ignore[no-untyped-def]
    qtbot, accounts, database, reference, monkeypatch
) -> None:
    admin = accounts.create_first_admin("chef", "Anna", PASSWORD, (BERATER,))
    window = _window(qtbot, database, reference, admin)
    guard = SessionGuard(window, accounts, admin, idle_minutes=10)
    seen: dict[str, bool] = {}

    def unlock(_parent, _accounts, actor):  # type: ignore[no-untyped-def]
        seen["hidden"] = not window.centralWidget().isVisible()
        return actor

    monkeypatch.setattr(UnlockDialog, "ask_unlock", unlock)
    guard.watcher.timer.setInterval(20)  # instead of ten minutes
    guard.watcher.timer.start()
    with qtbot.waitSignal(guard.watcher.idle, timeout=2000):
        pass
    assert seen == {"hidden": True}
    assert window.centralWidget().isVisible() and guard.watcher.timer.isActive()
    monkeypatch.setattr(UnlockDialog, "ask_unlock", lambda *_: None)
    assert guard.lock() is False  # "Quit" on the lock screen closes the window
    assert not window.isVisible()


def test_unlock_accepts_only_the_same_user(qtbot, accounts) -> None:  # type: ignore[no-untyped-def]
    admin = accounts.create_first_admin("chef", "Anna", PASSWORD)
    dialog = UnlockDialog(accounts, admin, None)
    qtbot.addWidget(dialog)
    assert dialog.username.isReadOnly() and dialog.username.text() == "chef"
    dialog.password.setText("daneben-daneben")
    dialog._try_accept()
    assert dialog.result() == 0 and dialog.error.text()


def test_privacy_menu_restricts_and_erases(  # type: ignore[no-untyped-def]
    qtbot, accounts, database, reference, monkeypatch
) -> None:
    from srek_desk.services.clients.service import ClientService

    admin = accounts.create_first_admin("chef", "Anna", PASSWORD, (BERATER,))
    client_id = ClientService(database, admin).create(person("Rita", "Rechte", "K-9"), reference)
    window = _window(qtbot, database, reference, admin)
    page = window.clients_page
    window.navigation.setCurrentRow(window.page_list.index(page))
    assert page.table_page.select_id(client_id)
    actions = page.privacy_actions
    assert actions is not None and actions.button.isEnabled()
    actions.restrict_action.trigger()
    assert "eingeschränkt" in page.detail.toPlainText()
    assert not page.match_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "warning", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    actions.erase_action.trigger()
    assert ClientService(database).detail(client_id) is None
    assert page.table_page.current_id() is None
