"""Matching: every criterion, real geography across the borders, properties of the ranking."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srek_desk.matching import codes
from srek_desk.matching.engine import Matcher, OfferFilter
from srek_desk.matching.explain import Explainer
from srek_desk.matching.index import ClientIndex, OfferIndex
from srek_desk.matching.occupation import RelatedOccupations
from srek_desk.matching.travel_times import TravelTimes
from srek_desk.reference.occupations import OccupationCatalog
from tests.unit.matching_fixtures import TODAY, client, offer

CATALOG = OccupationCatalog.load()
RELATED = RelatedOccupations([("26112", "26252", "Instandhaltung elektrischer Anlagen")])

KASSEL, GOETTINGEN, PADERBORN, WITZENHAUSEN = "34117", "37073", "33098", "37213"


def matcher(offers, clients=(), travel_times=None):  # type: ignore[no-untyped-def]
    return Matcher(
        OfferIndex(offers),
        ClientIndex(clients),
        RELATED,
        Explainer(CATALOG, RELATED),
        travel_times=travel_times,
        today=TODAY,
    )


def ids(matches):  # type: ignore[no-untyped-def]
    return [m.offer_id for m in matches]


# -- scenarios on real geography -----------------------------------------------------------------


def test_hann_muenden_by_car_reaches_kassel_and_goettingen_not_paderborn() -> None:
    offers = [offer(1, KASSEL), offer(2, GOETTINGEN), offer(3, PADERBORN)]
    result = matcher(offers).rank_offers(client(postcode="34346"))
    assert sorted(ids(result.matches)) == [1, 2]
    assert 3 not in ids(result.near_misses)
    kassel = next(m for m in result.matches if m.offer_id == 1)
    assert kassel.state == "HE" and kassel.crosses_state_border
    assert kassel.mode == "car" and 20 < kassel.commute_minutes <= 45
    assert any("In Hessen" in r and "Hann. Münden" in r and "Chance" in r for r in kassel.reasons)
    goettingen = next(m for m in result.matches if m.offer_id == 2)
    assert not goettingen.crosses_state_border


def test_without_car_the_set_shrinks_and_the_reason_says_why() -> None:
    offers = [offer(1, KASSEL), offer(2, GOETTINGEN), offer(3, PADERBORN), offer(4, "34346")]
    by_bus = client(postcode="34346", modes=("pt",))
    result = matcher(offers).rank_offers(by_bus)
    assert ids(result.matches) == [4]
    near = {m.offer_id: m for m in result.near_misses}
    assert 1 in near or 2 in near
    for miss in near.values():
        assert (
            "Bus und Bahn" in miss.excluded_because
            and "mehr als die höchstens 45" in miss.excluded_because
        )
        assert miss.mode == "pt"


def test_relocation_keeps_far_offers_with_a_reason() -> None:
    result = matcher([offer(3, PADERBORN)]).rank_offers(client(relocate=True))
    assert ids(result.matches) == [3]
    assert any("Umzug" in r for r in result.matches[0].reasons)


def test_travel_time_table_replaces_the_estimate_and_says_so() -> None:
    table = TravelTimes.from_rows(
        [("34346", KASSEL, "car", 80.0), ("34346", GOETTINGEN, "pt", 30.0)]
    )
    result = matcher([offer(1, KASSEL), offer(2, GOETTINGEN)], travel_times=table).rank_offers(
        client(modes=("car", "pt"))
    )
    goettingen = next(m for m in result.matches if m.offer_id == 2)
    assert (
        goettingen.commute_minutes == 30.0
        and goettingen.mode == "pt"
        and goettingen.commute_from_table
    )
    assert any("Fahrzeittabelle" in r for r in goettingen.reasons)
    assert 1 in ids(result.near_misses)  # 80 min by car from the table: beyond 45


# -- occupation ----------------------------------------------------------------------------------


def test_occupation_similarity_orders_exact_level_related_group() -> None:
    offers = [
        offer(1, KASSEL, "26112"),  # exact
        offer(2, KASSEL, "26113"),  # same 4-digit group, other level
        offer(3, KASSEL, "26252"),  # related by the table
        offer(4, KASSEL, "26122"),  # same 3-digit group
        offer(5, KASSEL, "26302"),  # same 2-digit group
        offer(6, KASSEL, "63302"),  # unrelated
    ]
    result = matcher(offers).rank_offers(client(postcode=KASSEL))
    assert ids(result.matches) == [1, 2, 3, 4, 5]
    texts = [m.reasons[0] for m in result.matches]
    assert texts[0].startswith("Beruf passt genau") and "Verwandter Beruf" in texts[2]


def test_second_wish_counts_a_little_less() -> None:
    wishes = (("26112", 1), ("25102", 2))
    result = matcher([offer(1, KASSEL, "26112"), offer(2, KASSEL, "25102")]).rank_offers(
        client(postcode=KASSEL, wishes=wishes)
    )
    assert ids(result.matches) == [1, 2]
    assert result.matches[0].score > result.matches[1].score
    assert "Wunsch 2" in result.matches[1].reasons[0]


# -- qualification -------------------------------------------------------------------------------


def test_school_one_step_short_is_near_miss_two_steps_excluded() -> None:
    needs_msa = offer(1, KASSEL, required_school="mittlere_reife")
    hauptschule = client(postcode=KASSEL, school_rank=codes.school_rank("hauptschule"))
    result = matcher([needs_msa]).rank_offers(hauptschule)
    assert (
        not result.matches
        and "Schulabschluss fehlt knapp" in result.near_misses[0].excluded_because
    )
    none = client(postcode=KASSEL, school_rank=codes.school_rank("none"))
    result = matcher([needs_msa]).rank_offers(none)
    assert not result.matches and not result.near_misses


def test_over_qualification_is_shown_not_hidden() -> None:
    result = matcher([offer(1, KASSEL, required_school="hauptschule")]).rank_offers(
        client(postcode=KASSEL, school_rank=codes.school_rank("abitur"))
    )
    assert ids(result.matches) == [1]
    assert any("Überqualifiziert" in r for r in result.matches[0].reasons)


def test_job_level_checked_against_vocational_qualification() -> None:
    specialist_job = offer(1, KASSEL, "26113", offer_type="arbeit", required_level=3)
    trained = client(postcode=KASSEL, vocational_level=2)
    result = matcher([specialist_job]).rank_offers(trained)
    assert "Anforderungsniveau Spezialist verlangt" in result.near_misses[0].excluded_because
    helper = client(postcode=KASSEL, vocational_level=1)
    assert not matcher([specialist_job]).rank_offers(helper).near_misses


# -- hard constraints ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "offer_changes, client_changes, expected",
    [
        ({"driving_licence": "B"}, {"licence_mask": 0}, "Führerschein B fehlt"),
        ({"german_level": "B2"}, {"german_rank": 3}, "Deutsch B2 verlangt, vorhanden B1"),
        ({"working_time": "teilzeit"}, {}, "Arbeitszeit passt nicht: angeboten Teilzeit"),
        ({"fixed_term": True}, {"accepts_fixed_term": False}, "befristet"),
        ({"start_date": date(2027, 5, 1)}, {}, "liegt vor der Verfügbarkeit"),
    ],
)
def test_single_hard_constraint_makes_a_near_miss_with_its_reason(
    offer_changes, client_changes, expected
) -> None:  # type: ignore[no-untyped-def]
    result = matcher([offer(1, KASSEL, **offer_changes)]).rank_offers(
        client(postcode=KASSEL, **client_changes)
    )
    assert not result.matches
    assert expected in result.near_misses[0].excluded_because


def test_two_violations_are_not_a_near_miss() -> None:
    result = matcher([offer(1, KASSEL, driving_licence="B", working_time="teilzeit")]).rank_offers(
        client(postcode=KASSEL, licence_mask=0)
    )
    assert not result.matches and not result.near_misses


def test_higher_licence_classes_include_b_and_german_level_met() -> None:
    result = matcher([offer(1, KASSEL, driving_licence="B", german_level="B1")]).rank_offers(
        client(postcode=KASSEL, licence_mask=codes.licence_mask(["CE"]), german_rank=3)
    )
    assert ids(result.matches) == [1]


def test_passed_deadline_and_inactive_offers_are_left_out() -> None:
    index_offers = [offer(1, KASSEL, application_deadline=date(2026, 11, 1)), offer(2, KASSEL)]
    m = matcher(index_offers)
    m.offers.remove([2])
    result = m.rank_offers(client(postcode=KASSEL))
    assert not result.matches and not result.near_misses


def test_filters_by_type_state_and_minutes() -> None:
    offers = [offer(1, KASSEL), offer(2, GOETTINGEN, offer_type="arbeit"), offer(3, WITZENHAUSEN)]
    m = matcher(offers)
    person = client(postcode="34346", vocational_level=2)
    assert ids(m.rank_offers(person, where=OfferFilter(states=("NI",))).matches) == [2]
    assert ids(m.rank_offers(person, where=OfferFilter(offer_types=("arbeit",))).matches) == [2]
    short = m.rank_offers(person, where=OfferFilter(max_minutes=20))
    assert all(x.commute_minutes <= 20 for x in short.matches)


# -- index refresh and reverse direction ---------------------------------------------------------


def test_index_upsert_replaces_and_appends() -> None:
    m = matcher([offer(1, KASSEL), offer(2, KASSEL)])
    m.offers.upsert([offer(2, PADERBORN), offer(3, KASSEL)])
    result = m.rank_offers(client(postcode=KASSEL))
    assert ids(result.matches) == [1, 3]


def test_rank_clients_finds_matching_clients_with_reasons() -> None:
    people = [
        client(1, "34346"),  # Hann. Münden by car: fits
        client(2, PADERBORN),  # far away: excluded
        client(3, KASSEL, wishes=(("63302", 1),)),  # other occupation
        client(4, KASSEL, licence_mask=0, modes=("pt",)),  # in Kassel by bus: fits
    ]
    m = matcher([offer(1, KASSEL)], people)
    result = m.rank_clients(offer(1, KASSEL))
    assert sorted(x.client_id for x in result.matches) == [1, 4]
    assert {x.reference for x in result.matches} == {"K-0001", "K-0004"}
    assert all(x.reasons for x in result.matches)
    assert 2 not in [x.client_id for x in result.matches + result.near_misses]


# -- properties ----------------------------------------------------------------------------------

postcodes = st.sampled_from(
    [KASSEL, GOETTINGEN, WITZENHAUSEN, "34346", "37671", "34414", "37308", "37603"]
)


@settings(max_examples=60, deadline=None)
@given(home=postcodes, near=postcodes, far=postcodes)
def test_nearer_offer_never_scores_lower(home: str, near: str, far: str) -> None:
    person = client(postcode=home, relocate=True, max_minutes=300)
    result = matcher([offer(1, near), offer(2, far)]).rank_offers(person)
    scored = {m.offer_id: m for m in result.matches}
    if scored[1].commute_minutes <= scored[2].commute_minutes:
        assert scored[1].score >= scored[2].score
    else:
        assert scored[2].score >= scored[1].score


offer_strategy = st.builds(
    dict,
    postcode=postcodes,
    kldb=st.sampled_from(["26112", "26113", "26252", "26122", "25102", "63302"]),
    required_school=st.sampled_from(["", "hauptschule", "mittlere_reife", "abitur"]),
    driving_licence=st.sampled_from(["", "", "B"]),
    german_level=st.sampled_from(["", "B1", "B2", "C1"]),
    working_time=st.sampled_from(["vollzeit", "teilzeit", "vollzeit,teilzeit", ""]),
    start=st.integers(min_value=-200, max_value=400),
)
client_strategy = st.builds(
    dict,
    postcode=postcodes,
    school=st.sampled_from(["none", "hauptschule", "mittlere_reife", "abitur"]),
    licence=st.booleans(),
    german=st.integers(min_value=1, max_value=6),
    hours=st.sampled_from(["vollzeit", "teilzeit", ""]),
    max_minutes=st.integers(min_value=15, max_value=90),
    modes=st.sampled_from([("pt",), ("car", "pt"), ("bike",), ("car", "pt", "bike")]),
)


@settings(max_examples=80, deadline=None)
@given(offers=st.lists(offer_strategy, min_size=1, max_size=12), who=client_strategy)
def test_ranked_matches_never_violate_a_hard_constraint_and_are_deterministic(offers, who) -> None:  # type: ignore[no-untyped-def]
    rows = [
        offer(
            i + 1,
            o["postcode"],
            o["kldb"],
            required_school=o["required_school"],
            driving_licence=o["driving_licence"],
            german_level=o["german_level"],
            working_time=o["working_time"],
            start_date=date(2027, 8, 1).fromordinal(date(2027, 8, 1).toordinal() + o["start"]),
        )
        for i, o in enumerate(offers)
    ]
    person = client(
        postcode=who["postcode"],
        school_rank=codes.school_rank(who["school"]),
        licence_mask=codes.licence_mask(["B"] if who["licence"] else []),
        german_rank=who["german"],
        working_time_mask=codes.working_time_mask(who["hours"]),
        max_minutes=float(who["max_minutes"]),
        modes=who["modes"],
    )
    first = matcher(rows).rank_offers(person)
    second = matcher(list(reversed(rows))).rank_offers(person)
    assert [(m.offer_id, m.score) for m in first.matches] == [
        (m.offer_id, m.score) for m in second.matches
    ]
    by_id = {r.id: r for r in rows}
    for match in first.matches:
        row = by_id[match.offer_id]
        assert match.commute_minutes <= person.max_minutes
        assert match.mode in person.modes
        if row.driving_licence:
            assert who["licence"]
        if row.german_level:
            assert person.german_rank >= codes.cefr_rank(row.german_level)
        if row.required_school:
            from srek_desk.matching.scoring import SCHOOL_STEP

            assert (
                SCHOOL_STEP[person.school_rank]
                >= SCHOOL_STEP[codes.school_rank(row.required_school)]
            )
        if row.working_time and who["hours"]:
            assert codes.working_time_mask(row.working_time) & person.working_time_mask
        assert 0 <= match.score <= 100
    scores = [m.score for m in first.matches]
    assert scores == sorted(scores, reverse=True)
    for miss in first.near_misses:
        assert miss.excluded_because


def test_score_is_stable_for_the_same_data() -> None:
    person = client(postcode="34346")
    one = matcher([offer(1, KASSEL)]).rank_offers(person).matches[0].score
    two = matcher([offer(1, KASSEL)]).rank_offers(replace(person)).matches[0].score
    assert one == two
