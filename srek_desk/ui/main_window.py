"""The main window: navigation between Klient:innen, Angebote and Arbeitgeber."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from srek_desk import __version__
from srek_desk.config import Config
from srek_desk.errors import UserError
from srek_desk.ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from srek_desk.reference.catalog import ReferenceData
    from srek_desk.services.core.access import Actor
    from srek_desk.services.core.database import Database
    from srek_desk.ui.pages.clients_page import ClientsPage

log = logging.getLogger(__name__)


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

        self.pages = QStackedWidget()
        self.loading = QLabel(self.tr("Opening the database…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.loading)
        self.navigation = QListWidget()
        self.navigation.setAccessibleName(self.tr("Navigation"))
        self.navigation.setMaximumWidth(200)
        self.navigation.setMinimumWidth(140)  # "Einstellungen" stays readable on small screens
        self.navigation.setStyleSheet("QListWidget::item { padding: 8px 10px; }")
        for label in (
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
        self._build_menus()
        if database is not None and reference is not None:
            self.attach(database, reference)

    def attach(self, database: Database, reference: ReferenceData) -> None:
        """Build the pages over an open database and show the first one."""
        from srek_desk.services.clients.service import ClientService
        from srek_desk.services.offers.employers import EmployerService
        from srek_desk.services.imports.service import ImportService
        from srek_desk.services.core.listing import ListingService
        from srek_desk.services.offers.service import OfferQuery, OfferService
        from srek_desk.services.protection.privacy import PrivacyService
        from srek_desk.services.clients.proposals import ProposalService
        from srek_desk.services.statistics.service import StatisticsService
        from srek_desk.ui import formatting
        from srek_desk.ui.models.listing_model import ListingModel
        from srek_desk.ui.models.offer_listing import FilteredOffers, OfferListingModel
        from srek_desk.ui.pages.clients_page import ClientsPage
        from srek_desk.ui.pages.employers_page import EmployersPage
        from srek_desk.ui.pages.imports_page import ImportsPage
        from srek_desk.ui.pages.matching_page import MatchingPage
        from srek_desk.ui.pages.offers_page import OffersPage
        from srek_desk.ui.pages.settings_page import SettingsPage
        from srek_desk.ui.pages.statistics_page import StatisticsPage
        from srek_desk.ui.pages.today_page import TodayPage

        self.database = database
        self.reference = reference
        actor = self.actor
        self.client_service = ClientService(
            database, actor, log_viewing=self.config["audit.log_viewing"]
        )
        self.proposal_service = ProposalService(database, reference)
        self.offer_service = OfferService(database, reference)
        self.today_page = TodayPage(
            self.runner,
            self.client_service,
            self.offer_service,
            ImportService(database, reference),
            config=lambda: self.config,
        )
        self.today_page.open_client.connect(self.edit_client)
        self.today_page.show_client.connect(self.show_client)
        self.today_page.match_client.connect(self.show_matching)
        self.today_page.match_offer.connect(self.show_offer_matches)
        self.clients_page: ClientsPage = ClientsPage(
            ListingModel(
                ListingService(database, "clients", actor=actor),
                self._client_headers(),
                formatting.client_formatters(reference),
            ),
            self.client_service,
            reference,
            privacy=PrivacyService(database, actor),
            runner=self.runner,
            sheets=lambda: self.sheet_service,
            config=lambda: self.config,
        )
        self.clients_page.data_protection_changed.connect(self._protection_changed)
        self.clients_page.client_changed.connect(lambda _id: self._client_data_changed())
        self.matching_page = MatchingPage(self.runner, self.proposal_service)
        self.offers_page = OffersPage(
            OfferListingModel(
                FilteredOffers(OfferQuery(database, reference)),
                self._offer_headers(),
                formatting.offer_formatters(reference),
                stale_after_days=self.config["matching.stale_after_days"],
            ),
            self.offer_service,
            reference,
        )
        self.employers_page = EmployersPage(
            ListingModel(
                ListingService(database, "employers"),
                self._employer_headers(),
                formatting.employer_formatters(reference),
            ),
            EmployerService(database, reference),
            self.offer_service,
            reference,
        )
        self.imports_page = ImportsPage(
            self.runner, ImportService(database, reference), config=lambda: self.config
        )
        self.imports_page.imported.connect(self._offers_imported)
        self.statistics_page = StatisticsPage(self.runner, StatisticsService(database, reference))
        self.settings_page = SettingsPage(self.config, database, reference)
        self.settings_page.saved.connect(self._settings_saved)
        self.admin_page = self._admin_page(database)
        self.offers_page.match_offer.connect(self.show_offer_matches)
        self.employers_page.match_offer.connect(self.show_offer_matches)
        self.clients_page.find_offers.connect(self.show_matching)
        self.clients_page.edit_requested.connect(self.edit_client)
        self.clients_page.new_requested.connect(self.new_client)
        self.matching_page.client_changed.connect(self._client_data_changed)
        self.pages.removeWidget(self.loading)
        self.loading.deleteLater()
        self.page_list = [
            self.today_page,
            self.clients_page,
            self.matching_page,
            self.offers_page,
            self.employers_page,
            self.imports_page,
            self.statistics_page,
            self.settings_page,
            self.admin_page,
        ]
        for page in self.page_list:
            self.pages.addWidget(page)
        # Only the page in view loads now; the others load when first shown (start-up time).
        self._stale: set[QWidget] = set(self.page_list)
        self.navigation.currentRowChanged.connect(self._show_page)
        self.navigation.setEnabled(True)
        self._apply_permissions()
        first = next(
            row
            for row in range(self.navigation.count())
            if not self.navigation.item(row).isHidden()
        )
        self.navigation.setCurrentRow(first)
        self._show_page(first)
        signed_in = (
            self.tr("Signed in: %1 (%2) · ")
            .replace("%1", self.actor.display_name or self.actor.username)
            .replace("%2", self.actor.role_text)
            if self.actor.user_id is not None
            else ""
        )
        self.statusBar().showMessage(
            signed_in + self.tr("Database: %1").replace("%1", database.url)
        )
        if self.backup_warning:
            warning = QLabel(self.backup_warning)
            warning.setStyleSheet("color: #9a3412; font-weight: bold; padding: 0 6px;")
            warning.setAccessibleName(self.tr("Backup warning"))
            self.statusBar().addPermanentWidget(warning)
        self._build_matching()
        self._watch_changes(database)
        self._add_offline_actions(database)

    def _add_offline_actions(self, database: Database) -> None:
        from srek_desk.ui.offline_actions import OfflineActions

        self.offline_actions = OfflineActions(
            self, database, self.actor, self.clients_page.table_page.current_id
        )
        self.offline_actions.changed.connect(self._client_data_changed)
        for action in (self.offline_actions.checkout_action, self.offline_actions.checkin_action):
            action.setEnabled(self.actor.can("clients.own"))
            self.file_menu.insertAction(self.demo_separator, action)
        self._add_handover_actions(database)

    def _add_handover_actions(self, database: Database) -> None:
        from srek_desk.ui.handover_actions import HandoverActions

        self.handover_actions = HandoverActions(
            self,
            database,
            self.actor,
            self.runner,
            self.config["office.name"],
            self.clients_page.table_page.current_id,
        )
        self.handover_actions.changed.connect(self._client_data_changed)
        for action in (self.handover_actions.export_action, self.handover_actions.import_action):
            action.setEnabled(self.actor.can("clients.own"))
            self.file_menu.insertAction(self.demo_separator, action)

    def _watch_changes(self, database: Database) -> None:
        """On a shared server others change data too: lists reload when they did."""
        from srek_desk.ui.change_watcher import ChangeWatcher

        self.change_watcher: ChangeWatcher | None = None
        if database.sqlite_file is not None:
            return  # one app per SQLite file (lock file): nobody else writes
        self.change_watcher = ChangeWatcher(
            database, self.runner, self.config["ui.refresh_seconds"], self
        )
        self.change_watcher.changed.connect(self._others_changed)
        self.change_watcher.start()

    def _others_changed(self) -> None:
        if self.matching_service is not None:
            self.matching_service.refresh()
            self.matching_service.forget_missing_clients()
        self._stale = set(self.page_list) - {self.matching_page}
        self._show_page(self.pages.currentIndex())
        self.statusBar().showMessage(
            self.tr("Colleagues changed data; the lists were reloaded."), 6000
        )

    def _build_matching(self) -> None:
        """The matching index is built off the GUI thread (it reads every active offer)."""
        from srek_desk.services.matching.service import MatchService
        from srek_desk.services.sheets.service import SheetService

        database, reference, config, actor = self.database, self.reference, self.config, self.actor
        # Builds may overlap (settings saved twice); only the newest one's result is used.
        self._matching_generation = getattr(self, "_matching_generation", 0) + 1
        generation = self._matching_generation

        def work(_progress: Any, _cancelled: Any) -> Any:
            matching = MatchService(database, reference, config)
            sheets = SheetService(database, reference, config, matching, actor=actor)
            return generation, matching, sheets

        self.runner.start(
            work, self, on_finished=self._matching_ready, on_failed=self._matching_failed
        )

    def _matching_ready(self, result: Any) -> None:
        generation, matching, sheets = result
        if generation != self._matching_generation:
            return  # an older build finished after a newer one was started
        self.matching_service, self.sheet_service = matching, sheets
        self.matching_page.set_services(self.matching_service, self.sheet_service)

    def _matching_failed(self, error: BaseException) -> None:
        log.error("building the matching index failed", exc_info=error)
        message = (
            error.message
            if isinstance(error, UserError)
            else self.tr("Matching could not be prepared. Details are in the log file.")
        )
        QMessageBox.critical(self, self.tr("Matching"), message)

    @property
    def attached(self) -> bool:
        return self.database is not None

    # -- layout -----------------------------------------------------------------------------
    def _client_headers(self) -> dict[str, str]:
        return {
            "customer_number": self.tr("Customer no."),
            "last_name": self.tr("Last name"),
            "first_name": self.tr("First name"),
            "home_postcode": self.tr("Postcode"),
            "home_place": self.tr("Place"),
            "school_qualification": self.tr("School qualification"),
            "first_wish": self.tr("First occupational wish"),
            "status": self.tr("Status"),
        }

    def _offer_headers(self) -> dict[str, str]:
        return {
            "reference": self.tr("Reference"),
            "offer_type": self.tr("Type"),
            "title": self.tr("Title"),
            "employer_name": self.tr("Employer"),
            "postcode": self.tr("Postcode"),
            "place": self.tr("Place"),
            "state": self.tr("State"),
            "kldb_code": self.tr("KldB"),
            "start_date": self.tr("Start"),
            "application_deadline": self.tr("Apply by"),
            "active": self.tr("Active"),
        }

    def _employer_headers(self) -> dict[str, str]:
        return {
            "name": self.tr("Name"),
            "postcode": self.tr("Postcode"),
            "place": self.tr("Place"),
            "state": self.tr("State"),
            "contact_name": self.tr("Contact"),
            "phone": self.tr("Phone"),
            "offer_count": self.tr("Active offers"),
        }

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.walk_in_action = QAction(self.tr("&New counselling…"), self)
        self.walk_in_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.walk_in_action.triggered.connect(self.walk_in)
        self.walk_in_action.setEnabled(False)
        file_menu.addAction(self.walk_in_action)
        self.print_action = QAction(self.tr("&Print sheet…"), self)
        self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_action.triggered.connect(self.print_sheet)
        file_menu.addAction(self.print_action)
        self.file_menu = file_menu
        self.demo_separator = file_menu.addSeparator()
        self.demo_action = QAction(self.tr("Load &demo data…"), self)
        self.demo_action.triggered.connect(lambda: self.offer_demo_data(first_start=False))
        self.demo_action.setEnabled(False)
        file_menu.addAction(self.demo_action)
        refresh = QAction(self.tr("&Refresh"), self)
        refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh.triggered.connect(self.refresh)
        file_menu.addAction(refresh)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        self.go_actions: list[QAction] = []
        for number, label in enumerate(
            (
                self.tr("&Today"),
                self.tr("&Clients"),
                self.tr("&Matching"),
                self.tr("&Offers"),
                self.tr("&Employers"),
                self.tr("&Imports"),
                self.tr("&Statistics"),
                self.tr("Se&ttings"),
                self.tr("Ad&ministration"),
            )
        ):
            action = QAction(label, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(
                lambda _checked=False, row=number: self.navigation.setCurrentRow(row)
            )
            go_menu.addAction(action)
            self.go_actions.append(action)
        find = QAction(self.tr("&Find"), self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(self.focus_search)
        go_menu.addAction(find)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About SREK Desk"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    # -- behaviour --------------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the page in view; the others reload when they are shown next."""
        if not self.attached:
            return
        if self.matching_service is not None:
            self.matching_service.refresh()
        self._stale = set(self.page_list)
        self._show_page(self.pages.currentIndex())

    def _show_page(self, row: int) -> None:
        self.pages.setCurrentIndex(row)
        page = self.pages.currentWidget()
        if page in self._stale:
            self._stale.discard(page)
            page.refresh()  # type: ignore[attr-defined]

    def focus_search(self) -> None:
        if not self.attached:
            return
        page = self.pages.currentWidget()
        if page is self.clients_page:
            page = self.clients_page.table_page  # type: ignore[assignment]
        search = getattr(page, "search", None)
        if search is None:  # a page without a search box: search the clients
            self.navigation.setCurrentRow(self.page_list.index(self.clients_page))
            search = self.clients_page.table_page.search
        search.setFocus()
        search.selectAll()

    def _apply_permissions(self) -> None:
        """Pages the signed-in role may not use are left out of the navigation and Go menu."""
        can = self.actor.can
        counsels = can("clients.own")
        allowed = {
            self.today_page: counsels,
            self.clients_page: counsels,
            self.matching_page: counsels,
            self.statistics_page: can("statistics"),
            self.settings_page: can("settings"),
            self.admin_page: any(
                can(p) for p in ("users.manage", "audit.view", "retention", "backups")
            ),
        }
        for row, page in enumerate(self.page_list):
            visible = allowed.get(page, True)
            self.navigation.item(row).setHidden(not visible)
            if row < len(self.go_actions):
                self.go_actions[row].setEnabled(visible)
        self.walk_in_action.setEnabled(counsels)
        self.print_action.setEnabled(counsels)
        self.demo_action.setEnabled(counsels or can("settings"))

    def _admin_page(self, database: Database) -> QWidget:
        from srek_desk.services.protection.accounts import AccountService
        from srek_desk.services.core.audit import AuditService
        from srek_desk.services.protection.backups import BackupService
        from srek_desk.services.protection.retention import RetentionPolicy, RetentionService
        from srek_desk.ui.pages.admin_page import AdminPage

        backups = (
            BackupService.from_config(database, self.config)
            if database.sqlite_file is not None
            else None
        )
        page = AdminPage(
            self.runner,
            self.actor,
            self.accounts or AccountService.from_config(database, self.config),
            AuditService(database),
            RetentionService(database, RetentionPolicy.from_config(self.config)),
            backups,
            self.config,
        )
        page.data_changed.connect(lambda: self._protection_changed(0))
        page.restore_requested.connect(self._restore_from)
        if backups is not None and self.actor.can("backups"):
            warning = backups.age_warning(warn_after_days=self.config["backup.warn_after_days"])
            if warning:
                self.backup_warning = warning
        return page

    def _restore_from(self, path: object) -> None:
        if self.restore_handler is not None:
            self.restore_handler(path)

    def _protection_changed(self, _client_id: int) -> None:
        """A client restricted, shared or erased: matching drops or takes them back at once."""
        if self.matching_service is not None:
            self.matching_service.refresh()
            self.matching_service.forget_missing_clients()
        self._stale = set(self.page_list) - {self.clients_page}

    # -- flows ------------------------------------------------------------------------------
    def show_matching(self, client_id: int) -> None:
        detail = self.client_service.detail(client_id)
        if detail is None:
            return
        from srek_desk.services.clients.service import display_name

        c = detail.client
        name = display_name(c.first_name, c.last_name, c.customer_number)
        self.navigation.setCurrentRow(self.page_list.index(self.matching_page))
        self.matching_page.show_client(client_id, client_id, name)

    def show_offer_matches(self, offer_id: int | None = None) -> None:
        from srek_desk.ui.dialogs.offer_matches_dialog import OfferMatchesDialog

        if offer_id is None:
            offer_id = self.offers_page.current_id()
        if offer_id is None or self.matching_service is None:
            return
        client_id = OfferMatchesDialog.ask(
            self,
            self.matching_service,
            self.proposal_service,
            offer_id,
            self.client_service.visible_ids(),
        )
        if client_id is not None:
            self.show_matching(client_id)

    def walk_in(self) -> None:
        from srek_desk.ui.dialogs.walk_in_dialog import WalkInDialog

        if not self.attached:
            return
        if self.sheet_service is None:
            self.statusBar().showMessage(self.tr("Matching is still being prepared…"), 4000)
            return
        client_id = WalkInDialog.ask(
            self,
            self.client_service,
            self.reference,
            self.matching_service,
            self.sheet_service,
            self.runner,
        )
        if client_id is not None:
            self._client_data_changed()

    def new_client(self) -> None:
        from srek_desk.ui.dialogs.client_editor import ClientEditor

        client_id = ClientEditor.ask(
            self, self.client_service, self.proposal_service, self.reference, None
        )
        if client_id is not None:
            self._client_data_changed()

    def show_client(self, client_id: int) -> None:
        """The client on the Klient:innen page: details and new chances."""
        self.navigation.setCurrentRow(self.page_list.index(self.clients_page))
        self.clients_page.reveal(client_id)

    def edit_client(self, client_id: int) -> None:
        from srek_desk.ui.dialogs.client_editor import ClientEditor

        if (
            ClientEditor.ask(
                self, self.client_service, self.proposal_service, self.reference, client_id
            )
            is not None
        ):
            self._client_data_changed()

    def print_sheet(self) -> None:
        """Ctrl+P: print the sheet of the matching page (or go there)."""
        if not self.attached:
            return
        if self.pages.currentWidget() is not self.matching_page:
            self.navigation.setCurrentRow(self.page_list.index(self.matching_page))
        if self.matching_page.print_button.isEnabled():
            self.matching_page.print_button.click()

    def _offers_imported(self) -> None:
        # An import commits all its rows at once, stamped when it began: a refresh by time could
        # miss them, so the matching index is rebuilt (off the GUI thread).
        self._build_matching()
        self._stale = set(self.page_list) - {self.imports_page}

    def _settings_saved(self, config: Config) -> None:
        """New weights, commute factors or related occupations: rebuild matching off-thread."""
        self.config = config
        self.offers_page.set_stale_after_days(config["matching.stale_after_days"])
        self._build_matching()

    def _client_data_changed(self) -> None:
        """Clients, proposals or sheets changed: tables reload when shown, matching refolds."""
        if self.matching_service is not None:
            self.matching_service.refresh()
            # a merge (from the editor or the clients page) deletes the other record
            self.matching_service.forget_missing_clients()
        self._stale = set(self.page_list) - {self.matching_page}
        self._show_page(self.pages.currentIndex())

    def is_database_empty(self) -> bool:
        from srek_desk.services.demo.generator import database_is_empty

        return self.database is not None and database_is_empty(self.database)

    def offer_demo_data(self, *, first_start: bool) -> Task | None:
        from srek_desk.ui.dialogs.demo_dialog import DemoDataDialog

        answer = DemoDataDialog.ask(self, first_start=first_start)
        if answer is None:
            return None
        return self.load_demo_data(*answer)

    def load_demo_data(self, offers: int, clients: int, seed: int | None = None) -> Task:
        from srek_desk.services.demo.generator import DemoGenerator, free_demo_seed

        assert self.database is not None
        generator = DemoGenerator(self.database, self.reference)
        if seed is None:
            seed = free_demo_seed(self.database)
        progress = QProgressDialog(self.tr("Creating demo data…"), self.tr("Cancel"), 0, 100, self)
        progress.setWindowTitle(self.tr("Demo data"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def work(report: Any, cancelled: Any) -> Any:
            return generator.generate(
                offers=offers, clients=clients, seed=seed, progress=report, cancelled=cancelled
            )

        task = self.runner.start(
            work,
            self,
            on_progress=lambda done, total: progress.setValue(int(100 * done / max(total, 1))),
            on_finished=lambda _result: self._demo_done(progress),
            on_failed=lambda error: self._demo_failed(progress, error),
        )
        self._task = task
        progress.canceled.connect(task.cancel)
        return task

    def _demo_done(self, progress: QProgressDialog) -> None:
        progress.close()
        self._build_matching()  # the new offers and clients (see _offers_imported)
        self.refresh()
        self.demo_finished.emit()

    def _demo_failed(self, progress: QProgressDialog, error: BaseException) -> None:
        progress.close()
        if isinstance(error, UserError):
            QMessageBox.warning(self, self.tr("Demo data"), error.message)
        else:
            log.error("demo data failed", exc_info=error)
            QMessageBox.critical(
                self,
                self.tr("Demo data"),
                self.tr("Creating the demo data failed. Details are in the log file."),
            )
        self.refresh()

    def show_about(self) -> None:
        from html import escape

        from PySide6.QtCore import qVersion

        from srek_desk.build_info import current_build_info

        build = current_build_info()
        if build.from_source:
            build_line = self.tr("Run from the source code")
        else:
            build_line = (
                self.tr("Build %1 of %2")
                .replace("%1", build.short_commit or "–")
                .replace("%2", build.built_date or "–")
            )
            if build.platform:
                build_line += f" ({build.platform})"
        runtime = f"Python {build.python}, Qt {qVersion()}"
        QMessageBox.about(
            self,
            self.tr("About SREK Desk"),
            self.tr(
                "<h3>SREK Desk %1</h3><p>Apprenticeships and jobs across the borders of "
                "Hessen, Niedersachsen, Nordrhein-Westfalen and Thüringen.</p>"
                "<p>Postcode data: GeoNames (CC BY 4.0) and others, see the attribution file.</p>"
            ).replace("%1", __version__)
            + f"<p>{escape(build_line)}<br>{escape(runtime)}</p>",
        )
