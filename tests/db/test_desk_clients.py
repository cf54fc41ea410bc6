"""Client editing for the desk: validation, create/update with optimistic locking, follow-ups."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from srek_desk.db.models import AuditEvent, Client
from srek_desk.errors import UserError
from srek_desk.services.clients import (
    ClientInput,
    ClientService,
    ConflictError,
    ValidationError,
)

TODAY = date.today()


def lena(**changes: object) -> ClientInput:
    data = ClientInput(
        customer_number="K-1",
        first_name="Lena",
        last_name="Musterfrau",
        birth_date=TODAY.replace(year=TODAY.year - 17) - timedelta(days=3),
        email="lena@example.org",
        home_postcode="34346",
        school_qualification="mittlere_reife",
        driving_licences=("AM",),
        mobility_modes=("pt", "bike"),
        max_commute_minutes=50,
        working_time=("vollzeit",),
        consent_given=True,
        consent_date=TODAY,
        wishes=(("26112", 1), ("26252", 2)),
        languages=(("de", "C2"), ("tr", "B1")),
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def test_create_round_trips_and_fills_place(database, reference) -> None:  # type: ignore[no-untyped-def]
    service = ClientService(database)
    client_id = service.create(lena(), reference)
    data, version = service.input_of(client_id)
    assert data == lena()
    assert version == 1
    detail = service.detail(client_id)
    assert detail is not None and detail.client.home_place == "Hann. Münden"
    with database.session() as session:
        audit = session.execute(
            select(AuditEvent).where(AuditEvent.subject == detail.client.pseudonym)
        ).one()
    assert audit[0].entity_id is None  # clients are named by pseudonym, never by row id
    assert "Musterfrau" not in audit[0].fields  # field names only


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"home_postcode": "00000"}, "home_postcode", "gibt es nicht"),
        ({"wishes": (("99999", 1),)}, "wishes", "Berufeverzeichnis"),
        ({"languages": (("de", "D1"),)}, "languages", "A1 bis C2"),
        ({"max_commute_minutes": 300}, "max_commute_minutes", "240"),
        ({"max_commute_minutes": 2}, "max_commute_minutes", "zwischen 5"),
        ({"birth_date": TODAY.replace(year=TODAY.year - 8)}, "birth_date", "Alter von 8"),
        ({"consent_date": None}, "consent_date", "Einwilligung"),
        ({"consent_date": TODAY + timedelta(days=1)}, "consent_date", "Zukunft"),
        ({"email": "lena@"}, "email", "E-Mail"),
        ({"mobility_modes": ("plane",)}, "mobility_modes", "plane"),
    ],
)
def test_validation_names_the_field_in_german(  # type: ignore[no-untyped-def]
    database, reference, changes, field, fragment
) -> None:
    errors = ClientService(database).validate(lena(**changes), reference)
    assert [e.field for e in errors] == [field]
    assert fragment in errors[0].message


def test_customer_number_must_be_unique_but_may_stay(database, reference) -> None:  # type: ignore[no-untyped-def]
    service = ClientService(database)
    first = service.create(lena(), reference)
    with pytest.raises(ValidationError) as caught:
        service.create(lena(first_name="Paul"), reference)
    assert caught.value.errors[0].field == "customer_number"
    assert service.validate(lena(), reference, client_id=first) == []


def test_walk_in_defaults_are_valid(database, reference) -> None:  # type: ignore[no-untyped-def]
    service = ClientService(database)
    client_id = service.create(ClientInput(home_postcode="37213"), reference)
    assert service.recent_clients(5)[0].name == "(ohne Namen)"
    assert service.input_of(client_id)[0].mobility_modes == ("pt",)


def test_update_replaces_children_and_bumps_version(database, reference) -> None:  # type: ignore[no-untyped-def]
    service = ClientService(database)
    client_id = service.create(lena(), reference)
    edited = lena(home_postcode="37213", wishes=(("26252", 1),), languages=())
    assert service.update(client_id, edited, 1, reference) == 2
    data, version = service.input_of(client_id)
    assert (data, version) == (edited, 2)
    detail = service.detail(client_id)
    assert detail is not None and detail.client.home_place == "Witzenhausen"


def test_stale_update_raises_conflict_with_both_versions(database, reference) -> None:  # type: ignore[no-untyped-def]
    service = ClientService(database)
    client_id = service.create(lena(), reference)
    colleague = lena(phone="0551 1234")
    service.update(client_id, colleague, 1, reference)
    mine = lena(street="Neue Straße 1")
    with pytest.raises(ConflictError) as caught:
        service.update(client_id, mine, 1, reference)
    assert caught.value.mine == mine
    assert caught.value.theirs == colleague
    assert caught.value.their_version == 2
    with database.session() as session:
        stored = session.get(Client, client_id)
        assert stored is not None and stored.street == "" and stored.version == 2
    assert service.update(client_id, replace(mine, phone="0551 1234"), 2, reference) == 3


def test_update_of_deleted_client_is_a_user_error(database, reference) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="nicht mehr gespeichert"):
        ClientService(database).update(999, lena(), 1, reference)


def test_follow_ups_due_and_completed(database, reference) -> None:  # type: ignore[no-untyped-def]
    service = ClientService(database)
    client_id = service.create(lena(), reference)
    overdue = service.add_follow_up(client_id, TODAY - timedelta(days=2), "Zeugnis nachreichen")
    service.add_follow_up(client_id, TODAY + timedelta(days=5), "Später")
    today = service.add_follow_up(client_id, TODAY, "Anrufen")
    due = service.follow_ups_due(TODAY)
    assert [line.id for line in due] == [overdue, today]
    assert due[0].client_name == "Musterfrau, Lena"
    service.complete_follow_up(overdue)
    assert [line.id for line in service.follow_ups_due(TODAY)] == [today]
    assert len(service.follow_ups_of(client_id)) == 3
    with pytest.raises(UserError):
        service.add_follow_up(client_id, TODAY, "  ")


def test_notes_and_recent_clients(database, reference) -> None:  # type: ignore[no-untyped-def]
    service = ClientService(database)
    first = service.create(lena(), reference)
    second = service.create(lena(customer_number="K-2", first_name="Paul"), reference)
    service.add_note(first, "Erstgespräch geführt")
    detail = service.detail(first)
    assert detail is not None and detail.notes[0][1] == "Erstgespräch geführt"
    recent = service.recent_clients(10)
    assert {r.id for r in recent} == {first, second}
    assert recent[0].customer_number in {"K-1", "K-2"}
    with pytest.raises(UserError):
        service.add_note(12345, "x")


def test_printed_sheets_history(database, reference) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.db.models_history import PrintedSheet

    service = ClientService(database)
    client_id = service.create(lena(), reference)
    with database.session() as session:
        session.add(PrintedSheet(client_id=client_id, offer_ids="3,7", language="en"))
        session.commit()
    [line] = service.printed_sheets_of(client_id)
    assert (line.offer_ids, line.language, line.pseudonymous) == ((3, 7), "en", False)
