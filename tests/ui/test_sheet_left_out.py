"""A picked offer that went stale meanwhile is left off the printed sheet, and the window says so."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import update

from srek_desk.db.models import Offer
from srek_desk.services.core.access import SYSTEM
from tests.ui.test_matching import _client_with_matches


def test_stale_pick_is_left_out_with_a_message(main_window, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.ui import sheet_output

    window = main_window
    client_id = _client_with_matches(window)
    page = window.matching_page
    for row in (0, 1):
        page.matches.selectRow(row)
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    stale, kept = page.picked[0], page.picked[1]
    with window.database.session() as session, session.begin():
        session.execute(
            update(Offer)
            .where(Offer.id == stale.offer_id)
            .values(confirmed_at=datetime(2020, 1, 1, tzinfo=UTC))
        )
    target = tmp_path / "blatt.pdf"
    monkeypatch.setattr(sheet_output, "choose_pdf_path", lambda parent: str(target))
    with qtbot.waitSignal(page.output.left_out) as told:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert len(told.args[0]) == 1 and stale.title in told.args[0][0]
    assert target.read_bytes().startswith(b"%PDF")
    proposed = {p.offer_id for p in window.proposal_service.proposals_of(client_id, SYSTEM)}
    assert proposed == {kept.offer_id}
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert any(stale.title in box.text() for box in boxes)
    for box in boxes:
        box.close()
