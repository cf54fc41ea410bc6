"""The client editor's own records: counselling notes, follow-ups, and the history of proposals,
printed sheets and outcomes."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from srek_desk.errors import UserError
from srek_desk.reference.gazetteer import STATE_NAMES
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.clients.service import ClientService
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.widgets.tables import RowsTable


def _day(value: object) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else ""  # type: ignore[union-attr]


class NotesTab(QWidget):
    """Notes (newest first) and follow-ups with due date; adding and completing save at once."""

    changed = Signal()

    def __init__(
        self, clients: ClientService, client_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.clients = clients
        self.client_id = client_id
        self.changed_any = False
        self.changed.connect(lambda: setattr(self, "changed_any", True))
        self.notes = QTextBrowser()
        self.notes.setAccessibleName(self.tr("Counselling notes"))
        self.new_note = QPlainTextEdit()
        self.new_note.setAccessibleName(self.tr("New note"))
        self.new_note.setPlaceholderText(self.tr("New note…"))
        self.new_note.setMaximumHeight(self.fontMetrics().height() * 4)
        add_note = QPushButton(self.tr("Add &note"))
        add_note.clicked.connect(self.add_note)
        self.follow_model = RowsModel(
            [
                Column(self.tr("Due"), lambda f: _day(f.due_date), sort=lambda f: f.due_date),
                Column(self.tr("To do"), lambda f: f.text),
                Column(self.tr("Done"), lambda f: "✓" if f.done else ""),
            ],
            self,
        )
        self.follow_ups = RowsTable(self.follow_model, self.tr("Follow-ups"))
        self.due = QDateEdit(QDate.currentDate().addDays(7))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd.MM.yyyy")
        self.due.setAccessibleName(self.tr("Due date"))
        self.follow_text = QLineEdit()
        self.follow_text.setAccessibleName(self.tr("What is to be done"))
        self.follow_text.setPlaceholderText(self.tr("What is to be done…"))
        add_follow = QPushButton(self.tr("Add &follow-up"))
        add_follow.clicked.connect(self.add_follow_up)
        self.done_button = QPushButton(self.tr("Mark as d&one"))
        self.done_button.clicked.connect(self.complete)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.due)
        follow_row.addWidget(self.follow_text, 1)
        follow_row.addWidget(add_follow)
        follow_row.addWidget(self.done_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>" + self.tr("Counselling notes") + "</b>"))
        layout.addWidget(self.notes, 2)
        note_row = QHBoxLayout()
        note_row.addWidget(self.new_note, 1)
        note_row.addWidget(add_note)
        layout.addLayout(note_row)
        layout.addWidget(QLabel("<b>" + self.tr("Follow-ups") + "</b>"))
        layout.addWidget(self.follow_ups, 1)
        layout.addLayout(follow_row)
        self.reload()

    def reload(self) -> None:
        detail = self.clients.detail(self.client_id)
        notes = detail.notes if detail else ()
        self.notes.setHtml(
            "".join("<p><b>" + _day(at) + "</b> " + escape(text) + "</p>" for at, text in notes)
            or "<p><i>" + escape(self.tr("No notes yet.")) + "</i></p>"
        )
        self.follow_model.set_rows(self.clients.follow_ups_of(self.client_id))
        self.follow_ups.fit_columns()

    def has_unsaved_text(self) -> bool:
        return bool(self.new_note.toPlainText().strip() or self.follow_text.text().strip())

    def add_note(self) -> None:
        try:
            self.clients.add_note(self.client_id, self.new_note.toPlainText())
        except UserError as error:
            QMessageBox.warning(self, self.tr("Note"), error.message)
            return
        self.new_note.clear()
        self.reload()
        self.changed.emit()

    def add_follow_up(self) -> None:
        due = self.due.date()
        try:
            self.clients.add_follow_up(
                self.client_id, date(due.year(), due.month(), due.day()), self.follow_text.text()
            )
        except UserError as error:
            QMessageBox.warning(self, self.tr("Follow-up"), error.message)
            return
        self.follow_text.clear()
        self.reload()
        self.changed.emit()

    def complete(self) -> None:
        line = self.follow_ups.current_row()
        if line is None:
            return
        self.clients.complete_follow_up(line.id)
        self.reload()
        self.changed.emit()


class HistoryTab(QWidget):
    """Proposals with their outcomes, and the sheets printed for the client."""

    def __init__(
        self,
        clients: ClientService,
        proposals: ProposalService,
        client_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.proposals_model = RowsModel(
            [
                Column(
                    self.tr("Proposed"), lambda p: _day(p.proposed_at), sort=lambda p: p.proposed_at
                ),
                Column(self.tr("Outcome"), lambda p: p.status_label),
                Column(
                    self.tr("Since"),
                    lambda p: _day(p.status_changed_at),
                    sort=lambda p: p.status_changed_at,
                ),
                Column(self.tr("Offer"), lambda p: p.offer_title),
                Column(self.tr("Employer"), lambda p: p.employer_name),
                Column(self.tr("Place"), lambda p: p.place),
                Column(
                    self.tr("State"),
                    lambda p: (
                        STATE_NAMES.get(p.state, p.state) + (" ⇄" if p.crosses_state_border else "")
                    ),
                ),
            ],
            self,
        )
        self.proposals_model.set_rows(proposals.proposals_of(client_id, clients.actor))
        self.proposals = RowsTable(self.proposals_model, self.tr("Proposals and outcomes"))
        self.proposals.fit_columns()
        languages = {
            "de": self.tr("German"),
            "de-simple": self.tr("German, plain language"),
            "en": self.tr("English"),
        }
        self.sheets_model = RowsModel(
            [
                Column(
                    self.tr("Printed"),
                    lambda s: s.printed_at.strftime("%d.%m.%Y %H:%M"),
                    sort=lambda s: s.printed_at,
                ),
                Column(
                    self.tr("Offers"),
                    lambda s: str(len(s.offer_ids)),
                    sort=lambda s: len(s.offer_ids),
                ),
                Column(self.tr("Language"), lambda s: languages.get(s.language, s.language)),
                Column(self.tr("Pseudonymous"), lambda s: "✓" if s.pseudonymous else ""),
            ],
            self,
        )
        self.sheets_model.set_rows(clients.printed_sheets_of(client_id, clients.actor))
        self.sheets = RowsTable(self.sheets_model, self.tr("Printed sheets"))
        self.sheets.fit_columns()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>" + self.tr("Proposals and outcomes") + "</b>"))
        layout.addWidget(self.proposals, 2)
        layout.addWidget(QLabel("<b>" + self.tr("Printed sheets") + "</b>"))
        layout.addWidget(self.sheets, 1)
