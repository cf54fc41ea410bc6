"""Reasons as a counsellor reads them: one verdict per criterion, unknown places, moves, "ca.",
offers of unclear type, and the structured reasons behind the sentences."""

from __future__ import annotations

import json
import re
import string
from dataclasses import replace
from datetime import date

import pytest

from srek_desk import paths
from srek_desk.matching import codes
from srek_desk.matching.engine import Matcher, OfferFilter
from srek_desk.matching.explain import Explainer
from srek_desk.matching.index import ClientIndex, OfferIndex
from srek_desk.matching.occupation import RelatedOccupations
from srek_desk.matching.travel_times import TravelTimes
from srek_desk.matching.wording import Wording, reason
from srek_desk.reference.occupations import OccupationCatalog
from tests.unit.matching_fixtures import TODAY, client, offer

CATALOG = OccupationCatalog.load()
RELATED = RelatedOccupations([])
KASSEL, GOETTINGEN, PADERBORN = "34117", "37073", "33098"


def matcher(offers, clients=(), travel_times=None):  # type: ignore[no-untyped-def]
    return Matcher(
        OfferIndex(offers),
        ClientIndex(clients),
        RELATED,
        Explainer(CATALOG, RELATED),
        travel_times=travel_times,
        today=TODAY,
    )


def only(result):  # type: ignore[no-untyped-def]
    [match] = result.matches + result.near_misses
    return match


# -- the contradictions ------------------------------------------------------------------


def test_missing_school_qualification_never_also_fits() -> None:
    hauptschule = client(postcode=KASSEL, school_rank=codes.school_rank("hauptschule"))
    miss = only(
        matcher([offer(1, KASSEL, required_school="mittlere_reife")]).rank_offers(hauptschule)
    )
    assert miss.excluded_because.startswith("Schulabschluss fehlt knapp")
    assert not any(r.startswith("Schulabschluss passt") for r in miss.reasons)
    assert miss.excluded_because in miss.reasons  # the same sentence, from the same verdict


def test_requirement_level_short_never_also_fits() -> None:
    job = offer(1, KASSEL, "26113", offer_type="arbeit", required_level=2)
    abitur_helper = client(
        postcode=KASSEL, school_rank=codes.school_rank("abitur"), vocational_level=1
    )
    miss = only(matcher([job]).rank_offers(abitur_helper))
    assert miss.excluded_because == "Anforderungsniveau Fachkraft verlangt, vorhanden Helfer."
    assert not any(r.startswith("Anforderungsniveau passt") for r in miss.reasons)


def test_missing_licence_never_says_it_is_held() -> None:
    miss = only(
        matcher([offer(1, KASSEL, driving_licence="B")]).rank_offers(
            client(postcode=KASSEL, licence_mask=0)
        )
    )
    assert miss.excluded_because == "Führerschein B fehlt."
    assert not any("vorhanden" in r for r in miss.reasons if r.startswith("Führerschein"))


def test_fitting_criteria_still_say_so() -> None:
    fits = offer(1, KASSEL, "26113", offer_type="arbeit", required_level=3)
    fits = replace(fits, required_school="mittlere_reife", driving_licence="B", german_level="B2")
    person = client(postcode=KASSEL, vocational_level=3, german_rank=4)
    match = matcher([fits]).rank_offers(person).matches[0]
    assert "Schulabschluss passt (verlangt: Mittlerer Schulabschluss (Realschulabschluss))." in (
        match.reasons
    )
    assert "Anforderungsniveau passt: Spezialist." in match.reasons
    assert "Führerschein B verlangt – vorhanden." in match.reasons
    assert "Deutsch B2 verlangt – vorhanden: B2." in match.reasons


def test_german_not_on_record_is_said_to_be_not_recorded() -> None:
    person = client(postcode=KASSEL, german_recorded=False)  # rank 6 assumed
    match = matcher([offer(1, KASSEL, german_level="B2")]).rank_offers(person).matches[0]
    assert (
        "Deutsch B2 verlangt – Deutschkenntnisse nicht erfasst, als ausreichend angenommen."
        in match.reasons
    )
    assert not any("vorhanden: C2" in r for r in match.reasons)


# -- places and commutes -------------------------------------------------------------------------


def test_an_offer_without_coordinates_is_a_near_miss_without_distance() -> None:
    nowhere = replace(offer(1, KASSEL), lat=None, lon=None)
    m = matcher([nowhere, offer(2, KASSEL)], [client(7, postcode=KASSEL)])
    result = m.rank_offers(client(7, postcode=KASSEL))
    assert [x.offer_id for x in result.matches] == [2]
    [miss] = result.near_misses
    assert miss.place_unknown and miss.commute_minutes is None and miss.commute_km is None
    assert miss.excluded_because.startswith("Arbeitsort unbekannt")
    assert not any(re.search(r"\d+ (Min\.|km)", r) for r in miss.reasons)
    # from the offer's side and among new chances: the same
    assert m.rank_clients(nowhere).near_misses[0].excluded_because == miss.excluded_because
    assert not m.rank_clients(nowhere).matches
    assert m.new_matches([1, 2], min_score=0) == [(7, 2, result.matches[0].score)]


def test_an_offer_without_coordinates_and_another_flaw_is_left_out() -> None:
    nowhere = replace(offer(1, KASSEL, driving_licence="B"), lat=None, lon=None)
    result = matcher([nowhere]).rank_offers(client(postcode=KASSEL, licence_mask=0))
    assert not result.matches and not result.near_misses


def test_estimated_minutes_say_ca_and_the_office_table_does_not() -> None:
    table = TravelTimes.from_rows([("34346", GOETTINGEN, "pt", 30.0)])
    result = matcher([offer(1, KASSEL), offer(2, GOETTINGEN)], travel_times=table).rank_offers(
        client(postcode="34346", modes=("car", "pt"))
    )
    by_id = {m.offer_id: m for m in result.matches + result.near_misses}
    assert by_id[1].reasons[1].startswith("ca. ") and "Min. mit dem Auto" in by_id[1].reasons[1]
    assert "In Hessen, ca. " in " ".join(by_id[1].reasons)
    assert by_id[1].commute_estimated and not by_id[2].commute_estimated
    assert (
        by_id[2]
        .reasons[1]
        .startswith("30 Min. mit Bus und Bahn laut Fahrzeittabelle der Dienststelle")
    )


def test_approximate_place_gives_an_approximate_distance() -> None:
    near = offer(1, KASSEL, place_approximate=True)
    match = matcher([near]).rank_offers(client(postcode="34346")).matches[0]
    assert match.place_approximate
    assert re.search(r"\(ca\. \d+ km\)", match.reasons[1]), match.reasons[1]
    exact = matcher([offer(1, KASSEL)]).rank_offers(client(postcode="34346")).matches[0]
    # exact coordinates: the route is still an estimate (straight line × detour factor)
    assert re.search(r"\(ca\. \d+ km\)", exact.reasons[1]), exact.reasons[1]


def test_the_same_place_centre_is_not_zero_km() -> None:
    same = offer(1, KASSEL, place_approximate=True)
    match = matcher([same]).rank_offers(client(postcode=KASSEL)).matches[0]
    assert "0 km" not in match.reasons[1] and "ca. 1 km" in match.reasons[1]


def test_a_move_says_umzug_and_never_a_travel_time() -> None:
    mover = client(postcode="34346", relocate=True, modes=("pt",))
    match = matcher([offer(3, PADERBORN)]).rank_offers(mover).matches[0]
    assert match.relocation
    assert re.fullmatch(
        r"Nur mit Umzug \(ca\. \d+ km\): zum Pendeln zu weit \(mehr als die höchstens 45 Min\. pro "
        r"Weg\), ein Umzug ist möglich\.",
        match.reasons[1],
    )
    assert not any(re.search(r"\d+ Min\. (mit|von)", r) for r in match.reasons)
    assert any(r.startswith("In Nordrhein-Westfalen – eine Chance") for r in match.reasons)


# -- offers of unclear type ----------------------------------------------------------------------


def test_unclear_type_is_seen_as_either_and_does_not_pretend_to_know_the_level() -> None:
    unclear = offer(1, KASSEL, "26113", offer_type="unklar", required_level=3)
    m = matcher([unclear, offer(2, KASSEL, offer_type="praktikum")])
    helper = client(postcode=KASSEL, vocational_level=1)
    match = next(x for x in m.rank_offers(helper).matches if x.offer_id == 1)
    assert not match.excluded_because
    assert "Art des Angebots unklar (Ausbildung oder Arbeit) – beim Arbeitgeber nachfragen." in (
        match.reasons
    )
    assert not any(
        r.startswith(("Anforderungsniveau passt", "Überqualifiziert")) for r in match.reasons
    )
    assert any(r.startswith("Anforderungsniveau Spezialist gilt nur") for r in match.reasons)
    for wanted in ("ausbildung", "arbeit"):
        narrowed = m.rank_offers(helper, where=OfferFilter(offer_types=(wanted,)))
        assert [x.offer_id for x in narrowed.matches] == [1]
    internship = m.rank_offers(helper, where=OfferFilter(offer_types=("praktikum",)))
    assert [x.offer_id for x in internship.matches] == [2]


def test_an_unknown_type_code_counts_as_unclear_not_as_a_job() -> None:
    odd = offer(1, KASSEL, "26113", offer_type="gibts_nicht", required_level=3)
    match = matcher([odd]).rank_offers(client(postcode=KASSEL, vocational_level=1)).matches[0]
    assert not match.excluded_because


# -- structured reasons and their words ----------------------------------------------------------


def test_match_json_carries_the_codes_behind_the_sentences() -> None:
    miss = only(
        matcher([offer(1, KASSEL, driving_licence="B")]).rank_offers(
            client(postcode=KASSEL, licence_mask=0)
        )
    )
    data = json.loads(json.dumps(miss.as_json("offer")))
    assert data["reasons"] == list(miss.reasons)  # the German sentences stay
    assert data["exclusion"] == {"code": "licence.missing", "values": {"licence": "B"}}
    assert [item["code"] for item in data["explanation"]][:2] == [
        "occupation.exact",
        "commute.within",
    ]
    assert data["commute_estimated"] is True and data["relocation"] is False
    assert data["place_unknown"] is False and data["place_approximate"] is False


SAMPLE = {
    "priority": 1,
    "wish": "Mechatroniker/in",
    "level": "Fachkraft",
    "note": "ähnlich",
    "group": "Mechatronik",
    "minutes": 32.4,
    "estimated": True,
    "extra": 5.0,
    "mode": "pt",
    "km": 21.3,
    "approximate": False,
    "limit": 45,
    "state": "Hessen",
    "home": "Kassel",
    "notes": "",
    "asked": "B2",
    "held": "B1",
    "start_on": date(2027, 8, 1),
    "available_on": date(2027, 8, 1),
    "deadline_on": date(2027, 4, 30),
    "offered": ("Teilzeit",),
    "licence": "B",
    "skills": ("Staplerschein",),
    "reason": "Bewerbungsfrist abgelaufen",
    "arrive_by": "7:30",
    "rides": ("RE 2|Hann. Münden|7:08|Kassel Hbf|7:27", "Tram 1|Kassel Hbf|7:31|Rathaus|7:36"),
    "depart": "6:58",
    "arrive": "7:40",
}


def test_every_reason_code_has_words_in_every_language() -> None:
    data = json.loads(paths.resource("matching", "reasons.json").read_text(encoding="utf-8"))
    wording = Wording.load()
    german = set(wording.codes("de"))
    for language in wording.languages():
        assert set(wording.codes(language)) == german, language
        for code in german:
            template = data[language][code]
            names = {n for _, n, _, _ in string.Formatter().parse(template) if n}
            assert names <= {*SAMPLE, "source"}, (language, code, names)
            values = {n: SAMPLE[n] for n in names if n in SAMPLE}
            if names & {"minutes", "extra", "source"}:
                values["estimated"] = False  # a figure of the office's table: names its source
            text = wording.render(reason(code, **values))
            assert "{" not in text and "}" not in text, text


def test_timetable_figures_name_the_timetable_and_the_lines() -> None:
    wording = Wording.load()
    within = reason(
        "commute.within", minutes=19, estimated=False, via="timetable", mode="pt", km=21.0,
        approximate=False, limit=30,
    )  # fmt: skip
    assert wording.render(within) == (
        "19 Min. mit Bus und Bahn laut Fahrplan (ca. 21 km) – innerhalb von 30 Min. pro Weg."
    )
    table = reason("commute.within", minutes=19, estimated=False, via="table", mode="pt", km=21.0,
                   approximate=False, limit=30)  # fmt: skip
    assert "laut Fahrzeittabelle der Dienststelle" in wording.render(table)
    connection = reason(
        "commute.connection", rides=SAMPLE["rides"], depart="6:58", arrive="7:40", minutes=42,
        estimated=False,
    )  # fmt: skip
    assert wording.render(connection) == (
        "Laut Fahrplan: RE 2 ab Hann. Münden 7:08, an Kassel Hbf 7:27; dann Tram 1 ab Kassel Hbf "
        "7:31, an Rathaus 7:36 – los um 6:58, da um 7:40 (42 Min. von Tür zu Tür, Fußwege "
        "geschätzt)."
    )
    assert wording.render(connection, "en").startswith(
        "By the timetable: RE 2 from Hann. Münden 7:08, arriving Kassel Hbf 7:27; then Tram 1"
    )
    none = reason("commute.no_connection", arrive_by="7:30")
    assert wording.render(none) == (
        "Laut Fahrplan keine Verbindung mit Bus und Bahn, die bis 7:30 Uhr ankommt."
    )


def test_figures_are_formatted_per_language() -> None:
    wording = Wording.load()
    within = reason(
        "commute.within",
        minutes=32.4,
        estimated=True,
        mode="pt",
        km=0.4,
        approximate=False,
        limit=45,
    )
    assert wording.render(within) == (
        "ca. 32 Min. mit Bus und Bahn (unter 1 km) – innerhalb von 45 Min. pro Weg."
    )
    assert wording.render(within, "en") == (
        "approx. 32 min by bus and train (under 1 km) – within 45 min each way."
    )
    assert wording.render(within, "de-simple") == wording.render(within)  # falls back to German
    with pytest.raises(KeyError):
        wording.render(reason("no.such.code"))


def test_every_exclusion_flag_is_the_short_verdict_of_its_criterion(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Flags and verdicts come from the same conditions: SHORT exactly where the flag is set."""
    import numpy as np

    from srek_desk.matching import engine
    from srek_desk.matching import verdicts as v
    from srek_desk.matching.scoring import CRITERION_FLAGS, F_PLACE
    from tests.unit.test_matching_depth import _random_world

    scored = []
    original = engine.score_pairs

    def keep(*args, **kwargs):  # type: ignore[no-untyped-def]
        scores = original(*args, **kwargs)
        scored.append(scores)
        return scores

    monkeypatch.setattr(engine, "score_pairs", keep)
    offers, people = _random_world(7)
    offers = [
        replace(o, lat=None, lon=None) if o.id % 9 == 0 else o for o in offers
    ]  # some places unknown
    m = matcher(offers, people)
    for person in people[:10]:
        m.rank_offers(person)
    m.rank_clients(offers[0])
    checked = 0
    for scores in scored:
        pairs = np.arange(len(scores.score))
        verdicts = scores.verdicts_at(pairs)
        for name, flag in CRITERION_FLAGS.items():
            assert np.array_equal(verdicts[name] == v.SHORT, (scores.flags & flag) != 0), name
        place = verdicts["commute"] == v.PLACE_UNKNOWN
        assert np.array_equal(place, (scores.flags & F_PLACE) != 0)
        checked += len(pairs)
    assert checked > 100
