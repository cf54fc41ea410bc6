"""stop_times.txt streamed into event arrays: only stops in the region, checked and sorted.

The file may hold tens of millions of rows (the nationwide feed), so each row costs a few
dictionary look-ups: rows at stops outside the region are counted and skipped, kept rows go into
`array('i')` columns (times through a cache: a feed repeats the same few thousand times). Rows
the fast path cannot take (spaces, blank lines, mistakes) are redone slowly, which either takes
them or names the file, line and column. Afterwards the events are sorted by (trip,
stop_sequence), times given only as arrival or departure are completed, times left out between
two timed stops are interpolated, and times running backwards within a trip are refused.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from srek_desk.importers.gtfs.errors import FeedCancelled, refused
from srek_desk.importers.gtfs.files import READ_ERRORS, Table
from srek_desk.importers.gtfs.stops import NOT_A_STOP
from srek_desk.importers.gtfs.values import clock, explain_row, non_negative, time_seconds

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
TICK_ROWS = 1 << 14  # progress and cancel are looked at every this many rows


@dataclass
class Events:
    """Kept stop_times sorted by (trip, stop_sequence); trips with fewer than two are gone."""

    trip: NDArray[np.int32]  # index into trips.txt's order
    stop: NDArray[np.int32]  # folded stop in the region
    arrival: NDArray[np.int32]
    departure: NDArray[np.int32]
    rows: int = 0  # rows of the file (all stops)
    # frequency templates: departure at the trip's first stop, kept or not (frequencies.txt
    # start_time refers to it)
    first_departure: dict[int, int] = field(default_factory=dict)
    interpolated: int = 0
    untimed_dropped: int = 0


class _Columns:
    def __init__(self) -> None:
        self.trip = array("i")
        self.seq = array("i")
        self.stop = array("i")
        self.arrival = array("i")
        self.departure = array("i")
        self.line = array("i")


def read_stop_times(
    table: Table,
    stop_lookup: dict[str, int],
    trip_lookup: dict[str, int],
    frequency_trips: set[int],
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Events:
    name = table.name
    i_trip = table.column("trip_id")
    i_stop = table.column("stop_id")
    i_seq = table.column("stop_sequence")
    i_arr = table.column("arrival_time")
    i_dep = table.column("departure_time")
    checks = [
        ("stop_sequence", i_seq, non_negative),
        ("arrival_time", i_arr, _time_or_empty),
        ("departure_time", i_dep, _time_or_empty),
    ]
    width = len(table.header)
    needed = max(i_trip, i_stop, i_seq, i_arr, i_dep)  # later columns may be left off
    columns = _Columns()
    times: dict[str, int] = {"": -1}
    firsts: dict[int, tuple[int, int]] = {}  # frequency template → (stop_sequence, departure)
    add_trip, add_seq, add_stop = columns.trip.append, columns.seq.append, columns.stop.append
    add_arr, add_dep, add_line = (
        columns.arrival.append,
        columns.departure.append,
        columns.line.append,
    )
    reader = table.reader
    rows = 0

    def slow(row: list[str]) -> None:
        """A row the fast path refused: taken after all, skipped when blank, or refused."""
        nonlocal rows
        cells = [cell.strip() for cell in row]
        if not any(cells):
            rows -= 1
            return
        line = table.line
        if needed >= len(cells):
            raise explain_row(name, line, width, row, checks)
        trip = trip_lookup.get(cells[i_trip])
        if trip is None:
            raise refused(
                name,
                f"Fahrt „{cells[i_trip]}“ steht nicht in trips.txt.",
                line=line,
                column="trip_id",
            )
        stop = stop_lookup.get(cells[i_stop])
        if stop is None:
            raise refused(
                name,
                f"Haltestelle „{cells[i_stop]}“ steht nicht in stops.txt.",
                line=line,
                column="stop_id",
            )
        if stop == NOT_A_STOP:
            raise refused(
                name,
                f"„{cells[i_stop]}“ ist in stops.txt ein Eingang, Knoten oder Einstiegsbereich "
                "(location_type 2–4), keine Haltestelle.",
                line=line,
                column="stop_id",
            )
        try:
            seq = non_negative(cells[i_seq])
            arrival = _time_or_empty(cells[i_arr])
            departure = _time_or_empty(cells[i_dep])
        except ValueError:
            raise explain_row(name, line, width, row, checks) from None
        if trip in frequency_trips:
            _note_first(firsts, trip, seq, arrival, departure)
        if stop >= 0:
            values = (trip, seq, stop, arrival, departure, line)
            for column, value in zip(columns_of(columns), values, strict=True):
                column.append(value)

    try:
        for row in reader:
            rows += 1
            if not rows % TICK_ROWS:
                _tick(table, progress, cancel)
            try:
                stop = stop_lookup[row[i_stop]]
                trip = trip_lookup[row[i_trip]]
                if stop < 0 and stop != NOT_A_STOP and trip not in frequency_trips:
                    continue
                arrival = times.get(row[i_arr])
                if arrival is None:
                    arrival = times[row[i_arr]] = time_seconds(row[i_arr])
                departure = times.get(row[i_dep])
                if departure is None:
                    departure = times[row[i_dep]] = time_seconds(row[i_dep])
                seq = int(row[i_seq])
                if stop < 0 or seq < 0 or trip in frequency_trips:
                    raise ValueError  # the slow path handles these few rows
                add_trip(trip)
                add_seq(seq)
                add_stop(stop)
                add_arr(arrival)
                add_dep(departure)
                add_line(reader.line_num)
            except (KeyError, IndexError, ValueError, OverflowError):
                slow(row)
    except READ_ERRORS as error:
        raise table.translate(error) from None
    if progress is not None:
        progress(table.bytes_read, table.size)
    events = _finish(name, columns)
    events.rows = rows
    events.first_departure = {trip: departure for trip, (_seq, departure) in firsts.items()}
    return events


def columns_of(columns: _Columns) -> tuple[array[int], ...]:
    return (
        columns.trip,
        columns.seq,
        columns.stop,
        columns.arrival,
        columns.departure,
        columns.line,
    )


def _time_or_empty(text: str) -> int:
    return time_seconds(text) if text.strip() else -1


def _note_first(
    firsts: dict[int, tuple[int, int]], trip: int, seq: int, arrival: int, departure: int
) -> None:
    time = departure if departure >= 0 else arrival
    if time >= 0 and (trip not in firsts or seq < firsts[trip][0]):
        firsts[trip] = (seq, time)


def _tick(table: Table, progress: Progress | None, cancel: Cancel | None) -> None:
    if progress is not None:
        progress(table.bytes_read, table.size)
    if cancel is not None and cancel():
        raise FeedCancelled


def _finish(name: str, columns: _Columns) -> Events:
    trip, seq, stop, arrival, departure, line = (
        np.frombuffer(column, dtype=np.int32) if len(column) else np.zeros(0, np.int32)
        for column in columns_of(columns)
    )
    order = np.lexsort((seq, trip))
    trip, seq, stop = trip[order], seq[order], stop[order]
    arrival, departure, line = arrival[order].copy(), departure[order].copy(), line[order]
    same_trip = trip[1:] == trip[:-1]
    twice = np.nonzero(same_trip & (seq[1:] == seq[:-1]))[0]
    if len(twice):
        k = int(twice[0]) + 1
        raise refused(
            name,
            f"stop_sequence {seq[k]} kommt in derselben Fahrt zweimal vor (auch Zeile {line[k - 1]}).",
            line=int(line[k]),
            column="stop_sequence",
        )
    only_departure = (arrival < 0) & (departure >= 0)
    arrival[only_departure] = departure[only_departure]
    only_arrival = (departure < 0) & (arrival >= 0)
    departure[only_arrival] = arrival[only_arrival]
    interpolated, dropped = _interpolate(trip, arrival, departure)
    if dropped.any():
        keep = ~dropped
        trip, stop, arrival, departure, line = (
            a[keep] for a in (trip, stop, arrival, departure, line)
        )
    _check_order(name, trip, arrival, departure, line)
    # trips with fewer than two stops in the region cannot carry anyone anywhere
    starts = np.flatnonzero(np.r_[True, trip[1:] != trip[:-1]]) if len(trip) else np.zeros(0, int)
    sizes = np.diff(np.r_[starts, len(trip)])
    keep = np.repeat(sizes >= 2, sizes)
    return Events(
        trip=trip[keep],
        stop=stop[keep],
        arrival=arrival[keep],
        departure=departure[keep],
        interpolated=interpolated,
        untimed_dropped=int(dropped.sum()),
    )


def _interpolate(
    trip: NDArray[np.int32], arrival: NDArray[np.int32], departure: NDArray[np.int32]
) -> tuple[int, NDArray[np.bool_]]:
    """Fill stops without times linearly between the timed stops around them (same trip).

    Returns how many were filled and which could not be (no timed stop before or after them
    in the region): those are dropped.
    """
    missing = arrival < 0
    if not missing.any():
        return 0, missing
    count = len(trip)
    index = np.arange(count)
    before = np.maximum.accumulate(np.where(missing, -1, index))
    after = np.minimum.accumulate(np.where(missing, count, index)[::-1])[::-1]
    safe_before, safe_after = np.clip(before, 0, count - 1), np.clip(after, 0, count - 1)
    fillable = (
        missing
        & (before >= 0)
        & (after < count)
        & (trip[safe_before] == trip)
        & (trip[safe_after] == trip)
    )
    start = departure[safe_before].astype(np.float64)
    end = arrival[safe_after].astype(np.float64)
    share = (index - before) / np.maximum(after - before, 1)
    filled = np.rint(start + share * (end - start)).astype(np.int32)
    arrival[fillable] = filled[fillable]
    departure[fillable] = filled[fillable]
    return int(fillable.sum()), missing & ~fillable


def _check_order(
    name: str,
    trip: NDArray[np.int32],
    arrival: NDArray[np.int32],
    departure: NDArray[np.int32],
    line: NDArray[np.int32],
) -> None:
    early = np.nonzero(departure < arrival)[0]
    backwards = np.nonzero((trip[1:] == trip[:-1]) & (arrival[1:] < departure[:-1]))[0] + 1
    problems = sorted(
        [(int(line[k]), int(k), "stay") for k in early]
        + [(int(line[k]), int(k), "move") for k in backwards]
    )[:1]
    for row_line, k, kind in problems:
        if kind == "stay":
            text = (
                f"Die Abfahrt {clock(int(departure[k]))} liegt vor der Ankunft "
                f"{clock(int(arrival[k]))}."
            )
            column = "departure_time"
        else:
            text = (
                f"Die Ankunft {clock(int(arrival[k]))} liegt vor der Abfahrt am vorigen Halt "
                f"({clock(int(departure[k - 1]))}, Zeile {line[k - 1]}); die Zeiten der Fahrt "
                "laufen in der Reihenfolge der stop_sequence rückwärts."
            )
            column = "arrival_time"
        raise refused(name, text, line=row_line, column=column)
