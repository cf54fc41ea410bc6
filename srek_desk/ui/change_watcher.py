"""Polls the database for changes made by other desks and tells the window to reload."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from srek_desk.services.core.changes import ChangeStamp, change_stamp
from srek_desk.services.core.database import Database
from srek_desk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)


class ChangeWatcher(QObject):
    """Emits `changed` when the change stamp moved; the query runs off the GUI thread."""

    changed = Signal()

    def __init__(
        self, database: Database, runner: TaskRunner, seconds: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.runner = runner
        self.stamp: ChangeStamp | None = None
        self.busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(max(2, seconds) * 1000)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.stamp = change_stamp(self.database)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def mark_seen(self) -> None:
        """Our own change: take the new stamp without reporting it as someone else's."""
        self.stamp = change_stamp(self.database)

    def poll(self) -> None:
        if self.busy:
            return
        self.busy = True
        database = self.database

        def work(_progress: Any, _cancelled: Any) -> ChangeStamp:
            return change_stamp(database)

        self.runner.start(work, self, on_finished=self._polled, on_failed=self._failed)

    def _polled(self, stamp: ChangeStamp) -> None:
        self.busy = False
        if self.stamp is not None and stamp != self.stamp:
            self.stamp = stamp
            self.changed.emit()
        self.stamp = stamp

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        log.warning("change poll failed: %s", type(error).__name__)


def watch_colleagues(
    database: Database, runner: TaskRunner, seconds: int, parent: QObject | None = None
) -> ChangeWatcher | None:
    """A started watcher on a shared server; None for a SQLite file, where nobody else writes
    (its lock file lets one app at a time open it)."""
    if database.sqlite_file is not None:
        return None
    watcher = ChangeWatcher(database, runner, seconds, parent)
    watcher.start()
    return watcher
