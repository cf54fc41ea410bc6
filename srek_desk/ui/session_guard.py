"""The signed-in session: locks the window after inactivity (or Ctrl+L) until the same user
enters their password again; offers the password change."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from srek_desk.services.core.access import Actor
from srek_desk.services.protection.accounts import AccountService
from srek_desk.ui.dialogs.login_dialog import ChangePasswordDialog, UnlockDialog
from srek_desk.ui.idle_lock import IdleWatcher

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

log = logging.getLogger(__name__)


class SessionGuard(QObject):
    def __init__(
        self, window: QMainWindow, accounts: AccountService, actor: Actor, idle_minutes: int
    ) -> None:
        super().__init__(window)
        self.window = window
        self.accounts = accounts
        self.actor = actor
        self.locked = False
        self.watcher = IdleWatcher(idle_minutes, self)
        self.watcher.idle.connect(self.lock)
        menu = window.menuBar().addMenu(self.tr("&Account"))
        self.lock_action = QAction(self.tr("&Lock window"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        menu.addAction(self.lock_action)
        self.password_action = QAction(self.tr("Change &password…"), self)
        self.password_action.triggered.connect(self.change_password)
        menu.addAction(self.password_action)

    def lock(self) -> bool:
        """Hide everything, ask for the password; False when the user chose to quit."""
        if self.locked:
            return True
        self.locked = True
        self.watcher.pause()
        hidden: list[QWidget] = []
        central = self.window.centralWidget()
        central.setVisible(False)
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible():
                widget.hide()
                hidden.append(widget)
        log.info("window locked")
        actor = UnlockDialog.ask_unlock(self.window, self.accounts, self.actor)
        self.locked = False
        if actor is None:
            self.window.close()
            return False
        central.setVisible(True)
        for widget in hidden:
            widget.show()
        self.watcher.resume()
        return True

    def change_password(self) -> bool:
        changed = ChangePasswordDialog.ask(self.window, self.accounts, self.actor)
        if changed:
            QMessageBox.information(
                self.window, self.tr("Change password"), self.tr("Your password was changed.")
            )
        return changed

    def stop(self) -> None:
        self.watcher.stop()
