"""Access checks in the services, not only in the desk: a counsellor who must not see a client
is refused (in German) by every client-touching method, and nothing is written for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import func, select, update

from srek_desk.config import Config
from srek_desk.db.models import Client, Proposal, UserAccount
from srek_desk.db.models_history import PrintedSheet
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.access import SYSTEM, AccessDenied, Actor
from srek_desk.services.matching.service import MatchService
from srek_desk.services.sheets.service import SheetService

REFUSAL = "von einer Kollegin oder einem Kollegen betreut"


@dataclass
class Office:
    ana: Actor  # counsellor of nobody here
    ben: Actor  # counsellor of every client
    theirs: int  # a matchable client of Ben's
    matching: MatchService


@pytest.fixture
def office(demo_database, reference) -> Office:  # type: ignore[no-untyped-def]
    with demo_database.session() as session:
        ana = UserAccount(username="ana", role="berater")
        ben = UserAccount(username="ben", role="berater")
        session.add_all([ana, ben])
        session.commit()
        ana_id, ben_id = ana.id, ben.id
    with demo_database.engine.begin() as connection:
        connection.execute(update(Client).values(counsellor_id=ben_id, shared=False))
    matching = MatchService(demo_database, reference, Config.defaults())
    matcher = matching.matcher
    fits = (
        matcher.rank_clients(row).matches for row in map(matcher.offers.row, matcher.offers.ids)
    )
    theirs = next(m for found in fits for m in found).client_id  # a client some offer fits
    return Office(
        Actor(ana_id, "ana", "Ana", frozenset({"berater"})),
        Actor(ben_id, "ben", "Ben", frozenset({"berater"})),
        theirs,
        matching,
    )


def _count(database, table) -> int:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return int(session.execute(select(func.count()).select_from(table)).scalar_one())


def test_a_sheet_for_a_colleagues_client_is_refused_and_proposes_nothing(  # type: ignore[no-untyped-def]
    demo_database, reference, office
) -> None:
    config = Config.defaults()
    as_ana = SheetService(demo_database, reference, config, office.matching, actor=office.ana)
    with pytest.raises(AccessDenied, match=REFUSAL):
        as_ana.prepare(office.theirs, top=2)
    as_ben = SheetService(demo_database, reference, config, office.matching, actor=office.ben)
    prepared = as_ben.prepare(office.theirs, top=2)  # Ben's own client: allowed
    assert prepared.client_id == office.theirs and prepared.offer_ids
    proposals, sheets = _count(demo_database, Proposal), _count(demo_database, PrintedSheet)
    with pytest.raises(AccessDenied, match=REFUSAL):
        as_ana.record(prepared)  # a sheet prepared by someone else cannot be recorded by Ana
    assert (_count(demo_database, Proposal), _count(demo_database, PrintedSheet)) == (
        proposals,
        sheets,
    )
    as_ben.record(prepared)
    assert _count(demo_database, PrintedSheet) == sheets + 1


def test_proposals_and_printed_sheets_of_a_colleagues_client_are_refused(  # type: ignore[no-untyped-def]
    demo_database, reference, office
) -> None:
    proposals = ProposalService(demo_database, reference)
    offer_id = int(office.matching.matcher.offers.ids[0])
    proposals.propose(office.theirs, offer_id, office.ben)
    with pytest.raises(AccessDenied, match=REFUSAL):
        proposals.proposals_of(office.theirs, office.ana)
    assert offer_id in {p.offer_id for p in proposals.proposals_of(office.theirs, office.ben)}
    with pytest.raises(AccessDenied, match=REFUSAL):
        ClientService(demo_database, office.ana).printed_sheets_of(office.theirs, office.ana)
    assert (
        ClientService(demo_database, office.ben).printed_sheets_of(office.theirs, office.ben) == []
    )


def test_ranking_offers_for_a_colleagues_client_is_refused(office) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AccessDenied, match=REFUSAL):
        office.matching.rank_offers(office.theirs, office.ana)
    profile, _result = office.matching.rank_offers(office.theirs, office.ben)
    assert profile.id == office.theirs


def test_ranking_clients_lists_only_the_clients_the_counsellor_may_see(  # type: ignore[no-untyped-def]
    demo_database, office
) -> None:
    matcher = office.matching.matcher
    everyone = {
        row.id: matcher.rank_clients(row, top=500, near_misses=0).matches
        for row in (matcher.offers.row(int(i)) for i in matcher.offers.ids[:80])
        if row is not None
    }
    offer_id, ranked = max(everyone.items(), key=lambda item: len(item[1]))
    assert len(ranked) >= 3
    mine = {ranked[1].client_id, ranked[2].client_id}  # not the best: ranked among themselves
    with demo_database.engine.begin() as connection:
        connection.execute(
            update(Client).where(Client.id.in_(mine)).values(counsellor_id=office.ana.user_id)
        )
    _offer, for_ana = office.matching.rank_clients(offer_id, office.ana, top=1, near_misses=50)
    assert [m.client_id for m in for_ana.matches] == [ranked[1].client_id]
    assert {m.client_id for m in for_ana.near_misses} <= mine
    _offer, for_ana = office.matching.rank_clients(offer_id, office.ana, top=50)
    assert {m.client_id for m in for_ana.matches} == mine
    _offer, for_ben = office.matching.rank_clients(offer_id, office.ben, top=500, near_misses=0)
    assert {m.client_id for m in for_ben.matches} == {m.client_id for m in ranked} - mine


def test_a_client_import_writes_one_audit_entry_per_client_created_or_changed(  # type: ignore[no-untyped-def]
    database, reference, tmp_path
) -> None:
    from pathlib import Path

    from srek_desk.db.models import AuditEvent
    from srek_desk.services.core.audit import AuditService
    from srek_desk.services.imports.service import ImportOptions, ImportService

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "clients.csv"
    importer = Actor(None, "cli:imp", "Kommandozeile", frozenset({"admin", "teamleitung"}))
    service = ImportService(database, reference, actor=importer)

    def entries() -> list[tuple[str, str, str, str]]:
        with database.session() as session:
            rows = session.execute(
                select(
                    AuditEvent.action, AuditEvent.subject, AuditEvent.fields, AuditEvent.user_name
                )
                .where(AuditEvent.entity == "client")
                .order_by(AuditEvent.id)
            ).all()
        return [tuple(row) for row in rows]  # type: ignore[misc]

    def pseudonyms() -> dict[str, str]:
        with database.session() as session:
            return dict(session.execute(select(Client.customer_number, Client.pseudonym)).all())  # type: ignore[arg-type]

    dry = service.import_file(fixture, ImportOptions(kind="clients", dry_run=True))
    assert dry.new == 3 and entries() == []  # a dry run leaves no trace
    assert service.import_file(fixture, ImportOptions(kind="clients")).new == 3
    known = pseudonyms()
    assert entries() == [
        ("create", known[n], "", "cli:imp") for n in ("KD-1001", "KD-1002", "KD-1003")
    ]
    assert service.import_file(fixture, ImportOptions(kind="clients")).unchanged == 3
    assert len(entries()) == 3  # nothing changed: nothing logged
    changed = tmp_path / "clients.csv"
    changed.write_text(
        fixture.read_text(encoding="utf-8")
        .replace("26112, 25212", "25212")
        .replace("Jonas;Beispiel", "Jonas;Anders"),
        encoding="utf-8",
    )
    report = service.import_file(changed, ImportOptions(kind="clients"))
    assert (report.updated, report.unchanged) == (2, 1)
    assert entries()[3:] == [
        ("update", known["KD-1001"], "occupations", "cli:imp"),
        ("update", known["KD-1002"], "last_name", "cli:imp"),
    ]
    assert AuditService(database).verify_chain() is None


# -- the walk: every public method of the client-touching services, as Ana on Ben's client ------

# Methods that do not act on one stored client, and why (a new method must be placed here or
# in the walk below, or the walk fails).
NOT_ONE_CLIENT = {
    "ClientService.validate": "checks input in hand",
    "ClientService.create": "a new client of the actor's own",
    "MatchService.build": "index upkeep",
    "MatchService.refresh": "index upkeep",
    "MatchService.forget_missing_clients": "index upkeep",
    "MatchService.offer_row": "an offer, no client",
    "SheetService.render": "renders a sheet already prepared (and checked)",
    "SheetService.render_group": "renders sheets already prepared (and checked)",
    "ApplicationService.write_pdf": "renders a proof already made (and checked)",
    "ApplicationService.render": "renders a proof already made (and checked)",
    "ApplicationService.empty_message": "text of a proof already made",
    "ChanceService.collect": "office task after an offer import, nothing shown",
}


def _known(ids: set[int] | None) -> set[int]:
    assert ids is not None, "a counsellor does not see every client"
    return ids


def _not_ranked_for(matching: MatchService, client_id: int, actor: Actor) -> bool:
    """Offers that rank the client for everyone rank them not for `actor`."""
    fitting = []
    for offer_id in matching.matcher.offers.ids:
        _offer, ranked = matching.rank_clients(int(offer_id), SYSTEM, top=500, near_misses=0)
        if client_id in {m.client_id for m in ranked.matches}:
            fitting.append(int(offer_id))
        if len(fitting) == 3:
            break
    assert fitting, "the walk needs an offer that fits the client"
    return not any(
        client_id in {m.client_id for m in matching.rank_clients(i, actor, top=500)[1].matches}
        for i in fitting
    )


def _public_methods(cls: type) -> set[str]:
    import inspect

    return {
        f"{cls.__name__}.{name}"
        for name, member in inspect.getmembers(cls)
        if not name.startswith("_")
        and (
            inspect.isfunction(member)
            or isinstance(inspect.getattr_static(cls, name), staticmethod)
        )
    }


def test_every_public_method_refuses_a_counsellor_who_must_not_see_the_client(  # type: ignore[no-untyped-def]
    demo_database, reference, office
) -> None:
    from srek_desk.db.models import AuditEvent, CounsellingNote, FollowUp
    from srek_desk.db.models_desk import HiddenOffer
    from srek_desk.errors import UserError
    from srek_desk.services.chances.reminders import ReminderService
    from srek_desk.services.chances.service import ChanceService
    from srek_desk.services.clients.applications import ApplicationService

    config = Config.defaults()
    db, theirs, ana, ben = demo_database, office.theirs, office.ana, office.ben
    offer_id = int(office.matching.matcher.offers.ids[0])
    proposals = ProposalService(db, reference)
    proposal_id = proposals.propose(theirs, offer_id, ben)
    as_ben = SheetService(db, reference, config, office.matching, actor=ben)
    prepared = as_ben.prepare(theirs, top=2)
    proof = ApplicationService(db, config, ben).proof(theirs)
    data, version = ClientService(db, ben).input_of(theirs)
    follow_up = ClientService(db, ben).add_follow_up(theirs, date.today(), "Anrufen")
    clients = ClientService(db, ana)
    sheets = SheetService(db, reference, config, office.matching, actor=ana)
    applications = ApplicationService(db, config, ana)
    chances = ChanceService(db, ana, config)
    reminders = ReminderService(db, ana, config)
    matching = office.matching
    refused = {
        "ClientService.detail": lambda: clients.detail(theirs),
        "ClientService.update": lambda: clients.update(theirs, data, version, reference),
        "ClientService.set_shared": lambda: clients.set_shared(theirs, True),
        "ClientService.input_of": lambda: clients.input_of(theirs),
        "ClientService.add_note": lambda: clients.add_note(theirs, "Notiz"),
        "ClientService.printed_sheets_of": lambda: clients.printed_sheets_of(theirs, ana),
        "ClientService.add_follow_up": lambda: clients.add_follow_up(theirs, date.today(), "x"),
        "ClientService.complete_follow_up": lambda: clients.complete_follow_up(follow_up),
        "ProposalService.propose": lambda: proposals.propose(theirs, offer_id + 1, ana),
        "ProposalService.record_outcome": lambda: proposals.record_outcome(
            proposal_id, "beworben", ana
        ),
        "ProposalService.proposals_of": lambda: proposals.proposals_of(theirs, ana),
        "ProposalService.open_proposals": lambda: proposals.open_proposals(theirs, ana),
        "ProposalService.hide_offer": lambda: proposals.hide_offer(theirs, offer_id, ana),
        "ProposalService.unhide_offer": lambda: proposals.unhide_offer(theirs, offer_id, ana),
        "ProposalService.hidden_offers": lambda: proposals.hidden_offers(theirs, ana),
        "MatchService.client_profile": lambda: matching.client_profile(theirs, ana),
        "MatchService.rank_offers": lambda: matching.rank_offers(theirs, ana),
        "MatchService.hidden_offers": lambda: matching.hidden_offers(theirs, ana),
        "SheetService.prepare": lambda: sheets.prepare(theirs, top=2),
        "SheetService.record": lambda: sheets.record(prepared),
        "ApplicationService.proof": lambda: applications.proof(theirs),
        "ApplicationService.record_printed": lambda: applications.record_printed(proof),
        "ApplicationService.record_listing": lambda: applications.record_listing(proof),
        "ChanceService.for_client": lambda: chances.for_client(theirs),
        "ChanceService.prepare_update_sheet": lambda: chances.prepare_update_sheet(sheets, theirs),
        "ChanceService.dismiss": lambda: chances.dismiss(theirs),
        "ChanceService.mark_presented": lambda: chances.mark_presented(theirs, [offer_id]),
        "ChanceService.record_update_sheet": lambda: chances.record_update_sheet(
            theirs, [offer_id]
        ),
        "ReminderService.record_contact": lambda: reminders.record_contact(theirs),
    }
    # Lists are limited to the clients the actor may see: Ben's client is simply not there.
    left_out = {
        "ClientService.recent_clients": lambda: (
            theirs not in {r.id for r in clients.recent_clients(500)}
        ),
        "ClientService.follow_ups_of": lambda: clients.follow_ups_of(theirs) == [],
        "ClientService.follow_ups_due": lambda: (
            theirs not in {f.client_id for f in clients.follow_ups_due(date.today())}
        ),
        "ClientService.visible_ids": lambda: theirs not in _known(clients.visible_ids()),
        "MatchService.rank_clients": lambda: _not_ranked_for(matching, theirs, ana),
        "MatchService.visible_client_ids": lambda: (
            theirs not in _known(matching.visible_client_ids(ana))
        ),
        "ChanceService.summary": lambda: chances.summary(theirs) is None,
        "ChanceService.counts": lambda: theirs not in {c.client_id for c in chances.counts()},
        "ReminderService.due": lambda: theirs not in {r.client_id for r in reminders.due()},
    }
    walked = set(refused) | set(left_out) | set(NOT_ONE_CLIENT)
    services = (
        ClientService,
        ProposalService,
        MatchService,
        SheetService,
        ApplicationService,
        ChanceService,
        ReminderService,
    )
    public = set().union(*(_public_methods(cls) for cls in services))
    assert public == walked, "place every public method in the walk"

    def state() -> tuple[object, ...]:
        with db.session() as session:
            client = session.get(Client, theirs)
            assert client is not None
            counts = tuple(
                session.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (
                    AuditEvent,
                    Proposal,
                    PrintedSheet,
                    HiddenOffer,
                    CounsellingNote,
                    FollowUp,
                )
            )
            done = session.get(FollowUp, follow_up)
            assert done is not None
            return (*counts, client.version, client.shared, client.last_contact_at, done.done)

    before = state()
    for name, call in refused.items():
        with pytest.raises(UserError) as caught:
            call()
        message = caught.value.message
        assert "Klient" in message and ("Kollegin" in message or "Keine" in message), name
    for name, check in left_out.items():
        assert check(), name
    assert state() == before  # nothing written, not even a log entry, for a refused call
