"""The client form's „Ankunft bis“: when the client's bus-and-train connection must arrive (school
or work starts), typed as HH:MM; empty means the office's time (setting `commute.arrive_by`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

# The texts keep the "ClientForm" context: the German translation knows them by it.
translate = QCoreApplication.translate


class ArriveByEdit(QWidget):
    """A short text field with a hint beside it; the service checks and normalises the time
    (`services.clients.values.normal_clock`), so a mistyped time gets a German message in place."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setAccessibleName(translate("ClientForm", "Arrive by (school or work starts)"))
        self.edit.setPlaceholderText("07:30")
        self.edit.setMaxLength(9)  # "07:30 Uhr"
        self.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("00:00 Uhr") + 24)
        self.edit.textChanged.connect(lambda _text: self.changed.emit())
        hint = QLabel(
            translate(
                "ClientForm",
                "by bus and train; empty: the office's time (Settings › Commute times)",
            )
        )
        hint.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(hint, 1)
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        return self.edit.text().strip()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)
