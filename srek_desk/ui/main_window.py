"""The main window: its pages, the navigation between them, and how a change on one page reaches
the others (menus, role rules, page construction and demo data live in modules beside it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QWidget,
)

from srek_desk.config import Config
from srek_desk.ui.matching_index import MatchingIndexBuilder
from srek_desk.ui.permissions import PAGES, window_permissions
from srek_desk.ui.tasks import Task, TaskRunner
from srek_desk.ui.widgets.lazy_pages import LazyPages
from srek_desk.ui.window_menus import WindowMenus

if TYPE_CHECKING:
    from srek_desk.reference.catalog import ReferenceData
    from srek_desk.services.core.access import Actor
    from srek_desk.services.core.database import Database
    from srek_desk.ui.pages.clients_page import ClientsPage


class MainWindow(QMainWindow):
    demo_finished = Signal()

    def __init__(
        self,
        config: Config,
        runner: TaskRunner,
        database: Database | None = None,
        reference: ReferenceData | None = None,
        parent: QWidget | None = None,
        actor: Actor | None = None,
    ) -> None:
        """The window appears at once; `attach()` adds the pages when the database is open.

        Opening the database (importing SQLAlchemy, checking the schema) takes longer than
        showing the window, so app.py shows the window first and opens the database off the
        GUI thread.
        """
        super().__init__(parent)
        from srek_desk.services.core.access import SYSTEM

        self.config = config
        self.runner = runner
        self.actor: Actor = actor or SYSTEM
        self.guard: Any = None  # ui.session_guard.SessionGuard once someone signed in
        self.restore_handler: Any = None  # app.py: restore a backup file, then quit
        self.accounts: Any = None  # AccountService of the sign-in (app.py); else built on attach
        self.backup_warning = ""
        self._task: Task | None = None
        self.database: Database | None = None
        self.matching_service: Any = None
        self.sheet_service: Any = None
        self.setWindowTitle("SREK Desk")
        self.resize(1280, 800)

        self.pages = LazyPages()
        self.loading = QLabel(self.tr("Opening the database…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.loading)
        self.navigation = QListWidget()
        self.navigation.setAccessibleName(self.tr("Navigation"))
        self.navigation.setMaximumWidth(200)
        self.navigation.setMinimumWidth(140)  # "Einstellungen" stays readable on small screens
        self.navigation.setStyleSheet("QListWidget::item { padding: 8px 10px; }")
        for label in (  # in the order of ui.permissions.PAGES
            self.tr("Today"),
            self.tr("Clients"),
            self.tr("Matching"),
            self.tr("Offers"),
            self.tr("Employers"),
            self.tr("Imports"),
            self.tr("Statistics"),
            self.tr("Settings"),
            self.tr("Administration"),
        ):
            QListWidgetItem(label, self.navigation)
        self.navigation.setEnabled(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([self.navigation.maximumWidth(), 10_000])
        self.setCentralWidget(splitter)
        self.menus = WindowMenus(
            self,
            walk_in=self.walk_in,
            print_sheet=self.print_sheet,
            offer_demo_data=lambda: self.offer_demo_data(first_start=False),
            refresh=self.refresh,
            go_to_page=self.navigation.setCurrentRow,
            find=self.focus_search,
        )
        self.file_menu = self.menus.file_menu
        self.walk_in_action = self.menus.walk_in_action
        self.demo_action = self.menus.demo_action
        self.matching_index = MatchingIndexBuilder(self, runner, self._matching_built)
        if database is not None and reference is not None:
            self.attach(database, reference)

    def attach(self, database: Database, reference: ReferenceData) -> None:
        """Build the pages over an open database and show the first one the role may use."""
        from srek_desk.ui.change_watcher import watch_colleagues
        from srek_desk.ui.session_status import show_session_status
        from srek_desk.ui.timetable_texts import timetable_about
        from srek_desk.ui.window_dialogs import WindowDialogs
        from srek_desk.ui.window_pages import build_pages

        self.database = database
        self.reference = reference
        self.menus.timetable_about = lambda: timetable_about(database, self.config)
        built = build_pages(
            database,
            reference,
            self.runner,
            self.actor,
            config=lambda: self.config,
            sheets=lambda: self.sheet_service,
            accounts=self.accounts,
        )
        self.client_service = built.client_service
        self.proposal_service = built.proposal_service
        self.offer_service = built.offer_service
        self.today_page = built.today
        self.clients_page: ClientsPage = built.clients
        self.matching_page = built.matching
        self.offers_page = built.offers
        self.employers_page = built.employers
        self.imports_page = built.imports
        self.statistics_page = built.statistics
        self.settings_page = built.settings
        self.admin_page = built.admin
        self.backup_warning = built.backup_warning or self.backup_warning
        self.dialogs = WindowDialogs(
            self,
            self.runner,
            reference,
            self.client_service,
            self.proposal_service,
            matching=lambda: (self.matching_service, self.sheet_service),
            current_offer=self.offers_page.current_id,
            show_matching=self.show_matching,
            client_saved=self._client_data_changed,
        )
        self._connect_pages()
        self.pages.removeWidget(self.loading)
        self.loading.deleteLater()
        self.page_list: list[QWidget] = built.in_order()
        for page in self.page_list:
            self.pages.addWidget(page)
        # Only the page in view loads now; the others load when first shown (start-up time).
        self.pages.mark_stale()
        self.navigation.currentRowChanged.connect(self.pages.show_row)
        self.navigation.setEnabled(True)
        self._apply_permissions()
        first = next(row for row, page in enumerate(PAGES) if self.permissions.shows(page))
        self.navigation.setCurrentRow(first)
        self.pages.show_row(first)
        show_session_status(self.statusBar(), self.actor, database.url, self.backup_warning)
        self._build_matching()
        # on a shared server colleagues change data too: lists reload when they did
        self.change_watcher = watch_colleagues(
            database, self.runner, self.config["ui.refresh_seconds"], self
        )
        if self.change_watcher is not None:
            self.change_watcher.changed.connect(self._others_changed)
        self.offline_actions, self.handover_actions = self.menus.add_case_files(
            database,
            self.actor,
            self.runner,
            self.config["office.name"],
            self.clients_page.table_page.current_id,
            enabled=self.permissions.case_files,
        )
        for case_files in (self.offline_actions, self.handover_actions):
            case_files.changed.connect(self._client_data_changed)

    def _connect_pages(self) -> None:
        """A page asks for another page or a dialog, or tells that data changed."""
        dialogs = self.dialogs
        self.today_page.open_client.connect(dialogs.edit_client)
        self.today_page.show_client.connect(self.show_client)
        self.today_page.match_client.connect(self.show_matching)
        self.today_page.match_offer.connect(dialogs.offer_matches)
        self.clients_page.data_protection_changed.connect(self._protection_changed)
        self.clients_page.client_changed.connect(lambda _id: self._client_data_changed())
        self.clients_page.find_offers.connect(self.show_matching)
        self.clients_page.edit_requested.connect(dialogs.edit_client)
        self.clients_page.new_requested.connect(dialogs.new_client)
        self.matching_page.client_changed.connect(self._client_data_changed)
        self.offers_page.match_offer.connect(dialogs.offer_matches)
        self.employers_page.match_offer.connect(dialogs.offer_matches)
        self.imports_page.imported.connect(self._offers_imported)
        self.settings_page.saved.connect(self._settings_saved)
        self.settings_page.timetable_changed.connect(self._timetable_changed)
        self.admin_page.data_changed.connect(lambda: self._protection_changed(0))
        self.admin_page.restore_requested.connect(self._restore_from)

    def _others_changed(self) -> None:
        self._client_data_changed()
        self.statusBar().showMessage(
            self.tr("Colleagues changed data; the lists were reloaded."), 6000
        )

    def _build_matching(self) -> None:
        """Offers, settings or the database changed: the matching index is built anew."""
        self.matching_index.build(self.database, self.reference, self.config, self.actor)

    def _matching_built(self, matching: Any, sheets: Any) -> None:
        self.matching_service, self.sheet_service = matching, sheets
        self.matching_page.set_services(matching, sheets)

    @property
    def attached(self) -> bool:
        return self.database is not None

    # -- navigation -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the page in view; the others reload when they are shown next."""
        if not self.attached:
            return
        if self.matching_service is not None:
            self.matching_service.refresh()
        self.pages.mark_stale()
        self.pages.reload_current()

    def _go_to(self, page: QWidget) -> None:
        self.navigation.setCurrentRow(self.page_list.index(page))

    def focus_search(self) -> None:
        if not self.attached:
            return
        page = self.pages.currentWidget()
        if page is self.clients_page:
            page = self.clients_page.table_page  # type: ignore[assignment]
        search = getattr(page, "search", None)
        if search is None:  # a page without a search box: search the clients
            self._go_to(self.clients_page)
            search = self.clients_page.table_page.search
        search.setFocus()
        search.selectAll()

    def _apply_permissions(self) -> None:
        """Pages the signed-in role may not use are left out of the navigation and Go menu."""
        self.permissions = window_permissions(self.actor.can)
        for row, page in enumerate(PAGES):
            self.navigation.item(row).setHidden(not self.permissions.shows(page))
        self.menus.apply(self.permissions)

    def show_matching(self, client_id: int) -> None:
        detail = self.client_service.detail(client_id)
        if detail is None:
            return
        from srek_desk.services.clients.service import display_name

        c = detail.client
        name = display_name(c.first_name, c.last_name, c.customer_number)
        self._go_to(self.matching_page)
        self.matching_page.show_client(client_id, client_id, name)

    def show_client(self, client_id: int) -> None:
        """The client on the Klient:innen page: details and new chances."""
        self._go_to(self.clients_page)
        self.clients_page.reveal(client_id)

    def print_sheet(self) -> None:
        """Ctrl+P: print the sheet of the matching page (or go there)."""
        if not self.attached:
            return
        if self.pages.currentWidget() is not self.matching_page:
            self._go_to(self.matching_page)
        if self.matching_page.print_button.isEnabled():
            self.matching_page.print_button.click()

    def walk_in(self) -> None:
        if self.attached:
            self.dialogs.walk_in()

    # -- changes ----------------------------------------------------------------------------
    def _restore_from(self, path: object) -> None:
        if self.restore_handler is not None:
            self.restore_handler(path)

    def _protection_changed(self, _client_id: int) -> None:
        """A client restricted, shared or erased: matching drops or takes them back at once."""
        self._refold_matching()
        self.pages.mark_stale(except_page=self.clients_page)

    def _offers_imported(self) -> None:
        # An import commits all its rows at once, stamped when it began: a refresh by time could
        # miss them, so the matching index is rebuilt (off the GUI thread).
        self._build_matching()
        self.pages.mark_stale(except_page=self.imports_page)

    def _settings_saved(self, config: Config) -> None:
        """New weights, commute factors or related occupations: rebuild matching off-thread."""
        self.config = config
        self.offers_page.set_stale_after_days(config["matching.stale_after_days"])
        self._build_matching()

    def _timetable_changed(self) -> None:
        """A timetable loaded or removed: matching takes bus-and-train minutes from it (rebuilt
        off-thread), Heute's warning follows."""
        self._build_matching()
        self.pages.mark_stale(except_page=self.settings_page)

    def _client_data_changed(self) -> None:
        """Clients, proposals or sheets changed (here or by colleagues): tables reload when
        shown, matching refolds."""
        self._refold_matching()
        self.pages.mark_stale(except_page=self.matching_page)
        self.pages.reload_current()

    def _refold_matching(self) -> None:
        if self.matching_service is not None:
            self.matching_service.refresh()
            # a merge or an erasure deletes a client record
            self.matching_service.forget_missing_clients()

    # -- demo data --------------------------------------------------------------------------
    def is_database_empty(self) -> bool:
        from srek_desk.services.demo.generator import database_is_empty

        return self.database is not None and database_is_empty(self.database)

    def offer_demo_data(self, *, first_start: bool) -> Task | None:
        """Ask how much demo data to make, then make it off the GUI thread."""
        from srek_desk.ui.demo_loader import offer_demo_data

        assert self.database is not None
        task = offer_demo_data(
            self,
            self.runner,
            self.database,
            self.reference,
            first_start=first_start,
            on_done=self._demo_done,
            on_failed=self.refresh,
        )
        self._task = task or self._task
        return task

    def _demo_done(self) -> None:
        self._build_matching()  # the new offers and clients (see _offers_imported)
        self.refresh()
        self.demo_finished.emit()
