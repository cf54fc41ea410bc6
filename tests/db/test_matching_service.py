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
from srek_desk.services.matching import MatchService


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
        profile, result = service.rank_offers(number, top=10)
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
    _, before = service.rank_offers(number, top=5)
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
    _, after = service.rank_offers(number, top=50)
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
        service.rank_offers(inactive)
    with pytest.raises(UserError, match="Keine Klientin"):
        service.rank_offers("GIBT-ES-NICHT")


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
