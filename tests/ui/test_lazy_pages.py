"""Pages load when shown: a page out of date reloads when it comes into view, not before."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from srek_desk.ui.widgets.lazy_pages import LazyPages


class _Page(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.loads = 0

    def refresh(self) -> None:
        self.loads += 1


def test_pages_reload_once_when_shown_and_only_when_out_of_date(qtbot) -> None:  # type: ignore[no-untyped-def]
    pages = LazyPages()
    qtbot.addWidget(pages)
    first, second, third = _Page(), _Page(), _Page()
    for page in (first, second, third):
        pages.addWidget(page)
    pages.mark_stale()
    pages.show_row(0)
    assert (first.loads, second.loads, third.loads) == (1, 0, 0)
    pages.show_row(1)
    pages.show_row(0)
    assert (first.loads, second.loads, third.loads) == (1, 1, 0)  # up to date: no reload
    pages.mark_stale(except_page=first)
    pages.reload_current()
    assert first.loads == 1  # the page that made the change is up to date already
    pages.show_row(1)
    assert second.loads == 2
