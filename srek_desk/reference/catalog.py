"""All reference data of a running app, loaded once on first use and handed down."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from srek_desk.reference.gazetteer import Gazetteer
from srek_desk.reference.occupations import OccupationCatalog


class ReferenceData:
    """Gazetteer and occupations; each part loads on first access (keeps start-up quick)."""

    def __init__(self, resources: Path | None = None) -> None:
        self._resources = resources

    @cached_property
    def gazetteer(self) -> Gazetteer:
        if self._resources is None:
            return Gazetteer.load()
        return Gazetteer.load(self._resources)

    @cached_property
    def occupations(self) -> OccupationCatalog:
        return OccupationCatalog.load(self._resources)
