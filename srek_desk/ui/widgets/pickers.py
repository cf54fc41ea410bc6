"""Input widgets over the reference data: postcode with its place, occupation picker, languages."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.qualifications import CEFR_LEVELS, LANGUAGES, language_by_code
from srek_desk.ui.models.list_model import ListModel


class _PostcodeLineEdit(QLineEdit):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        # A complete postcode needs no list; the next key belongs to the next field.
        completer = self.completer()
        if completer is not None and len(self.text().strip()) == 5:
            completer.popup().hide()


class PostcodeEdit(QWidget):
    """Postcode line edit with gazetteer completion; the place is shown as soon as it is known."""

    changed = Signal(str)

    def __init__(self, reference: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reference = reference
        self.edit = _PostcodeLineEdit()
        self.edit.setMaxLength(5)
        self.edit.setInputMask("")
        self.edit.setPlaceholderText("34117")
        self.edit.setAccessibleName(self.tr("Postcode"))
        self.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("0000000000"))
        self.edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000000") + 12)
        model = ListModel(self)
        gazetteer = reference.gazetteer
        items = []
        for postcode in sorted(gazetteer.postcodes()):
            place = gazetteer.place_for_postcode(postcode)
            items.append((f"{postcode} {place.name}" if place else postcode, postcode, postcode))
        model.set_items(items)
        completer = QCompleter(model, self)
        completer.setCompletionRole(Qt.ItemDataRole.EditRole)
        completer.setMaxVisibleItems(10)
        self.edit.setCompleter(completer)
        self.place = QLabel()
        self.place.setAccessibleName(self.tr("Place of the postcode"))
        self.place.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("Bad Sooden-Allendorf (Hessen)")
        )
        self.place.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.place, 1)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # label mnemonics focus only such widgets
        self.edit.textChanged.connect(self._changed)

    def text(self) -> str:
        return self.edit.text().strip()

    def setText(self, text: str) -> None:
        self.edit.setText(text)

    def is_valid(self) -> bool:
        return self.reference.gazetteer.is_valid_postcode(self.text())

    def _changed(self, text: str) -> None:
        text = text.strip()
        place = self.reference.gazetteer.place_for_postcode(text) if len(text) == 5 else None
        if place is not None:
            self.place.setText(place.name + " (" + place.state_name + ")")
        elif len(text) == 5:
            self.place.setText(self.tr("unknown postcode"))
        else:
            self.place.clear()
        self.changed.emit(text)


class OccupationPicker(QWidget):
    """Search KldB names and synonyms; Enter or double-click adds the hit to the chosen list."""

    changed = Signal()
    SEARCH_DELAY_MS = 120

    def __init__(
        self, reference: ReferenceData, parent: QWidget | None = None, *, max_chosen: int = 5
    ) -> None:
        super().__init__(parent)
        self.reference = reference
        self.max_chosen = max_chosen
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Occupation, e.g. Koch, Pflege, Elektro…"))
        self.search.setAccessibleName(self.tr("Search occupations"))
        self.search.setClearButtonEnabled(True)
        self.hits_model = ListModel(self)
        self.hits = QListView()
        self.hits.setModel(self.hits_model)
        self.hits.setAccessibleName(self.tr("Occupations found"))
        self.hits.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hits.setMaximumHeight(self.fontMetrics().height() * 7)
        self.chosen_model = ListModel(self)
        self.chosen = QListView()
        self.chosen.setModel(self.chosen_model)
        self.chosen.setAccessibleName(self.tr("Chosen occupations, first wish first"))
        self.chosen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.chosen.setMaximumHeight(self.fontMetrics().height() * 6)
        self.remove_button = QPushButton(self.tr("Remo&ve"))
        self.remove_button.clicked.connect(self.remove_selected)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        # Enter adds the hit and must not also press the dialog's default button.
        self.search.installEventFilter(self)
        self.hits.doubleClicked.connect(lambda _index: self.add_current())
        self.hits.activated.connect(lambda _index: self.add_current())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.hits)
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(self.chosen, 1)
        chosen_row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(chosen_row)
        self.setFocusProxy(self.search)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.add_current()
            return True
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
            and self.hits_model.rowCount()
        ):
            row = self.hits.currentIndex().row() + (1 if event.key() == Qt.Key.Key_Down else -1)
            row = max(0, min(row, self.hits_model.rowCount() - 1))
            self.hits.setCurrentIndex(self.hits_model.index(row, 0))
            return True
        return super().eventFilter(watched, event)

    def run_search(self) -> None:
        self._timer.stop()
        query = self.search.text().strip()
        hits = self.reference.occupations.search(query, limit=12) if len(query) >= 2 else []
        items = []
        seen: set[str] = set()
        for hit in hits:
            code = hit.occupation.code
            if code in seen:
                continue
            seen.add(code)
            label = hit.occupation.name
            if hit.matched and hit.matched != label and not hit.matched.isdigit():
                label = f"{label} — {hit.matched}"
            items.append((f"{label} ({code})", code, hit.occupation.name))
        self.hits_model.set_items(items)
        if items:
            self.hits.setCurrentIndex(self.hits_model.index(0, 0))

    def add_current(self) -> None:
        if self._timer.isActive():
            self.run_search()
        index = self.hits.currentIndex()
        if not index.isValid():
            return
        _text, code, _name = self.hits_model.items[index.row()]
        self.add_code(code)

    def add_code(self, code: str) -> None:
        if code in self.codes() or len(self.codes()) >= self.max_chosen:
            return
        occupation = self.reference.occupations.get(code)
        name = occupation.name if occupation else code
        self.chosen_model.set_items([*self.chosen_model.items, (f"{name} ({code})", code, name)])
        self.search.clear()
        self.hits_model.set_items([])
        self._update()
        self.changed.emit()

    def remove_selected(self) -> None:
        index = self.chosen.currentIndex()
        row = index.row() if index.isValid() else self.chosen_model.rowCount() - 1
        if row < 0:
            return
        items = list(self.chosen_model.items)
        del items[row]
        self.chosen_model.set_items(items)
        self._update()
        self.changed.emit()

    def codes(self) -> list[str]:
        return self.chosen_model.values()

    def set_codes(self, codes: list[str]) -> None:
        self.chosen_model.set_items([])
        for code in codes:
            self.add_code(code)

    def _update(self) -> None:
        self.remove_button.setEnabled(bool(self.chosen_model.items))


class LanguagesEdit(QWidget):
    """Languages with CEFR level: a list, a language and level chooser, add and remove."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName(self.tr("Languages and levels"))
        self.list.setMaximumHeight(self.fontMetrics().height() * 5)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        for language in LANGUAGES:
            self.language.addItem(language.name, language.code)
        self.level = QComboBox()
        self.level.setAccessibleName(self.tr("Language level"))
        for level in CEFR_LEVELS:
            self.level.addItem(level.code, level.code)
        self.level.setCurrentIndex(2)
        add = QPushButton(self.tr("Add lan&guage"))
        add.clicked.connect(self.add)
        remove = QPushButton(self.tr("Remove language"))
        remove.clicked.connect(self.remove)
        row = QHBoxLayout()
        for widget in (self.language, self.level, add, remove):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.setFocusProxy(self.language)

    def values(self) -> tuple[tuple[str, str], ...]:
        return tuple(self.model.values())

    def set_values(self, values: tuple[tuple[str, str], ...]) -> None:
        items = []
        for code, level in values:
            language = language_by_code(code)
            items.append((f"{language.name if language else code} {level}", (code, level), code))
        self.model.set_items(items)

    def add(self) -> None:
        code, level = self.language.currentData(), self.level.currentData()
        kept = [v for v in self.values() if v[0] != code]
        self.set_values((*kept, (code, level)))
        self.changed.emit()

    def remove(self) -> None:
        index = self.list.currentIndex()
        if not index.isValid():
            return
        values = list(self.values())
        del values[index.row()]
        self.set_values(tuple(values))
        self.changed.emit()
