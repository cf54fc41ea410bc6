"""Abgleich: ranked offers for one client with reasons, near misses, filters, actions and the sheet."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from srek_desk.db.codes import MOBILITY_MODES, OFFER_TYPES, PROPOSAL_STATUSES
from srek_desk.errors import UserError
from srek_desk.matching.engine import Match, MatchResult, OfferFilter
from srek_desk.reference.gazetteer import STATE_NAMES
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.core.access import Actor
from srek_desk.services.matching.service import MatchService
from srek_desk.services.sheets.service import SheetService
from srek_desk.ui.i18n import ui_language
from srek_desk.ui.models.match_columns import MatchRowsModel, near_miss_columns, offer_columns
from srek_desk.ui.pages.matching_sheet import SheetPanel
from srek_desk.ui.sheet_output import PREVIEW, PRINT, SAVE, SheetOutput
from srek_desk.ui.tasks import TaskRunner
from srek_desk.ui.widgets.connection_view import connection_html
from srek_desk.ui.widgets.filter_combo import REGION_STATES, filter_combo
from srek_desk.ui.widgets.tables import RowsTable, ScoreBarDelegate

STATUS_COLUMN = 4  # see match_columns.offer_columns
OUTCOMES = ("beworben", "vorstellungsgespraech", "zusage", "absage")


class MatchingPage(QWidget):
    """`show_client(id)` ranks offers; the picked offers make the sheet."""

    client_changed = Signal()  # proposals, outcomes or sheets changed for the client in view

    def __init__(
        self,
        runner: TaskRunner,
        proposals: ProposalService,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.proposals = proposals
        self.actor = actor  # the services check what this person may see
        self.matching: MatchService | None = None
        self.sheets: SheetService | None = None
        self.client_id: int | None = None
        self.client_ref: int | str = ""
        self.result = MatchResult()
        self.open: dict[int, tuple[int, str]] = {}

        self.title = QLabel("<h2>" + self.tr("Matching") + "</h2>")
        self.hint = QLabel(self.tr("Choose a client on the Clients page and press “Find offers”."))
        self.hint.setWordWrap(True)

        self.offer_type = filter_combo(
            self, self.tr("All types"), OFFER_TYPES, self.tr("Filter by offer type")
        )
        self.state = filter_combo(
            self,
            self.tr("All states"),
            {code: STATE_NAMES[code] for code in REGION_STATES},
            self.tr("Filter by state"),
        )
        self.mode = filter_combo(
            self, self.tr("Client's modes"), MOBILITY_MODES, self.tr("Filter by mode of transport")
        )
        self.max_minutes = QSpinBox()
        self.max_minutes.setRange(0, 240)
        self.max_minutes.setSingleStep(5)
        self.max_minutes.setSpecialValueText(self.tr("client's limit"))
        self.max_minutes.setSuffix(" min")
        self.max_minutes.setAccessibleName(self.tr("Maximum commute in minutes"))
        self.include_stale = QCheckBox(self.tr("Include s&tale offers"))
        self.include_stale.setToolTip(
            self.tr(
                "Stale offers (deadline or fixed start passed, or not confirmed for a while) are "
                "left out; tick to see them too, greyed out. They are never printed on a sheet."
            )
        )
        self.include_stale.toggled.connect(self.rank)
        filters = QHBoxLayout()
        for label, widget in (
            (self.tr("T&ype:"), self.offer_type),
            (self.tr("&State:"), self.state),
            (self.tr("&Mode:"), self.mode),
            (self.tr("Ma&x. minutes:"), self.max_minutes),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addStretch(1)
        for combo in (self.offer_type, self.state, self.mode):
            combo.currentIndexChanged.connect(self.rank)
        self.max_minutes.valueChanged.connect(self.rank)

        self.matches_model = MatchRowsModel(offer_columns(self._status_of, self._is_picked), self)
        self.matches = RowsTable(self.matches_model, self.tr("Matching offers"))
        self.matches.setItemDelegateForColumn(0, ScoreBarDelegate(self.matches))
        self.matches.selectionModel().selectionChanged.connect(self._selection_changed)
        self.matches.doubleClicked.connect(lambda _index: self.add_to_sheet())
        self.reasons = QTextBrowser()
        self.reasons.setAccessibleName(self.tr("Why the offer fits"))
        self.reasons.setMaximumHeight(self.fontMetrics().height() * 8)
        self.near_model = MatchRowsModel(near_miss_columns(), self)
        self.near = RowsTable(self.near_model, self.tr("Near misses"))

        self.add_button = QPushButton(self.tr("&Add to sheet"))
        self.add_button.clicked.connect(self.add_to_sheet)
        self.propose_button = QPushButton(self.tr("&Propose"))
        self.propose_button.clicked.connect(self.propose)
        self.outcome = QComboBox()
        for code in OUTCOMES:
            self.outcome.addItem(PROPOSAL_STATUSES[code], code)
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.outcome_button = QPushButton(self.tr("Record o&utcome"))
        self.outcome_button.clicked.connect(self.record_outcome)
        self.hide_button = QPushButton(self.tr("H&ide"))
        self.hide_button.setToolTip(self.tr("Do not show this offer to this client again"))
        self.hide_button.clicked.connect(self.hide_offer)
        actions = QHBoxLayout()
        for widget in (
            self.add_button,
            self.propose_button,
            self.outcome,
            self.outcome_button,
            self.hide_button,
        ):
            actions.addWidget(widget)
        actions.addStretch(1)
        # here rather than among the filters above, so the page fits a 1280-pixel screen
        actions.addWidget(self.include_stale)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.matches, 3)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.reasons)
        near_label = QLabel("<b>" + self.tr("Near misses") + "</b>")
        left_layout.addWidget(near_label)
        left_layout.addWidget(self.near, 1)

        self.sheet = SheetPanel(self.runner)
        self.sheet.remove_button.clicked.connect(self.remove_from_sheet)
        self.sheet.preview_button.clicked.connect(lambda: self.produce(PREVIEW))
        self.sheet.print_button.clicked.connect(lambda: self.produce(PRINT))
        self.sheet.save_button.clicked.connect(lambda: self.produce(SAVE))
        self.sheet.recorded.connect(self._sheet_recorded)
        # the sheet's parts, as the window (Ctrl+P) and tests reach them
        self.sheet_model = self.sheet.sheet_model
        self.sheet_note = self.sheet.sheet_note
        self.language = self.sheet.language
        self.pseudonymous = self.sheet.pseudonymous
        self.preview_button = self.sheet.preview_button
        self.print_button = self.sheet.print_button
        self.save_button = self.sheet.save_button

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.sheet)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.body = splitter
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        self._update_actions()

    # -- wiring -----------------------------------------------------------------------------
    def set_services(self, matching: MatchService, sheets: SheetService) -> None:
        self.matching = matching
        self.sheets = sheets
        self.sheet.set_sheets(sheets)
        self._update_actions()
        if self.client_id is not None:
            self.rank()

    def refresh(self) -> None:
        if self.matching is not None:
            self.matching.refresh()
        if self.client_id is not None:
            self.rank()

    # -- behaviour --------------------------------------------------------------------------
    def show_client(self, client_id: int, client_ref: int | str, name: str) -> None:
        if client_id != self.client_id:
            self.sheet.clear()
        self.client_id = client_id
        self.client_ref = client_ref
        self.title.setText(
            "<h2>" + escape(self.tr("Matching for %1").replace("%1", name)) + "</h2>"
        )
        self.hint.hide()
        if self.matching is not None:
            self.matching.refresh()
        self.rank()

    def current_filter(self) -> OfferFilter:
        return OfferFilter(
            offer_types=(self.offer_type.currentData(),) if self.offer_type.currentData() else (),
            states=(self.state.currentData(),) if self.state.currentData() else (),
            max_minutes=float(self.max_minutes.value()) or None,
            modes=(self.mode.currentData(),) if self.mode.currentData() else (),
            include_stale=self.include_stale.isChecked(),
        )

    def rank(self) -> None:
        if self.matching is None or self.client_id is None:
            return
        try:
            _profile, result = self.matching.rank_offers(
                self.client_ref,
                self.actor,
                top=50,
                near_misses=20,
                where=self.current_filter(),
            )
        except UserError as error:
            QMessageBox.warning(self, self.tr("Matching"), error.message)
            return
        hidden = self.proposals.hidden_offers(self.client_id, self.actor)
        result.matches = [m for m in result.matches if m.offer_id not in hidden]
        result.near_misses = [m for m in result.near_misses if m.offer_id not in hidden]
        self.result = result
        self.open = self.proposals.open_proposals(self.client_id, self.actor)
        self.matches_model.set_rows(result.matches)
        self.near_model.set_rows(result.near_misses)
        self.matches.fit_columns()
        self.matches.resizeColumnToContents(STATUS_COLUMN)
        self.near.fit_columns()
        self.matches.select_first()
        self._selection_changed()

    def current_match(self) -> Match | None:
        return self.matches.current_row()  # type: ignore[no-any-return]

    def _status_of(self, offer_id: int) -> str:
        return self.open.get(offer_id, (0, ""))[1]

    @property
    def picked(self) -> list[Match]:
        """The offers on the sheet, in the order they were added."""
        return self.sheet.picked

    @property
    def output(self) -> SheetOutput | None:
        return self.sheet.output

    def _is_picked(self, offer_id: int) -> bool:
        return self.sheet.is_picked(offer_id)

    def _selection_changed(self, *_args: Any) -> None:
        match = self.current_match()
        if match is None:
            self.reasons.clear()
        else:
            items = "".join(
                "<li>" + escape(reason) + "</li>" for reason in match.reasons_in(ui_language())
            )
            # by bus and train from the timetable: when to leave, the lines, the changes
            connection = connection_html(match.connection)
            self.reasons.setHtml(
                "<b>" + escape(match.title) + "</b><ul>" + items + "</ul>" + connection
            )
        # room for the connection's lines too, so it shows without scrolling
        line = self.fontMetrics().height()
        connected = match is not None and match.connection is not None
        self.reasons.setMinimumHeight(line * 17 if connected else 0)
        self.reasons.setMaximumHeight(line * (17 if connected else 8))
        self._update_actions()

    def _update_actions(self) -> None:
        match = self.current_match()
        ready = self.matching is not None and self.client_id is not None
        self.body.setEnabled(ready)
        for widget in (
            self.offer_type,
            self.state,
            self.mode,
            self.max_minutes,
            self.include_stale,
        ):
            widget.setEnabled(ready)
        has_match = ready and match is not None
        printable = has_match and not match.stale  # type: ignore[union-attr]
        self.add_button.setEnabled(printable and not self._is_picked(match.offer_id))  # type: ignore[union-attr]
        self.hide_button.setEnabled(has_match)
        proposed = has_match and match.offer_id in self.open  # type: ignore[union-attr]
        self.propose_button.setEnabled(has_match and not proposed)
        self.outcome_button.setEnabled(proposed)
        self.outcome.setEnabled(proposed)
        self.sheet.set_ready(ready)

    def _redraw(self) -> None:
        self.matches_model.dataChanged.emit(
            self.matches_model.index(0, 0),
            self.matches_model.index(
                max(self.matches_model.rowCount() - 1, 0), self.matches_model.columnCount() - 1
            ),
        )
        self.matches.resizeColumnToContents(STATUS_COLUMN)
        self._update_actions()

    def add_to_sheet(self) -> None:
        match = self.current_match()
        if match is None or match.stale or self._is_picked(match.offer_id):
            return  # stale offers are never printed on a sheet
        self.sheet.add(match)
        self._redraw()

    def remove_from_sheet(self) -> None:
        if self.sheet.remove_current():
            self._redraw()

    def propose(self) -> None:
        match = self.current_match()
        if match is None or self.client_id is None:
            return
        try:
            self.proposals.propose(self.client_id, match.offer_id, self.actor)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Propose"), error.message)
            return
        self._proposals_changed()

    def record_outcome(self) -> None:
        match = self.current_match()
        if match is None or match.offer_id not in self.open:
            return
        proposal_id = self.open[match.offer_id][0]
        try:
            self.proposals.record_outcome(proposal_id, self.outcome.currentData(), self.actor)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Record outcome"), error.message)
            return
        self._proposals_changed()

    def hide_offer(self) -> None:
        match = self.current_match()
        if match is None or self.client_id is None:
            return
        self.proposals.hide_offer(self.client_id, match.offer_id, self.actor)
        self.sheet.drop(match.offer_id)
        self.rank()
        self.client_changed.emit()

    def _proposals_changed(self) -> None:
        assert self.client_id is not None
        self.open = self.proposals.open_proposals(self.client_id, self.actor)
        self._redraw()
        self.client_changed.emit()

    def produce(self, action: str) -> None:
        self.sheet.produce(action, self.client_ref)

    def _sheet_recorded(self, client_id: int) -> None:
        if client_id == self.client_id:
            self._proposals_changed()
