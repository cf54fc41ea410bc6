"""The sheet prints the bus-and-train connection from the loaded timetable: line, stops and
times read back from the PDF, no "ca." before timetable minutes, the publisher in the footer;
without a timetable the minutes stay an estimate with "ca.".

The small region feed (tests/gtfs_feeds.py): RE 2 leaves Hann. Münden at 7:08 on weekdays and
reaches Kassel Hbf at 7:27; nothing runs from Hann. Münden to Witzenhausen before 7:30.
Friday 11 December 2026 is "today", so the next school day is Monday 14 December.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from srek_desk.config import Config
from srek_desk.db.models import Offer
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.access import SYSTEM
from srek_desk.services.matching import MatchService
from srek_desk.services.sheets.service import SheetService
from srek_desk.services.timetable import TimetableService
from srek_desk.sheets import Commute
from tests.db.privacy_fixtures import person
from tests.gtfs_feeds import KASSEL, WITZENHAUSEN, small_region_feed
from tests.unit.test_sheet_support import flat, read_pdf

TODAY = date(2026, 12, 11)  # a Friday
PUBLISHER = "Beispiel-Verkehrsverbund Nordhessen"  # feed_info.txt of the small region feed
RIDE = "RE 2 ab Hann. Münden 7:08, an Kassel Hbf 7:27"


@dataclass
class Office:
    service: SheetService
    client_id: int
    kassel: int  # Mechatroniker/in in Kassel: the client's wish, by RE 2
    kassel_cook: int  # a cook in Kassel: not the wish, so the matching leaves it out
    witzenhausen: int  # Mechatroniker/in in Witzenhausen: no connection by 7:30


def _office(database, reference, tmp_path: Path, *, timetable: bool) -> Office:  # type: ignore[no-untyped-def]
    config = Config.defaults()
    if timetable:
        TimetableService(database, config).import_feed(small_region_feed(tmp_path / "feed"))
    client_id = ClientService(database).create(
        person("Mia", "Sommer", "K-PT", home_postcode="34346"), reference
    )
    confirmed = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
    offers = {
        "kassel": ("26112", "Ausbildung Mechatroniker/in", "34117", "Kassel", KASSEL),
        "kassel_cook": ("29302", "Ausbildung Koch/Köchin", "34117", "Kassel", KASSEL),
        "witzenhausen": (
            "26112", "Ausbildung Mechatroniker/in Werratal", "37213", "Witzenhausen", WITZENHAUSEN,
        ),
    }  # fmt: skip
    ids = {}
    with database.session() as session, session.begin():
        for number, (name, (kldb, title, postcode, place, at)) in enumerate(offers.items()):
            row = Offer(
                source="test",
                reference=f"TT-{number}",
                offer_type="ausbildung",
                title=title,
                employer_name=f"Betrieb {place} {number}",
                kldb_code=kldb,
                confirmed_at=confirmed,
                postcode=postcode,
                place=place,
                state="HE",
                lat=at[0],
                lon=at[1],
            )
            session.add(row)
            session.flush()
            ids[name] = int(row.id)  # type: ignore[arg-type]
    matching = MatchService(database, reference, config, today=TODAY)
    return Office(
        SheetService(database, reference, config, matching, actor=SYSTEM), client_id, **ids
    )


def _pt(commutes: tuple[Commute, ...]) -> Commute:
    [pt] = [c for c in commutes if c.mode == "pt"]
    return pt


def _pdftotext(data: bytes, tmp_path: Path) -> str | None:
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    pdf = tmp_path / "read.pdf"
    pdf.write_bytes(data)
    return subprocess.run([tool, str(pdf), "-"], capture_output=True, check=True, text=True).stdout


def test_a_pt_only_client_gets_the_connection_on_the_sheet(
    database, reference, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    office = _office(database, reference, tmp_path, timetable=True)
    prepared = office.service.prepare(office.client_id, today=TODAY)
    assert prepared.offer_ids == (office.kassel,)  # Witzenhausen: no connection, no match
    pt = _pt(prepared.data.offers[0].commutes)
    connection = pt.connection
    assert connection is not None and pt.no_connection_by is None and not pt.estimated
    assert connection.day == date(2026, 12, 14) and connection.arrive_by == 7 * 3600 + 1800
    [ride] = connection.rides
    assert (ride.route, ride.from_name, ride.to_name) == ("RE 2", "Hann. Münden", "Kassel Hbf")
    assert (ride.depart, ride.arrive) == (7 * 3600 + 8 * 60, 7 * 3600 + 27 * 60)
    assert connection.depart <= ride.depart and connection.arrive >= ride.arrive
    assert connection.arrive <= connection.arrive_by
    # the same figure as the match: the minutes come from one source
    _, result = office.service.matching.rank_offers(office.client_id, SYSTEM)
    match = next(m for m in result.matches if m.offer_id == office.kassel)
    assert match.commute_source == "timetable" and match.mode == "pt"
    assert round(match.commute_minutes) == round(pt.minutes)  # type: ignore[arg-type]
    assert PUBLISHER in prepared.data.timetable_credit

    data = office.service.render(prepared, tmp_path / "de.pdf").data
    text = read_pdf(data)
    minutes = round(pt.minutes)
    leave = f"{connection.depart // 3600}:{connection.depart // 60 % 60:02d}"
    arrive = f"{connection.arrive // 3600}:{connection.arrive // 60 % 60:02d}"
    assert text.contains(RIDE)
    assert text.contains(f"los um {leave}") and text.contains(f"da um {arrive}")
    assert text.contains(
        "Bus und Bahn für Schultage, Ankunft bis 7:30 (Fahrplan für Mo., 14.12.2026)"
    )
    assert text.contains(f"{minutes} min mit Bus und Bahn (von Tür zu Tür, Fußwege geschätzt)")
    assert flat(f"ca. {minutes} min") not in flat(text.text)  # the distance keeps its "ca."
    assert text.contains(f"Fahrplandaten: {PUBLISHER}")
    words = _pdftotext(data, tmp_path)
    if words is not None:  # a second reader: the line, the stops and the times
        for part in ("RE 2", "Hann. Münden", "Kassel Hbf", "7:08", "7:27", leave, arrive):
            assert part in words, part


@pytest.mark.parametrize(
    ("language", "ride", "minutes_text"),
    [
        (
            "de-simple",
            "Du fährst um 7:08 mit RE 2 ab Hann. Münden. Du steigst um 7:27 in Kassel Hbf aus.",
            "min mit Bus und Bahn (Fußwege sind geschätzt)",
        ),
        (
            "en",
            "RE 2 from Hann. Münden 7:08, arriving Kassel Hbf 7:27",
            "min by bus and train (door to door, walks estimated)",
        ),
    ],
)
def test_simple_and_english_sheets_print_the_connection(
    database, reference, tmp_path: Path, language: str, ride: str, minutes_text: str
) -> None:  # type: ignore[no-untyped-def]
    office = _office(database, reference, tmp_path, timetable=True)
    prepared = office.service.prepare(office.client_id, today=TODAY, language=language)
    minutes = round(_pt(prepared.data.offers[0].commutes).minutes)
    text = read_pdf(office.service.render(prepared, tmp_path / f"{language}.pdf").data)
    assert text.contains(ride)
    assert text.contains(f"{minutes} {minutes_text}")
    approx = {"de-simple": "etwa", "en": "approx."}[language]
    assert flat(f"{approx} {minutes} min") not in flat(text.text)
    assert text.contains(PUBLISHER)


def test_picked_offers_take_the_timetable_too(database, reference, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Offers the matching left out (another occupation; no connection in time) get their
    bus-and-train figure from the matcher's timetable, not from the estimate."""
    office = _office(database, reference, tmp_path, timetable=True)
    prepared = office.service.prepare(
        office.client_id, offer_refs=[office.kassel_cook, office.witzenhausen], today=TODAY
    )
    cook, werratal = (_pt(o.commutes) for o in prepared.data.offers)
    assert cook.connection is not None and cook.connection.rides[0].route == "RE 2"
    assert werratal.connection is None and werratal.no_connection_by == 7 * 3600 + 1800
    text = read_pdf(office.service.render(prepared, tmp_path / "picked.pdf").data)
    assert text.contains(RIDE)
    assert text.contains("keine Verbindung mit Bus und Bahn bis 7:30")
    assert text.contains(f"Fahrplandaten: {PUBLISHER}")


def test_without_a_timetable_the_sheet_says_ca(database, reference, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office = _office(database, reference, tmp_path, timetable=False)
    prepared = office.service.prepare(
        office.client_id, offer_refs=[office.kassel, office.witzenhausen], today=TODAY
    )
    for offer in prepared.data.offers:
        pt = _pt(offer.commutes)
        assert pt.estimated and pt.connection is None and pt.no_connection_by is None
    assert prepared.data.timetable_credit == ""
    text = read_pdf(office.service.render(prepared, tmp_path / "plain.pdf").data)
    minutes = round(_pt(prepared.data.offers[0].commutes).minutes)
    assert text.contains(f"Weg: ca. {minutes} min mit Bus und Bahn")
    assert not text.contains("So kommst du hin") and not text.contains("Fahrplandaten")
