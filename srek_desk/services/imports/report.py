"""What an import reports: counts, what it retired, rows with errors and hints; as JSON and German text.

The JSON fields (`as_dict`) are a contract of `srek-desk import --json`: never renamed, only added.
`retired` and `deactivated` are the same number (the older name kept); `retired_offers` names
each offer set inactive (reference and title). `type_unknown`, `approximate_place`,
`place_unknown` and `uncoded` count the file's offers after the import: of unknown type ("Art
unklar"), placed at a postcode or place centre, placed nowhere ("Arbeitsort unbekannt"), and
without a KldB code.

The history (`import_run.report`) keeps a client import without personal data: a problem that
names a person (`PersonalRowError`, the look-alike warning) is stored in its impersonal form
(row number, the stored client's pseudonym), and every other problem of a client import loses
the cell values it quotes and the Kundennummer it names (`impersonal_problems`). The report
returned to the caller, shown once to the person importing, keeps them.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlalchemy import insert

from srek_desk.db.models import ImportRun, utcnow
from srek_desk.importers.detect import FORMATS
from srek_desk.importers.errors import RowError
from srek_desk.importers.values import german_count
from srek_desk.services.imports.offers import WriteCounts

RETIRED_SHOWN = 20  # offers listed by name in the text (the JSON lists all)


def row_dicts(errors: list[RowError]) -> list[dict[str, Any]]:
    return [{"line": e.line, "field": e.field, "message": e.message} for e in errors]


@dataclass(frozen=True)
class PersonalRowError(RowError):
    """A problem whose message names a person; `impersonal` says it without the person."""

    impersonal: str = ""


# A quoted cell value („29.11.1987x“), but not the column a message names (Spalte „PLZ“).
_QUOTED_VALUE = re.compile(r"(?<!Spalte )„[^“]*“")
_CUSTOMER_NUMBER = re.compile(r"Kundennummer \S+ steht schon")


def impersonal_message(message: str) -> str:
    """A client import's problem without the values of the row: quoted cell values become „…“,
    a named Kundennummer becomes "Kundennummer …"; line and column stay."""
    return _CUSTOMER_NUMBER.sub("Kundennummer … steht schon", _QUOTED_VALUE.sub("„…“", message))


def impersonal_problems(
    problems: list[dict[str, Any]], replacements: dict[str, str]
) -> list[dict[str, Any]]:
    """`problems` as the history keeps them for a client import (see `impersonal_message`)."""
    return [
        {**p, "message": replacements.get(p["message"]) or impersonal_message(p["message"])}
        for p in problems
    ]


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
    deactivated: int = 0  # = retired (the older name)
    bad_rows: int = 0
    employers_created: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    run_id: int | None = None
    schema_checked: bool | None = None  # HR-BA-XML: checked against the BA's XSD (else None)
    # The file counted as the source's complete list; None: not imported, or a report stored
    # before this field existed.
    full_load: bool | None = None
    retired: int = 0
    retired_offers: list[dict[str, str]] = field(default_factory=list)  # {reference, title}
    type_unknown: int = 0
    approximate_place: int = 0
    place_unknown: int = 0
    uncoded: int = 0
    # Offers new or changed by this import and active afterwards (for "new chances"); filled
    # on a real import only, and kept out of as_dict(): it can hold many thousands of ids.
    changed_offer_ids: list[int] = field(default_factory=list, repr=False)
    # Messages naming a person → the same without the person (for the stored history only).
    impersonal: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def refused(self) -> bool:
        return self.status == "refused"

    def as_dict(self) -> dict[str, Any]:
        """The report as stored with the import run and printed as JSON (without the ids)."""
        data = asdict(replace(self, changed_offer_ids=[], impersonal={}))
        del data["changed_offer_ids"], data["impersonal"]
        return data

    def stored_dict(self) -> dict[str, Any]:
        """`as_dict` as the import history keeps it: a client import without personal data."""
        data = self.as_dict()
        if self.kind == "clients":
            for key in ("errors", "warnings"):
                data[key] = impersonal_problems(data[key], self.impersonal)
        return data

    def add_counts(self, counts: WriteCounts) -> None:
        """What `services.imports.offers.write_offers` (or write_clients) counted and retired."""
        self.new, self.updated = counts.new, counts.updated
        self.unchanged, self.employers_created = counts.unchanged, counts.employers_created
        self.deactivated = self.retired = counts.deactivated
        self.retired_offers = [offer.as_dict() for offer in counts.retired]
        self.type_unknown, self.uncoded = counts.type_unknown, counts.uncoded
        self.approximate_place, self.place_unknown = counts.approximate_place, counts.place_unknown
        self.warnings += row_dicts(counts.warnings)
        self.impersonal.update(
            (w.message, w.impersonal) for w in counts.warnings if isinstance(w, PersonalRowError)
        )

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
            if self.kind == "offers":
                lines += self._offer_lines()
            if self.schema_checked is not None:
                lines.append(
                    "Gegen das XSD der BA geprüft: keine Abweichungen."
                    if self.schema_checked
                    else "Nur auf Aufbau geprüft, nicht gegen das XSD der BA."
                )
        lines += self.problem_lines()
        return "\n".join(lines)

    def problem_lines(self) -> list[str]:
        """ "Fehler:" and "Hinweise:" with one indented line each (none when there are none)."""
        lines = []
        if self.errors:
            lines.append("Fehler:")
            lines += [f"  {e['message']}" for e in self.errors]
        if self.warnings:
            lines.append("Hinweise:")
            lines += [f"  {w['message']}" for w in self.warnings]
        return lines

    def retired_lines(self, heading: str) -> list[str]:
        """`heading (N):` and the retired offers by reference and title, the first RETIRED_SHOWN."""
        if not self.retired_offers:
            return []
        lines = [f"{heading} ({german_count(self.retired)}):"]
        lines += [
            f"  {offer['reference']} – {offer['title']}"
            for offer in self.retired_offers[:RETIRED_SHOWN]
        ]
        if self.retired > RETIRED_SHOWN:
            lines.append(f"  … und {german_count(self.retired - RETIRED_SHOWN)} weitere")
        return lines

    def offer_counts(self) -> list[str]:
        """ "3 Art unklar", "12 ohne KldB-Kennziffer" …: only the counts that are not zero."""
        known = [
            (self.type_unknown, "Art unklar"),
            (self.approximate_place, "Arbeitsort ungefähr (Mitte von PLZ bzw. Ort)"),
            (self.place_unknown, "Arbeitsort unbekannt (keine Entfernung)"),
            (self.uncoded, "ohne KldB-Kennziffer"),
        ]
        return [f"{german_count(count)} {label}" for count, label in known if count]

    def _offer_lines(self) -> list[str]:
        lines = []
        said = self.offer_counts()
        if said:
            lines.append("Angebote der Datei: " + "; ".join(said) + ".")
        lines += self.retired_lines(
            "Würden deaktiviert" if self.status == "dry-run" else "Deaktiviert"
        )
        if self.full_load is False:
            lines.append(
                "Nicht als vollständige Liste der Quelle eingelesen: Angebote, die in der Datei "
                "fehlen, bleiben aktiv."
            )
        return lines


def store_run(
    conn: Any, report: ImportReport, *, sha256: str, started_at: datetime, full_load: bool
) -> int:
    """Keep the report in the import history (`import_run`); returns the run's id."""
    return int(
        conn.execute(
            insert(ImportRun)
            .values(
                kind=report.kind,
                source=report.source,
                file_name=report.file_name[:255],
                file_format=report.file_format,
                file_sha256=sha256,
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
                report=json.dumps(report.stored_dict(), ensure_ascii=False, default=str),
            )
            .returning(ImportRun.id)
        ).scalar_one()
    )
