"""The real start of the window: database opened off the GUI thread, sign-in, pages by role."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from srek_desk import app as app_module
from srek_desk.config import Config
from srek_desk.db.lock import DatabaseLock
from srek_desk.services.core.database import open_database
from srek_desk.services.protection.accounts import AccountService
from srek_desk.ui import startup
from srek_desk.ui.main_window import MainWindow
from tests.db.privacy_fixtures import PASSWORD, fast_hasher


def _config(db: Path) -> Config:
    return Config.defaults().with_values(database__url=str(db))


@pytest.fixture
def office_db(tmp_path: Path) -> Path:
    db = tmp_path / "office.sqlite3"
    database = open_database(db)
    AccountService(database, hasher=fast_hasher()).create_first_admin(
        "chef", "Anna", PASSWORD, ("berater",)
    )
    database.dispose()
    return db


def test_start_signs_in_attaches_and_releases_the_lock(  # type: ignore[no-untyped-def]
    qapp, office_db: Path, monkeypatch
) -> None:
    seen: dict[str, object] = {}

    def fake_sign_in(_parent, accounts):  # type: ignore[no-untyped-def]
        seen["needs_admin"] = accounts.needs_first_admin()
        return AccountService(accounts.database, hasher=fast_hasher()).authenticate(
            "chef", PASSWORD
        )

    original_attach = MainWindow.attach

    def attach_then_quit(self, database, reference):  # type: ignore[no-untyped-def]
        original_attach(self, database, reference)
        seen["pages"] = [
            self.navigation.item(r).text()
            for r in range(self.navigation.count())
            if not self.navigation.item(r).isHidden()
        ]
        seen["lock"] = (office_db.parent / "office.sqlite3.lock").exists()
        seen["guard"] = self.guard
        QTimer.singleShot(0, lambda: qapp.exit(0))

    monkeypatch.setattr(startup, "sign_in", fake_sign_in)
    monkeypatch.setattr(MainWindow, "attach", attach_then_quit)
    config = _config(office_db)
    assert app_module.run_gui(config, demo_prompt=False) == 0
    assert seen["needs_admin"] is False
    assert "Klient:innen" in seen["pages"] and "Verwaltung" in seen["pages"]  # type: ignore[operator]
    assert seen["lock"] is True
    DatabaseLock(office_db).acquire().release()  # released when the window closed
    for widget in qapp.topLevelWidgets():
        widget.close()


def test_cancelled_sign_in_closes_the_app(qapp, office_db: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(startup, "sign_in", lambda *_: None)
    assert app_module.run_gui(_config(office_db), demo_prompt=False) == 0
    for widget in qapp.topLevelWidgets():
        widget.close()
