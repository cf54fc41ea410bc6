"""One database, one SREK Desk: a lock file next to the database says who has it open.

The file ``<database>.lock`` holds JSON (user, host, pid, since) for the message a second
instance shows. What actually locks is an OS lock on that file (``flock`` on POSIX,
``msvcrt.locking`` on Windows): it ends with the process, so a crash never leaves a stale lock.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
import time
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from srek_desk.db.errors import translate_db_error
from srek_desk.errors import DatabaseInUseError, DiskFullError, ReadOnlyDatabaseError, UserError
from srek_desk.private_files import make_private_folder, private_opener

# Windows locks are mandatory: lock a byte far beyond the JSON so others can still read it.
_WINDOWS_LOCK_OFFSET = 1 << 20


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _os_lock(descriptor: int) -> bool:
    """Try to lock without waiting; False when someone else holds the lock."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import msvcrt

        os.lseek(descriptor, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _os_unlock(descriptor: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import msvcrt

        os.lseek(descriptor, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(descriptor, fcntl.LOCK_UN)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in the environment (services, containers)
        return "unbekannt"


def _read_holder(descriptor: int) -> dict[str, Any]:
    """The JSON the holder wrote; it may be mid-write, so try twice."""
    for attempt in range(2):
        os.lseek(descriptor, 0, os.SEEK_SET)
        data = os.read(descriptor, 4096)
        try:
            holder = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            if attempt == 0:
                time.sleep(0.05)
            continue
        if isinstance(holder, dict):
            return holder
    return {}


def in_use_message(holder: dict[str, Any]) -> str:
    user = holder.get("user") or "jemand"
    host = holder.get("host") or "einem anderen Computer"
    text = f"Die Datenbank ist schon geöffnet: von {user} auf dem Computer {host}"
    try:
        since = datetime.fromisoformat(str(holder["since"]))
        text += f", seit {since:%d.%m.%Y} um {since:%H:%M} Uhr"
    except (KeyError, ValueError):
        pass
    return (
        text + ". SREK Desk darf eine Datenbank nur einmal gleichzeitig öffnen. Bitte das andere "
        "Programmfenster schließen (oder dort nachfragen) und es dann erneut versuchen."
    )


class DatabaseLock:
    """`with DatabaseLock(path):` – held until release(), or until this process ends."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self.path = lock_path(self.db_path)
        self._descriptor: int | None = None

    @property
    def held(self) -> bool:
        return self._descriptor is not None

    def acquire(self) -> DatabaseLock:
        """Take the lock or raise DatabaseInUseError naming who holds it."""
        if self._descriptor is not None:
            return self
        for _ in range(10):
            descriptor = self._open()
            if not _os_lock(descriptor):
                holder = _read_holder(descriptor)
                os.close(descriptor)
                raise DatabaseInUseError(in_use_message(holder))
            if self._is_current_file(descriptor):
                try:
                    self._write_holder(descriptor)
                except OSError as exc:
                    self._give_up(descriptor)
                    raise self._write_failed(exc) from exc
                self._descriptor = descriptor
                return self
            # the previous holder removed the file between our open and our lock: try again
            _os_unlock(descriptor)
            os.close(descriptor)
        raise UserError(
            "Die Sperrdatei der Datenbank lässt sich nicht anlegen; bitte erneut versuchen."
        )

    def release(self) -> None:
        descriptor, self._descriptor = self._descriptor, None
        if descriptor is None:
            return
        if sys.platform == "win32":  # pragma: no cover - an open file cannot be removed there
            with contextlib.suppress(OSError):
                os.ftruncate(descriptor, 0)
            _os_unlock(descriptor)
            os.close(descriptor)
            with contextlib.suppress(OSError):
                self.path.unlink()
            return
        # Remove while still holding the lock: a waiter that opened the old file sees it is gone.
        with contextlib.suppress(OSError):
            self.path.unlink()
        _os_unlock(descriptor)
        os.close(descriptor)

    def __enter__(self) -> DatabaseLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.release()

    def _give_up(self, descriptor: int) -> None:
        """After a failed write: no half-written lock file stays behind, the lock is released."""
        with contextlib.suppress(OSError):
            self.path.unlink()
        with contextlib.suppress(OSError):
            _os_unlock(descriptor)
        with contextlib.suppress(OSError):
            os.close(descriptor)

    def _write_failed(self, exc: OSError) -> UserError:
        translated = translate_db_error(exc)
        if isinstance(translated, DiskFullError):
            return DiskFullError(
                f"Die Datenbank {self.db_path.name} kann nicht geöffnet werden: auf dem Laufwerk "
                f"ist kein Platz mehr für ihre Sperrdatei {self.path.name}. Bitte Platz schaffen "
                "(oder die IT bitten) und es dann erneut versuchen."
            )
        if isinstance(translated, ReadOnlyDatabaseError):
            return ReadOnlyDatabaseError(
                f"Die Sperrdatei {self.path.name} im Ordner {self.db_path.parent} kann nicht "
                "geschrieben werden. Bitte die IT bitten, Schreibrechte für diesen Ordner "
                "einzurichten."
            )
        return UserError(
            f"Die Sperrdatei {self.path.name} im Ordner {self.db_path.parent} kann nicht "
            f"geschrieben werden (Fehler des Betriebssystems Nr. {exc.errno}). Bitte erneut "
            "versuchen; hilft das nicht, die IT fragen."
        )

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
        try:
            make_private_folder(self.path.parent)
            # The lock file names a person (login, computer): owner only, like the database.
            return private_opener(str(self.path), flags)
        except PermissionError as exc:
            raise ReadOnlyDatabaseError(
                f"Im Ordner der Datenbank ({self.db_path.parent}) darf SREK Desk nicht schreiben. "
                "Bitte die IT bitten, Schreibrechte für diesen Ordner einzurichten."
            ) from exc
        except OSError as exc:
            raise self._write_failed(exc) from exc

    def _is_current_file(self, descriptor: int) -> bool:
        try:
            return os.path.samestat(os.fstat(descriptor), os.stat(self.path))
        except OSError:
            return False

    def _write_holder(self, descriptor: int) -> None:
        holder = {
            "user": _login_name(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": datetime.now().isoformat(timespec="seconds"),
        }
        data = json.dumps(holder, ensure_ascii=False).encode("utf-8")
        os.ftruncate(descriptor, 0)
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.write(descriptor, data)
        os.fsync(descriptor)
