"""Matching over the database: indexes built from demo data, refreshed on change, CLI contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

from sqlalchemy import select, update

from srek_desk.config import Config
from srek_desk.db.models import Client, Offer
from srek_desk.services.core.access import SYSTEM
from srek_desk.services.matching.service import MatchService


def _active_client_number(db) -> str:  # type: ignore[no-untyped-def]
    with db.session() as session:
        return (
            session.execute(
                select(Client.customer_number).where(Client.status == "active").order_by(Client.id)
            )
            .scalars()
            .first()
        )


def test_rank_offers_on_demo_data_respects_hard_constraints(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    service = MatchService(demo_database, reference, Config.defaults())
    assert len(service.matcher.offers) == 600
    checked = 0
    with demo_database.session() as session:
        numbers = (
            session.execute(select(Client.customer_number).where(Client.status == "active"))
            .scalars()
            .all()
        )
    for number in numbers[:40]:
        profile, result = service.rank_offers(number, SYSTEM, top=10)
        for match in result.matches:
            assert (
                match.commute_minutes is None
                or match.commute_minutes <= profile.max_minutes
                or profile.relocate
            )
            assert match.reasons and match.excluded_because is None
            checked += 1
        for miss in result.near_misses:
            assert miss.excluded_because
    assert checked > 0


def test_refresh_folds_in_changed_and_deactivated_offers(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    service = MatchService(demo_database, reference, Config.defaults())
    number = _active_client_number(demo_database)
    _, before = service.rank_offers(number, SYSTEM, top=5)
    assert before.matches
    best = before.matches[0].offer_id
    later = datetime.now(UTC).replace(microsecond=0)
    with demo_database.engine.begin() as connection:
        connection.execute(
            update(Offer)
            .where(Offer.id == best)
            .values(active=False, updated_at=later.replace(year=later.year + 1))
        )
    service.refresh()
    _, after = service.rank_offers(number, SYSTEM, top=50)
    assert best not in [m.offer_id for m in after.matches]
    assert len(service.matcher.offers) == 599


def test_restricted_or_inactive_clients_are_not_matched(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from srek_desk.errors import UserError

    service = MatchService(demo_database, reference, Config.defaults())
    with demo_database.session() as session:
        inactive = (
            session.execute(select(Client.customer_number).where(Client.status != "active"))
            .scalars()
            .first()
        )
    with pytest.raises(UserError, match="nicht für den Abgleich freigegeben"):
        service.rank_offers(inactive, SYSTEM)
    with pytest.raises(UserError, match="Keine Klientin"):
        service.rank_offers("GIBT-ES-NICHT", SYSTEM)


def test_cli_match_json_contract(demo_database) -> None:  # type: ignore[no-untyped-def]
    number = _active_client_number(demo_database)
    env = dict(os.environ, SREK_DB=str(demo_database.sqlite_file))
    result = subprocess.run(
        [sys.executable, "-m", "srek_desk", "match", "--client", number, "--top", "5", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["reference"] == number
    for match in data["matches"]:
        assert {
            "offer_id",
            "reference",
            "score",
            "commute_minutes",
            "commute_km",
            "mode",
            "state",
            "crosses_state_border",
            "reasons",
        } <= set(match)
        assert isinstance(match["reasons"], list) and match["reasons"]
    for miss in data["near_misses"]:
        assert miss["excluded_because"]
    offer_ref = data["matches"][0]["reference"] if data["matches"] else "DEMO3-000001"
    reverse = subprocess.run(
        [sys.executable, "-m", "srek_desk", "match", "--offer", offer_ref, "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert reverse.returncode == 0, reverse.stderr
    clients = json.loads(reverse.stdout)
    assert all({"client_id", "reference", "score", "reasons"} <= set(m) for m in clients["matches"])
    if data["matches"]:
        assert (
            number in [m["reference"] for m in clients["matches"] + clients["near_misses"]]
            or clients["matches"]
        )
    missing = subprocess.run(
        [sys.executable, "-m", "srek_desk", "match", "--client", "NIEMAND"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert missing.returncode == 1 and "Keine Klientin" in missing.stderr
    usage = subprocess.run(
        [sys.executable, "-m", "srek_desk", "match"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert usage.returncode == 2


def test_service_loads_skills_flags_preferences_and_freshness(
    demo_database, reference, capsys
) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from srek_desk.cli import main

    number = _active_client_number(demo_database)
    service = MatchService(demo_database, reference, Config.defaults())
    _, before = service.rank_offers(number, SYSTEM, top=3)
    first, second = before.matches[0].offer_id, before.matches[1].offer_id
    now = datetime.now(UTC).replace(microsecond=0)
    later = now.replace(year=now.year + 1)
    with demo_database.engine.begin() as connection:
        connection.execute(
            update(Offer)
            .where(Offer.id == first)
            .values(
                skills_required="staplerschein",
                skills_nice="erste_hilfe,kassenerfahrung",
                flags="temp_agency,lateral_entry",
                confirmed_at=now,
                updated_at=later,
            )
        )
        connection.execute(
            update(Offer)
            .where(Offer.id == second)
            .values(confirmed_at=now - timedelta(days=45), updated_at=later)
        )
        connection.execute(
            update(Client).where(Client.customer_number == number).values(skills="erste_hilfe")
        )
    service = MatchService(demo_database, reference, Config.defaults())
    row = service.offer_row(first)
    assert row.skills_required == ("staplerschein",)
    assert row.skills_nice == ("erste_hilfe", "kassenerfahrung")
    assert row.flags == ("temp_agency", "lateral_entry")
    assert row.confirmed_at is not None
    stamp = row.confirmed_at
    assert abs((stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)) - now) < timedelta(seconds=1)
    profile, result = service.rank_offers(number, SYSTEM, top=50, near_misses=500)
    assert profile.skills == frozenset({"erste_hilfe"})
    near = {m.offer_id: m for m in result.near_misses}
    assert near[first].excluded_because == "fehlt: Staplerschein"  # label from the vocabulary
    assert near[first].flags == ("temp_agency", "lateral_entry")
    assert any("bringt mit: Erste Hilfe" in r for r in near[first].reasons)
    assert second not in {m.offer_id for m in result.matches + result.near_misses}  # stale
    # the client learns the skill and rules out temp agencies: refresh folds both in
    with demo_database.engine.begin() as connection:
        connection.execute(
            update(Client)
            .where(Client.customer_number == number)
            .values(
                skills="staplerschein,erste_hilfe",
                offer_preferences="no_temp_agency",
                updated_at=later,
            )
        )
    service.refresh()
    profile, result = service.rank_offers(number, SYSTEM, top=50, near_misses=500)
    assert profile.preferences == frozenset({"no_temp_agency"})
    assert first not in {m.offer_id for m in result.matches + result.near_misses}
    # the command line shows the stale offer on request, marked with its reason
    url = demo_database.engine.url.render_as_string(hide_password=False)
    args = ["--db", url, "match", "--client", number, "--top", "200", "--json"]
    assert main(args) == 0
    plain = json.loads(capsys.readouterr().out)
    assert second not in [m["offer_id"] for m in plain["matches"]]
    assert all(m["stale"] is False and "missing_skills" in m for m in plain["matches"])
    assert main([*args, "--include-stale"]) == 0
    shown = {m["offer_id"]: m for m in json.loads(capsys.readouterr().out)["matches"]}
    assert shown[second]["stale"] is True
    assert shown[second]["stale_reason"].startswith("seit 4")  # 45 days (44–46 near midnight)
    assert "Tagen nicht bestätigt" in shown[second]["stale_reason"]


def test_refresh_takes_in_offers_an_import_only_confirmed(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    """An import confirms unchanged offers without changing them: the index must learn it."""
    with demo_database.session() as session, session.begin():
        offer_id = session.execute(select(Offer.id).where(Offer.active).limit(1)).scalar_one()
        session.execute(
            update(Offer)
            .where(Offer.id == offer_id)
            .values(
                confirmed_at=datetime(2020, 1, 1, tzinfo=UTC),
                updated_at=datetime(2020, 1, 1, tzinfo=UTC),
                application_deadline=None,
                start_date=None,
            )
        )
    matching = MatchService(demo_database, reference, Config.defaults())
    matching.build()
    row = matching.matcher.offers.row(offer_id)
    assert row is not None and matching.matcher.stale_reason(row) is not None
    with demo_database.session() as session, session.begin():
        session.execute(
            update(Offer).where(Offer.id == offer_id).values(confirmed_at=datetime.now(UTC))
        )
    matching.refresh()
    row = matching.matcher.offers.row(offer_id)
    assert row is not None and matching.matcher.stale_reason(row) is None
