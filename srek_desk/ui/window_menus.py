"""The main window's menus and actions: File (counselling, printing, case files, demo data, quit),
Go (a shortcut per page, Find) and Help (About)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from srek_desk import __version__
from srek_desk.ui.permissions import PAGES, WindowPermissions

if TYPE_CHECKING:
    from srek_desk.services.core.access import Actor
    from srek_desk.services.core.database import Database
    from srek_desk.ui.handover_actions import HandoverActions
    from srek_desk.ui.offline_actions import OfflineActions
    from srek_desk.ui.tasks import TaskRunner

# The texts keep the "MainWindow" context: the German translation knows them by it.
translate = QCoreApplication.translate


class WindowMenus:
    """Builds the menus on `window`'s menu bar; what the actions do comes in as callbacks.

    The actions belong to the window (their parent), so their shortcuts work on every page.
    """

    def __init__(
        self,
        window: QMainWindow,
        *,
        walk_in: Callable[[], object],
        print_sheet: Callable[[], object],
        offer_demo_data: Callable[[], object],
        refresh: Callable[[], object],
        go_to_page: Callable[[int], object],
        find: Callable[[], object],
    ) -> None:
        self.window = window
        # the About dialog's timetable lines (publisher, licence); the window sets it on attach
        self.timetable_about: Callable[[], str] = lambda: ""
        self._build_file_menu(window, walk_in, print_sheet, offer_demo_data, refresh)
        self._build_go_menu(window, go_to_page, find)
        help_menu = window.menuBar().addMenu(translate("MainWindow", "&Help"))
        about = QAction(translate("MainWindow", "&About SREK Desk"), window)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _build_file_menu(
        self,
        window: QMainWindow,
        walk_in: Callable[[], object],
        print_sheet: Callable[[], object],
        offer_demo_data: Callable[[], object],
        refresh: Callable[[], object],
    ) -> None:
        file_menu = window.menuBar().addMenu(translate("MainWindow", "&File"))
        self.walk_in_action = QAction(translate("MainWindow", "&New counselling…"), window)
        self.walk_in_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.walk_in_action.triggered.connect(walk_in)
        self.walk_in_action.setEnabled(False)  # until the database is open
        file_menu.addAction(self.walk_in_action)
        self.print_action = QAction(translate("MainWindow", "&Print sheet…"), window)
        self.print_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_action.triggered.connect(print_sheet)
        file_menu.addAction(self.print_action)
        self.file_menu = file_menu
        # the case file actions (see add_case_files) go above this separator
        self.demo_separator = file_menu.addSeparator()
        self.demo_action = QAction(translate("MainWindow", "Load &demo data…"), window)
        self.demo_action.triggered.connect(offer_demo_data)
        self.demo_action.setEnabled(False)
        file_menu.addAction(self.demo_action)
        refresh_action = QAction(translate("MainWindow", "&Refresh"), window)
        refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        refresh_action.triggered.connect(refresh)
        file_menu.addAction(refresh_action)
        file_menu.addSeparator()
        quit_action = QAction(translate("MainWindow", "&Quit"), window)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(window.close)
        file_menu.addAction(quit_action)

    def _build_go_menu(
        self, window: QMainWindow, go_to_page: Callable[[int], object], find: Callable[[], object]
    ) -> None:
        go_menu = window.menuBar().addMenu(translate("MainWindow", "&Go"))
        labels = (
            translate("MainWindow", "&Today"),
            translate("MainWindow", "&Clients"),
            translate("MainWindow", "&Matching"),
            translate("MainWindow", "&Offers"),
            translate("MainWindow", "&Employers"),
            translate("MainWindow", "&Imports"),
            translate("MainWindow", "&Statistics"),
            translate("MainWindow", "Se&ttings"),
            translate("MainWindow", "Ad&ministration"),
        )
        assert len(labels) == len(PAGES)
        self.go_actions: list[QAction] = []
        for number, label in enumerate(labels):
            action = QAction(label, window)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.triggered.connect(lambda _checked=False, row=number: go_to_page(row))
            go_menu.addAction(action)
            self.go_actions.append(action)
        find_action = QAction(translate("MainWindow", "&Find"), window)
        find_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find_action.triggered.connect(find)
        go_menu.addAction(find_action)

    def add_case_files(
        self,
        database: Database,
        actor: Actor,
        runner: TaskRunner,
        office_name: str,
        current_client: Callable[[], int | None],
        *,
        enabled: bool,
    ) -> tuple[OfflineActions, HandoverActions]:
        """Laptop check-out/check-in and case handover join the File menu above the demo data;
        they act on `current_client()`, the client selected on its page."""
        from srek_desk.ui.handover_actions import HandoverActions
        from srek_desk.ui.offline_actions import OfflineActions

        offline = OfflineActions(self.window, database, actor, current_client)
        handover = HandoverActions(
            self.window, database, actor, runner, office_name, current_client
        )
        for action in (
            offline.checkout_action,
            offline.checkin_action,
            handover.export_action,
            handover.import_action,
        ):
            action.setEnabled(enabled)
            self.file_menu.insertAction(self.demo_separator, action)
        return offline, handover

    def apply(self, permissions: WindowPermissions) -> None:
        """Go to a page the role may not see, counselling, printing, demo data: off or on."""
        for page, action in zip(PAGES, self.go_actions, strict=True):
            action.setEnabled(permissions.shows(page))
        self.walk_in_action.setEnabled(permissions.walk_in)
        self.print_action.setEnabled(permissions.print_sheet)
        self.demo_action.setEnabled(permissions.demo_data)

    def show_about(self) -> None:
        from srek_desk.build_info import current_build_info

        build = current_build_info()
        if build.from_source:
            build_line = translate("MainWindow", "Run from the source code")
        else:
            build_line = (
                translate("MainWindow", "Build %1 of %2")
                .replace("%1", build.short_commit or "–")
                .replace("%2", build.built_date or "–")
            )
            if build.platform:
                build_line += f" ({build.platform})"
        runtime = f"Python {build.python}, Qt {qVersion()}"
        QMessageBox.about(
            self.window,
            translate("MainWindow", "About SREK Desk"),
            translate(
                "MainWindow",
                "<h3>SREK Desk %1</h3><p>Apprenticeships and jobs across the borders of "
                "Hessen, Niedersachsen, Nordrhein-Westfalen and Thüringen.</p>"
                "<p>Postcode data: GeoNames (CC BY 4.0) and others, see the attribution file.</p>",
            ).replace("%1", __version__)
            + self.timetable_about()
            + f"<p>{escape(build_line)}<br>{escape(runtime)}</p>",
        )
