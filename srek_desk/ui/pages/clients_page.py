"""Klient:innen: searchable table and a read-only detail pane of the selected client."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from srek_desk.config import Config
from srek_desk.db.codes import (
    CLIENT_PREFERENCES,
    CLIENT_STATUSES,
    MOBILITY_MODES,
    PROPOSAL_STATUSES,
    WORKING_TIMES,
    split_codes,
)
from srek_desk.db.models import local_day
from srek_desk.errors import UserError
from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.gazetteer import STATE_NAMES
from srek_desk.reference.qualifications import language_by_code, school_by_code, vocational_by_code
from srek_desk.services.chances.reminders import ReminderService
from srek_desk.services.chances.service import ChanceService
from srek_desk.services.clients.applications import ApplicationService
from srek_desk.services.clients.service import ClientDetail, ClientService
from srek_desk.services.offers.skills import SkillService
from srek_desk.services.protection.privacy import PrivacyService
from srek_desk.ui.models.listing_model import ListingModel
from srek_desk.ui.pages.table_page import TablePage
from srek_desk.ui.tasks import TaskRunner
from srek_desk.ui.widgets.applications_action import ApplicationsAction
from srek_desk.ui.widgets.client_chances import ClientChances
from srek_desk.ui.widgets.privacy_actions import PrivacyActions


def _date(value: object) -> str:
    return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else ""  # type: ignore[union-attr]


def _language_name(code: str) -> str:
    language = language_by_code(code)
    return language.name if language is not None else code


class ClientDetailPane(QTextBrowser):
    """Shows one client: profile, wishes, mobility, notes, follow-ups and proposals."""

    def __init__(self, reference: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reference = reference
        self.skill_labels: dict[str, str] = {}  # code → label, set by the page
        self.setAccessibleName(self.tr("Client details"))
        self.setOpenLinks(False)
        self.show_detail(None)

    def show_detail(self, detail: ClientDetail | None) -> None:
        if detail is None:
            hint = self.tr("Select a client in the table.")
            self.setHtml("<p><i>" + escape(hint) + "</i></p>")
            return
        self.setHtml(self.render_html(detail))

    def render_html(self, detail: ClientDetail) -> str:
        c = detail.client
        place = (
            self.reference.gazetteer.place_for_postcode(c.home_postcode)
            if c.home_postcode
            else None
        )
        state = f" ({STATE_NAMES.get(place.state, place.state)})" if place else ""
        school = school_by_code(c.school_qualification) if c.school_qualification else None
        vocational = (
            vocational_by_code(c.vocational_qualification) if c.vocational_qualification else None
        )
        wishes = []
        for code, priority in detail.wishes:
            occupation = self.reference.occupations.get(code)
            wishes.append(f"{priority}. {escape(occupation.name if occupation else code)} ({code})")
        modes = ", ".join(MOBILITY_MODES.get(m, m) for m in split_codes(c.mobility_modes))
        times = ", ".join(WORKING_TIMES.get(w, w) for w in split_codes(c.working_time))
        languages = ", ".join(
            f"{escape(_language_name(lang))} {escape(level)}" for lang, level in detail.languages
        )
        own_car = self.tr("own car")
        skills = ", ".join(
            escape(self.skill_labels.get(code, code)) for code in split_codes(c.skills)
        )
        preferences = ", ".join(
            escape(CLIENT_PREFERENCES.get(code, code)) for code in split_codes(c.offer_preferences)
        )
        contact = (
            _date(local_day(c.last_contact_at)) if c.last_contact_at else self.tr("none recorded")
        )
        rows = [
            (self.tr("Customer number"), escape(c.customer_number or "")),
            (self.tr("Born"), _date(c.birth_date)),
            (self.tr("Home"), escape(f"{c.home_postcode} {c.home_place}") + escape(state)),
            (self.tr("School qualification"), escape(school.name if school else "")),
            (self.tr("Vocational qualification"), escape(vocational.name if vocational else "")),
            (self.tr("Target occupations"), "<br>".join(wishes)),
            (self.tr("Skills and certificates"), skills),
            (self.tr("Offer preferences"), preferences),
            (self.tr("Languages"), languages),
            (
                self.tr("Driving licences"),
                escape(c.driving_licences) + (" · " + own_car if c.has_car else ""),
            ),
            (
                self.tr("Mobility"),
                escape(modes)
                + " · "
                + self.tr("max. %1 min one way").replace("%1", str(c.max_commute_minutes)),
            ),
            (
                self.tr("Willing to relocate"),
                self.tr("yes") if c.willing_to_relocate else self.tr("no"),
            ),
            (self.tr("Working time"), escape(times)),
            (self.tr("Available from"), _date(c.earliest_start)),
            (
                self.tr("Consent"),
                (self.tr("given on %1").replace("%1", _date(c.consent_date)))
                if c.consent_given
                else self.tr("not given"),
            ),
            (self.tr("Status"), escape(CLIENT_STATUSES.get(c.status, c.status))),
            (self.tr("Last contact"), contact),
        ]
        table = "".join(
            f"<tr><th align='left' valign='top'>{k}</th><td>{v}</td></tr>" for k, v in rows
        )
        parts = [f"<h2>{escape(c.first_name)} {escape(c.last_name)}</h2>"]
        if c.restricted:
            notice = self.tr(
                "Processing restricted since %1: kept, but not used for matching, sheets or "
                "statistics."
            ).replace("%1", _date(c.restricted_at))
            parts.append(f"<p style='color:#9a3412'><b>{escape(notice)}</b></p>")
        if c.shared:
            shared = self.tr("Shared with the team")
            parts.append(f"<p><i>{escape(shared)}</i></p>")
        parts.append(f"<table cellspacing='4'>{table}</table>")
        none = "<p>" + self.tr("none") + "</p>"
        parts.append("<h3>" + self.tr("Follow-ups") + "</h3>")
        parts.append(
            "<ul>"
            + "".join(
                f"<li>{_date(due)}: {escape(text)}{' ✓' if done else ''}</li>"
                for due, text, done in detail.follow_ups
            )
            + "</ul>"
            if detail.follow_ups
            else none
        )
        parts.append("<h3>" + self.tr("Proposals and outcomes") + "</h3>")
        across = self.tr("across the state border")
        if detail.proposals:
            items = []
            for p in detail.proposals:
                border = " — " + across if p.crosses_state_border else ""
                items.append(
                    f"<li>{_date(p.proposed_at)}: {escape(p.offer_title)}, {escape(p.employer_name)}, "
                    f"{escape(p.place)} ({escape(STATE_NAMES.get(p.state, p.state))}) — "
                    f"<b>{escape(PROPOSAL_STATUSES.get(p.status, p.status))}</b>{border}</li>"
                )
            parts.append("<ul>" + "".join(items) + "</ul>")
        else:
            parts.append(none)
        parts.append("<h3>" + self.tr("Counselling notes") + "</h3>")
        if detail.notes:
            parts.append(
                "".join(f"<p><b>{_date(at)}</b> {escape(text)}</p>" for at, text in detail.notes)
            )
        else:
            parts.append(none)
        return "".join(parts)


class ClientsPage(QWidget):
    find_offers = Signal(int)
    edit_requested = Signal(int)
    new_requested = Signal()
    data_protection_changed = Signal(int)  # restricted, shared or erased: matching must know
    client_changed = Signal(int)  # chances seen or printed, a contact recorded

    def __init__(
        self,
        model: ListingModel,
        service: ClientService,
        reference: ReferenceData,
        parent: QWidget | None = None,
        privacy: PrivacyService | None = None,
        office: object = None,
        *,
        runner: TaskRunner | None = None,
        sheets: Callable[[], Any] | None = None,
        config: Callable[[], Config] | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.config = config or Config.defaults
        self.table_page = TablePage(model, self.tr("Clients"))
        self.detail = ClientDetailPane(reference)
        self._skills_loaded = False
        self.chances = ClientChances(
            runner or TaskRunner(),
            lambda: ChanceService(service.database, service.actor, self.config()),
            lambda: ReminderService(service.database, service.actor, self.config()),
            sheets or (lambda: None),
        )
        self.chances.changed.connect(self._chances_changed)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.detail)
        right.addWidget(self.chances)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setChildrenCollapsible(False)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table_page)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.table_page.current_id_changed.connect(self.show_client)
        self.new_button = QPushButton(self.tr("&New client…"))
        self.new_button.clicked.connect(self.new_requested.emit)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.clicked.connect(self._edit)
        self.match_button = QPushButton(self.tr("Find &offers"))
        self.match_button.clicked.connect(self._find_offers)
        # Rarer actions share one menu, so the page still fits a 1280-pixel screen.
        self.merge_action = QAction(self.tr("&Merge…"), self)  # two records of one person
        self.merge_action.triggered.connect(self._merge)
        self.applications = ApplicationsAction(
            ApplicationService(service.database, self.config(), service.actor),
            self.table_page.current_id,
            self,
            runner,
        )
        self.more_button = QToolButton(self)
        self.more_button.setText(self.tr("Mo&re"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        more.addAction(self.merge_action)
        proof = more.addMenu(self.applications.button.text())
        proof.addActions(self.applications.button.menu().actions())
        self.applications.button.hide()  # its actions live in the "More" menu
        self.more_button.setMenu(more)
        for button in (self.new_button, self.edit_button, self.match_button, self.more_button):
            self.table_page.add_action_button(button)
        self.privacy_actions: PrivacyActions | None = None
        if privacy is not None:
            self.privacy_actions = PrivacyActions(
                privacy, service, self.table_page.current_id, self, office
            )
            self.table_page.add_action_button(self.privacy_actions.button)
            self.privacy_actions.changed.connect(self._protection_changed)
            self.privacy_actions.erased.connect(self._erased)
        self.table_page.table.doubleClicked.connect(lambda _index: self._edit())
        self.show_client(None)

    def refresh(self) -> None:
        """Reload the table and keep the selected client selected when still loaded."""
        self._skills_loaded = False  # the vocabulary may have been edited
        selected = self.table_page.current_id()
        self.table_page.refresh()
        if selected is None or not self.table_page.select_id(selected):
            self.show_client(None)
        else:
            self.show_client(selected)

    def show_client(self, client_id: int | None) -> None:
        try:
            detail = self.service.detail(client_id) if client_id is not None else None
        except UserError as error:
            QMessageBox.warning(self, self.tr("Clients"), error.message)
            detail = None
        if detail is not None and not self._skills_loaded:
            self.detail.skill_labels = SkillService(self.service.database).labels()
            self._skills_loaded = True
        self.detail.show_detail(detail)
        shown = detail is not None
        matchable = bool(
            detail and detail.client.status == "active" and not detail.client.restricted
        )
        self.chances.set_language(self.config()["sheet.default_language"])
        self.chances.show_client(detail.client.id if detail else None, matchable=matchable)
        self.edit_button.setEnabled(shown)
        self.match_button.setEnabled(shown and not (detail and detail.client.restricted))
        self.merge_action.setEnabled(shown)
        self.applications.service.config = self.config()  # office details may have changed
        self.applications.update_state(
            client_id if shown else None, restricted=bool(detail and detail.client.restricted)
        )
        if self.privacy_actions is not None:
            self.privacy_actions.update_state(
                client_id if shown else None,
                restricted=bool(detail and detail.client.restricted),
                shared=bool(detail and detail.client.shared),
            )

    def reveal(self, client_id: int) -> None:
        """Select a client in the table (searching for them when not loaded) and show them."""
        if not self.table_page.select_id(client_id):
            detail = self.service.detail(client_id)
            if detail is not None:
                c = detail.client
                self.table_page.search.setText(c.customer_number or f"{c.last_name} {c.first_name}")
                self.table_page.apply_search()
            if not self.table_page.select_id(client_id):
                self.show_client(client_id)
        table = self.table_page.table
        table.scrollTo(table.currentIndex())
        self.chances.table.setFocus()

    def _chances_changed(self, client_id: int) -> None:
        self.show_client(client_id)
        self.client_changed.emit(client_id)

    def _protection_changed(self, client_id: int) -> None:
        self.show_client(client_id)
        self.data_protection_changed.emit(client_id)

    def _erased(self, client_id: int) -> None:
        self.refresh()
        self.data_protection_changed.emit(client_id)

    def _edit(self) -> None:
        client_id = self.table_page.current_id()
        if client_id is not None:
            self.edit_requested.emit(client_id)

    def _merge(self) -> None:
        from srek_desk.ui.dialogs.merge_dialog import MergeDialog

        client_id = self.table_page.current_id()
        kept = MergeDialog.ask(self, self.service, client_id) if client_id is not None else None
        if kept is not None:  # a record is gone: the table reloads, matching forgets it
            self.refresh()
            self.table_page.select_id(kept)
            self.data_protection_changed.emit(kept)

    def _find_offers(self) -> None:
        client_id = self.table_page.current_id()
        if client_id is not None:
            self.find_offers.emit(client_id)
