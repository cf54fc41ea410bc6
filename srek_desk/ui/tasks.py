"""Background work for the GUI: run a function on the QThreadPool, get result or error on the GUI thread.

The function receives `progress(done, total)` and `cancelled()` callables. Tests swap the pool
runner for `InlineRunner`, which runs the function at once on the calling thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class Task(QObject):
    """Handle of one running job: signals arrive on the thread that created it (the GUI thread)."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self.done = False

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()


class _Job(QRunnable):
    def __init__(self, task: Task, work: Work) -> None:
        super().__init__()
        self.task = task
        self.work = work

    def run(self) -> None:
        try:
            result = self.work(self.task.progress.emit, self.task.is_cancelled)
        except BaseException as exc:  # delivered to the GUI thread, which decides
            self.task.done = True
            self.task.failed.emit(exc)
            return
        self.task.done = True
        self.task.finished.emit(result)


def _connect(
    task: Task,
    on_progress: Callable[[int, int], None] | None,
    on_finished: Callable[[Any], None] | None,
    on_failed: Callable[[BaseException], None] | None,
) -> None:
    if on_progress is not None:
        task.progress.connect(on_progress)
    if on_finished is not None:
        task.finished.connect(on_finished)
    if on_failed is not None:
        task.failed.connect(on_failed)


class TaskRunner:
    """Starts jobs on a thread pool."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        self.pool = pool or QThreadPool.globalInstance()

    def start(
        self,
        work: Work,
        parent: QObject | None = None,
        *,
        on_progress: Callable[[int, int], None] | None = None,
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
    ) -> Task:
        """Run `work` on the pool; the callbacks are connected before it starts (no race)."""
        task = Task(parent)
        _connect(task, on_progress, on_finished, on_failed)
        self._run(_Job(task, work))
        return task

    def _run(self, job: _Job) -> None:
        self.pool.start(job)

    def wait(self) -> None:
        self.pool.waitForDone()


class InlineRunner(TaskRunner):
    """Runs jobs at once on the calling thread (tests)."""

    def __init__(self) -> None:
        self.pool = None  # type: ignore[assignment]

    def _run(self, job: _Job) -> None:
        job.run()

    def wait(self) -> None:
        return None
