"""Occupation catalogue (KldB 2010, Fassung 2020): Berufsgattungen, group names, search and resolver.

The shipped catalogue lives in `resources/occupations/`: `occupations.csv` (5-digit codes with the
names counsellors use, gendered forms and synonyms), `kldb_groups.csv` (names of the 1- to 3-digit
levels) and `related.csv` (neighbouring occupations). The office may add the complete official list
through `extend()` (see `srek_desk.importers.kldb_csv`).

Search is gender-, umlaut- and punctuation-insensitive: "Mechatronikerin", "Koechin" and
"Kaufmann/Kauffrau im Einzelhandel" fold to the keys of "Mechatroniker/in", "Koch/Köchin" and
"Kaufmann/-frau im Einzelhandel" (the search keys are made in `occupation_text`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz, process

from srek_desk.paths import resource
from srek_desk.reference.occupation_text import (
    elided_variant,
    is_exact_only,
    normalise,
    token_score,
)
from srek_desk.reference.occupation_types import (
    REQUIREMENT_LEVEL_LONG_NAMES,
    REQUIREMENT_LEVELS,
    Occupation,
    OccupationCoding,
    OccupationHit,
)
from srek_desk.reference.title_coding import CONFIDENT_SCORE, code_title

_MIN_HIT_SCORE = 40.0  # below this a "hit" shares no word with the query
_YES = frozenset({"ja", "j", "yes", "y", "1", "true", "x"})


# -- loading --------------------------------------------------------------------------------


def _read_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter=";")


def _occupation_from_row(row: Mapping[str, str]) -> Occupation:
    synonyms = [s.strip() for s in (row.get("synonyms") or "").split("|") if s.strip()]
    male, female = (row.get("male") or "").strip(), (row.get("female") or "").strip()
    name = row["name"].strip()
    ordered = dict.fromkeys(s for s in (male, female, *synonyms) if s and s != name)
    months = (row.get("training_months") or "").strip()
    return Occupation(
        code=row["code"].strip(),
        name=name,
        synonyms=tuple(ordered),
        is_ausbildung=(row.get("ausbildung") or "").strip().lower() in _YES,
        training_months=int(months) if months else None,
        male=male,
        female=female,
    )


class OccupationCatalog:
    """Occupations by code, with names of the upper KldB levels, neighbours and a fuzzy search."""

    def __init__(
        self,
        occupations: Iterable[Occupation],
        groups: Mapping[str, str] | None = None,
        related: Iterable[tuple[str, str, str]] = (),
    ) -> None:
        self._entries: list[Occupation] = []
        self._primary: dict[str, int] = {}  # code -> index of the first entry with that code
        self._groups: dict[str, str] = dict(groups or {})
        self._related: dict[str, list[tuple[str, str]]] = {}
        for left, right, reason in related:
            self._related.setdefault(left, []).append((right, reason))
            self._related.setdefault(right, []).append((left, reason))
        self._keys: list[str] = []
        self._key_entry: list[int] = []
        self._key_text: list[str] = []
        self._exact: dict[str, list[int]] = {}  # acronym key -> key indexes
        self._key_entries: dict[str, dict[int, str]] = {}  # key -> {entry: the name it folds}
        self._entry_keys: list[set[str]] = []
        for occupation in occupations:
            self._append(occupation)

    @classmethod
    def load(cls, resources: Path | None = None) -> OccupationCatalog:
        """The shipped catalogue; `resources` overrides the folder (tests, tools)."""
        folder = resources if resources is not None else resource("occupations")
        occupations = [_occupation_from_row(row) for row in _read_rows(folder / "occupations.csv")]
        groups = {
            row["code"].strip(): row["name"].strip()
            for row in _read_rows(folder / "kldb_groups.csv")
        }
        related_file = folder / "related.csv"
        related = (
            [
                (r["code_a"].strip(), r["code_b"].strip(), r["reason"].strip())
                for r in _read_rows(related_file)
            ]
            if related_file.is_file()
            else []
        )
        return cls(occupations, groups, related)

    # -- building -------------------------------------------------------------------------

    def _append(self, occupation: Occupation) -> None:
        index = len(self._entries)
        self._entries.append(occupation)
        self._entry_keys.append(set())
        self._primary.setdefault(occupation.code, index)
        self._index_texts(index, (occupation.name, *occupation.synonyms))

    def _index_texts(self, index: int, texts: Iterable[str]) -> None:
        seen = self._entry_keys[index]
        texts = list(texts)
        texts += [v for v in map(elided_variant, texts) if v is not None and v not in texts]
        for text in texts:
            for key in dict.fromkeys((normalise(text), normalise(text, join_hyphens=False))):
                if key and key not in seen:
                    seen.add(key)
                    self._index_key(index, text, key)

    def _index_key(self, index: int, text: str, key: str) -> None:
        self._key_entries.setdefault(key, {}).setdefault(index, text)
        exact_only = is_exact_only(text, key)
        if exact_only:
            self._exact.setdefault(key, []).append(len(self._keys))
        self._keys.append("" if exact_only else key)
        self._key_entry.append(index)
        self._key_text.append(text)

    def extend(self, occupations: Iterable[Occupation]) -> None:
        """Add office-imported Berufsgattungen.

        A code the catalogue knows keeps its shipped entry (name, synonyms, training data); the
        imported name is added to it as a further synonym so it stays findable.
        """
        for occupation in occupations:
            index = self._primary.get(occupation.code)
            if index is None:
                self._append(occupation)
                continue
            known = self._entries[index]
            extra = [
                t
                for t in (occupation.name, *occupation.synonyms)
                if t != known.name and t not in known.synonyms
            ]
            if extra:
                self._entries[index] = replace(known, synonyms=(*known.synonyms, *extra))
                self._index_texts(index, extra)

    def add_group_names(self, groups: Mapping[str, str]) -> None:
        """Names of KldB levels 1-4 from an official file; shipped names stay."""
        for code, name in groups.items():
            self._groups.setdefault(code, name)

    # -- lookup ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Occupation]:
        return iter(list(self._entries))

    def __contains__(self, code: object) -> bool:
        return code in self._primary

    def get(self, code: str) -> Occupation | None:
        """The main entry for a 5-digit code."""
        index = self._primary.get(code.strip())
        return self._entries[index] if index is not None else None

    def entries_for(self, code: str) -> list[Occupation]:
        """All entries sharing a code, e.g. Fachlagerist/in and Fachkraft für Lagerlogistik."""
        return [o for o in self._entries if o.code == code]

    def group_name(self, code: str) -> str | None:
        """Name of the KldB level a code prefix stands for ("2", "26", "262", "2621", "26212")."""
        code = code.strip()
        if not code.isdigit() or not 1 <= len(code) <= 5:
            return None
        if len(code) == 5:
            occupation = self.get(code)
            return occupation.name if occupation else self._groups.get(code)
        if code in self._groups:
            return self._groups[code]
        if len(code) == 4:
            parent = self._groups.get(code[:3])
            if parent is None:
                return None
            # Without the official 4-digit names: the digit's fixed meaning plus the Berufsgruppe.
            if code[3] == "0":
                return f"{parent} (ohne Spezialisierung)"
            if code[3] == "8":
                return f"{parent} (sonstige spezifische Tätigkeitsangabe)"
            if code[3] == "9":
                return f"Aufsichts- und Führungskräfte – {parent}"
            return parent
        return None

    def related(self, code: str) -> list[tuple[Occupation, str]]:
        """Neighbouring occupations counsellors consider, with the reason (symmetric)."""
        result = []
        for other, reason in self._related.get(code, []):
            occupation = self.get(other)
            if occupation is not None:
                result.append((occupation, reason))
        return sorted(result, key=lambda pair: pair[0].code)

    # -- search ---------------------------------------------------------------------------

    def search(self, query: str, limit: int = 10, *, typing: bool = True) -> list[OccupationHit]:
        """Best matches for a code prefix or a name, best first; ties ordered by code.

        `typing` (the search fields) also ranks names that start with the query high; the coder
        of finished titles turns it off.
        """
        text = query.strip()
        if not text or limit <= 0:
            return []
        if text.isdigit():
            return self._search_code(text, limit)
        key = normalise(text)
        if not key:
            return []
        best: dict[int, tuple[float, int]] = {}  # entry -> (score, key index)

        def offer(key_index: int, score: float) -> None:
            entry = self._key_entry[key_index]
            if entry not in best or score > best[entry][0]:
                best[entry] = (score, key_index)

        words = key.split()
        for word in words:
            for key_index in self._exact.get(word, ()):
                offer(key_index, 100.0 if len(words) == 1 else 90.0)
        # rapidfuzz narrows thousands of keys to a few candidates; a token score ranks those.
        candidates = {
            key_index: candidate
            for candidate, _score, key_index in process.extract(
                key,
                self._keys,
                scorer=fuzz.token_set_ratio,
                limit=max(60, limit * 4),
                score_cutoff=40,
            )
        }
        if typing:
            for key_index, candidate in enumerate(self._keys):  # typing the start of a name
                if candidate.startswith(key) and len(candidates) < 200:
                    candidates[key_index] = candidate
        for key_index, candidate in candidates.items():
            offer(key_index, token_score(key, words, candidate, typing=typing))
        ranked = sorted(
            ((e, v) for e, v in best.items() if v[0] >= _MIN_HIT_SCORE),
            key=lambda item: (-item[1][0], self._entries[item[0]].code, item[0]),
        )
        return [
            OccupationHit(self._entries[entry], round(score, 2), self._key_text[key_index])
            for entry, (score, key_index) in ranked[:limit]
        ]

    def _search_code(self, prefix: str, limit: int) -> list[OccupationHit]:
        hits = [
            OccupationHit(occupation, 100.0 if occupation.code == prefix else 95.0, occupation.code)
            for occupation in self._entries
            if occupation.code.startswith(prefix)
        ]
        hits.sort(key=lambda hit: (-hit.score, hit.occupation.code))
        return hits[:limit]

    def exact(self, key: str) -> list[OccupationHit]:
        """The entries one of whose names folds exactly to the search key `key` ("dreher")."""
        return [
            OccupationHit(self._entries[entry], 100.0, text)
            for entry, text in sorted(self._key_entries.get(key, {}).items())
        ]

    def code(self, name: str, min_score: float = CONFIDENT_SCORE) -> OccupationCoding:
        """The occupation a job title names, with the confidence the importer needs.

        One coding for the importer and `srek-desk occupations`: the job-ad wrapping
        ("Ausbildung zum …", "(m/w/d)", "2027", "- PKW-Technik", "bei Firma …") is removed, the
        rest searched; a doubtful answer keeps its candidate but no code (see `title_coding`).
        """
        return code_title(self, name, min_score)

    def resolve(self, name: str, min_score: float = CONFIDENT_SCORE) -> Occupation | None:
        """The occupation a free-text title stands for, or None when no match is confident.

        Titles like "Elektroniker/Elektronikerin - Betriebstechnik", "Ausbildung zum Koch (m/w/d)"
        or "B 26212-103" work too.
        """
        coding = self.code(name, min_score)
        return coding.occupation if coding.confident else None


__all__ = [
    "REQUIREMENT_LEVELS",
    "REQUIREMENT_LEVEL_LONG_NAMES",
    "Occupation",
    "OccupationCatalog",
    "OccupationCoding",
    "OccupationHit",
    "normalise",
]
