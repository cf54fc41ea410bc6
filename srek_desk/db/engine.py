"""Database engine: URL resolution, SQLite pragmas, network drives refused; PostgreSQL options.

Two engines run the same code: an SQLite file (the default, one office PC) and a PostgreSQL
server through psycopg 3 (a shared office database). Everything engine-specific about
connecting lives here; passwords never reach the log (URLs are rendered with hide_password).
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import create_engine

from srek_desk.db.encryption import check_key_fits_file, cipher_dbapi, raw_connect
from srek_desk.db.errors import translate_db_error
from srek_desk.errors import NetworkDriveError, UserError
from srek_desk.private_files import create_private_file, make_private_folder, restrict_existing

SQLITE_PRAGMAS: tuple[tuple[str, str], ...] = (
    ("journal_mode", "WAL"),
    ("synchronous", "FULL"),
    ("foreign_keys", "ON"),
    ("busy_timeout", "10000"),
    ("secure_delete", "ON"),
)

log = logging.getLogger(__name__)

APPLICATION_NAME = "srek-desk"
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
# postgresql:// without a driver would mean psycopg2, which SREK Desk does not ship.
_POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")

_NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "fuse.sshfs", "afs", "ncpfs", "davfs"}


def database_url(path_or_url: str | Path) -> str:
    """Turn a file path or an SQLAlchemy URL into a URL (PostgreSQL always through psycopg 3)."""
    text = str(path_or_url)
    if "://" in text:
        scheme, rest = text.split("://", 1)
        if scheme.lower() in _POSTGRES_SCHEMES:
            text = "postgresql+psycopg://" + rest
        try:
            make_url(text)
        except (ArgumentError, ValueError) as exc:
            raise UserError(
                f"Die Datenbank-Adresse „{safe_url(text)}“ ist ungültig. Erwartet: ein Dateipfad "
                "oder postgresql+psycopg://benutzer@server/datenbank."
            ) from exc
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def safe_url(url: str | URL) -> str:
    """The URL for messages and the log: the password, if any, replaced by ***."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except (ArgumentError, ValueError):
        return "(ungültige Adresse)"
    return parsed.render_as_string(hide_password=True)


def is_postgresql_url(url: str | Path) -> bool:
    text = str(url)
    return "://" in text and text.split("://", 1)[0].lower() in _POSTGRES_SCHEMES


@dataclass(frozen=True, slots=True)
class ServerOptions:
    """How to reach a PostgreSQL server: the admin URL for migrations, TLS, timeouts.

    Built from the `database.*` settings (`from_config`); empty values mean libpq's defaults
    (which also read PGSSLMODE, PGPASSFILE, ~/.pgpass …).
    """

    admin_url: str = ""
    sslmode: str = ""
    sslrootcert: str = ""
    sslcert: str = ""
    sslkey: str = ""
    connect_timeout: int = 10
    password_file: str = ""

    @classmethod
    def from_config(cls, config: Any) -> ServerOptions:
        return cls(
            admin_url=config["database.admin_url"],
            sslmode=config["database.sslmode"],
            sslrootcert=config["database.sslrootcert"],
            sslcert=config["database.sslcert"],
            sslkey=config["database.sslkey"],
            connect_timeout=config["database.connect_timeout"],
            password_file=config["database.password_file"],
        )

    def connect_args(self) -> dict[str, Any]:
        """libpq connection parameters for psycopg (never a password: that stays in URL/passfile)."""
        if self.sslmode and self.sslmode not in SSL_MODES:
            raise UserError(
                f"Einstellung „database.sslmode“: „{self.sslmode}“ ist unbekannt "
                f"(erlaubt: {', '.join(SSL_MODES)})."
            )
        args: dict[str, Any] = {
            "application_name": APPLICATION_NAME,
            # Timestamps travel as UTC whatever the server's TimeZone: the same values as SQLite.
            "options": "-c TimeZone=UTC",
        }
        if self.connect_timeout > 0:
            args["connect_timeout"] = self.connect_timeout
        for name in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
            value = getattr(self, name)
            if value:
                args[name] = value if name == "sslmode" else str(Path(value).expanduser())
        if self.password_file:
            args["passfile"] = str(Path(self.password_file).expanduser())
        return args


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


def sqlite_companions(file: Path) -> tuple[Path, Path, Path]:
    """The files SQLite keeps beside a database: write-ahead log, shared memory, journal."""
    return tuple(file.with_name(file.name + suffix) for suffix in ("-wal", "-shm", "-journal"))  # type: ignore[return-value]


def prepare_private_file(file: Path) -> None:
    """Before SQLite opens `file`: a new database is created 0600 (its -wal and -shm then get
    the same mode from SQLite); an existing one and its companions lose access for others."""
    if create_private_file(file):
        return
    for path in (file, *sqlite_companions(file)):
        if path.exists():
            restrict_existing(path)


def _translate_errors(context: ExceptionContext) -> BaseException | None:
    """Every statement and commit on every connection (sessions and `engine.begin()` alike)
    leaves a known failure as a German UserError. Connecting and the pool's ping are left to
    their own handling (open_database, SQLAlchemy's reconnect)."""
    if context.is_pre_ping or context.connection is None:
        return None
    parameters = _named(context)
    translated = translate_db_error(context.original_exception, parameters=parameters)
    if translated is not None:
        log.warning("database statement failed: %s", type(translated).__name__)
    return translated


def _named(context: ExceptionContext) -> Any:
    """The bound values by name: positional ones (SQLite's qmark style) zipped with the
    compiled statement's names, so that a message can name the field."""
    parameters: Any = context.parameters
    compiled = getattr(context.execution_context, "compiled", None)
    names = getattr(compiled, "positiontup", None)
    if not names or not isinstance(parameters, (list, tuple)) or not parameters:
        return parameters
    rows = parameters if isinstance(parameters[0], (list, tuple)) else [parameters]
    named: list[dict[str, Any]] = []
    for row in rows:
        if isinstance(row, (list, tuple)):
            # several rows in one INSERT (insertmanyvalues): the names repeat
            named += [
                dict(zip(names, row[i : i + len(names)], strict=False))
                for i in range(0, len(row), len(names))
            ]
    return named


def german_errors(engine: Engine) -> Engine:
    """Install the one error translation on `engine` (idempotent); returns the engine."""
    if not event.contains(engine, "handle_error", _translate_errors):
        event.listen(engine, "handle_error", _translate_errors, retval=True)
    return engine


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    for name, value in SQLITE_PRAGMAS:
        cursor.execute(f"PRAGMA {name}={value}")
    cursor.close()


def make_engine(
    path_or_url: str | Path,
    *,
    echo: bool = False,
    key: str | None = None,
    server: ServerOptions | None = None,
) -> Engine:
    """Create the engine; for SQLite, create the folder, refuse network drives, set pragmas.

    With a `key` the file is opened through SQLCipher by a `creator`, so the key stays out of
    the URL, `repr(engine)`, the log and exception texts. For PostgreSQL, `server` carries the
    TLS and timeout options (the admin URL in it is not used here).
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
            make_private_folder(file.parent)
        except OSError as exc:
            raise UserError(
                f"Der Ordner {file.parent} kann nicht angelegt werden: {exc.strerror}"
            ) from exc
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
        event.listen(engine, "do_connect", _private_on_connect(file))
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return german_errors(engine)
    if key is not None:
        raise UserError(
            "Verschlüsselung mit „database.key_file“ gibt es nur für SQLite-Dateien; bei einem "
            "Datenbankserver verschlüsselt der Server."
        )
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise UserError(
            f"Die Datenbank „{safe_url(parsed)}“ wird nicht unterstützt: SREK Desk arbeitet mit "
            "einer SQLite-Datei oder einem PostgreSQL-Server (postgresql+psycopg://…)."
        )
    return make_server_engine(url, server or ServerOptions(), echo=echo)


def make_server_engine(
    url: str, server: ServerOptions, *, echo: bool = False, **options: Any
) -> Engine:
    """A PostgreSQL engine (psycopg 3) with the TLS options, application name and UTC sessions."""
    connect_args: Mapping[str, Any] = server.connect_args()
    log.info("database server %s", safe_url(url))
    engine = create_engine(
        database_url(url),
        echo=echo,
        pool_pre_ping=True,
        hide_parameters=True,
        connect_args=dict(connect_args),
        **options,
    )
    return german_errors(engine)


def _private_on_connect(file: Path) -> Callable[..., None]:
    def before_connect(*_args: Any) -> None:
        _prepare_quietly(file)

    return before_connect


def _prepare_quietly(file: Path) -> None:
    # A folder without write rights: SQLite itself then says what is wrong (read-only).
    try:
        prepare_private_file(file)
    except OSError as exc:
        log.info("database file not prepared: %s", exc.strerror)


def _keyed_creator(file: Path, key: str) -> Callable[[], Any]:
    def connect() -> Any:
        _prepare_quietly(file)
        return raw_connect(file, key, check_same_thread=False)

    return connect


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
