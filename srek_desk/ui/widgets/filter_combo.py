"""Filter choices shared by the offer lists: a combo box whose first entry means "all", and the
states of the region the offers come from."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

REGION_STATES = ("HE", "NI", "NW", "TH")


def filter_combo(parent: QWidget, everything: str, items: dict[str, str], name: str) -> QComboBox:
    """`everything` first (data ""), then the items (code as data); `name` for screen readers."""
    combo = QComboBox(parent)
    combo.addItem(everything, "")
    for code, label in items.items():
        combo.addItem(label, code)
    combo.setAccessibleName(name)
    return combo
