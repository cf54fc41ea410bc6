"""The PostgreSQL server enforces the roles: personal logins, group roles, row-level security.

Tried the way the attack was done: connect as each person's own role with psycopg (and `psql`)
and run the statements of issue 17. Every test gets an empty database set up by `server-setup`
and persons whose login roles are unique to it (roles are global to the server).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field

import psycopg
import pytest
from alembic import command
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlmodel import Session

from srek_desk.db.engine import ServerOptions, make_engine
from srek_desk.db.migrate import alembic_config
from srek_desk.db.models import AuditEvent, Client, CounsellingNote, utcnow
from srek_desk.db.server import migrate_server, setup_server, table_privileges
from srek_desk.db.server_rls import legacy_app_roles
from srek_desk.services.core.access import Actor, client_scope
from srek_desk.services.core.database import open_database
from srek_desk.services.protection.accounts import AccountService, LoginError
from tests.db.privacy_fixtures import PASSWORD, fast_hasher

pytestmark = pytest.mark.usefixtures("postgres_server")

DENIED = psycopg.errors.InsufficientPrivilege  # SQLSTATE 42501, also "violates row-level security"


@dataclass
class Office:
    admin_url: str
    prefix: str
    people: dict[str, Actor] = field(default_factory=dict)
    clients: dict[str, int] = field(default_factory=dict)

    def name(self, short: str) -> str:
        return f"{self.prefix}_{short}"

    def url(self, short: str, password: str = PASSWORD) -> str:
        url = make_url(self.admin_url).set(username=self.name(short), password=password)
        return url.render_as_string(hide_password=False)

    def connect(self, short: str, password: str = PASSWORD) -> psycopg.Connection:
        return psycopg.connect(_dsn(self.url(short, password)), autocommit=True)


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _drop_roles(server, prefix: str) -> None:  # type: ignore[no-untyped-def]
    from psycopg import sql

    rows = server.admin.execute(
        "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (prefix + "\\_%",)
    ).fetchall()
    for (name,) in rows:
        server.admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))


@pytest.fixture
def office(postgres_server) -> Iterator[Office]:  # type: ignore[no-untyped-def]
    """Set up as IT would: server-setup, then persons and their clients added as the admin."""
    admin_url = postgres_server.create()
    prefix = f"{postgres_server.prefix}_{postgres_server.counter}"
    office = Office(admin_url, prefix)
    try:
        setup_server(admin_url)
        database = open_database(admin_url)
        try:
            accounts = AccountService(database, hasher=fast_hasher())
            office.people["chef"] = accounts.create_first_admin(
                office.name("chef"), "Chefin", PASSWORD
            )
            for short, roles in (
                ("anna", {"berater"}),
                ("ben", {"berater"}),
                ("tina", {"teamleitung"}),
            ):
                user_id = accounts.create_user(
                    office.people["chef"],
                    office.name(short),
                    short.title(),
                    roles,
                    PASSWORD,
                    must_change=False,
                )
                office.people[short] = Actor(user_id, office.name(short), short, frozenset(roles))
            anna, ben = office.people["anna"].user_id, office.people["ben"].user_id
            with Session(database.engine) as session:
                rows = {
                    "anna": Client(first_name="Anna-Klientin", counsellor_id=anna),
                    "ben": Client(first_name="Ben-Klient", counsellor_id=ben),
                    "shared": Client(first_name="Team-Klientin", counsellor_id=ben, shared=True),
                    "free": Client(first_name="Noch-frei"),
                    "gone": Client(first_name="", anonymised_at=utcnow()),
                }
                session.add_all(rows.values())
                session.flush()
                for key, client in rows.items():
                    assert client.id is not None
                    office.clients[key] = client.id
                    session.add(CounsellingNote(client_id=client.id, text=f"Notiz {key}"))
                session.commit()
        finally:
            database.dispose()
        yield office
    finally:
        postgres_server.drop(admin_url)
        _drop_roles(postgres_server, prefix)


def test_setup_creates_group_roles_logins_and_row_security(office: Office) -> None:
    report = setup_server(office.admin_url)  # again: idempotent
    hanging = {
        "client_occupation",
        "client_language",
        "counselling_note",
        "follow_up",
        "proposal",
        "new_chance",
        "hidden_offer",
        "printed_sheet",
    }
    assert set(report.row_security) == {"client", "user_account"} | hanging
    assert report.audit_function
    berater = report.group_privileges["srek_berater"]
    assert berater["user_account"] == ["SELECT"]  # plus the login columns of the own row
    assert berater["audit_event"] == ["SELECT"]  # entries only through srek_audit_append
    assert berater["audit_retention"] == ["SELECT"]
    admin = report.group_privileges["srek_admin"]
    assert admin["user_account"] == ["INSERT", "SELECT", "UPDATE"]
    assert admin["audit_event"] == ["DELETE", "SELECT"]
    assert admin["audit_retention"] == ["SELECT", "UPDATE"]
    assert not any(
        "UPDATE" in p for g in report.group_privileges.values() for p in [g["audit_event"]]
    )
    with psycopg.connect(_dsn(office.admin_url), autocommit=True) as admin_connection:
        rows = admin_connection.execute(
            "SELECT u.rolname, u.rolcanlogin, u.rolsuper OR u.rolcreaterole OR u.rolbypassrls, "
            "array_agg(g.rolname ORDER BY g.rolname) FROM pg_roles u "
            "JOIN pg_auth_members m ON m.member = u.oid JOIN pg_roles g ON g.oid = m.roleid "
            "WHERE u.rolname LIKE %s GROUP BY 1, 2, 3 ORDER BY 1",
            (office.prefix + "\\_%",),
        ).fetchall()
        groups = admin_connection.execute(
            "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname LIKE 'srek\\_%' "
            "AND rolname IN ('srek_berater', 'srek_teamleitung', 'srek_admin') ORDER BY 1"
        ).fetchall()
    assert rows == [
        (office.name("anna"), True, False, ["srek_berater"]),
        (office.name("ben"), True, False, ["srek_berater"]),
        (office.name("chef"), True, False, ["srek_admin"]),
        (office.name("tina"), True, False, ["srek_teamleitung"]),
    ]
    assert groups == [("srek_admin", False), ("srek_berater", False), ("srek_teamleitung", False)]


def test_a_counsellor_sees_exactly_what_the_desk_shows(office: Office) -> None:
    admin = make_engine(office.admin_url)
    try:
        with Session(admin) as session:
            desk = {
                short: set(session.execute(select(Client.id).where(client_scope(actor))).scalars())
                for short, actor in office.people.items()
            }
    finally:
        admin.dispose()
    seen = {}
    for short in office.people:
        with office.connect(short) as connection:
            seen[short] = {r[0] for r in connection.execute("SELECT id FROM client")}
            notes = {r[0] for r in connection.execute("SELECT client_id FROM counselling_note")}
            assert notes == seen[short]  # the rows hanging on a client follow the client
    ids = office.clients
    assert seen["anna"] == desk["anna"] == {ids["anna"], ids["shared"], ids["free"]}
    assert seen["ben"] == desk["ben"] == {ids["ben"], ids["shared"], ids["free"]}
    assert seen["tina"] == set(ids.values())  # all (the desk hides the anonymised one itself)
    assert desk["tina"] == set(ids.values()) - {ids["gone"]}
    assert seen["chef"] == set(ids.values())  # retention and erasure work on every client


def test_the_attack_statements_fail_for_counsellors(office: Office) -> None:
    ben_client = office.clients["ben"]
    refused = (
        "INSERT INTO user_account (username, display_name, role, password_hash, active, "
        "failed_logins, created_at, must_change_password, phone, email) "
        "VALUES ('mallory', 'M', 'admin', 'x', true, 0, now(), false, '', '')",
        "UPDATE user_account SET role = 'admin' WHERE username = session_user",
        "UPDATE user_account SET active = true",
        "UPDATE audit_retention SET purge_before = now() + interval '1 day'",
        "DELETE FROM audit_event WHERE id > (SELECT max(id) - 3 FROM audit_event)",
        "UPDATE audit_event SET detail = 'x'",
        "TRUNCATE audit_event",
        "DELETE FROM erasure_register",
        "INSERT INTO audit_event (at, action, entity, user_name) VALUES (now(), 'x', 'y', 'z')",
    )
    for short in ("anna", "tina"):
        with office.connect(short) as connection:
            for statement in refused:
                with pytest.raises(DENIED):
                    connection.execute(statement)
            if short == "tina":
                continue
            with pytest.raises(DENIED):  # a note on another counsellor's client
                connection.execute(
                    "INSERT INTO counselling_note (client_id, created_at, text) "
                    f"VALUES ({ben_client}, now(), 'x')"
                )
            # another counsellor's rows: not there for anna, whatever she tries
            for statement in (
                f"SELECT * FROM client WHERE id = {ben_client}",
                f"SELECT * FROM counselling_note WHERE client_id = {ben_client}",
                f"UPDATE client SET first_name = 'X' WHERE id = {ben_client} RETURNING id",
                f"DELETE FROM counselling_note WHERE client_id = {ben_client} RETURNING id",
                "UPDATE user_account SET password_hash = 'x', failed_logins = 0 "
                f"WHERE username = '{office.name('ben')}' RETURNING id",
            ):
                assert connection.execute(statement).fetchall() == []
            # a client taken by nobody may be taken, but not handed to someone else unseen
            with pytest.raises(DENIED):
                connection.execute(
                    f"UPDATE client SET counsellor_id = {office.people['ben'].user_id} "
                    f"WHERE id = {office.clients['free']}"
                )
            own = connection.execute(
                "UPDATE user_account SET failed_logins = 0 WHERE username = session_user"
            )
            assert own.rowcount == 1  # the own sign-in columns stay writable
    with psycopg.connect(_dsn(office.admin_url)) as admin:
        assert admin.execute(
            "SELECT first_name FROM client WHERE id = %s", (ben_client,)
        ).fetchone() == ("Ben-Klient",)
        assert admin.execute("SELECT count(*) FROM user_account").fetchone() == (4,)


def test_the_admin_manages_accounts_and_retention_but_cannot_rewrite_the_log(
    office: Office,
) -> None:
    with office.connect("chef") as connection:
        with connection.transaction(force_rollback=True):
            connection.execute(
                "INSERT INTO user_account (username, display_name, role, password_hash, active, "
                "failed_logins, created_at, must_change_password, phone, email) "
                "VALUES ('neu', 'Neu', 'berater', 'x', true, 0, now(), false, '', '')"
            )
            connection.execute(
                "UPDATE user_account SET role = 'berater,teamleitung' WHERE username = 'neu'"
            )
        newest = connection.execute("SELECT max(id) FROM audit_event").fetchone()[0]  # type: ignore[index]
        with pytest.raises(DENIED):
            connection.execute("UPDATE audit_event SET detail = 'x'")
        with pytest.raises(DENIED):
            connection.execute("TRUNCATE audit_event")
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            connection.execute(f"DELETE FROM audit_event WHERE id > {newest} - 3")
        # retention: the gate opened for what is older, in one transaction
        with connection.transaction():
            cut = connection.execute("SELECT min(at) + interval '1 second' FROM audit_event")
            connection.execute("UPDATE audit_retention SET purge_before = %s", cut.fetchone())
            purged = connection.execute(
                "DELETE FROM audit_event WHERE at < (SELECT purge_before FROM audit_retention)"
            )
            assert purged.rowcount >= 1
            connection.execute("UPDATE audit_retention SET purge_before = NULL")
        with pytest.raises(DENIED):
            connection.execute("DELETE FROM user_account")  # accounts are never deleted
        with pytest.raises(DENIED):
            connection.execute("DELETE FROM erasure_register")  # a restore re-applies it
        with pytest.raises(DENIED):
            connection.execute("CREATE TABLE stolen (id integer)")


@pytest.mark.skipif(shutil.which("psql") is None, reason="psql is not installed")
def test_the_attack_with_psql(office: Office) -> None:
    def psql(short: str, statement: str) -> subprocess.CompletedProcess[str]:
        url = make_url(office.url(short))
        environment = dict(os.environ, PGPASSWORD=PASSWORD, LC_ALL="C")
        return subprocess.run(
            [
                "psql",
                "-X",
                "-A",
                "-t",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                str(url.host),
                "-p",
                str(url.port or 5432),
                "-U",
                str(url.username),
                "-d",
                str(url.database),
                "-c",
                statement,
            ],
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
        )

    for statement in (
        "UPDATE audit_retention SET purge_before = now() + interval '1 day'",
        "DELETE FROM audit_event WHERE id > (SELECT max(id) - 3 FROM audit_event)",
        "INSERT INTO user_account (username, role) VALUES ('mallory', 'admin')",
    ):
        done = psql("anna", statement)
        assert done.returncode != 0 and "ERROR" in done.stderr, (statement, done.stderr)
    seen = psql("anna", f"SELECT count(*) FROM client WHERE id = {office.clients['ben']}")
    assert (seen.returncode, seen.stdout.strip()) == (0, "0")
    as_admin = psql("chef", "UPDATE audit_retention SET purge_before = NULL")
    assert as_admin.returncode == 0, as_admin.stderr


def test_the_desk_signs_in_with_the_persons_own_login(office: Office) -> None:
    database = open_database(office.url("anna"))
    try:
        accounts = AccountService(database, hasher=fast_hasher())
        actor = accounts.authenticate(office.name("anna"), PASSWORD)
        assert actor.user_id == office.people["anna"].user_id
        with pytest.raises(LoginError):  # another person cannot sign in over anna's login
            accounts.authenticate(office.name("ben"), PASSWORD)
        with database.session() as session:
            last = (
                session.execute(select(AuditEvent).order_by(AuditEvent.id.desc())).scalars().first()
            )  # type: ignore[union-attr]
            assert last is not None and last.user_name == office.name("anna")
        accounts.change_own_password(actor, PASSWORD, "Neues-Passwort-2027")
    finally:
        database.dispose()
    with office.connect("anna", "Neues-Passwort-2027") as connection:  # the login followed
        assert connection.execute("SELECT session_user").fetchone() == (office.name("anna"),)
    with pytest.raises(psycopg.OperationalError):
        office.connect("anna", PASSWORD)
    with psycopg.connect(_dsn(office.admin_url)) as admin:
        ben = admin.execute(
            "SELECT failed_logins FROM user_account WHERE username = %s", (office.name("ben"),)
        ).fetchone()
    assert ben == (0,)


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    environment.pop("SREK_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "srek_desk", *args],
        capture_output=True,
        text=True,
        env=environment,
        input=stdin,
        timeout=120,
    )


def test_users_add_and_deactivate_on_the_server(office: Office) -> None:
    name = office.name("neu")
    added = _cli(
        "--db",
        office.admin_url,
        "users",
        "add",
        name,
        "--roles",
        "berater,teamleitung",
        "--password-stdin",
        "--json",
        stdin=PASSWORD + "\n",
    )
    assert added.returncode == 0, added.stderr
    login = json.loads(added.stdout)["server_login"]
    assert login == {
        "role": name,
        "can_login": True,
        "groups": ["srek_berater", "srek_teamleitung"],
    }
    with office.connect("neu") as connection:
        assert len(connection.execute("SELECT id FROM client").fetchall()) == len(office.clients)
    gone = _cli("--db", office.admin_url, "users", "deactivate", name)
    assert gone.returncode == 0, gone.stderr
    assert "gesperrt (NOLOGIN)" in gone.stdout
    with pytest.raises(psycopg.OperationalError):
        office.connect("neu")
    # a person's own admin login has no CREATEROLE: refused in German, nothing half-done
    refused = _cli(
        "--db",
        office.url("chef"),
        "users",
        "add",
        office.name("zwei"),
        "--roles",
        "berater",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert refused.returncode == 1 and "ADMIN_URL" in refused.stderr, refused.stderr
    with psycopg.connect(_dsn(office.admin_url)) as admin:
        assert admin.execute(
            "SELECT count(*) FROM user_account WHERE username = %s", (office.name("zwei"),)
        ).fetchone() == (0,)


def test_the_single_app_role_keeps_working_beside_the_groups(office: Office) -> None:
    app_role = office.name("app")
    setup_server(office.admin_url, app_role, password=PASSWORD)
    setup_server(office.admin_url)  # a later run without --app-role keeps its policy
    engine = make_engine(office.admin_url)
    try:
        with engine.connect() as connection:
            assert legacy_app_roles(connection) == [app_role]
    finally:
        engine.dispose()
    with office.connect("app") as connection:
        assert len(connection.execute("SELECT id FROM client").fetchall()) == len(office.clients)
    with office.connect("anna") as connection:
        assert len(connection.execute("SELECT id FROM client").fetchall()) == 3


def test_a_migration_keeps_personal_logins_in_their_groups(office: Office) -> None:
    admin = make_engine(office.admin_url)
    config = alembic_config()
    with admin.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")
    admin.dispose()
    # what a desk signed in as anna does when the schema is behind (migrate_as_admin)
    result = migrate_server(office.admin_url, ServerOptions(), office.name("anna"))
    assert result.changed
    engine = make_engine(office.admin_url)
    try:
        with engine.connect() as connection:
            assert table_privileges(connection, office.name("anna")) == {}  # no app-role grants
            assert legacy_app_roles(connection) == []
    finally:
        engine.dispose()
    with office.connect("anna") as connection:
        assert len(connection.execute("SELECT id FROM client").fetchall()) == 3
        with pytest.raises(DENIED):
            connection.execute("UPDATE audit_retention SET purge_before = now()")


def test_a_counsellor_works_at_the_desk_with_her_own_login(office: Office, reference) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.services.clients.service import ClientService
    from tests.db.privacy_fixtures import person

    database = open_database(office.url("anna"))
    try:
        clients = ClientService(database, office.people["anna"])
        client_id = clients.create(person("Lena", "Musterfrau", "K-77"), reference)
        data, version = clients.input_of(client_id)
        clients.update(client_id, data, version, reference)
        clients.add_note(client_id, "Erstgespräch", office.people["anna"].user_id)
        assert clients.detail(client_id) is not None
        assert clients.detail(office.clients["ben"]) is None
        # even the command line's all-roles actor sees only anna's rows over her login
        everything = ClientService(database)
        assert everything.detail(office.clients["ben"]) is None
        assert everything.detail(office.clients["shared"]) is not None
    finally:
        database.dispose()
    with psycopg.connect(_dsn(office.admin_url)) as admin:
        row = admin.execute(
            "SELECT c.counsellor_id, count(n.id) FROM client c JOIN counselling_note n "
            "ON n.client_id = c.id WHERE c.id = %s GROUP BY 1",
            (client_id,),
        ).fetchone()
        author = admin.execute(
            "SELECT user_name FROM audit_event WHERE action = 'create' AND entity = 'client' "
            "ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert row == (office.people["anna"].user_id, 1)
    assert author == (office.name("anna"),)  # the server names who wrote it
