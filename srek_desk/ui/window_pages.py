"""The main window's pages built over an open database, each given the services it needs; the
window wires their signals to each other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from srek_desk.config import Config
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.access import Actor
from srek_desk.services.core.audit import AuditService
from srek_desk.services.core.database import Database
from srek_desk.services.core.listing import ListingService
from srek_desk.services.imports.service import ImportService
from srek_desk.services.offers.employers import EmployerService
from srek_desk.services.offers.service import OfferQuery, OfferService
from srek_desk.services.protection.accounts import AccountService
from srek_desk.services.protection.backups import BackupService
from srek_desk.services.protection.privacy import PrivacyService
from srek_desk.services.protection.retention import RetentionPolicy, RetentionService
from srek_desk.services.statistics.service import StatisticsService
from srek_desk.ui import formatting
from srek_desk.ui.models.listing_model import ListingModel
from srek_desk.ui.models.offer_listing import FilteredOffers, OfferListingModel
from srek_desk.ui.pages.admin_page import AdminPage
from srek_desk.ui.pages.clients_page import ClientsPage
from srek_desk.ui.pages.employers_page import EmployersPage
from srek_desk.ui.pages.imports_page import ImportsPage
from srek_desk.ui.pages.matching_page import MatchingPage
from srek_desk.ui.pages.offers_page import OffersPage
from srek_desk.ui.pages.settings_page import SettingsPage
from srek_desk.ui.pages.statistics_page import StatisticsPage
from srek_desk.ui.pages.today_page import TodayPage
from srek_desk.ui.tasks import TaskRunner

# The texts keep the "MainWindow" context: the German translation knows them by it.
translate = QCoreApplication.translate


@dataclass(slots=True)
class WindowPages:
    """The pages in navigation order (see ui.permissions.PAGES) and the services they share."""

    today: TodayPage
    clients: ClientsPage
    matching: MatchingPage
    offers: OffersPage
    employers: EmployersPage
    imports: ImportsPage
    statistics: StatisticsPage
    settings: SettingsPage
    admin: AdminPage
    client_service: ClientService
    proposal_service: ProposalService
    offer_service: OfferService
    backup_warning: str  # empty unless the role looks after backups and the newest is old

    def in_order(self) -> list[QWidget]:
        return [
            self.today,
            self.clients,
            self.matching,
            self.offers,
            self.employers,
            self.imports,
            self.statistics,
            self.settings,
            self.admin,
        ]


def build_pages(
    database: Database,
    reference: ReferenceData,
    runner: TaskRunner,
    actor: Actor,
    *,
    config: Callable[[], Config],
    sheets: Callable[[], Any],
    accounts: AccountService | None = None,
) -> WindowPages:
    """`config` and `sheets` are asked when needed: settings are saved and the sheet service
    arrives (built off the GUI thread) after the pages exist."""
    current = config()
    client_service = ClientService(database, actor, log_viewing=current["audit.log_viewing"])
    proposal_service = ProposalService(database, reference)
    offer_service = OfferService(database, reference)
    today = TodayPage(
        runner,
        client_service,
        offer_service,
        ImportService(database, reference, actor=actor),
        config=config,
    )
    clients = ClientsPage(
        ListingModel(
            ListingService(database, "clients", actor=actor),
            client_headers(),
            formatting.client_formatters(reference),
        ),
        client_service,
        reference,
        privacy=PrivacyService(database, actor),
        runner=runner,
        sheets=sheets,
        config=config,
    )
    matching = MatchingPage(runner, proposal_service, actor)
    offers = OffersPage(
        OfferListingModel(
            FilteredOffers(OfferQuery(database, reference)),
            offer_headers(),
            formatting.offer_formatters(reference),
            stale_after_days=current["matching.stale_after_days"],
        ),
        offer_service,
        reference,
    )
    employers = EmployersPage(
        ListingModel(
            ListingService(database, "employers"),
            employer_headers(),
            formatting.employer_formatters(reference),
        ),
        EmployerService(database, reference),
        offer_service,
        reference,
    )
    imports = ImportsPage(runner, ImportService(database, reference, actor=actor), config=config)
    statistics = StatisticsPage(runner, StatisticsService(database, reference))
    settings_page = SettingsPage(current, database, reference, runner=runner, actor=actor)
    admin, backup_warning = _admin_page(database, runner, actor, current, accounts)
    return WindowPages(
        today=today,
        clients=clients,
        matching=matching,
        offers=offers,
        employers=employers,
        imports=imports,
        statistics=statistics,
        settings=settings_page,
        admin=admin,
        client_service=client_service,
        proposal_service=proposal_service,
        offer_service=offer_service,
        backup_warning=backup_warning,
    )


def _admin_page(
    database: Database,
    runner: TaskRunner,
    actor: Actor,
    config: Config,
    accounts: AccountService | None,
) -> tuple[AdminPage, str]:
    """The Verwaltung page, and the warning about an old backup for those who look after them."""
    backups = (
        BackupService.from_config(database, config) if database.sqlite_file is not None else None
    )
    page = AdminPage(
        runner,
        actor,
        accounts or AccountService.from_config(database, config),
        AuditService(database),
        RetentionService(database, RetentionPolicy.from_config(config)),
        backups,
        config,
    )
    warning = ""
    if backups is not None and actor.can("backups"):
        warning = backups.age_warning(warn_after_days=config["backup.warn_after_days"]) or ""
    return page, warning


def client_headers() -> dict[str, str]:
    return {
        "customer_number": translate("MainWindow", "Customer no."),
        "last_name": translate("MainWindow", "Last name"),
        "first_name": translate("MainWindow", "First name"),
        "home_postcode": translate("MainWindow", "Postcode"),
        "home_place": translate("MainWindow", "Place"),
        "school_qualification": translate("MainWindow", "School qualification"),
        "first_wish": translate("MainWindow", "First occupational wish"),
        "status": translate("MainWindow", "Status"),
    }


def offer_headers() -> dict[str, str]:
    return {
        "reference": translate("MainWindow", "Reference"),
        "offer_type": translate("MainWindow", "Type"),
        "title": translate("MainWindow", "Title"),
        "employer_name": translate("MainWindow", "Employer"),
        "postcode": translate("MainWindow", "Postcode"),
        "place": translate("MainWindow", "Place"),
        "state": translate("MainWindow", "State"),
        "kldb_code": translate("MainWindow", "KldB"),
        "start_date": translate("MainWindow", "Start"),
        "application_deadline": translate("MainWindow", "Apply by"),
        "active": translate("MainWindow", "Active"),
    }


def employer_headers() -> dict[str, str]:
    return {
        "name": translate("MainWindow", "Name"),
        "postcode": translate("MainWindow", "Postcode"),
        "place": translate("MainWindow", "Place"),
        "state": translate("MainWindow", "State"),
        "contact_name": translate("MainWindow", "Contact"),
        "phone": translate("MainWindow", "Phone"),
        "offer_count": translate("MainWindow", "Active offers"),
    }
