"""Encryption at rest with SQLCipher: the key file, keyed connections, converting a database.

The key never goes into a URL, a log line or an exception text: it is applied with
``PRAGMA key`` on the raw DB-API connection, outside SQLAlchemy's statement logging. A key file
holding 64 hex digits is used as a raw key (no key derivation, fast connects); anything else is
a passphrase.
"""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
from pathlib import Path
from typing import Any

from srek_desk.errors import EncryptionKeyError, UserError

SQLITE_HEADER = b"SQLite format 3\x00"
KEY_SETTING = "database.key_file"
_RAW_KEY = re.compile(r"^[0-9a-fA-F]{64}$")

WRONG_KEY_MESSAGE = (
    "Der Schlüssel passt nicht zur Datenbank {name} (oder die Datei ist beschädigt). Bitte die "
    "IT fragen, ob die Einstellung „database.key_file“ auf die richtige Schlüsseldatei zeigt."
)
NO_KEY_MESSAGE = (
    "Die Datenbank {name} ist verschlüsselt; ohne Schlüssel kann SREK Desk sie nicht öffnen. "
    "Bitte die IT bitten, die Einstellung „database.key_file“ einzurichten. (Ist die Datei gar "
    "nicht verschlüsselt, ist sie beschädigt: dann die letzte Sicherung wiederherstellen.)"
)
PLAIN_WITH_KEY_MESSAGE = (
    "Die Datenbank {name} ist nicht verschlüsselt, aber in „database.key_file“ ist ein Schlüssel "
    "eingestellt. Bitte mit „srek-desk encrypt --key-file DATEI“ verschlüsseln oder die "
    "Einstellung entfernen."
)


def load_key(config: Any) -> str | None:
    """The key from the file named by `database.key_file`; None when the setting is empty."""
    setting = str(config[KEY_SETTING] or "").strip()
    if not setting:
        return None
    return read_key_file(Path(setting).expanduser())


def read_key_file(path: Path) -> str:
    try:
        key = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise EncryptionKeyError(
            f"Die Schlüsseldatei {path} aus der Einstellung „{KEY_SETTING}“ gibt es nicht. "
            "Bitte die IT verständigen."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "kein Text"
        raise EncryptionKeyError(
            f"Die Schlüsseldatei {path} aus der Einstellung „{KEY_SETTING}“ kann nicht gelesen "
            f"werden ({reason}). Bitte die IT verständigen."
        ) from None
    if not key:
        raise EncryptionKeyError(
            f"Die Schlüsseldatei {path} aus der Einstellung „{KEY_SETTING}“ ist leer. "
            "Bitte die IT verständigen."
        )
    return key


def write_new_key_file(path: Path) -> str:
    """Create a key file with a fresh random raw key, readable by its owner only."""
    key = secrets.token_hex(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key


def key_literal(key: str) -> str:
    """The SQL literal for PRAGMA key / ATTACH … KEY: raw hex key or quoted passphrase."""
    if _RAW_KEY.match(key):
        return f"\"x'{key}'\""
    return "'" + key.replace("'", "''") + "'"


def is_encrypted_file(path: Path) -> bool:
    """True when the file exists, is not empty and lacks the plain SQLite header."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return False
    return bool(head) and head != SQLITE_HEADER


def check_key_fits_file(path: Path, key: str | None) -> None:
    """Refuse early and clearly: an encrypted file without key, or a plain file with a key."""
    encrypted = is_encrypted_file(path)
    if encrypted and key is None:
        raise EncryptionKeyError(NO_KEY_MESSAGE.format(name=path.name))
    if key is not None and not encrypted and path.is_file() and path.stat().st_size > 0:
        raise EncryptionKeyError(PLAIN_WITH_KEY_MESSAGE.format(name=path.name))


def _cipher_module() -> Any:
    try:
        import sqlcipher3
    except ImportError as exc:  # pragma: no cover - sqlcipher3 is a dependency
        raise UserError(
            "Verschlüsselte Datenbanken brauchen das Paket sqlcipher3; es fehlt in dieser "
            "Installation. Bitte die IT verständigen."
        ) from exc
    return sqlcipher3


def cipher_dbapi() -> Any:
    """The sqlcipher3 DB-API module (for SQLAlchemy's exception wrapping)."""
    return _cipher_module()


def raw_connect(path: Path, key: str | None = None, *, check_same_thread: bool = True) -> Any:
    """A DB-API connection: sqlite3 without key, sqlcipher3 with the key applied first."""
    if key is None:
        return sqlite3.connect(str(path), check_same_thread=check_same_thread)
    check_key_fits_file(path, key)
    module = _cipher_module()
    connection = module.connect(str(path), check_same_thread=check_same_thread)
    try:
        # SQLCipher writes decryption failures to stderr by default; we report them ourselves.
        connection.execute("PRAGMA cipher_log_level = NONE")
        connection.execute(f"PRAGMA key = {key_literal(key)}")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError as exc:
        connection.close()
        if "not a database" in str(exc):
            raise EncryptionKeyError(WRONG_KEY_MESSAGE.format(name=path.name)) from None
        raise
    return connection


def _remove_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _checkpoint(connection: Any) -> None:
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def _convert(path: Path, *, source_key: str | None, target_key: str | None) -> None:
    """Export all of `path` into a new file with the other key, check it, swap it in."""
    module = _cipher_module()
    temporary = path.with_name(path.name + ".converting")
    temporary.unlink(missing_ok=True)
    _remove_sidecars(temporary)
    source = module.connect(str(path))
    try:
        source.execute("PRAGMA cipher_log_level = NONE")
        if source_key is not None:
            source.execute(f"PRAGMA key = {key_literal(source_key)}")
        _checkpoint(source)
        user_version = source.execute("PRAGMA user_version").fetchone()[0]
        target_literal = key_literal(target_key) if target_key is not None else "''"
        source.execute(
            f"ATTACH DATABASE '{str(temporary).replace(chr(39), chr(39) * 2)}' "
            f"AS converted KEY {target_literal}"
        )
        source.execute("SELECT sqlcipher_export('converted')").fetchall()
        source.execute(f"PRAGMA converted.user_version = {int(user_version)}")
        source.commit()
        source.execute("DETACH DATABASE converted")
    except module.DatabaseError as exc:
        source.close()
        temporary.unlink(missing_ok=True)
        from srek_desk.db.errors import translate_db_error

        raise (
            translate_db_error(exc) or UserError(f"Die Umwandlung ist fehlgeschlagen: {exc}")
        ) from exc
    source.close()
    check = raw_connect(temporary, target_key)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        check.close()
    if result != "ok":
        temporary.unlink(missing_ok=True)
        raise UserError(f"Die umgewandelte Datenbank ist fehlerhaft ({result}); nichts geändert.")
    _remove_sidecars(path)
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    _remove_sidecars(temporary)


def encrypt_database(path: Path, key: str) -> None:
    """Encrypt a plain database in place; the plain file does not remain in the folder.

    The database must be closed (no other connection). The old file's blocks are freed by the
    file system, not overwritten: on an unencrypted disk they may linger until reused.
    """
    if not path.is_file():
        raise UserError(f"Die Datenbank {path.name} gibt es nicht.")
    if is_encrypted_file(path):
        raise UserError(f"Die Datenbank {path.name} ist bereits verschlüsselt.")
    _convert(path, source_key=None, target_key=key)


def decrypt_database(path: Path, key: str) -> None:
    """Turn an encrypted database back into a plain one in place (the database must be closed)."""
    if not is_encrypted_file(path):
        raise UserError(f"Die Datenbank {path.name} ist nicht verschlüsselt.")
    raw_connect(path, key).close()  # wrong key: a clear message before anything changes
    _convert(path, source_key=key, target_key=None)
