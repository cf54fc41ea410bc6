"""stops.txt: platforms folded into their stations, and the region the office keeps.

A platform (location_type 0 with a parent_station) becomes its station: the station's stop_id,
name and coordinates, so changing platforms is a change at one stop. Entrances, generic nodes
and boarding areas (location_type 2, 3, 4) are not stops. A folded stop is kept when it lies
within `radius_km` of `centre` (straight line); the others are dropped with their stop_times.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from srek_desk.geo.distance import EARTH_RADIUS_KM
from srek_desk.importers.gtfs.errors import refused
from srek_desk.importers.gtfs.files import Table
from srek_desk.importers.gtfs.values import explain_row, latitude, longitude, one_of

OUTSIDE = -1  # lookup value: a stop outside the region (its stop_times are skipped)
NOT_A_STOP = -2  # lookup value: an entrance, node or boarding area

_LOCATION_TYPE = one_of("", "0", "1", "2", "3", "4")


@dataclass
class Stops:
    """The folded stops in the region and where every stop_id of the file points."""

    lookup: dict[str, int]  # stop_id (platform or station) → folded stop, OUTSIDE or NOT_A_STOP
    ids: list[str]
    names: list[str]
    lat: NDArray[np.float64]
    lon: NDArray[np.float64]
    dropped: int  # folded stops outside the region


def read_stops(table: Table, centre: tuple[float, float] | None, radius_km: float | None) -> Stops:
    name = table.name
    i_id = table.column("stop_id")
    i_name = table.optional("stop_name")
    i_lat = table.optional("stop_lat")
    i_lon = table.optional("stop_lon")
    i_type = table.optional("location_type")
    i_parent = table.optional("parent_station")
    checks = [
        ("location_type", i_type, _LOCATION_TYPE),
        ("stop_lat", i_lat, latitude),
        ("stop_lon", i_lon, longitude),
    ]
    width = len(table.header)
    first_line: dict[str, int] = {}
    rows: list[tuple[str, str, float, float, str, str]] = []
    for row in table.rows():
        line = table.line
        try:
            stop_id = row[i_id].strip()
            kind = row[i_type].strip() if i_type is not None else ""
            parent = row[i_parent].strip() if i_parent is not None else ""
            if kind not in ("", "0", "1", "2", "3", "4"):
                raise ValueError
            if kind in ("", "0", "1"):
                if i_lat is None or i_lon is None:
                    column = "stop_lat" if i_lat is None else "stop_lon"
                    raise refused(
                        name, f"Die Pflichtspalte „{column}“ fehlt in der Kopfzeile.", line=1
                    )
                lat, lon = latitude(row[i_lat]), longitude(row[i_lon])
            else:
                lat = lon = 0.0
        except (ValueError, IndexError):
            raise explain_row(name, line, width, row, checks) from None
        if not stop_id:
            raise refused(name, "Die Haltestelle hat keine stop_id.", line=line, column="stop_id")
        if stop_id in first_line:
            raise refused(
                name,
                f"Die Haltestelle „{stop_id}“ steht zweimal in der Datei "
                f"(zuerst in Zeile {first_line[stop_id]}).",
                line=line,
                column="stop_id",
            )
        first_line[stop_id] = line
        stop_name = row[i_name].strip() if i_name is not None and i_name < len(row) else ""
        rows.append((stop_id, stop_name, lat, lon, kind, parent))
    return _fold(name, rows, first_line, centre, radius_km)


def _fold(
    name: str,
    rows: list[tuple[str, str, float, float, str, str]],
    first_line: dict[str, int],
    centre: tuple[float, float] | None,
    radius_km: float | None,
) -> Stops:
    by_id = {row[0]: row for row in rows}
    # Folded stops: stations and platforms without a station, in file order.
    target_of: dict[str, str] = {}
    for stop_id, _name, _lat, _lon, kind, parent in rows:
        if kind in ("2", "3", "4"):
            continue
        if kind in ("", "0") and parent:
            if parent not in by_id:
                raise refused(
                    name,
                    f"Die Station „{parent}“ (parent_station von „{stop_id}“) steht nicht in "
                    "stops.txt.",
                    line=first_line[stop_id],
                    column="parent_station",
                )
            target_of[stop_id] = parent
        else:
            target_of[stop_id] = stop_id
    folded = list(dict.fromkeys(t for t in target_of.values()))
    lat = np.array([by_id[t][2] for t in folded], dtype=np.float64)
    lon = np.array([by_id[t][3] for t in folded], dtype=np.float64)
    keep = np.ones(len(folded), dtype=bool)
    if centre is not None and radius_km:
        keep = distances_km(centre, lat, lon) <= radius_km
    index = np.full(len(folded), OUTSIDE, dtype=np.int64)
    index[keep] = np.arange(int(keep.sum()))
    position = {stop_id: int(index[i]) for i, stop_id in enumerate(folded)}
    lookup = {stop_id: position[target] for stop_id, target in target_of.items()}
    for stop_id, *_rest in rows:
        lookup.setdefault(stop_id, NOT_A_STOP)
    kept = [t for t, k in zip(folded, keep, strict=True) if k]
    return Stops(
        lookup=lookup,
        ids=kept,
        names=[by_id[t][1] for t in kept],
        lat=lat[keep],
        lon=lon[keep],
        dropped=int(len(folded) - keep.sum()),
    )


def distances_km(
    centre: tuple[float, float], lat: NDArray[np.float64], lon: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Great-circle distances from `centre` to every point (haversine, as geo.distance)."""
    phi1, phi2 = np.radians(centre[0]), np.radians(lat)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = np.radians(lon - centre[1]) / 2
    a = np.sin(half_dphi) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(half_dlambda) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a))))
