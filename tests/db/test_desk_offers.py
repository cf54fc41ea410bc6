"""Offer and employer editors, manual offers, expiring offers and the filtered offer table."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from srek_desk.db.models import Offer
from srek_desk.errors import UserError
from srek_desk.geo.distance import haversine_km
from srek_desk.matching.freshness import stale_reason
from srek_desk.services.core.listing import ListingService
from srek_desk.services.core.validation import ValidationError
from srek_desk.services.offers.service import (
    EmployerInput,
    EmployerService,
    OfferFilter,
    OfferInput,
    OfferQuery,
    OfferService,
)
from srek_desk.services.offers.table import CURRENT, STALE

MECHATRONICS = OfferInput(
    title="Ausbildung Mechatroniker/in (m/w/d)",
    offer_type="ausbildung",
    kldb_code="26112",
    postcode="37213",
    working_time=("vollzeit",),
    start_date=date(2027, 8, 1),
    application_deadline=date(2027, 3, 31),
    contact_email="ausbildung@example.org",
)


def test_manual_offers_get_references_and_gazetteer_place(database, reference) -> None:  # type: ignore[no-untyped-def]
    service = OfferService(database, reference)
    first = service.create_manual(MECHATRONICS)
    second = service.create_manual(replace(MECHATRONICS, postcode="34346"))
    with database.session() as session:
        a, b = session.get(Offer, first), session.get(Offer, second)
        assert a is not None and b is not None
        assert (a.source, a.reference, b.reference) == ("manuell", "M-000001", "M-000002")
        assert (a.place, a.state, a.required_level) == ("Witzenhausen", "HE", 2)
        assert a.occupation_name and a.lat is not None
        assert (b.place, b.state) == ("Hann. Münden", "NI")
    assert service.get(first) == replace(MECHATRONICS, occupation_name="Mechatroniker/in")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"postcode": "00000"}, "postcode"),
        ({"postcode": ""}, "postcode"),
        ({"kldb_code": "99999"}, "kldb_code"),
        ({"application_deadline": date(2027, 9, 1)}, "application_deadline"),
        ({"title": " "}, "title"),
        ({"german_level": "X9"}, "german_level"),
        ({"employer_id": 4242}, "employer_id"),
    ],
)
def test_offer_validation(database, reference, changes, field) -> None:  # type: ignore[no-untyped-def]
    service = OfferService(database, reference)
    errors = service.validate(replace(MECHATRONICS, **changes))
    assert [e.field for e in errors] == [field]
    with pytest.raises(ValidationError):
        service.create_manual(replace(MECHATRONICS, **changes))


def test_update_edits_and_moves_offer(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    service = OfferService(demo_database, reference)
    with demo_database.session() as session:
        offer_id = session.execute(select(Offer.id).limit(1)).scalar_one()
    edited = replace(service.get(offer_id), postcode="34346", title="Neu", employer_id=None)
    service.update(offer_id, edited)
    assert service.get(offer_id).title == "Neu"
    with demo_database.session() as session:
        offer = session.get(Offer, offer_id)
        assert offer is not None and (offer.place, offer.state) == ("Hann. Münden", "NI")
    with pytest.raises(UserError):
        service.update(10**9, edited)


def test_expiring_and_employer_offers(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    service = OfferService(demo_database, reference)
    today = date.today()
    expiring = service.offers_expiring(30, today=today)
    assert all(line.active for line in expiring)
    assert all(
        line.application_deadline and today <= line.application_deadline <= today + timedelta(30)
        for line in expiring
    )
    deadlines = [line.application_deadline for line in expiring]
    assert deadlines == sorted(deadlines)  # type: ignore[type-var]
    with demo_database.session() as session:
        employer_id, _ = session.execute(
            select(Offer.employer_id, Offer.id).where(Offer.employer_id.is_not(None)).limit(1)
        ).one()
        expected = (
            session.execute(select(Offer.id).where(Offer.employer_id == employer_id))
            .scalars()
            .all()
        )
    assert {line.id for line in service.offers_of_employer(employer_id)} == set(expected)


def test_offer_query_filters_and_matches_listing_shape(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    query = OfferQuery(demo_database, reference)
    listing = ListingService(demo_database, "offers")
    assert query.keys == (*listing.keys, "confirmed_at")  # the listing plus the "Stand"
    assert query.count() == listing.count()
    assert [row[:-1] for row in query.page(limit=20)] == listing.page(limit=20)
    hesse = OfferFilter(state="HE", active=True)
    rows = query.page(hesse, limit=10_000)
    assert len(rows) == query.count(hesse) > 0
    state, active = query.keys.index("state") + 1, query.keys.index("active") + 1
    assert all(r[state] == "HE" and r[active] for r in rows)
    production = query.page(OfferFilter(kldb_prefix="2"), limit=10_000)
    kldb = query.keys.index("kldb_code") + 1
    assert production and all(r[kldb].startswith("2") for r in production)


def test_offer_query_distance_filter(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    query = OfferQuery(demo_database, reference)
    centre = reference.gazetteer.place_for_postcode("37213")
    ids = {r[0] for r in query.page(OfferFilter(near_postcode="37213", max_km=25), limit=10_000)}
    with demo_database.session() as session:
        offers = session.execute(
            select(Offer.id, Offer.lat, Offer.lon).where(Offer.lat.is_not(None))
        ).all()
    exact = {i for i, lat, lon in offers if haversine_km(centre.lat, centre.lon, lat, lon) <= 25}
    assert ids and len(ids ^ exact) <= max(2, len(exact) // 50)  # flat-earth edge cases only
    with pytest.raises(UserError):
        query.count(OfferFilter(near_postcode="00000", max_km=5))


def test_employer_editor_and_nearby(database, reference) -> None:  # type: ignore[no-untyped-def]
    service = EmployerService(database, reference)
    data = EmployerInput(name="Werra Metall GmbH", postcode="37213", email="info@werra.example")
    employer_id = service.create(data)
    service.create(EmployerInput(name="Fern AG", postcode="80331"))
    assert service.get(employer_id) == data
    service.update(employer_id, replace(data, contact_name="Frau Beispiel"))
    assert service.get(employer_id).contact_name == "Frau Beispiel"
    near = service.employers_near("34346", 40)
    assert [e.id for e in near] == [employer_id] and near[0].place == "Witzenhausen"
    errors = service.validate(EmployerInput(name="", postcode="00000", email="x@"))
    assert {e.field for e in errors} == {"name", "postcode", "email"}
    offer_id = OfferService(database, reference).create_manual(
        replace(MECHATRONICS, employer_id=employer_id)
    )
    assert OfferService(database, reference).offers_of_employer(employer_id)[0].id == offer_id
    with database.session() as session:
        offer = session.get(Offer, offer_id)
        assert offer is not None and offer.employer_name == "Werra Metall GmbH"


def test_two_desks_editing_one_offer_or_employer_do_not_overwrite_each_other(  # type: ignore[no-untyped-def]
    database, reference
) -> None:
    from srek_desk.services.core.validation import EditConflictError

    offers = OfferService(database, reference)
    offer_id = offers.create_manual(MECHATRONICS)
    mine = offers.get(offer_id)  # both desks open the editor
    theirs = offers.get(offer_id)
    offers.update(offer_id, replace(theirs, positions=3), expected=theirs)  # they save first
    with pytest.raises(EditConflictError, match="geändert, seit Sie es geöffnet haben"):
        offers.update(offer_id, replace(mine, title="Mein Titel"), expected=mine)
    stored = offers.get(offer_id)
    assert stored.positions == 3 and stored.title == MECHATRONICS.title  # nothing overwritten
    offers.update(offer_id, replace(stored, title="Mein Titel"), expected=stored)  # reopened
    assert offers.get(offer_id).title == "Mein Titel"

    employers = EmployerService(database, reference)
    employer_id = employers.create(EmployerInput(name="Werra Metall GmbH", postcode="37213"))
    loaded = employers.get(employer_id)
    employers.update(employer_id, replace(loaded, phone="05542 5550000"), expected=loaded)
    with pytest.raises(EditConflictError):
        employers.update(employer_id, replace(loaded, name="Anders GmbH"), expected=loaded)
    assert employers.get(employer_id).name == "Werra Metall GmbH"


def test_same_skill_required_and_nice_and_unknown_flags_are_refused(database, reference) -> None:  # type: ignore[no-untyped-def]
    service = OfferService(database, reference)
    both = replace(
        MECHATRONICS,
        skills_required=("staplerschein", "erste_hilfe"),
        skills_nice=("staplerschein",),
        flags=("temp_agency", "nonsense"),
    )
    errors = {e.field: e.message for e in service.validate(both)}
    assert set(errors) == {"skills_nice", "flags"}
    assert "„Staplerschein“ steht schon bei den geforderten Kenntnissen" in errors["skills_nice"]
    assert "nonsense" in errors["flags"]
    with pytest.raises(ValidationError):
        service.create_manual(both)
    fine = replace(both, skills_nice=("sap_grundkenntnisse",), flags=("temp_agency",))
    offer_id = service.create_manual(fine)
    assert service.get(offer_id) == replace(fine, occupation_name="Mechatroniker/in")


def _set_stand(database, offer_id: int, confirmed_at: datetime | None, **values) -> None:  # type: ignore[no-untyped-def]
    with database.session() as session, session.begin():
        offer = session.get(Offer, offer_id)
        assert offer is not None
        offer.confirmed_at = confirmed_at
        for key, value in values.items():
            setattr(offer, key, value)


def test_sql_stale_filter_agrees_with_freshness(database, reference) -> None:  # type: ignore[no-untyped-def]
    """OfferQuery's stale / current filter and matching.freshness call the same offers stale."""
    today, days = date(2026, 11, 12), 30
    service, query = OfferService(database, reference), OfferQuery(database, reference)

    def at(day: date, hour: int = 12) -> datetime:
        return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)

    cases = [
        # (offer_type, start, deadline, confirmed_at)
        ("arbeit", None, None, at(today)),
        ("arbeit", None, None, None),  # never confirmed
        ("arbeit", None, None, at(today - timedelta(days=days), 0)),  # last current day
        ("arbeit", None, None, at(today - timedelta(days=days + 1), 23)),  # one day too old
        ("arbeit", today - timedelta(days=200), None, at(today)),  # job "ab sofort": current
        ("ausbildung", today - timedelta(days=1), None, at(today)),  # fixed start passed
        ("ausbildung", today, None, at(today)),  # starts today: current
        ("praktikum", today - timedelta(days=3), None, at(today)),
        ("duales_studium", today + timedelta(days=90), today - timedelta(days=1), at(today)),
        ("arbeit", None, today, at(today - timedelta(days=5))),  # deadline today: current
        ("arbeit", None, today - timedelta(days=1), at(today)),  # deadline passed
    ]
    expected: dict[int, bool] = {}
    for number, (offer_type, start, deadline, confirmed) in enumerate(cases):
        offer_id = service.create_manual(
            replace(
                MECHATRONICS,
                title=f"Fall {number}",
                offer_type=offer_type,
                start_date=None,
                application_deadline=None,
            )
        )
        _set_stand(database, offer_id, confirmed, start_date=start, application_deadline=deadline)
        reason = stale_reason(
            offer_type=offer_type,
            start_date=start,
            application_deadline=deadline,
            confirmed_at=confirmed,
            today=today,
            stale_after_days=days,
        )
        expected[offer_id] = reason is not None
    assert sum(expected.values()) == 6  # the table above mixes both kinds
    stale = {
        r[0]
        for r in query.page(
            OfferFilter(freshness=STALE, stale_after_days=days, today=today), limit=100
        )
    }
    current = {
        r[0]
        for r in query.page(
            OfferFilter(freshness=CURRENT, stale_after_days=days, today=today), limit=100
        )
    }
    assert stale == {i for i, is_stale in expected.items() if is_stale}
    assert current == {i for i, is_stale in expected.items() if not is_stale}
    assert query.count(OfferFilter(freshness=STALE, stale_after_days=days, today=today)) == 6


def test_confirm_sets_the_stand_and_nothing_else(database, reference) -> None:  # type: ignore[no-untyped-def]
    service = OfferService(database, reference)
    first, second = (
        service.create_manual(replace(MECHATRONICS, title=t)) for t in ("Erstes", "Zweites")
    )
    old = datetime(2020, 1, 1, tzinfo=UTC)
    for offer_id in (first, second):
        _set_stand(database, offer_id, old)
    before = service.get(first)
    with pytest.raises(UserError, match="nichts wurde bestätigt"):
        service.confirm([first, 10**9])
    assert service.confirmed_at(first).replace(tzinfo=UTC) == old  # all or nothing
    with pytest.raises(UserError):
        service.confirm([])
    started = datetime.now(UTC).replace(microsecond=0)
    assert service.confirm([first, first]) == 1
    confirmed = service.confirmed_at(first)
    assert confirmed is not None and confirmed.replace(tzinfo=UTC) >= started
    assert service.get(first) == before  # no other change
    assert service.confirmed_at(second).replace(tzinfo=UTC) == old
