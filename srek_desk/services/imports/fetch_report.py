"""What a fetch from the Jobbörse reports: the import report's fields plus the search and its pages.

The JSON (`as_dict`) is that of `srek-desk import --json` plus `query` (was, wo, umkreis,
angebotsart, name), `pages`, `max_results` (what the Jobbörse counts for the search),
`not_fetched`, `complete` and `notes`; a contract of `srek-desk fetch --json`: only additions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from srek_desk.importers.jobboerse_pages import SearchQuery
from srek_desk.importers.values import german_count
from srek_desk.services.imports.report import ImportReport

SOURCE = "BA-Jobsuche"  # as a BA JSON file: a fetched offer and the same offer in a file are one
_QUERY_KEYS = ("angebotsart", "was", "wo", "umkreis")


@dataclass
class FetchReport(ImportReport):
    """An import report with what the fetch adds: the search, pages, and what was not fetched."""

    query: dict[str, Any] = field(default_factory=dict)  # was, wo, umkreis, angebotsart, name
    pages: int = 0
    max_results: int = 0  # offers the Jobbörse counts for the search
    not_fetched: int = 0
    complete: bool = False  # every offer arrived (then vanished ones of a saved search retire)
    notes: list[str] = field(default_factory=list)

    def what(self) -> str:
        """The saved search's name, else what was searched (German)."""
        if self.query.get("name"):
            return f"gespeicherte Suche „{self.query['name']}“"
        try:
            return SearchQuery(**{k: self.query[k] for k in _QUERY_KEYS}).describe()
        except (KeyError, TypeError):
            return self.file_name

    def text(self) -> str:
        """The report in German, as the CLI prints it and the window shows it."""
        if self.status == "failed":
            return f"Abruf von der Jobbörse fehlgeschlagen ({self.what()}): {self.message}"
        seconds = f"{self.seconds:.1f}".replace(".", ",")
        lines = [
            f"Von der Jobbörse abgerufen, {self.what()}: {german_count(self.total)} Angebote "
            f"auf {self.pages} Seite(n) in {seconds} s (Quelle „{self.source}“).",
            f"Angebote: {self.new} neu, {self.updated} geändert, {self.unchanged} unverändert, "
            f"{self.deactivated} deaktiviert; {self.bad_rows} fehlerhafte Datensätze "
            f"übersprungen (von {self.total} gelesen).",
        ]
        said = self.offer_counts()
        if said:
            lines.append("Angebote des Abrufs: " + "; ".join(said) + ".")
        lines += self.retired_lines("Deaktiviert, weil nicht mehr in dieser Suche")
        lines += self.notes
        if not self.query.get("name"):
            lines.append(
                "Einmaliger Abruf (nicht gespeichert): Angebote, die die Jobbörse nicht mehr "
                "zeigt, bleiben aktiv."
            )
        lines += self.problem_lines()
        return "\n".join(lines)


def failed_report(label: str, query: dict[str, Any], message: str) -> FetchReport:
    """A fetch that failed (nothing stored), for --all-saved and --json."""
    return FetchReport(
        file_name=label, source=SOURCE, status="failed", message=message, query=query
    )
