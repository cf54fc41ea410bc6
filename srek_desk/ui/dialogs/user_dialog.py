"""Dialogs for staff accounts: a new account or changes to one, and a password set by an admin.

Both take a `save` callable that calls the service; a refusal (UserError) is shown in a message
box and the dialog stays open, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from srek_desk.errors import UserError
from srek_desk.services.core.access import ADMIN, BERATER, ROLE_LABELS, ROLES, TEAMLEITUNG
from srek_desk.services.protection.accounts import AccountService, UserLine

translate = QCoreApplication.translate
PROBLEM_STYLE = "color: #b00020;"
GOOD_STYLE = "color: #1b6e20;"


@dataclass(frozen=True, slots=True)
class UserDraft:
    """What the dialog collected; `password` is empty when an account is changed."""

    username: str
    display_name: str
    roles: frozenset[str]
    active: bool
    password: str


def role_hints() -> dict[str, str]:
    return {
        BERATER: translate(
            "UserDialog",
            "Own clients, clients shared with the team and clients without a counsellor",
        ),
        TEAMLEITUNG: translate("UserDialog", "All clients, statistics and the audit log"),
        ADMIN: translate(
            "UserDialog", "Accounts, settings, retention periods, backups and the audit log"
        ),
    }


class PasswordFields(QObject):
    """A password typed twice, with live feedback on the office's password rules.

    `add_rows` puts its fields into the dialog's form, so that the labels line up.
    """

    changed = Signal()

    def __init__(
        self,
        accounts: AccountService,
        username: Callable[[], str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.username = username
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(self.tr("Password"))
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(self.tr("Password again"))
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName(self.tr("Password check"))
        for field in (self.first, self.second):
            field.textChanged.connect(self.check)
        self.check()

    def add_rows(self, form: QFormLayout) -> None:
        first_caption = QLabel(self.tr("&Password:"))
        first_caption.setBuddy(self.first)
        second_caption = QLabel(self.tr("Password a&gain:"))
        second_caption.setBuddy(self.second)
        form.addRow(first_caption, self.first)
        form.addRow(second_caption, self.second)
        form.addRow("", self.feedback)

    def password(self) -> str:
        return self.first.text()

    def problems(self) -> list[str]:
        password = self.first.text()
        if not password:
            return [self.tr("Please type the password twice.")]
        problems = list(self.accounts.password_problems(password, self.username()))
        if not self.second.text():
            problems.append(self.tr("Please type the password a second time."))
        elif self.second.text() != password:
            problems.append(self.tr("The two passwords are not the same."))
        return problems

    def check(self) -> None:
        problems = self.problems()
        if problems:
            self.feedback.setText("\n".join(problems))
            self.feedback.setStyleSheet(PROBLEM_STYLE)
        else:
            self.feedback.setText(self.tr("The password meets the rules."))
            self.feedback.setStyleSheet(GOOD_STYLE)
        self.changed.emit()


def _buttons(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
        translate("UserDialog", "Cancel")
    )
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


class UserDialog(QDialog):
    """A new account (login name, name, roles, password) or changes to one (name, roles, active)."""

    def __init__(
        self,
        accounts: AccountService,
        save: Callable[[UserDraft], Any],
        user: UserLine | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.save_function = save
        self.user = user
        self.result_value: Any = None
        self.setWindowTitle(self.tr("New account") if user is None else self.tr("Change account"))
        self.setMinimumWidth(560)
        buttons, self.ok_button = _buttons(
            self, self.tr("&Create account") if user is None else self.tr("&Save")
        )
        buttons.accepted.connect(self.save)
        self.username = QLineEdit()
        self.username.setAccessibleName(self.tr("Login name"))
        self.username.setPlaceholderText(self.tr("e.g. a.schmidt"))
        self.username.setMaxLength(60)
        self.display_name = QLineEdit()
        self.display_name.setAccessibleName(self.tr("Name"))
        self.display_name.setMaxLength(200)
        self.role_boxes: dict[str, QCheckBox] = {}
        roles = QWidget()
        roles_layout = QGridLayout(roles)
        roles_layout.setContentsMargins(0, 0, 0, 0)
        roles_layout.setVerticalSpacing(4)
        roles_layout.setColumnStretch(1, 1)
        hints = role_hints()
        for row, role in enumerate(ROLES):
            box = QCheckBox(ROLE_LABELS[role])
            box.setAccessibleDescription(hints[role])
            box.toggled.connect(self._update_ok)
            hint = QLabel(hints[role])
            hint.setWordWrap(True)
            self.role_boxes[role] = box
            roles_layout.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
            roles_layout.addWidget(hint, row, 1)
        self.active = QCheckBox(self.tr("Account is &active (may log in)"))
        self.active.setChecked(True)
        form = QFormLayout()
        login_caption = QLabel(self.tr("&Login name:"))
        login_caption.setBuddy(self.username)
        name_caption = QLabel(self.tr("&Name:"))
        name_caption.setBuddy(self.display_name)
        form.addRow(login_caption, self.username)
        form.addRow(name_caption, self.display_name)
        form.addRow(self.tr("Roles:"), roles)
        self.password: PasswordFields | None = None
        if user is None:
            self.password = PasswordFields(accounts, lambda: self.username.text(), self)
            self.password.add_rows(form)
            self.password.changed.connect(self._update_ok)
            self.username.textChanged.connect(self.password.check)
            self.username.textChanged.connect(self._update_ok)
        else:
            self.username.setText(user.username)
            self.username.setReadOnly(True)
            self.display_name.setText(user.display_name)
            for role, box in self.role_boxes.items():
                box.setChecked(role in user.roles)
            self.active.setChecked(user.active)
            form.addRow("", self.active)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if self.password is not None:
            hint = QLabel(self.tr("Tell the person the password directly, never by e-mail."))
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addWidget(buttons)
        self._update_ok()

    def draft(self) -> UserDraft:
        return UserDraft(
            username=self.username.text().strip().lower(),
            display_name=self.display_name.text().strip(),
            roles=frozenset(role for role, box in self.role_boxes.items() if box.isChecked()),
            active=self.active.isChecked(),
            password=self.password.password() if self.password is not None else "",
        )

    def _update_ok(self) -> None:
        ready = any(box.isChecked() for box in self.role_boxes.values())
        if self.password is not None:
            ready = ready and bool(self.username.text().strip()) and not self.password.problems()
        self.ok_button.setEnabled(ready)

    def save(self) -> None:
        if not self.ok_button.isEnabled():
            return
        try:
            self.result_value = self.save_function(self.draft())
        except UserError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message)
            return
        if self.result_value is None:
            self.result_value = True
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        accounts: AccountService,
        save: Callable[[UserDraft], Any],
        user: UserLine | None = None,
    ) -> Any:
        """What `save` returned (True when it returned nothing), or None when nothing was saved."""
        dialog = cls(accounts, save, user, parent)
        dialog.exec()
        return dialog.result_value


class PasswordDialog(QDialog):
    """An admin sets a new password; the person changes it at the next login."""

    def __init__(
        self,
        accounts: AccountService,
        user: UserLine,
        save: Callable[[str], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.save_function = save
        self.result_value: Any = None
        self.setWindowTitle(self.tr("Reset password"))
        self.setMinimumWidth(440)
        intro = QLabel(
            self.tr(
                "New password for %1 (%2). The account will be unlocked, and the person has to "
                "choose a new password at the next login."
            )
            .replace("%1", user.display_name or user.username)
            .replace("%2", user.username)
        )
        intro.setWordWrap(True)
        self.password = PasswordFields(accounts, lambda: user.username, self)
        form = QFormLayout()
        self.password.add_rows(form)
        buttons, self.ok_button = _buttons(self, self.tr("&Set password"))
        buttons.accepted.connect(self.save)
        self.password.changed.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(not self.password.problems())

    def save(self) -> None:
        if not self.ok_button.isEnabled():
            return
        try:
            self.result_value = self.save_function(self.password.password())
        except UserError as error:
            QMessageBox.warning(self, self.windowTitle(), error.message)
            return
        if self.result_value is None:
            self.result_value = True
        self.accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        accounts: AccountService,
        user: UserLine,
        save: Callable[[str], Any],
    ) -> Any:
        """What `save` returned (True when it returned nothing), or None when nothing was set."""
        dialog = cls(accounts, user, save, parent)
        dialog.exec()
        return dialog.result_value
