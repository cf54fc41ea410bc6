"""Forgetting erased people in the offline tables: no state of a client that is gone stays behind.

`offline_client.base_state` keeps a client's own fields (name, birth date, Kundennummer …) as at
the last laptop exchange, `offline_row.base_state` a follow-up's or proposal's text. Both are
only needed to compare a later check-in with the office, so once the client (or the office row)
is gone they are emptied — in the erasure's own transaction. The records themselves stay, with
the pseudonym only: a laptop that still holds the person and is checked in later is then told
"im Büro inzwischen gelöscht" and brings nobody back, instead of taking them for a new client.

Emptied are: the records of the given pseudonyms (erased or anonymised clients), every record
whose client no longer exists (e.g. the removed side of a merge), and every row record whose
office row no longer exists.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import exists, not_, or_, select, update
from sqlalchemy.orm import Session

from srek_desk.db.models import Client
from srek_desk.db.models_offline import OfflineClient, OfflineRow
from srek_desk.services.offline.state import CHILD_TABLES, table_of

EMPTY_STATE, EMPTY_HIDDEN = "{}", "[]"


def forget_offline_state(
    session: Session, pseudonyms: Collection[str], row_ids: dict[str, Collection[int]] | None = None
) -> int:
    """Empty the remembered states of `pseudonyms`, of clients that are gone and of office rows
    that are gone, plus those of `row_ids` (entity → office row ids, rows that stay but lose
    their text, as an anonymised client's proposals). Returns how many records were emptied."""
    clients = table_of(OfflineClient)
    client_gone = not_(exists().where(Client.pseudonym == clients.c.pseudonym))  # type: ignore[arg-type]
    wanted = [p for p in pseudonyms if p]
    chosen = or_(client_gone, clients.c.pseudonym.in_(wanted)) if wanted else client_gone
    emptied = session.execute(
        update(clients)
        .where(
            chosen, or_(clients.c.base_state != EMPTY_STATE, clients.c.base_hidden != EMPTY_HIDDEN)
        )
        .values(base_state=EMPTY_STATE, base_hidden=EMPTY_HIDDEN)
        .execution_options(synchronize_session=False)
    ).rowcount
    rows = table_of(OfflineRow)
    for entity, model, _fields in CHILD_TABLES:
        office = table_of(model)
        row_gone = not_(exists(select(office.c.id).where(office.c.id == rows.c.server_row_id)))
        keep_text = list((row_ids or {}).get(entity, ()))
        condition = or_(row_gone, rows.c.server_row_id.in_(keep_text)) if keep_text else row_gone
        emptied += session.execute(
            update(rows)
            .where(
                rows.c.entity == entity,
                rows.c.server_row_id.is_not(None),
                rows.c.base_state != EMPTY_STATE,
                condition,
            )
            .values(base_state=EMPTY_STATE)
            .execution_options(synchronize_session=False)
        ).rowcount
    return int(emptied or 0)
