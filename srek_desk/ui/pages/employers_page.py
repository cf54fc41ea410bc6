"""Arbeitgeber: the employer table, the offers of the selected employer, the employer editor."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from srek_desk.db.codes import OFFER_TYPES
from srek_desk.errors import UserError
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.offers.employers import EmployerInput, EmployerService
from srek_desk.services.offers.service import OfferService
from srek_desk.ui.dialogs.record_editor import LONG_TEXT, POSTCODE, FieldSpec, RecordEditor
from srek_desk.ui.models.listing_model import ListingModel
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.pages.table_page import TablePage
from srek_desk.ui.widgets.tables import RowsTable

translate = QCoreApplication.translate


def employer_specs() -> list[FieldSpec]:
    return [
        FieldSpec(
            "name", translate("EmployerEditor", "&Name:"), translate("EmployerEditor", "Name")
        ),
        FieldSpec(
            "street", translate("EmployerEditor", "St&reet:"), translate("EmployerEditor", "Street")
        ),
        FieldSpec(
            "postcode",
            translate("EmployerEditor", "&Postcode:"),
            translate("EmployerEditor", "Postcode"),
            POSTCODE,
        ),
        FieldSpec(
            "contact_name",
            translate("EmployerEditor", "&Contact:"),
            translate("EmployerEditor", "Contact person"),
        ),
        FieldSpec(
            "phone", translate("EmployerEditor", "P&hone:"), translate("EmployerEditor", "Phone")
        ),
        FieldSpec(
            "email", translate("EmployerEditor", "E-m&ail:"), translate("EmployerEditor", "E-mail")
        ),
        FieldSpec(
            "website",
            translate("EmployerEditor", "&Website:"),
            translate("EmployerEditor", "Website"),
        ),
        FieldSpec(
            "notes",
            translate("EmployerEditor", "N&otes:"),
            translate("EmployerEditor", "Notes"),
            LONG_TEXT,
        ),
    ]


def _day(value: object) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else ""  # type: ignore[union-attr]


class EmployersPage(QWidget):
    match_offer = Signal(int)

    def __init__(
        self,
        model: ListingModel,
        employers: EmployerService,
        offers: OfferService,
        reference: ReferenceData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.employers = employers
        self.offers = offers
        self.reference = reference
        self.table_page = TablePage(model, self.tr("Employers"))
        self.model = model
        self.search = self.table_page.search
        self.table = self.table_page.table
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.clicked.connect(self.edit_current)
        self.new_button = QPushButton(self.tr("&New employer…"))
        self.new_button.clicked.connect(self.new_employer)
        for button in (self.new_button, self.edit_button):
            self.table_page.add_action_button(button)
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        self.offers_title = QLabel()
        self.offers_model = RowsModel(
            [
                Column(self.tr("Offer"), lambda o: o.title),
                Column(self.tr("Type"), lambda o: OFFER_TYPES.get(o.offer_type, o.offer_type)),
                Column(self.tr("Place"), lambda o: o.place),
                Column(
                    self.tr("Start"),
                    lambda o: _day(o.start_date),
                    sort=lambda o: o.start_date or "",
                ),
                Column(
                    self.tr("Apply by"),
                    lambda o: _day(o.application_deadline),
                    sort=lambda o: o.application_deadline or "",
                ),
                Column(self.tr("Active"), lambda o: "✓" if o.active else "–"),
            ],
            self,
        )
        self.offers_table = RowsTable(self.offers_model, self.tr("Offers of the employer"))
        self.offers_table.doubleClicked.connect(lambda _i: self._match())
        self.match_button = QPushButton(self.tr("Matching c&lients…"))
        self.match_button.clicked.connect(self._match)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.addWidget(self.offers_title)
        lower_layout.addWidget(self.offers_table, 1)
        lower_layout.addWidget(self.match_button, 0, Qt.AlignmentFlag.AlignRight)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table_page)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.table_page.current_id_changed.connect(self.show_employer)
        self.show_employer(None)

    def refresh(self) -> None:
        selected = self.table_page.current_id()
        self.table_page.refresh()
        if selected is None or not self.table_page.select_id(selected):
            self.show_employer(None)

    def current_id(self) -> int | None:
        return self.table_page.current_id()

    def show_employer(self, employer_id: int | None) -> None:
        self.edit_button.setEnabled(employer_id is not None)
        if employer_id is None:
            self.offers_model.set_rows([])
            self.offers_title.setText("<b>" + self.tr("Offers of the selected employer") + "</b>")
            self.match_button.setEnabled(False)
            return
        lines = self.offers.offers_of_employer(employer_id)
        self.offers_model.set_rows(lines)
        self.offers_table.fit_columns()
        self.offers_table.select_first()
        self.match_button.setEnabled(bool(lines))
        self.offers_title.setText(
            "<b>" + self.tr("%n offer(s) of this employer", "", len(lines)) + "</b>"
        )

    def _match(self) -> None:
        line = self.offers_table.current_row()
        if line is not None:
            self.match_offer.emit(line.id)

    def edit_current(self) -> None:
        employer_id = self.current_id()
        if employer_id is None:
            return
        try:
            value = self.employers.get(employer_id)
        except UserError:
            self.refresh()
            return

        def save(data: EmployerInput) -> bool:
            self.employers.update(employer_id, data, expected=value)
            return True

        if RecordEditor.ask(
            self, self.tr("Edit employer"), employer_specs(), value, save, self.reference
        ):
            self.refresh()

    def new_employer(self) -> None:
        if RecordEditor.ask(
            self,
            self.tr("New employer"),
            employer_specs(),
            EmployerInput(),
            self.employers.create,
            self.reference,
        ):
            self.refresh()
