"""Comparing a SQLite file's schema with the one this version's migrations build, object by object.

A backup may carry what nobody put there through SREK Desk: the append-only triggers of the
audit log dropped, a trigger added that turns a note into an admin account or swallows audit
entries, an extra view or index. Before a restore accepts a file, its tables (columns, keys,
foreign keys, unique constraints), indexes, triggers and views are compared with a fresh
database migrated to the same revision; every difference is named in German. SQLite's own
objects (`sqlite_*`) are left out: nobody can create them by SQL.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

KIND_LABELS = {"table": "Tabelle", "index": "Index", "trigger": "Trigger", "view": "Sicht"}
_SPACE = re.compile(r"\s+")
_AROUND_PUNCTUATION = re.compile(r"\s*([(),;=<>])\s*")


@dataclass(frozen=True, slots=True)
class SchemaObject:
    kind: str  # table | index | trigger | view
    name: str
    table: str  # the table an index or trigger belongs to (the name itself for tables, views)
    shape: tuple[Any, ...]  # what must be equal: columns and keys, or the normalised SQL
    columns: tuple[str, ...] = ()  # tables: column names, for a precise message


Schema = dict[tuple[str, str], SchemaObject]


def normalised_sql(sql: str | None) -> str:
    """The statement without layout: runs of white space and spaces around punctuation go."""
    collapsed = _SPACE.sub(" ", (sql or "").strip())
    return _AROUND_PUNCTUATION.sub(r"\1", collapsed).rstrip(";")


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_shape(connection: Any, name: str, sql: str) -> tuple[tuple[Any, ...], tuple[str, ...]]:
    if normalised_sql(sql).upper().startswith("CREATE VIRTUAL TABLE"):
        return ("virtual", normalised_sql(sql)), ()
    columns = tuple(
        (str(row[1]), str(row[2]).upper(), int(row[3]), row[4], int(row[5]), int(row[6]))
        for row in connection.execute(f"PRAGMA table_xinfo({_quoted(name)})")
    )
    foreign: dict[int, list[tuple[Any, ...]]] = {}
    for row in connection.execute(f"PRAGMA foreign_key_list({_quoted(name)})"):
        foreign.setdefault(int(row[0]), []).append(tuple(row[2:8]))
    unique = []
    for row in connection.execute(f"PRAGMA index_list({_quoted(name)})"):
        if row[3] == "c":  # created by CREATE INDEX: compared as an index of its own
            continue
        keys = tuple(
            str(info[2]) for info in connection.execute(f"PRAGMA index_info({_quoted(row[1])})")
        )
        unique.append((row[3], int(row[2]), keys))
    shape = (
        "table",
        columns,
        tuple(sorted(tuple(sorted(group)) for group in foreign.values())),
        tuple(sorted(unique)),
    )
    return shape, tuple(column[0] for column in columns)


def _index_shape(connection: Any, table: str, name: str, sql: str) -> tuple[Any, ...]:
    unique = next(
        (
            int(row[2])
            for row in connection.execute(f"PRAGMA index_list({_quoted(table)})")
            if row[1] == name
        ),
        0,
    )
    keys = tuple(
        (row[2], int(row[3]), str(row[4]))
        for row in connection.execute(f"PRAGMA index_xinfo({_quoted(name)})")
        if int(row[5])  # key columns only, not the rowid SQLite appends
    )
    text = normalised_sql(sql)
    where = text[text.upper().rfind(" WHERE ") :] if " WHERE " in text.upper() else ""
    expressions = text if any(key[0] is None for key in keys) else ""
    return ("index", unique, keys, where, expressions)


def schema_of(connection: Any) -> Schema:
    """Every table, index, trigger and view of an open DB-API connection to a SQLite file."""
    rows = connection.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "WHERE substr(name, 1, 7) <> 'sqlite_' ORDER BY type, name"
    ).fetchall()
    schema: Schema = {}
    for kind, name, table, sql in rows:
        kind, name, table = str(kind), str(name), str(table)
        columns: tuple[str, ...] = ()
        if kind == "table":
            shape, columns = _table_shape(connection, name, sql)
        elif kind == "index":
            shape = _index_shape(connection, table, name, sql)
        else:
            shape = (kind, normalised_sql(sql))
        schema[(kind, name)] = SchemaObject(kind, name, table, shape, columns)
    return schema


def _where(item: SchemaObject) -> str:
    label = f"{KIND_LABELS.get(item.kind, item.kind)} „{item.name}“"
    if item.kind in ("index", "trigger") and item.table:
        label += f" (Tabelle „{item.table}“)"
    return label


def differences(found: Schema, expected: Schema) -> list[str]:
    """German descriptions of what `found` has that `expected` lacks, lacks, or has otherwise."""
    problems: list[str] = []
    for key in sorted(expected.keys() - found.keys()):
        problems.append(f"es fehlt {_where(expected[key])}")
    for key in sorted(found.keys() - expected.keys()):
        problems.append(f"zusätzlich {_where(found[key])}")
    for key in sorted(found.keys() & expected.keys()):
        have, want = found[key], expected[key]
        if have.shape == want.shape and have.table == want.table:
            continue
        if key[0] == "table" and have.columns != want.columns:
            missing = [c for c in want.columns if c not in have.columns]
            extra = [c for c in have.columns if c not in want.columns]
            parts = [f"Spalte „{c}“ fehlt" for c in missing]
            parts += [f"zusätzliche Spalte „{c}“" for c in extra]
            if parts:
                problems.append(f"{_where(have)}: " + ", ".join(parts))
                continue
        problems.append(f"{_where(have)} ist verändert")
    return problems


def file_schema(path: Path, key: str | None = None) -> Schema:
    """The schema of a SQLite file (SQLCipher with `key`); the file is only read."""
    from srek_desk.db.encryption import raw_connect

    connection = raw_connect(path, key)
    try:
        return schema_of(connection)
    finally:
        connection.close()


@lru_cache(maxsize=4)
def reference_schema(revision: str) -> Schema:
    """What migrating a fresh database to `revision` gives (built once per revision and run)."""
    from alembic import command

    from srek_desk.db.engine import make_engine
    from srek_desk.db.migrate import alembic_config

    with tempfile.TemporaryDirectory(prefix="srek-schema-") as folder:
        path = Path(folder) / "reference.sqlite3"
        engine = make_engine(path)
        try:
            with engine.connect() as connection, connection.begin():
                config = alembic_config()
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
        finally:
            engine.dispose()
        return file_schema(path)


def schema_problems(path: Path, revision: str, key: str | None = None) -> list[str]:
    """Differences between the file's schema and that of a fresh database at `revision`."""
    return differences(file_schema(path, key), reference_schema(revision))
