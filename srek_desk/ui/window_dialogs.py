"""The dialogs the main window opens when a page or menu asks: a walk-in counselling, the client
editor, and the clients an offer fits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.clients.service import ClientService
from srek_desk.ui.tasks import TaskRunner

# The texts keep the "MainWindow" context: the German translation knows them by it.
translate = QCoreApplication.translate


class WindowDialogs:
    """`matching()` gives the matching and sheet services once built (else None, None);
    `client_saved()` runs after a dialog stored a client, `show_matching(id)` after an offer's
    list was left for one client."""

    def __init__(
        self,
        window: QMainWindow,
        runner: TaskRunner,
        reference: ReferenceData,
        client_service: ClientService,
        proposal_service: ProposalService,
        *,
        matching: Callable[[], tuple[Any, Any]],
        current_offer: Callable[[], int | None],
        show_matching: Callable[[int], object],
        client_saved: Callable[[], object],
    ) -> None:
        self.window = window
        self.runner = runner
        self.reference = reference
        self.client_service = client_service
        self.proposal_service = proposal_service
        self.matching = matching
        self.current_offer = current_offer
        self.show_matching = show_matching
        self.client_saved = client_saved

    def offer_matches(self, offer_id: int | None = None) -> None:
        """The clients the offer fits (the offer selected on its page when none is given)."""
        from srek_desk.ui.dialogs.offer_matches_dialog import OfferMatchesDialog

        if offer_id is None:
            offer_id = self.current_offer()
        matching_service, _sheets = self.matching()
        if offer_id is None or matching_service is None:
            return
        client_id = OfferMatchesDialog.ask(
            self.window,
            matching_service,
            self.proposal_service,
            offer_id,
            self.client_service.actor,
        )
        if client_id is not None:
            self.show_matching(client_id)

    def walk_in(self) -> None:
        from srek_desk.ui.dialogs.walk_in_dialog import WalkInDialog

        matching_service, sheet_service = self.matching()
        if sheet_service is None:
            self.window.statusBar().showMessage(
                translate("MainWindow", "Matching is still being prepared…"), 4000
            )
            return
        client_id = WalkInDialog.ask(
            self.window,
            self.client_service,
            self.reference,
            matching_service,
            sheet_service,
            self.runner,
        )
        if client_id is not None:
            self.client_saved()

    def new_client(self) -> None:
        self.edit_client(None)

    def edit_client(self, client_id: int | None) -> None:
        """The client editor for a stored client, or for a new one (None)."""
        from srek_desk.ui.dialogs.client_editor import ClientEditor

        saved = ClientEditor.ask(
            self.window, self.client_service, self.proposal_service, self.reference, client_id
        )
        if saved is not None:
            self.client_saved()
