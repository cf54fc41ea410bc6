"""A dialog that edits one flat input dataclass (offer, employer) from a list of field specs.

Field errors from the service are shown under their fields; closing with edits asks first.
A read-only note (e.g. the offer's "Stand" and why it is stale) can head the form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from srek_desk.errors import UserError
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.validation import ValidationError
from srek_desk.services.offers.skills import SkillEntry
from srek_desk.ui.widgets.client_form import _date_edit, _get_date, _set_date
from srek_desk.ui.widgets.pickers import PostcodeEdit
from srek_desk.ui.widgets.skill_picker import SkillPicker

TEXT, LONG_TEXT, CHOICE, DATE, NUMBER, FLAG, POSTCODE, CHECKS, SKILLS = (
    "text",
    "long",
    "choice",
    "date",
    "number",
    "flag",
    "postcode",
    "checks",
    "skills",
)
CHECKS_PER_ROW = 4  # longer lists of check boxes wrap onto a grid of two columns


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str  # with a mnemonic, e.g. "&Title:"
    name: str  # the accessible name
    kind: str = TEXT
    options: Mapping[str, str] | None = None  # CHOICE and CHECKS: code → label
    vocabulary: tuple[SkillEntry, ...] = ()  # SKILLS: the skills to choose from


class RecordEditor(QDialog):
    def __init__(
        self,
        title: str,
        specs: list[FieldSpec],
        value: Any,
        save: Callable[[Any], Any],
        reference: ReferenceData,
        parent: QWidget | None = None,
        extra: QWidget | None = None,
        note: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 680)
        self.specs = specs
        self.original = value
        self.save_function = save
        self.reference = reference
        self.result_value: Any = None
        self.widgets: dict[str, Any] = {}
        self.errors: dict[str, QLabel] = {}
        self.dirty = False
        form = QFormLayout()
        for spec in specs:
            widget = self._widget(spec)
            error = QLabel()
            error.setStyleSheet("color: #b00020;")
            error.setWordWrap(True)
            error.hide()
            self.errors[spec.key] = error
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.setSpacing(2)
            box_layout.addWidget(widget)
            box_layout.addWidget(error)
            caption = QLabel(spec.label)
            caption.setBuddy(widget)
            form.addRow(caption, box)
        self.set_value(value)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setVisible(bool(note))
        body_layout.addWidget(self.note)
        body_layout.addLayout(form)
        if extra is not None:
            body_layout.addWidget(extra)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    # -- widgets ----------------------------------------------------------------------------
    def _widget(self, spec: FieldSpec) -> QWidget:
        widget: Any
        if spec.kind == LONG_TEXT:
            widget = QPlainTextEdit()
            widget.setMaximumHeight(widget.fontMetrics().height() * 6)
            widget.textChanged.connect(self._edited)
        elif spec.kind == CHOICE:
            widget = QComboBox()
            for code, label in (spec.options or {}).items():
                widget.addItem(label, code)
            widget.currentIndexChanged.connect(self._edited)
        elif spec.kind == DATE:
            widget = _date_edit(spec.name)
            widget.dateChanged.connect(self._edited)
        elif spec.kind == NUMBER:
            widget = QSpinBox()
            widget.setRange(0, 9999)
            widget.setMaximumWidth(widget.fontMetrics().horizontalAdvance("00000") + 60)
            widget.valueChanged.connect(self._edited)
        elif spec.kind == FLAG:
            widget = QCheckBox(spec.name)
            widget.toggled.connect(self._edited)
        elif spec.kind == POSTCODE:
            widget = PostcodeEdit(self.reference)
            widget.changed.connect(self._edited)
        elif spec.kind == CHECKS:
            widget = QWidget()
            grid = QGridLayout(widget)
            grid.setContentsMargins(0, 0, 0, 0)
            options = spec.options or {}
            per_row = len(options) if len(options) <= CHECKS_PER_ROW else 2
            boxes = {}
            for number, (code, label) in enumerate(options.items()):
                box = QCheckBox(label)
                box.toggled.connect(self._edited)
                boxes[code] = box
                grid.addWidget(box, number // per_row, number % per_row)
            grid.setColumnStretch(per_row, 1)
            widget.boxes = boxes  # type: ignore[attr-defined]
            if boxes:
                widget.setFocusProxy(next(iter(boxes.values())))
        elif spec.kind == SKILLS:
            widget = SkillPicker(spec.name, spec.vocabulary, visible_rows=6)
            widget.changed.connect(self._edited)
        else:
            widget = QLineEdit()
            widget.textChanged.connect(self._edited)
        if spec.kind not in (POSTCODE, CHECKS, SKILLS):
            widget.setAccessibleName(spec.name)
        self.widgets[spec.key] = widget
        return widget  # type: ignore[no-any-return]

    def _edited(self, *_args: object) -> None:
        if not self._loading:
            self.dirty = True

    _loading = False

    # -- values -----------------------------------------------------------------------------
    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            for spec in self.specs:
                widget, current = self.widgets[spec.key], getattr(value, spec.key)
                if spec.kind == LONG_TEXT:
                    widget.setPlainText(current or "")
                elif spec.kind == CHOICE:
                    widget.setCurrentIndex(max(0, widget.findData(current or "")))
                elif spec.kind == DATE:
                    _set_date(widget, current)
                elif spec.kind == NUMBER:
                    widget.setValue(int(current or 0))
                elif spec.kind == FLAG:
                    widget.setChecked(bool(current))
                elif spec.kind == CHECKS:
                    for code, box in widget.boxes.items():
                        box.setChecked(code in (current or ()))
                elif spec.kind == SKILLS:
                    widget.set_codes(current or ())
                else:
                    widget.setText("" if current is None else str(current))
        finally:
            self._loading = False
        self.dirty = False

    def value(self) -> Any:
        values: dict[str, Any] = {}
        for spec in self.specs:
            widget = self.widgets[spec.key]
            if spec.kind == LONG_TEXT:
                values[spec.key] = widget.toPlainText()
            elif spec.kind == CHOICE:
                values[spec.key] = widget.currentData()
            elif spec.kind == DATE:
                values[spec.key] = _get_date(widget)
            elif spec.kind == NUMBER:
                values[spec.key] = widget.value()
            elif spec.kind == FLAG:
                values[spec.key] = widget.isChecked()
            elif spec.kind == CHECKS:
                values[spec.key] = self._checked(spec.key, widget.boxes)
            elif spec.kind == SKILLS:
                values[spec.key] = widget.codes()
            else:
                values[spec.key] = widget.text().strip()
        return replace(self.original, **values)

    def _checked(self, key: str, boxes: Mapping[str, QCheckBox]) -> tuple[str, ...]:
        """Ticked codes in the loaded order, new ones after; codes without a box are kept."""
        ticked = {code for code, box in boxes.items() if box.isChecked()}
        loaded = tuple(getattr(self.original, key) or ())
        kept = [c for c in loaded if c in ticked or c not in boxes]
        return (*kept, *(c for c in boxes if c in ticked and c not in kept))

    def save(self) -> None:
        if self._store():
            self.accept()

    def _store(self) -> bool:
        for label in self.errors.values():
            label.clear()
            label.hide()
        try:
            self.result_value = self.save_function(self.value())
        except ValidationError as error:
            for problem in error.errors:
                label = self.errors.get(problem.field)
                if label is not None:
                    label.setText(problem.message)
                    label.show()
            self.message.setText(self.tr("Please correct the marked fields."))
            return False
        except UserError as error:
            self.message.setText(error.message)
            return False
        self.dirty = False
        return True

    def reject(self) -> None:
        if self._may_close():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isVisible() and not self._may_close():
            event.ignore()
            return
        super().closeEvent(event)

    def _may_close(self) -> bool:
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save the changes?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self._store()
        return answer == QMessageBox.StandardButton.Discard

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        specs: list[FieldSpec],
        value: Any,
        save: Callable[[Any], Any],
        reference: ReferenceData,
        extra: QWidget | None = None,
        note: str = "",
    ) -> Any:
        """What `save` returned (an id, or True), or None when nothing was saved."""
        dialog = cls(title, specs, value, save, reference, parent, extra, note)
        dialog.exec()
        return dialog.result_value
