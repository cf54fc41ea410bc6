"""PostgreSQL as the second engine: migrations, search, audit log, ids, time zones, connecting.

The shared database and service tests run on both engines through the `db_engine` parameter
(tests/conftest.py); this module holds what only makes sense on PostgreSQL, and PostgreSQL
versions of the SQLite tests that read the database file itself.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, delete, inspect, select, text, update
from sqlmodel import SQLModel

from srek_desk import paths
from srek_desk.db import models  # noqa: F401
from srek_desk.db.engine import ServerOptions, database_url, make_engine, safe_url
from srek_desk.db.migrate import alembic_config, current_revision, head_revision, migrate
from srek_desk.db.models import AuditEvent, Client, Offer
from srek_desk.db.search import is_search_table, tsquery_text
from srek_desk.errors import DatabaseNewerError, UserError
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core.audit import AuditService
from srek_desk.services.core.database import open_database
from srek_desk.services.core.listing import ListingService
from srek_desk.services.imports.service import ImportOptions, ImportService
from tests.db.privacy_fixtures import person

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _schema_differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection,
        opts={
            "compare_type": True,
            "include_name": lambda name, kind, _p: not (kind == "table" and is_search_table(name)),
        },
    )
    return list(compare_metadata(context, SQLModel.metadata))


def _checksum(connection: Connection) -> str:
    """Every row of every table, in key order: equal checksums, equal databases."""
    digest = hashlib.sha256()
    for table in sorted(inspect(connection).get_table_names()):
        for row in connection.execute(text(f'SELECT * FROM "{table}" ORDER BY 1')):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


# -- connecting (no server needed) -------------------------------------------------------------


def test_server_urls_always_use_psycopg_3() -> None:
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    with pytest.raises(UserError, match="nicht unterstützt"):
        make_engine("mysql+pymysql://u:p@h/db")


def test_tls_and_session_options_become_libpq_parameters(tmp_path: Path) -> None:
    options = ServerOptions(
        sslmode="verify-full",
        sslrootcert=str(tmp_path / "ca.pem"),
        sslcert="~/client.crt",
        sslkey="",
        connect_timeout=7,
        password_file=str(tmp_path / "pgpass"),
    )
    args = options.connect_args()
    assert args["sslmode"] == "verify-full"
    assert args["sslrootcert"] == str(tmp_path / "ca.pem")
    assert args["sslcert"] == str(Path("~/client.crt").expanduser())
    assert "sslkey" not in args
    assert args["connect_timeout"] == 7
    assert args["passfile"] == str(tmp_path / "pgpass")
    assert args["application_name"] == "srek-desk"
    assert "TimeZone=UTC" in args["options"]
    with pytest.raises(UserError, match="sslmode"):
        ServerOptions(sslmode="sometimes").connect_args()


def test_settings_reach_the_server_options() -> None:
    from srek_desk.config import Config

    config = Config.defaults().with_values(
        database__sslmode="require", database__admin_url="postgresql://admin@h/srek"
    )
    options = ServerOptions.from_config(config)
    assert options.sslmode == "require" and options.admin_url.startswith("postgresql://admin")
    assert options.connect_timeout == 10


def test_passwords_never_reach_the_log(caplog: pytest.LogCaptureFixture) -> None:
    url = "postgresql://srek_app:Geheim-4711@db.example.invalid/srek"
    assert safe_url(url) == "postgresql://srek_app:***@db.example.invalid/srek"
    caplog.set_level(logging.DEBUG)
    engine = make_engine(url, server=ServerOptions(connect_timeout=1))
    engine.dispose()
    assert "Geheim-4711" not in caplog.text and "***" in caplog.text
    assert "Geheim-4711" not in repr(engine)


# -- migrations ---------------------------------------------------------------------------------


def test_all_migrations_down_and_up_again_on_an_empty_database(empty_postgres_url: str) -> None:
    engine = make_engine(empty_postgres_url)
    try:
        result = migrate(engine)
        assert (result.before, result.after, result.backup) == (None, head_revision(), None)
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        migrate(engine)
        with engine.connect() as connection:
            assert _schema_differences(connection) == []
            functions = connection.execute(
                text("SELECT count(*) FROM pg_proc WHERE proname LIKE 'offer_fts%'")
            ).scalar()
        assert functions == 3
    finally:
        engine.dispose()


def test_failing_migration_leaves_the_server_database_unchanged(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripts = tmp_path / "migrations"
    shutil.copytree(paths.migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9001_broken.py").write_text(
        f"""
import sqlalchemy as sa
from alembic import op

revision = "9001_broken"
down_revision = {head_revision()!r}
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("UPDATE related_occupation SET reason = 'kaputt'")
    raise RuntimeError("migration bug")


def downgrade():
    pass
""",
        encoding="utf-8",
    )
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as connection:
            before = _checksum(connection)
        monkeypatch.setattr(paths, "migrations_dir", lambda: scripts)
        monkeypatch.setattr("srek_desk.db.migrate.SCHEMA_HEAD", "9001_broken")
        with pytest.raises(RuntimeError, match="migration bug"):
            migrate(engine)
        assert not inspect(engine).has_table("half_done")
        with engine.connect() as connection:
            assert _checksum(connection) == before
    finally:
        engine.dispose()


def test_newer_and_foreign_server_databases_are_refused(
    postgres_url: str, empty_postgres_url: str
) -> None:
    engine = make_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    engine.dispose()
    with pytest.raises(DatabaseNewerError, match="neueren Version"):
        open_database(postgres_url)
    other = make_engine(empty_postgres_url)
    with other.begin() as connection:
        connection.execute(text("CREATE TABLE recipes (id integer PRIMARY KEY, name text)"))
    other.dispose()
    with pytest.raises(UserError, match="keine SREK-Desk-Datenbank"):
        open_database(empty_postgres_url)


def test_two_desks_starting_at_once_migrate_once(empty_postgres_url: str) -> None:
    """The advisory lock: the second desk waits, then finds the schema current."""
    results: list[object] = []
    errors: list[BaseException] = []

    def start() -> None:
        engine = make_engine(empty_postgres_url)
        try:
            results.append(migrate(engine))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    assert sorted(r.changed for r in results) == [False, True]  # type: ignore[attr-defined]
    engine = make_engine(empty_postgres_url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_every_filter_column_has_an_index(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    try:
        indexed = {
            column
            for index in inspect(engine).get_indexes("offer")
            for column in index["column_names"]
        }
        unique = {
            column
            for constraint in inspect(engine).get_unique_constraints("offer")
            for column in constraint["column_names"]
        }
    finally:
        engine.dispose()
    for column in ("kldb_code", "state", "postcode", "offer_type", "active", "start_date"):
        assert column in indexed, column
    assert "source" in unique


# -- search -------------------------------------------------------------------------------------


def test_tsquery_text_keeps_only_letters_and_digits() -> None:
    assert tsquery_text("Kfz-Mechatroniker Gött") == "Kfz:* & Mechatroniker:* & Gött:*"
    assert tsquery_text("a'b & c|!d") == "a:* & b:* & c:* & d:*"
    assert tsquery_text("- % :*") is None


def test_offer_search_index_follows_writes_and_is_used(postgres_url: str) -> None:
    database = open_database(postgres_url)
    try:
        with database.session() as session, session.begin():
            session.add_all(
                Offer(
                    source="test",
                    reference=f"T-{n:04d}",
                    title="Zauberwürfelmacher (m/w/d)" if n == 7 else f"Bürokraft {n}",
                    employer_name="Muster GmbH",
                    place="Göttingen" if n % 2 else "Hann. Münden",
                    postcode="37073" if n % 2 else "34346",
                    kldb_code="26212" if n == 7 else None,
                )
                for n in range(1, 41)
            )
        offers = ListingService(database, "offers")
        assert offers.count("zauberwurfel") == 1  # prefix, case- and accent-insensitive
        assert offers.count("ZAUBERWÜRFELMACHER 262") == 1
        assert offers.count("gött") == 20 == offers.count("GOTT")
        assert offers.count("munden bürokraft") == 20
        assert offers.count("T 0007") == offers.count("t-0007") == 1
        assert offers.count("- %") == 0
        with database.engine.begin() as connection:
            connection.execute(
                update(Offer).where(Offer.reference == "T-0007").values(title="Seifensieder")
            )
        assert offers.count("zauberwurfel") == 0 and offers.count("seifen") == 1
        with database.engine.begin() as connection:
            connection.execute(delete(Offer).where(Offer.reference == "T-0007"))
            remaining = connection.execute(text("SELECT count(*) FROM offer_fts")).scalar()
        assert offers.count("seifen") == 0 and remaining == 39
        from srek_desk.db.repositories import OFFERS, search_condition

        query = select(Offer.id).where(search_condition(OFFERS, "gött", "postgresql"))  # type: ignore[arg-type]
        compiled = str(query.compile(database.engine, compile_kwargs={"literal_binds": True}))
        with database.engine.connect() as connection:
            # On 40 rows the planner may walk a primary key and filter instead; with plain scans
            # off, only the GIN index (bitmap scans) is left if the condition can use it at all.
            connection.execute(text("SET enable_seqscan = off"))
            connection.execute(text("SET enable_indexscan = off"))
            plan = "\n".join(connection.execute(text("EXPLAIN " + compiled)).scalars())
        assert "offer_fts_document_index" in plan
    finally:
        database.dispose()


# -- audit log, ids, time -----------------------------------------------------------------------


@pytest.mark.postgresql_only  # the SQLite version is in test_privacy.py
def test_audit_log_is_append_only_and_tampering_shows(database, reference) -> None:  # type: ignore[no-untyped-def]
    clients = ClientService(database)
    client_id = clients.create(person("Lena", "Musterfrau", "K-1"), reference)
    clients.add_note(client_id, "Erstgespräch")
    with database.session() as session, pytest.raises(Exception, match="append-only"):
        session.execute(text("UPDATE audit_event SET fields = 'x'"))
    with database.session() as session, pytest.raises(Exception, match="append-only"):
        session.execute(text("DELETE FROM audit_event"))
    with database.session() as session, pytest.raises(Exception, match="append-only"):
        session.execute(text("UPDATE audit_retention SET purge_before = now() + interval '1 day'"))
        session.execute(update(AuditEvent).values(detail="x"))  # the gate never opens updates
    assert AuditService(database).verify_chain() is None
    # An owner works around the application: drops the trigger and changes an entry.
    with database.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_event_append_only ON audit_event"))
        second = connection.execute(text("SELECT min(id) + 1 FROM audit_event")).scalar()
        connection.execute(
            text("UPDATE audit_event SET fields = 'nichts' WHERE id = :id"), {"id": second}
        )
    assert AuditService(database).verify_chain() == second


@pytest.mark.postgresql_only  # the SQLite version is in test_import_service.py
def test_bad_import_leaves_the_server_database_exactly_as_before(  # type: ignore[no-untyped-def]
    demo_database, reference, tmp_path: Path
) -> None:
    path = tmp_path / "doppelt.csv"
    path.write_text(
        "Referenznummer;Titel;Beruf;Arbeitgeber;PLZ;Eintrittsdatum\n"
        "B-1;T;T;A;37213;\nB-1;T;T;A;37213;\n",
        encoding="utf-8",
    )
    with demo_database.engine.connect() as connection:
        before = _checksum(connection)
    report = ImportService(demo_database, reference).import_file(
        path, ImportOptions(skip_bad_rows=False)
    )
    assert report.refused
    dry = ImportService(demo_database, reference).import_file(
        FIXTURES / "import" / "offers.csv", ImportOptions(dry_run=True)
    )
    assert dry.status == "dry-run"
    with demo_database.engine.connect() as connection:
        assert _checksum(connection) == before


def test_rows_with_explicit_ids_leave_the_sequences_ahead(demo_database, reference) -> None:  # type: ignore[no-untyped-def]
    """The demo generator writes ids itself; a later insert by the sequence must not collide."""
    client_id = ClientService(demo_database).create(person("Neu", "Person", "NEU-1"), reference)
    with demo_database.session() as session:
        highest = session.execute(select(Client.id).order_by(Client.id.desc()).limit(1)).scalar()  # type: ignore[union-attr]
    assert client_id == highest


def test_timestamps_come_back_as_the_same_utc_instant(database) -> None:  # type: ignore[no-untyped-def]
    moment = datetime(2026, 3, 29, 0, 59, 30, tzinfo=UTC)  # the night the clocks change
    with database.session() as session, session.begin():
        session.add(Client(first_name="Zeit", last_name="Probe", created_at=moment))
    with database.session() as session:
        stored = session.execute(select(Client.created_at)).scalar_one()
    as_utc = stored if stored.tzinfo is None else stored.astimezone(UTC).replace(tzinfo=None)
    assert as_utc == moment.replace(tzinfo=None)


@pytest.mark.postgresql_only
def test_server_errors_become_german_messages(database) -> None:  # type: ignore[no-untyped-def]
    """A statement the server refuses reaches people as a German message, not a crash dialog."""
    from sqlalchemy import text

    from srek_desk.errors import UserError

    with database.engine.connect() as connection:
        connection.execute(text("CREATE ROLE srek_errors_probe NOLOGIN"))
        connection.commit()
    try:
        with database.engine.connect() as connection, pytest.raises(Exception) as refused:
            connection.execute(text("SET ROLE srek_errors_probe"))
            connection.execute(text("SELECT * FROM client"))
        # the engine itself raises the German message: one translation for every statement
        assert isinstance(refused.value, UserError) and "Rechte" in refused.value.message
        with database.engine.connect() as connection, pytest.raises(Exception) as busy:
            connection.execute(text("LOCK TABLE client IN ACCESS EXCLUSIVE MODE NOWAIT"))
            with database.engine.connect() as other:
                other.execute(text("LOCK TABLE client IN ACCESS EXCLUSIVE MODE NOWAIT"))
        assert isinstance(busy.value, UserError)
    finally:
        with database.engine.connect() as connection:
            connection.execute(text("DROP ROLE IF EXISTS srek_errors_probe"))
            connection.commit()
