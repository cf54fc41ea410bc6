"""Moving a whole single-PC database into a shared server database (the office grows).

The target is migrated to the newest schema first and must be empty. Every table is copied in
dependency order with its ids, so references, printed sheets (which name offer ids) and the
audit log's hash chain stay as they were. Afterwards the PostgreSQL sequences are set past the
highest id, the row counts are compared table by table and the audit chain is verified — all
inside one transaction on the target: either everything arrives or nothing does. The source
file is only read; it stays as it was (keep it as the last backup of the single-PC time).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, SQLModel

import srek_desk.db  # noqa: F401  (registers every table)
from srek_desk.db.engine import database_url, sqlite_path
from srek_desk.db.lock import DatabaseLock
from srek_desk.errors import UserError
from srek_desk.services.core.audit import AuditService
from srek_desk.services.core.database import Database, open_database
from srek_desk.services.offline.state import Progress, portable_row

log = logging.getLogger(__name__)

_CHUNK = 2000
_SINGLE_ROW_TABLES = {"audit_retention"}  # created with its one row by the migration
# Filled by the migrations with the project's defaults; replaced by the source's rows.
SEEDED_TABLES = {"related_occupation", "skill"}


@dataclass(frozen=True, slots=True)
class TransferResult:
    source: str
    target: str
    tables: dict[str, int]  # table → rows copied (and found again in the target)
    sequences: tuple[str, ...] = ()  # PostgreSQL sequences set past the highest id
    audit_chain_ok: bool = True
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def total_rows(self) -> int:
        return sum(self.tables.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "tables": dict(self.tables),
            "total_rows": self.total_rows,
            "sequences": list(self.sequences),
            "audit_chain_ok": self.audit_chain_ok,
            "seconds": round(self.seconds, 2),
            "warnings": list(self.warnings),
        }


def copied_tables() -> list[Table]:
    """Every table of the schema, parents before children."""
    return list(SQLModel.metadata.sorted_tables)


def transfer(
    source: str | Path,
    target_url: str,
    *,
    source_key: str | None = None,
    progress: Progress | None = None,
) -> TransferResult:
    """Copy the SQLite database at `source` into the empty database at `target_url`."""
    started = time.monotonic()
    path = Path(source).expanduser()
    if "://" in str(source) or not path.is_file():
        raise UserError(f"Die Quelldatei {source} gibt es nicht (erwartet: eine SQLite-Datei).")
    path = path.resolve()
    url = database_url(target_url)
    target_file = sqlite_path(url)
    if target_file is not None and target_file.resolve() == path:
        raise UserError("Quelle und Ziel sind dieselbe Datei.")
    with ExitStack() as stack:
        # Nobody works on either file meanwhile (a server database needs no lock file).
        stack.enter_context(DatabaseLock(path))
        if target_file is not None:
            stack.enter_context(DatabaseLock(target_file))
        source_db = open_database(path, key=source_key)
        stack.callback(source_db.dispose)
        target_db = open_database(url)
        stack.callback(target_db.dispose)
        result = _transfer(source_db, target_db, progress)
    log.info("transfer: %d rows into the server database", result.total_rows)
    return TransferResult(
        source=str(path),
        target=target_db.url,
        tables=result.tables,
        sequences=result.sequences,
        audit_chain_ok=result.audit_chain_ok,
        seconds=time.monotonic() - started,
        warnings=result.warnings,
    )


def _count(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def _refuse_occupied(target: Connection, tables: list[Table]) -> None:
    occupied = {
        t.name: n
        for t in tables
        if t.name not in _SINGLE_ROW_TABLES | SEEDED_TABLES and (n := _count(target, t)) > 0
    }
    if not occupied:
        return
    if "client" in occupied or "offer" in occupied:
        raise UserError(
            "Die Zieldatenbank enthält schon Klient:innen oder Angebote. Übertragen wird nur in "
            "eine leere Datenbank; es wurde nichts verändert."
        )
    listed = ", ".join(f"{name}: {n}" for name, n in sorted(occupied.items()))
    raise UserError(
        f"Die Zieldatenbank ist nicht leer ({listed}). Übertragen wird nur in eine leere "
        "Datenbank; es wurde nichts verändert."
    )


def _transfer(source: Database, target: Database, progress: Progress | None) -> TransferResult:
    tables = copied_tables()
    source_break = AuditService(source).verify_chain()
    warnings = []
    if source_break is not None:
        warnings.append(
            f"Die Protokollkette der Quelle war schon vor der Übertragung ab Eintrag "
            f"{source_break} unterbrochen; sie wurde unverändert übernommen."
        )
    postgres = target.engine.dialect.name == "postgresql"
    counts: dict[str, int] = {}
    with source.engine.connect() as src, target.engine.connect() as dst:
        with dst.begin():
            _refuse_occupied(dst, tables)
            if postgres:
                dst.execute(text("SET LOCAL TIME ZONE 'UTC'"))
            for done, table in enumerate(tables):
                if progress is not None:
                    progress(done, len(tables))
                counts[table.name] = _copy_table(src, dst, table)
            sequences = _fix_sequences(dst, tables) if postgres else ()
            for table in tables:
                found = _count(dst, table)
                if found != counts[table.name]:
                    raise UserError(
                        f"Übertragung abgebrochen: in der Tabelle {table.name} kamen {found} "
                        f"statt {counts[table.name]} Zeilen an. Die Zieldatenbank ist unverändert."
                    )
            target_break = AuditService(_InTransaction(dst)).verify_chain()
            if target_break != source_break:
                raise UserError(
                    "Übertragung abgebrochen: die Protokollkette stimmt im Ziel nicht mehr. "
                    "Die Zieldatenbank ist unverändert."
                )
        if progress is not None:
            progress(len(tables), len(tables))
    return TransferResult(
        "",
        "",
        counts,
        tuple(sequences),
        audit_chain_ok=source_break is None,
        warnings=warnings,
    )


def _copy_table(src: Connection, dst: Connection, table: Table) -> int:
    rows = src.execute(select(table).order_by(*table.primary_key.columns)).mappings()
    if table.name in _SINGLE_ROW_TABLES:
        copied = 0
        for row in rows:
            values = portable_row(row)
            dst.execute(update(table).where(table.c.id == values.pop("id")).values(**values))
            copied += 1
        return copied
    if table.name in SEEDED_TABLES:
        dst.execute(delete(table))
    copied = 0
    try:
        for chunk in rows.partitions(_CHUNK):
            dst.execute(insert(table), [portable_row(r) for r in chunk])
            copied += len(chunk)
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else ""
        raise UserError(
            f"Übertragung abgebrochen in der Tabelle {table.name}: {reason}. "
            "Die Zieldatenbank ist unverändert."
        ) from exc
    return copied


def _fix_sequences(dst: Connection, tables: list[Table]) -> tuple[str, ...]:
    """Set each id sequence past the highest copied id, so the next insert gets a fresh one."""
    fixed = []
    for table in tables:
        columns = list(table.primary_key.columns)
        if len(columns) != 1 or columns[0].name != "id":
            continue
        sequence = dst.execute(
            text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table.name}
        ).scalar_one_or_none()
        if sequence is None:
            continue
        dst.execute(
            text(
                f"SELECT setval(:sequence, COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "
                f'FROM "{table.name}"'
            ),
            {"sequence": sequence},
        )
        fixed.append(str(sequence))
    return tuple(fixed)


class _InTransaction(Database):
    """A Database whose sessions read inside an open transaction of `connection`."""

    def __init__(self, connection: Connection) -> None:
        super().__init__(connection.engine)
        self._connection = connection

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(bind=self._connection, expire_on_commit=False) as session:
            yield session


__all__ = ["TransferResult", "copied_tables", "transfer"]
