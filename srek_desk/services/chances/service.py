"""New chances since the last visit: offers that newly match a client after an import.

After every offer import, `collect` asks the matcher which of the changed offers now match which
clients (score at least `matching.new_chance_min_score`) and stores each pair once as a
`NewChance`: only for active clients whose processing is not restricted and who are not
anonymised, and never for an offer already proposed to the client, hidden for them ("passt
nicht") or recorded as a chance before. A chance stays open until it is printed on a short
update sheet (`mark_presented`) or the counsellor marks the client's chances as seen
(`dismiss`); an offer that went inactive or stale leaves the open list by itself.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import Session

from srek_desk.config import Config
from srek_desk.db.models import Client, Offer, Proposal, local_day, utcnow
from srek_desk.db.models_counselling import NewChance
from srek_desk.db.models_desk import HiddenOffer
from srek_desk.errors import UserError
from srek_desk.services.chances.rules import (
    DeskService,
    chunks,
    current_offer,
    insert_ignoring_duplicates,
    matchable_client,
    still_new,
    visible_client,
)
from srek_desk.services.clients import display_name
from srek_desk.services.core import audit
from srek_desk.services.core.access import client_scope
from srek_desk.services.core.database import Database

if TYPE_CHECKING:
    from srek_desk.matching.engine import Matcher
    from srek_desk.reference.catalog import ReferenceData
    from srek_desk.services.matching import MatchService
    from srek_desk.services.sheets import SheetService
    from srek_desk.sheets.update_sheet import UpdateSheetData

log = logging.getLogger(__name__)

UPDATE_SHEET_OFFERS = 10  # the best ones; the rest stay open for the next sheet
INSERT_BATCH = 5000


@dataclass(frozen=True, slots=True)
class ChanceLine:
    """One open chance of a client, as the client page lists it."""

    offer_id: int
    title: str
    employer_name: str
    place: str
    score: float
    found_at: datetime
    application_deadline: date | None
    start_date: date | None


@dataclass(frozen=True, slots=True)
class ChanceCount:
    """How many open chances a client has, and since when ("3 neue Chancen seit 12.11.")."""

    client_id: int
    client_name: str
    count: int
    since: date  # the last contact; without one, when the oldest open chance was found


@dataclass(frozen=True, slots=True)
class PreparedUpdate:
    """An update sheet ready to render, and what printing it closes."""

    data: UpdateSheetData
    client_id: int
    offer_ids: tuple[int, ...]


class ChanceService(DeskService):
    """New chances on behalf of `actor`: reading is limited to the clients they may see."""

    def _current_offer(self) -> Any:
        return current_offer(self._today(), int(self.config["matching.stale_after_days"]))

    # -- collecting ------------------------------------------------------------------------

    def collect(
        self,
        matching: MatchService | Matcher,
        run_id: int | None,
        offer_ids: Iterable[int],
        *,
        min_score: float | None = None,
    ) -> int:
        """Store the new matches of the given (changed) offers; returns how many were added.

        `matching` is a MatchService (its lock is held while ranking) or a bare Matcher whose
        index already holds the changed offers.
        """
        if min_score is None:
            min_score = float(self.config["matching.new_chance_min_score"])
        wanted = sorted(set(offer_ids))
        if not wanted:
            return 0
        with self.database.session() as session:
            current = self._current_ids(session, wanted)
        if not current:
            return 0
        matcher: Matcher = getattr(matching, "matcher", matching)
        lock: AbstractContextManager[Any] = getattr(matching, "lock", None) or nullcontext()
        with lock:
            found = matcher.new_matches(current, min_score=min_score)
        if not found:
            return 0
        with self.database.engine.begin() as connection:
            eligible = set(
                connection.execute(select(Client.id).where(matchable_client())).scalars()
            )
            taken = self._known_pairs(connection, current)
            now = utcnow()
            rows = []
            for client_id, offer_id, score in found:
                pair = (int(client_id), int(offer_id))
                if pair[0] not in eligible or pair in taken:
                    continue
                taken.add(pair)
                rows.append(
                    {
                        "client_id": pair[0],
                        "offer_id": pair[1],
                        "score": round(float(score), 1),
                        "found_at": now,
                        "import_run_id": run_id,
                    }
                )
            statement = insert_ignoring_duplicates(connection)
            for start in range(0, len(rows), INSERT_BATCH):
                connection.execute(statement, rows[start : start + INSERT_BATCH])
        log.info("new chances: %d from %d changed offers", len(rows), len(current))
        return len(rows)

    def _current_ids(self, session: Session, offer_ids: Sequence[int]) -> list[int]:
        current: list[int] = []
        for chunk in chunks(offer_ids):
            current += session.execute(
                select(Offer.id).where(Offer.id.in_(chunk), self._current_offer())  # type: ignore[union-attr]
            ).scalars()
        return sorted(current)

    @staticmethod
    def _known_pairs(connection: Any, offer_ids: Sequence[int]) -> set[tuple[int, int]]:
        """(client, offer) pairs never to record: proposed (ever), hidden, or recorded already."""
        pairs: set[tuple[int, int]] = set()
        for table in (Proposal, HiddenOffer, NewChance):
            for chunk in chunks(offer_ids):
                pairs.update(
                    (int(c), int(o))
                    for c, o in connection.execute(
                        select(table.client_id, table.offer_id).where(  # type: ignore[attr-defined]
                            table.offer_id.in_(chunk)  # type: ignore[attr-defined]
                        )
                    )
                )
        return pairs

    # -- reading ---------------------------------------------------------------------------

    def _require(self, session: Session, client_id: int) -> Client:
        return visible_client(session, self.actor, client_id)

    def _open(self, client_id: int) -> Any:
        return and_(
            NewChance.client_id == client_id,
            NewChance.presented_at.is_(None),  # type: ignore[union-attr]
        )

    def for_client(self, client_id: int) -> list[ChanceLine]:
        """The client's open chances on current offers, best first."""
        with self.database.session() as session:
            self._require(session, client_id)
            rows = session.execute(
                select(
                    NewChance.offer_id,
                    Offer.title,
                    Offer.employer_name,
                    Offer.place,
                    NewChance.score,
                    NewChance.found_at,
                    Offer.application_deadline,
                    Offer.start_date,
                )
                .join(Offer, Offer.id == NewChance.offer_id)  # type: ignore[arg-type]
                .where(self._open(client_id), self._current_offer(), still_new())
                .order_by(NewChance.score.desc(), NewChance.id)  # type: ignore[attr-defined]
            ).all()
        return [ChanceLine(*row) for row in rows]

    def summary(self, client_id: int) -> ChanceCount | None:
        """The client's count of open chances (None without any)."""
        found = self._counts(and_(Client.id == client_id, client_scope(self.actor)))
        return found[0] if found else None

    def counts(self) -> list[ChanceCount]:
        """Every visible client with open chances (the Heute page), most chances first."""
        return self._counts(client_scope(self.actor))

    def _counts(self, condition: Any) -> list[ChanceCount]:
        with self.database.session() as session:
            rows = session.execute(
                select(
                    Client.id,
                    Client.first_name,
                    Client.last_name,
                    Client.customer_number,
                    Client.last_contact_at,
                    func.count(NewChance.id),
                    func.min(NewChance.found_at),
                )
                .join(NewChance, NewChance.client_id == Client.id)  # type: ignore[arg-type]
                .join(Offer, Offer.id == NewChance.offer_id)  # type: ignore[arg-type]
                .where(
                    NewChance.presented_at.is_(None),  # type: ignore[union-attr]
                    self._current_offer(),
                    still_new(),
                    matchable_client(),
                    condition,
                )
                .group_by(
                    Client.id,
                    Client.first_name,
                    Client.last_name,
                    Client.customer_number,
                    Client.last_contact_at,
                )
                .order_by(func.count(NewChance.id).desc(), Client.last_name, Client.id)
            ).all()
        return [
            ChanceCount(
                client_id=row[0],
                client_name=display_name(row[1], row[2], row[3]),
                count=int(row[5]),
                since=local_day(row[4] or row[6]),
            )
            for row in rows
        ]

    # -- the update sheet ------------------------------------------------------------------

    def prepare_update_sheet(
        self,
        sheets: SheetService,
        client_id: int,
        *,
        language: str | None = None,
        pseudonymous: bool = False,
    ) -> PreparedUpdate:
        """The short update sheet of a client's open chances (the best ten), built by the
        opportunity sheet service (commute, contacts, QR code; stale offers left out)."""
        from srek_desk.sheets.update_sheet import UpdateSheetData  # ReportLab: load on use

        chances = self.for_client(client_id)[:UPDATE_SHEET_OFFERS]
        summary = self.summary(client_id)
        if not chances or summary is None:
            raise UserError("Für diese Klientin / diesen Klienten gibt es keine neuen Chancen.")
        prepared = sheets.prepare(
            client_id,
            offer_refs=[c.offer_id for c in chances],
            language=language,
            pseudonymous=pseudonymous,
            today=self._today(),
        )
        return PreparedUpdate(
            UpdateSheetData(prepared.data, summary.since), client_id, prepared.offer_ids
        )

    # -- closing ---------------------------------------------------------------------------

    def dismiss(self, client_id: int) -> int:
        """ "Gesehen": every open chance of the client counts as presented; returns how many."""
        return self._close(client_id, None, detail="")

    def mark_presented(self, client_id: int, offer_ids: Collection[int]) -> int:
        """The given offers were shown to the client (update sheet); returns how many closed."""
        if not offer_ids:
            return 0
        return self._close(client_id, offer_ids, detail="")

    def record_update_sheet(self, client_id: int, offer_ids: Collection[int]) -> int:
        """A short update sheet was printed or saved: its chances are presented, the contact is
        today, and the print is logged — all in one transaction."""
        return self._close(
            client_id, offer_ids, detail=f"Kurzblatt ({len(set(offer_ids))} Angebote)"
        )

    def _close(self, client_id: int, offer_ids: Collection[int] | None, *, detail: str) -> int:
        with self.database.session() as session, session.begin():
            client = self._require(session, client_id)
            now = utcnow()
            conditions = [self._open(client_id)]
            if offer_ids is not None:
                conditions.append(NewChance.offer_id.in_(sorted(set(offer_ids))))  # type: ignore[attr-defined]
            closed = session.execute(
                update(NewChance).where(*conditions).values(presented_at=now)
            ).rowcount
            if detail:  # a printed sheet: the client got it, which is a contact
                client.last_contact_at = now
                audit.record(
                    session,
                    self.actor,
                    "print",
                    "client",
                    subject=client.pseudonym or "",
                    detail=detail,
                )
            elif closed:
                audit.record(
                    session,
                    self.actor,
                    "update",
                    "client",
                    subject=client.pseudonym or "",
                    fields="new_chance",
                )
        return int(closed or 0)


def collect_after_import(
    database: Database,
    reference: ReferenceData,
    config: Config,
    report: Any,
    *,
    matching: MatchService | None = None,
) -> int | None:
    """New chances after an import report; None when there is nothing to collect (a dry run,
    a refused file, a client import). Builds a fresh matching index unless one is given: the
    import's offers are not in an index built before it."""
    if report.status != "imported" or report.kind != "offers":
        return None
    changed = list(report.changed_offer_ids)
    if not changed:
        return 0
    if matching is None:
        from srek_desk.services.matching import MatchService

        matching = MatchService(database, reference, config)
    return ChanceService(database, config=config).collect(matching, report.run_id, changed)
