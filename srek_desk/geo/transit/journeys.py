"""A found connection as people read it: legs on foot and on board, rebuilt from a search's labels.

The search (`search.py`) keeps, per round, the label of every event of the day's window: the
latest departure from the origin point with which one can board there (`boards`) or be on board
arriving there (`arrivals`). A connection is rebuilt backwards from the arrival event the search
chose: find the boarding of the same trip that carries the label, then either the walk from the
origin point or the arrival of the previous round (at the same stop, or a footpath away) that
carries it, and so on. Labels alone are enough; no back-pointers are stored during the search.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from srek_desk.geo.transit.timetable import Timetable
from srek_desk.geo.transit.window import SEGMENT_SHIFT, DayWindow

START_NAME = "Start"
DESTINATION_NAME = "Ziel"


@dataclass(frozen=True, slots=True)
class Leg:
    """One part of a connection: a walk or a ride, with times in seconds after midnight."""

    kind: str  # "walk" | "ride"
    from_name: str  # stop name, or "Start" / "Ziel" for the points
    to_name: str
    depart: int  # seconds after midnight of the query day
    arrive: int
    route: str | None = None  # ride: the feed's short name, e.g. "RE 2"
    route_type: int | None = None
    headsign: str | None = None  # the timetable keeps no headsigns: always None for now


@dataclass(frozen=True, slots=True)
class Journey:
    """A door-to-door connection: leave the origin point at `depart`, arrive at `arrive`."""

    depart: int
    arrive: int
    transfers: int
    legs: tuple[Leg, ...]

    @property
    def minutes(self) -> float:
        return (self.arrive - self.depart) / 60


def rebuild_journey(
    timetable: Timetable,
    window: DayWindow,
    boards: Sequence[NDArray[np.int32]],
    arrivals: Sequence[NDArray[np.int32]],
    access_seconds: dict[int, int],
    round_index: int,
    last_event: int,
    egress_seconds: int,
) -> Journey:
    """The connection whose last ride arrives with window event `last_event` in `round_index`."""
    label = int(arrivals[round_index][last_event])
    rides: list[tuple[int, int]] = []  # (boarding event, alighting event), last ride first
    changes: list[int] = []  # footpath seconds before each ride but the first, -1 at one stop
    event, k = last_event, round_index
    while True:
        begin = int(window.segment_starts[window.trip_offsets[event] >> SEGMENT_SHIFT])
        carrying = np.nonzero(boards[k][begin:event] == label)[0]
        if len(carrying) == 0:
            raise RuntimeError("journey search: no boarding carries the label")
        board = begin + int(carrying[-1])
        rides.append((board, event))
        stop = int(window.stop[board])
        walk = access_seconds.get(stop)
        if walk is not None and int(window.departure[board]) - walk == label:
            break
        low, high = int(window.ready_begin[stop]), int(window.board_position[board]) + 1
        sources = window.ready_event[low:high]
        matching = np.nonzero(arrivals[k - 1][sources] == label)[0] if k > 0 else sources[:0]
        if len(matching) == 0:
            raise RuntimeError("journey search: no arrival carries the label")
        chosen = low + int(matching[-1])
        changes.append(int(window.ready_walk[chosen]))
        event, k = int(window.ready_event[chosen]), k - 1
    rides.reverse()
    changes.reverse()
    return _journey(timetable, window, label, rides, changes, egress_seconds)


def _journey(
    timetable: Timetable,
    window: DayWindow,
    label: int,
    rides: list[tuple[int, int]],
    changes: list[int],
    egress_seconds: int,
) -> Journey:
    def name(event: int) -> str:
        return str(timetable.stop_names[window.stop[event]])

    legs: list[Leg] = []
    first_board = rides[0][0]
    legs.append(
        Leg("walk", START_NAME, name(first_board), label, int(window.departure[first_board]))
    )
    for number, (board, alight) in enumerate(rides):
        if number > 0 and changes[number - 1] >= 0:
            previous = rides[number - 1][1]
            reached = int(window.arrival[previous])
            legs.append(
                Leg("walk", name(previous), name(board), reached, reached + changes[number - 1])
            )
        route = int(timetable.trip_route[window.trip[board]])
        legs.append(
            Leg(
                "ride",
                name(board),
                name(alight),
                int(window.departure[board]),
                int(window.arrival[alight]),
                route=str(timetable.route_names[route]),
                route_type=int(timetable.route_types[route]),
            )
        )
    last = rides[-1][1]
    reached = int(window.arrival[last])
    legs.append(Leg("walk", name(last), DESTINATION_NAME, reached, reached + egress_seconds))
    return Journey(
        depart=label,
        arrive=reached + egress_seconds,
        transfers=len(rides) - 1,
        legs=tidy_legs(legs),
    )


def tidy_legs(legs: Sequence[Leg]) -> tuple[Leg, ...]:
    """Consecutive walks merged into one, walks of no length dropped."""
    tidy: list[Leg] = []
    for leg in legs:
        if tidy and leg.kind == "walk" and tidy[-1].kind == "walk":
            before = tidy.pop()
            leg = Leg("walk", before.from_name, leg.to_name, before.depart, leg.arrive)
        tidy.append(leg)
    return tuple(leg for leg in tidy if leg.kind != "walk" or leg.arrive > leg.depart)
