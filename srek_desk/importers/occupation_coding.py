"""Occupation codes for an import: each distinct name coded once, doubtful names kept for a person.

The coding itself is `OccupationCatalog.code` (the same as `srek-desk occupations` shows): a
confident answer becomes the record's KldB code; a doubtful one leaves the record uncoded, and
the import report lists the name with the reason and the candidate (see `enrich`).
"""

from __future__ import annotations

from srek_desk.reference.catalog import ReferenceData
from srek_desk.reference.occupation_types import OccupationCoding

# An import of 100,000 offers holds a few thousand distinct titles; a hostile file could hold
# 100,000. The cache is bounded so that memory stays small either way.
MAX_CACHED_NAMES = 50_000


class OccupationResolver:
    """`resolver(name)` is the confident KldB code or None; every distinct name is coded once."""

    def __init__(self, reference: ReferenceData) -> None:
        self._reference = reference
        self._cache: dict[str, OccupationCoding] = {}

    def coding(self, name: str) -> OccupationCoding:
        """The full answer for a name: candidate, score, confidence and the reason for doubt."""
        key = " ".join(name.split())
        coding = self._cache.get(key)
        if coding is None:
            coding = self._reference.occupations.code(key)
            if len(self._cache) >= MAX_CACHED_NAMES:
                self._cache.clear()
            self._cache[key] = coding
        return coding

    def __call__(self, name: str) -> str | None:
        return self.coding(name).code

    def hint(self, name: str) -> str:
        """Why a name got no code, with the candidate, for the import report ("" if it got one).

        "Fachrichtung … ; vielleicht 25212 Kfz-Mechatroniker/in"
        """
        return self.coding(name).hint()


__all__ = ["MAX_CACHED_NAMES", "OccupationResolver"]
