"""Matching in depth: skills, BA offer flags against preferences, freshness, fast new matches."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from srek_desk.matching.bitsets import SkillBits, count_bits, fit
from srek_desk.matching.engine import Matcher, OfferFilter
from srek_desk.matching.explain import Explainer
from srek_desk.matching.index import ClientIndex, OfferIndex
from srek_desk.matching.occupation import RelatedOccupations
from srek_desk.matching.settings import MatchSettings
from srek_desk.matching.travel_times import TravelTimes
from srek_desk.reference.occupations import OccupationCatalog
from tests.unit.matching_fixtures import TODAY, client, offer

CATALOG = OccupationCatalog.load()
# one pair inside a Berufshauptgruppe, one across (26 Mechatronik/Elektro, 25 Maschinenbau)
RELATED = RelatedOccupations(
    [("26112", "26252", "Instandhaltung"), ("26112", "25102", "Anlagen warten")]
)
LABELS = {"staplerschein": "Staplerschein", "erste_hilfe": "Erste Hilfe", "sap": "SAP"}
KASSEL = "34117"


def matcher(offers, clients=(), travel_times=None, settings=None):  # type: ignore[no-untyped-def]
    return Matcher(
        OfferIndex(offers),
        ClientIndex(clients),
        RELATED,
        Explainer(CATALOG, RELATED, skill_labels=LABELS),
        settings,
        travel_times,
        today=TODAY,
    )


def only(result):  # type: ignore[no-untyped-def]
    return {m.offer_id: m for m in result.matches}, {m.offer_id: m for m in result.near_misses}


# -- skills ----------------------------------------------------------------------------------------


def test_one_missing_required_skill_is_a_near_miss_naming_the_label() -> None:
    rows = [offer(1, KASSEL, skills_required=("staplerschein",)), offer(2, KASSEL)]
    matches, near = only(matcher(rows).rank_offers(client(postcode=KASSEL)))
    assert list(matches) == [2] and list(near) == [1]
    assert near[1].excluded_because == "fehlt: Staplerschein"
    assert near[1].missing_skills == ("staplerschein",)
    assert near[1].as_json("offer")["missing_skills"] == ["Staplerschein"]
    holder = client(postcode=KASSEL, skills=frozenset({"staplerschein"}))
    matches, near = only(matcher(rows).rank_offers(holder))
    assert sorted(matches) == [1, 2] and not near
    assert "Verlangt: Staplerschein – vorhanden." in matches[1].reasons
    assert matches[1].missing_skills == () and matches[1].as_json("offer")["missing_skills"] == []


def test_unknown_skill_code_shows_the_code_and_two_missing_stay_near_three_are_out() -> None:
    two = offer(1, KASSEL, skills_required=("staplerschein", "kran_neu"))
    three = offer(2, KASSEL, skills_required=("staplerschein", "kran_neu", "sap"))
    matches, near = only(matcher([two, three]).rank_offers(client(postcode=KASSEL)))
    assert not matches and list(near) == [1]
    assert near[1].excluded_because == "fehlt: Staplerschein, kran_neu"


def test_missing_skill_plus_another_violation_is_no_near_miss() -> None:
    row = offer(1, KASSEL, skills_required=("staplerschein",), driving_licence="C")
    result = matcher([row]).rank_offers(client(postcode=KASSEL))
    assert not result.matches and not result.near_misses


def test_nice_to_have_skills_raise_the_score_and_are_named() -> None:
    rows = [offer(1, KASSEL, skills_nice=("erste_hilfe", "sap")), offer(2, KASSEL)]
    none = only(matcher(rows).rank_offers(client(postcode=KASSEL)))[0]
    half = only(
        matcher(rows).rank_offers(client(postcode=KASSEL, skills=frozenset({"erste_hilfe"})))
    )[0]
    both = only(
        matcher(rows).rank_offers(client(postcode=KASSEL, skills=frozenset({"erste_hilfe", "sap"})))
    )[0]
    assert none[1].score < half[1].score < both[1].score == none[2].score
    # part 0.5 → 0.75 → 1.0 of weight 5 out of 105
    assert round(half[1].score - none[1].score, 1) == round(100 * 5 * 0.25 / 105, 1)
    assert any("bringt mit: Erste Hilfe" in r for r in half[1].reasons)
    assert not any("bringt mit" in r for r in none[1].reasons)


def test_skill_bits_span_several_words_and_indexes_share_them() -> None:
    many = tuple(f"skill_{i}" for i in range(150))
    rows = [offer(1, KASSEL, skills_required=many[140:141]), offer(2, KASSEL)]
    m = matcher(rows, [client(1, KASSEL, skills=frozenset(many))])
    assert m.offers.skills_required.shape[1] == 1
    m.offers.upsert([offer(3, KASSEL, skills_required=many)])  # 150 codes: three words
    assert m.offers.skills_required.shape[1] == 3
    result = m.rank_clients(m.offers.row(3))  # clients re-encoded with the offers' registry
    assert [x.client_id for x in result.matches] == [1]
    assert m.clients.skill_bits is m.offers.skill_bits
    bits = SkillBits()
    words = bits.encode([many, (), many[:3]])
    assert count_bits(words).tolist() == [150, 0, 3]
    assert fit(words, 5).shape == (3, 5) and count_bits(fit(words, 5)).tolist() == [150, 0, 3]


# -- offer flags and client preferences ------------------------------------------------------------


def test_no_temp_agency_excludes_temp_and_private_agencies() -> None:
    rows = [
        offer(1, KASSEL, flags=("temp_agency",)),
        offer(2, KASSEL, flags=("private_agency",)),
        offer(3, KASSEL, flags=("lateral_entry",)),
    ]
    anyone = only(matcher(rows).rank_offers(client(postcode=KASSEL)))[0]
    assert sorted(anyone) == [1, 2, 3]
    assert "Angebot über Zeitarbeit." in anyone[1].reasons and anyone[1].flags == ("temp_agency",)
    picky = client(postcode=KASSEL, preferences=frozenset({"no_temp_agency"}))
    matches, near = only(matcher(rows).rank_offers(picky))
    assert list(matches) == [3] and not near
    assert [m.client_id for m in matcher(rows, [picky]).rank_clients(rows[0]).matches] == []


def test_disabled_only_offers_need_severely_disabled() -> None:
    rows = [offer(1, KASSEL, flags=("disabled_only",)), offer(2, KASSEL)]
    assert list(only(matcher(rows).rank_offers(client(postcode=KASSEL)))[0]) == [2]
    entitled = client(postcode=KASSEL, preferences=frozenset({"severely_disabled"}))
    assert sorted(only(matcher(rows).rank_offers(entitled))[0]) == [1, 2]


def test_lateral_entry_and_refugee_preferences_give_a_bonus_with_a_reason() -> None:
    rows = [
        offer(1, KASSEL, flags=("lateral_entry",)),
        offer(2, KASSEL, flags=("refugees",)),
        offer(3, KASSEL),
    ]
    home = "34346"  # Hann. Münden: the commute keeps the score below the cap of 100
    plain = only(matcher(rows).rank_offers(client(postcode=home)))[0]
    assert plain[1].score == plain[2].score == plain[3].score < 98
    wants = client(postcode=home, preferences=frozenset({"lateral_entry", "refugee"}))
    scored = only(matcher(rows).rank_offers(wants))[0]
    assert scored[1].score == scored[2].score == pytest.approx(plain[3].score + 2.0, abs=0.051)
    assert scored[3].score == plain[3].score
    assert "Laut Angebot für Quereinsteiger:innen geeignet." in scored[1].reasons
    assert "Laut Angebot ausdrücklich auch für Geflüchtete." in scored[2].reasons
    assert [m.offer_id for m in matcher(rows).rank_offers(wants).matches][-1] == 3
    assert max(m.score for m in matcher(rows).rank_offers(wants).matches) <= 100


# -- freshness -------------------------------------------------------------------------------------


def _stale_rows():  # type: ignore[no-untyped-def]
    old = datetime(2026, 9, 1, tzinfo=UTC)
    return [
        offer(1, KASSEL),
        offer(2, KASSEL, application_deadline=date(2026, 11, 23)),
        offer(3, KASSEL, start_date=date(2026, 11, 1), application_deadline=None),
        offer(4, KASSEL, confirmed_at=old),
        offer(5, KASSEL, confirmed_at=None),
        # a job that started in the past is "ab sofort", not stale
        offer(6, KASSEL, offer_type="arbeit", start_date=date(2026, 10, 1)),
    ]


def test_stale_offers_are_left_out_and_shown_on_request_with_a_reason() -> None:
    person = client(postcode=KASSEL, earliest_start=date(2026, 11, 1), vocational_level=2)
    m = matcher(_stale_rows())
    result = m.rank_offers(person)
    assert sorted(x.offer_id for x in result.matches + result.near_misses) == [1, 6]
    shown = m.rank_offers(person, where=OfferFilter(include_stale=True))
    by_id = {x.offer_id: x for x in shown.matches + shown.near_misses}
    assert sorted(by_id) == [1, 2, 3, 4, 5, 6]
    assert not by_id[1].stale and by_id[1].as_json("offer")["stale"] is False
    assert "stale_reason" not in by_id[1].as_json("offer")
    expected = {
        2: "Bewerbungsfrist am 23.11.2026 abgelaufen",
        3: "Beginn am 01.11.2026 vorbei",
        4: "seit 84 Tagen nicht bestätigt (Stand: 01.09.2026)",
        5: "nie bestätigt",
    }
    for offer_id, reason in expected.items():
        data = by_id[offer_id].as_json("offer")
        assert data["stale"] is True and data["stale_reason"] == reason
        assert f"Nicht mehr aktuell: {reason}." in by_id[offer_id].reasons


def test_stale_after_days_comes_from_the_settings_and_rank_clients_respects_it() -> None:
    rows = [offer(4, KASSEL, confirmed_at=datetime(2026, 9, 1, tzinfo=UTC))]
    people = [client(1, KASSEL)]
    assert not matcher(rows, people).rank_clients(rows[0]).matches
    stale = matcher(rows, people).rank_clients(rows[0], include_stale=True).matches
    assert [x.client_id for x in stale] == [1] and stale[0].stale
    patient = matcher(rows, people, settings=MatchSettings(stale_after_days=90))
    assert [x.client_id for x in patient.rank_clients(rows[0]).matches] == [1]
    assert not patient.rank_clients(rows[0]).matches[0].stale


def test_stale_mask_agrees_with_stale_reason_on_every_row() -> None:
    rows = _stale_rows()
    m = matcher(rows)
    mask = m.offers.stale(TODAY.toordinal(), 30)
    assert mask.tolist() == [m.stale_reason(r) is not None for r in rows]


# -- new matches after an import ------------------------------------------------------------------

POSTCODES = ["34117", "37073", "34346", "37213", "37671", "34414", "37308", "33098"]
CODES = ["26112", "26113", "26252", "26122", "25102", "25103", "63302", "26312"]


def _random_world(seed: int):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    skills = ["staplerschein", "erste_hilfe", "sap", "kran", "schweissen"]
    offers = []
    for i in range(1, 61):
        confirmed = datetime(2026, 11, 20, tzinfo=UTC) - timedelta(days=rng.choice([0, 5, 40]))
        offers.append(
            offer(
                i,
                rng.choice(POSTCODES),
                rng.choice(CODES),
                offer_type=rng.choice(["ausbildung", "arbeit"]),
                required_school=rng.choice(["", "hauptschule", "abitur"]),
                german_level=rng.choice(["", "B1"]),
                skills_required=tuple(rng.sample(skills, rng.choice([0, 0, 1, 2]))),
                skills_nice=tuple(rng.sample(skills, rng.choice([0, 1, 2]))),
                flags=tuple(rng.sample(["temp_agency", "lateral_entry", "refugees"], 1))
                if rng.random() < 0.3
                else (),
                confirmed_at=confirmed,
            )
        )
    people = []
    for i in range(1, 81):
        wishes = tuple((code, n + 1) for n, code in enumerate(rng.sample(CODES, rng.randint(1, 3))))
        people.append(
            client(
                i,
                rng.choice(POSTCODES),
                wishes,
                vocational_level=rng.randint(1, 3),
                max_minutes=float(rng.choice([30, 45, 60, 90])),
                relocate=rng.random() < 0.1,
                skills=frozenset(rng.sample(skills, rng.randint(0, 3))),
                preferences=frozenset(
                    rng.sample(["no_temp_agency", "lateral_entry", "refugee"], rng.randint(0, 2))
                ),
            )
        )
    return offers, people


def _slow_new_matches(m: Matcher, offer_ids, min_score):  # type: ignore[no-untyped-def]
    found = []
    for offer_id in offer_ids:
        row = m.offers.row(offer_id)
        if row is None:
            continue
        result = m.rank_clients(row, top=len(m.clients.ids), near_misses=0)
        found.extend(
            (x.client_id, x.offer_id, x.score) for x in result.matches if x.score >= min_score
        )
    return found


def test_new_matches_equal_rank_clients_for_every_offer() -> None:
    table = TravelTimes.from_rows([("34346", "34117", "pt", 12.0), ("37073", "34117", "car", 95.0)])
    for seed in range(4):
        offers, people = _random_world(seed)
        m = matcher(offers, people, travel_times=table)
        m.clients.remove([3, 7])
        m.offers.remove([5])
        changed = [*range(60, 0, -2), 999]  # with an unknown id and a removed one
        for minimum in (0.0, 70.0):
            fast = m.new_matches(changed, min_score=minimum)
            slow = _slow_new_matches(m, changed, minimum)
            assert fast == slow and len(fast) > 5
            assert all(c not in (3, 7) for c, _, _ in fast) and all(o != 5 for _, o, _ in fast)


def test_new_matches_leave_out_stale_offers_and_near_misses() -> None:
    rows = [*_stale_rows(), offer(7, KASSEL, skills_required=("sap",))]
    m = matcher(rows, [client(1, KASSEL, vocational_level=2, earliest_start=date(2026, 11, 1))])
    assert [o for _, o, _ in m.new_matches([1, 2, 3, 4, 5, 6, 7], min_score=0)] == [1, 6]


def test_new_matches_in_small_chunks_give_the_same_result(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.matching import pairs

    offers, people = _random_world(11)
    m = matcher(offers, people)
    whole = m.new_matches([o.id for o in offers], min_score=50)
    monkeypatch.setattr(pairs, "CHUNK_PAIRS", 7)
    assert m.new_matches([o.id for o in offers], min_score=50) == whole
    scores = np.array([s for _, _, s in whole])
    assert len(whole) and (scores >= 50).all()


def test_replacing_one_offer_in_place_keeps_skills_and_freshness() -> None:
    m = matcher([offer(i, KASSEL) for i in range(1, 5)])
    m.offers.upsert([replace(m.offers.row(2), skills_required=("neu_a",), confirmed_at=None)])
    assert count_bits(m.offers.skills_required).tolist() == [0, 1, 0, 0]
    assert m.offers.stale(TODAY.toordinal(), 30).tolist() == [False, True, False, False]
    m.offers.upsert([offer(3, KASSEL, application_deadline=date(2026, 11, 1))])
    assert m.offers.stale(TODAY.toordinal(), 30).tolist() == [False, True, True, False]
