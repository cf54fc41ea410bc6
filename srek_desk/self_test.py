"""Headless self-test for IT staff and the frozen build: database, reference data, window.

Each step reports ok and a short German detail; a failing step never stops the others.
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class StepResult:
    name: str
    ok: bool
    detail: str
    seconds: float


@dataclass
class SelfTestReport:
    steps: list[StepResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(step.ok for step in self.steps)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "steps": [
                {"name": s.name, "ok": s.ok, "detail": s.detail, "seconds": round(s.seconds, 3)}
                for s in self.steps
            ],
        }


def run_self_test(*, with_window: bool = True) -> SelfTestReport:
    from srek_desk.db.migrate import current_revision, head_revision
    from srek_desk.reference.catalog import ReferenceData
    from srek_desk.reference.qualifications import SCHOOL_LEVELS, VOCATIONAL_LEVELS
    from srek_desk.services.core.database import Database, open_database
    from srek_desk.services.demo.generator import DemoGenerator

    report = SelfTestReport()
    state: dict[str, Any] = {}

    def step(name: str, action: Callable[[], str]) -> None:
        started = time.perf_counter()
        try:
            detail = action()
            report.steps.append(StepResult(name, True, detail, time.perf_counter() - started))
        except Exception as exc:  # a self-test reports every failure instead of stopping
            text = f"{type(exc).__name__}: {exc}"
            if os.environ.get("SREK_DEBUG"):
                text += "\n" + traceback.format_exc()
            report.steps.append(StepResult(name, False, text, time.perf_counter() - started))

    with tempfile.TemporaryDirectory(prefix="srek-selftest-") as folder:
        db_file = Path(folder) / "selftest.sqlite3"

        def database() -> str:
            state["db"] = open_database(db_file)
            revision = current_revision(state["db"].engine)
            if revision != head_revision():
                raise RuntimeError(f"Schema {revision} statt {head_revision()}")
            return f"angelegt und migriert (Schema {revision})"

        def integrity() -> str:
            db: Database = state["db"]
            problems = db.integrity_problems()
            if problems:
                raise RuntimeError("; ".join(problems[:5]))
            return "integrity_check ok, Fremdschlüssel ok"

        def gazetteer() -> str:
            reference = state.setdefault("reference", ReferenceData())
            places = reference.gazetteer
            kassel = places.place_for_postcode("34117")
            if kassel is None or kassel.state != "HE":
                raise RuntimeError("34117 Kassel nicht gefunden")
            return f"{len(places)} Postleitzahlen geladen"

        def occupations() -> str:
            reference = state.setdefault("reference", ReferenceData())
            hit = reference.occupations.search("Mechatroniker/in", limit=1)
            if not hit:
                raise RuntimeError("Mechatroniker/in nicht gefunden")
            return f"{len(reference.occupations)} Berufe geladen, Suche ok"

        def qualifications() -> str:
            if not SCHOOL_LEVELS or not VOCATIONAL_LEVELS:
                raise RuntimeError("Abschlüsse fehlen")
            return (
                f"{len(SCHOOL_LEVELS)} Schulabschlüsse, {len(VOCATIONAL_LEVELS)} Berufsabschlüsse"
            )

        def demo() -> str:
            result = DemoGenerator(state["db"], state["reference"]).generate(
                offers=50, clients=20, seed=7
            )
            return f"{result.offers} Angebote, {result.clients} Klient:innen erzeugt"

        def sheet() -> str:
            from srek_desk.sheets.render import render_sheet
            from srek_desk.sheets.sample import sample_sheet

            result = render_sheet(sample_sheet(), Path(folder) / "sheet.pdf")
            if result.page_count < 1 or not result.data.startswith(b"%PDF"):
                raise RuntimeError("kein PDF erzeugt")
            return f"Beispielblatt: {result.page_count} Seite(n), {len(result.data) // 1024} KB"

        def window() -> str:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            from srek_desk.app import build_window_for_self_test

            return build_window_for_self_test(state["db"], state["reference"])

        step("Datenbank", database)
        if "db" in state:
            step("Integrität", integrity)
        step("Postleitzahlen", gazetteer)
        step("Berufe (KldB 2010)", occupations)
        step("Schul- und Berufsabschlüsse", qualifications)
        step("Chancenblatt (PDF)", sheet)
        if "db" in state and "reference" in state:
            step("Demo-Daten", demo)
            if with_window:
                step("Hauptfenster", window)
        if "db" in state:
            state["db"].dispose()
    return report
