"""Problems found while reading an import file: per-row errors and files refused as a whole."""

from __future__ import annotations

from dataclasses import dataclass

from srek_desk.errors import UserError


@dataclass(frozen=True)
class RowError:
    """One problem in one row; `message` is German and names line and column for people."""

    line: int  # 1-based line in the file (the header is line 1)
    field: str  # column (or field) the problem is in
    message: str


class ImportRefused(UserError):
    """The whole file cannot be imported (empty, wrong encoding, required column missing).

    The message is German and is shown as is; `errors` may list the problems one by one.
    """

    errors: tuple[RowError, ...] = ()
