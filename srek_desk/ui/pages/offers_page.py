"""Angebote: the offer table with filters (type, state, occupation, distance, active) and the
offer editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from srek_desk.db.codes import OFFER_TYPES, WORKING_TIMES
from srek_desk.errors import UserError
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.gazetteer import STATE_NAMES
from srek_desk.reference.qualifications import CEFR_LEVELS, DRIVING_LICENCE_CLASSES, SCHOOL_LEVELS
from srek_desk.services.offers import OfferInput, OfferService
from srek_desk.ui.dialogs.record_editor import (
    CHECKS,
    CHOICE,
    DATE,
    FLAG,
    LONG_TEXT,
    NUMBER,
    POSTCODE,
    FieldSpec,
    RecordEditor,
)
from srek_desk.ui.models.listing_model import ListingModel
from srek_desk.ui.pages.matching_page import REGION_STATES, filter_combo
from srek_desk.ui.pages.table_page import TablePage
from srek_desk.ui.widgets.pickers import PostcodeEdit

translate = QCoreApplication.translate


def offer_specs() -> list[FieldSpec]:
    none = {"": translate("OfferEditor", "(none)")}
    return [
        FieldSpec("title", translate("OfferEditor", "&Title:"), translate("OfferEditor", "Title")),
        FieldSpec(
            "offer_type",
            translate("OfferEditor", "T&ype:"),
            translate("OfferEditor", "Type of offer"),
            CHOICE,
            OFFER_TYPES,
        ),
        FieldSpec(
            "kldb_code",
            translate("OfferEditor", "&KldB code:"),
            translate("OfferEditor", "KldB code"),
        ),
        FieldSpec(
            "occupation_name",
            translate("OfferEditor", "Occupation na&me:"),
            translate("OfferEditor", "Occupation name"),
        ),
        FieldSpec(
            "required_school",
            translate("OfferEditor", "Required sc&hool qualification:"),
            translate("OfferEditor", "Required school qualification"),
            CHOICE,
            none | {level.code: level.name for level in SCHOOL_LEVELS},
        ),
        FieldSpec(
            "employer_name",
            translate("OfferEditor", "&Employer:"),
            translate("OfferEditor", "Employer"),
        ),
        FieldSpec(
            "street", translate("OfferEditor", "St&reet:"), translate("OfferEditor", "Street")
        ),
        FieldSpec(
            "postcode",
            translate("OfferEditor", "&Postcode:"),
            translate("OfferEditor", "Postcode"),
            POSTCODE,
        ),
        FieldSpec(
            "working_time",
            translate("OfferEditor", "&Working time:"),
            translate("OfferEditor", "Working time"),
            CHECKS,
            WORKING_TIMES,
        ),
        FieldSpec(
            "fixed_term",
            translate("OfferEditor", "&Fixed term:"),
            translate("OfferEditor", "Fixed-term"),
            FLAG,
        ),
        FieldSpec(
            "start_date",
            translate("OfferEditor", "&Start:"),
            translate("OfferEditor", "Start date"),
            DATE,
        ),
        FieldSpec(
            "application_deadline",
            translate("OfferEditor", "Apply &by:"),
            translate("OfferEditor", "Application deadline"),
            DATE,
        ),
        FieldSpec(
            "positions",
            translate("OfferEditor", "P&ositions:"),
            translate("OfferEditor", "Number of positions"),
            NUMBER,
        ),
        FieldSpec(
            "driving_licence",
            translate("OfferEditor", "Dri&ving licence:"),
            translate("OfferEditor", "Driving licence required"),
            CHOICE,
            none | {code: code for code in DRIVING_LICENCE_CLASSES},
        ),
        FieldSpec(
            "german_level",
            translate("OfferEditor", "&German level:"),
            translate("OfferEditor", "German level required"),
            CHOICE,
            none | {level.code: level.code for level in CEFR_LEVELS},
        ),
        FieldSpec(
            "contact_name",
            translate("OfferEditor", "&Contact:"),
            translate("OfferEditor", "Contact person"),
        ),
        FieldSpec(
            "contact_phone",
            translate("OfferEditor", "Contact p&hone:"),
            translate("OfferEditor", "Contact phone"),
        ),
        FieldSpec(
            "contact_email",
            translate("OfferEditor", "Contact e-m&ail:"),
            translate("OfferEditor", "Contact e-mail"),
        ),
        FieldSpec(
            "url", translate("OfferEditor", "&Link:"), translate("OfferEditor", "Link to the offer")
        ),
        FieldSpec(
            "salary_text", translate("OfferEditor", "Pa&y:"), translate("OfferEditor", "Pay")
        ),
        FieldSpec(
            "description",
            translate("OfferEditor", "&Description:"),
            translate("OfferEditor", "Description"),
            LONG_TEXT,
        ),
        FieldSpec(
            "active", translate("OfferEditor", "Ac&tive:"), translate("OfferEditor", "Active"), FLAG
        ),
    ]


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
        self.table_page = TablePage(model, self.tr("Offers"))
        self.model = model
        self.search = self.table_page.search
        self.table = self.table_page.table
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
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        first_row, second_row = QHBoxLayout(), QHBoxLayout()
        for row, label, widget in (
            (first_row, self.tr("T&ype:"), self.offer_type),
            (first_row, self.tr("&State:"), self.state),
            (first_row, self.tr("Acti&ve:"), self.active),
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
        for combo in (self.offer_type, self.state, self.active):
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
        for button in (self.new_button, self.edit_button, self.match_button):
            self.table_page.add_action_button(button)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        filters = QVBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addLayout(first_row)
        filters.addLayout(second_row)
        filters.addWidget(self.error)
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
        return filters

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
        except UserError as error:
            self.error.setText(error.message)
            return

        def save(data: OfferInput) -> bool:
            self.offers.update(offer_id, data, expected=value)
            return True

        if RecordEditor.ask(
            self, self.tr("Edit offer"), offer_specs(), value, save, self.reference
        ):
            self.refresh()

    def new_offer(self) -> None:
        if RecordEditor.ask(
            self,
            self.tr("New offer"),
            offer_specs(),
            OfferInput(),
            self.offers.create_manual,
            self.reference,
        ):
            self.refresh()
