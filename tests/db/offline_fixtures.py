"""An office database for the offline and transfer tests: SQLite, or PostgreSQL when
SREK_TEST_POSTGRES_URL names a server (each test gets its own database there, dropped after).

Without the variable the PostgreSQL variants are skipped — except in CI, where they fail.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, insert
from sqlalchemy.engine import make_url

from srek_desk.db.models import Employer, Offer
from srek_desk.db.models_history import PrintedSheet
from srek_desk.db.models_reference import RelatedOccupation, TravelTime
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.clients.service import ClientService
from srek_desk.services.clients.values import ClientInput
from srek_desk.services.core.access import ADMIN, BERATER, SYSTEM, Actor
from srek_desk.services.core.database import Database, open_database
from srek_desk.services.protection.accounts import AccountService

POSTGRES_ENV = "SREK_TEST_POSTGRES_URL"
PASSWORD = "Werra-Fulda-2026"
BACKENDS = ["sqlite", "postgresql"]


def postgres_admin_url() -> str:
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{POSTGRES_ENV} is not set: CI must run the PostgreSQL variants")
        pytest.skip(f"{POSTGRES_ENV} is not set")
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, empty database on the test server; dropped afterwards."""
    admin_url = postgres_admin_url()
    name = "srek_offline_" + secrets.token_hex(5)
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.dispose()


@contextmanager
def database_location(backend: str, tmp_path: Path, name: str) -> Iterator[str]:
    if backend == "postgresql":
        with postgres_database() as url:
            yield url
    else:
        yield str(tmp_path / f"{name}.sqlite3")


@dataclass
class Office:
    db: Database
    admin: Actor
    berta: Actor  # counsellor who takes the laptop
    carl: Actor  # a colleague
    lena: int  # berta's clients …
    jonas: int
    mia: int  # … one stays in the office
    carls_client: int
    offers: dict[str, int]  # reference → id


def _offer(reference: str, employer: int, *, active: bool = True, state: str = "HE") -> dict:  # type: ignore[type-arg]
    return {
        "source": "test",
        "reference": reference,
        "offer_type": "ausbildung",
        "title": f"Ausbildung {reference}",
        "kldb_code": "26112",
        "employer_id": employer,
        "employer_name": "Muster Werra Metallbau GmbH",
        "postcode": "37213" if state == "HE" else "37073",
        "place": "Witzenhausen" if state == "HE" else "Göttingen",
        "state": state,
        "active": active,
    }


def person(first: str, last: str, born: date, **changes: object) -> ClientInput:
    values: dict[str, object] = {
        "first_name": first,
        "last_name": last,
        "birth_date": born,
        "home_postcode": "34346",
        "school_qualification": "mittlere_reife",
        "wishes": (("26112", 1),),
        "languages": (("de", "C2"),),
        "phone": "05541 000000",
    }
    values.update(changes)
    return ClientInput(**values)  # type: ignore[arg-type]


def seed_office(db: Database, reference) -> Office:  # type: ignore[no-untyped-def]
    accounts = AccountService(db)
    admin = accounts.create_first_admin("admin", "Admin", PASSWORD)
    berta_id = accounts.create_user(
        admin, "berta", "Berta Beispiel", {BERATER}, PASSWORD, must_change=False
    )
    carl_id = accounts.create_user(
        admin, "carl", "Carl Kollege", {BERATER}, PASSWORD, must_change=False
    )
    berta = Actor(berta_id, "berta", "Berta Beispiel", frozenset({BERATER}))
    carl = Actor(carl_id, "carl", "Carl Kollege", frozenset({BERATER}))
    with db.session() as session, session.begin():
        employer = session.execute(
            insert(Employer).values(name="Muster Werra Metallbau GmbH", postcode="37213")
        ).inserted_primary_key[0]
        offers = {}
        for reference_number, active, state in (
            ("A-1", True, "HE"),
            ("A-2", True, "NI"),
            ("A-3", True, "HE"),
            ("OLD-1", False, "HE"),  # proposed to Lena: goes along although inactive
            ("OLD-2", False, "HE"),  # nobody's: stays in the office
        ):
            offers[reference_number] = session.execute(
                insert(Offer).values(
                    **_offer(reference_number, employer, active=active, state=state)
                )
            ).inserted_primary_key[0]
        session.add(RelatedOccupation(code_a="26112", code_b="81302", reason="Testpaar"))
        session.add(TravelTime(from_postcode="34346", to_postcode="37213", mode="pt", minutes=35))
    clients_of_berta = ClientService(db, berta)
    lena = clients_of_berta.create(person("Lena", "Musterfrau", date(2008, 5, 1)), reference)
    jonas = clients_of_berta.create(person("Jonas", "Beispiel", date(2007, 2, 3)), reference)
    mia = clients_of_berta.create(person("Mia", "Probe", date(2009, 9, 9)), reference)
    carls_client = ClientService(db, carl).create(
        person("Kai", "Fremd", date(2006, 1, 1)), reference
    )
    clients_of_berta.add_note(lena, "Erstgespräch im Büro")
    clients_of_berta.add_follow_up(lena, date(2027, 1, 15), "Bewerbung nachfragen")
    proposals = ProposalService(db, reference)
    proposals.propose(lena, offers["A-1"], SYSTEM, proposed_by=berta_id)
    proposals.propose(lena, offers["OLD-1"], SYSTEM, proposed_by=berta_id)
    proposals.hide_offer(lena, offers["A-2"], SYSTEM)
    with db.session() as session, session.begin():
        session.add(
            PrintedSheet(
                client_id=lena,
                printed_by=berta_id,
                offer_ids=f"{offers['A-1']},{offers['OLD-1']}",
            )
        )
    return Office(
        db,
        Actor(admin.user_id, "admin", "Admin", frozenset({ADMIN})),
        berta,
        carl,
        lena,
        jonas,
        mia,
        carls_client,
        offers,
    )


@contextmanager
def office_database(backend: str, tmp_path: Path, reference) -> Iterator[Office]:  # type: ignore[no-untyped-def]
    with database_location(backend, tmp_path, "office") as location:
        db = open_database(location)
        try:
            yield seed_office(db, reference)
        finally:
            db.dispose()
