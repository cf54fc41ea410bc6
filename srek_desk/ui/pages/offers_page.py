"""Angebote: the offer table with filters (type, state, occupation, distance, active, current or
stale), the offer editor and "confirm as current"."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from srek_desk.db.codes import OFFER_TYPES
from srek_desk.errors import UserError
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.gazetteer import STATE_NAMES
from srek_desk.services.offers.service import OfferInput, OfferService
from srek_desk.services.offers.skills import SkillEntry, SkillService
from srek_desk.services.offers.table import CURRENT, DEFAULT_STALE_AFTER_DAYS, STALE
from srek_desk.ui.dialogs.offer_editor import editor_note, offer_specs
from srek_desk.ui.dialogs.record_editor import RecordEditor
from srek_desk.ui.models.listing_model import ListingModel
from srek_desk.ui.models.offer_listing import OfferListingModel
from srek_desk.ui.pages.table_page import TablePage
from srek_desk.ui.widgets.filter_combo import REGION_STATES, filter_combo
from srek_desk.ui.widgets.pickers import PostcodeEdit

translate = QCoreApplication.translate


class OffersPage(QWidget):
    match_offer = Signal(int)

    def __init__(
        self,
        model: ListingModel,
        offers: OfferService,
        reference: ReferenceData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.offers = offers
        self.reference = reference
        self.stale_after_days = getattr(model, "stale_after_days", DEFAULT_STALE_AFTER_DAYS)
        self.table_page = TablePage(model, self.tr("Offers"))
        self.model = model
        self.search = self.table_page.search
        self.table = self.table_page.table
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.offer_type = filter_combo(
            self, self.tr("All types"), OFFER_TYPES, self.tr("Filter by offer type")
        )
        self.state = filter_combo(
            self,
            self.tr("All states"),
            {c: STATE_NAMES[c] for c in REGION_STATES},
            self.tr("Filter by state"),
        )
        self.occupation = QLineEdit()
        self.occupation.setPlaceholderText(self.tr("Occupation or KldB code"))
        self.occupation.setAccessibleName(self.tr("Filter by occupation"))
        self.occupation.setClearButtonEnabled(True)
        self.occupation_hint = QLabel()
        self.near = PostcodeEdit(reference)
        self.near.edit.setAccessibleName(self.tr("Distance from postcode"))
        self.km = QSpinBox()
        self.km.setRange(0, 300)
        self.km.setSingleStep(5)
        self.km.setSpecialValueText(self.tr("any distance"))
        self.km.setSuffix(" km")
        self.km.setAccessibleName(self.tr("Maximum distance in km"))
        self.active = QComboBox()
        self.active.setAccessibleName(self.tr("Filter by active"))
        self.active.addItem(self.tr("active"), True)
        self.active.addItem(self.tr("inactive"), False)
        self.active.addItem(self.tr("active and inactive"), None)
        self.freshness = QComboBox()
        self.freshness.setAccessibleName(self.tr("Filter by current or stale"))
        self.freshness.addItem(self.tr("current and stale"), None)
        self.freshness.addItem(self.tr("current only"), CURRENT)
        self.freshness.addItem(self.tr("stale only"), STALE)
        self.freshness.setToolTip(
            self.tr(
                "Stale: the application deadline or the fixed start has passed, or nobody "
                "confirmed the offer for a while (setting under Matching weights). Matching "
                "leaves stale offers out."
            )
        )
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        first_row, second_row = QHBoxLayout(), QHBoxLayout()
        for row, label, widget in (
            (first_row, self.tr("T&ype:"), self.offer_type),
            (first_row, self.tr("&State:"), self.state),
            (first_row, self.tr("Acti&ve:"), self.active),
            (first_row, self.tr("Fres&hness:"), self.freshness),
            (second_row, self.tr("Occ&upation:"), self.occupation),
            (second_row, self.tr("&Within"), self.km),
            (second_row, self.tr("&of"), self.near),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
        self.occupation.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("Beruf oder KldB-Kennziffer") + 40
        )
        second_row.insertWidget(2, self.occupation_hint)
        first_row.addStretch(1)
        second_row.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.apply_filters)
        for combo in (self.offer_type, self.state, self.active, self.freshness):
            combo.currentIndexChanged.connect(self._timer.start)
        self.occupation.textChanged.connect(self._timer.start)
        self.near.changed.connect(self._timer.start)
        self.km.valueChanged.connect(self._timer.start)

        self.match_button = QPushButton(self.tr("Matching &clients…"))
        self.match_button.clicked.connect(self._match)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.clicked.connect(self.edit_current)
        self.new_button = QPushButton(self.tr("&New offer…"))
        self.new_button.clicked.connect(self.new_offer)
        self.confirm_button = QPushButton(self.tr("Con&firm as current"))
        self.confirm_button.setToolTip(
            self.tr("The selected offers are still open: set their “Stand” to today.")
        )
        self.confirm_button.clicked.connect(self.confirm_selected)
        buttons = (self.new_button, self.edit_button, self.confirm_button, self.match_button)
        for button in buttons:
            self.table_page.add_action_button(button)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        filters = QVBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addLayout(first_row)
        filters.addLayout(second_row)
        filters.addWidget(self.error)
        filters.addWidget(self.notice)
        # below the title and the search box, above the table
        self.table_page.layout().insertLayout(2, filters)  # type: ignore[union-attr]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table_page, 1)
        self.apply_filters(reload=False)

    def current_filters(self) -> dict[str, Any]:
        filters: dict[str, Any] = {"active": self.active.currentData()}
        if self.offer_type.currentData():
            filters["offer_type"] = self.offer_type.currentData()
        if self.state.currentData():
            filters["state"] = self.state.currentData()
        text = self.occupation.text().strip()
        self.occupation_hint.clear()
        if text.isdigit():
            filters["kldb_prefix"] = text
        elif len(text) >= 3:
            hits = self.reference.occupations.search(text, limit=1)
            if hits:
                found = hits[0].occupation
                filters["kldb_prefix"] = found.code
                self.occupation_hint.setText("→ " + found.name + " (" + found.code + ")")
        if self.km.value() and self.near.is_valid():
            filters["near_postcode"] = self.near.text()
            filters["max_km"] = float(self.km.value())
        if self.freshness.currentData():
            filters["freshness"] = self.freshness.currentData()
            filters["stale_after_days"] = self.stale_after_days
        return filters

    def set_stale_after_days(self, days: int) -> None:
        """The setting matching.stale_after_days: offers unconfirmed this long are stale."""
        self.stale_after_days = days
        if isinstance(self.model, OfferListingModel):
            self.model.set_stale_after_days(days)
        if self.freshness.currentData():
            self.apply_filters()

    def apply_filters(self, reload: bool = True) -> None:
        self._timer.stop()
        try:
            filters = self.current_filters()
        except UserError as error:
            self.error.setText(error.message)
            return
        self.error.clear()
        if reload:
            self.model.set_filters(filters)
        else:
            self.model.preset_filters(filters)  # the first load happens when the page is shown

    def refresh(self) -> None:
        self.table_page.refresh()

    def current_id(self) -> int | None:
        return self.table_page.current_id()

    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows()
        return [i for i in (self.model.row_id(r.row()) for r in rows) if i is not None]

    def confirm_selected(self) -> None:
        """ "Confirm as current": the selected offers get today as their "Stand"."""
        self.notice.hide()
        self.error.clear()
        try:
            count = self.offers.confirm(self.selected_ids())
        except UserError as error:
            self.error.setText(error.message)
            return
        self.refresh()
        self.notice.setText(
            self.tr("%n offer(s) confirmed as current (Stand: %1).", "", count).replace(
                "%1", date.today().strftime("%d.%m.%Y")
            )
        )
        self.notice.show()

    def _vocabulary(self) -> list[SkillEntry]:
        return SkillService(self.offers.database).vocabulary(include_inactive=True)

    def _match(self) -> None:
        offer_id = self.current_id()
        if offer_id is not None:
            self.match_offer.emit(offer_id)

    def edit_current(self) -> None:
        offer_id = self.current_id()
        if offer_id is None:
            return
        try:
            value = self.offers.get(offer_id)
            note = editor_note(value, self.offers.confirmed_at(offer_id), self.stale_after_days)
        except UserError as error:
            self.error.setText(error.message)
            return

        def save(data: OfferInput) -> bool:
            self.offers.update(offer_id, data, expected=value)
            return True

        if RecordEditor.ask(
            self,
            self.tr("Edit offer"),
            offer_specs(self._vocabulary()),
            value,
            save,
            self.reference,
            note=note,
        ):
            self.refresh()

    def new_offer(self) -> None:
        if RecordEditor.ask(
            self,
            self.tr("New offer"),
            offer_specs(self._vocabulary()),
            OfferInput(),
            self.offers.create_manual,
            self.reference,
        ):
            self.refresh()
