"""Migrations: fresh databases, saved databases of every released schema, newer and foreign files."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

from srek_desk import paths
from srek_desk.db import models  # noqa: F401
from srek_desk.db.engine import SQLITE_PRAGMAS, is_network_path, make_engine
from srek_desk.db.migrate import current_revision, head_revision, migrate
from srek_desk.errors import DatabaseNewerError, NetworkDriveError, UserError
from srek_desk.services.core.database import open_database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SAVED_SCHEMAS = sorted(FIXTURES.glob("schema_*.sqlite3"))


def test_fresh_database_reaches_head_with_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path / "new.sqlite3")
    try:
        assert current_revision(db.engine) == head_revision()
        assert db.migration is not None and db.migration.backup is None
        with db.engine.connect() as connection:
            values = {
                name: str(connection.execute(text(f"PRAGMA {name}")).scalar()).lower()
                for name, _ in SQLITE_PRAGMAS
            }
        assert values["journal_mode"] == "wal"
        assert values["synchronous"] == "2"  # FULL
        assert values["foreign_keys"] == "1"
        assert values["secure_delete"] == "1"
        assert int(values["busy_timeout"]) >= 5000
        assert db.integrity_problems() == []
    finally:
        db.dispose()


def test_models_and_migrations_describe_the_same_schema(database) -> None:  # type: ignore[no-untyped-def]
    with database.engine.connect() as connection:
        from srek_desk.db.search import is_search_table

        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_name": lambda name, kind, _p: (
                    not (kind == "table" and is_search_table(name))
                ),
            },
        )
        assert compare_metadata(context, SQLModel.metadata) == []


def test_every_filter_column_has_an_index(database) -> None:  # type: ignore[no-untyped-def]
    with database.engine.connect() as connection:
        columns = {
            r[2]
            for idx in connection.execute(text("PRAGMA index_list(offer)")).all()
            for r in connection.execute(text(f"PRAGMA index_info('{idx[1]}')")).all()
        }
    for column in (
        "kldb_code",
        "state",
        "postcode",
        "offer_type",
        "active",
        "start_date",
        "source",
    ):
        assert column in columns, column


@pytest.mark.parametrize("saved", SAVED_SCHEMAS, ids=[p.stem for p in SAVED_SCHEMAS])
def test_saved_schema_migrates_to_head_keeping_data(saved: Path, tmp_path: Path) -> None:
    target = tmp_path / saved.name
    shutil.copy(saved, target)
    db = open_database(target)
    try:
        assert current_revision(db.engine) == head_revision()
        with db.engine.connect() as connection:
            name = connection.execute(
                text("SELECT last_name FROM client WHERE customer_number='FIX-0001'")
            ).scalar()
            proposals = connection.execute(text("SELECT count(*) FROM proposal")).scalar()
        assert name == "Musterfrau"
        assert proposals == 1
        assert db.integrity_problems() == []
    finally:
        db.dispose()


def test_saved_baseline_exists() -> None:
    assert any(p.name == "schema_0001_baseline.sqlite3" for p in SAVED_SCHEMAS)


def test_newer_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    shutil.copy(FIXTURES / "schema_0001_baseline.sqlite3", path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseNewerError, match="neueren Version"):
        open_database(path)
    assert path.read_bytes() == before


def test_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    connection.close()
    with pytest.raises(UserError, match="keine SREK-Desk-Datenbank"):
        open_database(path)


def test_upgrade_backs_up_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new migration on a database with data: a backup of the old state is written first."""
    scripts = tmp_path / "migrations"
    shutil.copytree(paths.migrations_dir(), scripts, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    (scripts / "versions" / "9000_test_extra.py").write_text(
        f"""
import sqlalchemy as sa
from alembic import op

revision = "9000_test_extra"
down_revision = {head!r}
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("client") as batch:
        batch.add_column(sa.Column("nickname", sa.String(40), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("client") as batch:
        batch.drop_column("nickname")
""",
        encoding="utf-8",
    )
    db_path = tmp_path / "office.sqlite3"
    shutil.copy(SAVED_SCHEMAS[-1], db_path)  # the newest released schema, i.e. head
    monkeypatch.setattr(paths, "migrations_dir", lambda: scripts)
    monkeypatch.setattr("srek_desk.db.migrate.SCHEMA_HEAD", "9000_test_extra")
    engine = make_engine(db_path)
    try:
        result = migrate(engine, backup_dir=tmp_path / "backups")
    finally:
        engine.dispose()
    assert result.before == head and result.after == "9000_test_extra"
    assert result.backup is not None and result.backup.exists()
    assert "Musterfrau" not in result.backup.name  # nothing personal in file names
    with sqlite3.connect(result.backup) as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head
        assert backup.execute("SELECT count(*) FROM client").fetchone()[0] == 1
    backup.close()
    with sqlite3.connect(db_path) as migrated:
        assert migrated.execute("SELECT nickname FROM client").fetchone()[0] == ""
        assert migrated.execute("SELECT last_name FROM client").fetchone()[0] == "Musterfrau"
    migrated.close()


def test_network_paths_are_recognised_and_refused() -> None:
    assert is_network_path(Path("//server/share/srek.sqlite3"))
    assert is_network_path(Path("\\\\server\\share\\srek.sqlite3"))
    with pytest.raises(NetworkDriveError, match="Netzlaufwerk"):
        make_engine("//server/share/srek.sqlite3")


def test_local_path_is_not_a_network_path(tmp_path: Path) -> None:
    assert not is_network_path(tmp_path / "x.sqlite3")


def test_schema_head_constant_matches_alembic_head() -> None:
    from srek_desk.db.migrate import SCHEMA_HEAD

    assert head_revision() == SCHEMA_HEAD, "update SCHEMA_HEAD in srek_desk/db/migrate.py"


def test_failing_migration_leaves_the_database_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DDL and data of a failing upgrade are rolled back together (one transaction on SQLite)."""
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
    op.execute("UPDATE client SET last_name = 'kaputt'")
    raise RuntimeError("migration bug")


def downgrade():
    pass
""",
        encoding="utf-8",
    )
    db_path = tmp_path / "office.sqlite3"
    shutil.copy(SAVED_SCHEMAS[-1], db_path)
    monkeypatch.setattr(paths, "migrations_dir", lambda: scripts)
    monkeypatch.setattr("srek_desk.db.migrate.SCHEMA_HEAD", "9001_broken")
    engine = make_engine(db_path)
    try:
        with pytest.raises(RuntimeError, match="migration bug"):
            migrate(engine, backup_dir=tmp_path / "backups")
    finally:
        engine.dispose()
    with sqlite3.connect(db_path) as connection:
        tables = {
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        assert "half_done" not in tables
        assert connection.execute("SELECT last_name FROM client").fetchone()[0] == "Musterfrau"
        assert (
            connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            != "9001_broken"
        )
        assert (
            connection.execute("PRAGMA foreign_keys").fetchone()[0] == 0
        )  # a fresh connection: default
    connection.close()
