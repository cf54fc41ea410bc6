"""The case handover file: a password-encrypted package of clients (format "SREKHO1").

Layout (integers big-endian)::

    offset  size  field
    0       7     magic b"SREKHO1"
    7       1     format version (1)
    8       1     key derivation: 1 = argon2id
    9       4     argon2 time cost (passes)
    13      4     argon2 memory cost in KiB
    17      1     argon2 parallelism (lanes)
    18      16    salt, random per file
    34      12    nonce, random per file
    46      …     AES-256-GCM ciphertext of the body, ending in its 16-byte tag

The key is argon2id(password as NFC-normalised UTF-8, salt, costs) → 32 bytes; the defaults
(3 passes, 64 MiB, 2 lanes) take about 0.2 s on an office PC. The whole 46-byte header is the
associated data of the cipher, so a changed byte anywhere — header, body or tag — or a cut-off
file fails the tag check just like a wrong password: both are refused with one German message
before anything is read. A newer format version, an unknown key derivation and costs beyond
sane bounds (a crafted header could ask for gigabytes of memory) are refused before the key is
derived. Files above MAX_FILE_BYTES are refused unread; the body may unpack to at most
MAX_BODY_BYTES.

The body is zlib-compressed UTF-8 JSON::

    {"format": 1, "created_at": ISO time (UTC), "office": office.name of the exporting office,
     "exported_by": login name, "exported_by_name": display name, "clients": [client, …]}

    client = {"pseudonym", "created_at", "fields": {own column → value, dates and times ISO},
      "wishes": [[kldb, priority]], "languages": [[code, cefr]],
      "notes": [{"created_at", "text", "author"}],
      "follow_ups": [{"due_date", "text", "done", "done_at", "created_at"}],
      "proposals": [{"proposed_at", "status", "status_changed_at", "crosses_state_border",
                     "note", "offer": {"source", "reference", "title", "employer", "place",
                     "deadline"}}],
      "printed_sheets": [{"printed_at", "language", "pseudonymous", "offers": [[source, ref]]}],
      "hidden_offers": [[source, reference]]}

Offers travel by identity (source, reference) only; what the receiving database does with
offers it does not know is decided in `services/handover/service.py`.
"""

from __future__ import annotations

import json
import os
import secrets
import struct
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from srek_desk.errors import UserError
from srek_desk.private_files import open_private

MAGIC = b"SREKHO1"
FORMAT_VERSION = 1
KDF_ARGON2ID = 1
SALT_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
_HEADER = struct.Struct(">7sBBIIB16s12s")
HEADER_BYTES = _HEADER.size  # 46
MIN_PASSWORD_LENGTH = 10
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_BODY_BYTES = 400 * 1024 * 1024
FILE_SUFFIX = ".srekho"

WRONG_PASSWORD_OR_DAMAGED = (
    "Die Übergabedatei lässt sich nicht öffnen: Das Passwort ist falsch, oder die Datei wurde "
    "verändert oder ist beschädigt. Es wurde nichts übernommen."
)


class HandoverFileError(UserError):
    """A handover file that cannot be read: wrong password, tampered, truncated, foreign."""


@dataclass(frozen=True, slots=True)
class KdfParams:
    """argon2id costs: passes, memory in KiB, lanes."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2

    def check(self) -> None:
        """Refuse costs no SREK Desk writes (a crafted header must not exhaust the PC)."""
        if not (
            1 <= self.time_cost <= 20
            and 1 <= self.parallelism <= 16
            and 8 * self.parallelism <= self.memory_kib <= 1024 * 1024
        ):
            raise HandoverFileError(
                "Die Übergabedatei ist beschädigt (unzulässige Schlüsselparameter). "
                "Es wurde nichts übernommen."
            )


DEFAULT_KDF = KdfParams()


@dataclass(frozen=True, slots=True)
class Header:
    version: int
    kdf: KdfParams
    salt: bytes
    nonce: bytes

    def pack(self) -> bytes:
        return _HEADER.pack(
            MAGIC,
            self.version,
            KDF_ARGON2ID,
            self.kdf.time_cost,
            self.kdf.memory_kib,
            self.kdf.parallelism,
            self.salt,
            self.nonce,
        )


def check_new_password(password: str) -> None:
    """The rule for a package password (German message for the person who chose it)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(
            f"Das Passwort für die Übergabe muss mindestens {MIN_PASSWORD_LENGTH} Zeichen "
            "lang sein."
        )


def derive_key(password: str, salt: bytes, kdf: KdfParams) -> bytes:
    secret = unicodedata.normalize("NFC", password).encode("utf-8")
    try:
        return hash_secret_raw(
            secret, salt, kdf.time_cost, kdf.memory_kib, kdf.parallelism, 32, Type.ID
        )
    except HashingError as error:  # e.g. memory could not be allocated
        raise HandoverFileError(
            "Der Schlüssel der Übergabedatei ließ sich nicht berechnen (zu wenig Arbeitsspeicher?)."
        ) from error


def seal(body: dict[str, Any], password: str, kdf: KdfParams = DEFAULT_KDF) -> bytes:
    """The package bytes for `body` (the JSON document), encrypted with `password`."""
    check_new_password(password)
    kdf.check()
    header = Header(FORMAT_VERSION, kdf, secrets.token_bytes(SALT_BYTES), os.urandom(NONCE_BYTES))
    packed = header.pack()
    plain = zlib.compress(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6
    )
    key = derive_key(password, header.salt, kdf)
    data = packed + AESGCM(key).encrypt(header.nonce, plain, packed)
    if len(data) > MAX_FILE_BYTES:
        raise UserError(
            f"Die Übergabedatei würde {len(data) / 1e6:.0f} MB groß (höchstens "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB); bitte weniger Klient:innen auf einmal "
            "übergeben."
        )
    return data


def read_header(data: bytes) -> Header:
    """The header, checked before any key is derived."""
    if len(data) < len(MAGIC) or data[: len(MAGIC)] != MAGIC:
        raise HandoverFileError("Das ist keine Übergabedatei von SREK Desk.")
    if len(data) < HEADER_BYTES + TAG_BYTES:
        raise HandoverFileError(
            "Die Übergabedatei ist unvollständig (abgeschnitten). Es wurde nichts übernommen."
        )
    magic, version, kdf_id, time_cost, memory, lanes, salt, nonce = _HEADER.unpack_from(data)
    del magic
    if version > FORMAT_VERSION:
        raise HandoverFileError(
            f"Die Übergabedatei stammt aus einer neueren SREK-Desk-Version (Format {version}); "
            "bitte SREK Desk aktualisieren. Es wurde nichts übernommen."
        )
    if version < 1 or kdf_id != KDF_ARGON2ID:
        raise HandoverFileError(
            "Die Übergabedatei ist beschädigt (unbekanntes Format). Es wurde nichts übernommen."
        )
    kdf = KdfParams(time_cost, memory, lanes)
    kdf.check()
    return Header(version, kdf, salt, nonce)


def unseal(data: bytes, password: str) -> dict[str, Any]:
    """The JSON document of a package; HandoverFileError if it cannot be trusted."""
    if len(data) > MAX_FILE_BYTES:
        raise HandoverFileError(too_large_message(len(data)))
    header = read_header(data)
    key = derive_key(password, header.salt, header.kdf)
    try:
        plain = AESGCM(key).decrypt(header.nonce, data[HEADER_BYTES:], data[:HEADER_BYTES])
    except InvalidTag:
        raise HandoverFileError(WRONG_PASSWORD_OR_DAMAGED) from None
    try:
        inflater = zlib.decompressobj()
        text = inflater.decompress(plain, MAX_BODY_BYTES)
        if inflater.unconsumed_tail:
            raise HandoverFileError("Der Inhalt der Übergabedatei ist zu groß.")
        body = json.loads(text.decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, ValueError) as error:
        # Authentic but unreadable: written by something that is not SREK Desk.
        raise HandoverFileError(
            "Die Übergabedatei ist fehlerhaft aufgebaut. Es wurde nichts übernommen."
        ) from error
    if not isinstance(body, dict) or not isinstance(body.get("clients"), list):
        raise HandoverFileError(
            "Die Übergabedatei ist fehlerhaft aufgebaut. Es wurde nichts übernommen."
        )
    if not isinstance(body.get("format"), int) or body["format"] > FORMAT_VERSION:
        raise HandoverFileError(
            "Die Übergabedatei stammt aus einer neueren SREK-Desk-Version; bitte SREK Desk "
            "aktualisieren. Es wurde nichts übernommen."
        )
    return body


def too_large_message(size: int) -> str:
    return (
        f"Die Datei ist {size / (1024 * 1024):.0f} MB groß; Übergabedateien haben höchstens "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MB. Es wurde nichts übernommen."
    )


def read_file(path: str | Path) -> bytes:
    """The raw bytes of a package file, size-checked before reading."""
    source = Path(path).expanduser()
    if not source.is_file():
        raise UserError(f"Die Übergabedatei {source} gibt es nicht.")
    size = source.stat().st_size
    if size > MAX_FILE_BYTES:
        raise HandoverFileError(too_large_message(size))
    try:
        return source.read_bytes()
    except OSError as error:
        raise UserError(f"Die Übergabedatei {source} lässt sich nicht lesen.") from error


def write_partial(path: Path, data: bytes) -> Path:
    """Write `data` beside `path` under a temporary name, flushed to disk; the caller renames
    it when the rest of the use case succeeded (`partial.replace(path)`) or removes it."""
    partial = path.with_name(path.name + ".partial")
    try:
        with open_private(partial, "wb") as out:  # owner only, though encrypted
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise UserError(f"Die Übergabedatei {path} ließ sich nicht schreiben.") from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return partial


def write_file(path: Path, data: bytes) -> None:
    """Write under a temporary name, then rename (never a half file under the real name)."""
    write_partial(path, data).replace(path)


def default_file_name(day: Any) -> str:
    """A name that says when, never who: uebergabe-20261112.srekho."""
    return f"uebergabe-{day:%Y%m%d}{FILE_SUFFIX}"


__all__ = [
    "DEFAULT_KDF",
    "FILE_SUFFIX",
    "FORMAT_VERSION",
    "HEADER_BYTES",
    "MAGIC",
    "MAX_FILE_BYTES",
    "HandoverFileError",
    "KdfParams",
    "check_new_password",
    "default_file_name",
    "read_file",
    "read_header",
    "seal",
    "unseal",
    "write_file",
    "write_partial",
]
