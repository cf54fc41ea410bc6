"""Konten tab: staff accounts with their roles; create, change, reset a password, unlock."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from srek_desk.errors import UserError
from srek_desk.services.core.access import ROLE_LABELS, ROLES, Actor
from srek_desk.services.protection.accounts import AccountService, UserLine
from srek_desk.ui.dialogs.user_dialog import PasswordDialog, UserDialog, UserDraft
from srek_desk.ui.formatting import yes_no
from srek_desk.ui.models.rows_model import ROW_ROLE, Column, RowsModel
from srek_desk.ui.pages.admin_common import local_time
from srek_desk.ui.widgets.tables import RowsTable


def role_text(roles: frozenset[str]) -> str:
    return ", ".join(ROLE_LABELS[r] for r in ROLES if r in roles)


def is_locked(user: UserLine, now: datetime | None = None) -> bool:
    return user.locked_until is not None and user.locked_until > (now or datetime.now(UTC))


class UsersTab(QWidget):
    def __init__(
        self, actor: Actor, accounts: AccountService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self.accounts = accounts
        self.model = RowsModel(
            [
                Column(self.tr("Login name"), lambda u: u.username),
                Column(self.tr("Name"), lambda u: u.display_name),
                Column(self.tr("Roles"), lambda u: role_text(u.roles)),
                Column(self.tr("Active"), lambda u: yes_no(u.active)),
                Column(
                    self.tr("Locked until"),
                    lambda u: local_time(u.locked_until) if is_locked(u) else "",
                    sort=lambda u: u.locked_until.isoformat() if is_locked(u) else "",
                ),
                Column(
                    self.tr("Last login"),
                    lambda u: local_time(u.last_login_at),
                    sort=lambda u: u.last_login_at.isoformat() if u.last_login_at else "",
                ),
            ],
            self,
        )
        self.table = RowsTable(self.model, self.tr("Staff accounts"))
        self.table.doubleClicked.connect(lambda _index: self.edit_user())
        self.new_button = QPushButton(self.tr("&New account…"))
        self.new_button.clicked.connect(self.new_user)
        self.edit_button = QPushButton(self.tr("&Change…"))
        self.edit_button.clicked.connect(self.edit_user)
        self.password_button = QPushButton(self.tr("Reset &password…"))
        self.password_button.clicked.connect(self.reset_password)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.clicked.connect(self.unlock)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.password_button):
            buttons.addWidget(button)
        buttons.addWidget(self.unlock_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.message, 1)
        note = QLabel(
            self.tr(
                "Accounts are never deleted, because the audit log names them; an account "
                "that is no longer needed is set to inactive."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        self._update_buttons()

    def current_user(self) -> UserLine | None:
        row = self.table.current_row()
        return row if isinstance(row, UserLine) else None

    def refresh(self, select_id: int | None = None) -> None:
        keep = select_id
        if keep is None:
            current = self.current_user()
            keep = current.id if current is not None else None
        self.model.set_rows(self.accounts.users())
        self.table.fit_columns()
        for number in range(self.table.proxy.rowCount()):
            user = self.table.proxy.index(number, 0).data(ROW_ROLE)
            if user is not None and user.id == keep:
                self.table.selectRow(number)
                break
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        user = self.current_user()
        self.edit_button.setEnabled(user is not None)
        self.password_button.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and is_locked(user))

    # -- actions -----------------------------------------------------------------------------
    def new_user(self) -> None:
        actor, accounts = self.actor, self.accounts

        def save(draft: UserDraft) -> int:
            return accounts.create_user(
                actor, draft.username, draft.display_name, draft.roles, draft.password
            )

        user_id = UserDialog.ask(self, accounts, save)
        if user_id is not None:
            self.refresh(select_id=user_id)
            user = self.current_user()
            self.message.setText(
                self.tr("Account %1 created.").replace("%1", user.username if user else "")
            )

    def edit_user(self) -> None:
        user = self.current_user()
        if user is None:
            return
        actor, accounts = self.actor, self.accounts

        def save(draft: UserDraft) -> None:
            accounts.update_user(
                actor,
                user.id,
                display_name=draft.display_name,
                roles=draft.roles,
                active=draft.active,
            )

        if UserDialog.ask(self, accounts, save, user) is not None:
            self.refresh(select_id=user.id)
            self.message.setText(self.tr("Account %1 saved.").replace("%1", user.username))

    def reset_password(self) -> None:
        user = self.current_user()
        if user is None:
            return
        actor, accounts = self.actor, self.accounts

        def save(password: str) -> None:
            accounts.reset_password(actor, user.id, password, must_change=True)

        if PasswordDialog.ask(self, accounts, user, save) is not None:
            self.refresh(select_id=user.id)
            self.message.setText(
                self.tr(
                    "New password set for %1; the account is unlocked. At the next login the "
                    "person chooses their own password."
                ).replace("%1", user.username)
            )

    def unlock(self) -> None:
        user = self.current_user()
        if user is None:
            return
        try:
            self.accounts.unlock(self.actor, user.id)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Unlock account"), error.message)
            return
        self.refresh(select_id=user.id)
        self.message.setText(self.tr("Account %1 unlocked.").replace("%1", user.username))
