"""The laptop file: written at checkout, read back at check-in, as plain values.

Writing copies rows (office ids kept) into a freshly migrated SQLite file under a temporary
name; reading gathers the clients with their own state, their rows, the identities of the
offers and accounts they name, and the laptop's audit entries.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from srek_desk.db.codes import split_codes
from srek_desk.db.models import (
    AuditEvent,
    ClientLanguage,
    ClientOccupation,
    CounsellingNote,
    Employer,
    FollowUp,
    OccupationRecord,
    Offer,
    Proposal,
    UserAccount,
    utcnow,
)
from srek_desk.db.models_counselling import Skill
from srek_desk.db.models_desk import HiddenOffer
from srek_desk.db.models_history import PrintedSheet
from srek_desk.db.models_offline import LAPTOP_SIDE, OfflineCheckout, OfflineClient
from srek_desk.db.models_reference import RelatedOccupation, TravelTime
from srek_desk.errors import UserError
from srek_desk.services.core.database import Database, open_database
from srek_desk.services.offline.move_to_server import SEEDED_TABLES
from srek_desk.services.offline.state import (
    CHILD_TABLES,
    CLIENT_TABLE,
    ClientRef,
    Progress,
    client_state,
    hidden_keys,
    portable_row,
    table_of,
)

_CHUNK = 2000


@dataclass
class LaptopClient:
    row: dict[str, Any]
    state: dict[str, Any]
    hidden: set[tuple[str, str]]
    children: dict[str, list[dict[str, Any]]]

    @property
    def ref(self) -> ClientRef:
        return ClientRef.of(self.row)


@dataclass
class LaptopSnapshot:
    laptop_id: str
    clients: dict[str, LaptopClient]
    user_names: dict[int, str]
    offer_keys: dict[int, tuple[str, str]]
    audit_events: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def laptop_database(laptop: Database | str | Path, key: str | None) -> Iterator[Database]:
    """The laptop file as a Database: the one given, or opened from its path (and closed)."""
    if isinstance(laptop, Database):
        yield laptop
        return
    path = Path(laptop).expanduser()
    if not path.is_file():
        raise UserError(f"Die Laptop-Datei {path} gibt es nicht.")
    database = open_database(path, key=key)
    try:
        yield database
    finally:
        database.dispose()


def read_laptop(laptop: Database, pseudonyms: set[str] | None = None) -> LaptopSnapshot:
    """Everything a check-in needs from the laptop file, as plain values."""
    with laptop.session() as session:
        records = session.execute(
            select(OfflineCheckout.laptop_id).where(OfflineCheckout.side == LAPTOP_SIDE)
        ).all()
        if len(records) != 1:
            raise UserError(
                "Diese Datei ist keine Laptop-Ausgabe von SREK Desk (sie wurde nicht mit "
                "„Auschecken“ angelegt)."
            )
        query = select(CLIENT_TABLE)
        if pseudonyms is not None:
            query = query.where(CLIENT_TABLE.c.pseudonym.in_(pseudonyms))
        clients: dict[str, LaptopClient] = {}
        offer_ids: set[int] = set()
        for mapping in session.execute(query.order_by(CLIENT_TABLE.c.id)).mappings().all():
            row = portable_row(mapping)
            children = {
                entity: [
                    portable_row(r)
                    for r in session.execute(
                        select(table_of(model))
                        .where(table_of(model).c.client_id == row["id"])
                        .order_by(table_of(model).c.id)
                    ).mappings()
                ]
                for entity, model, _fields in CHILD_TABLES
            }
            offer_ids |= {p["offer_id"] for p in children["proposal"]}
            for sheet in children["printed_sheet"]:
                offer_ids |= {int(i) for i in split_codes(sheet["offer_ids"]) if i.isdigit()}
            clients[row["pseudonym"]] = LaptopClient(
                row, client_state(session, row), hidden_keys(session, row["id"]), children
            )
        offer_keys = {
            r[0]: (r[1], r[2])
            for r in session.execute(
                select(Offer.id, Offer.source, Offer.reference).where(Offer.id.in_(offer_ids))
            ).all()
        }
        users = {r[0]: r[1] for r in session.execute(select(UserAccount.id, UserAccount.username))}
        events = []
        if pseudonyms is None:
            events = [
                portable_row(r)
                for r in session.execute(
                    select(table_of(AuditEvent)).order_by(table_of(AuditEvent).c.id)
                ).mappings()
            ]
    return LaptopSnapshot(records[0][0], clients, users, offer_keys, events)


def stamp_laptop(laptop: Database) -> None:
    with laptop.session() as session, session.begin():
        session.execute(
            update(OfflineCheckout)
            .where(OfflineCheckout.side == LAPTOP_SIDE)
            .values(last_checkin_at=utcnow())
        )


def write_laptop(
    path: Path,
    key: str | None,
    session: Session,
    *,
    clients: list[dict[str, Any]],
    children: dict[str, list[dict[str, Any]]],
    offers: set[int],
    accounts: list[dict[str, Any]],
    records: tuple[OfflineCheckout, list[OfflineClient], str],
    progress: Progress | None,
) -> dict[str, int]:
    laptop = open_database(path, key=key)
    counts: dict[str, int] = {}
    offer_table, employer_table = table_of(Offer), table_of(Employer)
    offer_condition = or_(offer_table.c.active.is_(True), offer_table.c.id.in_(offers))
    employers = select(employer_table).where(
        employer_table.c.id.in_(select(offer_table.c.employer_id).where(offer_condition))
    )
    steps: list[tuple[Table, Any]] = [
        (table_of(UserAccount), accounts),
        (employer_table, employers),
        (offer_table, select(offer_table).where(offer_condition).order_by(offer_table.c.id)),
        (table_of(OccupationRecord), select(table_of(OccupationRecord))),
        (table_of(RelatedOccupation), select(table_of(RelatedOccupation))),
        (table_of(TravelTime), select(table_of(TravelTime))),
        (table_of(Skill), select(table_of(Skill))),  # the office's own skills too
        (CLIENT_TABLE, clients),
        *(
            (table_of(m), children[table_of(m).name])
            for m in (
                ClientOccupation,
                ClientLanguage,
                CounsellingNote,
                FollowUp,
                Proposal,
                PrintedSheet,
                HiddenOffer,
            )
        ),
    ]
    try:
        with laptop.engine.begin() as connection:
            for done, (table, source) in enumerate(steps):
                if progress is not None:
                    progress(done, len(steps) + 1)
                if table.name in SEEDED_TABLES:  # the office's own table replaces the defaults
                    connection.execute(delete(table))
                counts[table.name] = _copy(session, connection, table, source)
            record, client_records, origin = records
            connection.execute(
                insert(table_of(OfflineCheckout)),
                [
                    {
                        "id": record.id,
                        "laptop_id": record.laptop_id,
                        "side": LAPTOP_SIDE,
                        "user_id": None,
                        "user_name": record.user_name,
                        "origin": origin[:300],
                        "checked_out_at": record.checked_out_at,
                        "client_count": record.client_count,
                    }
                ],
            )
            connection.execute(
                insert(table_of(OfflineClient)),
                [
                    {
                        "checkout_id": record.id,
                        "pseudonym": c.pseudonym,
                        "laptop_version": c.laptop_version,
                        "server_version": c.server_version,
                        "base_state": c.base_state,
                        "base_hidden": c.base_hidden,
                        "created_on_laptop": False,
                    }
                    for c in client_records
                ],
            )
        with laptop.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        if progress is not None:
            progress(len(steps) + 1, len(steps) + 1)
    finally:
        laptop.dispose()
    return counts


def _copy(session: Session, connection: Connection, table: Table, source: Any) -> int:
    """Insert rows (a list, or a query run on the office session) into the laptop, in chunks."""
    copied = 0
    for chunk in _chunks(session, source):
        connection.execute(insert(table), [portable_row(r) for r in chunk])
        copied += len(chunk)
    return copied


def _chunks(session: Session, source: Any) -> Iterator[list[dict[str, Any]]]:
    if isinstance(source, list):
        for start in range(0, len(source), _CHUNK):
            yield source[start : start + _CHUNK]
        return
    result = session.execute(source.execution_options(yield_per=_CHUNK)).mappings()
    for partition in result.partitions():
        yield [dict(r) for r in partition]


def remove_database_files(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        with suppress(FileNotFoundError):
            candidate.unlink()


__all__ = [
    "LaptopClient",
    "LaptopSnapshot",
    "laptop_database",
    "read_laptop",
    "remove_database_files",
    "stamp_laptop",
    "write_laptop",
]
