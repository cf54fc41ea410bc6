"""The commute of client-offer pairs, vectorised: the fastest mode the client can use, in minutes.

Per mode the estimate (straight line × detour factor at an average speed, plus access time,
`geo.commute`) unless a known figure replaces it: the office's travel-time table, or for bus and
train the timetable's journey search (`transit.py`). `PairScores.source` keeps where each
pair's minutes come from, so the reasons can say "ca." for an estimate and name the source
otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from srek_desk.geo.commute import MODES

if TYPE_CHECKING:
    from srek_desk.matching.settings import MatchSettings

Array = NDArray[Any]
EARTH_RADIUS_KM = 6371.0088
# Where a pair's minutes come from (PairScores.source): the estimate, the office's travel-time
# table, or the timetable's journey search.
SOURCE_ESTIMATE, SOURCE_TABLE, SOURCE_TIMETABLE = 0, 1, 2
SOURCES = ("estimate", "table", "timetable")


def haversine(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Array:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat = p2 - p1
    dlon = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def commute(
    client: Any,  # scoring.Side: scalars or arrays that broadcast
    offer: Any,
    settings: MatchSettings,
    table: dict[str, Array] | None,
    size: int,
    sources: dict[str, Array] | None = None,
) -> tuple[Array, Array, Array, Array]:
    """(minutes, km, mode index, source) of the fastest mode the client can use.

    `table` holds known minutes per mode (NaN where unknown, +inf where the timetable finds no
    connection); `sources` says per mode where they come from (SOURCE_TABLE when absent).
    Minutes are NaN where the commute is unknown and +inf where no usable mode reaches the offer.
    """
    straight = np.broadcast_to(haversine(client.lat, client.lon, offer.lat, offer.lon), (size,))
    minutes = np.full((len(MODES), size), np.inf)
    kms = np.zeros((len(MODES), size))
    source = np.zeros((len(MODES), size), dtype=np.int8)
    any_allowed = np.zeros(size, dtype=bool)
    for index, mode in enumerate(MODES):
        allowed = np.broadcast_to(client.modes.get(mode, False), (size,))
        any_allowed |= allowed
        p = settings.commute.for_mode(mode)
        route = straight * p.detour_factor
        estimate = p.access_minutes + route / p.speed_kmh * 60.0
        if table is not None and mode in table:
            known = ~np.isnan(table[mode])
            estimate = np.where(known, table[mode], estimate)
            from_where = SOURCE_TABLE if sources is None or mode not in sources else sources[mode]
            source[index] = np.where(known & allowed, from_where, SOURCE_ESTIMATE)
        minutes[index] = np.where(allowed, estimate, np.inf)
        kms[index] = route
    best = np.argmin(minutes, axis=0)
    pick = np.arange(size)
    best_minutes = minutes[best, pick]
    unknown = np.isnan(straight) | ~any_allowed
    best_minutes = np.where(unknown, np.nan, best_minutes)
    return best_minutes, kms[best, pick], np.where(unknown, -1, best), source[best, pick]
