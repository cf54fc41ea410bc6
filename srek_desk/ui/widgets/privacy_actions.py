"""The "Data protection" menu of the client page: access export, restriction, sharing, erasure."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolButton, QWidget

from srek_desk.errors import UserError
from srek_desk.services.clients.service import ClientService
from srek_desk.services.protection.privacy import PrivacyService

log = logging.getLogger(__name__)


class PrivacyActions(QObject):
    changed = Signal(int)  # client id whose data-protection state changed
    erased = Signal(int)

    def __init__(
        self,
        privacy: PrivacyService,
        clients: ClientService,
        current_id: Callable[[], int | None],
        parent: QWidget,
        office: object = None,
    ) -> None:
        super().__init__(parent)
        self.privacy = privacy
        self.clients = clients
        self.current_id = current_id
        self.office = office
        self.parent_widget = parent
        self.button = QToolButton(parent)
        self.button.setText(self.tr("Data &protection"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.export_action = QAction(self.tr("Export stored data (access request)…"), menu)
        self.export_action.triggered.connect(self.export)
        self.restrict_action = QAction(self.tr("Restrict processing"), menu)
        self.restrict_action.setCheckable(True)
        self.restrict_action.triggered.connect(self.toggle_restriction)
        self.share_action = QAction(self.tr("Shared with the team"), menu)
        self.share_action.setCheckable(True)
        self.share_action.triggered.connect(self.toggle_sharing)
        self.erase_action = QAction(self.tr("Delete client permanently…"), menu)
        self.erase_action.triggered.connect(self.erase)
        for action in (self.export_action, self.restrict_action, self.share_action):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.erase_action)
        self.button.setMenu(menu)
        self.update_state(None, restricted=False, shared=False)

    def update_state(self, client_id: int | None, *, restricted: bool, shared: bool) -> None:
        self.button.setEnabled(client_id is not None)
        self.restrict_action.setChecked(restricted)
        self.share_action.setChecked(shared)

    def _fail(self, error: UserError) -> None:
        QMessageBox.warning(self.parent_widget, self.tr("Data protection"), error.message)

    def export(self) -> None:
        client_id = self.current_id()
        if client_id is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self.parent_widget, self.tr("Folder for the access export (PDF and JSON)")
        )
        if not folder:
            return
        # File names carry the pseudonymous number only, never the name.
        stem = f"auskunft-{client_id}"
        target = Path(folder)
        try:
            self.privacy.write_access_export(
                client_id, target / f"{stem}.json", target / f"{stem}.pdf", self.office
            )
        except UserError as error:
            self._fail(error)
            return
        except OSError as error:
            QMessageBox.warning(
                self.parent_widget,
                self.tr("Data protection"),
                self.tr("The export could not be written: %1").replace("%1", str(error)),
            )
            return
        QMessageBox.information(
            self.parent_widget,
            self.tr("Data protection"),
            self.tr("Written: %1.pdf and %1.json in %2")
            .replace("%1", stem)
            .replace("%2", str(target)),
        )

    def toggle_restriction(self, restricted: bool) -> None:
        client_id = self.current_id()
        if client_id is None:
            return
        try:
            self.privacy.set_restricted(client_id, restricted)
        except UserError as error:
            self._fail(error)
        self.changed.emit(client_id)

    def toggle_sharing(self, shared: bool) -> None:
        client_id = self.current_id()
        if client_id is None:
            return
        try:
            self.clients.set_shared(client_id, shared)
        except UserError as error:
            self._fail(error)
        self.changed.emit(client_id)

    def erase(self) -> None:
        client_id = self.current_id()
        if client_id is None:
            return
        answer = QMessageBox.warning(
            self.parent_widget,
            self.tr("Delete client"),
            self.tr(
                "Delete this client with all notes, proposals, follow-ups and printed-sheet "
                "records? This cannot be undone. The audit log keeps only a pseudonymous number."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.privacy.erase(client_id)
        except UserError as error:
            self._fail(error)
            return
        log.info("client erased on request")
        self.erased.emit(client_id)
