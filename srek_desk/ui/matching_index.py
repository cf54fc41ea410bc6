"""The matching index and the sheet service built off the GUI thread (the index reads every active
offer); when builds overlap, only the newest one's result is used."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from srek_desk.config import Config
from srek_desk.errors import UserError
from srek_desk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from srek_desk.reference.catalog import ReferenceData
    from srek_desk.services.core.access import Actor
    from srek_desk.services.core.database import Database

log = logging.getLogger(__name__)
# The texts keep the "MainWindow" context: the German translation knows them by it.
translate = QCoreApplication.translate


class MatchingIndexBuilder:
    """`ready(matching, sheets)` runs on the GUI thread with the services of the newest build."""

    def __init__(
        self, parent: QWidget, runner: TaskRunner, ready: Callable[[Any, Any], object]
    ) -> None:
        self.parent = parent
        self.runner = runner
        self.ready = ready
        self.generation = 0  # of the newest build started

    def build(
        self, database: Database, reference: ReferenceData, config: Config, actor: Actor
    ) -> None:
        from srek_desk.services.matching.service import MatchService
        from srek_desk.services.sheets.service import SheetService

        # Builds may overlap (settings saved twice); only the newest one's result is used.
        self.generation += 1
        generation = self.generation

        def work(_progress: Any, _cancelled: Any) -> Any:
            matching = MatchService(database, reference, config)
            sheets = SheetService(database, reference, config, matching, actor=actor)
            return generation, matching, sheets

        self.runner.start(work, self.parent, on_finished=self.deliver, on_failed=self._failed)

    def deliver(self, result: tuple[int, Any, Any]) -> None:
        generation, matching, sheets = result
        if generation != self.generation:
            return  # an older build finished after a newer one was started
        self.ready(matching, sheets)

    def _failed(self, error: BaseException) -> None:
        log.error("building the matching index failed", exc_info=error)
        message = (
            error.message
            if isinstance(error, UserError)
            else translate(
                "MainWindow", "Matching could not be prepared. Details are in the log file."
            )
        )
        QMessageBox.critical(self.parent, translate("MainWindow", "Matching"), message)
