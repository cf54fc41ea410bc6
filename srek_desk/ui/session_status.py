"""The status line of a session: who is signed in, with which roles, on which database, and a
warning when the newest backup is too old."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QStatusBar

if TYPE_CHECKING:
    from srek_desk.services.core.access import Actor

# The texts keep the "MainWindow" context: the German translation knows them by it.
translate = QCoreApplication.translate

WARNING_STYLE = "color: #9a3412; font-weight: bold; padding: 0 6px;"


def signed_in_text(actor: Actor) -> str:
    """Who works, with which roles; nothing for the command line's system actor."""
    if actor.user_id is None:
        return ""
    return (
        translate("MainWindow", "Signed in: %1 (%2) · ")
        .replace("%1", actor.display_name or actor.username)
        .replace("%2", actor.role_text)
    )


def show_session_status(
    status_bar: QStatusBar, actor: Actor, database_url: str, backup_warning: str
) -> None:
    status_bar.showMessage(
        signed_in_text(actor) + translate("MainWindow", "Database: %1").replace("%1", database_url)
    )
    if backup_warning:
        warning = QLabel(backup_warning)
        warning.setStyleSheet(WARNING_STYLE)
        warning.setAccessibleName(translate("MainWindow", "Backup warning"))
        status_bar.addPermanentWidget(warning)
