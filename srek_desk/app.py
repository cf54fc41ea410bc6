"""Composition root of the desktop app: config, logging, database, reference data, QApplication.

Qt is imported inside the functions so that `srek-desk` subcommands stay free of it.
"""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

from srek_desk.config import Config
from srek_desk.errors import UserError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from srek_desk.reference.catalog import ReferenceData
    from srek_desk.services.core.database import Database

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None, language: str = "de") -> QApplication:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from srek_desk import paths
    from srek_desk.ui.i18n import install_translators

    install_qt_message_handler()
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(argv if argv is not None else sys.argv[:1])
    )
    QCoreApplication.setApplicationName("SREK Desk")
    QCoreApplication.setOrganizationName("SREK")
    icon = paths.resource("icons", "srek-desk.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    if not getattr(app, "_srek_translators", None):
        app._srek_translators = install_translators(app, language)  # type: ignore[attr-defined]
    return app  # type: ignore[return-value]


# Messages Qt prints that are not about our code: the offscreen plugin on every window.
_IGNORED_QT_MESSAGES = ("This plugin does not support propagateSizeHints",)


def install_qt_message_handler() -> None:
    """Route Qt's own messages into our log file instead of stderr."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if message.startswith(_IGNORED_QT_MESSAGES):
            return
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)


def install_crash_dialog() -> None:
    """A bug reaching the event loop is logged and shown with the log file's path; work goes on."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from srek_desk.logging_setup import LOG_FILE_NAME
    from srek_desk.paths import user_log_dir

    def hook(kind: type[BaseException], error: BaseException, trace: object) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)  # type: ignore[arg-type]
            return
        if isinstance(error, UserError):
            # German messages for people may name a record: shown, not logged.
            log.info("user error shown: %s", type(error).__name__)
            QMessageBox.warning(QApplication.activeWindow(), "SREK Desk", error.message)
            return
        log.critical("unexpected error", exc_info=(kind, error, trace))  # type: ignore[arg-type]
        QMessageBox.critical(
            QApplication.activeWindow(),
            QCoreApplication.translate("CrashDialog", "Unexpected error"),
            QCoreApplication.translate(
                "CrashDialog",
                "Something went wrong in SREK Desk. Your saved data is safe. "
                "Please tell your IT staff and send them the log file:\n%1",
            ).replace("%1", str(user_log_dir() / LOG_FILE_NAME)),
        )

    sys.excepthook = hook


def run_gui(config: Config, *, demo_prompt: bool = True) -> int:
    """Show the window at once, open the database off the GUI thread, sign in, fill the pages."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from srek_desk.errors import CorruptDatabaseError
    from srek_desk.ui.main_window import MainWindow
    from srek_desk.ui.tasks import TaskRunner

    app = create_application(language=config["ui.language"])
    install_crash_dialog()
    runner = TaskRunner()
    window = MainWindow(config, runner)
    window.show()
    contexts: list[object] = []

    def open_context(_progress: object, _cancelled: object) -> object:
        from srek_desk.context import AppContext

        return AppContext.open(config)

    def opened(context: object) -> None:
        from srek_desk.ui.session_guard import SessionGuard
        from srek_desk.ui.startup import accounts_for, sign_in

        contexts.append(context)
        database = context.database  # type: ignore[attr-defined]
        accounts = accounts_for(database, config)
        actor = sign_in(window, accounts)
        if actor is None:
            app.exit(0)
            return
        window.actor = actor
        window.accounts = accounts
        window.restore_handler = lambda path: restore_and_quit(context, path)
        window.attach(database, context.reference)  # type: ignore[attr-defined]
        window.guard = SessionGuard(window, accounts, actor, config["security.idle_lock_minutes"])
        if (
            demo_prompt
            and config["ui.offer_demo_data"]
            and actor.can("clients.own")
            and window.is_database_empty()
        ):
            window.offer_demo_data(first_start=True)

    def restore_and_quit(context: object, path: object) -> None:
        """Restore a backup chosen on the admin page; the app closes and is started again."""
        from pathlib import Path

        from srek_desk.db.encryption import load_key
        from srek_desk.services.core.database import (
            default_backup_folder,
            resolve_database_location,
        )
        from srek_desk.services.protection.backups import restore_database

        location = resolve_database_location(config)
        context.database.dispose()  # type: ignore[attr-defined]
        try:
            restore_database(
                location,
                Path(str(path)),
                key=load_key(config),
                folder=default_backup_folder(location, config["backup.folder"]),
                backups_to_keep=config["database.backups_to_keep"],
                acquire_lock=False,  # this process holds it
                actor=window.actor,  # the signed-in admin, in the restored database's log
            )
        except UserError as error:
            QMessageBox.critical(window, "SREK Desk", error.message)
        else:
            QMessageBox.information(
                window,
                "SREK Desk",
                QCoreApplication.translate(
                    "Startup",
                    "The backup was restored. SREK Desk closes now; please start it again.",
                ),
            )
        app.exit(0)

    def failed(error: BaseException) -> None:
        from srek_desk.ui.startup import offer_rescue

        if isinstance(error, CorruptDatabaseError):
            QMessageBox.critical(window, "SREK Desk", error.message)
            if offer_rescue(window, config):
                runner.start(open_context, window, on_finished=opened, on_failed=failed)
                return
        elif isinstance(error, UserError):
            QMessageBox.critical(window, "SREK Desk", error.message)
        else:
            log.error("opening the database failed", exc_info=error)
            QMessageBox.critical(window, "SREK Desk", str(error))
        app.exit(1)

    runner.start(open_context, window, on_finished=opened, on_failed=failed)
    code = app.exec()
    runner.wait()
    if window.guard is not None:
        window.guard.stop()
    for context in contexts:
        context.close()  # type: ignore[attr-defined]
    return int(code)


def build_window_for_self_test(database: Database, reference: ReferenceData) -> str:
    """Construct the main window offscreen on a database; returns a short German report."""
    from srek_desk.ui.main_window import MainWindow
    from srek_desk.ui.tasks import InlineRunner

    app = create_application(language="de")
    window = MainWindow(Config.defaults(), InlineRunner(), database, reference)
    try:
        window.show()
        window.navigation.setCurrentRow(window.pages.indexOf(window.offers_page))
        app.processEvents()
        rows = window.offers_page.model.rowCount()
        title = window.windowTitle()
        menu = window.menuBar().actions()[0].text()
        if not rows:
            raise RuntimeError("Angebotstabelle ist leer")
        if "Datei" not in menu.replace("&", ""):
            raise RuntimeError(f"Deutsche Übersetzung nicht geladen (Menü „{menu}“)")
        return f"„{title}“ aufgebaut, {rows} Angebote sichtbar, Oberfläche deutsch"
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
