"""The audit log's hash chain: each entry's hash covers its content and the previous hash.

Append-only triggers stop the application from changing entries; the chain makes any change
made around the application (a file edited by hand) visible to `AuditService.verify_chain`.

Two versions of the hash. Version 1 (issue 7) left out `id` and `user_id`. Version 2 (issue 17)
covers every column and starts with the tag ``srek-audit-v2``, so no entry can pass as the other
version. Where version 2 starts needs no extra table: it is the first entry whose hash is a
version-2 hash; from there on a version-1 hash is refused (`walk_chain`).

The head of the chain (id, hash, count of entries) can be written down as a *witness*
(`audit --witness -o FILE`, and beside every backup): a log that no longer reaches a witnessed
head has lost its newest entries (`compare_with_witness`).
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from srek_desk.db.encryption import raw_connect
from srek_desk.errors import UserError

log = logging.getLogger(__name__)

V2_TAG = "srek-audit-v2"
WITNESS_FORMAT = "srek-desk-audit-witness"
HEAD_SUFFIX = ".audit-head.json"  # beside a backup: <backup file name> + HEAD_SUFFIX
# pg_advisory_xact_lock key that serialises audit writers ("SREKAU" in ASCII); the migration
# lock of db/migrate.py uses another key.
AUDIT_LOCK_KEY = 0x5352454B4155
RETENTION_ACTION = "retention"
_SEPARATOR = "\x1f"


def canonical_time(at: datetime | str) -> str:
    """Second-precision UTC ISO text, the same whether read by the ORM or as raw SQLite text."""
    value = datetime.fromisoformat(at) if isinstance(at, str) else at
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


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
    """Version 1 (entries written before issue 17): without `id` and `user_id`."""
    parts = (
        previous,
        canonical_time(at),
        user_name,
        action,
        entity,
        _text(entity_id),
        subject,
        fields,
        detail,
    )
    return hashlib.sha256(_SEPARATOR.join(parts).encode("utf-8")).hexdigest()


def chain_hash_v2(
    previous: str,
    *,
    id: int,
    at: datetime | str,
    user_id: int | None,
    user_name: str,
    action: str,
    entity: str,
    entity_id: int | None,
    subject: str,
    fields: str,
    detail: str,
) -> str:
    """Version 2: every column of `audit_event` (the SQL function of db/audit_sql.py agrees)."""
    parts = (
        V2_TAG,
        previous,
        str(id),
        canonical_time(at),
        _text(user_id),
        user_name,
        action,
        entity,
        _text(entity_id),
        subject,
        fields,
        detail,
    )
    return hashlib.sha256(_SEPARATOR.join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainRow:
    """One `audit_event` row as the chain sees it."""

    id: int
    at: datetime | str
    user_id: int | None
    user_name: str
    action: str
    entity: str
    entity_id: int | None
    subject: str
    fields: str
    detail: str
    chain_hash: str

    def hash_v1(self, previous: str) -> str:
        return chain_hash(
            previous,
            at=self.at,
            user_name=self.user_name,
            action=self.action,
            entity=self.entity,
            entity_id=self.entity_id,
            subject=self.subject,
            fields=self.fields,
            detail=self.detail,
        )

    def hash_v2(self, previous: str) -> str:
        return chain_hash_v2(
            previous,
            id=self.id,
            at=self.at,
            user_id=self.user_id,
            user_name=self.user_name,
            action=self.action,
            entity=self.entity,
            entity_id=self.entity_id,
            subject=self.subject,
            fields=self.fields,
            detail=self.detail,
        )


@dataclass(frozen=True, slots=True)
class ChainState:
    """What a walk over the whole log found."""

    first_broken: int | None  # id of the first entry that does not follow; None: intact
    count: int
    head_id: int | None
    head_hash: str
    v2_from: int | None  # id of the first version-2 entry
    ids: tuple[int, ...]  # every id, ascending
    hashes: tuple[str, ...]  # their chain hashes
    retention_ids: tuple[int, ...]  # entries recording a retention run (they may purge)

    @property
    def intact(self) -> bool:
        return self.first_broken is None


def walk_chain(rows: Iterable[ChainRow]) -> ChainState:
    """Check every entry against its predecessor, in id order.

    The oldest entry chains from "" unless retention removed its predecessors: then it is the
    anchor, which is accepted only when a retention entry follows in the log. Version 1 is
    accepted until the first version-2 entry, never after it.
    """
    previous: str | None = None
    first_broken: int | None = None
    v2_from: int | None = None
    ids: list[int] = []
    hashes: list[str] = []
    retention: list[int] = []
    head_hash = ""
    anchor_unproven: int | None = None
    for row in rows:
        ids.append(row.id)
        hashes.append(row.chain_hash)
        head_hash = row.chain_hash
        if row.action == RETENTION_ACTION:
            retention.append(row.id)
        if first_broken is not None:
            continue
        base = previous or ""
        if row.chain_hash == row.hash_v2(base):
            v2_from = row.id if v2_from is None else v2_from
        elif v2_from is None and row.chain_hash == row.hash_v1(base):
            pass
        elif previous is None:
            # the oldest remaining entry: its predecessor was purged (checked below)
            anchor_unproven = row.id
        else:
            first_broken = row.id
        previous = row.chain_hash
    if first_broken is None and anchor_unproven is not None and not retention:
        first_broken = anchor_unproven
    return ChainState(
        first_broken,
        len(ids),
        ids[-1] if ids else None,
        head_hash,
        v2_from,
        tuple(ids),
        tuple(hashes),
        tuple(retention),
    )


# -- the witness ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Witness:
    """The head of the chain at one moment: the newest entry's id and hash, and the count."""

    head_id: int | None
    head_hash: str
    count: int
    written_at: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "format": WITNESS_FORMAT,
            "version": 1,
            "head_id": self.head_id,
            "head_hash": self.head_hash,
            "count": self.count,
            "written_at": self.written_at,
        }

    def text(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"


def witness_of(state: ChainState, now: datetime | None = None) -> Witness:
    at = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Witness(state.head_id, state.head_hash, state.count, at)


def read_witness(path: Path) -> Witness:
    """A witness file, or the head file beside a backup when `path` is the backup itself."""
    path = Path(path).expanduser()
    beside = path.with_name(path.name + HEAD_SUFFIX)
    if not path.name.endswith(".json") and beside.is_file():
        path = beside
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"Die Zeugnisdatei {path} gibt es nicht.") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UserError(
            f"Die Zeugnisdatei {path} ist nicht lesbar oder kein JSON ({type(exc).__name__})."
        ) from None
    if not isinstance(data, dict) or data.get("format") != WITNESS_FORMAT:
        raise UserError(
            f"Die Datei {path} ist kein Protokollzeugnis von SREK Desk (Feld „format“ fehlt "
            f"oder ist nicht „{WITNESS_FORMAT}“)."
        )
    head_id, head_hash, count = data.get("head_id"), data.get("head_hash"), data.get("count")
    problems = [
        name
        for name, ok in (
            ("head_id", head_id is None or (isinstance(head_id, int) and head_id > 0)),
            ("head_hash", isinstance(head_hash, str) and len(head_hash) in (0, 64)),
            ("count", isinstance(count, int) and count >= 0),
        )
        if not ok
    ]
    if problems or (head_id is None) != (count == 0):
        field = problems[0] if problems else "count"
        raise UserError(f"Die Zeugnisdatei {path}: Feld „{field}“ ist ungültig.")
    assert isinstance(count, int)
    return Witness(head_id, str(head_hash), count, str(data.get("written_at", "")))


def check_witness(state: ChainState, witness: Witness, name: str) -> str | None:
    """None when the log still reaches the witnessed head, else a German reason.

    Reaching means: the witnessed entry is there with the witnessed hash (the chain from it to
    the newest entry is checked by `walk_chain`), and up to it the log holds as many entries as
    then, unless a retention run since may have removed the oldest.
    """
    if witness.head_id is None:
        return None  # the log was empty then: every log reaches that head
    position = bisect.bisect_left(state.ids, witness.head_id)
    if position < len(state.ids) and state.ids[position] == witness.head_id:
        if state.hashes[position] != witness.head_hash:
            return (
                f"Protokolleintrag {witness.head_id} ist nicht mehr der aus dem Zeugnis {name}: "
                "das Protokoll wurde ab dort ersetzt (neueste Einträge entfernt oder neu "
                "geschrieben)."
            )
        upto = position + 1
        purged_since = any(i > witness.head_id for i in state.retention_ids)
        if upto > witness.count or (upto < witness.count and not purged_since):
            return (
                f"Bis Eintrag {witness.head_id} zählt das Protokoll {upto} Einträge, das Zeugnis "
                f"{name} {witness.count}: ältere Einträge wurden am Programm vorbei entfernt "
                "oder hinzugefügt."
            )
        return None
    newest = state.head_id
    if newest is None or witness.head_id > newest:
        return (
            f"Die neuesten Protokolleinträge fehlen: das Zeugnis {name} nennt Eintrag "
            f"{witness.head_id}, das Protokoll endet bei Eintrag {newest or '–'}."
        )
    if witness.head_id < state.ids[0] and any(i > witness.head_id for i in state.retention_ids):
        return (
            f"Das Zeugnis {name} (Eintrag {witness.head_id}) ist älter als der älteste noch "
            f"vorhandene Eintrag {state.ids[0]}: die Löschfrist hat ihn entfernt. Das ist kein "
            "Hinweis auf eine Veränderung, aber das Zeugnis lässt sich nicht mehr prüfen; "
            "bitte ein neues schreiben (srek-desk audit --witness -o DATEI)."
        )
    return f"Protokolleintrag {witness.head_id} aus dem Zeugnis {name} fehlt."


# -- rows and heads of a database or backup file ---------------------------------------------

ROW_COLUMNS = (
    "id, at, user_id, user_name, action, entity, entity_id, subject, fields, detail, chain_hash"
)


def chain_row(values: Sequence[Any]) -> ChainRow:
    return ChainRow(*values)


def _head_of_file(path: Path, key: str | None) -> Witness:
    connection = raw_connect(path, key)
    try:
        rows = connection.execute(f"SELECT {ROW_COLUMNS} FROM audit_event ORDER BY id").fetchall()
    finally:
        connection.close()
    return witness_of(walk_chain(chain_row(r) for r in rows))


def head_file_of(backup: Path) -> Path:
    return backup.with_name(backup.name + HEAD_SUFFIX)


def write_head_beside(backup: Path, key: str | None = None) -> Path | None:
    """Write the chain head of `backup` beside it; drop head files whose backup is gone.

    A failure here never fails the backup itself: it is logged, and the backup stays usable.
    """
    target = head_file_of(backup)
    try:
        witness = _head_of_file(backup, key)
        partial = target.with_name(target.name + ".partial")
        partial.write_text(witness.text(), encoding="utf-8")
        partial.chmod(backup.stat().st_mode & 0o777)  # the backup's own mode (0600 usually)
        partial.replace(target)
        for stale in backup.parent.glob(f"*{HEAD_SUFFIX}"):
            if not stale.with_name(stale.name.removesuffix(HEAD_SUFFIX)).exists():
                with contextlib.suppress(OSError):
                    stale.unlink()
    except Exception as exc:  # the backup is written; the head beside it is extra
        log.warning("audit head beside the backup not written: %s", type(exc).__name__)
        return None
    return target
