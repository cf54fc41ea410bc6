"""Offline laptops: check clients out of the office database, work without it, check back in.

    result = checkout(office, "laptop.sqlite3", actor, ["K-1001", "K-1002"])
    ...                                  # the laptop runs SREK Desk on laptop.sqlite3
    outcome = checkin(office, "laptop.sqlite3", actor)
    for conflict in outcome.conflicts:   # changed in both places: a person decides
        resolve(office, "laptop.sqlite3", actor, conflict, keep="server")  # or "laptop"

Clients are identified across databases by their pseudonym, offers by source + reference,
accounts by login name; integer ids are mapped on the way back. See `check_out` and
`check_in` for the details, `state` for the result types; `move_to_server` moves a whole
single-PC database onto a server; `forget_offline_state` empties what the offline tables
remember of an erased or anonymised client (in the erasure's transaction).
"""

from __future__ import annotations

from srek_desk.services.offline.check_in import checkin, read_laptop, resolve
from srek_desk.services.offline.check_out import checkout, find_client, lock_chosen_clients, release
from srek_desk.services.offline.forget import forget_offline_state
from srek_desk.services.offline.state import (
    CLIENT_OWN_COLUMNS,
    CLIENT_TABLE,
    FIELD_LABELS,
    KEEP_LAPTOP,
    KEEP_SERVER,
    Applied,
    CheckinResult,
    CheckoutResult,
    ClientRef,
    Conflict,
    Created,
    FieldDifference,
    Resolution,
    Skipped,
    client_state,
    hidden_keys,
    show_value,
    table_of,
)

__all__ = [
    "CLIENT_OWN_COLUMNS",
    "CLIENT_TABLE",
    "FIELD_LABELS",
    "KEEP_LAPTOP",
    "KEEP_SERVER",
    "Applied",
    "CheckinResult",
    "CheckoutResult",
    "ClientRef",
    "Conflict",
    "Created",
    "FieldDifference",
    "Resolution",
    "Skipped",
    "checkin",
    "checkout",
    "client_state",
    "find_client",
    "forget_offline_state",
    "hidden_keys",
    "lock_chosen_clients",
    "read_laptop",
    "release",
    "resolve",
    "show_value",
    "table_of",
]
