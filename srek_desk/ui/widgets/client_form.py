"""The client editor's fields: ClientInput in, ClientInput out, field errors marked in place."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from srek_desk.db.codes import CLIENT_PREFERENCES, CLIENT_STATUSES, MOBILITY_MODES, WORKING_TIMES
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.qualifications import (
    DRIVING_LICENCE_CLASSES,
    SCHOOL_LEVELS,
    VOCATIONAL_LEVELS,
)
from srek_desk.services.clients.values import ClientInput
from srek_desk.services.core.validation import FieldError
from srek_desk.services.offers.skills import SkillEntry
from srek_desk.ui.widgets.arrive_by_edit import ArriveByEdit
from srek_desk.ui.widgets.pickers import LanguagesEdit, OccupationPicker, PostcodeEdit
from srek_desk.ui.widgets.skill_picker import SkillPicker

NO_DATE = QDate(1900, 1, 1)


def _date_edit(name: str) -> QDateEdit:
    """A date field that may stay empty (shown as its special text at the minimum date)."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setMinimumDate(NO_DATE)
    edit.setDate(NO_DATE)
    edit.setSpecialValueText("–")
    edit.setAccessibleName(name)
    edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("00.00.00000") + 60)
    return edit


def _get_date(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == NO_DATE else date(value.year(), value.month(), value.day())


def _set_date(edit: QDateEdit, value: date | None) -> None:
    edit.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)


class ClientForm(QTabWidget):
    """All fields of a client in three tabs; `changed` on every edit.

    `skills`: the skills vocabulary (SkillService.vocabulary(include_inactive=True)), so that
    deactivated skills a client has still show their label.
    """

    changed = Signal()

    def __init__(
        self,
        reference: ReferenceData,
        parent: QWidget | None = None,
        *,
        skills: Sequence[SkillEntry] = (),
    ) -> None:
        super().__init__(parent)
        self.reference = reference
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self._loading = False
        self._loaded_preferences: tuple[str, ...] = ()
        self._vocabulary = tuple(skills)
        self.addTab(self._person_tab(), self.tr("&Person"))
        self.addTab(self._wishes_tab(), self.tr("&Qualifications and wishes"))
        self.addTab(self._mobility_tab(), self.tr("&Mobility and availability"))

    # -- building ---------------------------------------------------------------------------
    def _line(self, key: str, name: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.textChanged.connect(self._edited)
        self.fields[key] = edit
        return edit

    def _row(self, form: QFormLayout, label: str, key: str, widget: QWidget) -> None:
        """A form row with an error line under the field (hidden while there is no error)."""
        error = QLabel()
        error.setStyleSheet("color: #b00020;")
        error.setWordWrap(True)
        error.hide()
        self.errors[key] = error
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        form.addRow(caption, box)

    def _person_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self._row(
            form,
            self.tr("C&ustomer number:"),
            "customer_number",
            self._line("customer_number", self.tr("Customer number")),
        )
        self._row(
            form,
            self.tr("&First name:"),
            "first_name",
            self._line("first_name", self.tr("First name")),
        )
        self._row(
            form, self.tr("&Last name:"), "last_name", self._line("last_name", self.tr("Last name"))
        )
        self.birth_date = _date_edit(self.tr("Date of birth"))
        self.birth_date.dateChanged.connect(self._edited)
        self._row(form, self.tr("&Born:"), "birth_date", self.birth_date)
        self._row(form, self.tr("&Street:"), "street", self._line("street", self.tr("Street")))
        self.postcode = PostcodeEdit(self.reference)
        self.postcode.changed.connect(self._edited)
        self._row(form, self.tr("P&ostcode:"), "home_postcode", self.postcode)
        self._row(form, self.tr("&Phone:"), "phone", self._line("phone", self.tr("Phone")))
        self._row(form, self.tr("E-&mail:"), "email", self._line("email", self.tr("E-mail")))
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Status"))
        for code, label in CLIENT_STATUSES.items():
            self.status.addItem(label, code)
        self.status.currentIndexChanged.connect(self._edited)
        self._row(form, self.tr("S&tatus:"), "status", self.status)
        consent_row = QHBoxLayout()
        consent_row.setContentsMargins(0, 0, 0, 0)
        self.consent = QCheckBox(self.tr("Consent to storing the data given on"))
        self.consent.setAccessibleName(self.tr("Consent given"))
        self.consent_date = _date_edit(self.tr("Date of consent"))
        self.consent.toggled.connect(self._consent_toggled)
        self.consent_date.dateChanged.connect(self._edited)
        consent_row.addWidget(self.consent)
        consent_row.addWidget(self.consent_date)
        consent_row.addStretch(1)
        consent = QWidget()
        consent.setLayout(consent_row)
        consent.setFocusProxy(self.consent)
        self._row(form, self.tr("&Consent:"), "consent_date", consent)
        return page

    def _wishes_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.school = QComboBox()
        self.school.setAccessibleName(self.tr("School qualification"))
        self.school.addItem(self.tr("(not stated)"), "")
        for level in SCHOOL_LEVELS:
            self.school.addItem(level.name, level.code)
        self.school.currentIndexChanged.connect(self._edited)
        self._row(form, self.tr("&School qualification:"), "school_qualification", self.school)
        self.vocational = QComboBox()
        self.vocational.setAccessibleName(self.tr("Vocational qualification"))
        self.vocational.addItem(self.tr("(not stated)"), "")
        for vocational in VOCATIONAL_LEVELS:
            self.vocational.addItem(vocational.name, vocational.code)
        self.vocational.currentIndexChanged.connect(self._edited)
        self._row(
            form, self.tr("&Vocational qualification:"), "vocational_qualification", self.vocational
        )
        self.wishes = OccupationPicker(self.reference)
        self.wishes.changed.connect(self._edited)
        self._row(form, self.tr("&Occupational wishes:"), "wishes", self.wishes)
        self.languages = LanguagesEdit()
        self.languages.changed.connect(self._edited)
        self._row(form, self.tr("&Languages:"), "languages", self.languages)
        self.skills = SkillPicker(self.tr("Skills and certificates"), self._vocabulary)
        self.skills.changed.connect(self._edited)
        self._row(form, self.tr("S&kills and certificates:"), "skills", self.skills)
        return page

    def set_skill_vocabulary(self, skills: Sequence[SkillEntry]) -> None:
        """The skills to choose from (all, deactivated ones included: see the class docstring)."""
        self._vocabulary = tuple(skills)
        self.skills.set_vocabulary(self._vocabulary)

    def _mobility_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        self.licences: dict[str, QCheckBox] = {}
        for number, (code, description) in enumerate(DRIVING_LICENCE_CLASSES.items()):
            box = QCheckBox(code)
            box.setToolTip(description)
            box.setAccessibleName(self.tr("Driving licence class %1").replace("%1", code))
            box.toggled.connect(self._edited)
            self.licences[code] = box
            grid.addWidget(box, number // 8, number % 8)
        licences = QWidget()
        licences.setLayout(grid)
        licences.setFocusProxy(self.licences["B"])
        self._row(form, self.tr("Driving &licences:"), "driving_licences", licences)
        self.has_car = QCheckBox(self.tr("Has a car"))
        self.has_car.toggled.connect(self._edited)
        self._row(form, self.tr("C&ar:"), "has_car", self.has_car)
        modes_row = QHBoxLayout()
        modes_row.setContentsMargins(0, 0, 0, 0)
        self.modes: dict[str, QCheckBox] = {}
        for code, label in MOBILITY_MODES.items():
            box = QCheckBox(label)
            box.toggled.connect(self._edited)
            self.modes[code] = box
            modes_row.addWidget(box)
        modes_row.addStretch(1)
        modes = QWidget()
        modes.setLayout(modes_row)
        modes.setFocusProxy(self.modes["pt"])
        self._row(form, self.tr("Mo&des of transport:"), "mobility_modes", modes)
        self.max_minutes = QSpinBox()
        self.max_minutes.setRange(5, 240)
        self.max_minutes.setSingleStep(5)
        self.max_minutes.setSuffix(" min")
        self.max_minutes.setAccessibleName(self.tr("Maximum commute in minutes"))
        self.max_minutes.valueChanged.connect(self._edited)
        self.max_minutes.setMaximumWidth(self.fontMetrics().horizontalAdvance("000 min") + 60)
        self._row(form, self.tr("Ma&x. commute one way:"), "max_commute_minutes", self.max_minutes)
        self.arrive_by = ArriveByEdit()
        self.arrive_by.changed.connect(self._edited)
        self._row(form, self.tr("Arri&ve by:"), "arrive_by", self.arrive_by)
        self.relocate = QCheckBox(self.tr("Willing to relocate"))
        self.relocate.toggled.connect(self._edited)
        self.fixed_term = QCheckBox(self.tr("Accepts fixed-term offers"))
        self.fixed_term.toggled.connect(self._edited)
        self._row(form, self.tr("&Relocation:"), "willing_to_relocate", self.relocate)
        self._row(form, self.tr("F&ixed term:"), "accepts_fixed_term", self.fixed_term)
        preferences = QGridLayout()
        preferences.setContentsMargins(0, 0, 0, 0)
        self.preferences: dict[str, QCheckBox] = {}
        for number, (code, label) in enumerate(CLIENT_PREFERENCES.items()):
            box = QCheckBox(label)
            box.toggled.connect(self._edited)
            self.preferences[code] = box
            preferences.addWidget(box, number // 2, number % 2)
        self.preferences["severely_disabled"].setToolTip(
            self.tr(
                "Health data: tick only when the client asks for offers reserved for severely "
                "disabled people."
            )
        )
        choices = QWidget()
        choices.setLayout(preferences)
        choices.setFocusProxy(next(iter(self.preferences.values())))
        self._row(form, self.tr("Offer p&references:"), "offer_preferences", choices)
        times_row = QHBoxLayout()
        times_row.setContentsMargins(0, 0, 0, 0)
        self.working_time: dict[str, QCheckBox] = {}
        for code, label in WORKING_TIMES.items():
            box = QCheckBox(label)
            box.toggled.connect(self._edited)
            self.working_time[code] = box
            times_row.addWidget(box)
        times_row.addStretch(1)
        times = QWidget()
        times.setLayout(times_row)
        times.setFocusProxy(self.working_time["vollzeit"])
        self._row(form, self.tr("&Working time:"), "working_time", times)
        self.earliest_start = _date_edit(self.tr("Earliest start"))
        self.earliest_start.dateChanged.connect(self._edited)
        self._row(form, self.tr("&Earliest start:"), "earliest_start", self.earliest_start)
        return page

    # -- values -----------------------------------------------------------------------------
    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.changed.emit()

    def _consent_toggled(self, checked: bool) -> None:
        if checked and self.consent_date.date() == NO_DATE:
            self.consent_date.setDate(QDate.currentDate())
        self._edited()

    def _text(self, key: str) -> str:
        widget = self.fields[key]
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def value(self) -> ClientInput:
        return ClientInput(
            customer_number=self._text("customer_number") or None,
            first_name=self._text("first_name"),
            last_name=self._text("last_name"),
            birth_date=_get_date(self.birth_date),
            email=self._text("email"),
            phone=self._text("phone"),
            street=self._text("street"),
            home_postcode=self.postcode.text(),
            school_qualification=self.school.currentData(),
            vocational_qualification=self.vocational.currentData(),
            driving_licences=tuple(c for c, box in self.licences.items() if box.isChecked()),
            has_car=self.has_car.isChecked(),
            mobility_modes=tuple(c for c, box in self.modes.items() if box.isChecked()),
            max_commute_minutes=self.max_minutes.value(),
            willing_to_relocate=self.relocate.isChecked(),
            accepts_fixed_term=self.fixed_term.isChecked(),
            working_time=tuple(c for c, box in self.working_time.items() if box.isChecked()),
            earliest_start=_get_date(self.earliest_start),
            consent_given=self.consent.isChecked(),
            consent_date=_get_date(self.consent_date) if self.consent.isChecked() else None,
            status=self.status.currentData(),
            wishes=tuple((code, n) for n, code in enumerate(self.wishes.codes(), 1)),
            languages=self.languages.values(),
            skills=self.skills.codes(),
            offer_preferences=self._preference_codes(),
            arrive_by=self.arrive_by.text(),
        )

    def _preference_codes(self) -> tuple[str, ...]:
        """Ticked preferences in the stored order, new ones after; unknown stored codes kept."""
        ticked = {code for code, box in self.preferences.items() if box.isChecked()}
        kept = [c for c in self._loaded_preferences if c in ticked or c not in self.preferences]
        return (*kept, *(c for c in self.preferences if c in ticked and c not in kept))

    def set_value(self, data: ClientInput) -> None:
        self._loading = True
        try:
            for key in ("customer_number", "first_name", "last_name", "email", "phone", "street"):
                widget = self.fields[key]
                assert isinstance(widget, QLineEdit)
                widget.setText(getattr(data, key) or "")
            _set_date(self.birth_date, data.birth_date)
            self.postcode.setText(data.home_postcode)
            self.school.setCurrentIndex(max(0, self.school.findData(data.school_qualification)))
            self.vocational.setCurrentIndex(
                max(0, self.vocational.findData(data.vocational_qualification))
            )
            for code, box in self.licences.items():
                box.setChecked(code in data.driving_licences)
            self.has_car.setChecked(data.has_car)
            for code, box in self.modes.items():
                box.setChecked(code in data.mobility_modes)
            self.max_minutes.setValue(data.max_commute_minutes)
            self.arrive_by.set_text(data.arrive_by)
            self.relocate.setChecked(data.willing_to_relocate)
            self.fixed_term.setChecked(data.accepts_fixed_term)
            for code, box in self.working_time.items():
                box.setChecked(code in data.working_time)
            _set_date(self.earliest_start, data.earliest_start)
            self.consent.setChecked(data.consent_given)
            _set_date(self.consent_date, data.consent_date)
            self.status.setCurrentIndex(max(0, self.status.findData(data.status)))
            self.wishes.set_codes([code for code, _ in sorted(data.wishes, key=lambda w: w[1])])
            self.languages.set_values(data.languages)
            self.skills.set_codes(data.skills)
            self._loaded_preferences = tuple(data.offer_preferences)
            for code, box in self.preferences.items():
                box.setChecked(code in data.offer_preferences)
        finally:
            self._loading = False

    def show_errors(self, errors: list[FieldError]) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        first_tab = None
        for error in errors:
            label = self.errors.get(error.field)
            if label is None:
                continue
            label.setText((label.text() + "\n" if label.text() else "") + error.message)
            label.show()
            if first_tab is None:
                first_tab = self._tab_of(label)
        if first_tab is not None:
            self.setCurrentIndex(first_tab)

    def _tab_of(self, widget: QWidget) -> int:
        for number in range(self.count()):
            if self.widget(number).isAncestorOf(widget):
                return number
        return 0
