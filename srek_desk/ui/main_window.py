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
    from srek_desk.services.database import Database
    from srek_desk.ui.pages.clients_page import ClientsPage
    from srek_desk.ui.pages.table_page import TablePage

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
    ) -> None:
        """The window appears at once; `attach()` adds the pages when the database is open.

        Opening the database (importing SQLAlchemy, checking the schema) takes longer than
        showing the window, so app.py shows the window first and opens the database off the
        GUI thread.
        """
        super().__init__(parent)
        self.config = config
        self.runner = runner
        self._task: Task | None = None
        self.database: Database | None = None
        self.setWindowTitle("SREK Desk")
        self.resize(1280, 800)

        self.pages = QStackedWidget()
        self.loading = QLabel(self.tr("Opening the database…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.loading)
        self.navigation = QListWidget()
        self.navigation.setAccessibleName(self.tr("Navigation"))
        self.navigation.setMaximumWidth(200)
        self.navigation.setStyleSheet("QListWidget::item { padding: 8px 10px; }")
        for label in (self.tr("Clients"), self.tr("Offers"), self.tr("Employers")):
            QListWidgetItem(label, self.navigation)
        self.navigation.setEnabled(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self._build_menus()
        if database is not None and reference is not None:
            self.attach(database, reference)

    def attach(self, database: Database, reference: ReferenceData) -> None:
        """Build the pages over an open database and show the first one."""
        from srek_desk.services.clients import ClientService
        from srek_desk.services.listing import ListingService
        from srek_desk.ui import formatting
        from srek_desk.ui.models.listing_model import ListingModel
        from srek_desk.ui.pages.clients_page import ClientsPage
        from srek_desk.ui.pages.table_page import TablePage

        self.database = database
        self.reference = reference
        self.clients_page: ClientsPage = ClientsPage(
            ListingModel(
                ListingService(database, "clients"),
                self._client_headers(),
                formatting.client_formatters(reference),
            ),
            ClientService(database),
            reference,
        )
        self.offers_page: TablePage = TablePage(
            ListingModel(
                ListingService(database, "offers"),
                self._offer_headers(),
                formatting.offer_formatters(reference),
            ),
            self.tr("Offers"),
        )
        self.employers_page: TablePage = TablePage(
            ListingModel(
                ListingService(database, "employers"),
                self._employer_headers(),
                formatting.employer_formatters(reference),
            ),
            self.tr("Employers"),
        )
        self.pages.removeWidget(self.loading)
        self.loading.deleteLater()
        for page in (self.clients_page, self.offers_page, self.employers_page):
            self.pages.addWidget(page)
        # Only the page in view loads now; the others load when first shown (start-up time).
        self._stale: set[QWidget] = {self.clients_page, self.offers_page, self.employers_page}
        self.navigation.currentRowChanged.connect(self._show_page)
        self.navigation.setEnabled(True)
        self.navigation.setCurrentRow(0)
        self._show_page(0)
        self.demo_action.setEnabled(True)
        self.statusBar().showMessage(self.tr("Database: %1").replace("%1", database.url))

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
        for number, label in enumerate(
            (self.tr("&Clients"), self.tr("&Offers"), self.tr("&Employers"))
        ):
            action = QAction(label, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(
                lambda _checked=False, row=number: self.navigation.setCurrentRow(row)
            )
            go_menu.addAction(action)
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
        self._stale = {self.clients_page, self.offers_page, self.employers_page}
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
        table_page = page if page is not self.clients_page else self.clients_page.table_page
        search = table_page.search  # type: ignore[union-attr]
        search.setFocus()
        search.selectAll()

    def is_database_empty(self) -> bool:
        from srek_desk.services.demo import database_is_empty

        return self.database is not None and database_is_empty(self.database)

    def offer_demo_data(self, *, first_start: bool) -> Task | None:
        from srek_desk.ui.dialogs.demo_dialog import DemoDataDialog

        answer = DemoDataDialog.ask(self, first_start=first_start)
        if answer is None:
            return None
        return self.load_demo_data(*answer)

    def load_demo_data(self, offers: int, clients: int, seed: int | None = None) -> Task:
        from srek_desk.services.demo import DemoGenerator, free_demo_seed

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
        QMessageBox.about(
            self,
            self.tr("About SREK Desk"),
            self.tr(
                "<h3>SREK Desk %1</h3><p>Apprenticeships and jobs across the borders of "
                "Hessen, Niedersachsen, Nordrhein-Westfalen and Thüringen.</p>"
                "<p>Postcode data: GeoNames (CC BY 4.0) and others, see the attribution file.</p>"
            ).replace("%1", __version__),
        )
