"""Least privilege on PostgreSQL: the desks' role reads and writes, only the admin changes the schema.

Every test gets an empty database and a role name of its own (fixture `least_privilege`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from alembic import command
from sqlalchemy import func, select, text, update

from srek_desk.db.engine import ServerOptions, make_engine
from srek_desk.db.migrate import alembic_config, current_revision, head_revision
from srek_desk.db.models import AuditEvent, Client
from srek_desk.db.server import setup_server
from srek_desk.errors import UserError
from srek_desk.services.clients.proposals import ProposalService
from srek_desk.services.clients.service import ClientService, ConflictError
from srek_desk.services.core.access import SYSTEM
from srek_desk.services.core.audit import AuditService
from srek_desk.services.core.database import open_database
from srek_desk.services.core.listing import ListingService
from srek_desk.services.demo.generator import DemoGenerator
from srek_desk.services.imports.service import ImportService
from srek_desk.services.matching.service import MatchService
from srek_desk.services.protection.accounts import AccountService
from srek_desk.services.protection.privacy import PrivacyService
from srek_desk.services.protection.retention import RetentionPolicy, RetentionService
from srek_desk.services.statistics.service import StatisticsService
from tests.conftest import FIXTURES
from tests.db.privacy_fixtures import PASSWORD, fast_hasher, person

pytestmark = pytest.mark.usefixtures("postgres_server")


def _raw(url: str) -> psycopg.Connection:
    from sqlalchemy.engine import make_url

    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(dsn, autocommit=True)


def test_setup_creates_the_role_with_table_rights_only(least_privilege) -> None:  # type: ignore[no-untyped-def]
    report = setup_server(least_privilege.admin_url, least_privilege.role, password="x-" * 8)
    assert report.created and report.password_set and report.migration.after == head_revision()
    assert report.privileges["client"] == ["DELETE", "INSERT", "SELECT", "UPDATE"]
    assert report.privileges["audit_event"] == ["DELETE", "INSERT", "SELECT"]
    assert report.privileges["audit_retention"] == ["SELECT", "UPDATE"]
    assert report.privileges["alembic_version"] == ["SELECT"]
    assert not any("TRUNCATE" in p or "TRIGGER" in p for p in report.privileges.values())
    again = setup_server(least_privilege.admin_url, least_privilege.role)  # idempotent
    assert not again.created and not again.migration.changed
    assert again.privileges == report.privileges
    with _raw(least_privilege.admin_url) as admin:
        attributes = admin.execute(
            "SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles "
            "WHERE rolname = %s",
            (least_privilege.role,),
        ).fetchone()
        verifier = admin.execute(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (least_privilege.role,)
        ).fetchone()
    assert attributes == (True, False, False, False)
    assert verifier is not None and verifier[0].startswith("SCRAM-SHA-256$")


def test_app_role_reads_and_writes_but_cannot_change_the_schema(least_privilege, reference) -> None:  # type: ignore[no-untyped-def]
    setup_server(least_privilege.admin_url, least_privilege.role, password=least_privilege.password)
    database = open_database(least_privilege.app_url)
    try:
        clients = ClientService(database)
        client_id = clients.create(person("Lena", "Musterfrau", "K-1"), reference)
        data, version = clients.input_of(client_id)
        clients.update(client_id, data, version, reference)
        assert clients.detail(client_id).client.version == 2  # type: ignore[union-attr]
    finally:
        database.dispose()
    forbidden = (
        "CREATE TABLE stolen (id integer)",
        "CREATE TEMPORARY TABLE scratch (id integer)",
        "DROP TABLE client",
        "ALTER TABLE client ADD COLUMN nickname text",
        "TRUNCATE client",
        "TRUNCATE audit_event",
        "UPDATE audit_event SET detail = 'x'",
        "DELETE FROM alembic_version",
        "INSERT INTO audit_retention (id) VALUES (2)",
        "DROP TRIGGER audit_event_append_only ON audit_event",
        "CREATE INDEX ix_stolen ON client (email)",
    )
    with _raw(least_privilege.app_url) as app:
        for statement in forbidden:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(statement)
        assert app.execute("SELECT count(*) FROM client").fetchone() == (1,)


def test_the_whole_desk_works_as_the_app_role(least_privilege, reference, tmp_path) -> None:  # type: ignore[no-untyped-def]
    setup_server(least_privilege.admin_url, least_privilege.role, password=least_privilege.password)
    database = open_database(least_privilege.app_url)
    try:
        accounts = AccountService(database, hasher=fast_hasher())
        admin = accounts.create_first_admin("chef", "Chefin", PASSWORD, ("berater",))
        assert accounts.authenticate("chef", PASSWORD).user_id == admin.user_id
        DemoGenerator(database, reference).generate(offers=120, clients=12, seed=5)
        report = ImportService(database, reference).import_file(FIXTURES / "import" / "offers.csv")
        assert not report.refused and report.new > 0
        clients = ClientService(database)
        client_id = clients.create(person("Lena", "Musterfrau", "K-1"), reference)
        data, version = clients.input_of(client_id)
        clients.update(client_id, data, version, reference)
        with pytest.raises(ConflictError):
            clients.update(client_id, data, version, reference)  # a colleague saved in between
        clients.add_note(client_id, "Erstgespräch")
        offers = ListingService(database, "offers")
        assert offers.count("gött") > 0
        profile, _result = MatchService(database, reference).rank_offers(client_id, SYSTEM, top=5)
        assert profile.id == client_id
        proposals = ProposalService(database, reference)
        offer_id = offers.page(limit=1)[0][0]
        proposals.propose(client_id, offer_id, SYSTEM, proposed_by=admin.user_id)
        proposals.hide_offer(client_id, offer_id + 1, SYSTEM)
        StatisticsService(database, reference).compute()
        privacy = PrivacyService(database, admin)
        privacy.write_access_export(client_id, tmp_path / "auskunft.json", None)
        privacy.set_restricted(client_id, True)
        privacy.erase(client_id)
        # retention: old audit entries go through the gate, as the app role
        retention = RetentionService(database, RetentionPolicy(audit_months=1))
        later = datetime.now(UTC) + timedelta(days=400)
        preview = retention.preview(later)
        assert preview.audit_entries > 0
        assert retention.apply(SYSTEM, preview).audit_entries == preview.audit_entries
        assert AuditService(database).verify_chain() is None
        with database.session() as session:
            assert session.execute(select(func.count(AuditEvent.id))).scalar_one() >= 1
    finally:
        database.dispose()


def test_schema_behind_is_refused_for_the_app_role_and_migrated_by_the_admin(
    least_privilege,
) -> None:  # type: ignore[no-untyped-def]
    setup_server(least_privilege.admin_url, least_privilege.role, password=least_privilege.password)
    admin = make_engine(least_privilege.admin_url)
    config = alembic_config()
    with admin.begin() as connection:  # as if this version had not been installed yet
        config.attributes["connection"] = connection
        command.downgrade(config, "-1")
    behind = current_revision(admin)
    admin.dispose()
    with pytest.raises(UserError, match="srek-desk migrate") as refused:
        open_database(least_privilege.app_url)
    assert "IT" in refused.value.message and least_privilege.password not in refused.value.message
    options = ServerOptions(admin_url=least_privilege.admin_url)
    database = open_database(least_privilege.app_url, server=options)
    try:
        assert database.migration is not None
        assert (database.migration.before, database.migration.after) == (behind, head_revision())
        with database.session() as session, session.begin():  # tables the migration added
            for table in ("offline_checkout", "offline_client", "offline_row"):
                session.execute(text(f"SELECT count(*) FROM {table}"))
            session.execute(update(Client).values(shared=True))
    finally:
        database.dispose()
    again = open_database(least_privilege.app_url, server=options)  # current: no admin needed
    again.dispose()


def test_setup_refuses_unsuitable_roles(least_privilege, postgres_server) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="Rollenname"):
        setup_server(least_privilege.admin_url, "Robert'); DROP TABLE client;--")
    admin_role = postgres_server.url.username
    with pytest.raises(UserError, match="andere sein als die Admin-Rolle"):
        setup_server(least_privilege.admin_url, admin_role)
    with _raw(least_privilege.admin_url) as admin:
        admin.execute(f'CREATE ROLE "{least_privilege.role}" LOGIN SUPERUSER')
    with pytest.raises(UserError, match="Superuser"):
        setup_server(least_privilege.admin_url, least_privilege.role)
    with _raw(least_privilege.admin_url) as admin:
        admin.execute(f'ALTER ROLE "{least_privilege.role}" NOSUPERUSER')
        admin.execute(
            f'CREATE TABLE mine (id integer); ALTER TABLE mine OWNER TO "{least_privilege.role}"'
        )
    with pytest.raises(UserError, match="besitzt"):
        setup_server(least_privilege.admin_url, least_privilege.role)
