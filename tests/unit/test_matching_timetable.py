"""Matching with a timetable: bus-and-train minutes from the journey search, the office's table
still first, the estimate only where neither knows, and reasons that name the line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np

from srek_desk.geo.transit.search import TransitRouter
from srek_desk.matching.engine import Matcher
from srek_desk.matching.explain import Explainer
from srek_desk.matching.index import ClientIndex, OfferIndex
from srek_desk.matching.occupation import RelatedOccupations
from srek_desk.matching.transit import TimetableCommutes, next_school_day, parse_clock
from srek_desk.matching.travel_times import TravelTimes
from srek_desk.reference.occupations import OccupationCatalog
from tests.unit.matching_fixtures import TODAY, client, offer
from tests.unit.transit.feeds import FeedBuilder

CATALOG = OccupationCatalog.load()
RELATED = RelatedOccupations([])
MUENDEN, KASSEL, WITZENHAUSEN, GOETTINGEN = "34346", "34117", "37213", "37073"
SCHOOL_DAY = next_school_day(TODAY)  # Wednesday, 25 November 2026
METRES = 1 / 111_195  # a metre in degrees of latitude


def _feed() -> FeedBuilder:
    """RE 2 Hann. Münden 7:02 → Kassel Hbf 7:17 on weekdays; a bus reaches Witzenhausen only
    at 8:00; stops 200 m north of the postcode centres; nothing near Göttingen."""
    muenden, kassel, witz = (client(postcode=p) for p in (MUENDEN, KASSEL, WITZENHAUSEN))
    feed = FeedBuilder(day_zero=date(2026, 11, 23), days=28)
    for name, home in (("Hann. Münden", muenden), ("Kassel Hbf", kassel), ("Witzenhausen", witz)):
        assert home.lat is not None and home.lon is not None
        feed.stop_at(name, home.lat + 200 * METRES, home.lon)
    weekdays = feed.weekly("Mo-Fr", range(5))
    feed.trip("RE 2", weekdays, ("Hann. Münden", "7:02"), ("Kassel Hbf", "7:17"), route_type=2)
    feed.trip("Bus 210", weekdays, ("Hann. Münden", "7:30"), ("Witzenhausen", "8:00"))
    return feed


def _matcher(offers, clients=(), travel_times=None, timetable=True):  # type: ignore[no-untyped-def]
    transit = None
    if timetable:
        router = TransitRouter(_feed().build())
        transit = TimetableCommutes(router, day=SCHOOL_DAY, arrive_by=parse_clock("07:30") or 0)
    return Matcher(
        OfferIndex(offers),
        ClientIndex(clients),
        RELATED,
        Explainer(CATALOG, RELATED),
        travel_times=travel_times,
        today=TODAY,
        transit=transit,
    )


def _pt_client(**changes):  # type: ignore[no-untyped-def]
    return client(postcode=MUENDEN, modes=("pt",), licence_mask=0, **changes)


def test_the_timetable_brings_kassel_within_reach_and_names_the_line() -> None:
    kassel = offer(1, KASSEL)
    person = _pt_client(max_minutes=30.0)
    # the estimate: ca. 64 min by bus and train, far beyond 30 + 30 → not even a near miss
    without = _matcher([kassel], timetable=False).rank_offers(person)
    assert not without.matches and not without.near_misses
    found = _matcher([kassel]).rank_offers(person)
    assert [m.offer_id for m in found.matches] == [1]
    match = found.matches[0]
    assert match.commute_source == "timetable" and not match.commute_estimated
    assert match.connection is not None
    journey = match.connection.journey
    rides = [leg for leg in journey.legs if leg.kind == "ride"]
    assert [(r.route, r.from_name, r.to_name) for r in rides] == [
        ("RE 2", "Hann. Münden", "Kassel Hbf")
    ]
    # door to door: 200 m on foot each end (× 1.2 at 4.5 km/h: 192 s) around 7:02 → 7:17
    assert abs(journey.depart - (7 * 3600 + 2 * 60 - 192)) <= 2
    assert abs(journey.arrive - (7 * 3600 + 17 * 60 + 192)) <= 2
    assert match.commute_minutes == journey.minutes
    sentences = " ".join(match.reasons)
    assert "laut Fahrplan" in sentences and "ca. 21 Min." not in sentences
    assert "RE 2 ab Hann. Münden 7:02, an Kassel Hbf 7:17" in sentences
    assert "los um 6:58, da um 7:20" in sentences
    data = match.as_json("offer")
    assert data["commute_source"] == "timetable" and data["commute_estimated"] is False
    assert data["connection"]["legs"][1] == {
        "kind": "ride", "from": "Hann. Münden", "to": "Kassel Hbf", "depart": "7:02",
        "arrive": "7:17", "route": "RE 2",
    }  # fmt: skip


def test_no_connection_by_the_deadline_excludes_what_the_estimate_let_in() -> None:
    witzenhausen = offer(2, WITZENHAUSEN)
    person = _pt_client(max_minutes=75.0)
    # the estimate (ca. 61 min) lets it in; the timetable's only bus arrives at 8:00
    assert [m.offer_id for m in _matcher([witzenhausen], timetable=False).rank_offers(
        person).matches] == [2]  # fmt: skip
    found = _matcher([witzenhausen]).rank_offers(person)
    assert not found.matches and not found.near_misses
    # a client whose own arrival time is 8:10 makes it (8:00 and the walk from the stop)
    late = _pt_client(max_minutes=75.0, arrive_by=8 * 3600 + 600)
    assert [m.offer_id for m in _matcher([witzenhausen]).rank_offers(late).matches] == [2]


def test_own_arrival_time_of_the_client_is_used() -> None:
    early = _pt_client(max_minutes=30.0, arrive_by=6 * 3600)
    assert not _matcher([offer(1, KASSEL)]).rank_offers(early).matches


def test_where_the_timetable_does_not_know_the_estimate_stays_and_says_ca() -> None:
    goettingen = offer(3, GOETTINGEN)
    person = _pt_client(max_minutes=90.0)
    match = _matcher([goettingen]).rank_offers(person).matches[0]
    assert match.commute_source == "estimate" and match.commute_estimated
    assert match.connection is None
    assert any("ca." in r and "mit Bus und Bahn" in r for r in match.reasons)


def test_the_offices_table_wins_over_the_timetable() -> None:
    table = TravelTimes.from_rows([(MUENDEN, KASSEL, "pt", 25.0)])
    person = _pt_client(max_minutes=30.0)
    match = _matcher([offer(1, KASSEL)], travel_times=table).rank_offers(person).matches[0]
    assert match.commute_minutes == 25.0 and match.commute_source == "table"
    assert match.commute_from_table and match.connection is None


def test_a_car_stays_faster_where_it_is() -> None:
    driver = client(postcode=MUENDEN, modes=("car", "pt"), max_minutes=45.0)
    match = _matcher([offer(1, KASSEL)]).rank_offers(driver).matches[0]
    # car ca. 28 min (17 km × 1.3 at 55 km/h + 4) beats 21 min? no: the timetable's 21 min wins
    assert match.mode == "pt" and match.commute_source == "timetable"


def test_rank_clients_and_new_matches_use_the_same_minutes() -> None:
    kassel = offer(1, KASSEL)
    people = [
        _pt_client(max_minutes=30.0),
        replace(_pt_client(max_minutes=30.0), id=2, customer_number="K-0002", arrive_by=6 * 3600),
        replace(client(postcode=GOETTINGEN, modes=("pt",)), id=3, customer_number="K-0003"),
    ]
    matcher = _matcher([kassel], people)
    ranked = matcher.rank_clients(kassel)
    assert [m.client_id for m in ranked.matches] == [1]
    assert ranked.matches[0].commute_source == "timetable"
    assert [(c, o) for c, o, _ in matcher.new_matches([1], min_score=0)] == [(1, 1)]


def test_minutes_are_unknown_outside_the_timetable_and_on_days_it_does_not_run() -> None:
    router = TransitRouter(_feed().build())
    kassel, goettingen = client(postcode=KASSEL), client(postcode=GOETTINGEN)
    muenden = client(postcode=MUENDEN)
    lats = np.array([kassel.lat, goettingen.lat])
    lons = np.array([kassel.lon, goettingen.lon])
    on_school_day = TimetableCommutes(router, day=SCHOOL_DAY, arrive_by=27000)
    minutes = on_school_day.minutes(muenden.lat, muenden.lon, lats, lons)
    assert round(minutes[0], 1) == 21.4 and np.isnan(minutes[1])
    sunday = TimetableCommutes(router, day=date(2026, 11, 29), arrive_by=27000)
    assert np.isnan(sunday.minutes(muenden.lat, muenden.lon, lats, lons)).all()
