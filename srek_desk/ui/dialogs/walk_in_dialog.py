"""Neue Beratung: a walk-in in two steps — a short form, then the matches, pick and print."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from srek_desk.db.codes import MOBILITY_MODES
from srek_desk.errors import UserError
from srek_desk.matching.engine import Match
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.qualifications import SCHOOL_LEVELS
from srek_desk.services.clients.service import ClientService
from srek_desk.services.clients.values import ClientInput
from srek_desk.services.core.validation import ValidationError
from srek_desk.services.matching.service import MatchService
from srek_desk.services.sheets.service import SheetService
from srek_desk.ui.models.match_columns import offer_columns
from srek_desk.ui.models.rows_model import ROW_ROLE, RowsModel
from srek_desk.ui.pages.matching_page import STATUS_COLUMN
from srek_desk.ui.sheet_output import (
    PREVIEW,
    PRINT,
    SAVE,
    SheetOutput,
    language_choice,
    pseudonymous_choice,
)
from srek_desk.ui.tasks import TaskRunner
from srek_desk.ui.widgets.pickers import OccupationPicker, PostcodeEdit
from srek_desk.ui.widgets.tables import RowsTable, ScoreBarDelegate


class WalkInDialog(QDialog):
    def __init__(
        self,
        clients: ClientService,
        reference: ReferenceData,
        matching: MatchService,
        sheets: SheetService,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.clients = clients
        self.reference = reference
        self.matching = matching
        self.client_id: int | None = None
        self.printed = False
        self.setWindowTitle(self.tr("New counselling"))
        self.resize(860, 640)
        self.steps = QStackedWidget()
        self.steps.addWidget(self._form_step())
        self.steps.addWidget(self._matches_step())
        self.output = SheetOutput(sheets, runner, self)
        self.preselected = int(sheets.config["sheet.default_offers"])
        language = self.language.findData(sheets.config["sheet.default_language"])
        if language >= 0:
            self.language.setCurrentIndex(language)
        self.output.recorded.connect(self._recorded)
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps)
        self.first_name.setFocus()

    # -- step 1 -----------------------------------------------------------------------------
    def _form_step(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            "<h3>"
            + self.tr("New counselling")
            + "</h3>"
            + escape(
                self.tr(
                    "A few details are enough to find offers. Only the postcode and "
                    "at least one interest are needed."
                )
            )
        )
        intro.setWordWrap(True)
        self.first_name = QLineEdit()
        self.first_name.setAccessibleName(self.tr("First name (optional)"))
        self.postcode = PostcodeEdit(self.reference)
        self.interests = OccupationPicker(self.reference, max_chosen=3)
        self.school = QComboBox()
        self.school.setAccessibleName(self.tr("School qualification"))
        self.school.addItem(self.tr("(not stated)"), "")
        for level in SCHOOL_LEVELS:
            self.school.addItem(level.name, level.code)
        self.modes: dict[str, QCheckBox] = {}
        modes_row = QHBoxLayout()
        labels = {
            "pt": self.tr("&Bus and train"),
            "bike": self.tr("Bi&ke"),
            "car": self.tr("Own c&ar"),
        }
        for code in MOBILITY_MODES:
            box = QCheckBox(labels.get(code, code))
            box.setAccessibleName(MOBILITY_MODES[code])
            box.setChecked(code == "pt")
            self.modes[code] = box
            modes_row.addWidget(box)
        self.max_minutes = QSpinBox()
        self.max_minutes.setRange(5, 240)
        self.max_minutes.setSingleStep(5)
        self.max_minutes.setValue(45)
        self.max_minutes.setSuffix(" min")
        self.max_minutes.setAccessibleName(self.tr("Maximum commute in minutes"))
        modes_row.addWidget(QLabel(self.tr("at most")))
        modes_row.addWidget(self.max_minutes)
        modes_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("First &name:"), self.first_name)
        form.addRow(self.tr("&Postcode:"), self.postcode)
        form.addRow(self.tr("&Interests:"), self.interests)
        form.addRow(self.tr("&School qualification:"), self.school)
        form.addRow(self.tr("Mobility:"), modes_row)
        self.form_error = QLabel()
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: #b00020;")
        self.find_button = QPushButton(self.tr("&Find offers"))
        self.find_button.setAutoDefault(False)
        self.find_button.clicked.connect(self.find_offers)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.find_button)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addStretch(1)
        layout.addLayout(buttons)
        return page

    def client_input(self) -> ClientInput:
        modes = tuple(code for code, box in self.modes.items() if box.isChecked())
        return ClientInput(
            first_name=self.first_name.text().strip(),
            home_postcode=self.postcode.text(),
            school_qualification=self.school.currentData(),
            has_car="car" in modes,
            driving_licences=("B",) if "car" in modes else (),
            mobility_modes=modes or ("pt",),
            max_commute_minutes=self.max_minutes.value(),
            wishes=tuple((code, number) for number, code in enumerate(self.interests.codes(), 1)),
        )

    def find_offers(self) -> None:
        problems = []
        if not self.postcode.is_valid():
            problems.append(self.tr("Please enter a valid postcode."))
        if not self.interests.codes():
            problems.append(self.tr("Please choose at least one interest."))
        if problems:
            self.form_error.setText(" ".join(problems))
            return
        data = self.client_input()
        try:
            if self.client_id is None:
                self.client_id = self.clients.create(data, self.reference)
            else:
                _old, version = self.clients.input_of(self.client_id)
                self.clients.update(self.client_id, data, version, self.reference)
        except ValidationError as error:
            self.form_error.setText(" ".join(e.message for e in error.errors))
            return
        except UserError as error:
            self.form_error.setText(error.message)
            return
        self.form_error.clear()
        self.matching.refresh()
        _profile, result = self.matching.rank_offers(
            self.client_id, self.clients.actor, top=30, near_misses=0
        )
        self.show_matches(result.matches)

    # -- step 2 -----------------------------------------------------------------------------
    def _matches_step(self) -> QWidget:
        page = QWidget()
        self.matches_title = QLabel()
        self.matches_title.setWordWrap(True)
        self.model = RowsModel(offer_columns(lambda _id: "", lambda _id: False), self)
        self.table = RowsTable(self.model, self.tr("Matching offers"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.table.setItemDelegateForColumn(0, ScoreBarDelegate(self.table))
        self.table.setColumnHidden(STATUS_COLUMN, True)  # a new client has no proposals yet
        self.table.selectionModel().selectionChanged.connect(self._picked_changed)
        self.picked_label = QLabel()
        self.language = language_choice(self)
        self.pseudonymous = pseudonymous_choice(self)
        back = QPushButton(self.tr("&Back"))
        back.setAutoDefault(False)
        back.clicked.connect(lambda: self.steps.setCurrentIndex(0))
        self.preview_button = QPushButton(self.tr("Pre&view…"))
        self.print_button = QPushButton(self.tr("&Print…"))
        self.save_button = QPushButton(self.tr("Save as P&DF…"))
        for button, action in (
            (self.preview_button, PREVIEW),
            (self.print_button, PRINT),
            (self.save_button, SAVE),
        ):
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, a=action: self.produce(a))
        self.done_button = QPushButton(self.tr("Fi&nish"))
        self.done_button.setAutoDefault(False)
        self.done_button.clicked.connect(self.accept)
        self.status = QLabel()
        self.status.setWordWrap(True)
        options = QHBoxLayout()
        language_label = QLabel(self.tr("&Language:"))
        language_label.setBuddy(self.language)
        options.addWidget(language_label)
        options.addWidget(self.language)
        options.addWidget(self.pseudonymous)
        options.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addStretch(1)
        for button in (self.preview_button, self.save_button, self.print_button, self.done_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.matches_title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.picked_label)
        layout.addLayout(options)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        return page

    def show_matches(self, matches: list[Match]) -> None:
        self.model.set_rows(matches)
        self.table.fit_columns()
        name = self.first_name.text().strip()
        title = self.tr("Offers for %1").replace("%1", name) if name else self.tr("Offers found")
        hint = self.tr("The best ones are picked; click a row to add or remove it.")
        if not matches:
            hint = self.tr("Nothing fits yet. Go back and widen the interests or the commute.")
        self.matches_title.setText("<h3>" + escape(title) + "</h3>" + escape(hint))
        self.steps.setCurrentIndex(1)
        self.table.clearSelection()
        for row in range(min(self.preselected, len(matches))):
            self.table.selectRow(row)
        self.table.setFocus()
        self._picked_changed()

    def picked(self) -> list[Match]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.table.proxy.index(row, 0).data(ROW_ROLE) for row in rows]

    def _picked_changed(self, *_args: object) -> None:
        count = len(self.picked())
        self.picked_label.setText(self.tr("%n offer(s) picked for the sheet", "", count))
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(count > 0)

    def produce(self, action: str) -> None:
        picked = self.picked()
        if self.client_id is None or not picked:
            return
        self.output.produce(
            action,
            self.client_id,
            [m.offer_id for m in picked],  # ids: references repeat across sources
            language=self.language.currentData(),
            pseudonymous=self.pseudonymous.isChecked(),
        )

    def _recorded(self, _client_id: int) -> None:
        self.printed = True
        self.status.setText(
            self.tr("The sheet is recorded and its offers are proposed. Press Done to finish.")
        )
        self.done_button.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        clients: ClientService,
        reference: ReferenceData,
        matching: MatchService,
        sheets: SheetService,
        runner: TaskRunner,
    ) -> int | None:
        """The id of the client created in the walk-in (also when cancelled after creating)."""
        dialog = cls(clients, reference, matching, sheets, runner, parent)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.exec()
        return dialog.client_id
