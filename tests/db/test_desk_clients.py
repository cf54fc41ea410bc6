"""Client editing for the desk: validation, create/update with optimistic locking, follow-ups."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from srek_desk.db.models import AuditEvent, Client
from srek_desk.errors import UserError
from srek_desk.services.clients.service import (
    ClientInput,
    ClientService,
    ConflictError,
    ValidationError,
)
from srek_desk.services.core.access import SYSTEM

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
    [line] = service.printed_sheets_of(client_id, SYSTEM)
    assert (line.offer_ids, line.language, line.pseudonymous) == ((3, 7), "en", False)


# -- duplicates (issue 10) --------------------------------------------------------------------

AYSE_BORN = date(2005, 2, 3)


def ayse_input(**changes: object) -> ClientInput:
    """Ayşe Yıldız, K-7, born 03.02.2005: the person the duplicate tests look for."""
    values: dict[str, object] = {
        "customer_number": "K-7",
        "first_name": "Ayşe",
        "last_name": "Yıldız",
        "birth_date": AYSE_BORN,
    }
    return lena(**{**values, **changes})


def _counsellor(database, name: str, role: str = "berater"):  # type: ignore[no-untyped-def]
    from srek_desk.db.models import UserAccount
    from srek_desk.services.core.access import Actor

    with database.session() as session, session.begin():
        account = UserAccount(username=name, display_name=name.title(), role=role)
        session.add(account)
        session.flush()
        user_id = account.id
    return Actor(user_id, name, name.title(), frozenset({role}))


def test_similar_clients_finds_spellings_not_others(database, reference) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.services.clients.duplicates import similar_clients

    service = ClientService(database)
    ayse = service.create(
        ayse_input(),
        reference,
    )
    undated = service.create(
        lena(customer_number="K-8", first_name="Hans", last_name="Müller", birth_date=None),
        reference,
    )
    twin = service.create(
        lena(customer_number="K-9", first_name="Lea", last_name="Kaya", birth_date=AYSE_BORN),
        reference,
    )
    gone = service.create(
        lena(customer_number="K-10", first_name="Emre", last_name="Özdemir", birth_date=AYSE_BORN),
        reference,
    )
    with database.session() as session, session.begin():
        stored = session.get(Client, gone)
        assert stored is not None
        stored.anonymised_at = stored.created_at  # erased people are never "similar"

    def found(first: str, last: str, born: date | None, **kw: object) -> list[tuple[int, str]]:
        with database.session() as session:
            return [
                (c.client_id, c.reason)
                for c in similar_clients(session, first, last, born, **kw)  # type: ignore[arg-type]
            ]

    assert found("Ayse", "Yildiz", AYSE_BORN) == [
        (ayse, "gleicher Name in anderer Schreibweise, gleiches Geburtsdatum")
    ]
    assert found("Ayse", "Yildiz", None) == [(ayse, "gleicher Name, Geburtsdatum fehlt")]
    assert found("Yıldız", "Ayşe", AYSE_BORN)[0][0] == ayse  # swapped
    assert found("Ayşe", "Yildis", AYSE_BORN)[0][0] == ayse  # one typo, same birth date
    assert found("Hans", "Mueller", date(1990, 5, 1)) == [
        (undated, "gleicher Name, Geburtsdatum fehlt")
    ]
    assert found("Leo", "Kaya", AYSE_BORN) == []  # a twin is another person
    assert found("Ayşe", "Yıldız", date(2006, 2, 3)) == []
    assert found("Emre", "Oezdemir", AYSE_BORN) == []  # anonymised
    assert found("Ayşe", "Yıldız", AYSE_BORN, exclude_id=ayse) == []  # editing Ayşe herself
    assert twin not in {c for c, _ in found("Lena", "Kaya", AYSE_BORN)}


def test_duplicate_check_hides_other_caseloads(database, reference) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.services.clients.duplicates import DuplicateService

    berta = _counsellor(database, "berta")
    carl = _counsellor(database, "carl")
    lead = _counsellor(database, "lea", "teamleitung")
    ayse = ClientService(database, berta).create(
        ayse_input(),
        reference,
    )
    args = ("Ayse", "Yildiz", AYSE_BORN)
    own = DuplicateService(database, berta).check(*args)
    assert [c.client_id for c in own.visible] == [ayse] and own.hidden == 0
    other = DuplicateService(database, carl).check(*args)
    assert other.visible == () and other.hidden == 1 and other.found  # no details, just a hint
    assert [c.client_id for c in DuplicateService(database, lead).check(*args).visible] == [ayse]
    assert not DuplicateService(database, carl).check("Petra", "Schulz", AYSE_BORN).found


CLIENT_HEADER = "Kundennummer;Vorname;Nachname;Geburtsdatum;PLZ;Kenntnisse\n"


def _import_clients(database, reference, tmp_path, rows: list[str]):  # type: ignore[no-untyped-def]
    from srek_desk.services.imports.service import ImportOptions, ImportService

    path = tmp_path / "klienten.csv"
    path.write_text(CLIENT_HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return ImportService(database, reference).import_file(path, ImportOptions(kind="clients"))


def _numbers(database) -> set[str]:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return set(session.execute(select(Client.customer_number)).scalars())


def test_client_import_skips_rows_like_stored_clients_or_earlier_rows(  # type: ignore[no-untyped-def]
    database, reference, tmp_path
) -> None:
    ClientService(database).create(
        ayse_input(),
        reference,
    )
    report = _import_clients(
        database,
        reference,
        tmp_path,
        [
            "K-7;Ayşe;Yıldız;03.02.2005;37073;",  # line 2: the stored client, updated by number
            "K-20;Jonas;Beispiel;12.11.2008;37213;",  # line 3: new
            "K-21;Ayse;Yildiz;03.02.2005;37073;",  # line 4: like K-7
            "K-22;Jonas;Beispiel;;37213;",  # line 5: like line 3, no birth date
            "K-23;Lea;Beispiel;12.11.2008;37213;",  # line 6: another person (twin)
        ],
    )
    assert (report.new, report.unchanged + report.updated) == (2, 1)
    messages = [w["message"] for w in report.warnings]
    assert messages == [
        "Zeile 4: ähnelt Yıldız, Ayşe (geb. 03.02.2005, Kd.-Nr. K-7), gleicher Name in anderer "
        "Schreibweise, gleiches Geburtsdatum – nicht übernommen",
        "Zeile 5: ähnelt Zeile 3 (Beispiel, Jonas (geb. 12.11.2008, Kd.-Nr. K-20)), gleicher "
        "Name, Geburtsdatum fehlt – nicht übernommen",
    ]
    assert _numbers(database) == {"K-7", "K-20", "K-23"}


def test_client_import_may_take_similar_rows_anyway(database, reference, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.services.imports.service import ImportOptions, ImportService

    path = tmp_path / "klienten.csv"
    path.write_text(
        CLIENT_HEADER + "K-1;Ayşe;Yıldız;03.02.2005;37073;\nK-2;Ayse;Yildiz;;37073;\n",
        encoding="utf-8",
    )
    report = ImportService(database, reference).import_file(
        path, ImportOptions(kind="clients", import_similar=True)
    )
    assert report.new == 2
    assert [w["message"] for w in report.warnings] == [
        "Zeile 3: ähnelt Zeile 2 (Yıldız, Ayşe (geb. 03.02.2005, Kd.-Nr. K-1)), gleicher Name, "
        "Geburtsdatum fehlt – trotzdem übernommen"
    ]
    assert _numbers(database) == {"K-1", "K-2"}


def test_client_import_reads_kenntnisse(database, reference, tmp_path) -> None:  # type: ignore[no-untyped-def]
    report = _import_clients(
        database,
        reference,
        tmp_path,
        [
            'K-30;Mara;Beispiel;01.05.2006;37073;"Staplerschein; Erste Hilfe; Zauberei"',
            "K-31;Tom;Test;01.06.2006;37073;",
        ],
    )
    assert report.new == 2
    assert [w["message"] for w in report.warnings] == [
        "Zeile 2, Spalte „Kenntnisse“: „Zauberei“ steht nicht in der Liste der Kenntnisse – "
        "nicht übernommen"
    ]
    with database.session() as session:
        skills = {n: s for n, s in session.execute(select(Client.customer_number, Client.skills))}
    assert skills["K-31"] == ""
    assert len(skills["K-30"].split(",")) == 2
    again = _import_clients(
        database, reference, tmp_path, ["K-30;Mara;Beispiel;01.05.2006;37073;Erste Hilfe"]
    )
    assert again.updated == 1  # the file's skills replace the stored ones
    with database.session() as session:
        stored = session.execute(
            select(Client.skills).where(Client.customer_number == "K-30")
        ).scalar_one()
    assert stored and "," not in stored


def test_duplicates_command_lists_pairs(tmp_path, reference, capsys) -> None:  # type: ignore[no-untyped-def]
    import argparse
    import json

    from srek_desk.cli.duplicates import register
    from srek_desk.services.core.database import open_database

    path = tmp_path / "office.sqlite3"
    database = open_database(path)
    service = ClientService(database)
    first = service.create(
        ayse_input(),
        reference,
    )
    second = service.create(
        ayse_input(customer_number="K-8", first_name="Ayse", last_name="Yildiz", birth_date=None),
        reference,
    )
    service.create(lena(customer_number="K-9", first_name="Lea", last_name="Kaya"), reference)
    database.dispose()
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    register(parser.add_subparsers())
    args = parser.parse_args(["--db", str(path), "duplicates", "--json"])
    assert args.handler(args) == 0
    [pair] = json.loads(capsys.readouterr().out)
    assert (pair["first"]["client_id"], pair["second"]["client_id"]) == (first, second)
    assert pair["reason"] == "gleicher Name, Geburtsdatum fehlt"
    args = parser.parse_args(["--db", str(path), "duplicates"])
    assert args.handler(args) == 0
    assert "Yıldız, Ayşe (geb. 03.02.2005, Kd.-Nr. K-7) – Yildiz, Ayse (Kd.-Nr. K-8)" in (
        capsys.readouterr().out
    )
