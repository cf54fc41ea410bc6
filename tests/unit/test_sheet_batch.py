"""A class's sheets in one PDF: each starts on a new page; progress and cancel."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from srek_desk.sheets import render_batch
from srek_desk.sheets.sample import sample_sheet
from tests.unit.test_sheet_support import read_pdf

NAMES = ["Aylin", "Łucja", "Лена"]


def class_sheets():
    languages = ["de", "de-simple", "en"]
    return [
        replace(sample_sheet(lang), first_name=name)
        for lang, name in zip(languages, NAMES, strict=True)
    ]


def test_batch_puts_each_sheet_on_new_pages() -> None:
    calls: list[tuple[int, int]] = []
    result = render_batch(class_sheets(), io.BytesIO(), progress=lambda d, t: calls.append((d, t)))
    assert not result.cancelled
    assert result.page_count == 6
    pages = read_pdf(result.data).pages
    for index, name in enumerate(NAMES):
        assert f"{name}!" in pages[2 * index]
        assert f"{name}!" not in pages[2 * index + 1]
    assert "Seite 2" in pages[1] and "Page 1" in pages[4]  # page numbers restart per sheet
    assert calls[-1] == (3, 3)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_cancel_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "klasse.pdf"
    seen: list[int] = []
    result = render_batch(class_sheets(), target, progress=lambda d, t: seen.append(d),
                          cancelled=lambda: len(seen) >= 1)  # fmt: skip
    assert result.cancelled and result.page_count == 0 and result.data == b""
    assert not target.exists()
    assert not list(tmp_path.iterdir())


def test_empty_batch() -> None:
    result = render_batch([], io.BytesIO())
    assert result.page_count == 0 and not result.cancelled
