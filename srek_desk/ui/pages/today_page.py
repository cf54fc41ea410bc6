"""Heute: new chances, reminders, follow-ups due, recently changed clients, the latest import,
offers expiring soon."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from srek_desk.config import Config
from srek_desk.reference.gazetteer import STATE_NAMES
from srek_desk.services.chances.reminders import (
    APPRENTICESHIP,
    DEADLINE,
    NO_CONTACT,
    Reminder,
    ReminderService,
)
from srek_desk.services.chances.service import ChanceCount, ChanceService
from srek_desk.services.clients.service import ClientService, FollowUpLine, RecentClient
from srek_desk.services.imports.service import ImportService
from srek_desk.services.offers.service import OfferLine, OfferService
from srek_desk.services.timetable import TimetableService, TimetableStatus
from srek_desk.ui.models.rows_model import Column, RowsModel
from srek_desk.ui.tasks import TaskRunner
from srek_desk.ui.widgets.client_chances import chances_text
from srek_desk.ui.widgets.tables import RowsTable

log = logging.getLogger(__name__)

EXPIRING_DAYS = 14


def _day(value: Any) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else ""


def _timetable_status(timetable: TimetableService) -> TimetableStatus | None:
    """What timetable is loaded; a failure to read it is logged and must not empty the page."""
    try:
        return timetable.status()
    except Exception:
        log.exception("reading the timetable's status failed")
        return None


@dataclass(frozen=True)
class TodayData:
    follow_ups: list[FollowUpLine]
    recent: list[RecentClient]
    latest_import: dict[str, Any] | None
    expiring: list[OfferLine]
    chances: list[ChanceCount]
    reminders: list[Reminder]
    timetable: TimetableStatus | None = None  # warns when expired or ending within 30 days


class TodayPage(QWidget):
    open_client = Signal(int)  # edit the client
    match_client = Signal(int)  # the client's matching
    match_offer = Signal(int)  # the clients an offer fits
    show_client = Signal(int)  # the client on the Klient:innen page (chances, details)

    def __init__(
        self,
        runner: TaskRunner,
        clients: ClientService,
        offers: OfferService,
        imports: ImportService,
        parent: QWidget | None = None,
        *,
        config: Callable[[], Config] | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.clients = clients
        self.offers = offers
        self.imports = imports
        self.config = config or Config.defaults
        self.title = QLabel("<h2>" + self.tr("Today") + "</h2>")

        self.chances_model = RowsModel(
            [
                Column(self.tr("Client"), lambda c: c.client_name),
                Column(
                    self.tr("New chances"),
                    lambda c: chances_text(c.count, c.since),
                    sort=lambda c: c.count,
                ),
            ],
            self,
        )
        self.chances = RowsTable(self.chances_model, self.tr("New chances"))
        self.chances.doubleClicked.connect(lambda _i: self._show_chances())
        chances_button = QPushButton(self.tr("Show c&hances…"))
        chances_button.clicked.connect(self._show_chances)

        self.reminders_model = RowsModel(
            [
                Column(self.tr("Client"), lambda r: r.client_name),
                Column(self.tr("Reminder"), self._reminder_kind),
                Column(self.tr("Why"), self._reminder_text, tooltip=self._reminder_text),
            ],
            self,
        )
        self.reminders = RowsTable(self.reminders_model, self.tr("Reminders"))
        self.reminders.doubleClicked.connect(lambda _i: self._show_reminded())
        reminder_button = QPushButton(self.tr("Open clie&nt"))
        reminder_button.clicked.connect(self._show_reminded)

        self.follow_model = RowsModel(
            [
                Column(self.tr("Due"), lambda f: _day(f.due_date), sort=lambda f: f.due_date),
                Column(self.tr("Client"), lambda f: f.client_name),
                Column(self.tr("To do"), lambda f: f.text, tooltip=lambda f: f.text),
            ],
            self,
        )
        self.follow_ups = RowsTable(self.follow_model, self.tr("Follow-ups due"))
        self.follow_ups.doubleClicked.connect(lambda _i: self._open_follow_up())
        self.done_button = QPushButton(self.tr("Mark as d&one"))
        self.done_button.clicked.connect(self.complete_follow_up)
        open_button = QPushButton(self.tr("Open c&lient…"))
        open_button.clicked.connect(self._open_follow_up)

        self.recent_model = RowsModel(
            [
                Column(self.tr("Client"), lambda c: c.name),
                Column(self.tr("Customer no."), lambda c: c.customer_number or ""),
                Column(
                    self.tr("Changed"),
                    lambda c: c.updated_at.strftime("%d.%m.%Y %H:%M"),
                    sort=lambda c: c.updated_at,
                ),
            ],
            self,
        )
        self.recent = RowsTable(self.recent_model, self.tr("Recent clients"))
        self.recent.doubleClicked.connect(lambda _i: self._match_recent())
        match_button = QPushButton(self.tr("Find off&ers"))
        match_button.clicked.connect(self._match_recent)

        self.import_label = QLabel()
        self.import_label.setWordWrap(True)
        self.import_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.expiring_model = RowsModel(
            [
                Column(
                    self.tr("Apply by"),
                    lambda o: _day(o.application_deadline),
                    sort=lambda o: o.application_deadline,
                ),
                Column(self.tr("Offer"), lambda o: o.title),
                Column(self.tr("Employer"), lambda o: o.employer_name),
                Column(self.tr("Place"), lambda o: o.place),
                Column(self.tr("State"), lambda o: STATE_NAMES.get(o.state, o.state)),
            ],
            self,
        )
        self.expiring = RowsTable(self.expiring_model, self.tr("Offers expiring soon"))
        self.expiring.doubleClicked.connect(lambda _i: self._match_offer())
        clients_button = QPushButton(self.tr("Matching clien&ts…"))
        clients_button.clicked.connect(self._match_offer)

        def box(title: str, table: QWidget, *buttons: QPushButton) -> QGroupBox:
            group = QGroupBox(title)
            layout = QVBoxLayout(group)
            layout.addWidget(table)
            if buttons:
                row = QHBoxLayout()
                row.addStretch(1)
                for button in buttons:
                    row.addWidget(button)
                layout.addLayout(row)
            return group

        grid = QGridLayout()
        grid.addWidget(box(self.tr("Reminders"), self.reminders, reminder_button), 0, 0)
        grid.addWidget(
            box(self.tr("New chances since the last contact"), self.chances, chances_button), 0, 1
        )
        grid.addWidget(
            box(self.tr("Follow-ups due"), self.follow_ups, open_button, self.done_button), 1, 0
        )
        grid.addWidget(box(self.tr("Recent clients"), self.recent, match_button), 1, 1)
        grid.addWidget(
            box(self.tr("Offers expiring within two weeks"), self.expiring, clients_button), 2, 0
        )
        grid.addWidget(box(self.tr("Latest import"), self.import_label), 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.timetable_banner = QLabel()  # shown while the timetable needs replacing
        self.timetable_banner.setWordWrap(True)
        self.timetable_banner.setStyleSheet(
            "background: #fff4e5; color: #7c2d12; border: 1px solid #f0b35a; padding: 6px;"
        )
        self.timetable_banner.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.timetable_banner)
        layout.addLayout(grid, 1)

    def refresh(self) -> None:
        clients, offers, imports = self.clients, self.offers, self.imports
        chances = ChanceService(clients.database, clients.actor, self.config())
        reminders = ReminderService(clients.database, clients.actor, self.config())
        timetable = TimetableService(clients.database, self.config())

        def work(_progress: Any, _cancelled: Any) -> TodayData:
            history = imports.history(limit=1)
            return TodayData(
                follow_ups=clients.follow_ups_due(date.today()),
                recent=clients.recent_clients(12),
                latest_import=history[0] if history else None,
                expiring=offers.offers_expiring(EXPIRING_DAYS),
                chances=chances.counts(),
                reminders=reminders.due(),
                timetable=_timetable_status(timetable),
            )

        self.runner.start(
            work,
            self,
            on_finished=self.show_data,
            on_failed=lambda error: log.error("loading the Heute page failed", exc_info=error),
        )

    def show_data(self, data: TodayData) -> None:
        self.follow_model.set_rows(data.follow_ups)
        self.recent_model.set_rows(data.recent)
        self.expiring_model.set_rows(data.expiring)
        self.chances_model.set_rows(data.chances)
        self.reminders_model.set_rows(data.reminders)
        for table in (self.follow_ups, self.recent, self.expiring, self.chances, self.reminders):
            table.fit_columns()
        self.done_button.setEnabled(bool(data.follow_ups))
        self._show_timetable_warning(data.timetable)
        run = data.latest_import
        if run is None:
            self.import_label.setText(self.tr("No import yet."))
            return
        started = run["started_at"]
        text = (
            self.tr("%1 from %2, %3")
            .replace("%1", escape(str(run.get("file_name") or run.get("source", ""))))
            .replace("%2", escape(str(run.get("source", ""))))
            .replace(
                "%3",
                started.strftime("%d.%m.%Y %H:%M")
                if hasattr(started, "strftime")
                else str(started),
            )
        )
        counts = (
            self.tr("%1 rows: %2 new, %3 updated, %4 deactivated, %5 with errors")
            .replace("%1", str(run.get("total", 0)))
            .replace("%2", str(run.get("new", 0)))
            .replace("%3", str(run.get("updated", 0)))
            .replace("%4", str(run.get("deactivated", 0)))
            .replace("%5", str(run.get("bad_rows", 0)))
        )
        self.import_label.setText("<p><b>" + text + "</b></p><p>" + escape(counts) + "</p>")

    def _show_timetable_warning(self, status: TimetableStatus | None) -> None:
        warning = status.warning if status is not None else None
        if status is None or not warning:
            self.timetable_banner.hide()
            return
        text = "<b>" + escape(warning) + "</b>"
        if not status.expired:  # the expired sentence says itself where to load a new one
            text += " " + escape(
                self.tr("Load a new one: Settings › Commute times › Load timetable…")
            )
        self.timetable_banner.setText(text)
        self.timetable_banner.show()

    def complete_follow_up(self) -> None:
        line = self.follow_ups.current_row()
        if line is None:
            return
        self.clients.complete_follow_up(line.id)
        self.refresh()

    def _open_follow_up(self) -> None:
        line = self.follow_ups.current_row()
        if line is not None:
            self.open_client.emit(line.client_id)

    def _match_recent(self) -> None:
        client = self.recent.current_row()
        if client is not None:
            self.match_client.emit(client.id)

    def _match_offer(self) -> None:
        offer = self.expiring.current_row()
        if offer is not None:
            self.match_offer.emit(offer.id)

    def _show_chances(self) -> None:
        line = self.chances.current_row()
        if line is not None:
            self.show_client.emit(line.client_id)

    def _show_reminded(self) -> None:
        reminder = self.reminders.current_row()
        if reminder is not None:
            self.show_client.emit(reminder.client_id)

    def _reminder_kind(self, reminder: Reminder) -> str:
        return {
            NO_CONTACT: self.tr("No contact"),
            APPRENTICESHIP: self.tr("Apprenticeship start"),
            DEADLINE: self.tr("Application deadline"),
        }[reminder.kind]

    def _reminder_text(self, reminder: Reminder) -> str:
        day = _day(reminder.day)
        if reminder.kind == NO_CONTACT:
            if reminder.day is None:
                return self.tr("No contact recorded yet (client for %n day(s))", "", reminder.days)
            return self.tr("No contact for %n day(s), last on %1", "", reminder.days).replace(
                "%1", day
            )
        if reminder.kind == APPRENTICESHIP:
            if reminder.offer_title:
                text = self.tr(
                    "“%2” starts on %1 (in %n day(s)), no placement yet", "", reminder.days
                )
                return text.replace("%1", day).replace("%2", reminder.offer_title)
            text = self.tr(
                "The apprenticeship year starts on %1 (in %n day(s)), no placement yet",
                "",
                reminder.days,
            )
            return text.replace("%1", day)
        text = self.tr("Apply for “%2” by %1 (in %n day(s))", "", reminder.days)
        return text.replace("%1", day).replace("%2", reminder.offer_title)
