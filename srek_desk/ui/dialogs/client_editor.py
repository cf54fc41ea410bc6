"""Client editor: validated fields, notes and follow-ups, history; never loses edits silently.

Saving a new client, or a changed name or birth date, first looks for records of the same person
(`services.duplicates`) and asks what to do: save anyway, open the existing record (the form
keeps its input), save and merge, or go back to the form.
"""

from __future__ import annotations

from datetime import date

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
from srek_desk.services.clients.duplicates import DuplicateService
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.clients.service import ClientService
from srek_desk.services.clients.values import ClientInput, ConflictError, display_name
from srek_desk.services.core.validation import ValidationError
from srek_desk.services.offers.skills import SkillService
from srek_desk.ui.dialogs.conflict_dialog import KEEP_MINE, TAKE_THEIRS, ConflictDialog
from srek_desk.ui.dialogs.duplicate_dialog import OPEN_EXISTING, SAVE_AND_MERGE, DuplicateDialog
from srek_desk.ui.widgets.client_form import ClientForm
from srek_desk.ui.widgets.client_history import HistoryTab, NotesTab

Identity = tuple[str, str, date | None]


def _identity(data: ClientInput) -> Identity:
    return (data.first_name.strip(), data.last_name.strip(), data.birth_date)


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
        self.proposals = proposals
        self.reference = reference
        self.client_id = client_id
        self.saved_id: int | None = None
        self.duplicates = DuplicateService(clients.database, clients.actor)
        self.checked: Identity | None = None  # name and birth date already checked or stored
        self.other_changed: int | None = None  # an existing record opened from here and saved
        self.resize(860, 680)
        self.form = ClientForm(
            reference, skills=SkillService(clients.database).vocabulary(include_inactive=True)
        )
        if client_id is None:
            self.version = 0
            self.form.set_value(ClientInput())
            self.setWindowTitle(self.tr("New client"))
            self.notes: NotesTab | None = None
        else:
            data, self.version = clients.input_of(client_id)
            self.form.set_value(data)
            self.checked = _identity(data)
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
        choice = None
        if _identity(data) != self.checked and data.last_name.strip():
            errors = self.clients.validate(data, self.reference, client_id=self.client_id)
            if errors:
                self.form.show_errors(errors)
                self.message.setText(self.tr("Please correct the marked fields."))
                return False
            check = self.duplicates.check(
                data.first_name, data.last_name, data.birth_date, exclude_id=self.client_id
            )
            if check.found:
                may_merge = self.notes is None or not self.notes.has_unsaved_text()
                choice = DuplicateDialog.ask(self, check, allow_merge=may_merge)
                if choice is None or choice.action == OPEN_EXISTING:
                    if choice is not None and choice.client_id is not None:
                        self._open_existing(choice.client_id)
                    self.message.setText(self.tr("Not saved yet: your input is still here."))
                    return False
            self.checked = _identity(data)
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
        if choice is not None and choice.action == SAVE_AND_MERGE and choice.client_id is not None:
            self._merge_with(choice.client_id)
        return True

    def _open_existing(self, client_id: int) -> None:
        """The existing record in an editor of its own, on top: this form stays as it is."""
        opened = ClientEditor.ask(self, self.clients, self.proposals, self.reference, client_id)
        if opened is not None:
            self.other_changed = opened

    def _merge_with(self, other_id: int) -> None:
        from srek_desk.ui.dialogs.merge_dialog import MergeDialog

        assert self.client_id is not None
        kept = MergeDialog.ask(self, self.clients, self.client_id, other_id, prefer_other=True)
        if kept is not None:  # this record may be gone: close, the kept one is the client now
            self.client_id = self.saved_id = kept
            self.dirty = False
            self.accept()

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
        return dialog.client_id if changed else dialog.other_changed
