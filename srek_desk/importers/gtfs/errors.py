"""Why a GTFS feed is refused or stopped: German messages naming file, line and column."""

from __future__ import annotations

from srek_desk.errors import UserError
from srek_desk.importers.errors import ImportRefused


class FeedRefused(ImportRefused):
    """The feed cannot be imported; `file`, `line` and `column` say where (when known)."""

    def __init__(self, message: str, *, file: str = "", line: int = 0, column: str = "") -> None:
        super().__init__(message)
        self.file = file
        self.line = line
        self.column = column


class FeedCancelled(UserError):
    """Reading the feed was cancelled by the user."""

    def __init__(self, message: str = "Das Laden des Fahrplans wurde abgebrochen.") -> None:
        super().__init__(message)


def refused(file: str, text: str, *, line: int = 0, column: str = "") -> FeedRefused:
    """`stop_times.txt, Zeile 12, Spalte arrival_time: <text>` (parts left out when unknown)."""
    where = file
    if line:
        where += f", Zeile {line}"
    if column:
        where += f", Spalte {column}"
    return FeedRefused(f"{where}: {text}", file=file, line=line, column=column)
