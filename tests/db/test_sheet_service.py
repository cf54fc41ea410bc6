"""Sheets from the database: best matches or picked offers, nothing personal, recorded as proposals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader
from sqlalchemy import select

from srek_desk.config import Config
from srek_desk.db.models import Client, Proposal
from srek_desk.db.models_history import PrintedSheet
from srek_desk.services.sheets import SheetService


def _client(db) -> Client:  # type: ignore[no-untyped-def]
    with db.session() as session:
        return (
            session.execute(select(Client).where(Client.status == "active").order_by(Client.id))
            .scalars()
            .first()
        )


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_sheet_with_best_matches_is_recorded(demo_database, reference, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    client = _client(demo_database)
    service = SheetService(demo_database, reference, Config.defaults())
    prepared = service.prepare(client.customer_number)
    assert 0 < len(prepared.offer_ids) <= 5
    target = tmp_path / "blatt.pdf"
    result = service.render(prepared, target)
    text = _text(target)
    assert client.first_name in text
    assert client.last_name not in text and client.customer_number not in text
    assert client.birth_date.strftime("%d.%m.%Y") not in text and client.street not in text
    assert (
        prepared.data.offers[0].employer in text.replace("\n", " ")
        or prepared.data.offers[0].title[:20] in text
    )
    assert result.page_count >= 1
    sheet_id = service.record(prepared)
    with demo_database.session() as session:
        sheet = session.get(PrintedSheet, sheet_id)
        proposals = (
            session.execute(select(Proposal.offer_id).where(Proposal.client_id == client.id))
            .scalars()
            .all()
        )
    assert sheet is not None and sheet.client_id == client.id
    assert set(prepared.offer_ids) <= set(proposals)


def test_pseudonymous_picked_offers_in_simple_language(
    demo_database, reference, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    client = _client(demo_database)
    service = SheetService(demo_database, reference, Config.defaults())
    refs = [row.reference for row in service.matching.matcher.offers.rows[:2]]
    prepared = service.prepare(
        client.customer_number, offer_refs=refs, language="de-simple", pseudonymous=True
    )
    assert prepared.data.first_name is None and len(prepared.offer_ids) == 2
    target = tmp_path / "p.pdf"
    service.render(prepared, target)
    assert client.first_name not in _text(target).split()


def test_cli_sheet(demo_database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    client = _client(demo_database)
    env = dict(os.environ, SREK_DB=str(demo_database.sqlite_file))
    target = tmp_path / "cli.pdf"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "srek_desk",
            "sheet",
            "--client",
            client.customer_number,
            "--lang",
            "en",
            "-o",
            str(target),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["pages"] == len(PdfReader(target).pages) and summary["language"] == "en"
    wrong = subprocess.run(
        [
            sys.executable,
            "-m",
            "srek_desk",
            "sheet",
            "--client",
            client.customer_number,
            "-o",
            str(tmp_path / "x.txt"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert wrong.returncode == 1 and ".pdf" in wrong.stderr


def test_duplicates_closed_proposals_and_hidden_offers(
    demo_database, reference, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.services.proposals import ProposalService

    client = _client(demo_database)
    service = SheetService(demo_database, reference, Config.defaults())
    offer_id = service.matching.matcher.offers.rows[0].id
    prepared = service.prepare(client.id, offer_refs=[offer_id, offer_id])  # by internal ids
    assert prepared.offer_ids == (offer_id,)
    service.record(prepared)
    service.record(prepared)  # printed again: still one open proposal
    proposals = ProposalService(demo_database, reference)
    open_ones = [
        p for p in proposals.proposals_of(client.id) if p.offer_id == offer_id and p.is_open
    ]
    assert len(open_ones) == 1
    proposals.record_outcome(open_ones[0].id, "absage")
    service.record(prepared)  # after a rejection the offer may be proposed again
    assert (
        len([p for p in proposals.proposals_of(client.id) if p.offer_id == offer_id and p.is_open])
        == 1
    )
    _, ranked = service.matching.rank_offers(client.id, top=5)
    if ranked.matches:
        hidden = ranked.matches[0].offer_id
        proposals.hide_offer(client.id, hidden)
        _, again = service.matching.rank_offers(client.id, top=50, near_misses=50)
        assert hidden not in [m.offer_id for m in again.matches + again.near_misses]


def test_client_without_customer_number_is_found_by_id_only(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import update

    with demo_database.engine.begin() as connection:
        connection.execute(
            update(Client).where(Client.id == 5).values(customer_number=None, status="active")
        )
        connection.execute(
            update(Client).where(Client.id == 3).values(customer_number="5", status="active")
        )
    service = SheetService(demo_database, reference, Config.defaults())
    assert service.matching.client_profile(5).id == 5  # the UI passes ids
    assert service.matching.client_profile("5").id == 3  # the CLI: a Kundennummer wins
