"""Coding a job title to a KldB 2010 code, with a confidence: what an import stores, what stays open.

One function for the importer and `srek-desk occupations`. A title is first taken apart
(`job_titles.parse_job_title`: "Ausbildung zum …", "(m/w/d)", "2027", "bei Firma …" go, a
specialisation such as "- PKW-Technik" is kept aside), then searched in the catalogue:

1. the occupation with its specialisation ("Elektroniker/in Fachrichtung Energie- und
   Gebäudetechnik" is a catalogue entry of its own);
2. the occupation alone, when the catalogue does not know the specialisation;
3. a name in brackets ("Tourismuskaufmann (Kaufmann für Privat- und Geschäftsreisen)");
4. the last part of a compound the catalogue knows ("Revolverdreher" -> "Dreher/in"), as a
   suggestion only: on the BA list such parts name the right code less than half the time.

Titles are finished names, so the search runs without its typing rank ("Mitarbeiter" is not
"Mitarbeiter/in Buchhaltung", "Mechatron" not "Mechatroniker/in"). An answer is confident when
its score reaches 85 and no other occupation (another 4-digit Berufsuntergruppe) comes within
5 points; a doubtful answer keeps its candidate for a person to confirm, but no code is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from srek_desk.reference.job_titles import JobTitle, parse_job_title
from srek_desk.reference.occupation_text import coverage, normalise
from srek_desk.reference.occupation_types import Occupation, OccupationCoding, OccupationHit

CONFIDENT_SCORE = 85.0
# A rival code this close to the best one makes the answer a guess between two occupations.
_RIVAL_MARGIN = 5.0
_BKZ = re.compile(r"(?:B\s*)?(\d{5})(?:-\d{1,3})?")
_NUMBER = re.compile(r"[\d\s./-]+")
# The shortest compound part that may stand for the occupation ("dreher", "laborant").
_MIN_HEAD = 6
# A near miss this close is a better suggestion for a person than a part of a compound.
_NEAR_SCORE = 70.0


class Searchable(Protocol):
    """What the coder needs of the catalogue (`OccupationCatalog`)."""

    def search(
        self, query: str, limit: int = 10, *, typing: bool = True
    ) -> list[OccupationHit]: ...

    def get(self, code: str) -> Occupation | None: ...

    def exact(self, key: str) -> list[OccupationHit]: ...


@dataclass(frozen=True, slots=True)
class _Answer:
    hit: OccupationHit
    rival: float  # the best score of another occupation (another 4-digit Berufsuntergruppe)
    query: str


def _best(catalog: Searchable, query: str) -> _Answer | None:
    hits = catalog.search(query, limit=6, typing=False) if query else []
    if not hits:
        return None
    first = hits[0]
    group = first.occupation.code[:4]
    # The official KldB titles of one Berufsuntergruppe differ only in the Anforderungsniveau
    # ("Feinoptik – fachlich ausgerichtete …" / "– komplexe Spezialistentätigkeiten"); a title
    # that names no level means the trained occupation, the Fachkraft.
    tied = [h for h in hits if h.score == first.score and h.occupation.code[:4] == group]
    first = next((h for h in tied if h.occupation.level == 2), first)
    rival = next((h.score for h in hits if h.occupation.code[:4] != group), 0.0)
    return _Answer(first, rival, query)


def _coding(name: str, answer: _Answer, min_score: float, doubt: str = "") -> OccupationCoding:
    hit = answer.hit
    if not doubt and hit.score < min_score:
        doubt = f"nur {hit.score:.0f} % ähnlich"
    if not doubt and hit.score - answer.rival < _RIVAL_MARGIN:
        doubt = "mehrdeutig, ein anderer Beruf passt fast so gut"
    return OccupationCoding(
        name=name,
        query=answer.query,
        occupation=hit.occupation,
        score=hit.score,
        confident=not doubt,
        doubt=doubt,
        matched=hit.matched,
    )


def _compound_head(catalog: Searchable, occupation: str) -> _Answer | None:
    """The longest ending of the last word that is a catalogue name of exactly one code.

    The score is the share of the word that ending covers: a suggestion, never confident.
    """
    words = normalise(occupation).split()
    if not words:
        return None
    last = words[-1]
    for start in range(1, len(last) - _MIN_HEAD + 1):
        head = last[start:]
        hits = catalog.exact(head)
        if hits and len({hit.occupation.code for hit in hits}) == 1:
            score = round(100.0 * len(head) / len(last), 2)
            hit = OccupationHit(hits[0].occupation, score, hits[0].matched)
            return _Answer(hit, 0.0, occupation)
    return None


def _knows(hit: OccupationHit, specialisation: str) -> bool:
    """Whether the catalogue name that matched names the specialisation too."""
    wanted = normalise(specialisation).split()
    return not wanted or coverage(wanted, normalise(hit.matched).split()) >= 0.5


def _code_specialised(
    catalog: Searchable, name: str, title: JobTitle, min_score: float, tried: list[_Answer]
) -> OccupationCoding | None:
    full = _best(catalog, title.with_specialisation)
    if full is not None and full.hit.score >= min_score and _knows(full.hit, title.specialisation):
        return _coding(name, full, min_score)
    # The catalogue does not know the specialisation: the occupation alone ("Kfz-Mechatroniker/in
    # - PKW-Technik" is a Kfz-Mechatroniker/in). On the BA list this is the one guess that is
    # often wrong at 5 digits where the KldB gives a Fachrichtung a Berufsgattung of its own
    # (Pferdewirt/in 11302, Fachrichtung Pferdezucht 11312), and right at 3 digits.
    base = _best(catalog, title.occupation)
    for answer in (base, full):
        if answer is not None and answer.hit.score >= min_score:
            return _coding(name, answer, min_score)
    tried.extend(a for a in (full, base) if a is not None)
    return None


def code_title(
    catalog: Searchable, name: str, min_score: float = CONFIDENT_SCORE
) -> OccupationCoding:
    """Code one job title; see the module's docstring for the steps."""
    text = " ".join(name.split())
    if not text:
        return OccupationCoding(name, "", doubt="kein Beruf angegeben")
    bkz = _BKZ.fullmatch(text)
    if bkz:
        found = catalog.get(bkz.group(1))
        if found is None:
            return OccupationCoding(
                name, text, doubt=f"Kennziffer {bkz.group(1)} steht nicht im Berufekatalog"
            )
        return OccupationCoding(name, text, found, 100.0, True, matched=found.code)
    if _NUMBER.fullmatch(text):
        return OccupationCoding(name, text, doubt=f"„{text}“ ist keine 5-stellige KldB-Kennziffer")
    title = parse_job_title(text)
    if not title.occupation:
        return OccupationCoding(name, "", doubt="der Titel nennt keinen Beruf")
    tried: list[_Answer] = []
    if title.specialisation:
        coded = _code_specialised(catalog, name, title, min_score, tried)
        if coded is not None:
            return coded
    else:
        answer = _best(catalog, title.occupation)
        if answer is not None:
            if answer.hit.score >= min_score:
                return _coding(name, answer, min_score)
            tried.append(answer)
    for qualifier in title.qualifiers:
        alternative = _best(catalog, qualifier)
        if alternative is not None and alternative.hit.score >= min_score:
            return _coding(name, alternative, min_score)
    nearest = max(tried, key=lambda answer: answer.hit.score, default=None)
    if nearest is None or nearest.hit.score < _NEAR_SCORE:
        head = _compound_head(catalog, title.occupation)
        if head is not None:
            doubt = f"nicht im Berufekatalog, nur der Wortteil „{head.hit.matched}“"
            return _coding(name, head, min_score, doubt)
    if nearest is None:
        return OccupationCoding(
            name, title.occupation, doubt="kein ähnlicher Beruf im Berufekatalog"
        )
    return _coding(name, nearest, min_score)


__all__ = ["CONFIDENT_SCORE", "Searchable", "code_title"]
