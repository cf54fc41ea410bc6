"""Merging two records of one person into one: everything kept, audit-logged, all or nothing.

Own fields (`merged_values`): the kept record's value wins; an empty one (no text, no date, no
postcode, no counsellor) is filled from the removed record. Where losing a value would harm the
person, both records count: consent is given when either has it (with that record's date); a
restriction of processing stays when either is restricted (the earlier date); driving licences,
skills and offer preferences are united; the later last contact and the earlier creation count.
Wishes are united (a wish on both keeps the better priority), languages too (the higher level).

Rows: notes, follow-ups and printed sheets move over. Proposals move too; two proposals of the
same offer become one with the more advanced status (and the earlier proposal date), the other
written into its note. Hidden offers and new chances move unless the kept record has them already
(a new chance then counts as shown when either was shown). The removed record is deleted in the
same transaction; on any error nothing changes.

Audit: "merge" on the removed pseudonym with detail "in <kept pseudonym>", and "update" on the
kept one naming changed fields and moved kinds of rows — never names or values. Both records must
be visible to the actor. A record checked out to a laptop (or the copy in a laptop file) is
refused until checked in: a check-in would look for a record that no longer exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from srek_desk.db.codes import join_codes, split_codes
from srek_desk.db.models import (
    Client,
    CounsellingNote,
    FollowUp,
    Proposal,
    UserAccount,
    as_utc,
)
from srek_desk.db.models_history import PrintedSheet
from srek_desk.db.repositories import LISTINGS, search_condition
from srek_desk.errors import UserError
from srek_desk.services.clients.merge_rows import forget_laptop_state, move_rows, refuse_offline
from srek_desk.services.clients.service import ClientService
from srek_desk.services.core import audit
from srek_desk.services.core.access import AccessDenied, Actor, client_scope
from srek_desk.services.core.changes import changed_now
from srek_desk.services.core.database import Database

CLIENT_TABLE = Client.__table__  # type: ignore[attr-defined]
# Filled from the removed record when empty on the kept one.
FILLABLE: tuple[str, ...] = (
    "customer_number",
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "street",
    "school_qualification",
    "vocational_qualification",
    "working_time",
    "earliest_start",
    "counsellor_id",
)
UNITED: tuple[str, ...] = ("driving_licences", "skills", "offer_preferences")
COUNTED = ("notes", "follow_ups", "proposals", "printed_sheets")


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _latest(a: datetime | None, b: datetime | None) -> datetime | None:
    found = [as_utc(v) for v in (a, b) if v is not None]
    return max(found) if found else None


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    found = [as_utc(v) for v in (a, b) if v is not None]
    return min(found) if found else None


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, datetime) and isinstance(b, datetime):
        return as_utc(a) == as_utc(b)
    return bool(a == b)


def merged_values(kept: Mapping[str, Any], removed: Mapping[str, Any]) -> dict[str, Any]:
    """The kept record's columns after the merge (only those that change)."""
    result: dict[str, Any] = {}
    for name in FILLABLE:
        if _empty(kept[name]) and not _empty(removed[name]):
            result[name] = removed[name]
    if _empty(kept["home_postcode"]) and not _empty(removed["home_postcode"]):
        result["home_postcode"] = removed["home_postcode"]
        result["home_place"] = removed["home_place"]
    for name in UNITED:
        united = join_codes([*split_codes(kept[name]), *split_codes(removed[name])])
        if united != kept[name]:
            result[name] = united
    if not kept["consent_given"] and removed["consent_given"]:
        result["consent_given"] = True
        result["consent_date"] = removed["consent_date"]
    if removed["restricted"]:
        result["restricted"] = True
        result["restricted_at"] = (
            _earliest(kept["restricted_at"], removed["restricted_at"])
            if kept["restricted"]
            else removed["restricted_at"]
        )
    result["last_contact_at"] = _latest(kept["last_contact_at"], removed["last_contact_at"])
    result["created_at"] = _earliest(kept["created_at"], removed["created_at"])
    return {name: value for name, value in result.items() if not _same(value, kept[name])}


def merged_wishes(
    kept: tuple[tuple[str, int], ...], removed: tuple[tuple[str, int], ...]
) -> tuple[tuple[str, int], ...]:
    """Both records' target occupations; one on both keeps the better (lower) priority."""
    best = dict(kept)
    for code, priority in removed:
        best[code] = min(priority, best.get(code, priority))
    order = [code for code, _ in kept] + [code for code, _ in removed if code not in dict(kept)]
    return tuple(sorted(((c, best[c]) for c in order), key=lambda w: w[1]))


def merged_languages(
    kept: tuple[tuple[str, str], ...], removed: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    """Both records' languages; one on both keeps the higher CEFR level (A1 < … < C2)."""
    best = dict(kept)
    for language, level in removed:
        best[language] = max(level, best.get(language, level))
    return tuple(best.items())


@dataclass(frozen=True, slots=True)
class MergeSide:
    """One record as the merge dialog compares it."""

    client_id: int
    version: int
    pseudonym: str
    values: dict[str, Any]  # the client's columns
    wishes: tuple[tuple[str, int], ...]
    languages: tuple[tuple[str, str], ...]
    counts: dict[str, int]  # notes, follow_ups, proposals, printed_sheets
    counsellor: str  # display name of the counsellor, "" without one


@dataclass(frozen=True, slots=True)
class MergeResult:
    kept_id: int
    kept_pseudonym: str
    removed_pseudonym: str
    filled: tuple[str, ...]  # columns of the kept record that changed
    moved: dict[str, int] = field(default_factory=dict)  # kind of row → rows moved
    combined_proposals: int = 0  # proposals folded into one of the same offer


def preview(kept: MergeSide, removed: MergeSide) -> MergeSide:
    """What the kept record will look like (counts: rows moved over, before combining)."""
    values = {**kept.values, **merged_values(kept.values, removed.values)}
    return MergeSide(
        client_id=kept.client_id,
        version=kept.version + 1,
        pseudonym=kept.pseudonym,
        values=values,
        wishes=merged_wishes(kept.wishes, removed.wishes),
        languages=merged_languages(kept.languages, removed.languages),
        counts={k: kept.counts.get(k, 0) + removed.counts.get(k, 0) for k in COUNTED},
        counsellor=kept.counsellor or removed.counsellor,
    )


NOT_VISIBLE = (
    "Einen der beiden Datensätze betreut eine Kollegin oder ein Kollege. Zusammenführen kann nur, "
    "wer beide sehen darf (z. B. die Teamleitung)."
)
GONE = "Einer der beiden Datensätze ist nicht mehr gespeichert."


class MergeService:
    """Merge two client records on behalf of an actor who may see both."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- reading -----------------------------------------------------------------------------

    def side(self, client_id: int, actor: Actor) -> MergeSide:
        with self.database.session() as session:
            row = self._visible_rows(session, actor, (client_id,))[client_id]
            counts = {
                name: int(
                    session.execute(
                        select(func.count()).select_from(model).where(model.client_id == client_id)
                    ).scalar_one()
                )
                for name, model in zip(
                    COUNTED, (CounsellingNote, FollowUp, Proposal, PrintedSheet), strict=True
                )
            }
            counsellor = ""
            if row["counsellor_id"] is not None:
                account = session.get(UserAccount, row["counsellor_id"])
                counsellor = (account.display_name or account.username) if account else ""
        data, _version = ClientService(self.database, actor).input_of(client_id)
        return MergeSide(
            client_id=client_id,
            version=row["version"],
            pseudonym=row["pseudonym"] or "",
            values=row,
            wishes=data.wishes,
            languages=data.languages,
            counts=counts,
            counsellor=counsellor,
        )

    def search(self, text: str, actor: Actor, *, limit: int = 30) -> list[tuple[int, str]]:
        """Visible clients whose name, Kundennummer or place contains every word: (id, label)."""
        with self.database.session() as session:
            condition = search_condition(LISTINGS["clients"], text, session.get_bind().dialect.name)
            query = (
                select(
                    Client.id,
                    Client.last_name,
                    Client.first_name,
                    Client.birth_date,
                    Client.customer_number,
                )
                .where(client_scope(actor))
                .order_by(Client.last_name, Client.first_name, Client.id)
                .limit(limit)
            )
            if condition is not None:
                query = query.where(condition)
            rows = session.execute(query).all()
        return [(row[0], _label(*row[1:])) for row in rows]

    # -- merging -----------------------------------------------------------------------------

    def merge(
        self,
        keep_id: int,
        remove_id: int,
        actor: Actor,
        *,
        expected_versions: tuple[int, int] | None = None,
    ) -> MergeResult:
        """Move everything of `remove_id` onto `keep_id` and delete `remove_id`, in one step.

        `expected_versions` (kept, removed): the versions the user compared; a record saved
        meanwhile refuses the merge, so nobody merges what they have not seen.
        """
        if keep_id == remove_id:
            raise UserError("Ein Datensatz kann nicht mit sich selbst zusammengeführt werden.")
        with self.database.session() as session, session.begin():
            rows = self._visible_rows(session, actor, (keep_id, remove_id), lock=True)
            kept, removed = rows[keep_id], rows[remove_id]
            if expected_versions is not None and expected_versions != (
                kept["version"],
                removed["version"],
            ):
                raise UserError(
                    "Einer der beiden Datensätze wurde inzwischen geändert. Bitte den Vergleich "
                    "neu laden und noch einmal prüfen."
                )
            refuse_offline(session, (kept["pseudonym"], removed["pseudonym"]))
            moved, combined = move_rows(session, keep_id, remove_id)
            values = merged_values(kept, removed)
            # The removed row goes first: its Kundennummer may move to the kept one (unique).
            session.execute(delete(CLIENT_TABLE).where(CLIENT_TABLE.c.id == remove_id))
            forget_laptop_state(session, removed["pseudonym"] or "")
            result = session.execute(
                update(CLIENT_TABLE)
                .where(CLIENT_TABLE.c.id == keep_id, CLIENT_TABLE.c.version == kept["version"])
                .values(**values, version=kept["version"] + 1, updated_at=changed_now())
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise UserError(GONE)
            kept_pseudonym, removed_pseudonym = kept["pseudonym"] or "", removed["pseudonym"] or ""
            audit.record(
                session,
                actor,
                "merge",
                "client",
                subject=removed_pseudonym,
                detail=f"in {kept_pseudonym}",
            )
            kinds = [name for name, count in moved.items() if count]
            audit.record(
                session,
                actor,
                "update",
                "client",
                subject=kept_pseudonym,
                fields=",".join(["merge", *values, *kinds]),
            )
        return MergeResult(
            kept_id=keep_id,
            kept_pseudonym=kept_pseudonym,
            removed_pseudonym=removed_pseudonym,
            filled=tuple(values),
            moved=moved,
            combined_proposals=combined,
        )

    @staticmethod
    def _visible_rows(
        session: Session, actor: Actor, ids: tuple[int, ...], *, lock: bool = False
    ) -> dict[int, dict[str, Any]]:
        query = select(CLIENT_TABLE).where(CLIENT_TABLE.c.id.in_(ids))
        if lock:
            query = query.with_for_update()
        rows = {r["id"]: dict(r) for r in session.execute(query).mappings()}
        if set(rows) != set(ids) or any(r["anonymised_at"] is not None for r in rows.values()):
            raise UserError(GONE)
        allowed = set(
            session.execute(
                select(Client.id).where(Client.id.in_(ids), client_scope(actor))  # type: ignore[union-attr]
            ).scalars()
        )
        if allowed != set(ids):
            raise AccessDenied(NOT_VISIBLE)
        return rows


def _label(last: str, first: str, born: Any, number: str | None) -> str:
    name = ", ".join(p for p in (last, first) if p) or "(ohne Namen)"
    extras = [f"geb. {born:%d.%m.%Y}"] if born is not None else []
    if number:
        extras.append(number)
    return name + (f" ({', '.join(extras)})" if extras else "")
