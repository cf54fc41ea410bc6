"""An office's travel-time table (e.g. computed once by IT with OpenTripPlanner or OSRM).

Its figures replace the estimate for those pairs; `srek_desk.importers.travel_times` reads the
CSV file.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from srek_desk.geo.commute import MODES


@dataclass
class TravelTimes:
    """Minutes by (from, to, mode); indexed both ways for the two directions of matching."""

    by_origin: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)
    by_destination: dict[str, dict[tuple[str, str], float]] = field(default_factory=dict)

    def add(self, origin: str, destination: str, mode: str, minutes: float) -> None:
        self.by_origin.setdefault(origin, {})[(destination, mode)] = minutes
        self.by_destination.setdefault(destination, {})[(origin, mode)] = minutes

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_origin.values())

    def get(self, origin: str, destination: str, mode: str) -> float | None:
        return self.by_origin.get(origin, {}).get((destination, mode))

    def covers(self, origin: str) -> bool:
        return origin in self.by_origin

    def covers_destination(self, destination: str) -> bool:
        return destination in self.by_destination

    def minutes_from(
        self, origin: str, destinations: Sequence[str]
    ) -> dict[str, NDArray[np.float64]]:
        known = self.by_origin.get(origin, {})
        return {
            mode: np.array([known.get((d, mode), math.nan) for d in destinations], dtype=np.float64)
            for mode in MODES
        }

    def minutes_to(
        self, destination: str, origins: Sequence[str]
    ) -> dict[str, NDArray[np.float64]]:
        known = self.by_destination.get(destination, {})
        return {
            mode: np.array([known.get((o, mode), math.nan) for o in origins], dtype=np.float64)
            for mode in MODES
        }

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, str, float]]) -> TravelTimes:
        table = cls()
        for origin, destination, mode, minutes in rows:
            table.add(origin, destination, mode, minutes)
        return table
