"""Fetching offers from the Jobbörse: saved searches, one transaction per search, retiring what vanished.

A search is fetched completely first (all pages, no transaction open while the network is slow),
then read like a BA JSON file and written through the same path as a file import (source
„BA-Jobsuche“, so a fetched offer and the same offer from a file are one row). Then, in the same
transaction, a saved search is linked to what it returned and a complete re-fetch retires its
offers that vanished (services.imports.fetch_links). A failed page, a time-out or a cancel before
the commit leave the database exactly as it was, and the message says so. Each fetch is recorded
in the import history.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from srek_desk.config import Config
from srek_desk.db.models import utcnow
from srek_desk.db.models_jobboerse import JobboerseQuery, JobboerseQueryOffer
from srek_desk.errors import UserError
from srek_desk.importers.jobboerse import FetchCancelled, JobboerseClient
from srek_desk.importers.jobboerse_pages import (
    FetchResult,
    JobboerseError,
    SearchQuery,
    fetched_batch,
)
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.database import Database
from srek_desk.services.imports.fetch_links import offer_ids, relink
from srek_desk.services.imports.fetch_report import SOURCE, FetchReport, failed_report
from srek_desk.services.imports.offers import write_offers
from srek_desk.services.imports.report import row_dicts, store_run
from srek_desk.services.imports.retire import describe
from srek_desk.services.offers import SkillService

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
UNCHANGED = "Nichts wurde gespeichert; die Datenbank ist unverändert."


class _Cancel(Exception):
    pass


@dataclass(frozen=True)
class SavedQuery:
    id: int
    name: str
    query: SearchQuery
    created_at: datetime
    last_fetched_at: datetime | None
    last_result_count: int | None


class FetchService:
    """Saved Jobbörse searches and fetching them; `client` builds the HTTP client per fetch."""

    def __init__(
        self,
        database: Database,
        reference: ReferenceData,
        client: Callable[[], JobboerseClient],
    ) -> None:
        self.database = database
        self.reference = reference
        self.client = client

    @classmethod
    def from_config(
        cls, database: Database, reference: ReferenceData, config: Config
    ) -> FetchService:
        """The Jobbörse of the settings jobboerse.base_url and jobboerse.api_key."""
        return cls(
            database,
            reference,
            lambda: JobboerseClient(config["jobboerse.base_url"], config["jobboerse.api_key"]),
        )

    # -- saved searches ----------------------------------------------------------------------
    def saved_queries(self) -> list[SavedQuery]:
        with self.database.session() as session:
            rows = session.execute(select(JobboerseQuery).order_by(JobboerseQuery.name)).scalars()
            return [_saved(row) for row in rows]

    def saved(self, name: str) -> SavedQuery:
        with self.database.session() as session:
            row = session.execute(
                select(JobboerseQuery).where(JobboerseQuery.name == name.strip())
            ).scalar_one_or_none()
        if row is None:
            raise UserError(f"Eine gespeicherte Suche „{name.strip()}“ gibt es nicht.")
        return _saved(row)

    def delete_saved(self, name: str) -> None:
        """Forget a saved search; its offers stay as they are."""
        saved = self.saved(name)
        with self.database.engine.begin() as conn:
            conn.execute(
                delete(JobboerseQueryOffer).where(JobboerseQueryOffer.query_id == saved.id)
            )
            conn.execute(delete(JobboerseQuery).where(JobboerseQuery.id == saved.id))

    # -- fetching ------------------------------------------------------------------------------
    def fetch(
        self,
        query: SearchQuery,
        *,
        save_as: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> FetchReport:
        """Fetch a search; `save_as` saves it under that name (a name in use must be this search)."""
        query = query.checked()
        name = None
        saved_id = None
        if save_as is not None:
            name = " ".join(save_as.split())
            if not name or len(name) > 80:
                raise UserError("Der Name einer gespeicherten Suche braucht 1 bis 80 Zeichen.")
            existing = next((s for s in self.saved_queries() if s.name == name), None)
            if existing is not None:
                if existing.query != query:
                    raise UserError(
                        f"Eine gespeicherte Suche „{name}“ gibt es schon, mit anderen Angaben "
                        f"({existing.query.describe()}); bitte einen anderen Namen wählen."
                    )
                saved_id = existing.id
        return self._run(query, name, saved_id, progress, cancelled)

    def fetch_saved(
        self, name: str, *, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> FetchReport:
        saved = self.saved(name)
        return self._run(saved.query, saved.name, saved.id, progress, cancelled)

    def fetch_all_saved(
        self, *, progress: Progress | None = None, cancelled: Cancelled | None = None
    ) -> list[FetchReport]:
        """Every saved search, each in its own transaction; a failed one is reported, the others
        go on. A cancel stops after the search in hand (which is rolled back)."""
        reports = []
        for saved in self.saved_queries():
            try:
                reports.append(self._run(saved.query, saved.name, saved.id, progress, cancelled))
            except FetchCancelled:
                raise
            except UserError as error:
                reports.append(
                    failed_report(_label(saved.name, saved.query), _query(saved), error.message)
                )
        return reports

    def _run(
        self,
        query: SearchQuery,
        name: str | None,
        saved_id: int | None,
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> FetchReport:
        started = time.perf_counter()
        started_at = datetime.now(UTC).replace(microsecond=0)
        label = _label(name, query)
        try:
            result = self.client().search(query, progress=progress, cancelled=cancelled)
        except FetchCancelled:
            raise FetchCancelled(f"Abruf von der Jobbörse abgebrochen. {UNCHANGED}") from None
        except JobboerseError as error:
            raise JobboerseError(f"{error.message} {UNCHANGED}") from None
        batch = fetched_batch(
            result, self.reference, SkillService(self.database).resolver().resolve_many
        )
        report = FetchReport(
            file_name=label,
            file_format="ba-json",
            source=SOURCE,
            total=result.total,
            bad_rows=len(batch.bad_lines),
            errors=row_dicts(sorted(batch.errors, key=lambda e: e.line)),
            warnings=row_dicts(batch.warnings),
            query={**query.as_dict(), "name": name},
            pages=result.pages,
            max_results=result.max_results,
            not_fetched=result.not_fetched,
            complete=result.complete,
            notes=result.notes(),
        )
        if saved_id is not None and not result.complete:
            report.notes.append(
                "Weil nicht alle Angebote abgerufen wurden, wurde nichts deaktiviert."
            )
        total = len(batch.offers)

        def step(done: int) -> None:
            if progress is not None:
                progress(done, total)
            if cancelled is not None and cancelled():
                raise _Cancel

        try:
            with self.database.engine.begin() as conn:
                now = utcnow()
                if saved_id is not None:
                    _lock_saved(conn, saved_id, name or "")
                counts = write_offers(conn, batch, SOURCE, now=now, full_load=False, step=step)
                retired: list[int] = []
                if name is not None:
                    if saved_id is None:
                        saved_id = _insert_query(conn, name, query, now)
                    returned = offer_ids(conn, SOURCE, result.references)
                    retired = relink(conn, saved_id, returned, complete=result.complete, now=now)
                    conn.execute(
                        update(JobboerseQuery)
                        .where(JobboerseQuery.id == saved_id)
                        .values(last_fetched_at=now, last_result_count=len(result.references))
                    )
                gone = set(retired)
                report.add_counts(counts)
                report.full_load = name is not None and result.complete
                if retired:
                    report.deactivated += len(retired)
                    report.retired += len(retired)
                    report.retired_offers += [o.as_dict() for o in describe(conn, retired)]
                report.changed_offer_ids = [i for i in counts.changed_ids if i not in gone]
                report.seconds = round(time.perf_counter() - started, 3)
                report.run_id = _store_run(conn, report, result, started_at)
        except _Cancel:
            raise FetchCancelled(f"Abruf von der Jobbörse abgebrochen. {UNCHANGED}") from None
        return report


def _saved(row: JobboerseQuery) -> SavedQuery:
    assert row.id is not None
    return SavedQuery(
        id=row.id,
        name=row.name,
        query=SearchQuery(angebotsart=row.angebotsart, was=row.was, wo=row.wo, umkreis=row.umkreis),
        created_at=row.created_at,
        last_fetched_at=row.last_fetched_at,
        last_result_count=row.last_result_count,
    )


def _query(saved: SavedQuery) -> dict[str, Any]:
    return {**saved.query.as_dict(), "name": saved.name}


def _label(name: str | None, query: SearchQuery) -> str:
    """How the history names a fetch: the saved search's name, else what was searched."""
    return f"Jobbörse „{name}“" if name else f"Jobbörse: {query.describe()}"


def _lock_saved(conn: Any, saved_id: int, name: str) -> None:
    """Two desks re-fetching one saved search take turns (PostgreSQL: a row lock; SQLite has
    one writer anyway); a search deleted meanwhile is refused."""
    found = conn.execute(
        select(JobboerseQuery.id).where(JobboerseQuery.id == saved_id).with_for_update()
    ).first()
    if found is None:
        raise UserError(f"Die gespeicherte Suche „{name}“ wurde inzwischen gelöscht. {UNCHANGED}")


def _insert_query(conn: Any, name: str, query: SearchQuery, now: datetime) -> int:
    return int(
        conn.execute(
            insert(JobboerseQuery)
            .values(
                name=name,
                was=query.was,
                wo=query.wo,
                umkreis=query.umkreis,
                angebotsart=query.angebotsart,
                created_at=now,
            )
            .returning(JobboerseQuery.id)
        ).scalar_one()
    )


def _store_run(conn: Any, report: FetchReport, result: FetchResult, started_at: datetime) -> int:
    report.status = "imported"
    return store_run(
        conn, report, sha256=result.sha256, started_at=started_at, full_load=report.full_load
    )
