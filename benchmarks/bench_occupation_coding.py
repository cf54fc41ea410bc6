"""Accuracy of occupation coding: the BA job-title list, before (plain resolver) and after (coder).

Reads the BA "VAM Berufe" list from ../shared/data/ba_berufe_vam/ba_vam_berufe_dkz_kldb.csv
(reference data for tests only, never shipped; without it the script says so and exits 0).
Its Ausbildungsberufe are the rows of typ "A" with lbkgruppe 100 (dual), 105 (two-year),
110 (with Fachrichtung) or 120 (with Schwerpunkt); see ../shared/data/ausbildungsberufe/SOURCE.md.

Figures, each for the plain resolver of before (search, score >= 85, then the part before
"Fachrichtung"/"Schwerpunkt"; run here over today's catalogue index, which also knows the second
name of pairs like "Maschinen- und Gerätezusammensetzer/in") and for today's coder
(`OccupationCatalog.code`), in the same run:
- exact: share of titles whose code is in the shipped catalogue that get exactly that code;
- confident: how many titles get a code at all, and the share of those right at 5 and 3 digits;
- the same for job-ad wrappings of the titles ("Ausbildung zum {title} (m/w/d) 2027" …);
- time per distinct title, and with the official KldB file loaded as an office would: first
  with its titles and Kurztitel only (what the import gave before), then imported into a
  temporary database with its example names ("Zugeordnete Berufe") as synonyms and read back
  as the app reads it (`import_kldb_file`, `office_occupations`, `ReferenceData`).

    .venv/bin/python benchmarks/bench_occupation_coding.py [--misses]
"""

from __future__ import annotations

import argparse
import csv
import html
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from srek_desk.importers.kldb_csv import parse_kldb_csv  # noqa: E402
from srek_desk.reference.catalog import ReferenceData  # noqa: E402
from srek_desk.reference.occupations import Occupation, OccupationCatalog  # noqa: E402
from srek_desk.services.core.database import open_database  # noqa: E402
from srek_desk.services.offers.occupations import (  # noqa: E402
    import_kldb_file,
    office_occupations,
)

SHARED = ROOT.parent / "shared" / "data"
VAM_TITLES = SHARED / "ba_berufe_vam" / "ba_vam_berufe_dkz_kldb.csv"
KLDB = SHARED / "kldb" / "kldb2010_v2020_gliederung_mit_erlaeuterung.csv"
TRAINING_GROUPS = frozenset({"100", "105", "110", "120"})
WRAPPINGS = (
    "Ausbildung zum {title} (m/w/d) 2027",
    "{title} - Azubi",
    "Azubi {title}",
    "{title} (Ausbildung)",
)
GOAL_EXACT, GOAL_CONFIDENT = 0.95, 0.90
_SPECIALISATION = re.compile(r"\b(?:Fachrichtung|Schwerpunkt|Fachbereich)\b")
_EXAMPLE = re.compile(r"(\d{5})-\d{3}\s+(.+?)(?=\s+\d{5}-\d{3}\s|$)")

Coder = Callable[[OccupationCatalog, str], Occupation | None]


@dataclass(frozen=True)
class Title:
    title: str
    code: str  # the 5-digit KldB code of the BA list


@dataclass(frozen=True)
class Figures:
    titles: int
    known: int  # titles whose code is in the catalogue
    exact: float  # share of `known` coded exactly
    confident: int  # titles that got a code
    right5: float  # share of `confident` right at 5 digits
    right3: float  # … and at 3 digits

    def line(self, label: str) -> str:
        return (
            f"{label:<34} exact {self.exact:6.1%} of {self.known:3d} | coded {self.confident:3d} "
            f"of {self.titles:3d}, right {self.right5:6.1%} (5 digits), {self.right3:6.1%} (3 digits)"
        )


def read_training_titles(path: Path = VAM_TITLES) -> list[Title]:
    """The Ausbildungsberufe of the BA list with their KldB code."""
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)  # "lbkgruppe" appears three times; the first one is filled
        typ, group, title, bkz = (
            header.index(c) for c in ("typ", "lbkgruppe", "bezeichnung", "_bkz")
        )
        return [
            Title(row[title], row[bkz][2:7])
            for row in reader
            if row[typ] == "A" and row[group] in TRAINING_GROUPS
        ]


def plain_resolve(catalog: OccupationCatalog, name: str) -> Occupation | None:
    """The resolver before the coder (as of schema 0010), for the before/after figures."""
    text = name.strip()
    bkz = re.fullmatch(r"(?:B\s*)?(\d{5})(?:-\d{1,3})?", text)
    if bkz:
        return catalog.get(bkz.group(1))
    hits = catalog.search(text, limit=1)
    if hits and hits[0].score >= 85:
        return hits[0].occupation
    marker = _SPECIALISATION.search(text)
    if marker and marker.start() > 0:
        hits = catalog.search(text[: marker.start()], limit=1)
        if hits and hits[0].score >= 85:
            return hits[0].occupation
    return None


def coder(catalog: OccupationCatalog, name: str) -> Occupation | None:
    coding = catalog.code(name)
    return coding.occupation if coding.confident else None


def measure(
    catalog: OccupationCatalog, titles: list[Title], code: Coder, wrapping: str = "{title}"
) -> tuple[Figures, list[tuple[Title, Occupation | None]]]:
    """Figures for one coder over the titles (each wrapped), and the titles it got wrong."""
    codes = {o.code for o in catalog}
    answers = {t.title: code(catalog, wrapping.format(title=t.title)) for t in titles}
    known = [t for t in titles if t.code in codes]
    exact = sum(1 for t in known if (a := answers[t.title]) is not None and a.code == t.code)
    coded = [(t, a) for t in titles if (a := answers[t.title]) is not None]
    right5 = sum(1 for t, a in coded if a.code == t.code)
    right3 = sum(1 for t, a in coded if a.code[:3] == t.code[:3])
    wrong = [
        (t, answers[t.title])
        for t in titles
        if (t.code in codes or answers[t.title] is not None)
        and (answers[t.title] is None or answers[t.title].code != t.code)  # type: ignore[union-attr]
    ]
    figures = Figures(
        titles=len(titles),
        known=len(known),
        exact=exact / len(known) if known else 0.0,
        confident=len(coded),
        right5=right5 / len(coded) if coded else 0.0,
        right3=right3 / len(coded) if coded else 0.0,
    )
    return figures, wrong


def official_examples(path: Path = KLDB) -> list[Occupation]:
    """The "Zugeordnete Berufe (Beispiele)" the official KldB file lists per Berufsgattung.

    Read here on their own, to take them out for the figures without them and to check that the
    KldB import keeps them all. They come from the same BA naming as the job-title list, so the
    figures with them are not an independent test.
    """
    found: list[Occupation] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        level, further = header.index("Ebene"), header.index("Umfasst ferner")
        for row in reader:
            if len(row) <= further or row[level] != "5":
                continue
            text = html.unescape(row[further]).replace("\u00a0", " ")
            for code, name in _EXAMPLE.findall(text):
                name = name.strip()
                if name and code[4] in "1234":
                    found.append(Occupation(code, name))
    return found


def office_catalogue(path: Path = KLDB) -> OccupationCatalog:
    """The catalogue of an office that loaded the file: imported, stored, read back, merged."""
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "bench.sqlite3")
        try:
            import_kldb_file(database, path)
            return ReferenceData(lambda: office_occupations(database)).occupations
        finally:
            database.dispose()


def time_per_title(catalog: OccupationCatalog, titles: list[Title], code: Coder) -> float:
    names = sorted({t.title for t in titles})
    started = time.perf_counter()
    for name in names:
        code(catalog, name)
    return (time.perf_counter() - started) / len(names) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the titles coded wrongly")
    args = parser.parse_args()
    if not VAM_TITLES.is_file():
        print(f"The BA job-title list is not here ({VAM_TITLES}); nothing measured.")
        return 0
    titles = read_training_titles()
    catalog = OccupationCatalog.load()
    print(
        f"{len(titles)} Ausbildungsberufe of the BA list, shipped catalogue ({len(catalog)} entries)"
    )
    print(
        f"goals: exact >= {GOAL_EXACT:.0%}, confident answers right (5 digits) >= {GOAL_CONFIDENT:.0%}"
    )
    for label, code in (("before (plain resolver)", plain_resolve), ("after (coder)", coder)):
        print(f"\n{label}")
        for wrapping in ("{title}", *WRAPPINGS):
            figures, wrong = measure(catalog, titles, code, wrapping)
            print("  " + figures.line(wrapping))
            if args.misses and wrapping == "{title}" and code is coder:
                for title, answer in wrong:
                    got = f"{answer.code} {answer.name}" if answer else "ohne Kennziffer"
                    print(f"    {title.code}  {title.title}  ->  {got}")
        ms = time_per_title(catalog, titles, code)
        print(f"  time: {ms:.2f} ms per distinct title (uncached)")
    if KLDB.is_file():
        official = parse_kldb_csv(KLDB)
        examples = official_examples()
        example_names = {(o.code, o.name) for o in examples}
        catalog.extend(
            replace(o, synonyms=tuple(s for s in o.synonyms if (o.code, s) not in example_names))
            for o in official.occupations
        )
        catalog.add_group_names(official.groups)
        print(
            f"\nwith the official KldB file loaded, titles and Kurztitel only ({len(catalog)} entries)"
        )
        for label, code in (("before (plain resolver)", plain_resolve), ("after (coder)", coder)):
            figures, _wrong = measure(catalog, titles, code)
            print("  " + figures.line(label))
        plain_ms = time_per_title(catalog, titles, coder)
        print(f"  time: {plain_ms:.2f} ms per distinct title (uncached)")

        loaded = office_catalogue()
        stored = {(o.code, s) for o in loaded for s in (o.name, *o.synonyms)}
        kept = sum(1 for e in examples if (e.code, e.name) in stored)
        print(
            "\nwith the official KldB file loaded (example names as synonyms): imported into a "
            f"database and read back, {kept} of the {len(examples)} example names "
            '("Zugeordnete Berufe") found by this script are in the catalogue (same BA naming as '
            "the list: not an independent measure)"
        )
        figures, _wrong = measure(loaded, titles, coder)
        print("  " + figures.line("after (coder)"))
        ms = time_per_title(loaded, titles, coder)
        print(
            f"  time: {ms:.2f} ms per distinct title (uncached), "
            f"{plain_ms:.2f} ms with titles and Kurztitel only"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
