"""The audit log's hash chain: each entry's hash covers its content and the previous hash.

Append-only triggers stop the application from changing entries; the chain makes any change
made around the application (a file edited by hand) visible to `AuditService.verify_chain`.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime


def canonical_time(at: datetime | str) -> str:
    """Second-precision UTC ISO text, the same whether read by the ORM or as raw SQLite text."""
    value = datetime.fromisoformat(at) if isinstance(at, str) else at
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def chain_hash(
    previous: str,
    *,
    at: datetime | str,
    user_name: str,
    action: str,
    entity: str,
    entity_id: int | None,
    subject: str,
    fields: str,
    detail: str,
) -> str:
    parts = (
        previous,
        canonical_time(at),
        user_name,
        action,
        entity,
        "" if entity_id is None else str(entity_id),
        subject,
        fields,
        detail,
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
