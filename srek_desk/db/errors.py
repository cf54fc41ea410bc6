"""Known storage failures (disk full, read-only, corrupt, locked; lost server, missing rights) as
German UserErrors."""

from __future__ import annotations

import errno
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from srek_desk.errors import (
    CorruptDatabaseError,
    DatabaseBusyError,
    DiskFullError,
    ReadOnlyDatabaseError,
    UserError,
)

DISK_FULL_MESSAGE = (
    "Der Speicherplatz auf dem Laufwerk der Datenbank ist voll. Die Änderung wurde nicht "
    "gespeichert, es ist nichts halb geschrieben. Bitte Platz schaffen (oder die IT bitten) "
    "und es dann erneut versuchen."
)
READ_ONLY_MESSAGE = (
    "Die Datenbank ist schreibgeschützt: SREK Desk darf sie nur lesen, Änderungen werden nicht "
    "gespeichert. Bitte die IT bitten, Schreibrechte für die Datenbank und ihren Ordner "
    "einzurichten."
)
CORRUPT_MESSAGE = (
    "Die Datenbank ist beschädigt und kann nicht zuverlässig gelesen werden. Bitte die letzte "
    "gute Sicherung wiederherstellen (im Programm oder mit „srek-desk restore DATEI“) und die "
    "IT verständigen."
)
BUSY_MESSAGE = (
    "Die Datenbank wird gerade von einem anderen Programm benutzt. Bitte einen Moment warten "
    "und es erneut versuchen; hilft das nicht, das andere Programm schließen."
)

# SQLite's primary result codes (extended codes carry them in the low byte).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_NOTADB = 11, 13, 26

_MESSAGE_HINTS: tuple[tuple[str, int], ...] = (
    ("database or disk is full", _SQLITE_FULL),
    ("attempt to write a readonly database", _SQLITE_READONLY),
    ("readonly database", _SQLITE_READONLY),
    ("database disk image is malformed", _SQLITE_CORRUPT),
    ("file is not a database", _SQLITE_NOTADB),
    ("malformed", _SQLITE_CORRUPT),
    ("database is locked", _SQLITE_BUSY),
    ("database table is locked", _SQLITE_LOCKED),
)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, what SQLAlchemy wrapped (`.orig`) and its causes, each once."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.append(getattr(current, "orig", None))
        pending.append(current.__cause__)
        pending.append(current.__context__)


def _sqlite_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    if type(exc).__module__.split(".")[0] not in {"sqlite3", "sqlcipher3", "_sqlite3"}:
        return None
    text = str(exc).lower()
    for hint, hinted_code in _MESSAGE_HINTS:
        if hint in text:
            return hinted_code
    return None


def _from_code(code: int) -> UserError | None:
    if code == _SQLITE_FULL:
        return DiskFullError(DISK_FULL_MESSAGE)
    if code == _SQLITE_READONLY:
        return ReadOnlyDatabaseError(READ_ONLY_MESSAGE)
    if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return CorruptDatabaseError(CORRUPT_MESSAGE)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DatabaseBusyError(BUSY_MESSAGE)
    return None


SERVER_GONE_MESSAGE = (
    "Die Verbindung zum Datenbankserver ist abgebrochen. Die letzte Änderung wurde nicht "
    "gespeichert. Bitte das Netz prüfen und es erneut versuchen; hilft das nicht, die IT fragen."
)
PERMISSION_MESSAGE = (
    "Der Datenbankserver erlaubt SREK Desk diese Änderung nicht (fehlende Rechte der Rolle). "
    "Es wurde nichts gespeichert. Bitte die IT bitten, „srek-desk server-setup“ auszuführen."
)
RETRY_MESSAGE = (
    "Zwei Arbeitsplätze haben gleichzeitig dieselben Daten geändert; diese Änderung wurde "
    "nicht gespeichert. Bitte es einfach noch einmal versuchen."
)


def _from_sqlstate(exc: BaseException) -> UserError | None:
    """PostgreSQL (psycopg) errors by SQLSTATE class."""
    state = getattr(exc, "sqlstate", None)
    if not isinstance(state, str) or len(state) != 5:
        return None
    if state == "53100":  # disk_full
        return DiskFullError(DISK_FULL_MESSAGE)
    if state in ("25006",):  # read_only_sql_transaction (hot standby)
        return ReadOnlyDatabaseError(READ_ONLY_MESSAGE)
    if state == "42501":  # insufficient_privilege
        return UserError(PERMISSION_MESSAGE)
    if state in ("40001", "40P01", "55P03"):  # serialization, deadlock, lock not available
        return DatabaseBusyError(RETRY_MESSAGE)
    if state.startswith("08") or state in ("57P01", "57P02", "57P03"):  # connection, shutdown
        return UserError(SERVER_GONE_MESSAGE)
    if state == "XX001" or state == "XX002":  # data_corrupted, index_corrupted
        return CorruptDatabaseError(CORRUPT_MESSAGE)
    return None


def _from_os_error(exc: OSError) -> UserError | None:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return DiskFullError(DISK_FULL_MESSAGE)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyDatabaseError(READ_ONLY_MESSAGE)
    return None


TOO_LONG_MESSAGE = (
    "Die Eingabe ist zu lang für eine Abfrage (zum Beispiel eine Suche mit sehr vielen "
    "Wörtern). Es wurde nichts geändert. Bitte mit weniger Wörtern oder kürzerem Text "
    "erneut versuchen."
)
_BAD_CHARACTER_MESSAGE = (
    "{where} steht {what}, das die Datenbank nicht speichern kann. Es wurde nichts gespeichert. "
    "Bitte die Eingabe prüfen; stammt sie aus einer Datei, die Datei als UTF-8 speichern und "
    "erneut einlesen."
)
_NUL = "ein Nullzeichen (Zeichencode 0)"
_SURROGATE = "ein unvollständiges Unicode-Zeichen (ein einzelnes Ersatzzeichen)"

# Limits a person reaches with a very long search or input, by engine.
_TOO_LONG_HINTS = (
    "expression tree is too large",  # SQLite: a search with very many words
    "like or glob pattern too complex",
    "string or blob too big",
    "too many sql variables",
    "number of parameters must be between",  # psycopg: more than 65535 bound values
)
# program limit exceeded, statement too complex, too many arguments
_TOO_LONG_STATES = ("54000", "54001", "54023")
_UNICODE_ESCAPE = re.compile(r"unicode|surrogate|\\u0000", re.IGNORECASE)
_BIND_SUFFIX = re.compile(r"(_+m?\d+)+$")


MAX_SEARCH_WORDS = 30
MAX_SEARCH_CHARACTERS = 500


def check_search(search: str) -> None:
    """Refuse a search no person types by hand (pasted text, a stuck key) before a query is
    built: every word adds conditions, and engines give up on very many (SQLite's expression
    depth, PostgreSQL's 65,535 parameters) only after seconds of work."""
    if len(search) > MAX_SEARCH_CHARACTERS or len(search.split()) > MAX_SEARCH_WORDS:
        raise UserError(
            f"Die Suche ist zu lang: erlaubt sind höchstens {MAX_SEARCH_WORDS} Wörter und "
            f"{MAX_SEARCH_CHARACTERS} Zeichen. Bitte mit weniger Wörtern suchen."
        )


def _is_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _bad_field(parameters: Any, bad: Any) -> str | None:
    """The name of the first bound value for which `bad(text)` holds (bind suffixes cut off)."""
    rows: Sequence[Any]
    if isinstance(parameters, Mapping):
        rows = [parameters]
    elif isinstance(parameters, (list, tuple)):
        rows = parameters
    else:
        return None
    for row in rows:
        if not isinstance(row, Mapping):
            continue
        for key, value in row.items():
            if isinstance(value, str) and bad(value):
                return _BIND_SUFFIX.sub("", str(key)) or str(key)
    return None


def _bad_character(what: str, field: str | None) -> UserError:
    where = f"Im Feld „{field}“" if field else "In einer Eingabe"
    return UserError(_BAD_CHARACTER_MESSAGE.format(where=where, what=what))


def _from_input(exc: BaseException, parameters: Any) -> UserError | None:
    """Input a person can type or import that an engine refuses: bad characters, too long."""
    text = str(exc)
    if isinstance(exc, UnicodeEncodeError) and "surrogates not allowed" in text:
        return _bad_character(_SURROGATE, _bad_field(parameters, _is_surrogate))
    if "cannot contain NUL (0x00) bytes" in text:  # psycopg, before the server sees it
        return _bad_character(_NUL, _bad_field(parameters, lambda value: "\x00" in value))
    state = getattr(exc, "sqlstate", None)
    if state in ("22P05", "22021") or (state == "22P02" and _UNICODE_ESCAPE.search(text)):
        what = _NUL if "\\u0000" in text else _SURROGATE
        return _bad_character(what, None)
    if state in _TOO_LONG_STATES:
        return UserError(TOO_LONG_MESSAGE)
    if state == "22001":  # string_data_right_truncation: value too long for the column
        return UserError(
            "Eine Eingabe ist länger, als das Feld in der Datenbank erlaubt. Es wurde nichts "
            "gespeichert. Bitte den Text kürzen."
        )
    module = type(exc).__module__.split(".")[0]
    if module in {"sqlite3", "sqlcipher3", "_sqlite3", "psycopg"}:
        lowered = text.lower()
        if any(hint in lowered for hint in _TOO_LONG_HINTS):
            return UserError(TOO_LONG_MESSAGE)
    return None


def translate_db_error(exc: BaseException, *, parameters: Any = None) -> UserError | None:
    """The German UserError for a known storage failure or refused input, or None (a bug, or
    already a UserError). `parameters`: the statement's bound values, to name a bad field."""
    if isinstance(exc, UserError):
        return None
    for current in _chain(exc):
        if isinstance(current, UserError):
            return None
        translated = _from_input(current, parameters)
        if translated is not None:
            return translated
        translated = _from_sqlstate(current)
        if translated is not None:
            return translated
        code = _sqlite_code(current)
        if code is not None:
            translated = _from_code(code)
            if translated is not None:
                return translated
        if isinstance(current, OSError):
            translated = _from_os_error(current)
            if translated is not None:
                return translated
    return None
