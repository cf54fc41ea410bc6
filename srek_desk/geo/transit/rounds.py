"""The rounds of one search over a day's window: labels per event and what each stop is reached with.

A label is the latest departure from the origin point with which one can board at an event
(`boards`) or arrive on board at it (`arrivals`); `NO_LABEL` where there is none. Round k holds
the connections with at most k + 1 rides:

- round 0 boards where the origin point's walk reaches the stop in time (departure − walk);
- round k > 0 boards where round k − 1 made one ready by the departure: the running maximum of
  the ready events' labels per stop (sorted by time), read at `board_position` — plus round 0's
  boardings, so that every round includes all connections with fewer rides;
- in both, the labels travel along each trip as a running maximum per trip, shifted by one event
  (one arrives at an event with what was boarded before it).

What a destination needs from the last round is kept compactly as `Reach`: per stop, over its
arrivals sorted by time, the prefix maximum of labels (latest departure arriving by then) and the
first round reaching it (fewest rides) are piecewise constant, so only the positions where
(stop, label, round) changes are stored. The position of such a change is also the earliest
arrival with that label and round: within a run of equal labels the first round only falls.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from srek_desk.geo.transit.window import NO_LABEL, DayWindow, segmented_running_max


@dataclass(frozen=True, slots=True)
class Reach:
    """Change points over the window's sorted arrivals: from `position` on (to the next change
    point) connections arriving at that stop leave the origin point at latest `label`, with
    `round` + 1 rides at fewest, the earliest of them arriving with the arrival at `position`."""

    position: NDArray[np.int64]
    label: NDArray[np.int32]
    round: NDArray[np.int8]
    reachable_stops: int
    rounds: int

    def memory_bytes(self) -> int:
        return self.position.nbytes + self.label.nbytes + self.round.nbytes


@dataclass(frozen=True, slots=True)
class Labels:
    """Every round's labels per window event, kept to rebuild connections (`journeys.py`)."""

    boards: tuple[NDArray[np.int32], ...]
    arrivals: tuple[NDArray[np.int32], ...]

    def memory_bytes(self) -> int:
        return sum(a.nbytes for a in (*self.boards, *self.arrivals))


def access_boardings(
    window: DayWindow, access: dict[int, int]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Window events at the stops near the origin point, with the departure from the point."""
    if not access:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    stops = np.fromiter(access.keys(), np.int64)
    walks = np.fromiter(access.values(), np.int64)
    low = window.stop_begin[stops]
    counts = window.stop_begin[stops + 1] - low
    position = np.repeat(low - (np.cumsum(counts) - counts), counts) + np.arange(counts.sum())
    events = window.stop_order[position]
    return events, window.departure[events] - np.repeat(walks, counts)


def run_rounds(
    window: DayWindow,
    access_events: NDArray[np.int64],
    access_labels: NDArray[np.int64],
    max_transfers: int,
    *,
    keep_labels: bool = False,
) -> tuple[Reach, Labels | None]:
    """Rounds 0 … max_transfers (stopping early when a round improves nothing)."""
    board = np.full(window.event_count, NO_LABEL, np.int64)
    board[access_events] = access_labels
    first_round = np.zeros(len(window.arrival_event), np.int8)
    arrive = reach = np.zeros(0, np.int64)
    boards: list[NDArray[np.int32]] = []
    arrivals: list[NDArray[np.int32]] = []
    rounds = 0
    for k in range(max_transfers + 1):
        if k > 0:
            ready = segmented_running_max(arrive[window.ready_event], window.ready_offsets)
            earlier = board
            board = np.append(ready, NO_LABEL)[window.board_position]
            board[access_events] = np.maximum(board[access_events], access_labels)
            if np.array_equal(board, earlier):
                break  # nothing improved: later rounds would repeat this one
        on_board = segmented_running_max(board, window.trip_offsets)
        arrive = np.empty_like(on_board)
        arrive[1:] = on_board[:-1]
        arrive[window.segment_first] = NO_LABEL
        reached = segmented_running_max(arrive[window.arrival_event], window.arrival_offsets)
        if k > 0:
            first_round[reached > reach] = k
        reach = reached
        rounds += 1
        if keep_labels:
            boards.append(board.astype(np.int32))
            arrivals.append(arrive.astype(np.int32))
    stop_first = np.diff(window.arrival_stop, prepend=-1) != 0
    change = stop_first.copy()
    change[1:] |= (reach[1:] != reach[:-1]) | (first_round[1:] != first_round[:-1])
    position = np.nonzero(change)[0].astype(np.int64)
    stop_last = np.nonzero(np.diff(window.arrival_stop, append=-1) != 0)[0]
    summary = Reach(
        position=position,
        label=reach[position].astype(np.int32),
        round=first_round[position],
        reachable_stops=int(np.count_nonzero(reach[stop_last] > NO_LABEL)),
        rounds=rounds,
    )
    return summary, (Labels(tuple(boards), tuple(arrivals)) if keep_labels else None)
