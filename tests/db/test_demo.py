"""Demo data: deterministic, fictitious, spread over the region, all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from srek_desk.db.codes import CLIENT_PREFERENCES, OFFER_FLAGS, split_codes
from srek_desk.db.models import Client, ClientOccupation, Employer, Offer
from srek_desk.db.skill_seed import shipped_skills
from srek_desk.errors import UserError
from srek_desk.geo.distance import haversine_km
from srek_desk.services.core.database import open_database
from srek_desk.services.demo.generator import REGION_CENTRE, REGION_RADIUS_KM, DemoGenerator


def _snapshot(db) -> list[tuple]:  # type: ignore[no-untyped-def]
    with db.session() as session:
        offers = session.execute(
            select(
                Offer.reference,
                Offer.title,
                Offer.postcode,
                Offer.kldb_code,
                Offer.start_date,
                Offer.employer_name,
                Offer.skills_required,
                Offer.skills_nice,
                Offer.flags,
            ).order_by(Offer.id)
        ).all()
        clients = session.execute(
            select(
                Client.customer_number,
                Client.first_name,
                Client.last_name,
                Client.home_postcode,
                Client.birth_date,
                Client.skills,
                Client.offer_preferences,
            ).order_by(Client.id)
        ).all()
    return [tuple(r) for r in offers] + [tuple(r) for r in clients]


def test_same_seed_gives_the_same_data(tmp_path: Path, reference) -> None:  # type: ignore[no-untyped-def]
    snapshots = []
    for name in ("a", "b"):
        db = open_database(tmp_path / f"{name}.sqlite3")
        DemoGenerator(db, reference).generate(offers=150, clients=40, seed=11)
        snapshots.append(_snapshot(db))
        db.dispose()
    assert snapshots[0] == snapshots[1]
    other = open_database(tmp_path / "c.sqlite3")
    DemoGenerator(other, reference).generate(offers=150, clients=40, seed=12)
    assert _snapshot(other) != snapshots[0]
    other.dispose()


def test_demo_data_is_fictitious_regional_and_plausible(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    with demo_database.session() as session:
        offers = session.execute(select(Offer)).scalars().all()
        clients = session.execute(select(Client)).scalars().all()
        employers = session.execute(select(Employer)).scalars().all()
        wishes = session.execute(select(func.count(ClientOccupation.id))).scalar_one()
    assert len(offers) == 600 and len(clients) == 120 and employers
    assert all(c.customer_number.startswith("DEMO") for c in clients)
    assert all(c.email.endswith("@example.org") for c in clients)
    assert all(e.name.startswith(("Muster", "Beispiel")) for e in employers)
    states = {o.state for o in offers}
    assert {"HE", "NI", "NW"} <= states  # offers on all sides of the borders
    for offer in offers:
        assert haversine_km(*REGION_CENTRE, offer.lat, offer.lon) <= REGION_RADIUS_KM + 1
        place = reference.gazetteer.place_for_postcode(offer.postcode)
        assert place is not None and place.state == offer.state
        # the postcode's centre, not the employer's address: distances to it are approximate
        assert offer.place_approximate and (offer.lat, offer.lon) == (place.lat, place.lon)
        occupation = reference.occupations.get(offer.kldb_code)
        assert occupation is not None and offer.required_level == occupation.level
        if offer.application_deadline and offer.start_date:
            assert offer.application_deadline <= offer.start_date
    types = {o.offer_type for o in offers}
    assert {"ausbildung", "arbeit"} <= types
    assert wishes >= len(clients)


def test_cancel_leaves_database_unchanged(database, reference) -> None:  # type: ignore[no-untyped-def]
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(UserError, match="abgebrochen"):
        DemoGenerator(database, reference).generate(
            offers=12000, clients=10, seed=1, cancelled=cancelled
        )
    with database.session() as session:
        assert session.execute(select(func.count(Offer.id))).scalar_one() == 0
        assert session.execute(select(func.count(Employer.id))).scalar_one() == 0


def test_progress_reaches_total(database, reference) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[int, int]] = []
    DemoGenerator(database, reference).generate(
        offers=30, clients=5, seed=2, progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_second_seed_adds_to_existing_data(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    DemoGenerator(demo_database, reference).generate(offers=10, clients=3, seed=99)
    with demo_database.session() as session:
        assert session.execute(select(func.count(Offer.id))).scalar_one() == 610
    with pytest.raises(UserError, match="Startwert 99"):
        DemoGenerator(demo_database, reference).generate(offers=10, clients=3, seed=99)


def test_demo_offers_and_clients_have_skills_flags_and_a_stand(demo_database) -> None:  # type: ignore[no-untyped-def]
    with demo_database.session() as session:
        offers = session.execute(select(Offer)).scalars().all()
        clients = session.execute(select(Client)).scalars().all()
    vocabulary = {s.code for s in shipped_skills()}
    required = [split_codes(o.skills_required) for o in offers]
    nice = [split_codes(o.skills_nice) for o in offers]
    flags = [split_codes(o.flags) for o in offers]
    assert {c for codes in required + nice for c in codes} <= vocabulary
    assert {c for codes in flags for c in codes} <= set(OFFER_FLAGS)
    assert all(not set(r) & set(n) for r, n in zip(required, nice, strict=True))
    assert 0.15 < sum(bool(r) for r in required) / len(offers) < 0.6
    assert sum(bool(n) for n in nice) > len(offers) / 10
    lager = [o for o in offers if o.kldb_code.startswith("51") and o.offer_type == "arbeit"]
    assert any("staplerschein" in o.skills_required for o in lager)
    assert all(not o.skills_required for o in offers if o.offer_type == "ausbildung")
    count = {code: sum(code in f for f in flags) for code in OFFER_FLAGS}
    assert count["temp_agency"] > 10 and count["lateral_entry"] > 10 and count["refugees"] > 5
    assert count["disabled_only"] <= len(offers) / 50
    now = datetime.now(UTC)
    ages = [
        now - (o.confirmed_at if o.confirmed_at.tzinfo else o.confirmed_at.replace(tzinfo=UTC))
        for o in offers
    ]
    assert all(timedelta(0) <= age <= timedelta(days=61) for age in ages)
    assert all(o.confirmed_at >= o.published_at for o in offers)
    stale = sum(age > timedelta(days=30) for age in ages)
    assert 0 < stale < len(offers) / 5  # a few offers are not refreshed lately
    skills = [split_codes(c.skills) for c in clients]
    preferences = [split_codes(c.offer_preferences) for c in clients]
    assert {c for codes in skills for c in codes} <= vocabulary
    assert {p for codes in preferences for p in codes} <= set(CLIENT_PREFERENCES)
    assert sum(bool(s) for s in skills) > len(clients) / 3
    assert any("no_temp_agency" in p for p in preferences)
