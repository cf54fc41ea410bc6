"""Verwaltung: staff accounts, the audit log, retention periods and backups, one tab each, shown
only to roles that hold the permission."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from srek_desk.services.core.access import Actor
from srek_desk.services.core.audit import AuditService
from srek_desk.services.protection.accounts import AccountService
from srek_desk.services.protection.retention import RetentionService
from srek_desk.ui.pages.admin_audit import AuditTab
from srek_desk.ui.pages.admin_backups import BackupsTab
from srek_desk.ui.pages.admin_retention import RetentionTab
from srek_desk.ui.pages.admin_users import UsersTab
from srek_desk.ui.tasks import TaskRunner


class AdminPage(QWidget):
    """`data_changed` after retention removed records; `restore_requested(Path)` when the admin
    confirmed a restore (the window closes the database, restores and restarts)."""

    data_changed = Signal()
    restore_requested = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        actor: Actor,
        accounts: AccountService,
        audit: AuditService,
        retention: RetentionService,
        backups: Any,
        config: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.actor = actor
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Administration areas"))
        self.users_tab: UsersTab | None = None
        self.audit_tab: AuditTab | None = None
        self.retention_tab: RetentionTab | None = None
        self.backups_tab: BackupsTab | None = None
        if actor.can("users.manage"):
            self.users_tab = UsersTab(actor, accounts)
            self.tabs.addTab(self.users_tab, self.tr("&Accounts"))
        if actor.can("audit.view"):
            self.audit_tab = AuditTab(runner, actor, audit)
            self.tabs.addTab(self.audit_tab, self.tr("Audit &log"))
        if actor.can("retention"):
            self.retention_tab = RetentionTab(runner, actor, retention)
            self.retention_tab.data_changed.connect(self.data_changed)
            self.tabs.addTab(self.retention_tab, self.tr("&Retention periods"))
        if actor.can("backups"):
            self.backups_tab = BackupsTab(runner, backups, config)
            self.backups_tab.restore_requested.connect(self.restore_requested)
            self.tabs.addTab(self.backups_tab, self.tr("&Backups"))
        self._stale: set[QWidget] = {self.tabs.widget(i) for i in range(self.tabs.count())}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>" + self.tr("Administration") + "</h2>"))
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._tab_shown)

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i).replace("&", "") for i in range(self.tabs.count())]

    def refresh(self) -> None:
        """Reload the tab in view; the others reload when they are shown next."""
        self._stale = {self.tabs.widget(i) for i in range(self.tabs.count())}
        self._tab_shown(self.tabs.currentIndex())

    def _tab_shown(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if tab is not None and tab in self._stale:
            self._stale.discard(tab)
            tab.refresh()  # type: ignore[attr-defined]
