"""A stack of pages that load when shown: a page out of date reloads (`refresh()`) only when it
comes into view, so start-up stays quick and a change reloads only what someone looks at."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QWidget


class LazyPages(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale: set[QWidget] = set()

    def show_row(self, row: int) -> None:
        self.setCurrentIndex(row)
        page = self.currentWidget()
        if page in self._stale:
            self._stale.discard(page)
            page.refresh()  # type: ignore[attr-defined]

    def mark_stale(self, *, except_page: QWidget | None = None) -> None:
        """Every page reloads when shown next (but `except_page`, which is up to date)."""
        self._stale = {self.widget(row) for row in range(self.count())} - {except_page}

    def reload_current(self) -> None:
        self.show_row(self.currentIndex())
