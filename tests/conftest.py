"""Shared fixtures: isolated user/machine folders, a migrated database, reference data."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# In CI the property tests run a fixed set of examples (a landing must not depend on luck);
# locally they explore new ones on every run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test reads or writes the real user or machine configuration, data or logs."""
    root = tmp_path_factory.mktemp("home")
    for name, sub in (
        ("SREK_DATA_DIR", "data"),
        ("SREK_CONFIG_DIR", "config"),
        ("SREK_LOG_DIR", "log"),
        ("SREK_MACHINE_CONFIG_DIR", "machine"),
    ):
        monkeypatch.setenv(name, str(root / sub))
    for name in ("SREK_DB", "SREK_OFFICE_NAME", "SREK_UI_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    return root


@pytest.fixture
def shared_data() -> Path:
    """../shared/data (tests only); skips where a fresh clone lacks it."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def reference():  # type: ignore[no-untyped-def]
    from srek_desk.reference.catalog import ReferenceData

    return ReferenceData()


@pytest.fixture
def database(tmp_path: Path, db_engine: str, request: pytest.FixtureRequest) -> Iterator:  # type: ignore[type-arg]
    """A migrated, empty database: SQLite in tmp_path, or the PostgreSQL work database reset."""
    from srek_desk.services.core.database import open_database

    if db_engine == "postgresql":
        url = request.getfixturevalue("postgres_url")
        db = open_database(url)
    else:
        db = open_database(tmp_path / "test.sqlite3")
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, reference) -> Path:  # type: ignore[no-untyped-def]
    """A database with a small demo set, built once per session; tests copy it."""
    from srek_desk.services.core.database import open_database
    from srek_desk.services.demo.generator import DemoGenerator

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path)
    DemoGenerator(db, reference).generate(offers=600, clients=120, seed=3)
    db.dispose()
    return path


@pytest.fixture
def demo_database(tmp_path: Path, db_engine: str, request: pytest.FixtureRequest) -> Iterator:  # type: ignore[type-arg]
    """A fresh copy of the demo database for one test."""
    import sqlite3

    from srek_desk.services.core.database import open_database

    if db_engine == "postgresql":
        server = request.getfixturevalue("postgres_server")
        reference = request.getfixturevalue("reference")

        def build(url: str) -> None:
            from srek_desk.services.demo.generator import DemoGenerator

            db = open_database(url)
            DemoGenerator(db, reference).generate(offers=600, clients=120, seed=3)
            db.dispose()

        db = open_database(server.fresh("demo", build))
        yield db
        db.dispose()
        return
    demo_template: Path = request.getfixturevalue("demo_template")
    target = tmp_path / "demo.sqlite3"
    with sqlite3.connect(demo_template) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    db = open_database(target)
    yield db
    db.dispose()


# -- database engines -------------------------------------------------------------------------
# Tests under tests/db that use `database` or `demo_database` run on SQLite and on PostgreSQL
# (parameter `db_engine`). PostgreSQL comes from SREK_TEST_POSTGRES_URL (a superuser: it creates
# databases and roles and resets tables with triggers off); templates are migrated once per
# session and every test starts from a template's rows (PostgresServer). Without the variable
# the PostgreSQL runs are skipped, except in CI (env CI), where they fail.

POSTGRES_URL_ENV = "SREK_TEST_POSTGRES_URL"
ENGINES = ("sqlite", "postgresql")
DB_TESTS = Path(__file__).resolve().parent / "db"

# Inherently SQLite: files, pragmas, WAL, the SQLite backup API, SQLCipher, the lock file, the
# raw-file erasure scan. Listed here (module, or module::test) so the test files stay as they are;
# a test may also say so itself with @pytest.mark.sqlite_only.
SQLITE_ONLY = {
    "test_backups.py",
    "test_db_errors.py",
    "test_encryption.py",
    "test_lock.py",
    "test_migrations.py::test_every_filter_column_has_an_index",  # PRAGMA index_list
    "test_offer_search.py::test_triggers_exist_at_head",  # the FTS5 triggers
    "test_offer_search.py::test_index_follows_inserts_updates_and_deletes",  # offer_fts itself
    "test_privacy.py::test_erasure_leaves_no_trace_in_the_database_file_or_its_wal",
    # The test itself reads the SQLite file (sqlite_master, sqlite3, SREK_DB=the file); the
    # same behaviour on PostgreSQL is checked in tests/db/test_postgres.py.
    "test_import_service.py::test_bad_files_leave_the_database_exactly_as_before",
    "test_import_service.py::test_dry_run_and_cancel_roll_back",
    "test_import_service.py::test_integrity_after_import",
    "test_matching_service.py::test_cli_match_json_contract",
    "test_sheet_service.py::test_cli_sheet",
    "test_privacy.py::test_audit_log_is_append_only_and_tampering_shows",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: runs on SQLite only (files, pragmas, WAL, SQLCipher, lock file)"
    )
    config.addinivalue_line(
        "markers", "postgresql_only: the database fixtures of this test are PostgreSQL only"
    )


def _sqlite_only(metafunc: pytest.Metafunc) -> bool:
    module = metafunc.definition.path.name
    name = metafunc.definition.originalname
    return (
        module in SQLITE_ONLY
        or f"{module}::{name}" in SQLITE_ONLY
        or metafunc.definition.get_closest_marker("sqlite_only") is not None
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_engine" not in metafunc.fixturenames:
        return
    if not metafunc.definition.path.is_relative_to(DB_TESTS) or _sqlite_only(metafunc):
        return
    only_server = metafunc.definition.get_closest_marker("postgresql_only") is not None
    metafunc.parametrize("db_engine", ENGINES[1:] if only_server else ENGINES, indirect=True)


NO_SERVER = f"PostgreSQL: {POSTGRES_URL_ENV} is not set"


def _need_server() -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the PostgreSQL tests: set {POSTGRES_URL_ENV}", pytrace=False)
    pytest.skip(NO_SERVER)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """All skips for want of a server under one line of the -ra summary, not one per test."""
    report = yield
    if (
        report.skipped
        and isinstance(report.longrepr, tuple)
        and report.longrepr[2].endswith(NO_SERVER)
    ):
        report.longrepr = (__file__, _need_server.__code__.co_firstlineno, NO_SERVER)
    return report


@pytest.fixture
def db_engine(request: pytest.FixtureRequest) -> str:
    """ "sqlite" or "postgresql": the engine the `database` fixtures are built on."""
    engine: str = getattr(request, "param", "sqlite")
    if engine == "postgresql" and not os.environ.get(POSTGRES_URL_ENV):
        _need_server()
    return engine


class PostgresServer:
    """Test databases on the server of SREK_TEST_POSTGRES_URL, all named after this session.

    CREATE DATABASE … TEMPLATE costs a few hundred milliseconds on a disk that really syncs, so
    the database tests share one work database instead: before each test it is emptied and
    refilled with the rows of a template (migrated, or with demo data) in one transaction
    (DELETE with triggers off, COPY, sequences reset), about 50 ms. Tests that need a database
    of their own (an empty one, a second role) get a real copy from `create`.
    """

    def __init__(self, url: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        from srek_desk.db.engine import database_url

        self.url = make_url(database_url(url))
        self.prefix = f"srek_t{os.getpid()}_{secrets.token_hex(3)}"
        self.admin = psycopg.connect(self._dsn(self.url.database), autocommit=True)
        self.templates: dict[str, str] = {}
        self.snapshots: dict[str, dict[str, bytes]] = {}
        self.created: list[str] = []
        self.counter = 0
        self.work: Any = None  # psycopg connection to the shared work database
        self.work_url = ""
        self._drop_leftovers()

    def _drop_leftovers(self) -> None:
        """Databases and roles of earlier sessions that were killed (their process is gone)."""
        from psycopg import sql

        def gone(name: str) -> bool:
            match = re.match(r"srek_t(\d+)_[0-9a-f]{6}_", name)
            if match is None:
                return False
            try:
                os.kill(int(match.group(1)), 0)
            except ProcessLookupError:
                return True
            except OSError:
                return False
            return False

        for (name,) in self.admin.execute("SELECT datname FROM pg_database").fetchall():
            if gone(name):
                self.admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
        for (name,) in self.admin.execute("SELECT rolname FROM pg_roles").fetchall():
            if gone(name):
                self.admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))

    def _dsn(self, database: str | None) -> str:
        return self.url.set(drivername="postgresql", database=database).render_as_string(
            hide_password=False
        )

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        """A new database (a copy of `template` if given); returns its URL."""
        from psycopg import sql

        self.counter += 1
        name = f"{self.prefix}_{self.counter}"
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            statement = sql.SQL("{} TEMPLATE {}").format(statement, sql.Identifier(template))
        self.admin.execute(statement)
        self.created.append(name)
        return self.url_of(name)

    def drop(self, url: str) -> None:
        from psycopg import sql
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        assert name is not None and name.startswith(self.prefix)
        self.admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if name in self.created:
            self.created.remove(name)

    def template(self, kind: str, build: Callable[[str], None]) -> str:
        """The session's template database of `kind`, built by `build(url)` on first use."""
        import psycopg

        if kind not in self.templates:
            url = self.create()
            build(url)
            name = url.rsplit("/", 1)[1]
            self.templates[kind] = name
            with psycopg.connect(self._dsn(name)) as connection:
                self.snapshots[kind] = _table_rows(connection)
        return self.templates[kind]

    def fresh(self, kind: str, build: Callable[[str], None]) -> str:
        """The work database holding exactly the rows of the `kind` template; its URL."""
        import psycopg

        template = self.template(kind, build)
        if self.work is None:
            self.work_url = self.create(template)
            self.work = psycopg.connect(self._dsn(self.work_url.rsplit("/", 1)[1]), autocommit=True)
        _reset(self.work, self.snapshots[kind])
        return self.work_url

    def close(self) -> None:
        if self.work is not None:
            self.work.close()
        for name in list(self.created):
            self.drop(self.url_of(name))
        self.admin.close()


def _tables(connection: Any) -> list[str]:
    return [
        row[0]
        for row in connection.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
    ]


def _table_rows(connection: Any) -> dict[str, bytes]:
    """COPY (binary) of every non-empty table."""
    from psycopg import sql

    rows: dict[str, bytes] = {}
    with connection.cursor() as cursor:
        for table in _tables(connection):
            statement = sql.SQL("COPY {} TO STDOUT (FORMAT BINARY)").format(sql.Identifier(table))
            with cursor.copy(statement) as copy:
                data = b"".join(bytes(chunk) for chunk in copy)
            if cursor.execute(
                sql.SQL("SELECT EXISTS (SELECT FROM {})").format(sql.Identifier(table))
            ).fetchone()[0]:  # type: ignore[index]
                rows[table] = data
    connection.rollback()
    return rows


def _reset(connection: Any, snapshot: dict[str, bytes]) -> None:
    """Empty every table, load the snapshot, restart the id sequences after the loaded ids."""
    from psycopg import sql

    connection.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    with connection.transaction(), connection.cursor() as cursor:
        # replica: no triggers, no foreign key checks (the append-only audit log included)
        cursor.execute("SET LOCAL session_replication_role = replica")
        for table in _tables(connection):
            cursor.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table)))
        for table, data in snapshot.items():
            statement = sql.SQL("COPY {} FROM STDIN (FORMAT BINARY)").format(sql.Identifier(table))
            with cursor.copy(statement) as copy:
                copy.write(data)
        sequences = cursor.execute(
            "SELECT s.seqrelid::regclass::text, t.relname, a.attname FROM pg_sequence s "
            "JOIN pg_depend d ON d.objid = s.seqrelid AND d.deptype IN ('a', 'i') "
            "JOIN pg_class t ON t.oid = d.refobjid "
            "JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
        ).fetchall()
        for sequence, table, column in sequences:
            cursor.execute(
                sql.SQL(
                    "SELECT setval({}, COALESCE((SELECT max({}) FROM {}), 0) + 1, false)"
                ).format(sql.Literal(sequence), sql.Identifier(column), sql.Identifier(table))
            )


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    url = os.environ.get(POSTGRES_URL_ENV)
    if not url:
        _need_server()
    server = PostgresServer(url)
    yield server
    server.close()


def _migrated(url: str) -> None:
    from srek_desk.services.core.database import open_database

    open_database(url).dispose()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """A migrated PostgreSQL database holding no data but what the migrations seed."""
    return postgres_server.fresh("migrated", _migrated)


@pytest.fixture
def empty_postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh PostgreSQL database without any table, for one test."""
    url = postgres_server.create()
    yield url
    postgres_server.drop(url)


@dataclass
class LeastPrivilegeSetup:
    """An empty server database, its admin URL and a role name for the application."""

    admin_url: str
    role: str
    password: str

    @property
    def app_url(self) -> str:
        from sqlalchemy.engine import make_url

        url = make_url(self.admin_url).set(username=self.role, password=self.password)
        return url.render_as_string(hide_password=False)


@pytest.fixture
def least_privilege(postgres_server: PostgresServer) -> Iterator[LeastPrivilegeSetup]:
    """Roles are global to the server: a unique one per test, dropped with its database."""
    from psycopg import sql

    url = postgres_server.create()
    setup = LeastPrivilegeSetup(
        url, f"{postgres_server.prefix}_app{postgres_server.counter}", secrets.token_urlsafe(12)
    )
    yield setup
    postgres_server.drop(url)
    postgres_server.admin.execute(
        sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(setup.role))
    )
