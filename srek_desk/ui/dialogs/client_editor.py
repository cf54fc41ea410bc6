"""Client editor: validated fields, notes and follow-ups, history; never loses edits silently."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from srek_desk.errors import UserError
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.client_input import ClientInput, ConflictError, display_name
from srek_desk.services.clients import ClientService
from srek_desk.services.proposals import ProposalService
from srek_desk.services.validation import ValidationError
from srek_desk.ui.dialogs.conflict_dialog import KEEP_MINE, TAKE_THEIRS, ConflictDialog
from srek_desk.ui.widgets.client_form import ClientForm
from srek_desk.ui.widgets.client_history import HistoryTab, NotesTab


class ClientEditor(QDialog):
    def __init__(
        self,
        clients: ClientService,
        proposals: ProposalService,
        reference: ReferenceData,
        client_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.clients = clients
        self.reference = reference
        self.client_id = client_id
        self.saved_id: int | None = None
        self.resize(860, 680)
        self.form = ClientForm(reference)
        if client_id is None:
            self.version = 0
            self.form.set_value(ClientInput())
            self.setWindowTitle(self.tr("New client"))
            self.notes: NotesTab | None = None
        else:
            data, self.version = clients.input_of(client_id)
            self.form.set_value(data)
            self.setWindowTitle(
                self.tr("Client: %1").replace(
                    "%1", display_name(data.first_name, data.last_name, data.customer_number)
                )
            )
            self.notes = NotesTab(clients, client_id)
            self.form.addTab(self.notes, self.tr("&Notes and follow-ups"))
            self.form.addTab(HistoryTab(clients, proposals, client_id), self.tr("&History"))
        self.dirty = False
        self.form.changed.connect(self._mark_dirty)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _mark_dirty(self) -> None:
        self.dirty = True

    def has_unsaved_edits(self) -> bool:
        return self.dirty or (self.notes is not None and self.notes.has_unsaved_text())

    def save(self) -> None:
        """The Save button: store, and close unless a note or follow-up is still being typed."""
        if self._store():
            if self.notes is not None and self.notes.has_unsaved_text():
                self.message.setText(self.tr("Saved. The new note or follow-up is not added yet."))
                return
            self.accept()

    def _store(self) -> bool:
        data = self.form.value()
        try:
            if self.client_id is None:
                self.client_id = self.clients.create(data, self.reference)
            else:
                self.version = self.clients.update(
                    self.client_id, data, self.version, self.reference
                )
        except ValidationError as error:
            self.form.show_errors(error.errors)
            self.message.setText(self.tr("Please correct the marked fields."))
            return False
        except ConflictError as conflict:
            return self._resolve(conflict)
        except UserError as error:
            self.message.setText(error.message)
            return False
        self.form.show_errors([])
        self.dirty = False
        self.saved_id = self.client_id
        self.message.clear()
        return True

    def _resolve(self, conflict: ConflictError) -> bool:
        choice = ConflictDialog.ask(self, conflict.mine, conflict.theirs)
        if choice == KEEP_MINE:
            self.version = conflict.their_version
            return self._store()
        if choice == TAKE_THEIRS:
            self.version = conflict.their_version
            self.form.set_value(conflict.theirs)
            self.dirty = False
            self.message.setText(self.tr("The version saved meanwhile is shown."))
        return False

    def _may_close(self) -> bool:
        if not self.has_unsaved_edits():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save the changes to this client?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self._store() and not self.has_unsaved_edits()
        return answer == QMessageBox.StandardButton.Discard

    def reject(self) -> None:  # Escape, Cancel and the window's close button come here
        if self._may_close():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isVisible() and not self._may_close():
            event.ignore()
            return
        super().closeEvent(event)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        clients: ClientService,
        proposals: ProposalService,
        reference: ReferenceData,
        client_id: int | None,
    ) -> int | None:
        """The id of the saved client, or None when nothing was saved."""
        dialog = cls(clients, proposals, reference, client_id, parent)
        dialog.exec()
        changed = dialog.saved_id is not None or (
            dialog.notes is not None and dialog.notes.changed_any
        )
        return dialog.client_id if changed else None
