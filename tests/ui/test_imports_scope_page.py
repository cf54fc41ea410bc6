"""Importe page: a complete list asks before deactivating and deactivates exactly what it named;
an ordinary file leaves the source's other offers alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from srek_desk.db.models import Offer
from srek_desk.services.imports.service import ImportService
from srek_desk.ui.pages.imports_page import ImportsPage
from srek_desk.ui.tasks import InlineRunner


def search_file(path: Path, *references: str) -> Path:
    offers = [
        {
            "refnr": reference,
            "titel": f"Mechatroniker/in {reference}",
            "beruf": "Mechatroniker/in",
            "arbeitsort": {"plz": "34117", "ort": "Kassel"},
        }
        for reference in references
    ]
    path.write_text(json.dumps({"stellenangebote": offers}), encoding="utf-8")
    return path


def active(database) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    with database.engine.connect() as conn:
        return dict(conn.execute(select(Offer.reference, Offer.active)).all())  # type: ignore[arg-type]


def answering(monkeypatch, answer: QMessageBox.StandardButton) -> list[str]:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def question(_parent: Any, _title: str, text: str, *_args: Any) -> Any:
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def imported(page: ImportsPage, path: Path, *, full: bool) -> str:
    page.set_file(path)
    page.full_list.setChecked(full)
    page.run_import()
    return page.report.toPlainText()


def test_a_complete_list_asks_and_no_keeps_everything(
    qtbot, database, reference, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    page = ImportsPage(InlineRunner(), ImportService(database, reference))
    qtbot.addWidget(page)
    first = search_file(tmp_path / "erste.json", "A-1", "A-2")
    second = search_file(tmp_path / "zweite.json", "B-1")
    asked = answering(monkeypatch, QMessageBox.StandardButton.Yes)
    imported(page, first, full=False)
    report = imported(page, second, full=False)  # an ordinary second file: nothing asked
    assert asked == [] and set(active(database).values()) == {True}
    assert "0 deaktiviert" in report

    asked = answering(monkeypatch, QMessageBox.StandardButton.No)
    report = imported(page, second, full=True)
    assert asked and asked[0].startswith(
        "2 Angebote dieser Quelle fehlen in der Datei und würden deaktiviert:"
    )
    assert (
        "A-1 – Mechatroniker/in A-1" in asked[0] and "Nein: Die Datei wird eingelesen" in asked[0]
    )
    assert set(active(database).values()) == {True} and "0 deaktiviert" in report

    answering(monkeypatch, QMessageBox.StandardButton.Cancel)
    before = page.imports.history()
    imported(page, second, full=True)
    assert len(page.imports.history()) == len(before) and page.run_button.isEnabled()

    answering(monkeypatch, QMessageBox.StandardButton.Yes)
    report = imported(page, second, full=True)
    assert active(database) == {"A-1": False, "A-2": False, "B-1": True}
    assert "Deaktiviert (2):" in report and "A-2 – Mechatroniker/in A-2" in report
    assert page.history_model.rowCount() == 4
    assert page.history_model.headerData(7, Qt.Orientation.Horizontal) == "Deaktiviert"
    assert page.history_model.index(0, 7).data() == "2"  # the newest run deactivated two


def test_offers_of_unknown_type_are_shown_and_filtered(main_window) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import update

    window = main_window
    with window.database.engine.begin() as conn:
        ids = conn.execute(select(Offer.id).order_by(Offer.id).limit(3)).scalars().all()
        conn.execute(update(Offer).where(Offer.id.in_(ids)).values(offer_type="unklar"))  # type: ignore[union-attr]
    window.navigation.setCurrentRow(3)
    page = window.offers_page
    page.offer_type.setCurrentIndex(page.offer_type.findData("unklar"))
    assert page.offer_type.currentText() == "Art unklar"
    page.apply_filters()
    type_column = page.model.keys.index("offer_type")
    assert page.model.total == 3
    assert {page.model.index(r, type_column).data() for r in range(3)} == {"Art unklar"}
