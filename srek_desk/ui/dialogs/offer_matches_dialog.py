"""From an offer, the reverse of matching: the clients it fits, near misses, propose to one.

A stale offer fits nobody until the counsellor ticks "Match anyway" (the offer may still be open).
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from srek_desk.errors import UserError
from srek_desk.matching.engine import Match
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.core.access import Actor
from srek_desk.services.matching.service import MatchService
from srek_desk.ui.i18n import ui_language
from srek_desk.ui.models.match_columns import (
    MatchRowsModel,
    client_columns,
    client_near_miss_columns,
)
from srek_desk.ui.widgets.connection_view import connection_html
from srek_desk.ui.widgets.tables import RowsTable, ScoreBarDelegate


class OfferMatchesDialog(QDialog):
    def __init__(
        self,
        matching: MatchService,
        proposals: ProposalService,
        offer_id: int,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        """`actor`: the signed-in person; the service ranks only the clients they may see."""
        super().__init__(parent)
        self.proposals = proposals
        self.matching = matching
        self.actor = actor
        self.offer_id = offer_id
        self.setWindowTitle(self.tr("Matching clients"))
        self.resize(900, 620)
        matching.refresh()
        row = matching.matcher.offers.row(offer_id)
        self.places: dict[int, str] = {}
        title = QLabel()
        title.setWordWrap(True)
        self.model = MatchRowsModel(client_columns(self.places), self)
        self.table = RowsTable(self.model, self.tr("Matching clients"))
        self.table.setItemDelegateForColumn(0, ScoreBarDelegate(self.table))
        self.near_model = MatchRowsModel(client_near_miss_columns(self.places), self)
        self.near = RowsTable(self.near_model, self.tr("Near misses"))
        self.reasons = QTextBrowser()
        self.reasons.setAccessibleName(self.tr("Why the client fits"))
        self.reasons.setMaximumHeight(self.fontMetrics().height() * 6)
        self.stale_note = QLabel()
        self.stale_note.setWordWrap(True)
        self.stale_note.setStyleSheet("color: #9a3412;")
        self.include_stale = QCheckBox(self.tr("&Match anyway"))
        self.stale_note.hide()
        self.include_stale.hide()
        self.row = row
        if row is None:
            title.setText(self.tr("This offer is inactive and is not matched."))
        else:
            title.setText(
                "<h3>" + escape(row.title) + "</h3>" + escape(f"{row.employer_name}, {row.place}")
            )
            reason = self.matching.matcher.stale_reason(row)
            if reason is not None:
                self.stale_note.setText(
                    self.tr("This offer is stale (%1); matching leaves it out.").replace(
                        "%1", reason
                    )
                )
                self.stale_note.show()
                self.include_stale.show()
            self.include_stale.toggled.connect(self._rank_again)
            self.rank()
        self.table.selectionModel().selectionChanged.connect(self._show_reasons)
        self.table.doubleClicked.connect(lambda _index: self._open())

        self.propose_button = QPushButton(self.tr("&Propose to this client"))
        self.propose_button.clicked.connect(self.propose)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Close"))
        self.open_button = buttons.addButton(
            self.tr("&Open client's matching"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.propose_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self._open)
        buttons.rejected.connect(self.reject)
        self.status = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.stale_note)
        layout.addWidget(self.include_stale)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.reasons)
        layout.addWidget(QLabel("<b>" + self.tr("Near misses") + "</b>"))
        layout.addWidget(self.near, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.table.select_first()
        self._show_reasons()

    def rank(self) -> None:
        if self.row is None:
            return
        try:
            _offer, result = self.matching.rank_clients(
                self.row.id,
                self.actor,
                top=50,
                near_misses=20,
                include_stale=self.include_stale.isChecked(),
            )
        except UserError as error:
            QMessageBox.warning(self, self.tr("Matching clients"), error.message)
            return
        for match in (*result.matches, *result.near_misses):
            profile = self.matching.matcher.clients.profile(match.client_id)
            if profile is not None:
                self.places[match.client_id] = f"{profile.home_postcode} {profile.home_place}"
        self.model.set_rows(result.matches)
        self.near_model.set_rows(result.near_misses)
        self.table.fit_columns()
        self.near.fit_columns()

    def _rank_again(self) -> None:
        self.rank()
        self.table.select_first()
        self._show_reasons()

    def current(self) -> Match | None:
        return self.table.current_row()  # type: ignore[no-any-return]

    def _show_reasons(self, *_args: object) -> None:
        match = self.current()
        self.open_button.setEnabled(match is not None)
        self.propose_button.setEnabled(match is not None)
        if match is None:
            self.reasons.clear()
            return
        self.reasons.setHtml(
            "<ul>"
            + "".join("<li>" + escape(r) + "</li>" for r in match.reasons_in(ui_language()))
            + "</ul>"
            + connection_html(match.connection)
        )
        # a connection by the timetable needs more lines (leave at, rides, arrive)
        lines = 14 if match.connection is not None else 6
        self.reasons.setMaximumHeight(self.fontMetrics().height() * lines)

    def propose(self) -> None:
        match = self.current()
        if match is None:
            return
        try:
            self.proposals.propose(match.client_id, self.offer_id, self.actor)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Propose"), error.message)
            return
        self.status.setText(self.tr("Proposed to %1.").replace("%1", match.reference))

    def _open(self) -> None:
        if self.current() is not None:
            self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        matching: MatchService,
        proposals: ProposalService,
        offer_id: int,
        actor: Actor,
    ) -> int | None:
        """The client chosen to open, or None."""
        dialog = cls(matching, proposals, offer_id, actor, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        match = dialog.current()
        return match.client_id if match is not None else None
