"""Bus-and-train figures for the sheet from the timetable, from the same source as the match.

A match whose pt minutes came from the timetable carries its connection (`Match.connection`);
for pt figures the match did not pick (the client's fastest mode was the car) and for offers
the matching left out, the matcher's `TimetableCommutes` answers (one search per origin, cached),
so the sheet prints what the match saw. Where the timetable does not know the area, the caller
falls back to the estimate ("ca."); where it knows both places but no connection arrives in
time, the sheet says so instead of printing an estimate.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from srek_desk.matching.engine import Match
from srek_desk.matching.index import ClientProfile, OfferRow
from srek_desk.matching.transit import Connection, TimetableCommutes
from srek_desk.services.core.database import Database
from srek_desk.sheets.data import Commute, SheetConnection, SheetLeg


def sheet_connection(connection: Connection) -> SheetConnection:
    """The matcher's connection as plain sheet data (stop names, lines, times)."""
    journey = connection.journey
    return SheetConnection(
        day=connection.day,
        arrive_by=int(connection.arrive_by),
        depart=int(journey.depart),
        arrive=int(journey.arrive),
        legs=tuple(
            SheetLeg(
                kind=leg.kind,
                from_name=leg.from_name,
                to_name=leg.to_name,
                depart=int(leg.depart),
                arrive=int(leg.arrive),
                route=leg.route or "",
                route_type=-1 if leg.route_type is None else int(leg.route_type),
            )
            for leg in journey.legs
        ),
        transfers=int(journey.transfers),
    )


def timetable_commute(
    profile: ClientProfile,
    row: OfferRow,
    km: float,
    match: Match | None,
    transit: TimetableCommutes | None,
) -> Commute | None:
    """The pt commute by the timetable: with its connection, or +inf minutes and the arrival
    time where no connection arrives in time; None where the timetable does not know."""
    if transit is None or profile.lat is None or profile.lon is None:
        return None
    if row.lat is None or row.lon is None:
        return None
    if match is not None and match.mode == "pt" and match.connection is not None:
        found: Connection | None = match.connection
    else:
        minutes = transit.minutes(
            profile.lat,
            profile.lon,
            np.array([row.lat]),
            np.array([row.lon]),
            profile.arrive_by,
        )[0]
        if math.isnan(minutes):
            return None
        found = None
        if math.isfinite(minutes):
            found = transit.connection(
                profile.lat, profile.lon, row.lat, row.lon, profile.arrive_by
            )
            if found is None:  # minutes without a journey: not what the search promises
                return None
    if found is None:
        arrive_by = transit.arrive_by if profile.arrive_by is None else profile.arrive_by
        return Commute("pt", math.inf, km, no_connection_by=arrive_by)
    connection = sheet_connection(found)
    return Commute("pt", connection.minutes, km, connection=connection)


def timetable_credit(database: Database, settings: Mapping[str, Any] | None) -> str:
    """Publisher and licence of the loaded timetable for the sheet's footer, as the
    publisher asks to be credited ("" when none is loaded)."""
    from srek_desk.services.timetable import TimetableService

    status = TimetableService(database, settings).status()
    if not status.loaded:
        return ""
    publisher = status.publisher.strip()
    attribution = status.attribution.strip()
    parts = []
    if publisher and publisher not in attribution:
        parts.append(publisher)
    if attribution:
        parts.append(attribution)
    elif status.publisher_url.strip():
        parts.append(status.publisher_url.strip())
    if not parts and status.source_name:
        parts.append(status.source_name)
    return " · ".join(parts)
