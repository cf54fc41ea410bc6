"""Dialog: how much demo data to create."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class DemoDataDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, first_start: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Load demo data"))
        intro = (
            self.tr(
                "The database is still empty. Load fictitious demo data so that you can try "
                "SREK Desk at once? The records are clearly marked as demo data."
            )
            if first_start
            else self.tr("Create fictitious demo clients, employers and offers in the region.")
        )
        text = QLabel(intro)
        text.setWordWrap(True)
        self.offers = QSpinBox()
        self.offers.setRange(0, 200_000)
        self.offers.setSingleStep(500)
        self.offers.setValue(2000)
        self.offers.setAccessibleName(self.tr("Number of offers"))
        self.clients = QSpinBox()
        self.clients.setRange(0, 50_000)
        self.clients.setSingleStep(50)
        self.clients.setValue(300)
        self.clients.setAccessibleName(self.tr("Number of clients"))
        form = QFormLayout()
        form.addRow(self.tr("&Offers:"), self.offers)
        form.addRow(self.tr("&Clients:"), self.clients)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Load demo data"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("&Start empty") if first_start else self.tr("Cancel")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> tuple[int, int]:
        return self.offers.value(), self.clients.value()

    @classmethod
    def ask(
        cls, parent: QWidget | None = None, *, first_start: bool = False
    ) -> tuple[int, int] | None:
        dialog = cls(parent, first_start=first_start)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
