"""Service days: calendar.txt (weekdays between two dates) with calendar_dates.txt exceptions.

exception_type 1 adds a day, 2 removes one; a service may be defined by calendar_dates.txt
alone. Only the services the kept trips use become rows of `service_days`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from numpy.typing import NDArray

from srek_desk.importers.gtfs.errors import refused
from srek_desk.importers.gtfs.files import Table
from srek_desk.importers.gtfs.values import explain_row, gtfs_date, one_of

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FLAG = one_of("0", "1")
_EXCEPTION = one_of("1", "2")
# Service days kept from the first: two years (a published timetable runs one).
MAX_DAYS = 731


@dataclass
class Calendar:
    weekly: dict[str, tuple[tuple[bool, ...], date, date]] = field(default_factory=dict)
    added: dict[str, list[date]] = field(default_factory=dict)
    removed: dict[str, list[date]] = field(default_factory=dict)
    cut: bool = False  # service_days left out days beyond MAX_DAYS

    def knows(self, service_id: str) -> bool:
        return service_id in self.weekly or service_id in self.added or service_id in self.removed

    def span(self) -> tuple[date, date] | None:
        """First and last date the calendar mentions (None when it is empty)."""
        starts = [start for _days, start, _end in self.weekly.values()]
        ends = [end for _days, _start, end in self.weekly.values()]
        for dates in (*self.added.values(), *self.removed.values()):
            starts += dates
            ends += dates
        return (min(starts), max(ends)) if starts else None

    def service_days(
        self,
        service_ids: list[str],
        within: tuple[date | None, date | None] = (None, None),
        today: date | None = None,
    ) -> tuple[date, NDArray[np.bool_]]:
        """day_zero and the matrix [service, day] for `service_ids`, in that order.

        The days are those the services mention, cut to `within` (the feed's own validity
        from feed_info.txt, where given) and to at most MAX_DAYS: a calendar "until 2099"
        would otherwise cost a column per day for every service; then the two years start a
        month before `today`.
        """
        firsts: list[date] = []
        lasts: list[date] = []
        for service in service_ids:
            if service in self.weekly:
                _days, start, end = self.weekly[service]
                firsts.append(start)
                lasts.append(end)
            firsts += self.added.get(service, [])
            lasts += self.added.get(service, [])
        if not firsts:
            span = self.span()
            return (span[0] if span else date.today()), np.zeros((len(service_ids), 0), bool)
        day_zero, last = min(firsts), max(lasts)
        if within[0] is not None and within[0] <= last:
            day_zero = max(day_zero, within[0])
        if within[1] is not None and within[1] >= day_zero:
            last = min(last, within[1])
        self.cut = last > day_zero + timedelta(days=MAX_DAYS - 1)
        if self.cut:
            # a calendar "2020 … 2099": keep the two years from a month before today, not
            # the two years of the past it starts with
            recent = (today or date.today()) - timedelta(days=31)
            day_zero = max(day_zero, min(recent, last))
            last = min(last, day_zero + timedelta(days=MAX_DAYS - 1))
        count = (last - day_zero).days + 1
        days = np.arange(count)
        weekday = (day_zero.weekday() + days) % 7
        matrix = np.zeros((len(service_ids), count), dtype=bool)
        for row, service in enumerate(service_ids):
            if service in self.weekly:
                flags, start, end = self.weekly[service]
                runs = np.array(flags, dtype=bool)[weekday]
                runs &= (days >= (start - day_zero).days) & (days <= (end - day_zero).days)
                matrix[row] = runs
            for day in self.added.get(service, []):
                offset = (day - day_zero).days
                if 0 <= offset < count:
                    matrix[row, offset] = True
            for day in self.removed.get(service, []):
                offset = (day - day_zero).days
                if 0 <= offset < count:
                    matrix[row, offset] = False
        return day_zero, matrix


def read_calendar(table: Table, calendar: Calendar) -> None:
    name = table.name
    i_service = table.column("service_id")
    i_days = [table.column(day) for day in WEEKDAYS]
    i_start = table.column("start_date")
    i_end = table.column("end_date")
    checks = [
        *((day, i, _FLAG) for day, i in zip(WEEKDAYS, i_days, strict=True)),
        ("start_date", i_start, gtfs_date),
        ("end_date", i_end, gtfs_date),
    ]
    lines: dict[str, int] = {}
    for row in table.rows():
        line = table.line
        try:
            service = row[i_service].strip()
            flags = tuple(_FLAG(row[i]) == "1" for i in i_days)
            start, end = gtfs_date(row[i_start]), gtfs_date(row[i_end])
        except (ValueError, IndexError):
            raise explain_row(name, line, len(table.header), row, checks) from None
        if service in lines:
            raise refused(
                name,
                f"Die Verkehrstage „{service}“ stehen zweimal in der Datei "
                f"(zuerst in Zeile {lines[service]}).",
                line=line,
                column="service_id",
            )
        if end < start:
            raise refused(
                name,
                f"end_date {end:%d.%m.%Y} liegt vor start_date {start:%d.%m.%Y}.",
                line=line,
                column="end_date",
            )
        lines[service] = line
        calendar.weekly[service] = (flags, start, end)


def read_calendar_dates(table: Table, calendar: Calendar) -> None:
    name = table.name
    i_service = table.column("service_id")
    i_date = table.column("date")
    i_type = table.column("exception_type")
    checks = [("date", i_date, gtfs_date), ("exception_type", i_type, _EXCEPTION)]
    for row in table.rows():
        try:
            service = row[i_service].strip()
            day = gtfs_date(row[i_date])
            kind = _EXCEPTION(row[i_type])
        except (ValueError, IndexError):
            raise explain_row(name, table.line, len(table.header), row, checks) from None
        target = calendar.added if kind == "1" else calendar.removed
        target.setdefault(service, []).append(day)
