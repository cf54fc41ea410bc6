"""One database, one SREK Desk: the lock file, tested against real second processes."""

from __future__ import annotations

import getpass
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from srek_desk.config import Config
from srek_desk.context import AppContext
from srek_desk.db.lock import DatabaseLock, lock_path
from srek_desk.errors import CorruptDatabaseError, DatabaseInUseError

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from srek_desk.db.lock import DatabaseLock

    lock = DatabaseLock(Path(sys.argv[1])).acquire()
    print("locked", flush=True)
    sys.stdin.readline()
    if sys.argv[2] == "release":
        lock.release()
        print("released", flush=True)
        sys.stdin.readline()
    """
)

TRY_ACQUIRE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from srek_desk.db.lock import DatabaseLock
    from srek_desk.errors import CorruptDatabaseError, DatabaseInUseError

    try:
        DatabaseLock(Path(sys.argv[1])).acquire()
    except DatabaseInUseError as error:
        print(error.message)
        sys.exit(3)
    print("acquired")
    """
)


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Path]]:
    """A second process holding the lock of tmp_path/office.sqlite3."""
    db = tmp_path / "office.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), "keep"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "locked"
    yield process, db
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "unbekannt"


def test_lock_file_says_who_and_is_removed_on_release(tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite3"
    lock = DatabaseLock(db)
    with lock:
        assert lock.held
        holder = json.loads(lock_path(db).read_text(encoding="utf-8"))
        assert holder["user"] == _login()
        assert holder["host"] == socket.gethostname()
        assert holder["pid"] == os.getpid()
        assert "T" in holder["since"]
    assert not lock.held
    assert not lock_path(db).exists()
    lock.acquire().release()  # can be taken again


def test_second_process_is_told_who_has_the_database_open(
    holder: tuple[subprocess.Popen[str], Path],
) -> None:
    _process, db = holder
    with pytest.raises(DatabaseInUseError) as caught:
        DatabaseLock(db).acquire()
    message = caught.value.message
    assert _login() in message
    assert socket.gethostname() in message
    assert "seit" in message and "Uhr" in message
    assert "schon geöffnet" in message


def test_a_crashed_holder_leaves_no_stale_lock(
    holder: tuple[subprocess.Popen[str], Path],
) -> None:
    process, db = holder
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert lock_path(db).exists()  # the file stays behind, but nothing holds it
    with DatabaseLock(db) as lock:
        assert json.loads(lock_path(db).read_text(encoding="utf-8"))["pid"] == os.getpid()
        assert lock.held


def test_other_process_is_refused_while_we_hold_it_and_let_in_after(tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite3"
    with DatabaseLock(db):
        refused = subprocess.run(
            [sys.executable, "-c", TRY_ACQUIRE, str(db)], capture_output=True, text=True
        )
    assert refused.returncode == 3, refused.stderr
    assert "schon geöffnet" in refused.stdout and f"{_login()} auf dem Computer" in refused.stdout
    allowed = subprocess.run(
        [sys.executable, "-c", TRY_ACQUIRE, str(db)], capture_output=True, text=True
    )
    assert allowed.returncode == 0 and allowed.stdout.strip() == "acquired"


def test_released_by_the_other_process_then_free(tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), "release"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdin is not None
    try:
        assert process.stdout.readline().strip() == "locked"
        with pytest.raises(DatabaseInUseError):
            DatabaseLock(db).acquire()
        process.stdin.write("\n")
        process.stdin.flush()
        assert process.stdout.readline().strip() == "released"
        assert not lock_path(db).exists()
        DatabaseLock(db).acquire().release()
    finally:
        process.kill()
        process.wait(timeout=10)


def test_app_context_holds_the_lock_until_closed(tmp_path: Path) -> None:
    config = Config.defaults().with_values(database__url=str(tmp_path / "office.sqlite3"))
    context = AppContext.open(config)
    try:
        with pytest.raises(DatabaseInUseError):
            AppContext.open(config)
        helper = AppContext.open(config, lock=False, daily_backup=False)
        helper.close()
    finally:
        context.close()
    AppContext.open(config).close()


def test_lock_for_a_database_in_a_folder_not_yet_there(tmp_path: Path) -> None:
    db = tmp_path / "neu" / "daten" / "office.sqlite3"
    config = Config.defaults().with_values(database__url=str(db))
    AppContext.open(config).close()
    assert db.exists() and not lock_path(db).exists()


def test_failed_open_releases_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "office.sqlite3"
    db.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # a broken header
    config = Config.defaults().with_values(database__url=str(db))
    with pytest.raises(CorruptDatabaseError):
        AppContext.open(config)
    DatabaseLock(db).acquire().release()
