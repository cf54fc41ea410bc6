"""Private files: what holds personal data is created readable by its owner only.

On Linux and macOS a new file gets mode 0600 and a new folder 0700, whatever the umask says.
On Windows a new file or folder gets an explicit access list through ``icacls`` (shipped with
every Windows since Vista; no pywin32): inheritance removed, full control for the signed-in
user, SYSTEM and the local Administrators (backup software and IT still reach it). The ACL is
best effort: when ``whoami``/``icacls`` fail the file keeps the folder's inherited rights
(in the user's profile these are already private) and a warning goes to the log.

Existing files are not loosened. ``restrict_existing`` removes access for *others* from an
existing file but keeps the group bits, which IT may have set on purpose (several accounts of
one PC sharing a database).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import logging
import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

from srek_desk.errors import UserError

log = logging.getLogger(__name__)

PRIVATE_FILE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700

# Well-known SIDs: LocalSystem and the local Administrators group.
_WINDOWS_SYSTEM_SID = "S-1-5-18"
_WINDOWS_ADMINS_SID = "S-1-5-32-544"
_SID = re.compile(r"S-1-5-[0-9-]+")


def _is_windows() -> bool:
    return sys.platform == "win32"


def private_opener(path: str, flags: int) -> int:
    """For ``open(path, mode, opener=private_opener)``: a new file is created 0600.

    A file that exists already is made 0600 as well: it is about to be overwritten with
    personal data.
    """
    descriptor = os.open(path, flags, PRIVATE_FILE_MODE)
    if not _is_windows():
        with contextlib.suppress(OSError):  # not our file: leave its mode to its owner
            os.fchmod(descriptor, PRIVATE_FILE_MODE)
    return descriptor


def open_private(path: Path, mode: str = "wb", **options: Any) -> IO[Any]:
    """``open()`` for a file of personal data: created 0600 (an ACL on Windows)."""
    existed = path.exists()
    handle = open(path, mode, opener=private_opener, **options)  # noqa: SIM115 - returned
    if _is_windows() and not existed:  # pragma: no cover - Windows only
        restrict_windows(path)
    return handle


def make_private_folder(folder: Path) -> None:
    """Create `folder` and its missing parents; each folder created here is 0700.

    Folders that exist already keep their rights (a person's Documents, an office share).
    """
    missing: list[Path] = []
    current = Path(folder)
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for created in reversed(missing):
        try:
            created.mkdir(mode=PRIVATE_FOLDER_MODE)
        except FileExistsError:
            continue  # made at the same moment by another thread or process
        if _is_windows():  # pragma: no cover - Windows only
            restrict_windows(created, folder=True)
        else:
            os.chmod(created, PRIVATE_FOLDER_MODE)  # mkdir's mode is cut by the umask


def create_private_file(path: Path) -> bool:
    """Create an empty file 0600 if there is none (True); an existing file is left alone."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    except FileExistsError:
        return False
    try:
        if not _is_windows():
            os.fchmod(descriptor, PRIVATE_FILE_MODE)
    finally:
        os.close(descriptor)
    if _is_windows():  # pragma: no cover - Windows only
        restrict_windows(path)
    return True


def write_private_bytes(path: Path, data: bytes, *, partial_suffix: str = ".part") -> None:
    """Write `data` to `path` atomically (a 0600 file beside it, flushed, then renamed).

    A disk that is full or may not be written raises a German UserError naming the file;
    an existing file under that name stays as it was.
    """
    partial = path.with_name(path.name + partial_suffix)
    try:
        with open_private(partial, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)
    except OSError as exc:
        raise file_write_error(path, exc) from exc
    finally:
        partial.unlink(missing_ok=True)


def file_write_error(path: Path, exc: OSError) -> UserError:
    """The German message for a file that could not be written."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        reason = "auf dem Laufwerk ist kein Platz mehr. Bitte Platz schaffen und erneut versuchen"
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "dort darf nicht geschrieben werden. Bitte einen anderen Ordner wählen"
    elif exc.errno == errno.ENOENT:
        reason = "den Ordner gibt es nicht. Bitte einen vorhandenen Ordner wählen"
    elif exc.errno == errno.EISDIR:
        reason = "unter diesem Namen gibt es einen Ordner. Bitte einen Dateinamen angeben"
    else:
        reason = f"Fehler des Betriebssystems Nr. {exc.errno}. Bitte erneut versuchen"
    return UserError(f"Die Datei {path} kann nicht geschrieben werden: {reason}.")


def write_private_text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write text as it is (no newline translation) atomically into a 0600 file."""
    write_private_bytes(path, text.encode(encoding))


def restrict_existing(path: Path) -> None:
    """Take access for others away from an existing file (group bits stay); POSIX only."""
    if _is_windows():  # pragma: no cover - existing ACLs are IT's business on Windows
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o007:
            os.chmod(path, mode & ~0o007)
    except OSError as exc:  # not our file, or gone: the owner decides
        log.info("could not restrict %s: %s", path.name, exc.strerror)


def copy_private_mode(source: Path, target: Path) -> None:
    """Give `target` the rights of `source` but never more than 0600/0660 for a file: backups
    keep the database's mode (a 0600 database never gets a 0644 backup)."""
    if _is_windows():  # pragma: no cover - Windows only
        restrict_windows(target)
        return
    try:
        mode = stat.S_IMODE(source.stat().st_mode) & 0o660
        os.chmod(target, mode or PRIVATE_FILE_MODE)
    except OSError as exc:
        log.warning("could not set the rights of %s: %s", target.name, exc.strerror)


@functools.lru_cache(maxsize=1)
def _windows_user_sid() -> str | None:  # pragma: no cover - Windows only
    try:
        result = subprocess.run(
            ["whoami", "/user", "/fo", "csv", "/nh"],
            capture_output=True,
            text=True,
            timeout=10,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = _SID.search(result.stdout)
    return match.group(0) if result.returncode == 0 and match else None


def windows_acl_command(path: Path, user_sid: str, *, folder: bool = False) -> list[str]:
    """The icacls call that leaves `path` to the user, SYSTEM and the Administrators only."""
    inherit = "(OI)(CI)" if folder else ""
    grants = [
        f"*{sid}:{inherit}(F)" for sid in (user_sid, _WINDOWS_SYSTEM_SID, _WINDOWS_ADMINS_SID)
    ]
    return ["icacls", str(path), "/inheritance:r", "/grant:r", *grants]


def restrict_windows(path: Path, *, folder: bool = False) -> bool:
    """Apply the private ACL; False (and a log line) when Windows would not."""
    sid = _windows_user_sid()
    if sid is None:
        log.warning("private ACL skipped for %s: user SID unknown", path.name)
        return False
    try:
        result = subprocess.run(
            windows_acl_command(path, sid, folder=folder),
            capture_output=True,
            text=True,
            timeout=30,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("private ACL failed for %s: %s", path.name, type(exc).__name__)
        return False
    if result.returncode != 0:
        log.warning("private ACL failed for %s: icacls exit %d", path.name, result.returncode)
        return False
    return True
