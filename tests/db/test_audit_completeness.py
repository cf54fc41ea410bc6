"""The audit chain proves completeness (issue 17): every column hashed, the head witnessed,
writers serialised on both engines, the PostgreSQL append function agreeing with the program."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from multiprocessing import get_context
from pathlib import Path

import pytest
from sqlalchemy import text

from srek_desk.db.audit_chain import HEAD_SUFFIX, chain_hash, read_witness
from srek_desk.db.engine import make_engine
from srek_desk.db.models import AuditEvent, UserAccount
from srek_desk.services.core import audit
from srek_desk.services.core.access import SYSTEM, Actor
from srek_desk.services.core.audit import AuditService, record
from srek_desk.services.core.database import Database, open_database
from srek_desk.services.protection.retention import RetentionPolicy, RetentionService

ADMIN = Actor(None, "cli:it", "IT", SYSTEM.roles)


def _account(database: Database, name: str) -> Actor:
    with database.session() as session, session.begin():
        account = UserAccount(username=name, display_name=name.title())
        session.add(account)
        session.flush()
        return Actor(account.id, name, name.title(), frozenset({"berater"}))


def _append(database: Database, actor: Actor, count: int, action: str = "update") -> None:
    with database.session() as session, session.begin():
        for number in range(count):
            record(session, actor, action, "client", subject=f"P{number:04d}", fields="phone")


def _ids(database: Database) -> list[int]:
    with database.session() as session:
        return list(session.execute(text("SELECT id FROM audit_event ORDER BY id")).scalars())


def _tamper(database: Database, *statements: str) -> None:
    """Change the log around the program (triggers off), as someone holding the database."""
    if database.engine.dialect.name == "postgresql":
        with database.engine.begin() as connection:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            for statement in statements:
                connection.execute(text(statement))
        return
    import sqlite3

    connection = sqlite3.connect(str(database.sqlite_file))
    with connection:
        connection.execute("DROP TRIGGER IF EXISTS audit_event_no_update")
        connection.execute("DROP TRIGGER IF EXISTS audit_event_no_delete")
        for statement in statements:
            connection.execute(statement)
    connection.close()


def _delete_newest_through_the_gate(database: Database, how_many: int) -> None:
    """The attack of issue 17: open the retention gate, delete the newest entries."""
    future = "now() + interval '1 day'" if database.engine.dialect.name == "postgresql" else None
    with database.session() as session, session.begin():
        gate = future or "'2999-01-01 00:00:00'"
        session.execute(text(f"UPDATE audit_retention SET purge_before = {gate} WHERE id = 1"))
        newest = session.execute(text("SELECT max(id) FROM audit_event")).scalar_one()
        session.execute(text("DELETE FROM audit_event WHERE id > :cut"), {"cut": newest - how_many})
        session.execute(text("UPDATE audit_retention SET purge_before = NULL WHERE id = 1"))


# -- every field hashed -----------------------------------------------------------------------


def test_user_id_and_id_are_part_of_the_hash(database) -> None:  # type: ignore[no-untyped-def]
    ann = _account(database, "ann")
    _append(database, ann, 4)
    ids = _ids(database)
    assert AuditService(database).verify_chain() is None
    _tamper(database, f"UPDATE audit_event SET user_id = NULL WHERE id = {ids[1]}")
    assert AuditService(database).verify_chain() == ids[1]


def test_renumbering_the_newest_entry_is_detected(database) -> None:  # type: ignore[no-untyped-def]
    _append(database, ADMIN, 3)
    newest = _ids(database)[-1]
    _tamper(database, f"UPDATE audit_event SET id = {newest + 50} WHERE id = {newest}")
    assert AuditService(database).verify_chain() == newest + 50


def test_version_one_entries_still_verify_and_version_two_follows(database) -> None:  # type: ignore[no-untyped-def]
    ann = _account(database, "ann")
    with database.session() as session, session.begin():  # a log written before issue 17
        previous = ""
        for number in range(3):
            at = datetime(2026, 1, 5, 9, number, tzinfo=UTC)
            previous = chain_hash(
                previous,
                at=at,
                user_name="ann",
                action="update",
                entity="client",
                entity_id=None,
                subject=f"P{number}",
                fields="phone",
                detail="",
            )
            session.add(
                AuditEvent(
                    at=at,
                    user_id=ann.user_id,
                    user_name="ann",
                    action="update",
                    entity="client",
                    subject=f"P{number}",
                    fields="phone",
                    chain_hash=previous,
                )
            )
    _append(database, ann, 2)
    ids = _ids(database)
    state = AuditService(database).chain_state()
    assert state.first_broken is None and state.v2_from == ids[-2] and state.count == 5
    # after the start of version 2 an entry hashed the old way (user_id left out) is refused
    with database.session() as session:
        row = session.execute(
            text("SELECT at, chain_hash FROM audit_event WHERE id = :id"), {"id": ids[-2]}
        ).one()
    downgraded = chain_hash(
        row.chain_hash,
        at=datetime(2026, 1, 5, 9, 59, tzinfo=UTC),
        user_name="ann",
        action="update",
        entity="client",
        entity_id=None,
        subject="P0001",
        fields="phone",
        detail="",
    )
    _tamper(
        database,
        f"UPDATE audit_event SET user_id = NULL, at = '2026-01-05 09:59:00+00:00', "
        f"chain_hash = '{downgraded}' WHERE id = {ids[-1]}",
    )
    assert AuditService(database).verify_chain() == ids[-1]


# -- the witness: the newest entries ------------------------------------------------------------


def test_deleting_the_newest_entries_is_detected_by_the_witness(database) -> None:  # type: ignore[no-untyped-def]
    service = AuditService(database)
    _append(database, ADMIN, 8)
    state, witness = service.witness(ADMIN)
    assert state.intact and witness.count == 8 and witness.head_id == state.head_id
    assert service.check_witnesses([("zeugnis.json", witness)])[1] == []
    _delete_newest_through_the_gate(database, 3)
    assert service.verify_chain() is None  # the chain alone cannot tell
    problems = service.check_witnesses([("zeugnis.json", witness)])[1]
    assert len(problems) == 1 and "neuesten Protokolleinträge fehlen" in problems[0]
    assert "zeugnis.json" in problems[0]
    # new entries after the deletion (SQLite reuses the ids) do not hide it
    _append(database, ADMIN, 5)
    assert service.verify_chain() is None
    assert service.check_witnesses([("zeugnis.json", witness)])[1] != []


def test_removing_the_oldest_entries_outside_retention_is_detected(database) -> None:  # type: ignore[no-untyped-def]
    _append(database, ADMIN, 5)
    ids = _ids(database)
    _tamper(database, f"DELETE FROM audit_event WHERE id <= {ids[1]}")
    assert AuditService(database).verify_chain() == ids[2]


def test_retention_after_a_witness_is_no_tampering(database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now(UTC).replace(microsecond=0)
    monkeypatch.setattr(audit, "utcnow", lambda: now - timedelta(days=400))
    _append(database, ADMIN, 4)
    monkeypatch.setattr(audit, "utcnow", lambda: now - timedelta(days=1))
    _append(database, ADMIN, 3)
    service = AuditService(database)
    _state, witness = service.witness(ADMIN)
    monkeypatch.undo()
    retention = RetentionService(database, RetentionPolicy(audit_months=6))
    outcome = retention.apply(SYSTEM, retention.preview())
    assert outcome.audit_entries == 4
    state, problems = service.check_witnesses([("zeugnis.json", witness)])
    assert state.intact and problems == []
    # a witness whose head retention removed cannot be checked, and says why (not "tampered")
    old = type(witness)(state.ids[0] - 1, "0" * 64, 1)
    (reason,) = service.check_witnesses([("alt.json", old)])[1]
    assert "Löschfrist" in reason and "kein Hinweis auf eine Veränderung" in reason


def test_retention_purges_only_a_prefix_of_the_chain(database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now(UTC).replace(microsecond=0)
    for age in (400, 1, 400, 1):  # a desk with a wrong clock wrote an old-dated entry late
        monkeypatch.setattr(audit, "utcnow", lambda age=age: now - timedelta(days=age))
        _append(database, ADMIN, 1)
    monkeypatch.undo()
    with database.session() as session, session.begin():
        purged = AuditService(database).purge_before(session, now - timedelta(days=30))
        record(session, ADMIN, "retention", "database")
    assert purged == 1
    assert AuditService(database).verify_chain() is None


# -- serialised writers ---------------------------------------------------------------------------


def test_a_second_writer_waits_for_the_first_instead_of_forking(database) -> None:  # type: ignore[no-untyped-def]
    _append(database, ADMIN, 1)
    first_recorded, go, second_done = threading.Event(), threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with database.session() as session, session.begin():
                record(session, ADMIN, "update", "client", subject="ERSTER")
                first_recorded.set()
                go.wait(30)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
            first_recorded.set()

    def second() -> None:
        try:
            _append(database, ADMIN, 1)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        second_done.set()

    one = threading.Thread(target=first)
    one.start()
    assert first_recorded.wait(30)
    two = threading.Thread(target=second)
    two.start()
    # Without serialisation the second entry is written now, onto the same predecessor; with
    # it the second writer waits until the first commits (the wait below then times out).
    second_done.wait(2)
    go.set()
    one.join(30)
    two.join(30)
    assert errors == []
    state = AuditService(database).chain_state()
    assert state.intact and state.count == 3


def test_concurrent_writers_in_threads_never_fork(database) -> None:  # type: ignore[no-untyped-def]
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def write(number: int) -> None:
        try:
            barrier.wait(30)
            for _ in range(15):
                _append(database, Actor(None, f"desk{number}", ""), 1)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    state = AuditService(database).chain_state()
    assert state.intact and state.count == 60


def _write_from_another_process(url: str, desk: str, count: int) -> int:
    database = open_database(url)
    try:
        for _ in range(count):
            _append(database, Actor(None, desk, ""), 1)
    finally:
        database.dispose()
    return count


def test_concurrent_writers_in_processes_never_fork(database) -> None:  # type: ignore[no-untyped-def]
    url = database.engine.url.render_as_string(hide_password=False)
    with ProcessPoolExecutor(max_workers=3, mp_context=get_context("spawn")) as pool:
        jobs = [pool.submit(_write_from_another_process, url, f"desk{n}", 12) for n in range(3)]
        assert sum(job.result(timeout=300) for job in jobs) == 36
    state = AuditService(database).chain_state()
    assert state.intact and state.count == 36


# -- the head beside every backup, and the command line (SQLite files) ----------------------------


@pytest.mark.sqlite_only
def test_every_backup_has_its_head_beside_it(database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from srek_desk.services.protection.backups import BackupService

    service = AuditService(database)
    _append(database, ADMIN, 6)
    backups = BackupService(database, tmp_path / "backups")
    backup = backups.create()
    head_file = backup.path.with_name(backup.path.name + HEAD_SUFFIX)
    head = read_witness(head_file)
    state = service.chain_state()
    assert (head.head_id, head.head_hash, head.count) == (state.head_id, state.head_hash, 6)
    assert read_witness(backup.path) == head  # the backup itself names its head file
    assert [info.path for info in backups.list()] == [backup.path]  # no extra "backup"
    _delete_newest_through_the_gate(database, 2)
    assert service.check_witnesses([(backup.path.name, head)])[1] != []
    # a pruned backup takes its head file along at the next backup
    backup.path.unlink()
    backups.create(now=datetime(2026, 1, 2, 3, 4, 5))
    assert not head_file.exists()


@pytest.mark.sqlite_only
def test_cli_witness_and_verify(database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json
    import os
    import subprocess
    import sys

    _append(database, ADMIN, 5)
    file = str(database.sqlite_file)
    env = dict(os.environ, SREK_DB=file, QT_QPA_PLATFORM="offscreen")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "srek_desk", "audit", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )

    database.dispose()
    witness = tmp_path / "zeugnis.json"
    written = run("--witness", "-o", str(witness))
    assert written.returncode == 0, written.stderr
    assert "Protokollzeugnis geschrieben" in written.stdout
    data = json.loads(witness.read_text(encoding="utf-8"))
    assert data["count"] == 5 and len(data["head_hash"]) == 64
    assert run("--verify", "--witness", str(witness)).returncode == 0
    ambiguous = run("--witness", str(witness))  # would overwrite the stored witness
    assert ambiguous.returncode == 1 and "--verify --witness" in ambiguous.stderr
    broken_file = tmp_path / "kaputt.json"
    broken_file.write_text('{"format": "srek-desk-audit-witness", "count": -1}', encoding="utf-8")
    refused = run("--verify", "--witness", str(broken_file))
    assert refused.returncode == 1 and "kaputt.json" in refused.stderr
    assert "Feld „head_hash“ ist ungültig" in refused.stderr

    _delete_newest_through_the_gate(database, 2)
    database.dispose()
    verified = run("--verify", "--witness", str(witness))
    assert verified.returncode == 1
    assert "vorhandenen Einträge sind unverändert" in verified.stdout  # the chain is whole …
    assert "neuesten Protokolleinträge fehlen" in verified.stdout  # … but ends too early
    as_json = json.loads(run("--verify", "--json", "--witness", str(witness)).stdout)
    assert as_json["chain_intact"] is True and as_json["witnesses_reached"] is False


# -- PostgreSQL: the SECURITY DEFINER append function ---------------------------------------------


@pytest.fixture
def server_with_function(postgres_server) -> Iterator[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """A migrated database of its own with srek_audit_append, a group and a personal login."""
    import secrets

    from psycopg import sql

    from srek_desk.db import audit_sql

    url = postgres_server.create()
    open_database(url).dispose()
    group = f"{postgres_server.prefix}_grp{postgres_server.counter}"
    login = f"{postgres_server.prefix}_ann{postgres_server.counter}"
    password = secrets.token_urlsafe(12)
    admin = postgres_server.admin
    admin.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(group)))
    admin.execute(
        sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
            sql.Identifier(login), sql.Literal(password), sql.Identifier(group)
        )
    )
    database = open_database(url)
    with database.engine.begin() as connection:
        audit_sql.install(connection, groups=(group,))
        name = connection.execute(text("SELECT current_database()")).scalar_one()
        for statement in (
            f'GRANT CONNECT ON DATABASE "{name}" TO "{group}"',
            f'GRANT USAGE ON SCHEMA public TO "{group}"',
            f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{group}"',
        ):
            connection.execute(text(statement))
    database.dispose()
    from sqlalchemy.engine import make_url

    login_url = make_url(url).set(username=login, password=password)
    yield url, login_url.render_as_string(hide_password=False), login
    postgres_server.drop(url)
    for role in (login, group):
        admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.mark.postgresql_only
def test_server_function_takes_the_actor_from_the_login_and_chains(  # type: ignore[no-untyped-def]
    db_engine, server_with_function
) -> None:
    owner_url, login_url, login = server_with_function
    owner = open_database(owner_url)
    own = _account(owner, login)
    _append(owner, ADMIN, 2)  # the program's own path (the owner may insert)
    person = Database(make_engine(login_url))
    try:
        refused = text("INSERT INTO audit_event (action, entity) VALUES ('x', 'y')")
        # no INSERT right: only the function writes
        with (
            person.session() as session,
            pytest.raises(Exception, match=r"permission denied|fehlende Rechte"),
        ):
            session.execute(refused)
        _append(person, Actor(999, "chef", "Chef"), 3)  # a forged actor is ignored

        barrier = threading.Barrier(3)
        errors: list[BaseException] = []

        def write() -> None:
            try:
                barrier.wait(30)
                for _ in range(10):
                    _append(person, Actor(None, "egal", ""), 1)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=write) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        assert errors == []
    finally:
        person.dispose()
    with owner.session() as session:
        written = session.execute(
            text("SELECT DISTINCT user_id, user_name FROM audit_event WHERE id > 2")
        ).all()
    assert [tuple(row) for row in written] == [(own.user_id, login)]
    state = AuditService(owner).chain_state()  # Python verifies the SQL-computed hashes
    assert state.intact and state.count == 35 and state.v2_from == 1
    owner.dispose()
