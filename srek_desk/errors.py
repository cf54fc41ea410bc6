"""Errors meant for people (German message, exit code 1) as opposed to bugs (crash dialog + log)."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix: wrong input, missing file, refused database.

    The message is German and shown as is, on the command line or in a dialog.
    """

    exit_code = 1

    def __init__(self, message: str, *, details: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details

    def __str__(self) -> str:
        return self.message


class DatabaseNewerError(UserError):
    """The database was written by a newer SREK Desk; opening it could damage it."""


class NetworkDriveError(UserError):
    """SQLite on a network drive corrupts easily; we refuse it."""
