"""Plain values of the occupation catalogue: an occupation, a search hit, a coding with its confidence.

Kept apart from the catalogue so that the coder (`title_coding`) and the catalogue
(`occupations`) can both use them without importing each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REQUIREMENT_LEVELS: dict[int, str] = {1: "Helfer", 2: "Fachkraft", 3: "Spezialist", 4: "Experte"}
REQUIREMENT_LEVEL_LONG_NAMES: dict[int, str] = {
    1: "Helfer- und Anlerntätigkeiten",
    2: "fachlich ausgerichtete Tätigkeiten",
    3: "komplexe Spezialistentätigkeiten",
    4: "hoch komplexe Tätigkeiten",
}

_CODE = re.compile(r"\d{5}")


@dataclass(frozen=True, slots=True)
class Occupation:
    """One catalogue entry. Several entries may share a code (a Berufsgattung holds many Berufe)."""

    code: str
    name: str
    synonyms: tuple[str, ...] = ()
    is_ausbildung: bool = False
    training_months: int | None = None
    male: str = ""
    female: str = ""

    def __post_init__(self) -> None:
        if not _CODE.fullmatch(self.code) or self.code[4] not in "1234":
            raise ValueError(f"not a KldB 2010 Berufsgattung: {self.code!r}")

    @property
    def level(self) -> int:
        """Anforderungsniveau, the 5th digit (1 Helfer … 4 Experte)."""
        return int(self.code[4])

    @property
    def level_name(self) -> str:
        return REQUIREMENT_LEVELS[self.level]


@dataclass(frozen=True, slots=True)
class OccupationHit:
    occupation: Occupation
    score: float  # 0..100
    matched: str  # the name, gendered form, synonym or code that matched


@dataclass(frozen=True, slots=True)
class OccupationCoding:
    """What a title was coded to, and whether the answer is sure enough to be stored.

    `occupation` is the best candidate, also when doubtful (a person may take it); `code` is set
    only for a confident answer. `doubt` says in German why an answer is not confident.
    """

    name: str  # the title as given
    query: str  # the occupation the title names, with the job-ad wrapping removed
    occupation: Occupation | None = None
    score: float = 0.0
    confident: bool = False
    doubt: str = ""
    matched: str = ""  # the catalogue name or synonym that matched

    @property
    def code(self) -> str | None:
        """The KldB code to store, or None while the answer is doubtful."""
        return self.occupation.code if self.confident and self.occupation else None

    def hint(self) -> str:
        """Why there is no code, with the candidate, in German ("" for a confident answer).

        "nur 71 % ähnlich; vielleicht 26114 Mechatronikingenieur/in"
        """
        if self.code is not None:
            return ""
        doubt = self.doubt or "nicht sicher zuzuordnen"
        if self.occupation is None:
            return doubt
        return f"{doubt}; vielleicht {self.occupation.code} {self.occupation.name}"


__all__ = [
    "REQUIREMENT_LEVELS",
    "REQUIREMENT_LEVEL_LONG_NAMES",
    "Occupation",
    "OccupationCoding",
    "OccupationHit",
]
