"""Import use case: read a file, write offers or clients in one transaction, keep a report and a history.

A file lands whole (minus the rows reported as bad when `skip_bad_rows` is chosen) or not at all.
Dry runs and cancelled imports roll back; refused files leave the database exactly as it was
(they are not written to the history either). Progress goes through `progress(done, total)`,
cancelling through `cancelled()`.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from srek_desk.db.models import ColumnMapping, ImportRun, Offer, utcnow
from srek_desk.errors import UserError
from srek_desk.importers.detect import FORMATS
from srek_desk.importers.errors import ImportRefused, RowError
from srek_desk.importers.export import export_format, write_offers
from srek_desk.importers.offer_table import OFFER_COLUMNS
from srek_desk.importers.reader import read_import_file
from srek_desk.importers.records import ImportBatch
from srek_desk.importers.skills import SkillLookup
from srek_desk.reference.catalog import ReferenceData
from srek_desk.services.core.database import Database
from srek_desk.services.imports.clients import write_clients
from srek_desk.services.imports.offers import WriteCounts
from srek_desk.services.imports.offers import write_offers as write_offer_rows
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
    full_load: bool | None = None  # None: as the file says (HR-BA-XML TypeOfLoad, else True)


@dataclass
class ImportReport:
    file_name: str
    kind: str = "offers"
    file_format: str = ""
    source: str = ""
    status: str = "imported"  # imported, dry-run, refused
    message: str = ""
    total: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    bad_rows: int = 0
    employers_created: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    run_id: int | None = None
    # Offers new or changed by this import and active afterwards (for "new chances"); filled
    # on a real import only, and kept out of as_dict(): it can hold many thousands of ids.
    changed_offer_ids: list[int] = field(default_factory=list, repr=False)

    @property
    def refused(self) -> bool:
        return self.status == "refused"

    def as_dict(self) -> dict[str, Any]:
        """The report as stored with the import run and printed as JSON (without the ids)."""
        data = asdict(replace(self, changed_offer_ids=[]))
        del data["changed_offer_ids"]
        return data

    def text(self) -> str:
        """The report in German, as the CLI prints it."""
        what = "Klient:innen" if self.kind == "clients" else "Angebote"
        lines = []
        if self.refused:
            lines.append(f"Import abgelehnt: {self.message}")
        else:
            head = (
                "Probelauf (nichts gespeichert)"
                if self.status == "dry-run"
                else "Import abgeschlossen"
            )
            lines.append(
                f"{head}: {self.file_name} ({FORMATS.get(self.file_format, self.file_format)}, "
                f"Quelle „{self.source}“) in {self.seconds:.1f} s"
            )
            lines.append(
                f"{what}: {self.new} neu, {self.updated} geändert, {self.unchanged} unverändert, "
                f"{self.deactivated} deaktiviert; {self.bad_rows} fehlerhafte Zeilen übersprungen"
                f" (von {self.total} gelesen)."
            )
        if self.errors:
            lines.append("Fehler:")
            lines += [f"  {e['message']}" for e in self.errors]
        if self.warnings:
            lines.append("Hinweise:")
            lines += [f"  {w['message']}" for w in self.warnings]
        return "\n".join(lines)


def _rows(errors: list[RowError]) -> list[dict[str, Any]]:
    return [{"line": e.line, "field": e.field, "message": e.message} for e in errors]


def default_source(path: Path, file_format: str) -> str:
    if file_format in DEFAULT_SOURCES:
        return DEFAULT_SOURCES[file_format]
    return re.sub(r"\s+", " ", path.stem).strip()[:60] or "Tabelle"


class ImportService:
    def __init__(self, database: Database, reference: ReferenceData) -> None:
        self.database = database
        self.reference = reference

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
            )
        except ImportRefused as refusal:
            report.status, report.message = "refused", refusal.message
            report.seconds = time.perf_counter() - started
            return report
        report.file_format = batch.format
        report.source = (options.source or default_source(path, batch.format))[:60]
        report.total = batch.total
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
                        import_similar=options.import_similar,
                    )
                else:
                    counts = write_offer_rows(
                        conn, batch, report.source, now=now, full_load=full_load, step=step
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

    @staticmethod
    def _fill(report: ImportReport, counts: WriteCounts, started: float, dry_run: bool) -> None:
        report.new, report.updated = counts.new, counts.updated
        report.unchanged, report.deactivated = counts.unchanged, counts.deactivated
        report.employers_created = counts.employers_created
        report.changed_offer_ids = [] if dry_run else counts.changed_ids
        report.warnings += _rows(counts.warnings)
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
        return int(
            conn.execute(
                insert(ImportRun)
                .values(
                    kind=report.kind,
                    source=report.source,
                    file_name=report.file_name[:255],
                    file_format=report.file_format,
                    file_sha256=sha256.hexdigest(),
                    started_at=started_at,
                    finished_at=utcnow(),
                    full_load=full_load,
                    total=report.total,
                    new=report.new,
                    updated=report.updated,
                    unchanged=report.unchanged,
                    deactivated=report.deactivated,
                    bad_rows=report.bad_rows,
                    warnings=len(report.warnings),
                    report=json.dumps(report.as_dict(), ensure_ascii=False, default=str),
                )
                .returning(ImportRun.id)
            ).scalar_one()
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
        """Write offers (of one source, or all active) as CSV or XLSX; returns how many."""
        path = Path(path)
        if export_format(path) is None:
            raise UserError(f"Export nur als .csv oder .xlsx möglich, nicht „{path.suffix}“.")
        fields = [c.field for c in OFFER_COLUMNS]
        query = select(*(getattr(Offer, f) for f in fields)).order_by(Offer.source, Offer.reference)
        if source:
            query = query.where(Offer.source == source)
        if not include_inactive:
            query = query.where(Offer.active.is_(True))  # type: ignore[attr-defined]
        labels = SkillService(self.database).labels()
        with self.database.engine.connect() as conn:
            rows = (dict(zip(fields, row, strict=True)) for row in conn.execute(query))
            try:
                return write_offers(path, rows, skill_labels=labels)
            except OSError as exc:
                raise UserError(f"Die Datei {path} kann nicht geschrieben werden: {exc}") from exc
