"""Moving a removed record's rows onto the kept one, inside the merge transaction (see merge).

Unique rows (a wish, a language, a hidden offer, a new chance per offer) are combined instead of
copied twice; two proposals of one offer become one with the further status, the other noted.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from srek_desk.db.codes import PROPOSAL_STATUSES
from srek_desk.db.models import (
    ClientLanguage,
    ClientOccupation,
    CounsellingNote,
    FollowUp,
    Proposal,
    as_utc,
)
from srek_desk.db.models_counselling import NewChance
from srek_desk.db.models_desk import HiddenOffer
from srek_desk.db.models_history import PrintedSheet
from srek_desk.db.models_offline import SERVER_SIDE, OfflineCheckout, OfflineClient
from srek_desk.errors import UserError

# How far a proposal got; the further one survives when both records have the same offer.
PROGRESS = {
    "vorgeschlagen": 0,
    "beworben": 1,
    "vorstellungsgespraech": 2,
    "zurueckgezogen": 3,
    "absage": 3,
    "zusage": 4,
}
NOTE_LIMIT = 500  # proposal.note


def move_rows(session: Session, keep_id: int, remove_id: int) -> tuple[dict[str, int], int]:
    """({kind of row: rows moved}, proposals folded into one of the same offer)."""
    moved = {  # a wish keeps the better (lower) priority, a language the higher level
        "wishes": move_unique(
            session, ClientOccupation, "kldb_code", "priority", operator.lt, keep_id, remove_id
        ),
        "languages": move_unique(
            session, ClientLanguage, "language", "cefr_level", operator.gt, keep_id, remove_id
        ),
    }
    for name, model in (
        ("notes", CounsellingNote),
        ("follow_ups", FollowUp),
        ("printed_sheets", PrintedSheet),
    ):
        moved[name] = move_all(session, model, keep_id, remove_id)
    combined = combine_proposals(session, keep_id, remove_id)
    moved["proposals"] = combined + move_all(session, Proposal, keep_id, remove_id)
    moved["hidden_offers"] = move_hidden(session, keep_id, remove_id)
    moved["new_chances"] = move_new_chances(session, keep_id, remove_id)
    return moved, combined


def refuse_offline(session: Session, pseudonyms: tuple[str | None, ...]) -> None:
    out = session.execute(
        select(OfflineCheckout.side, OfflineCheckout.user_name, OfflineCheckout.checked_out_at)
        .join(OfflineClient, OfflineClient.checkout_id == OfflineCheckout.id)  # type: ignore[arg-type]
        .where(
            OfflineClient.returned_at.is_(None),  # type: ignore[union-attr]
            OfflineClient.pseudonym.in_([p for p in pseudonyms if p]),  # type: ignore[attr-defined]
        )
        .limit(1)
    ).first()
    if out is None:
        return
    if out[0] != SERVER_SIDE:
        raise UserError(
            "Auf dem Laptop können ausgecheckte Datensätze nicht zusammengeführt werden. Bitte "
            "nach dem Einchecken im Büro zusammenführen."
        )
    raise UserError(
        f"Einer der beiden Datensätze ist seit {as_utc(out[2]):%d.%m.%Y} auf einem Laptop "
        f"ausgecheckt ({out[1] or 'unbekannt'}) und noch nicht zurück. Bitte erst einchecken, "
        "dann zusammenführen."
    )


def forget_laptop_state(session: Session, pseudonym: str) -> None:
    """The removed side's remembered laptop state (its own fields as at the last exchange) is
    emptied with the merge: nothing of a record that is gone stays behind."""
    if pseudonym:
        session.execute(
            update(OfflineClient)
            .where(OfflineClient.pseudonym == pseudonym)  # type: ignore[arg-type]
            .values(base_state="{}", base_hidden="[]")
            .execution_options(synchronize_session=False)
        )


def move_all(session: Session, model: Any, keep_id: int, remove_id: int) -> int:
    result = session.execute(
        update(model).where(model.client_id == remove_id).values(client_id=keep_id)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def move_unique(
    session: Session,
    model: Any,
    key: str,
    value: str,
    better: Callable[[Any, Any], bool],
    keep_id: int,
    remove_id: int,
) -> int:
    """Rows unique per client and `key` (a wish per occupation, a language): the removed
    record's row moves over, or improves the kept one's `value` when `better`; returns moved."""
    columns = (model.id, getattr(model, key), getattr(model, value))

    def rows(client_id: int) -> list[Any]:
        return list(session.execute(select(*columns).where(model.client_id == client_id)))

    kept = {row[1]: (row[0], row[2]) for row in rows(keep_id)}
    moved = 0
    for row_id, name, level in rows(remove_id):
        if name in kept:
            if better(level, kept[name][1]):
                session.execute(
                    update(model).where(model.id == kept[name][0]).values({value: level})
                )
            session.execute(delete(model).where(model.id == row_id))
        else:
            session.execute(update(model).where(model.id == row_id).values(client_id=keep_id))
            moved += 1
    return moved


def combine_proposals(session: Session, keep_id: int, remove_id: int) -> int:
    """Proposals of one offer on both records become one; returns how many were folded in."""
    rows = session.execute(
        select(
            Proposal.id,
            Proposal.client_id,
            Proposal.offer_id,
            Proposal.status,
            Proposal.status_changed_at,
            Proposal.proposed_at,
            Proposal.note,
        ).where(Proposal.client_id.in_((keep_id, remove_id)))  # type: ignore[attr-defined]
    ).all()
    by_offer: dict[int, list[Any]] = {}
    for row in rows:
        by_offer.setdefault(row.offer_id, []).append(row)
    folded = 0
    for group in by_offer.values():
        if len({row.client_id for row in group}) < 2:
            continue
        best = max(
            group,
            key=lambda r: (
                PROGRESS.get(r.status, 0),
                as_utc(r.status_changed_at),
                r.client_id == keep_id,
            ),
        )
        others = [row for row in group if row.id != best.id]
        notes = [best.note] + [
            f"Zusammengeführt: weiterer Vorschlag vom {as_utc(r.proposed_at):%d.%m.%Y}, Status "
            f"„{PROPOSAL_STATUSES.get(r.status, r.status)}“" + (f" ({r.note})" if r.note else "")
            for r in others
        ]
        session.execute(delete(Proposal).where(Proposal.id.in_([r.id for r in others])))  # type: ignore[union-attr]
        session.execute(
            update(Proposal)
            .where(Proposal.id == best.id)
            .values(
                client_id=keep_id,
                note="; ".join(n for n in notes if n)[:NOTE_LIMIT],
                proposed_at=min(as_utc(r.proposed_at) for r in group),
            )
        )
        folded += len(others)
    return folded


def move_hidden(session: Session, keep_id: int, remove_id: int) -> int:
    kept = select(HiddenOffer.offer_id).where(HiddenOffer.client_id == keep_id)
    session.execute(
        delete(HiddenOffer).where(
            HiddenOffer.client_id == remove_id,
            HiddenOffer.offer_id.in_(kept.scalar_subquery()),  # type: ignore[attr-defined]
        )
    )
    return move_all(session, HiddenOffer, keep_id, remove_id)


def move_new_chances(session: Session, keep_id: int, remove_id: int) -> int:
    rows = session.execute(
        select(
            NewChance.id,
            NewChance.client_id,
            NewChance.offer_id,
            NewChance.score,
            NewChance.found_at,
            NewChance.presented_at,
        ).where(NewChance.client_id.in_((keep_id, remove_id)))  # type: ignore[attr-defined]
    ).all()
    kept = {row.offer_id: row for row in rows if row.client_id == keep_id}
    for row in rows:
        mine = kept.get(row.offer_id)
        if row.client_id != remove_id or mine is None:
            continue
        shown = [as_utc(v) for v in (mine.presented_at, row.presented_at) if v is not None]
        session.execute(
            update(NewChance)
            .where(NewChance.id == mine.id)
            .values(
                score=max(mine.score, row.score),
                found_at=min(as_utc(mine.found_at), as_utc(row.found_at)),
                presented_at=min(shown) if shown else None,
            )
        )
        session.execute(delete(NewChance).where(NewChance.id == row.id))
    return move_all(session, NewChance, keep_id, remove_id)
