"""Database engine: URL resolution, SQLite pragmas and the refusal of network drives."""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlmodel import create_engine

from srek_desk.db.encryption import check_key_fits_file, cipher_dbapi, raw_connect
from srek_desk.errors import NetworkDriveError, UserError

SQLITE_PRAGMAS: tuple[tuple[str, str], ...] = (
    ("journal_mode", "WAL"),
    ("synchronous", "FULL"),
    ("foreign_keys", "ON"),
    ("busy_timeout", "10000"),
    ("secure_delete", "ON"),
)

_NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "fuse.sshfs", "afs", "ncpfs", "davfs"}


def database_url(path_or_url: str | Path) -> str:
    """Turn a file path or an SQLAlchemy URL into a URL."""
    text = str(path_or_url)
    if "://" in text:
        make_url(text)  # raises on garbage
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return None
    return Path(parsed.database)


def is_network_path(path: Path) -> bool:
    """True for UNC paths, mapped network drives on Windows and NFS/SMB mounts on Linux."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":  # pragma: no cover - Windows only
        drive = os.path.splitdrive(str(path.resolve()))[0]
        if drive:
            drive_remote = 4
            return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote)  # type: ignore[attr-defined]
        return False
    mounts = Path("/proc/mounts")
    if not mounts.is_file():
        return False
    resolved = str(path.resolve())
    best, best_type = "", ""
    for line in mounts.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (resolved == mount_point or resolved.startswith(mount_point.rstrip("/") + "/")) and len(
            mount_point
        ) >= len(best):
            best, best_type = mount_point, parts[2]
    return best_type in _NETWORK_FS


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for name, value in SQLITE_PRAGMAS:
        cursor.execute(f"PRAGMA {name}={value}")
    cursor.close()


def make_engine(path_or_url: str | Path, *, echo: bool = False, key: str | None = None) -> Engine:
    """Create the engine; for SQLite, create the folder, refuse network drives, set pragmas.

    With a `key` the file is opened through SQLCipher by a `creator`, so the key stays out of
    the URL, `repr(engine)`, the log and exception texts.
    """
    url = database_url(path_or_url)
    file = sqlite_path(url)
    if file is not None:
        raw = str(path_or_url)
        given = Path(raw) if "://" not in raw else file
        if is_network_path(given) or is_network_path(file.parent if not file.exists() else file):
            raise NetworkDriveError(
                f"Die Datenbank {file} liegt auf einem Netzlaufwerk. SQLite-Dateien werden dort "
                "leicht beschädigt. Bitte einen lokalen Ordner wählen oder einen gemeinsamen "
                "PostgreSQL-Server verwenden."
            )
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"Der Ordner {file.parent} kann nicht angelegt werden: {exc}") from exc
        check_key_fits_file(file, key)
        # hide_parameters: error messages (and so the log) never carry bound values (personal data).
        if key is None:
            engine = create_engine(
                url, echo=echo, hide_parameters=True, connect_args={"check_same_thread": False}
            )
        else:
            engine = create_engine(
                url,
                echo=echo,
                hide_parameters=True,
                module=cipher_dbapi(),
                creator=_keyed_creator(file, key),
            )
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    if key is not None:
        raise UserError(
            "Verschlüsselung mit „database.key_file“ gibt es nur für SQLite-Dateien; bei einem "
            "Datenbankserver verschlüsselt der Server."
        )
    return create_engine(url, echo=echo, pool_pre_ping=True, hide_parameters=True)


def _keyed_creator(file: Path, key: str) -> Callable[[], Any]:
    def connect() -> Any:
        return raw_connect(file, key, check_same_thread=False)

    return connect


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
