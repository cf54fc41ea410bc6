"""The bus-and-train timetable: loading a GTFS feed, what is loaded, the arrays for the search.

`TimetableService(database, config)`: `import_feed(path)` replaces the stored timetable in one
transaction, `status()` says what is loaded and until when, `load()` gives the arrays (cached
until a new import), `clear()` removes them. The journey search on top of it (`TransitSource`,
`CommuteService`, module `commutes`) is imported on first use, so loading or showing a
timetable does not pull in the search.
"""

from typing import Any

from srek_desk.services.timetable.service import (
    LoadedTimetable,
    TimetableCancelled,
    TimetableService,
)
from srek_desk.services.timetable.status import TimetableImportResult, TimetableStatus

__all__ = [
    "CommuteService",
    "LoadedTimetable",
    "TimetableCancelled",
    "TimetableImportResult",
    "TimetableService",
    "TimetableStatus",
    "TransitSource",
]
_LAZY = {"CommuteService", "TransitSource"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from srek_desk.services.timetable import commutes

        return getattr(commutes, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
