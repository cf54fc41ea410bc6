"""Every failure a person can cause ends in a German message, also through `engine.begin()`.

Disk full, a read-only database, a lock file on a full disk, a lone surrogate (JSON and text),
a NUL byte on PostgreSQL and a search with very many words: each provoked through the real
service (one that writes with `engine.begin()`, one through a session), on both engines where
the failure exists. Each test checks the German UserError, that no engine text leaks into it,
and that the data is as it was.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import psycopg
import pytest
from sqlalchemy import event, func, select, text

from srek_desk.db import lock as lock_module
from srek_desk.db.errors import translate_db_error
from srek_desk.db.lock import DatabaseLock
from srek_desk.db.models import Employer
from srek_desk.db.models_reference import RelatedOccupation
from srek_desk.errors import DiskFullError, ReadOnlyDatabaseError, UserError
from srek_desk.services.core.database import Database
from srek_desk.services.core.listing import ListingService
from srek_desk.services.imports.service import ImportService
from srek_desk.services.offers.reference_tables import add_related

# What an engine or Python would say in English.
ENGINE_WORDS = (
    "psycopg",
    "error",
    "traceback",
    "[sql",
    "errno",
    "codec",
    "surrogates not allowed",
    "disk is full",
    "readonly",
    "expression tree",
    "no space left",
)


def assert_german(error: UserError) -> None:
    message = error.message
    assert "Bitte" in message, message
    assert not any(word in message.lower() for word in ENGINE_WORDS), message


def related_reasons(database: Database) -> list[str]:
    with database.session() as session:
        query = select(RelatedOccupation.reason).order_by(RelatedOccupation.id)  # type: ignore[arg-type]
        return list(session.execute(query).scalars())


@contextmanager
def on_every_connection(database: Database, sqlite_sql: str, postgres_sql: str) -> Iterator[None]:
    """Run a statement on each new connection (the pool is emptied before and after)."""

    def run(dbapi_connection: Any, _record: Any) -> None:
        if database.engine.dialect.name == "postgresql":
            dbapi_connection.autocommit = True  # a SET outside a transaction stays in force
            dbapi_connection.execute(postgres_sql)
            dbapi_connection.autocommit = False
        else:
            dbapi_connection.execute(sqlite_sql)

    database.engine.dispose()
    event.listen(database.engine, "connect", run)
    try:
        yield
    finally:
        event.remove(database.engine, "connect", run)
        database.engine.dispose()


@contextmanager
def full_disk(database: Database) -> Iterator[str]:
    """The database cannot grow any more; yields a reason long enough to need new pages.

    SQLite: PRAGMA max_page_count at the current size (SQLITE_FULL). PostgreSQL: a trigger
    answering inserts with SQLSTATE 53100, what the server sends when its disk is full.
    """
    if database.engine.dialect.name == "postgresql":
        with database.engine.begin() as connection:
            connection.execute(
                text(
                    "CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ "
                    "BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' "
                    "USING ERRCODE = 'disk_full'; END $$"
                )
            )
            connection.execute(
                text(
                    "CREATE TRIGGER test_disk_full BEFORE INSERT ON related_occupation "
                    "FOR EACH ROW EXECUTE FUNCTION test_disk_full()"
                )
            )
        try:
            yield "Gleiche Werkzeuge"
        finally:
            with database.engine.begin() as connection:
                connection.execute(text("DROP TRIGGER test_disk_full ON related_occupation"))
                connection.execute(text("DROP FUNCTION test_disk_full()"))
        return
    with database.engine.connect() as connection:
        pages = int(connection.exec_driver_sql("PRAGMA page_count").scalar_one())
        free = int(connection.exec_driver_sql("PRAGMA freelist_count").scalar_one())
        page_size = int(connection.exec_driver_sql("PRAGMA page_size").scalar_one())
    with on_every_connection(database, f"PRAGMA max_page_count = {pages}", ""):
        yield "x" * ((free + 20) * page_size)


def test_disk_full_through_engine_begin_is_german_and_writes_nothing(
    database: Database,
) -> None:
    add_related(database, "26112", "81302", "vorher")
    before = related_reasons(database)
    with full_disk(database) as reason, pytest.raises(DiskFullError) as caught:
        add_related(database, "26112", "24412", reason)
    assert "Speicherplatz" in caught.value.message
    assert_german(caught.value)
    assert related_reasons(database) == before and before[-1] == "vorher"


def test_disk_full_through_a_session_is_german(database: Database) -> None:
    before = related_reasons(database)
    with (
        full_disk(database) as reason,
        pytest.raises(DiskFullError) as caught,
        database.session() as session,
    ):
        session.add(RelatedOccupation(code_a="26112", code_b="24412", reason=reason))
        session.commit()
    assert_german(caught.value)
    assert related_reasons(database) == before


def read_only(database: Database) -> Any:
    return on_every_connection(
        database, "PRAGMA query_only = ON", "SET default_transaction_read_only = on"
    )


def test_read_only_database_is_german_through_engine_begin_and_session(
    database: Database, reference
) -> None:  # type: ignore[no-untyped-def]
    before = related_reasons(database)
    with read_only(database):
        with pytest.raises(ReadOnlyDatabaseError) as side_door:
            add_related(database, "26112", "24412", "Gleiche Werkzeuge")
        with pytest.raises(ReadOnlyDatabaseError) as session_path:
            ImportService(database, reference).save_mapping("BA-Liste", {"Titel": "title"})
    for caught in (side_door, session_path):
        assert "schreibgeschützt" in caught.value.message
        assert_german(caught.value)
    assert related_reasons(database) == before
    assert ImportService(database, reference).saved_mapping("BA-Liste") is None


def test_lone_surrogate_in_json_and_text_is_german_and_names_the_field(
    database: Database, reference
) -> None:  # type: ignore[no-untyped-def]
    imports = ImportService(database, reference)
    before = related_reasons(database)
    # "Bürotätigkeit" read with surrogateescape from a file in the wrong encoding
    header = "B\udcfcrot\udce4tigkeit"
    with pytest.raises(UserError) as in_json:
        imports.save_mapping("BA-Liste", {header: "title"})
    with pytest.raises(UserError) as in_text:
        add_related(database, "26112", "24412", "M\udcfcller sagt: passt")
    assert "„mapping“" in in_json.value.message
    assert "„reason“" in in_text.value.message
    for caught in (in_json, in_text):
        assert "unvollständiges Unicode-Zeichen" in caught.value.message
        assert_german(caught.value)
    assert imports.saved_mapping("BA-Liste") is None
    assert related_reasons(database) == before


@pytest.mark.postgresql_only
def test_nul_byte_on_postgresql_is_german_and_names_the_field(database: Database) -> None:
    before = related_reasons(database)
    with pytest.raises(UserError) as side_door:
        add_related(database, "26112", "24412", "Werk\x00zeug")
    with pytest.raises(UserError) as session_path, database.session() as session:
        session.add(Employer(name="Muster\x00GmbH"))
        session.commit()
    assert "„reason“" in side_door.value.message and "„name“" in session_path.value.message
    for caught in (side_door, session_path):
        assert "Nullzeichen" in caught.value.message
        assert_german(caught.value)
    assert related_reasons(database) == before
    with database.session() as session:
        assert session.execute(select(func.count()).select_from(Employer)).scalar_one() == 0


@pytest.mark.parametrize("listing", ["clients", "employers", "offers"])
def test_a_search_with_very_many_words_is_german_at_once(database: Database, listing: str) -> None:
    """25,000 words made SQLite give up (expression tree too large) and PostgreSQL refuse
    (more than 65,535 parameters) – after half a minute of building the query."""
    service = ListingService(database, listing)
    for search in (" ".join(f"wort{n}" for n in range(25_000)), "ä" * 501):
        with pytest.raises(UserError) as caught:
            service.count(search=search)
        assert "höchstens 30 Wörter und 500 Zeichen" in caught.value.message
        assert_german(caught.value)
    assert service.count(search=" ".join(["wort"] * 30)) == 0  # 30 words still search


@pytest.mark.parametrize(
    "engine_says",
    [
        sqlite3.OperationalError("Expression tree is too large (maximum depth 1000)"),
        sqlite3.OperationalError("LIKE or GLOB pattern too complex"),
        psycopg.OperationalError(
            "sending query and params failed: number of parameters must be between 0 and 65535"
        ),
        psycopg.errors.StatementTooComplex("stack depth limit exceeded"),
    ],
)
def test_engine_limits_of_a_long_input_are_german(engine_says: Exception) -> None:
    translated = translate_db_error(engine_says)
    assert translated is not None and "zu lang" in translated.message
    assert_german(translated)


def test_lock_file_on_a_full_disk_is_german_and_leaves_no_lock(tmp_path: Path) -> None:
    path = tmp_path / "srek.sqlite3"
    lock = DatabaseLock(path)
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    with (
        mock.patch.object(lock_module.os, "write", side_effect=full),
        pytest.raises(DiskFullError) as caught,
    ):
        lock.acquire()
    assert "kein Platz mehr" in caught.value.message and "srek.sqlite3.lock" in caught.value.message
    assert_german(caught.value)
    assert not lock.held and not lock.path.exists()
    with DatabaseLock(path) as again:  # once there is room, the database opens as before
        assert again.held
