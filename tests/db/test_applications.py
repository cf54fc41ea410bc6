"""Bewerbungsnachweis: rows from proposals, period, access scope, audit, PDF read back."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import select, update

from srek_desk.config import Config
from srek_desk.db.models import AuditEvent, Client
from srek_desk.errors import UserError
from srek_desk.services.clients.applications import ApplicationService
from srek_desk.services.core.access import BERATER, TEAMLEITUNG, Actor
from tests.db.application_fixtures import FIRST, LAST, NUMBER, build
from tests.unit.test_sheet_support import read_pdf


@pytest.fixture
def office(database, reference):  # type: ignore[no-untyped-def]
    return build(database, reference)


def _config() -> Config:
    return Config.defaults().with_values(
        office__name="Jugendberufsagentur Werra-Meißner",
        office__address="Am Sande 1, 37213 Witzenhausen",
        office__phone="05542 1234-0",
    )


def test_only_applications_made_oldest_first(database, office) -> None:  # type: ignore[no-untyped-def]
    proof = ApplicationService(database, _config()).proof(
        office.client_id, today=date(2026, 11, 12)
    )
    rows = [(line.employer, line.status, line.proposed_on, line.status_on) for line in proof.lines]
    assert rows == [
        ("Werra Kliniken", "vorstellungsgespraech", date(2026, 9, 2), date(2026, 9, 25)),
        ("Leine Metall GmbH", "beworben", date(2026, 9, 14), date(2026, 9, 16)),
        ("Kasseler Verkehrsbetriebe", "absage", date(2026, 10, 6), date(2026, 10, 20)),
        ("Obsthof Werratal", "zusage", date(2026, 11, 3), date(2026, 11, 10)),
    ]  # "vorgeschlagen" and "zurückgezogen" are no applications
    first = proof.lines[0]
    assert first.status_label == "Vorstellungsgespräch"
    assert (first.title, first.reference, first.place) == (
        "Ausbildung Pflegefachfrau/-mann",
        "WK-PFL-26",
        "Eschwege",
    )
    assert (proof.first_name, proof.last_name, proof.customer_number) == (FIRST, LAST, NUMBER)
    assert proof.birth_date == date(2008, 3, 4) and proof.office.phone == "05542 1234-0"
    assert (
        first.as_json()["date"] == "2026-09-02" and first.as_json()["status_date"] == "2026-09-25"
    )


def test_period_filter_on_the_proposal_day(database, office) -> None:  # type: ignore[no-untyped-def]
    service = ApplicationService(database, _config())
    october = service.proof(NUMBER, start=date(2026, 9, 14), end=date(2026, 10, 6))
    assert [line.employer for line in october.lines] == [
        "Leine Metall GmbH",
        "Kasseler Verkehrsbetriebe",
    ]  # both ends count
    assert [line.employer for line in service.proof(NUMBER, start=date(2026, 11, 1)).lines] == [
        "Obsthof Werratal"
    ]
    assert len(service.proof(NUMBER, end=date(2026, 9, 13)).lines) == 1
    with pytest.raises(UserError, match="Der Zeitraum ist verkehrt herum"):
        service.proof(NUMBER, start=date(2026, 10, 1), end=date(2026, 9, 1))


def test_access_scope_like_the_client_list(database, office) -> None:  # type: ignore[no-untyped-def]
    own = Actor(office.own_counsellor, "mm", "Sabine Mustermann", frozenset({BERATER}))
    colleague = Actor(office.other_counsellor, "kk", "Karl Kollege", frozenset({BERATER}))
    lead = Actor(None, "tl", "Teamleitung", frozenset({TEAMLEITUNG}))
    assert len(ApplicationService(database, _config(), own).proof(office.client_id).lines) == 4
    assert len(ApplicationService(database, _config(), lead).proof(NUMBER).lines) == 4
    for ref in (office.client_id, NUMBER, "K-GIBT-ES-NICHT"):
        with pytest.raises(UserError, match="Keine Klientin / kein Klient mit der Nummer"):
            ApplicationService(database, _config(), colleague).proof(ref)
    with database.engine.begin() as connection:
        connection.execute(update(Client).where(Client.id == office.client_id).values(shared=True))
    assert len(ApplicationService(database, _config(), colleague).proof(NUMBER).lines) == 4
    with database.engine.begin() as connection:
        connection.execute(
            update(Client).where(Client.id == office.client_id).values(restricted=True)
        )
    with pytest.raises(UserError, match="eingeschränkt"):
        ApplicationService(database, _config(), lead).proof(NUMBER)


def test_pdf_read_back_and_audit(database, office, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    own = Actor(office.own_counsellor, "mm", "Sabine Mustermann", frozenset({BERATER}))
    service = ApplicationService(database, _config(), own)
    proof = service.proof(NUMBER, start=date(2026, 9, 1), today=date(2026, 11, 12))
    target = tmp_path / "nachweis.pdf"
    result = service.write_pdf(proof, target)
    assert target.read_bytes() == result.data and result.page_count == 1
    text = read_pdf(result.data)
    for expected in (
        "Bewerbungsnachweis", f"{LAST}, {FIRST}", "04.03.2008", NUMBER, "ab 01.09.2026",
        "Werra Kliniken", "Ausbildung Pflegefachfrau/-mann", "Ref. WK-PFL-26",
        "Vorstellungsgespräch", "25.09.2026", "Zusage", "Absage", "4 Bewerbungen",
        "Jugendberufsagentur Werra-Meißner", "Witzenhausen, 12.11.2026",
        "Sabine Mustermann · Unterschrift und Stempel", "Seite 1 von 1",
    ):  # fmt: skip
        assert text.contains(expected), expected
    assert not text.contains("Nur Vorgeschlagen GmbH") and not text.contains("Zurückgezogen KG")
    assert text.reader.metadata.title == "Bewerbungsnachweis"
    assert LAST not in str(dict(text.reader.metadata))
    service.record_listing(proof)
    with database.session() as session:
        pseudonym = session.get(Client, office.client_id).pseudonym
        events = session.execute(
            select(AuditEvent.action, AuditEvent.subject, AuditEvent.detail, AuditEvent.user_name)
            .where(AuditEvent.detail.like("Bewerbungsnachweis%"))
            .order_by(AuditEvent.id)
        ).all()
    assert [(e.action, e.subject, e.user_name) for e in events] == [
        ("print", pseudonym, "mm"),
        ("export", pseudonym, "mm"),
    ]
    assert events[0].detail == "Bewerbungsnachweis (4 Bewerbungen, ab 01.09.2026)"
    assert all(LAST not in e.detail and NUMBER not in e.detail for e in events)


def test_no_applications_in_the_period_is_refused_in_german(
    database, office, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    service = ApplicationService(database, _config())
    proof = service.proof(NUMBER, start=date(2026, 12, 1), end=date(2026, 12, 31))
    assert proof.lines == ()
    target = tmp_path / "leer.pdf"
    with pytest.raises(UserError) as refused:
        service.write_pdf(proof, target)
    assert refused.value.message == (
        f"Für Kundennummer {NUMBER} sind im Zeitraum 01.12.2026 bis 31.12.2026 keine "
        "Bewerbungen erfasst (Stand beworben, Vorstellungsgespräch, Zusage oder Absage); "
        "es wurde kein Bewerbungsnachweis erstellt."
    )
    assert not target.exists()
    with pytest.raises(UserError, match="keine Bewerbungen erfasst"):
        service.render(proof, BytesIO())
    with database.session() as session:
        logged = session.execute(
            select(AuditEvent.id).where(AuditEvent.detail.like("Bewerbungsnachweis%"))
        ).all()
    assert logged == []  # nothing went out, nothing is logged
