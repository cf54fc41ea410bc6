"""Check-out and check-in from the window's File menu."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from srek_desk.config import Config
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.database import open_database
from srek_desk.services.protection.accounts import AccountService
from srek_desk.ui.main_window import MainWindow
from srek_desk.ui.tasks import InlineRunner
from tests.db.privacy_fixtures import PASSWORD, fast_hasher, person


def test_take_a_client_along_and_bring_the_changes_back(  # type: ignore[no-untyped-def]
    qtbot, database, reference, tmp_path: Path, monkeypatch
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: messages.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: messages.append(text))
    admin = AccountService(database, hasher=fast_hasher()).create_first_admin(
        "chef", "Anna", PASSWORD, ("berater",)
    )
    client_id = ClientService(database, admin).create(person("Uwe", "Unterwegs", "K-7"), reference)
    window = MainWindow(Config.defaults(), InlineRunner(), database, reference, actor=admin)
    qtbot.addWidget(window)
    actions = window.offline_actions
    assert actions.checkout_action in window.file_menu.actions()
    assert actions.checkout() is False  # nothing selected
    assert "Klient" in messages[-1]
    window.navigation.setCurrentRow(window.page_list.index(window.clients_page))
    assert window.clients_page.table_page.select_id(client_id)
    laptop_file = tmp_path / "unterwegs.sqlite3"
    assert actions.checkout(target=laptop_file) is True
    assert laptop_file.exists()

    laptop = open_database(laptop_file)
    laptop_clients = ClientService(laptop, admin)
    (laptop_id,) = [c.id for c in laptop_clients.recent_clients()]
    data, version = laptop_clients.input_of(laptop_id)
    laptop_clients.update(laptop_id, replace(data, phone="0170 5550000"), version, reference)
    laptop.dispose()

    assert actions.checkin(source=laptop_file) is True
    office_data, _ = ClientService(database, admin).input_of(client_id)
    assert office_data.phone == "0170 5550000"
    assert "1" in messages[-1]
