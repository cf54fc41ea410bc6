"""Import use case: read a file, write offers or clients in one transaction, keep a report and a history.

A file lands whole (minus the rows reported as bad when `skip_bad_rows` is chosen) or not at all.
Dry runs and cancelled imports roll back; refused files leave the database exactly as it was
(they are not written to the history either). Progress goes through `progress(done, total)`,
cancelling through `cancelled()`.

Scope: a file deactivates ("retires") only what it deletes explicitly, unless it is the source's
complete list — `ImportOptions.full_load=True` (`--full`, the window's question answered yes) or an
HR-BA-XML TypeOfLoad "F" — and then only its source's active offers it lacks, narrowed to
`ImportOptions.retire_scope` (offer ids) when given. `retire_preview` says beforehand what a full
load would retire, changing nothing; the report names each retired offer (`retired_offers`).
For other callers that write a batch themselves (the Jobbörse fetch): `write_offers(...,
full_load=True, retire_scope=ids)` retires within a scope, `ImportBatch.apply_offer_type(code)`
gives the query's type to offers that state none, `ImportReport.add_counts(counts)` fills the
report's counts (retired, type_unknown, approximate_place, place_unknown, uncoded).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from srek_desk.db.codes import OFFER_TYPES
from srek_desk.db.models import ColumnMapping, ImportRun, Offer, utcnow
from srek_desk.errors import UserError
from srek_desk.importers.errors import ImportRefused
from srek_desk.importers.export import export_format, write_offers
from srek_desk.importers.offer_table import OFFER_COLUMNS
from srek_desk.importers.reader import read_import_file
from srek_desk.importers.records import ImportBatch
from srek_desk.importers.skills import SkillLookup
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.access import SYSTEM, Actor
from srek_desk.services.core.database import Database
from srek_desk.services.imports.clients import write_clients
from srek_desk.services.imports.offers import WriteCounts
from srek_desk.services.imports.offers import write_offers as write_offer_rows
from srek_desk.services.imports.report import ImportReport, row_dicts, store_run
from srek_desk.services.imports.retire import RetiredOffer, would_retire
from srek_desk.services.offers import SkillService

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
DEFAULT_SOURCES = {"ba-json": "BA-Jobsuche", "hr-ba-xml": "HR-BA-XML"}


class ImportCancelled(UserError):
    """The user cancelled; everything was rolled back."""


class _Cancel(Exception):
    pass


class _DryRun(Exception):
    pass


@dataclass
class ImportOptions:
    file_format: str = "auto"  # auto, ba-json, csv, xlsx, hr-ba-xml
    kind: str = "offers"  # offers or clients
    source: str | None = None  # default: BA-Jobsuche / HR-BA-XML / the file name
    dry_run: bool = False
    skip_bad_rows: bool = True  # False: one bad row refuses the whole file
    import_similar: bool = False  # clients: also rows that look like a stored client (warned)
    mapping: dict[str, str] | None = None  # spreadsheet columns; default: saved, else suggested
    # True: the file is the source's complete list, its active offers missing from it are
    # retired (`--full`); None: as the file says (HR-BA-XML TypeOfLoad "F", else False).
    full_load: bool | None = None
    # With a full load: only these offer ids may be retired (None: any of the source's).
    retire_scope: Collection[int] | None = None
    # The type of offers whose record states none ("unklar"): a fetch's angebotsart, `--type`.
    offer_type: str | None = None
    hrbaxml_schema_dir: str = ""  # setting import.hrbaxml_schema_dir: the BA's XSD; empty: none
    # CSV: read in exactly this encoding (`--encoding`); None: UTF-8 or Windows-1252, mixed refused
    encoding: str | None = None


_rows = row_dicts


def default_source(path: Path, file_format: str) -> str:
    if file_format in DEFAULT_SOURCES:
        return DEFAULT_SOURCES[file_format]
    return re.sub(r"\s+", " ", path.stem).strip()[:60] or "Tabelle"


class ImportService:
    def __init__(
        self, database: Database, reference: ReferenceData, *, actor: Actor = SYSTEM
    ) -> None:
        self.database = database
        self.reference = reference
        self.actor = actor  # named in the audit entry of every client an import creates/changes

    # -- import ----------------------------------------------------------------------------

    def import_file(
        self,
        path: str | Path,
        options: ImportOptions | None = None,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        options = options or ImportOptions()
        path = Path(path)
        started = time.perf_counter()
        started_at = datetime.now(UTC).replace(microsecond=0)
        report = ImportReport(file_name=path.name, kind=options.kind)
        try:
            batch = self._read(path, options)
        except ImportRefused as refusal:
            report.status, report.message = "refused", refusal.message
            report.errors = _rows(list(refusal.errors))
            report.seconds = time.perf_counter() - started
            return report
        report.file_format = batch.format
        report.source = (options.source or default_source(path, batch.format))[:60]
        report.total = batch.total
        report.schema_checked = batch.schema_checked
        report.bad_rows = len(batch.bad_lines)
        report.errors = _rows(sorted(batch.errors, key=lambda e: e.line))
        report.warnings = _rows(batch.warnings)
        records = len(batch.clients) if options.kind == "clients" else len(batch.offers)
        if batch.errors and not options.skip_bad_rows:
            report.status = "refused"
            report.message = (
                f"Die Datei {path.name} enthält {report.bad_rows} fehlerhafte Zeilen bzw. "
                "Datensätze; nichts wurde übernommen."
            )
        elif not records and not batch.deletions:
            report.status = "refused"
            report.message = f"Die Datei {path.name} enthält keine übernehmbaren Einträge."
        if report.refused:
            report.seconds = time.perf_counter() - started
            return report
        full_load = batch.full_load if options.full_load is None else options.full_load
        report.full_load = full_load
        total = records + len(batch.deletions)

        def step(done: int) -> None:
            if progress is not None:
                progress(done, total)
            if cancelled is not None and cancelled():
                raise _Cancel

        try:
            with self.database.engine.begin() as conn:
                step(0)
                now = utcnow()
                if options.kind == "clients":
                    counts = write_clients(
                        conn,
                        batch,
                        now=now,
                        place_for_postcode=self.reference.gazetteer.place_for_postcode,
                        step=step,
                        actor=self.actor,
                        import_similar=options.import_similar,
                    )
                else:
                    counts = write_offer_rows(
                        conn,
                        batch,
                        report.source,
                        now=now,
                        full_load=full_load,
                        step=step,
                        retire_scope=options.retire_scope,
                    )
                self._fill(report, counts, started, options.dry_run)
                if options.dry_run:
                    raise _DryRun
                report.run_id = self._store(conn, report, path, batch, started_at, full_load)
        except _DryRun:
            pass
        except _Cancel:
            raise ImportCancelled(
                f"Import von {path.name} abgebrochen; die Datenbank ist unverändert."
            ) from None
        return report

    def _read(self, path: Path, options: ImportOptions) -> ImportBatch:
        """The file read and completed; the type `options.offer_type` for offers stating none."""
        if options.offer_type is not None and options.offer_type not in OFFER_TYPES:
            raise ImportRefused(
                f"Unbekannte Angebotsart „{options.offer_type}“ "
                f"(bekannt: {', '.join(OFFER_TYPES)})."
            )
        mapping = options.mapping
        if mapping is None and options.source:
            mapping = self.saved_mapping(options.source, options.kind)
        batch = read_import_file(
            path,
            self.reference,
            file_format=options.file_format,
            kind=options.kind,
            mapping=mapping,
            skills=self._skill_lookup() if options.kind == "offers" else None,
            hrbaxml_schema_dir=options.hrbaxml_schema_dir,
            encoding=options.encoding,
        )
        if options.kind == "offers":
            if options.offer_type is not None:
                batch.apply_offer_type(options.offer_type)
            if "lat" in batch.fields:  # where coordinates are written, so is their kind
                batch.fields = batch.fields | {"place_approximate"}
        return batch

    def retire_preview(
        self, path: str | Path, options: ImportOptions | None = None
    ) -> tuple[bool, list[RetiredOffer]]:
        """(full load?, what it would retire because the file lacks it), changing nothing.

        Full: `options.full_load`, else what the file says (HR-BA-XML TypeOfLoad "F"). Offers the
        file deletes explicitly are not listed here (the import report lists them). A file that
        cannot be imported gives (False, []): the import itself says why.
        """
        options = options or ImportOptions()
        path = Path(path)
        try:
            batch = self._read(path, options)
        except ImportRefused:
            return False, []
        full = batch.full_load if options.full_load is None else options.full_load
        if not full or options.kind != "offers":
            return full, []
        source = (options.source or default_source(path, batch.format))[:60]
        in_file = {record.reference for record in batch.offers}
        in_file.update(reference for _, reference in batch.deletions)
        with self.database.engine.connect() as conn:
            return True, would_retire(conn, source, in_file, options.retire_scope)

    @staticmethod
    def _fill(report: ImportReport, counts: WriteCounts, started: float, dry_run: bool) -> None:
        report.add_counts(counts)
        report.changed_offer_ids = [] if dry_run else counts.changed_ids
        report.status = "dry-run" if dry_run else "imported"
        report.seconds = round(time.perf_counter() - started, 3)

    @staticmethod
    def _store(
        conn: Any,
        report: ImportReport,
        path: Path,
        batch: ImportBatch,
        started_at: datetime,
        full_load: bool,
    ) -> int:
        sha256 = hashlib.sha256()
        with path.open("rb") as stream:
            for chunk in iter(lambda: stream.read(1 << 20), b""):
                sha256.update(chunk)
        return store_run(
            conn, report, sha256=sha256.hexdigest(), started_at=started_at, full_load=full_load
        )

    def _skill_lookup(self) -> SkillLookup:
        """Skill names to codes by the office's vocabulary (read once per import)."""
        return SkillService(self.database).resolver().resolve_many

    # -- history -----------------------------------------------------------------------------

    def history(self, limit: int = 100) -> list[dict[str, Any]]:
        """Past imports, newest first (without the full reports)."""
        with self.database.session() as session:
            runs = session.execute(
                select(ImportRun).order_by(ImportRun.id.desc()).limit(limit)  # type: ignore[union-attr]
            ).scalars()
            return [run.model_dump(exclude={"report"}) for run in runs]

    def stored_report(self, run_id: int) -> dict[str, Any] | None:
        with self.database.session() as session:
            run = session.get(ImportRun, run_id)
            return json.loads(run.report) if run is not None and run.report else None

    # -- column mappings ---------------------------------------------------------------------

    def saved_mapping(self, source: str, kind: str = "offers") -> dict[str, str] | None:
        with self.database.session() as session:
            text = session.execute(
                select(ColumnMapping.mapping).where(
                    ColumnMapping.source == source[:60], ColumnMapping.kind == kind
                )
            ).scalar_one_or_none()
        return dict(json.loads(text)) if text else None

    def save_mapping(self, source: str, mapping: dict[str, str], kind: str = "offers") -> None:
        known = {c.field for c in OFFER_COLUMNS}
        unknown = sorted(set(mapping.values()) - known) if kind == "offers" else []
        if unknown:
            raise UserError(f"Unbekannte Felder in der Spaltenzuordnung: {', '.join(unknown)}.")
        source = source[:60]  # the column's length: look up what is stored
        with self.database.session() as session:
            row = session.execute(
                select(ColumnMapping).where(
                    ColumnMapping.source == source, ColumnMapping.kind == kind
                )
            ).scalar_one_or_none()
            row = row or ColumnMapping(source=source[:60], kind=kind)
            row.mapping = json.dumps(mapping, ensure_ascii=False)
            row.updated_at = utcnow()
            session.add(row)
            session.commit()

    # -- export ------------------------------------------------------------------------------

    def export_offers(
        self, path: str | Path, *, source: str | None = None, include_inactive: bool = False
    ) -> int:
        """Write offers (of one source, or all active) as CSV or XLSX; returns how many.

        Coordinates that are only a postcode or place centre (`place_approximate`) are left out:
        the file would pass them off as the offer's own, and importing it again finds them anew.
        """
        path = Path(path)
        if export_format(path) is None:
            raise UserError(f"Export nur als .csv oder .xlsx möglich, nicht „{path.suffix}“.")
        fields = [c.field for c in OFFER_COLUMNS]
        query = select(*(getattr(Offer, f) for f in fields), Offer.place_approximate).order_by(
            Offer.source, Offer.reference
        )
        if source:
            query = query.where(Offer.source == source)
        if not include_inactive:
            query = query.where(Offer.active.is_(True))  # type: ignore[attr-defined]
        labels = SkillService(self.database).labels()
        with self.database.engine.connect() as conn:
            rows = (_exported(fields, row) for row in conn.execute(query))
            try:
                return write_offers(path, rows, skill_labels=labels)
            except OSError as exc:
                raise UserError(f"Die Datei {path} kann nicht geschrieben werden: {exc}") from exc


def _exported(fields: list[str], row: Any) -> dict[str, Any]:
    values = dict(zip(fields, row[:-1], strict=True))
    if row[-1]:  # place_approximate
        values["lat"] = values["lon"] = None
    return values
