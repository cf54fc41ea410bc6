"""Asking before a complete list deactivates offers of its source that the file lacks.

Yes deactivates exactly the offers listed (ImportOptions.retire_scope), No imports the file
without deactivating anything, Cancel imports nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from srek_desk.services.imports.retire import RetiredOffer
from srek_desk.services.imports.service import ImportOptions

SHOWN = 15  # offers named in the question


def ask_retire(parent: QWidget, offers: list[RetiredOffer]) -> bool | None:
    """True: deactivate these offers; False: import without deactivating; None: cancel."""
    lines = [f"{offer.reference} – {offer.title}" for offer in offers[:SHOWN]]
    if len(offers) > SHOWN:
        more = QCoreApplication.translate("RetireQuestion", "… and %1 more")
        lines.append(more.replace("%1", str(len(offers) - SHOWN)))
    question = QCoreApplication.translate(
        "RetireQuestion",
        "%n offer(s) of this source are missing from the file and would be deactivated:",
        "",
        len(offers),
    )
    buttons = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("RetireQuestion", "Complete list of the source"),
        question
        + "\n\n"
        + "\n".join(lines)
        + "\n\n"
        + QCoreApplication.translate(
            "RetireQuestion",
            "Deactivate them? (No: import the file without deactivating anything.)",
        ),
        buttons.Yes | buttons.No | buttons.Cancel,
        buttons.No,
    )
    return None if answer == buttons.Cancel else answer == buttons.Yes


def settle_full_load(
    parent: QWidget, options: ImportOptions, full: bool, offers: list[RetiredOffer]
) -> bool:
    """After `ImportService.retire_preview`: ask (if a full load would retire anything) and set
    `options` to retire exactly what was shown, or nothing. False: the user cancelled."""
    if not full:
        return True
    answer = ask_retire(parent, offers) if offers else True
    if answer is None:
        return False
    options.full_load = answer
    options.retire_scope = {offer.id for offer in offers}
    return True
