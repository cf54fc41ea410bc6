"""Offline laptops: check clients out of the office database, work without it, check back in.

    result = checkout(office, "laptop.sqlite3", actor, ["K-1001", "K-1002"])
    ...                                  # the laptop runs SREK Desk on laptop.sqlite3
    outcome = checkin(office, "laptop.sqlite3", actor)
    for conflict in outcome.conflicts:   # changed in both places: a person decides
        resolve(office, "laptop.sqlite3", actor, conflict, keep="server")  # or "laptop"

Clients are identified across databases by their pseudonym, offers by source + reference,
accounts by login name; integer ids are mapped on the way back. See `offline_checkout` and
`offline_checkin` for the details, `offline_state` for the result types.
"""

from __future__ import annotations

from srek_desk.services.offline_checkin import checkin, read_laptop, resolve
from srek_desk.services.offline_checkout import checkout, find_client, release
from srek_desk.services.offline_state import (
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
    show_value,
)

__all__ = [
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
    "find_client",
    "read_laptop",
    "release",
    "resolve",
    "show_value",
]
