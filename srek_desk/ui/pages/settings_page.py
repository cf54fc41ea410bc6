"""Einstellungen: office details and logo, commute factors and the timetable, matching weights,
sheet defaults, reminders, pathway templates, the related-occupation table and the skills
vocabulary."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from srek_desk.config import Config
from srek_desk.errors import UserError
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.access import SYSTEM, Actor
from srek_desk.services.core.database import Database
from srek_desk.services.core.validation import ValidationError
from srek_desk.services.offers import reference_tables
from srek_desk.services.offers.skills import SkillService
from srek_desk.services.settings.service import (
    effective_templates,
    reset_templates,
    save_settings,
    save_templates,
    settings_of,
    validate_templates,
)
from srek_desk.services.timetable import TimetableService
from srek_desk.ui.dialogs.timetable_dialog import TimetableBox
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.pages.settings_fields import read_value, setting_input, setting_labels, show_value
from srek_desk.ui.pages.settings_skills import SkillsTab
from srek_desk.ui.sheet_output import language_choice
from srek_desk.ui.tasks import InlineRunner, TaskRunner
from srek_desk.ui.widgets.tables import RowsTable


class SettingsPage(QWidget):
    """Saving writes the user configuration; `saved(config)` tells the window to apply it."""

    saved = Signal(object)
    timetable_changed = Signal()  # a timetable was loaded or removed
    GROUPS = ("office", "commute", "matching", "sheet", "ui", "reminders")

    def __init__(
        self,
        config: Config,
        database: Database,
        reference: ReferenceData,
        parent: QWidget | None = None,
        *,
        runner: TaskRunner | None = None,
        actor: Actor = SYSTEM,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.database = database
        self.reference = reference
        # the commute tab shows the timetable and loads a new one (off the GUI thread)
        self.timetable = TimetableBox(
            runner or InlineRunner(),
            lambda: TimetableService(
                database, self.config, gazetteer=reference.gazetteer, actor=actor
            ),
        )
        self.timetable.changed.connect(self.timetable_changed)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.tabs = QTabWidget()
        titles = {
            "office": self.tr("O&ffice"),
            "commute": self.tr("Commute &times"),
            "matching": self.tr("Matching &weights"),
            "sheet": self.tr("S&heet"),
            "ui": self.tr("Pro&gram"),
            "reminders": self.tr("Re&minders"),
        }
        for group in self.GROUPS:
            self.tabs.addTab(self._group_tab(group), titles[group])
        self.tabs.addTab(self._templates_tab(), self.tr("&Pathway texts"))
        self.tabs.addTab(self._related_tab(), self.tr("&Related occupations"))
        self.skills_tab = SkillsTab(SkillService(database))
        self.tabs.addTab(self.skills_tab, self.tr("S&kills"))
        self.save_button = QPushButton(self.tr("&Save settings"))
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + self.tr("Settings") + "</h2>"))
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.tabs.currentChanged.connect(self._tab_changed)

    # -- settings groups --------------------------------------------------------------------
    def _group_tab(self, group: str) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        labels = setting_labels()
        for value in settings_of(self.config, group):
            widget = self._field(value.key, value.type)
            widget.setToolTip(value.description)
            error = QLabel()
            error.setStyleSheet("color: #b00020;")
            error.hide()
            self.errors[value.key] = error
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(widget)
            box_layout.addWidget(error)
            caption = QLabel(labels.get(value.key, value.key))
            caption.setBuddy(self.fields[value.key])
            form.addRow(caption, box)
        if group == "commute":
            form.insertRow(0, self.timetable)
        return page

    def _field(self, key: str, kind: type) -> QWidget:
        widget = setting_input(key, kind, self)
        self.fields[key] = widget
        if key != "office.logo_path":
            return widget
        choose = QPushButton(self.tr("C&hoose…"))
        choose.clicked.connect(self.choose_logo)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(widget, 1)
        row_layout.addWidget(choose)
        return row

    def load(self) -> None:
        for group in self.GROUPS:
            for value in settings_of(self.config, group):
                show_value(self.fields[value.key], value.value)

    def values(self) -> dict[str, Any]:
        return {key: read_value(widget) for key, widget in self.fields.items()}

    def choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose logo"), "", self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            field = self.fields["office.logo_path"]
            assert isinstance(field, QLineEdit)
            field.setText(path)

    def save(self) -> None:
        for label in self.errors.values():
            label.hide()
        try:
            self.config = save_settings(self.values(), reference=self.reference)
        except ValidationError as error:
            for problem in error.errors:
                label = self.errors.get(problem.field)
                if label is not None:
                    label.setText(problem.message)
                    label.show()
            self.message.setText(self.tr("Please correct the marked fields."))
            return
        except (UserError, OSError) as error:
            self.message.setText(getattr(error, "message", str(error)))
            return
        self.message.setText(self.tr("Saved. Matching and sheets use the new settings now."))
        self.saved.emit(self.config)

    # -- pathway templates ------------------------------------------------------------------
    def _templates_tab(self) -> QWidget:
        page = QWidget()
        self.template_language = language_choice(self)
        self.template_model = RowsModel(
            [Column(self.tr("Step"), lambda r: r[0]), Column(self.tr("Text"), lambda r: r[1])], self
        )
        self.template_table = RowsTable(self.template_model, self.tr("Pathway texts"))
        self.template_table.setSortingEnabled(False)
        self.template_text = QPlainTextEdit()
        self.template_text.setAccessibleName(self.tr("Text of the step"))
        self.template_text.setMaximumHeight(self.fontMetrics().height() * 5)
        apply = QPushButton(self.tr("Sa&ve text"))
        apply.clicked.connect(self.save_template)
        reset = QPushButton(self.tr("Back to the s&hipped texts"))
        reset.clicked.connect(self.reset_templates)
        self.template_message = QLabel()
        self.template_message.setWordWrap(True)
        self.template_language.currentIndexChanged.connect(self.load_templates)
        self.template_table.selectionModel().selectionChanged.connect(self._template_selected)
        top = QHBoxLayout()
        caption = QLabel(self.tr("La&nguage:"))
        caption.setBuddy(self.template_language)
        top.addWidget(caption)
        top.addWidget(self.template_language)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.template_message, 1)
        buttons.addWidget(reset)
        buttons.addWidget(apply)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.template_table, 1)
        layout.addWidget(self.template_text)
        layout.addLayout(buttons)
        hint = QLabel(
            self.tr(
                "Placeholders in braces such as {employer} or {deadline} must stay in the text."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        return page

    def load_templates(self) -> None:
        texts = effective_templates().get(self.template_language.currentData(), {})
        self.template_model.set_rows(sorted(texts.items()))
        self.template_table.fit_columns(widest=600)
        self.template_table.select_first()

    def _template_selected(self, *_args: object) -> None:
        row = self.template_table.current_row()
        self.template_text.setPlainText(row[1] if row else "")

    def save_template(self) -> None:
        row = self.template_table.current_row()
        if row is None:
            return
        language = self.template_language.currentData()
        texts = {language: {row[0]: self.template_text.toPlainText().strip()}}
        problems = validate_templates(texts)
        if problems:
            self.template_message.setText(" ".join(p.message for p in problems))
            return
        try:
            save_templates(texts)
        except (UserError, OSError) as error:
            self.template_message.setText(getattr(error, "message", str(error)))
            return
        self.template_message.setText(self.tr("Text saved; new sheets use it."))
        key = row[0]
        self.load_templates()
        for number, (step, _text) in enumerate(self.template_model.rows):
            if step == key:
                self.template_table.selectRow(number)

    def reset_templates(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Pathway texts"),
            self.tr("Replace all the office's pathway texts by the shipped ones?"),
        )
        if answer == QMessageBox.StandardButton.Yes:
            reset_templates()
            self.load_templates()
            self.template_message.setText(self.tr("The shipped texts are in use again."))

    # -- related occupations ----------------------------------------------------------------
    def _related_tab(self) -> QWidget:
        page = QWidget()
        self.related_model = RowsModel(
            [
                Column(self.tr("Occupation"), lambda r: r[1] + " (" + r[0] + ")"),
                Column(self.tr("Neighbour"), lambda r: r[3] + " (" + r[2] + ")"),
                Column(self.tr("Why"), lambda r: r[4]),
                Column(
                    self.tr("From"),
                    lambda r: self.tr("office") if r[5] == "office" else self.tr("project"),
                ),
            ],
            self,
        )
        self.related_table = RowsTable(self.related_model, self.tr("Related occupations"))
        self.code_a = QLineEdit()
        self.code_a.setPlaceholderText("29302")
        self.code_a.setAccessibleName(self.tr("KldB code of the occupation"))
        self.code_b = QLineEdit()
        self.code_b.setPlaceholderText("29301")
        self.code_b.setAccessibleName(self.tr("KldB code of the neighbour"))
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Why they are related"))
        add = QPushButton(self.tr("&Add pair"))
        add.clicked.connect(self.add_related)
        remove = QPushButton(self.tr("Remo&ve pair"))
        remove.clicked.connect(self.remove_related)
        self.related_message = QLabel()
        row = QHBoxLayout()
        for label, widget in (
            (self.tr("O&ccupation:"), self.code_a),
            (self.tr("Nei&ghbour:"), self.code_b),
            (self.tr("W&hy:"), self.reason),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
        row.addWidget(add)
        row.addWidget(remove)
        layout = QVBoxLayout(page)
        layout.addWidget(self.related_table, 1)
        layout.addLayout(row)
        layout.addWidget(self.related_message)
        return page

    def load_related(self) -> None:
        self.related_model.set_rows(
            reference_tables.list_related(self.database, self.reference.occupations)
        )
        self.related_table.fit_columns(widest=360)

    def add_related(self) -> None:
        try:
            reference_tables.add_related(
                self.database,
                self.code_a.text().strip(),
                self.code_b.text().strip(),
                self.reason.text().strip(),
            )
        except UserError as error:
            self.related_message.setText(error.message)
            return
        self.related_message.setText(self.tr("Pair added; matching uses it now."))
        self.saved.emit(self.config)
        self.code_a.clear()
        self.code_b.clear()
        self.reason.clear()
        self.load_related()

    def remove_related(self) -> None:
        row = self.related_table.current_row()
        if row is None:
            return
        reference_tables.remove_related(self.database, row[0], row[2])
        self.related_message.setText(self.tr("Pair removed."))
        self.load_related()
        self.saved.emit(self.config)

    # -- page ------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.load()
        self.timetable.refresh()
        self.load_templates()
        self.load_related()
        self.skills_tab.load()

    def _tab_changed(self, _index: int) -> None:
        self.save_button.setVisible(self.tabs.currentIndex() < len(self.GROUPS))
