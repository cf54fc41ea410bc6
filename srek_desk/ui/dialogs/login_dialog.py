"""Login, the first admin account, a forced password change, and unlocking an idle window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from srek_desk.errors import UserError
from srek_desk.services.core.access import BERATER, TEAMLEITUNG, Actor
from srek_desk.services.protection.accounts import AccountService


def _password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(200)
    return field


class _Form(QDialog):
    """A small form with an error line and OK/Cancel; subclasses fill and check it."""

    def __init__(self, title: str, intro: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.setAccessibleName(self.tr("Error"))
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _try_accept(self) -> None:
        try:
            if self.submit():
                self.accept()
        except UserError as error:
            self.show_error(error.message)

    def submit(self) -> bool:  # pragma: no cover - overridden
        raise NotImplementedError


class LoginDialog(_Form):
    def __init__(
        self, accounts: AccountService, username: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("SREK Desk – sign in"),
            self.tr("Client records are protected. Please sign in with your own account."),
            parent,
        )
        self.accounts = accounts
        self.actor: Actor | None = None
        self.username = QLineEdit(username)
        self.username.setMaxLength(60)
        self.password = _password_field()
        self.form.addRow(self.tr("&User name:"), self.username)
        self.form.addRow(self.tr("&Password:"), self.password)
        (self.password if username else self.username).setFocus()

    def submit(self) -> bool:
        try:
            self.actor = self.accounts.authenticate(self.username.text(), self.password.text())
        finally:
            self.password.clear()
        return True

    @classmethod
    def ask(
        cls, parent: QWidget | None, accounts: AccountService, username: str = ""
    ) -> Actor | None:
        dialog = cls(accounts, username, parent)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None


class UnlockDialog(LoginDialog):
    """The window locked after inactivity: the same user signs in again (or quits)."""

    def __init__(self, accounts: AccountService, actor: Actor, parent: QWidget | None) -> None:
        super().__init__(accounts, actor.username, parent)
        self.setWindowTitle(self.tr("SREK Desk – locked"))
        self.username.setReadOnly(True)
        self.expected = actor.username
        quit_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        quit_button.setText(self.tr("&Quit SREK Desk"))
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)

    def submit(self) -> bool:
        super().submit()
        return self.actor is not None and self.actor.username == self.expected

    @classmethod
    def ask_unlock(
        cls, parent: QWidget | None, accounts: AccountService, actor: Actor
    ) -> Actor | None:
        dialog = cls(accounts, actor, parent)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None


class FirstAdminDialog(_Form):
    """First start: the administration account (and, on a one-person PC, the counsellor)."""

    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("SREK Desk – first start"),
            self.tr(
                "Create the administration account. It manages accounts, settings, retention "
                "and backups. On a PC used by one counsellor, the same account can also counsel "
                "clients."
            ),
            parent,
        )
        self.accounts = accounts
        self.actor: Actor | None = None
        self.username = QLineEdit()
        self.username.setMaxLength(60)
        self.username.setPlaceholderText(self.tr("e.g. m.mueller"))
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(200)
        self.password = _password_field()
        self.repeat = _password_field()
        self.counsels = QCheckBox(self.tr("This account also counsels clients (Berater:in)"))
        self.counsels.setChecked(True)
        self.leads = QCheckBox(self.tr("… and sees statistics (Teamleitung)"))
        self.leads.setChecked(True)
        self.form.addRow(self.tr("&User name:"), self.username)
        self.form.addRow(self.tr("&Full name:"), self.display_name)
        self.form.addRow(self.tr("&Password:"), self.password)
        self.form.addRow(self.tr("&Repeat password:"), self.repeat)
        self.form.addRow("", self.counsels)
        self.form.addRow("", self.leads)

    def submit(self) -> bool:
        if self.password.text() != self.repeat.text():
            self.show_error(self.tr("The two passwords differ."))
            return False
        roles = tuple(
            role
            for role, box in ((BERATER, self.counsels), (TEAMLEITUNG, self.leads))
            if box.isChecked()
        )
        self.actor = self.accounts.create_first_admin(
            self.username.text(), self.display_name.text(), self.password.text(), roles
        )
        return True

    @classmethod
    def ask(cls, parent: QWidget | None, accounts: AccountService) -> Actor | None:
        dialog = cls(accounts, parent)
        return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None


class ChangePasswordDialog(_Form):
    def __init__(
        self, accounts: AccountService, actor: Actor, forced: bool, parent: QWidget | None
    ) -> None:
        super().__init__(
            self.tr("Change password"),
            self.tr("Your password was reset. Please choose a new one now.") if forced else "",
            parent,
        )
        self.accounts = accounts
        self.actor = actor
        self.old = _password_field()
        self.new = _password_field()
        self.repeat = _password_field()
        self.form.addRow(self.tr("&Current password:"), self.old)
        self.form.addRow(self.tr("&New password:"), self.new)
        self.form.addRow(self.tr("&Repeat new password:"), self.repeat)

    def submit(self) -> bool:
        if self.new.text() != self.repeat.text():
            self.show_error(self.tr("The two passwords differ."))
            return False
        self.accounts.change_own_password(self.actor, self.old.text(), self.new.text())
        return True

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        accounts: AccountService,
        actor: Actor,
        *,
        forced: bool = False,
    ) -> bool:
        return cls(accounts, actor, forced, parent).exec() == QDialog.DialogCode.Accepted
