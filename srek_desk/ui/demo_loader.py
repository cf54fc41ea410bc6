"""Demo data for an empty database: generated off the GUI thread behind a progress dialog that
can cancel it; a failure is told apart from a refusal the person can act on."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from srek_desk.errors import UserError
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.database import Database
from srek_desk.services.demo.generator import DemoGenerator, free_demo_seed
from srek_desk.ui.tasks import Task, TaskRunner

log = logging.getLogger(__name__)
# The texts keep the "MainWindow" context: the German translation knows them by it.
translate = QCoreApplication.translate


def offer_demo_data(
    parent: QWidget,
    runner: TaskRunner,
    database: Database,
    reference: ReferenceData,
    *,
    first_start: bool,
    on_done: Callable[[], object],
    on_failed: Callable[[], object],
) -> Task | None:
    """Ask how much demo data to make, then make it; None when the person declined."""
    from srek_desk.ui.dialogs.demo_dialog import DemoDataDialog

    answer = DemoDataDialog.ask(parent, first_start=first_start)
    if answer is None:
        return None
    return load_demo_data(
        parent, runner, database, reference, *answer, on_done=on_done, on_failed=on_failed
    )


def load_demo_data(
    parent: QWidget,
    runner: TaskRunner,
    database: Database,
    reference: ReferenceData,
    offers: int,
    clients: int,
    seed: int | None = None,
    *,
    on_done: Callable[[], object],
    on_failed: Callable[[], object],
) -> Task:
    """Start generating `offers` and `clients`; `on_done` or `on_failed` runs on the GUI thread
    after the progress dialog closed (and after the message about a failure)."""
    generator = DemoGenerator(database, reference)
    if seed is None:
        seed = free_demo_seed(database)
    progress = QProgressDialog(
        translate("MainWindow", "Creating demo data…"),
        translate("MainWindow", "Cancel"),
        0,
        100,
        parent,
    )
    progress.setWindowTitle(translate("MainWindow", "Demo data"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def work(report: Any, cancelled: Any) -> Any:
        return generator.generate(
            offers=offers, clients=clients, seed=seed, progress=report, cancelled=cancelled
        )

    def finished(_result: object) -> None:
        progress.close()
        on_done()

    def failed(error: BaseException) -> None:
        progress.close()
        _tell_failure(parent, error)
        on_failed()

    task = runner.start(
        work,
        parent,
        on_progress=lambda done, total: progress.setValue(int(100 * done / max(total, 1))),
        on_finished=finished,
        on_failed=failed,
    )
    progress.canceled.connect(task.cancel)
    return task


def _tell_failure(parent: QWidget, error: BaseException) -> None:
    title = translate("MainWindow", "Demo data")
    if isinstance(error, UserError):
        QMessageBox.warning(parent, title, error.message)
        return
    log.error("demo data failed", exc_info=error)
    QMessageBox.critical(
        parent,
        title,
        translate("MainWindow", "Creating the demo data failed. Details are in the log file."),
    )
