"""All reference data of a running app, loaded once on first use and handed down."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property

from srek_desk.reference.gazetteer import Gazetteer
from srek_desk.reference.occupations import Occupation, OccupationCatalog


class ReferenceData:
    """Gazetteer and occupations; each part loads on first access (keeps start-up quick).

    `extra_occupations` supplies Berufsgattungen the office loaded into its database.
    """

    def __init__(self, extra_occupations: Callable[[], Iterable[Occupation]] | None = None) -> None:
        self._extra_occupations = extra_occupations

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer.load()

    @cached_property
    def occupations(self) -> OccupationCatalog:
        catalog = OccupationCatalog.load()
        if self._extra_occupations is not None:
            catalog.extend(self._extra_occupations())
        return catalog
