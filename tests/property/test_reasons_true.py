"""Every reason is true: over random clients and offers, no sentence contradicts the criterion it
explains or the exclusion, unknown places get no distance, estimates say "ca.", moves say "Umzug".

The truth is worked out here from the raw values (not from the engine's verdicts), so the test
fails when a sentence and the rule it explains drift apart.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from srek_desk.matching import codes
from srek_desk.matching.engine import Match, Matcher, OfferFilter
from srek_desk.matching.explain import Explainer
from srek_desk.matching.index import ClientIndex, ClientProfile, OfferIndex, OfferRow
from srek_desk.matching.occupation import RelatedOccupations
from srek_desk.matching.scoring import SCHOOL_STEP
from srek_desk.matching.travel_times import TravelTimes
from srek_desk.reference.occupations import OccupationCatalog
from tests.unit.matching_fixtures import TODAY, client, offer

CATALOG = OccupationCatalog.load()
RELATED = RelatedOccupations([("26112", "26252", "Instandhaltung elektrischer Anlagen")])
POSTCODES = ["34117", "37073", "37213", "34346", "37671", "34414", "37308", "37603", "33098"]
SKILLS = ["stapler", "sps", "schweissen"]

# A sentence that says a criterion fits, and how the exclusion of that criterion begins.
FITS = {
    "school": (re.compile(r"^Schulabschluss passt"), "Schulabschluss"),
    "level": (re.compile(r"^Anforderungsniveau passt"), "Anforderungsniveau"),
    "licence": (re.compile(r"^Führerschein \S+ verlangt – vorhanden"), "Führerschein"),
    "german": (re.compile(r"^Deutsch \S+ verlangt – "), "Deutsch"),
    "commute": (re.compile(r"innerhalb von \d+ Min\. pro Weg"), "Fahrzeit"),
    "fixed_term": (re.compile(r"^Die Stelle ist befristet\.$"), "Die Stelle ist befristet"),
}
# A minute figure that is the client's own limit, not a travel time.
LIMIT = re.compile(r"(höchstens|innerhalb von|mehr als die höchstens) \d+ Min\.")
MINUTES = re.compile(r"(ca\. )?\b(\d+) Min\.")
KM = re.compile(r"(ca\. )?\b(\d+) km")

offers_drawn = st.fixed_dictionaries(
    {
        "postcode": st.sampled_from(POSTCODES),
        "kldb": st.sampled_from(["26112", "26113", "26114", "26252", "26122", "26302"]),
        "type": st.sampled_from(["ausbildung", "arbeit", "arbeit", "unklar"]),
        "level": st.integers(1, 4),
        "school": st.sampled_from(["", "hauptschule", "mittlere_reife", "fachabitur", "abitur"]),
        "licence": st.sampled_from(["", "", "", "B", "C"]),
        "german": st.sampled_from(["", "", "", "B1", "B2", "C1"]),
        "hours": st.sampled_from(["vollzeit", "", "", "teilzeit"]),
        "fixed": st.sampled_from([None, False, True]),
        "start": st.integers(-90, 200),
        "skills": st.lists(st.sampled_from(SKILLS), max_size=1, unique=True),
        "unknown_place": st.booleans(),
        "approximate": st.booleans(),
    }
)
clients_drawn = st.fixed_dictionaries(
    {
        "postcode": st.sampled_from(POSTCODES),
        "school": st.sampled_from(["", "none", "hauptschule", "mittlere_reife", "abitur"]),
        "vocational": st.integers(1, 4),
        "licences": st.sampled_from([(), ("B",), ("CE",)]),
        "german": st.sampled_from([0, 3, 4, 6]),  # 0: not recorded
        "hours": st.sampled_from(["vollzeit", "", ""]),
        "max_minutes": st.integers(20, 120),
        "modes": st.sampled_from([("pt",), ("car", "pt"), ("car", "pt"), ("car", "pt", "bike")]),
        "relocate": st.booleans(),
        "fixed_ok": st.booleans(),
        "skills": st.lists(st.sampled_from(SKILLS), max_size=3, unique=True),
        "tabled": st.lists(st.sampled_from(POSTCODES), max_size=4, unique=True),
    }
)


def build_offer(number: int, drawn: dict) -> OfferRow:  # type: ignore[type-arg]
    row = offer(
        number,
        drawn["postcode"],
        drawn["kldb"],
        offer_type=drawn["type"],
        required_level=drawn["level"],
        required_school=drawn["school"],
        driving_licence=drawn["licence"],
        german_level=drawn["german"],
        working_time=drawn["hours"],
        fixed_term=drawn["fixed"],
        start_date=date(2027, 8, 1) + timedelta(days=drawn["start"]),
        skills_required=tuple(drawn["skills"]),
        place_approximate=drawn["approximate"],
    )
    return replace(row, lat=None, lon=None) if drawn["unknown_place"] else row


def build_client(drawn: dict) -> ClientProfile:  # type: ignore[type-arg]
    return client(
        postcode=drawn["postcode"],
        school_rank=codes.school_rank(drawn["school"]),
        vocational_level=drawn["vocational"],
        licence_mask=codes.licence_mask(list(drawn["licences"])),
        german_rank=drawn["german"] or 6,
        german_recorded=bool(drawn["german"]),
        working_time_mask=codes.working_time_mask(drawn["hours"]),
        max_minutes=float(drawn["max_minutes"]),
        modes=drawn["modes"],
        relocate=drawn["relocate"],
        accepts_fixed_term=drawn["fixed_ok"],
        skills=frozenset(drawn["skills"]),
    )


def truly_fits(criterion: str, person: ClientProfile, row: OfferRow, match: Match) -> bool:
    """Whether the criterion really fits, from the raw values."""
    if criterion == "school":
        asked, held = codes.school_rank(row.required_school), person.school_rank
        if asked < 0 or held < 0:
            return False
        return 0 <= int(SCHOOL_STEP[held]) - int(SCHOOL_STEP[asked]) <= 2
    if criterion == "level":
        return row.offer_type == "arbeit" and person.vocational_level == row.required_level
    if criterion == "licence":
        held = person.licence_mask & codes.LICENCE_BIT.get(row.driving_licence, 0)
        return bool(row.driving_licence) and bool(held)
    if criterion == "german":
        return bool(row.german_level) and person.german_rank >= codes.cefr_rank(row.german_level)
    if criterion == "commute":
        return (
            row.lat is not None
            and match.commute_minutes is not None
            and match.commute_minutes <= person.max_minutes
        )
    if criterion == "fixed_term":
        return bool(row.fixed_term) and person.accepts_fixed_term
    raise AssertionError(criterion)


def check(match: Match, person: ClientProfile, row: OfferRow, table: TravelTimes) -> None:
    sentences = list(match.reasons)
    excluded = match.excluded_because or ""
    everything = [*sentences, excluded] if excluded else sentences
    assert not any("{" in s or "}" in s for s in everything), everything
    for criterion, (fits, exclusion_start) in FITS.items():
        says_fits = [s for s in sentences if fits.search(s)]
        if says_fits:
            assert truly_fits(criterion, person, row, match), (criterion, says_fits, row, person)
            assert not excluded.startswith(exclusion_start), (says_fits, excluded)
    held_sentences = [s for s in sentences if s.startswith("Verlangt: ")]
    for sentence in held_sentences:
        named = sentence.removeprefix("Verlangt: ").removesuffix(" – vorhanden.").split(", ")
        assert set(named) <= person.skills, (sentence, person.skills)
    if row.offer_type == "unklar":
        assert any("Art des Angebots unklar" in s for s in sentences)
        assert not excluded.startswith("Anforderungsniveau")
    # an unknown place: no distance, no commute, never a match
    if row.lat is None:
        assert match.commute_minutes is None and match.commute_km is None
        assert not any(MINUTES.search(LIMIT.sub("", s)) or KM.search(s) for s in everything)
        assert excluded.startswith("Arbeitsort unbekannt"), excluded
        return
    # a move: "Umzug", and no travel time that will never be travelled
    moving = (
        person.relocate
        and match.commute_minutes is not None
        and match.commute_minutes > person.max_minutes
    )
    if moving:
        assert any("Umzug" in s for s in sentences), sentences
        assert not any(MINUTES.search(LIMIT.sub("", s)) for s in everything), everything
    # every minute figure of an estimate says "ca."; the office's table figures do not
    tabled = table.get(person.home_postcode, row.postcode, match.mode or "") is not None
    for sentence in everything:
        for before, _ in MINUTES.findall(LIMIT.sub("", sentence)):
            assert (before != "ca. ") if tabled else (before == "ca. "), sentence
    if row.place_approximate:
        for sentence in everything:
            for before, _ in KM.findall(sentence):
                assert before == "ca. ", sentence


@settings(max_examples=200, deadline=None)
@given(
    offers=st.lists(offers_drawn, min_size=1, max_size=10),
    who=clients_drawn,
    table_minutes=st.integers(5, 120),
)
def test_no_reason_contradicts_its_criterion_or_the_exclusion(offers, who, table_minutes) -> None:  # type: ignore[no-untyped-def]
    rows = [build_offer(i + 1, drawn) for i, drawn in enumerate(offers)]
    person = build_client(who)
    table = TravelTimes.from_rows(
        (person.home_postcode, postcode, mode, float(table_minutes))
        for postcode in who["tabled"]
        for mode in ("pt", "car")
    )
    matcher = Matcher(
        OfferIndex(rows),
        ClientIndex([person]),
        RELATED,
        Explainer(CATALOG, RELATED),
        travel_times=table,
        today=TODAY,
    )
    by_id = {row.id: row for row in rows}
    result = matcher.rank_offers(person, top=50, near_misses=50)
    for match in result.matches:
        assert by_id[match.offer_id].lat is not None, "an unknown place is never a match"
        assert not match.excluded_because
    for match in result.matches + result.near_misses:
        check(match, person, by_id[match.offer_id], table)
    # the other direction gives the same sentences
    for row in rows:
        reverse = matcher.rank_clients(row, near_misses=50)
        for match in reverse.matches + reverse.near_misses:
            check(match, person, row, table)
    # an offer of unclear type is seen by those looking for an Ausbildung and for a job
    shown = {m.offer_id for m in result.matches + result.near_misses}
    unclear = {row.id for row in rows if row.offer_type == "unklar"} & shown
    for wanted in ("ausbildung", "arbeit"):
        narrowed = matcher.rank_offers(
            person, top=50, near_misses=50, where=OfferFilter(offer_types=(wanted,))
        )
        assert unclear <= {m.offer_id for m in narrowed.matches + narrowed.near_misses}
