"""New chances after an import: collected once above the threshold, scoped, closed, printed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from srek_desk.config import Config
from srek_desk.db.models import AuditEvent, Client, Offer, UserAccount
from srek_desk.db.models_counselling import NewChance
from srek_desk.services.chances.service import ChanceService, collect_after_import
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.core.access import SYSTEM, AccessDenied, Actor
from srek_desk.services.matching.service import MatchService
from srek_desk.services.sheets.service import SheetService
from srek_desk.sheets.update_sheet import render_update_sheet

MIN_SCORE = 70.0


def _offer_ids(db) -> list[int]:  # type: ignore[no-untyped-def]
    with db.session() as session:
        return list(session.execute(select(Offer.id).order_by(Offer.id)).scalars())


def _stored(db) -> dict[tuple[int, int], NewChance]:  # type: ignore[no-untyped-def]
    with db.session() as session:
        rows = session.execute(select(NewChance)).scalars().all()
        return {(r.client_id, r.offer_id): r for r in rows}


def _expected(matching: MatchService, offer_ids: list[int], min_score: float) -> dict:  # type: ignore[type-arg]
    return {(c, o): s for c, o, s in matching.matcher.new_matches(offer_ids, min_score=min_score)}


@pytest.fixture
def matching(demo_database, reference) -> MatchService:  # type: ignore[no-untyped-def]
    return MatchService(demo_database, reference, Config.defaults())


@pytest.fixture
def collected(demo_database, matching):  # type: ignore[no-untyped-def]
    """Every demo offer collected once; returns the service and the stored pairs."""
    service = ChanceService(demo_database)
    assert service.collect(matching, None, _offer_ids(demo_database)) > 0
    return service, _stored(demo_database)


def test_collect_records_new_matches_of_the_changed_offers_only(  # type: ignore[no-untyped-def]
    demo_database, reference, matching
) -> None:
    ids = _offer_ids(demo_database)
    expected = _expected(matching, ids, MIN_SCORE)
    assert len({c for c, _ in expected}) >= 4, "the demo data must give several clients chances"
    # Three pairs that would be new chances: one proposed, one hidden, one client restricted.
    pairs = sorted(expected)
    proposed = pairs[0]
    hidden = next(p for p in pairs if p[0] != proposed[0])
    restricted = next(p for p in pairs if p[0] not in (proposed[0], hidden[0]))
    proposals = ProposalService(demo_database, reference)
    proposals.propose(*proposed, SYSTEM)
    proposals.hide_offer(*hidden, SYSTEM)
    with demo_database.engine.begin() as connection:
        connection.execute(update(Client).where(Client.id == restricted[0]).values(restricted=True))
    service = ChanceService(demo_database)
    first_half = [o for o in ids if o <= ids[len(ids) // 2]]
    added = service.collect(matching, None, first_half)
    stored = _stored(demo_database)
    assert added == len(stored) > 0
    assert {o for _, o in stored} <= set(first_half)  # offers not imported give no chances
    added += service.collect(matching, None, ids)
    stored = _stored(demo_database)
    wanted = {p for p in expected if p not in (proposed, hidden) and p[0] != restricted[0]}
    assert set(stored) == wanted and added == len(wanted)
    assert all(row.score >= MIN_SCORE and row.presented_at is None for row in stored.values())
    assert all(abs(stored[p].score - expected[p]) < 0.06 for p in wanted)
    assert service.collect(matching, None, ids) == 0  # each pair once


def test_threshold_and_import_run_are_kept(demo_database, matching) -> None:  # type: ignore[no-untyped-def]
    ids = _offer_ids(demo_database)
    strict = Config.defaults().with_values(matching__new_chance_min_score=80.0)
    service = ChanceService(demo_database, config=strict)
    added = service.collect(matching, None, ids)
    expected = _expected(matching, ids, 80.0)
    assert added == len(expected) == len(_stored(demo_database))
    assert all(row.score >= 80.0 for row in _stored(demo_database).values())
    assert len(_expected(matching, ids, MIN_SCORE)) > added  # 70 would have found more


def test_collect_leaves_out_stale_offers(demo_database, matching) -> None:  # type: ignore[no-untyped-def]
    ids = _offer_ids(demo_database)
    expected = _expected(matching, ids, MIN_SCORE)
    stale_offer = sorted(expected)[0][1]
    old = datetime.now(UTC) - timedelta(days=90)
    with demo_database.engine.begin() as connection:
        connection.execute(update(Offer).where(Offer.id == stale_offer).values(confirmed_at=old))
    ChanceService(demo_database).collect(matching, None, ids)
    assert stale_offer not in {o for _, o in _stored(demo_database)}


def test_counts_and_for_client_respect_access(demo_database, collected) -> None:  # type: ignore[no-untyped-def]
    service, stored = collected
    by_client: dict[int, int] = {}
    for client_id, _ in stored:
        by_client[client_id] = by_client.get(client_id, 0) + 1
    counts = service.counts()
    assert {c.client_id: c.count for c in counts} == by_client
    assert [c.count for c in counts] == sorted((c.count for c in counts), reverse=True)
    mine, theirs = list(by_client)[:2]
    with demo_database.session() as session:
        ana = UserAccount(username="ana", role="berater")
        ben = UserAccount(username="ben", role="berater")
        session.add_all([ana, ben])
        session.commit()
        ana_id, ben_id = ana.id, ben.id
    with demo_database.engine.begin() as connection:
        connection.execute(update(Client).values(counsellor_id=ben_id))
        connection.execute(update(Client).where(Client.id == mine).values(counsellor_id=ana_id))
    ana_actor = Actor(ana_id, "ana", "Ana", frozenset({"berater"}))
    as_ana = ChanceService(demo_database, ana_actor)
    assert [c.client_id for c in as_ana.counts()] == [mine]
    assert len(as_ana.for_client(mine)) == by_client[mine]
    assert as_ana.summary(theirs) is None and as_ana.summary(mine) is not None
    with pytest.raises(AccessDenied):
        as_ana.for_client(theirs)
    with pytest.raises(AccessDenied):
        as_ana.dismiss(theirs)
    lead = Actor(None, "lead", "Lead", frozenset({"teamleitung"}))
    assert len(ChanceService(demo_database, lead).counts()) == len(by_client)


def test_for_client_lists_open_current_chances_best_first(  # type: ignore[no-untyped-def]
    demo_database, reference, collected
) -> None:
    service, _ = collected
    top = service.counts()[0]
    lines = service.for_client(top.client_id)
    assert len(lines) == top.count >= 2
    assert [line.score for line in lines] == sorted((line.score for line in lines), reverse=True)
    assert all(line.title and line.found_at for line in lines)
    # a proposal or a deactivated offer takes a chance off the open list
    ProposalService(demo_database, reference).propose(top.client_id, lines[0].offer_id, SYSTEM)
    with demo_database.engine.begin() as connection:
        connection.execute(update(Offer).where(Offer.id == lines[1].offer_id).values(active=False))
    left = {line.offer_id for line in service.for_client(top.client_id)}
    assert left == {line.offer_id for line in lines[2:]}
    summary = service.summary(top.client_id)
    assert summary is not None and summary.count == len(left) if left else summary is None


def test_since_is_the_last_contact_or_the_first_finding(demo_database, collected) -> None:  # type: ignore[no-untyped-def]
    service, stored = collected
    client_id = service.counts()[0].client_id
    found = min(r.found_at for (c, _), r in stored.items() if c == client_id)
    summary = service.summary(client_id)
    assert summary is not None
    assert summary.since == found.replace(tzinfo=found.tzinfo or UTC).astimezone().date()
    contact = datetime(2026, 11, 12, 10, 0, tzinfo=UTC)
    with demo_database.engine.begin() as connection:
        connection.execute(
            update(Client).where(Client.id == client_id).values(last_contact_at=contact)
        )
    summary = service.summary(client_id)
    assert summary is not None and summary.since == date(2026, 11, 12)


def test_mark_presented_dismiss_and_update_sheet_record(demo_database, collected) -> None:  # type: ignore[no-untyped-def]
    service, _ = collected
    first, second = service.counts()[:2]
    lines = service.for_client(first.client_id)
    assert service.mark_presented(first.client_id, [lines[0].offer_id]) == 1
    assert service.mark_presented(first.client_id, [lines[0].offer_id]) == 0  # already closed
    assert len(service.for_client(first.client_id)) == first.count - 1
    assert service.dismiss(first.client_id) == first.count - 1
    assert service.for_client(first.client_id) == [] and service.summary(first.client_id) is None
    assert first.client_id not in {c.client_id for c in service.counts()}
    offers = [line.offer_id for line in service.for_client(second.client_id)]
    assert service.record_update_sheet(second.client_id, offers[:1]) == 1
    with demo_database.session() as session:
        client = session.get(Client, second.client_id)
        assert client is not None and client.last_contact_at is not None
        assert datetime.now(UTC) - client.last_contact_at.replace(tzinfo=UTC) < timedelta(minutes=1)
        events = session.execute(
            select(AuditEvent.action, AuditEvent.detail, AuditEvent.fields).order_by(AuditEvent.id)
        ).all()
    assert ("print", "Kurzblatt (1 Angebote)", "") in events
    assert sum(1 for e in events if e[2] == "new_chance") == 2  # mark_presented and dismiss


def test_update_sheet_reads_back(
    demo_database, reference, matching, collected, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    service, _ = collected
    top = service.counts()[0]
    contact = datetime(2026, 11, 12, 10, 0, tzinfo=UTC)
    with demo_database.engine.begin() as connection:
        connection.execute(
            update(Client).where(Client.id == top.client_id).values(last_contact_at=contact)
        )
        first, last = connection.execute(
            select(Client.first_name, Client.last_name).where(Client.id == top.client_id)
        ).one()
    sheets = SheetService(demo_database, reference, Config.defaults(), matching, actor=SYSTEM)
    prepared = service.prepare_update_sheet(sheets, top.client_id, language="de")
    assert prepared.offer_ids and len(prepared.offer_ids) <= 10
    target = tmp_path / "Kurzblatt-2026-11-24.pdf"
    result = render_update_sheet(prepared.data, target)
    assert result.page_count >= 1
    reader = PdfReader(target)
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "Neue Chancen seit 12.11.2026" in flat
    assert f"Hallo {first}!" in flat and last not in flat
    titles = {line.offer_id: line.title for line in service.for_client(top.client_id)}
    for offer_id in prepared.offer_ids:
        assert titles[offer_id].split()[0] in flat
    assert "Bewerbung bis" in flat or "Weg" in flat  # deadline or commute lines are printed
    assert reader.metadata is not None and reader.metadata.title == "Kurzblatt"
    simple = service.prepare_update_sheet(sheets, top.client_id, pseudonymous=True)
    render_update_sheet(simple.data, tmp_path / "anonym.pdf")
    anonymous = " ".join(p.extract_text() for p in PdfReader(tmp_path / "anonym.pdf").pages)
    assert first not in anonymous and "Hallo!" in anonymous


def test_collect_after_import_skips_dry_runs_and_client_files(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    report = SimpleNamespace(status="dry-run", kind="offers", run_id=None, changed_offer_ids=[1])
    config = Config.defaults()
    assert collect_after_import(demo_database, reference, config, report) is None
    report.status, report.kind = "imported", "clients"
    assert collect_after_import(demo_database, reference, config, report) is None
    report.kind = "offers"
    report.changed_offer_ids = []
    assert collect_after_import(demo_database, reference, config, report) == 0
    report.changed_offer_ids = _offer_ids(demo_database)
    assert (
        collect_after_import(demo_database, reference, config, report)
        == len(_stored(demo_database))
        > 0
    )
