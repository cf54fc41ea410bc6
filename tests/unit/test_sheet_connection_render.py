"""Bus-and-train connections on the sheet: the wording per language, no "ca." on timetable
figures, the timetable's publisher in the footer, and five offers with connections still laid
out whole (read back from the PDF)."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date

import pytest

from srek_desk.sheets import Commute, SheetConnection, SheetLeg
from srek_desk.sheets.journey import connection_steps, journey_texts_for, line_name
from srek_desk.sheets.sample import sample_sheet
from srek_desk.sheets.texts import TEXTS, commute_line
from srek_desk.sheets.update_sheet import UpdateSheetData, render_update_sheet
from tests.unit.test_sheet_support import flat, read_pdf, render


def _at(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 3600 + int(minutes) * 60


# Hann. Münden → Kassel: walk, RE 2, a change on foot to the tram, tram 4, walk.
CHANGE = SheetConnection(
    day=date(2026, 12, 14),
    arrive_by=_at("7:30"),
    depart=_at("6:58"),
    arrive=_at("7:41"),
    legs=(
        SheetLeg("walk", "Start", "Hann. Münden", _at("6:58"), _at("7:05")),
        SheetLeg("ride", "Hann. Münden", "Kassel Hbf", _at("7:08"), _at("7:27"), "RE 2", 2),
        SheetLeg("walk", "Kassel Hbf", "Kassel Scheidemannplatz", _at("7:27"), _at("7:31")),
        SheetLeg(
            "ride", "Kassel Scheidemannplatz", "Kassel Königsplatz", _at("7:33"), _at("7:37"),
            "4", 900,
        ),
        SheetLeg("walk", "Kassel Königsplatz", "Ziel", _at("7:37"), _at("7:41")),
    ),
    transfers=1,
)  # fmt: skip


def test_steps_in_each_language() -> None:
    assert connection_steps(CHANGE, journey_texts_for("de")) == [
        "los um 6:58",
        "RE 2 ab Hann. Münden 7:08, an Kassel Hbf 7:27",
        "umsteigen: zu Fuß von Kassel Hbf nach Kassel Scheidemannplatz",
        "Tram 4 ab Kassel Scheidemannplatz 7:33, an Kassel Königsplatz 7:37",
        "da um 7:41",
    ]
    simple = " ".join(connection_steps(CHANGE, journey_texts_for("de-simple")))
    assert simple.startswith("Geh um 6:58 los. Du fährst um 7:08 mit RE 2 ab Hann. Münden.")
    assert "Du steigst um 7:27 in Kassel Hbf aus." in simple
    assert simple.endswith("Um 7:41 bist du da.")
    english = connection_steps(CHANGE, journey_texts_for("en"))
    assert english[0] == "leave at 6:58" and english[-1] == "arrive at 7:41"
    assert "RE 2 from Hann. Münden 7:08, arriving Kassel Hbf 7:27" in english


def test_a_change_at_the_same_stop_and_a_walk_only_connection() -> None:
    same_stop = replace(
        CHANGE,
        legs=(
            SheetLeg("ride", "Witzenhausen Nord", "Kassel Hbf", _at("6:51"), _at("7:26"), "RB 83", 2),
            SheetLeg("ride", "Kassel Hbf", "Kassel Wilhelmshöhe", _at("7:30"), _at("7:34"), "", 3),
        ),
    )  # fmt: skip
    steps = connection_steps(same_stop, journey_texts_for("de"))
    assert steps[2] == "umsteigen in Kassel Hbf"
    assert steps[3].startswith("Bus ab Kassel Hbf 7:30")  # a line without a name: its kind
    walk = replace(CHANGE, legs=(SheetLeg("walk", "Start", "Ziel", _at("7:10"), _at("7:25")),))
    assert connection_steps(walk, journey_texts_for("de"))[1] == "zu Fuß"


def test_line_names() -> None:
    texts = journey_texts_for("de")
    assert line_name(SheetLeg("ride", "a", "b", 0, 60, "RE 2", 2), texts) == "RE 2"
    assert line_name(SheetLeg("ride", "a", "b", 0, 60, "170", 3), texts) == "Bus 170"
    assert line_name(SheetLeg("ride", "a", "b", 0, 60, "170", 700), texts) == "Bus 170"
    assert line_name(SheetLeg("ride", "a", "b", 0, 60, "4", 0), texts) == "Tram 4"
    assert line_name(SheetLeg("ride", "a", "b", 0, 60, "5", 109), texts) == "Zug 5"
    assert line_name(SheetLeg("ride", "a", "b", 0, 60, "S1", 109), texts) == "S1"


def test_timetable_minutes_say_no_ca_and_that_walks_are_estimated() -> None:
    by_timetable = Commute("pt", CHANGE.minutes, 21.3, connection=CHANGE)
    car = Commute("car", 18, 21.3)
    assert commute_line((by_timetable, car), TEXTS["de"]) == (
        "43 min mit Bus und Bahn (von Tür zu Tür, Fußwege geschätzt), ca. 18 min mit dem Auto, "
        "ca. 21 km"
    )
    assert commute_line((by_timetable,), TEXTS["en"]).startswith(
        "43 min by bus and train (door to door, walks estimated)"
    )
    assert commute_line((by_timetable,), TEXTS["de-simple"]).startswith(
        "43 min mit Bus und Bahn (Fußwege sind geschätzt)"
    )
    none = Commute("pt", math.inf, 21.3, no_connection_by=_at("6:00"))
    assert commute_line((none, car), TEXTS["de"]).startswith(
        "keine Verbindung mit Bus und Bahn bis 6:00, ca. 18 min"
    )
    assert commute_line((none,), TEXTS["de-simple"]).startswith(
        "Mit Bus und Bahn kommst du nicht bis 6:00 hin"
    )
    assert not by_timetable.estimated and not none.estimated and car.estimated


@pytest.fixture(scope="module", params=["de", "de-simple", "en"])
def with_timetable(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    sheet = sample_sheet(request.param, timetable=True)
    pages, text, _ = render(sheet)
    return sheet, pages, text


def test_each_connection_is_printed_with_line_stops_and_times(with_timetable) -> None:  # type: ignore[no-untyped-def]
    sheet, _, text = with_timetable
    texts = journey_texts_for(sheet.language)
    connections = [c.connection for o in sheet.offers for c in o.commutes if c.connection]
    assert len(connections) == 3
    for connection in connections:
        for step in connection_steps(connection, texts):
            assert text.contains(step), step
    assert text.contains("RE 2") and text.contains("Kassel Holländischer Platz")
    assert text.contains("Bus 230")  # "230" in the feed, a bus


def test_no_ca_before_timetable_minutes_but_before_estimates(with_timetable) -> None:  # type: ignore[no-untyped-def]
    sheet, _, text = with_timetable
    words = TEXTS[sheet.language]
    body = flat(text.text)
    for offer in sheet.offers:
        for commute in offer.commutes:
            if not math.isfinite(commute.minutes):
                continue
            figure = flat(f"{round(commute.minutes)} min {words.modes[commute.mode]}")
            assert figure in body, figure
            estimated = flat(words.approx) + figure in body
            assert estimated == commute.estimated, (figure, estimated)


def test_the_day_and_arrival_time_are_said_once(with_timetable) -> None:  # type: ignore[no-untyped-def]
    sheet, _, text = with_timetable
    scope = {
        "de": "Bus und Bahn für Schultage, Ankunft bis 7:30 (Fahrplan für Mo., 23.02.2026)",
        "de-simple": "Mit Bus und Bahn bist du an Schultagen bis 7:30 da (Fahrplan für Montag, 23.02.2026)",
        "en": "Bus and train on school days, arriving by 7:30 (timetable for Mon 23 Feb 2026)",
    }[sheet.language]
    assert flat(text.text).count(flat(scope)) == 1
    label = journey_texts_for(sheet.language).label
    assert flat(text.text).count(flat(label)) == 3


def test_the_footer_credits_the_timetable_on_every_page(with_timetable) -> None:  # type: ignore[no-untyped-def]
    sheet, _, text = with_timetable
    credit = journey_texts_for(sheet.language).credit.format(credit=sheet.timetable_credit)
    assert all(flat(credit) in flat(page) for page in text.pages)
    _, plain, _ = render(sample_sheet(sheet.language))  # no timetable figure: no credit
    assert flat(credit) not in flat(plain.text) and "NVV" not in plain.text


def test_five_offers_with_connections_stay_whole(with_timetable) -> None:  # type: ignore[no-untyped-def]
    """Each offer block (title to its contact line) on one page; pathway after the offers."""
    sheet, pages, text = with_timetable
    assert pages <= 3
    for offer in sheet.offers:
        holding = [n for n, page in enumerate(text.pages) if flat(offer.title) in flat(page)]
        assert len(holding) == 1, offer.title
        page = flat(text.pages[holding[0]])
        assert flat(offer.contact_person) in page
        for commute in offer.commutes:
            if commute.connection is not None:
                last = connection_steps(commute.connection, journey_texts_for(sheet.language))
                assert flat(last[-1]) in page and flat(last[1]) in page
    # the pathway, whole, after the last offer (de-simple's intro also names it on page 1)
    last_offer = max(n for n, p in enumerate(text.pages) if flat(sheet.offers[-1].title) in flat(p))
    last_page = flat(text.pages[-1])
    assert last_offer <= len(text.pages) - 1 and flat(TEXTS[sheet.language].pathway) in last_page
    assert all(flat(step.text) in last_page for step in sheet.steps)


def test_the_update_sheet_gives_each_connection_its_day() -> None:
    sheet = sample_sheet("de", timetable=True)
    data = read_pdf(render_update_sheet_bytes(UpdateSheetData(sheet, date(2026, 2, 1))))
    body = flat(data.text)
    assert body.count(flat("Bus und Bahn für Schultage, Ankunft bis 7:30")) == 3
    assert flat("Fahrplandaten: NVV") in body


def render_update_sheet_bytes(data: UpdateSheetData) -> bytes:
    import io

    buffer = io.BytesIO()
    return render_update_sheet(data, buffer).data
