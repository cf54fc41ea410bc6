"""Statistics: aggregate counts, small counts suppressed, restricted clients left out, CSV."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select, update

from srek_desk.db.models import Client, Offer, Proposal
from srek_desk.services.statistics.service import StatisticsService, render_count, suppress, to_csv


def test_suppression_rule() -> None:
    assert [suppress(n) for n in (0, 1, 4, 5, 120)] == [0, None, None, 5, 120]
    assert render_count(None) == "<5" and render_count(0) == "0"


def test_offer_counts_by_state_type_and_area(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    stats = StatisticsService(demo_database, reference).compute()
    with demo_database.session() as session:
        active = session.execute(
            select(func.count()).select_from(Offer).where(Offer.active.is_(True))
        ).scalar_one()
    for rows in (stats.offers_by_state, stats.offers_by_type, stats.offers_by_area):
        assert sum(r.count or 0 for r in rows) <= active
        assert sum(r.count if r.count is not None else 4 for r in rows) >= active
    labels = {r.key: r.label for r in stats.offers_by_state}
    assert labels.get("HE") == "Hessen"
    area_labels = {r.key: r.label for r in stats.offers_by_area}
    assert area_labels["2"].startswith("2 Rohstoffgewinnung")


def _proposals(db, statuses, *, restricted_client: bool = False):  # type: ignore[no-untyped-def]
    with db.session() as session:
        clients = session.execute(select(Client.id).order_by(Client.id)).scalars().all()
        offers = session.execute(select(Offer.id).order_by(Offer.id)).scalars().all()
        session.execute(update(Client).values(status="active"))
        if restricted_client:
            session.execute(update(Client).where(Client.id == clients[0]).values(restricted=True))
        when = datetime.now(UTC)
        session.execute(Proposal.__table__.delete())
        for i, (status, border) in enumerate(statuses):
            session.add(
                Proposal(
                    client_id=clients[i % len(clients)],
                    offer_id=offers[i],
                    status=status,
                    crosses_state_border=border,
                    status_changed_at=when,
                )
            )
        session.commit()


def test_proposals_placements_and_border_crossing(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    _proposals(demo_database, [("zusage", True)] * 6 + [("absage", False)] * 3)
    stats = StatisticsService(demo_database, reference).compute()
    assert stats.proposals == 9
    assert stats.placements == 6 and stats.placements_crossing_border == 6
    assert stats.proposals_crossing_border == 6
    this_month = stats.outcomes_by_month[-1]
    assert this_month.month == date.today().strftime("%Y-%m")
    assert this_month.counts["zusage"] == 6 and this_month.counts["absage"] is None
    assert len(stats.outcomes_by_month) == 12
    assert all(m.counts["zusage"] == 0 for m in stats.outcomes_by_month[:-1])


def test_restricted_clients_are_left_out(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    # client 0 gets proposals 0, n, 2n …: with many clients just the first one
    _proposals(demo_database, [("zusage", False)] * 6, restricted_client=True)
    stats = StatisticsService(demo_database, reference).compute()
    assert stats.placements == 5


def test_csv_has_german_headers_and_no_names(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    _proposals(demo_database, [("zusage", True)] * 2)
    text = to_csv(StatisticsService(demo_database, reference).compute())
    lines = text.splitlines()
    assert lines[0] == "Bereich;Merkmal;Anzahl"
    assert "Zusagen;insgesamt;<5" in lines
    assert any(line.startswith("Aktive Angebote nach Bundesland;Hessen;") for line in lines)
    with demo_database.session() as session:
        names = session.execute(select(Client.last_name).limit(20)).scalars().all()
    assert not any(name and name in text for name in names)
