"""Walking for the journey search: how long a walk takes, which stops are near, changes on foot.

Walks are straight-line distances (great circle) times a detour factor at a walking speed,
rounded up to whole seconds. They link the origin point to stops within the access radius,
the last stop to the destination point, and two different stops within the transfer radius
for a change on foot; transfers.txt's seconds replace the walking estimate for a pair, and
its transfer_type 3 (stored as `NO_TRANSFER`) forbids the pair.

`StopLocator` is a grid over latitude and longitude (cells of about 500 m, stops sorted by cell)
so that the stops near one point, or near thousands of points at once (`pairs`), are found by a
few binary searches instead of a pass over every stop.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import overload

import numpy as np
from numpy.typing import NDArray

from srek_desk.geo.distance import EARTH_RADIUS_KM
from srek_desk.geo.transit.timetable import NO_TRANSFER, Timetable

EARTH_RADIUS_M = EARTH_RADIUS_KM * 1000.0
METRES_PER_DEGREE = EARTH_RADIUS_M * math.pi / 180.0
CELL_METRES = 500.0
# A rounding error of a micro-second must not cost a whole second: 480.0000000001 s is 480 s.
_ROUNDING_SLACK = 1e-6
# Grid cells are keyed as row * _ROW + column, with columns shifted to be non-negative.
_ROW = 1 << 24
_COLUMN_SHIFT = 1 << 22


@dataclass(frozen=True, slots=True)
class Walking:
    """How people walk: speed, detour over the straight line, and how far they walk."""

    speed_kmh: float = 4.5
    detour_factor: float = 1.2  # walked distance / straight line
    access_radius_m: float = 1000.0  # origin/destination point to stops
    transfer_radius_m: float = 300.0  # change on foot between different stops

    @overload
    def seconds(self, straight_m: float) -> int: ...
    @overload
    def seconds(self, straight_m: NDArray[np.floating]) -> NDArray[np.int32]: ...

    def seconds(self, straight_m: NDArray[np.floating] | float) -> NDArray[np.int32] | int:
        """Walking time for a straight-line distance in metres, rounded up to whole seconds."""
        metres_per_second = self.speed_kmh / 3.6
        if isinstance(straight_m, np.ndarray):
            raw = np.asarray(straight_m, dtype=np.float64) * self.detour_factor / metres_per_second
            return np.ceil(raw - _ROUNDING_SLACK).astype(np.int32)
        return math.ceil(
            float(straight_m) * self.detour_factor / metres_per_second - _ROUNDING_SLACK
        )


def haversine_m(
    lat1: NDArray[np.float64] | float,
    lon1: NDArray[np.float64] | float,
    lat2: NDArray[np.float64] | float,
    lon2: NDArray[np.float64] | float,
) -> NDArray[np.float64]:
    """Great-circle distances in metres, element by element (the formula of geo.distance)."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = np.radians(np.subtract(lon2, lon1)) / 2
    a = np.sin(half_dphi) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(half_dlambda) ** 2
    return np.asarray(2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(a))))


class StopLocator:
    """The stops near a point: a grid of about 500 m cells over the timetable's stops."""

    def __init__(self, timetable: Timetable) -> None:
        self._lat = np.asarray(timetable.stop_lat, dtype=np.float64)
        self._lon = np.asarray(timetable.stop_lon, dtype=np.float64)
        self._cell_lat = CELL_METRES / METRES_PER_DEGREE
        middle = float(np.mean(self._lat)) if len(self._lat) else 0.0
        self._cell_lon = self._cell_lat / max(math.cos(math.radians(middle)), 0.05)
        keys = self._cell_keys(self._lat, self._lon)
        self._order = np.argsort(keys, kind="stable").astype(np.int32)
        self._keys = keys[self._order]

    def _rows_columns(
        self, lats: NDArray[np.float64], lons: NDArray[np.float64]
    ) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        rows = np.floor(lats / self._cell_lat).astype(np.int64)
        columns = np.floor(lons / self._cell_lon).astype(np.int64) + _COLUMN_SHIFT
        return rows, columns

    def _cell_keys(self, lats: NDArray[np.float64], lons: NDArray[np.float64]) -> NDArray[np.int64]:
        rows, columns = self._rows_columns(lats, lons)
        return rows * _ROW + columns

    def nearby(
        self, lat: float, lon: float, radius_m: float
    ) -> tuple[NDArray[np.int32], NDArray[np.float64]]:
        """Stops within `radius_m` of the point (nearest first) and their distances in metres."""
        _, stops, metres = self.pairs(np.array([lat]), np.array([lon]), radius_m)
        order = np.argsort(metres, kind="stable")
        return stops[order], metres[order]

    def pairs(
        self, lats: NDArray[np.float64], lons: NDArray[np.float64], radius_m: float
    ) -> tuple[NDArray[np.int64], NDArray[np.int32], NDArray[np.float64]]:
        """All (point, stop, metres) with the stop within `radius_m` of the point, vectorised.

        Points with NaN coordinates have no pairs. Pairs come grouped by point.
        """
        lats = np.asarray(lats, dtype=np.float64)
        lons = np.asarray(lons, dtype=np.float64)
        points = np.nonzero(np.isfinite(lats) & np.isfinite(lons))[0]
        empty = (np.zeros(0, np.int64), np.zeros(0, np.int32), np.zeros(0, np.float64))
        if len(points) == 0 or len(self._keys) == 0 or radius_m < 0:
            return empty
        rows, columns = self._rows_columns(lats[points], lons[points])
        # points in cell order, so that every binary search below gets its queries sorted
        order = np.argsort(rows * _ROW + columns, kind="stable")
        points, rows, columns = points[order], rows[order], columns[order]
        lat, lon = lats[points], lons[points]
        half_lat = radius_m / METRES_PER_DEGREE
        # the widest longitude span the radius covers, at the point farthest from the equator
        widest = min(float(np.max(np.abs(lat))) + half_lat, 89.9)
        half_lon = half_lat / math.cos(math.radians(widest))
        row_reach = math.ceil(half_lat / self._cell_lat)
        column_reach = math.ceil(half_lon / self._cell_lon)
        # one binary search pair per point and grid row: the cells of a row are adjacent keys
        shifts = np.arange(-row_reach, row_reach + 1, dtype=np.int64)
        low = np.empty((len(points), len(shifts)), np.int64)
        high = np.empty((len(points), len(shifts)), np.int64)
        for number, shift in enumerate(shifts):
            row_keys = (rows + shift) * _ROW
            low[:, number] = np.searchsorted(self._keys, row_keys + columns - column_reach, "left")
            high[:, number] = np.searchsorted(
                self._keys, row_keys + columns + column_reach, "right"
            )
        counts = (high - low).ravel()
        total = int(counts.sum())
        if total == 0:
            return empty
        owner = np.repeat(np.repeat(np.arange(len(points)), len(shifts)), counts)
        starts = np.cumsum(counts) - counts
        within = np.arange(total) - np.repeat(starts, counts)
        stops = self._order[np.repeat(low.ravel(), counts) + within]
        metres = haversine_m(lat[owner], lon[owner], self._lat[stops], self._lon[stops])
        keep = metres <= radius_m
        return points[owner[keep]].astype(np.int64), stops[keep], metres[keep]


def footpaths(
    timetable: Timetable, walking: Walking, locator: StopLocator
) -> tuple[NDArray[np.int32], NDArray[np.int32], NDArray[np.int32]]:
    """Changes on foot between different stops: (from, to, seconds), sorted by from and to.

    Stops within the transfer radius get the walking estimate; an explicit transfer of
    transfers.txt replaces it (also beyond the radius); transfer_type 3 forbids the pair.
    """
    n = timetable.stop_count
    first, second, metres = locator.pairs(
        timetable.stop_lat, timetable.stop_lon, walking.transfer_radius_m
    )
    apart = first != second
    walk_from = first[apart].astype(np.int64)
    walk_to = second[apart].astype(np.int64)
    walk_seconds = walking.seconds(metres[apart]).astype(np.int64)
    given_from = np.asarray(timetable.transfer_from, dtype=np.int64)
    given_to = np.asarray(timetable.transfer_to, dtype=np.int64)
    given_seconds = np.asarray(timetable.transfer_seconds, dtype=np.int64)
    distinct = given_from != given_to
    given_from, given_to, given_seconds = (
        given_from[distinct],
        given_to[distinct],
        given_seconds[distinct],
    )
    given_keys = given_from * n + given_to
    # the last row for a pair wins, as a later line of transfers.txt would overwrite an earlier
    reversed_keys = given_keys[::-1]
    unique_keys, first_in_reversed = np.unique(reversed_keys, return_index=True)
    unique_seconds = given_seconds[::-1][first_in_reversed]
    walk_keys = walk_from * n + walk_to
    estimated = ~np.isin(walk_keys, unique_keys)
    allowed = unique_seconds < NO_TRANSFER
    keys = np.concatenate([walk_keys[estimated], unique_keys[allowed]])
    seconds = np.concatenate([walk_seconds[estimated], unique_seconds[allowed]])
    order = np.argsort(keys, kind="stable")
    keys, seconds = keys[order], seconds[order]
    return (
        (keys // max(n, 1)).astype(np.int32),
        (keys % max(n, 1)).astype(np.int32),
        seconds.astype(np.int32),
    )
