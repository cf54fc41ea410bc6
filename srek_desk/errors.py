"""Errors meant for people (German message, exit code 1) as opposed to bugs (crash dialog + log)."""

from __future__ import annotations

from pathlib import Path


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


class EncryptionKeyError(UserError):
    """The SQLCipher key is missing, unreadable or does not fit the database."""


class DatabaseInUseError(UserError):
    """Another SREK Desk instance holds the database lock."""


class DatabaseBusyError(UserError):
    """SQLite stayed locked by another program beyond the busy timeout."""


class DiskFullError(UserError):
    """The drive holding the database (or a backup) has no space left."""


class ReadOnlyDatabaseError(UserError):
    """The database (or its folder) may only be read, not written."""


class CorruptDatabaseError(UserError):
    """The database file is damaged; the newest good backup, if known, is attached."""

    def __init__(
        self, message: str, *, details: str | None = None, latest_backup: Path | None = None
    ) -> None:
        super().__init__(message, details=details)
        self.latest_backup = latest_backup
