"""GTFS field values (times past 24:00, dates, numbers) parsed with German messages.

Each parser raises ValueError whose text is the German explanation; the caller adds file, line
and column (`errors.refused`). The hot loops call `int`/`float` directly and ask these parsers
only to explain a failure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from srek_desk.importers.gtfs.errors import FeedRefused, refused

# GTFS allows service days longer than 24 h; beyond two days a time is surely a typing mistake.
MAX_HOURS = 47
LARGEST = 2**31 - 1  # the arrays hold 32-bit numbers


def time_seconds(text: str) -> int:
    """ "7:05:00" / "25:10:00" → seconds after the service day's midnight."""
    parts = text.strip().split(":")
    if (
        len(parts) == 3
        and all(p.isdigit() and p.isascii() for p in parts)
        and 1 <= len(parts[0]) <= 2
        and len(parts[1]) == len(parts[2]) == 2
    ):
        hours, minutes, seconds = (int(p) for p in parts)
        if hours <= MAX_HOURS and minutes < 60 and seconds < 60:
            return hours * 3600 + minutes * 60 + seconds
    raise ValueError(
        f"„{text}“ ist keine gültige Uhrzeit (erwartet HH:MM:SS, z. B. 07:05:00 oder 25:10:00)."
    )


def clock(seconds: int) -> str:
    """Seconds after midnight as GTFS writes them ("25:10:00")."""
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def gtfs_date(text: str) -> date:
    value = text.strip()
    if len(value) == 8 and value.isdigit() and value.isascii():
        try:
            return date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            pass
    raise ValueError(f"„{text}“ ist kein gültiges Datum (erwartet JJJJMMTT, z. B. 20261201).")


def whole_number(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError(f"„{text}“ ist keine ganze Zahl.") from None


def non_negative(text: str) -> int:
    value = whole_number(text)
    if value < 0:
        raise ValueError(f"„{text}“ darf nicht negativ sein.")
    if value > LARGEST:
        raise ValueError(f"„{text}“ ist zu groß (höchstens {LARGEST}).")
    return value


def positive(text: str) -> int:
    value = whole_number(text)
    if value <= 0:
        raise ValueError(f"„{text}“ muss größer als 0 sein.")
    return value


def latitude(text: str) -> float:
    return _degrees(text, 90.0, "Breitengrad")


def longitude(text: str) -> float:
    return _degrees(text, 180.0, "Längengrad")


def _degrees(text: str, limit: float, what: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise ValueError(f"„{text}“ ist keine Zahl (erwartet ein {what} wie 51.3127).") from None
    if not -limit <= value <= limit:
        raise ValueError(f"„{text}“ ist kein gültiger {what}.")
    return value


def one_of(*allowed: str) -> Callable[[str], str]:
    """A parser accepting only `allowed` (after stripping spaces)."""

    def parse(text: str) -> str:
        value = text.strip()
        if value not in allowed:
            raise ValueError(f"„{text}“ ist nicht erlaubt (erlaubt: {', '.join(allowed)}).")
        return value

    return parse


Check = tuple[str, int | None, Callable[[str], object]]


def explain_row(
    file: str, line: int, header_size: int, row: list[str], checks: Sequence[Check]
) -> FeedRefused:
    """The refusal for a row a fast loop could not take: the first field that does not parse.

    `checks` are (column name, index or None when the column is absent, parser); when every
    field parses, the row itself is the problem (too few columns).
    """
    for column, index, parse in checks:
        if index is None:
            continue
        if index >= len(row):
            break
        try:
            parse(row[index])
        except ValueError as error:
            return refused(file, str(error), line=line, column=column)
    return refused(
        file,
        f"Die Zeile hat {len(row)} statt {header_size} Spalten (wie die Kopfzeile).",
        line=line,
    )
