"""What the Verwaltung tabs share: label styles, local times and how a failed action is shown."""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from srek_desk.db.models import as_utc
from srek_desk.errors import UserError

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

WARNING_STYLE = (
    "QLabel { background: #fff4e5; color: #5f3700; border: 1px solid #e0a040;"
    " border-radius: 4px; padding: 6px; }"
)
GOOD_STYLE = "QLabel { color: #1b6e20; }"


def local_time(moment: datetime | None, seconds: bool = False) -> str:
    """A stored moment (UTC, naive or aware) in the computer's local time, German style."""
    if moment is None:
        return ""
    return (
        as_utc(moment).astimezone().strftime("%d.%m.%Y %H:%M:%S" if seconds else "%d.%m.%Y %H:%M")
    )


def show_failure(parent: QWidget, title: str, error: BaseException) -> None:
    """A refusal the person can act on as it is; anything else is a bug for the log file."""
    if isinstance(error, UserError):
        QMessageBox.warning(parent, title, error.message)
        return
    log.error("%s failed", title, exc_info=error)
    QMessageBox.critical(
        parent,
        title,
        # the "AdminPage" context is the one the German translation knows this text by
        translate("AdminPage", "That did not work. Details are in the log file."),
    )
