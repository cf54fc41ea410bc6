"""A dialog running one background task: Escape or the close button cancel the task first.

Subclasses keep their running task in `self.task` (None when idle) and cancel it in `cancel()`;
the dialog closes only once the task has stopped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog


class TaskDialog(QDialog):
    task: Any = None

    def cancel(self) -> None:  # pragma: no cover - every subclass cancels its own task
        raise NotImplementedError

    def reject(self) -> None:
        """Escape while the task runs cancels it; the dialog closes once it has stopped."""
        if self.task is not None:
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.task is not None:
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)
