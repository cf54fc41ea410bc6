"""File menu: take clients along on a laptop (check-out) and bring the laptop back (check-in)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from srek_desk.errors import UserError
from srek_desk.services.core.access import Actor
from srek_desk.services.core.database import Database

log = logging.getLogger(__name__)


class OfflineActions(QObject):
    changed = Signal()  # the office database received a check-in

    def __init__(
        self,
        window: QMainWindow,
        database: Database,
        actor: Actor,
        current_client: Callable[[], int | None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.database = database
        self.actor = actor
        self.current_client = current_client
        self.checkout_action = QAction(self.tr("Take selected client along (laptop)…"), self)
        self.checkout_action.triggered.connect(self.checkout)
        self.checkin_action = QAction(self.tr("Check in a laptop file…"), self)
        self.checkin_action.triggered.connect(self.checkin)

    def _title(self) -> str:
        return self.tr("Offline laptop")

    def checkout(self, _checked: bool = False, target: Path | None = None) -> bool:
        from srek_desk.services.offline import checkout

        client_id = self.current_client()
        if client_id is None:
            QMessageBox.information(
                self.window, self._title(), self.tr("Select a client on the Clients page first.")
            )
            return False
        if target is None:
            # the name says when, never who
            default = f"unterwegs-{date.today():%Y%m%d}.sqlite3"
            chosen, _ = QFileDialog.getSaveFileName(
                self.window, self._title(), default, self.tr("Laptop database (*.sqlite3)")
            )
            if not chosen:
                return False
            target = Path(chosen)
        try:
            result = checkout(self.database, target, self.actor, [client_id])
        except UserError as error:
            QMessageBox.warning(self.window, self._title(), error.message)
            return False
        QMessageBox.information(
            self.window,
            self._title(),
            self.tr(
                "Written to %1. Open it on the laptop with SREK Desk (--db); the client stays "
                "checked out until the file is checked in here again."
            ).replace("%1", result.path),
        )
        self.changed.emit()
        return True

    def checkin(self, _checked: bool = False, source: Path | None = None) -> bool:
        from srek_desk.services.offline import checkin, resolve
        from srek_desk.ui.dialogs.checkin_dialog import CheckinDialog

        if source is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self.window, self._title(), "", self.tr("Laptop database (*.sqlite3)")
            )
            if not chosen:
                return False
            source = Path(chosen)
        try:
            result = checkin(self.database, source, self.actor)
            decided = 0
            if result.conflicts:
                choices = CheckinDialog.ask(self.window, result) or {}
                for conflict in result.conflicts:
                    keep = choices.get(conflict.pseudonym)
                    if keep:
                        resolve(self.database, source, self.actor, conflict, keep)
                        decided += 1
        except UserError as error:
            QMessageBox.warning(self.window, self._title(), error.message)
            return False
        open_conflicts = len(result.conflicts) - decided
        message = (
            self.tr("Checked in: %1 changed, %2 new, %3 conflicts decided.")
            .replace("%1", str(len(result.applied)))
            .replace("%2", str(len(result.created)))
            .replace("%3", str(decided))
        )
        if open_conflicts:
            message += " " + self.tr(
                "%1 conflicts are still open; check the file in again to decide them."
            ).replace("%1", str(open_conflicts))
        for warning in result.warnings:
            message += "\n" + warning
        QMessageBox.information(self.window, self._title(), message)
        self.changed.emit()
        return True
