"""The timetable in the window: loading a feed under Einstellungen › Fahrzeiten (progress, cancel,
refusal), matching by it (a pt-only client reaches an offer the estimate excluded), the
connection in the match details, Heute's warning, the About dialog, the client's arrival time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from srek_desk.config import Config
from srek_desk.db.models import Client, Offer
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.clients.service import ClientService
from srek_desk.services.clients.values import ClientInput
from srek_desk.services.timetable import TimetableService
from srek_desk.ui.dialogs import timetable_dialog
from srek_desk.ui.dialogs.client_editor import ClientEditor
from srek_desk.ui.dialogs.timetable_dialog import TimetableDialog
from srek_desk.ui.main_window import MainWindow
from srek_desk.ui.tasks import InlineRunner
from tests.gtfs_feeds import KASSEL, region_files, write_feed

WISH = "26112"  # Mechatroniker/in
PUBLISHER = "Beispiel-Verkehrsverbund Nordhessen"  # feed_info.txt of the region feed


def _feed(path: Path, first: date, last: date) -> Path:
    """The region feed of tests/gtfs_feeds.py, valid from `first` to `last` (so the test does
    not depend on the day it runs)."""
    files = region_files()
    for row in files["calendar.txt"]:  # type: ignore[union-attr]
        row["start_date"] = first.strftime("%Y%m%d")  # type: ignore[index]
        row["end_date"] = last.strftime("%Y%m%d")  # type: ignore[index]
    info = files["feed_info.txt"][0]  # type: ignore[index]
    info["feed_start_date"] = first.strftime("%Y%m%d")  # type: ignore[index]
    info["feed_end_date"] = last.strftime("%Y%m%d")  # type: ignore[index]
    return write_feed(path, files)


def _client_and_offer(database, reference) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """A client in Hann. Münden without a car (bus and train only, at most 30 minutes) and an
    apprenticeship in Kassel she wishes for."""
    client_id = ClientService(database).create(
        ClientInput(
            first_name="Lena",
            last_name="Fahrplan",
            home_postcode="34346",
            mobility_modes=("pt",),
            max_commute_minutes=30,
            wishes=((WISH, 1),),
        ),
        reference,
    )
    now = datetime.now(UTC)
    with database.session() as session, session.begin():
        offer = Offer(
            source="test",
            reference="KS-1",
            offer_type="ausbildung",
            title="Ausbildung Mechatroniker/in",
            kldb_code=WISH,
            employer_name="Kasseler Antriebe GmbH",
            postcode="34117",
            place="Kassel",
            state="HE",
            lat=KASSEL[0],
            lon=KASSEL[1],
            confirmed_at=now,
        )
        session.add(offer)
        session.flush()
        return client_id, int(offer.id)  # type: ignore[arg-type]


@pytest.fixture
def window(qtbot, database, reference):  # type: ignore[no-untyped-def]
    window = MainWindow(Config.defaults(), InlineRunner(), database, reference)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _open_timetable_dialog(window, qtbot, monkeypatch, drive) -> None:  # type: ignore[no-untyped-def]
    """Einstellungen (Ctrl+8) › Fahrzeiten (its tab) › „Fahrplan laden…“ (mouse clicks); the
    dialog is driven by `drive(dialog)` instead of its own event loop."""
    seen = []

    def run(dialog: TimetableDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        seen.append(dialog)
        drive(dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closes it
        assert not dialog.isVisible()
        return 0

    monkeypatch.setattr(TimetableDialog, "exec", run)
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    page = window.settings_page
    assert window.pages.currentWidget() is page
    bar = page.tabs.tabBar()
    commute = next(i for i in range(bar.count()) if bar.tabText(i) == "&Fahrzeiten")
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(commute).center())
    assert page.tabs.currentIndex() == commute
    assert page.timetable.isVisible()
    qtbot.mouseClick(page.timetable.button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1


def _offer_ids(rows) -> set[int]:  # type: ignore[no-untyped-def]
    return {match.offer_id for match in rows}


def test_loading_a_feed_lets_a_client_without_a_car_reach_kassel(
    window, qtbot, monkeypatch, database, reference, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    client_id, offer_id = _client_and_offer(database, reference)
    today = date.today()
    feed = _feed(tmp_path / "nvv", today - timedelta(days=10), today + timedelta(days=200))
    page = window.matching_page

    # before: the estimate says about an hour from Hann. Münden to Kassel, beyond her 30 minutes
    window.show_matching(client_id)
    assert offer_id not in _offer_ids(page.matches_model.rows)
    near = [m for m in page.near_model.rows if m.offer_id == offer_id]
    assert all(m.commute_minutes > 30 and m.commute_source == "estimate" for m in near)

    reports = []

    def drive(dialog: TimetableDialog) -> None:
        assert "Kein Fahrplan" in dialog.status_label.text()
        assert not dialog.remove_button.isEnabled()
        monkeypatch.setattr(timetable_dialog, "choose_feed_folder", lambda parent: str(feed))
        qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
        reports.append(dialog.report.toPlainText())
        assert PUBLISHER in dialog.status_label.text()
        assert dialog.remove_button.isEnabled() and dialog.progress.value() == 1

    _open_timetable_dialog(window, qtbot, monkeypatch, drive)
    # the window rebuilt matching at once: the next match uses the timetable
    assert window.matching_service.matcher.transit is not None
    assert "Fahrplan „nvv“ geladen" in reports[0]
    assert "Haltestellen" in reports[0] and "Abgleich" in reports[0]
    assert PUBLISHER in window.settings_page.timetable.label.text()

    # after: the timetable's RE 2 takes her there in time; the reason and the details name it
    window.show_matching(client_id)
    matches = [m for m in page.matches_model.rows if m.offer_id == offer_id]
    assert matches, [m.excluded_because for m in page.near_model.rows]
    match = matches[0]
    assert match.commute_source == "timetable" and match.commute_minutes <= 30
    assert any("RE 2" in reason for reason in match.reasons)
    page.matches.selectRow(page.matches_model.rows.index(match))
    details = page.reasons.toPlainText()
    assert "Verbindung laut Fahrplan" in details
    assert "RE 2: Hann. Münden 7:08 → Kassel Hbf 7:27" in details
    assert "ohne Umstieg" in details


def test_a_refused_feed_keeps_the_old_timetable_and_cancel_stops_a_load(
    window, qtbot, monkeypatch, database, reference, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    today = date.today()
    good = _feed(tmp_path / "good", today - timedelta(days=1), today + timedelta(days=200))
    TimetableService(database, Config.defaults(), gazetteer=reference.gazetteer).import_feed(good)
    broken = _feed(tmp_path / "broken", today, today + timedelta(days=100))
    (broken / "stop_times.txt").unlink()
    reports = []

    def drive(dialog: TimetableDialog) -> None:
        monkeypatch.setattr(timetable_dialog, "choose_feed_folder", lambda parent: str(broken))
        qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
        reports.append(dialog.report.toPlainText())
        # Cancel pressed while the progress of a good feed shows: the load stops
        original = TimetableDialog._progress

        def press_cancel(self, done, total):  # type: ignore[no-untyped-def]
            original(self, done, total)
            qtbot.mouseClick(self.cancel_button, Qt.MouseButton.LeftButton)

        monkeypatch.setattr(TimetableDialog, "_progress", press_cancel)
        monkeypatch.setattr(timetable_dialog, "choose_feed_folder", lambda parent: str(good))
        qtbot.mouseClick(dialog.folder_button, Qt.MouseButton.LeftButton)
        reports.append(dialog.report.toPlainText())
        assert dialog.folder_button.isEnabled() and not dialog.cancel_button.isEnabled()

    _open_timetable_dialog(window, qtbot, monkeypatch, drive)
    assert "stop_times.txt" in reports[0]
    assert "bisher geladene Fahrplan bleibt" in reports[0]
    assert "abgebrochen" in reports[1]
    status = TimetableService(database).status()
    assert status.loaded and status.source_name == "good"


def test_remove_asks_and_then_matching_estimates_again(
    window, qtbot, monkeypatch, database, reference, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    today = date.today()
    feed = _feed(tmp_path / "nvv", today - timedelta(days=1), today + timedelta(days=200))
    TimetableService(database, Config.defaults(), gazetteer=reference.gazetteer).import_feed(feed)
    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda *args, **kwargs: asked.append(args) or QMessageBox.StandardButton.Yes,
    )

    def drive(dialog: TimetableDialog) -> None:
        assert dialog.remove_button.isEnabled()
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        assert "Kein Fahrplan" in dialog.status_label.text()

    _open_timetable_dialog(window, qtbot, monkeypatch, drive)
    assert asked and not TimetableService(database).status().loaded
    assert "Kein Fahrplan geladen" in window.settings_page.timetable.label.text()
    assert window.matching_service.matcher.transit is None


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [(None, None), (200, None), (10, "endet am"), (-3, "abgelaufen")],
)
def test_heute_warns_when_the_timetable_ends_soon_or_has_expired(
    window, qtbot, database, reference, tmp_path, days_left, expected
) -> None:  # type: ignore[no-untyped-def]
    today = date.today()
    if days_left is not None:
        feed = _feed(tmp_path / "feed", today - timedelta(days=100), today + timedelta(days_left))
        TimetableService(database, Config.defaults(), gazetteer=reference.gazetteer).import_feed(
            feed
        )
    window.refresh()  # Heute is the page in view: it reloads
    banner = window.today_page.timetable_banner
    if expected is None:
        assert not banner.isVisible()
    else:
        assert banner.isVisible() and expected in banner.text()
        assert "Fahrplan" in banner.text()


def test_about_names_the_timetables_publisher(
    window, monkeypatch, database, reference, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.menus.show_about()
    assert "Fahrplandaten" not in shown[0]  # none loaded
    today = date.today()
    feed = _feed(tmp_path / "nvv", today, today + timedelta(days=100))
    (feed / "attributions.txt").write_text(
        "attribution_id,organization_name,attribution_url,is_producer\n"
        "a1,NVV Datenteam,https://data.example.org,1\n",
        encoding="utf-8",
    )
    TimetableService(database, Config.defaults(), gazetteer=reference.gazetteer).import_feed(feed)
    window.menus.show_about()
    assert "Fahrplandaten" in shown[1] and PUBLISHER in shown[1]
    assert 'href="https://vv.example.org"' in shown[1]
    assert "NVV Datenteam (https://data.example.org)" in shown[1]  # attributions.txt


def test_client_form_keeps_the_arrival_time_and_refuses_a_wrong_one(
    qtbot, database, reference
) -> None:  # type: ignore[no-untyped-def]
    clients = ClientService(database)
    client_id = clients.create(ClientInput(first_name="Mara", last_name="Früh"), reference)
    editor = ClientEditor(clients, ProposalService(database, reference), reference, client_id)
    qtbot.addWidget(editor)
    editor.show()
    form = editor.form
    assert "Fuß" in [box.text() for box in form.modes.values()][-1]  # walking, from the codes
    form.setCurrentIndex(2)  # Mobilität und Verfügbarkeit
    qtbot.mouseClick(form.arrive_by.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.arrive_by.edit, "25.00")
    editor.save()
    assert editor.isVisible()
    error = form.errors["arrive_by"]
    assert error.isVisible() and "keine Uhrzeit" in error.text()
    form.arrive_by.edit.clear()
    qtbot.keyClicks(form.arrive_by.edit, "6.45 Uhr")
    editor.save()
    assert not editor.isVisible()
    with database.session() as session:
        assert session.get(Client, client_id).arrive_by == "06:45"  # type: ignore[union-attr]
    data, _version = clients.input_of(client_id)
    assert data.arrive_by == "06:45"


def test_connection_details_name_the_walks_each_ride_and_the_change() -> None:
    from srek_desk.geo.transit.journeys import Journey, Leg
    from srek_desk.matching.transit import Connection
    from srek_desk.ui.widgets.connection_view import connection_html

    def at(hours: int, minutes: int) -> int:
        return hours * 3600 + minutes * 60

    journey = Journey(
        depart=at(6, 8),
        arrive=at(7, 32),
        transfers=1,
        legs=(
            Leg("walk", "Start", "Witzenhausen Marktplatz", at(6, 8), at(6, 20)),
            Leg("ride", "Witzenhausen Marktplatz", "Hann. Münden ZOB", at(6, 20), at(6, 58), "170"),
            Leg("walk", "Hann. Münden ZOB", "Hann. Münden", at(6, 58), at(7, 3)),
            Leg("ride", "Hann. Münden", "Kassel Hbf", at(7, 8), at(7, 27), "RE 2"),
            Leg("walk", "Kassel Hbf", "Ziel", at(7, 27), at(7, 32)),
        ),
    )
    html = connection_html(Connection(date(2027, 1, 11), at(7, 30), journey))
    assert "am 11.01.2027 (Ankunft bis 7:30 Uhr)" in html
    assert "Los um 6:08 Uhr" in html
    assert "zu Fuß: Wohnort → Witzenhausen Marktplatz (12 Min.)" in html
    assert "<b>170</b>: Witzenhausen Marktplatz 6:20 → Hann. Münden ZOB 6:58" in html
    assert "zu Fuß: Hann. Münden ZOB → Hann. Münden (5 Min.)" in html
    assert "<b>RE 2</b>: Hann. Münden 7:08 → Kassel Hbf 7:27" in html
    assert "zu Fuß: Kassel Hbf → Arbeitsort (5 Min.)" in html
    assert "Da um 7:32 Uhr – 84 Min. von Tür zu Tür, 1 Umstieg, Fußwege geschätzt" in html
    assert connection_html(None) == ""
