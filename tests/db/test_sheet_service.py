"""Sheets from the database: best matches or picked offers, nothing personal, recorded as proposals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from srek_desk.config import Config
from srek_desk.db.models import Client, Proposal
from srek_desk.db.models_history import PrintedSheet
from srek_desk.services.core.access import SYSTEM
from srek_desk.services.sheets.service import SheetService


def _fresh_rows(service: SheetService, count: int) -> list:  # type: ignore[type-arg]
    """The first offers of the index a sheet may carry: demo offers have random "Stand" dates,
    and a stale one is left off the sheet on purpose (matching.freshness)."""
    from datetime import date

    from srek_desk.matching.freshness import offer_stale_reason

    stale_after = service.config["matching.stale_after_days"]
    fresh = [
        row
        for row in service.matching.matcher.offers.rows
        if offer_stale_reason(row, today=date.today(), stale_after_days=stale_after) is None
    ]
    assert len(fresh) >= count
    return fresh[:count]


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
    service = SheetService(demo_database, reference, Config.defaults(), actor=SYSTEM)
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
    service = SheetService(demo_database, reference, Config.defaults(), actor=SYSTEM)
    refs = [row.reference for row in _fresh_rows(service, 2)]
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
    from srek_desk.services.clients.proposals import ProposalService

    client = _client(demo_database)
    service = SheetService(demo_database, reference, Config.defaults(), actor=SYSTEM)
    offer_id = _fresh_rows(service, 1)[0].id
    prepared = service.prepare(client.id, offer_refs=[offer_id, offer_id])  # by internal ids
    assert prepared.offer_ids == (offer_id,)
    service.record(prepared)
    service.record(prepared)  # printed again: still one open proposal
    proposals = ProposalService(demo_database, reference)
    open_ones = [
        p for p in proposals.proposals_of(client.id, SYSTEM) if p.offer_id == offer_id and p.is_open
    ]
    assert len(open_ones) == 1
    proposals.record_outcome(open_ones[0].id, "absage", SYSTEM)
    service.record(prepared)  # after a rejection the offer may be proposed again
    assert (
        len(
            [
                p
                for p in proposals.proposals_of(client.id, SYSTEM)
                if p.offer_id == offer_id and p.is_open
            ]
        )
        == 1
    )
    _, ranked = service.matching.rank_offers(client.id, SYSTEM, top=5)
    if ranked.matches:
        hidden = ranked.matches[0].offer_id
        proposals.hide_offer(client.id, hidden, SYSTEM)
        _, again = service.matching.rank_offers(client.id, SYSTEM, top=50, near_misses=50)
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
    service = SheetService(demo_database, reference, Config.defaults(), actor=SYSTEM)
    assert service.matching.client_profile(5, SYSTEM).id == 5  # the UI passes ids
    assert service.matching.client_profile("5", SYSTEM).id == 3  # the CLI: a Kundennummer wins


# -- skills, freshness (issue 10) ---------------------------------------------------------------


def _skill_office(database, reference):  # type: ignore[no-untyped-def]
    """A client wishing Mechatroniker (26112) in Göttingen who holds "Erste Hilfe", and offers
    there: one that fits, two that need a Staplerschein, one long unconfirmed, one past its
    deadline. Returns (client_id, {name: offer_id})."""
    from datetime import UTC, datetime, timedelta

    from srek_desk.db.models import Offer
    from srek_desk.services.clients.service import ClientService
    from tests.db.privacy_fixtures import person

    client_id = ClientService(database).create(
        person("Mila", "Brandt", "K-SKILL", skills=("erste_hilfe",)), reference
    )
    now = datetime.now(UTC).replace(microsecond=0)
    offers = {
        "fits": dict(employer_name="Leine Metall GmbH", skills_nice="erste_hilfe"),
        "stapler_a": dict(employer_name="Göttinger Lager KG", skills_required="staplerschein"),
        "stapler_b": dict(employer_name="Nordlicht Logistik", skills_required="staplerschein"),
        "unconfirmed": dict(
            employer_name="Alte Anzeige GmbH", confirmed_at=now - timedelta(days=120)
        ),
        "expired": dict(
            employer_name="Frist Vorbei AG",
            application_deadline=(now - timedelta(days=3)).date(),
        ),
    }
    ids = {}
    with database.session() as session, session.begin():
        for number, (name, values) in enumerate(offers.items(), start=1):
            values.setdefault("confirmed_at", now - timedelta(days=2))
            offer = Offer(
                source="test",
                reference=f"SK-{number}",
                offer_type="ausbildung",
                title=f"Ausbildung Mechatroniker/in {name}",
                kldb_code="26112",
                postcode="37073",
                place="Göttingen",
                state="NI",
                lat=51.53,
                lon=9.93,
                **values,
            )
            session.add(offer)
            session.flush()
            ids[name] = int(offer.id)  # type: ignore[arg-type]
    return client_id, ids


def test_missing_skill_becomes_a_course_step_and_stale_offers_are_never_printed(
    database, reference, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.unit.test_sheet_support import read_pdf

    client_id, ids = _skill_office(database, reference)
    service = SheetService(database, reference, Config.defaults(), actor=SYSTEM)
    prepared = service.prepare(client_id, top=5)
    # the fitting match first, the two skill-only near misses fill the free places; stale: never
    assert prepared.offer_ids[0] == ids["fits"]
    assert set(prepared.offer_ids) == {ids["fits"], ids["stapler_a"], ids["stapler_b"]}
    assert prepared.left_out == ()  # picked by the sheet itself: left out silently
    by_employer = {o.employer: o for o in prepared.data.offers}
    assert by_employer["Leine Metall GmbH"].skills_have == ("Erste Hilfe",)
    assert by_employer["Leine Metall GmbH"].skills_missing == ()
    gap = by_employer["Göttinger Lager KG"].skills_missing
    assert [(g.label, g.course) for g in gap] == [
        ("Staplerschein", "Staplerschein-Kurs (Flurförderzeugführer, 1–3 Tage)")
    ]
    step = (
        "Staplerschein-Kurs (Flurförderzeugführer, 1–3 Tage). "
        "Für 2 deiner Angebote brauchst du: Staplerschein."
    )
    steps = [s.text for s in prepared.data.steps]
    assert steps[1] == step  # right after the documents
    assert all(o.confirmed_on is not None for o in prepared.data.offers)
    result = service.render(prepared, tmp_path / "skills.pdf")
    text = read_pdf(result.data)
    stand = prepared.data.offers[0].confirmed_on
    assert text.contains(step)
    assert text.contains("Das bringst du mit: Erste Hilfe")
    assert text.contains("Dafür fehlt noch: Staplerschein")
    assert text.contains(f"Stand: {stand:%d.%m.%Y}")
    assert not text.contains("Alte Anzeige GmbH") and not text.contains("Frist Vorbei AG")


def test_picked_stale_offers_are_left_out_with_a_message(database, reference) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.errors import UserError

    client_id, ids = _skill_office(database, reference)
    service = SheetService(database, reference, Config.defaults(), actor=SYSTEM)
    picked = [ids["fits"], ids["unconfirmed"], ids["expired"], ids["stapler_a"]]
    prepared = service.prepare(client_id, offer_refs=picked)
    assert prepared.offer_ids == (ids["fits"], ids["stapler_a"])
    assert len(prepared.left_out) == 2
    unconfirmed, expired = prepared.left_out
    assert unconfirmed.startswith(
        "„Ausbildung Mechatroniker/in unconfirmed“ (Alte Anzeige GmbH) steht nicht auf dem Blatt"
    )
    assert "seit 120 Tagen nicht bestätigt" in unconfirmed
    assert "Frist Vorbei AG" in expired and "Bewerbungsfrist am" in expired
    # a picked near miss keeps its skill step, for one offer naming the employer
    assert prepared.data.steps[1].text == (
        "Staplerschein-Kurs (Flurförderzeugführer, 1–3 Tage). "
        "Für die Stelle bei Göttinger Lager KG brauchst du: Staplerschein."
    )
    with pytest.raises(UserError, match="Kein gewähltes Angebot kann gedruckt werden"):
        service.prepare(client_id, offer_refs=[ids["expired"]])


@pytest.mark.sqlite_only
def test_cli_sheet_names_left_out_offers_on_stderr(database, reference, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _, ids = _skill_office(database, reference)
    env = dict(os.environ, SREK_DB=str(database.sqlite_file))
    target = tmp_path / "cli.pdf"
    result = subprocess.run(
        [sys.executable, "-m", "srek_desk", "sheet", "--client", "K-SKILL", "--offers",
         f"SK-1,{ids['expired']}", "-o", str(target), "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Hinweis: „Ausbildung Mechatroniker/in expired“ (Frist Vorbei AG)" in result.stderr
    summary = json.loads(result.stdout)
    assert summary["offer_ids"] == [ids["fits"]] and len(summary["left_out"]) == 1
    assert "Frist Vorbei AG" not in _text(target)
