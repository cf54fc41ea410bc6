"""Start of the desktop app after the database opened: sign-in, and the rescue of a damaged
database from its newest good backup."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from srek_desk.config import Config
from srek_desk.errors import UserError
from srek_desk.services.core.access import Actor
from srek_desk.services.core.database import Database
from srek_desk.services.protection.accounts import AccountService
from srek_desk.ui.dialogs.login_dialog import ChangePasswordDialog, FirstAdminDialog, LoginDialog

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Startup", text)


def sign_in(parent: QWidget | None, accounts: AccountService) -> Actor | None:
    """The first start creates the admin account; later starts ask for a login.

    None when the person cancels (the app then closes). A password reset by an admin must be
    replaced before the window opens.
    """
    if accounts.needs_first_admin():
        actor = FirstAdminDialog.ask(parent, accounts)
    else:
        actor = LoginDialog.ask(parent, accounts)
    if actor is None:
        return None
    if accounts.must_change_password(actor) and not ChangePasswordDialog.ask(
        parent, accounts, actor, forced=True
    ):
        return None
    log.info("signed in (roles %s)", ",".join(sorted(actor.roles)))
    return actor


def accounts_for(database: Database, config: Config) -> AccountService:
    return AccountService.from_config(database, config)


def offer_rescue(parent: QWidget | None, config: Config) -> bool:
    """The database is damaged: offer the newest good backup. True when it was restored."""
    from srek_desk.db.backup import latest_good_backup
    from srek_desk.db.encryption import load_key
    from srek_desk.services.core.database import default_backup_folder, resolve_database_location
    from srek_desk.services.protection.backups import restore_database

    location = resolve_database_location(config)
    key = load_key(config)
    folder = default_backup_folder(location, config["backup.folder"])
    backup = latest_good_backup(folder, key) if folder is not None else None
    if backup is None:
        QMessageBox.critical(
            parent,
            "SREK Desk",
            _tr(
                "There is no intact backup to restore. Please ask your IT staff; "
                "the damaged file stays untouched."
            ),
        )
        return False
    answer = QMessageBox.question(
        parent,
        "SREK Desk",
        _tr(
            "Restore the newest intact backup (%1)? The damaged database is kept aside, "
            "changes made after that backup are not in it."
        ).replace("%1", Path(backup).name),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        restore_database(
            location,
            Path(backup),
            key=key,
            folder=folder,
            backups_to_keep=config["database.backups_to_keep"],
        )
    except UserError as error:
        QMessageBox.critical(parent, "SREK Desk", error.message)
        return False
    log.info("database restored from the newest intact backup")
    return True
