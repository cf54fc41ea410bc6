"""transfers.txt, feed_info.txt, agency.txt and attributions.txt: changes and the feed's owner.

Changes (transfer_type): 0 recommended and 1 timed take no extra time, 2 takes min_transfer_time,
3 is impossible (`NO_TRANSFER`). A row whose two stops fold into one station sets that station's
change time; otherwise it is a change between two stops. Rows about particular trips or routes
(from_trip_id …) and in-seat transfers (4, 5) are left to the trips themselves and skipped.
When platforms fold into stations several rows may describe one pair: a change counts as
impossible only when every row says so, otherwise the longest time given counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
from numpy.typing import NDArray

from srek_desk.geo.transit.timetable import NO_TRANSFER
from srek_desk.importers.gtfs.errors import refused
from srek_desk.importers.gtfs.files import Table
from srek_desk.importers.gtfs.values import Check, explain_row, gtfs_date, non_negative, one_of

_TRANSFER_TYPE = one_of("", "0", "1", "2", "3", "4", "5")
_SPECIFIC = ("from_trip_id", "to_trip_id", "from_route_id", "to_route_id")


@dataclass
class Changes:
    """Change times by folded stop (same stop) and by pair of folded stops."""

    at_stop: dict[int, int] = field(default_factory=dict)
    between: dict[tuple[int, int], int] = field(default_factory=dict)
    skipped: int = 0  # rows about particular trips or routes, or in-seat transfers


def read_transfers(table: Table, stop_lookup: dict[str, int]) -> Changes:
    name = table.name
    i_from = table.column("from_stop_id")
    i_to = table.column("to_stop_id")
    i_type = table.column("transfer_type")
    i_time = table.optional("min_transfer_time")
    specific = [i for i in (table.optional(c) for c in _SPECIFIC) if i is not None]
    checks: list[Check] = [("transfer_type", i_type, _TRANSFER_TYPE)]
    if i_time is not None:
        checks.append(("min_transfer_time", i_time, lambda t: non_negative(t) if t.strip() else 0))
    said: dict[tuple[int, int], list[int]] = {}  # folded pair → seconds given by each row
    changes = Changes()
    for row in table.rows():
        line = table.line
        try:
            kind = _TRANSFER_TYPE(row[i_type]) or "0"
            given = row[i_time].strip() if i_time is not None else ""
            seconds = non_negative(given) if given else None
            if any(row[i].strip() for i in specific) or kind in ("4", "5"):
                changes.skipped += 1
                continue
            from_id, to_id = row[i_from].strip(), row[i_to].strip()
        except (ValueError, IndexError):
            raise explain_row(name, line, len(table.header), row, checks) from None
        pair = []
        for column, stop_id in (("from_stop_id", from_id), ("to_stop_id", to_id)):
            if stop_id not in stop_lookup:
                raise refused(
                    name,
                    f"Haltestelle „{stop_id}“ steht nicht in stops.txt.",
                    line=line,
                    column=column,
                )
            pair.append(stop_lookup[stop_id])
        if pair[0] < 0 or pair[1] < 0:
            continue  # outside the region (or not a stop)
        if kind == "2" and seconds is None:
            raise refused(
                name,
                "Bei transfer_type 2 ist min_transfer_time Pflicht.",
                line=line,
                column="min_transfer_time",
            )
        if kind == "0" and pair[0] == pair[1]:
            continue  # a recommended change at one station: its default change time stays
        value = NO_TRANSFER if kind == "3" else (seconds if kind == "2" and seconds else 0)
        said.setdefault((pair[0], pair[1]), []).append(value)
    for (origin, target), values in said.items():
        possible = [v for v in values if v != NO_TRANSFER]
        value = max(possible) if possible else NO_TRANSFER
        if origin == target:
            changes.at_stop[origin] = value
        else:
            changes.between[(origin, target)] = value
    return changes


def change_arrays(
    changes: Changes, remap: NDArray[np.int64], stop_count: int, default: int
) -> tuple[NDArray[np.int32], NDArray[np.int32], NDArray[np.int32], NDArray[np.int32]]:
    """stop_change_seconds and the transfer arrays for the stops kept (`remap`: old → new/-1)."""
    at_stop = np.full(stop_count, default, dtype=np.int32)
    for stop, seconds in changes.at_stop.items():
        if remap[stop] >= 0:
            at_stop[remap[stop]] = seconds
    pairs = [
        (int(remap[a]), int(remap[b]), seconds)
        for (a, b), seconds in sorted(changes.between.items())
        if remap[a] >= 0 and remap[b] >= 0
    ]
    origins = np.array([p[0] for p in pairs], dtype=np.int32)
    targets = np.array([p[1] for p in pairs], dtype=np.int32)
    times = np.array([p[2] for p in pairs], dtype=np.int32)
    return at_stop, origins, targets, times


@dataclass
class Publisher:
    name: str = ""
    url: str = ""
    version: str = ""
    start: date | None = None
    end: date | None = None


def read_feed_info(table: Table) -> Publisher:
    """The first row of feed_info.txt (dates optional)."""
    columns = {
        c: table.optional(c)
        for c in (
            "feed_publisher_name",
            "feed_publisher_url",
            "feed_version",
            "feed_start_date",
            "feed_end_date",
        )
    }

    def cell(row: list[str], column: str) -> str:
        index = columns[column]
        return row[index].strip() if index is not None and index < len(row) else ""

    for row in table.rows():
        dates: list[date | None] = []
        for column in ("feed_start_date", "feed_end_date"):
            text = cell(row, column)
            try:
                dates.append(gtfs_date(text) if text else None)
            except ValueError as error:
                raise refused(table.name, str(error), line=table.line, column=column) from None
        return Publisher(
            cell(row, "feed_publisher_name"),
            cell(row, "feed_publisher_url"),
            cell(row, "feed_version"),
            dates[0],
            dates[1],
        )
    return Publisher()


def read_agency_names(table: Table) -> tuple[list[str], str]:
    """The agencies' names (distinct, in file order) and the first agency's URL."""
    i_name = table.optional("agency_name")
    i_url = table.optional("agency_url")
    names: list[str] = []
    url = ""
    for row in table.rows():
        if i_name is not None and i_name < len(row) and row[i_name].strip():
            names.append(row[i_name].strip())
        if not url and i_url is not None and i_url < len(row):
            url = row[i_url].strip()
    return list(dict.fromkeys(names)), url


def read_attributions(table: Table) -> str:
    """ "Organisation (URL); …" as the publishers ask to be named."""
    i_name = table.optional("organization_name")
    i_url = table.optional("attribution_url")
    parts: list[str] = []
    for row in table.rows():
        name = row[i_name].strip() if i_name is not None and i_name < len(row) else ""
        url = row[i_url].strip() if i_url is not None and i_url < len(row) else ""
        if name:
            parts.append(f"{name} ({url})" if url else name)
    return "; ".join(dict.fromkeys(parts))
