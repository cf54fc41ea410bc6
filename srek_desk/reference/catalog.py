"""All reference data of a running app, loaded once on first use and handed down."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cached_property

from srek_desk.reference.gazetteer import Gazetteer
from srek_desk.reference.occupations import Occupation, OccupationCatalog


class ReferenceData:
    """Gazetteer and occupations; each part loads on first access (keeps start-up quick).

    `office_data` supplies the Berufsgattungen and group names the office loaded into its
    database (the official BA list), merged into the shipped catalogue on first use.
    """

    def __init__(
        self,
        office_data: Callable[[], tuple[Iterable[Occupation], Mapping[str, str]]] | None = None,
    ) -> None:
        self._office_data = office_data

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer.load()

    @cached_property
    def occupations(self) -> OccupationCatalog:
        catalog = OccupationCatalog.load()
        if self._office_data is not None:
            occupations, groups = self._office_data()
            catalog.extend(occupations)
            catalog.add_group_names(groups)
        return catalog
