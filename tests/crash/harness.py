"""The test side of the crash tests: start the worker, run a child, SIGKILL it, read its markers."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
PAUSE_TIMEOUT = 60.0  # seconds; a planned kill point is reached in well under one


class Worker:
    """The forking worker process (tests/crash/worker.py)."""

    def __init__(self, home: Path) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO),
            "OPENBLAS_NUM_THREADS": "1",  # no helper threads in a process that forks
            "OMP_NUM_THREADS": "1",
            **{name: str(home / name.lower()) for name in ("SREK_DATA_DIR", "SREK_CONFIG_DIR")},
            **{
                name: str(home / name.lower())
                for name in ("SREK_LOG_DIR", "SREK_MACHINE_CONFIG_DIR")
            },
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.worker"],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self._read()  # {"ready": pid}

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"crash worker ended (exit {self.process.wait(timeout=10)})")
        return dict(json.loads(line))

    def _send(self, message: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()
        return self._read()

    def start(self, **command: Any) -> int:
        return int(self._send({"cmd": "run", **command})["pid"])

    def reap(self, pid: int) -> dict[str, Any]:
        return self._send({"cmd": "reap", "pid": pid})

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()  # our own child, by its handle
            self.process.wait(timeout=30)


@dataclass
class Kill:
    """One child's life: where it was stopped and what its log says."""

    mode: str  # "paused" (a planned point) or "timed" (after a random delay)
    lines: list[str]
    where: str = ""  # outside | before first write | in transaction | in commit

    def ops(self) -> list[tuple[int, str, list[str]]]:
        """(op number, start text, markers after the start) in order."""
        result: list[tuple[int, str, list[str]]] = []
        for line in self.lines:
            found = re.match(r"op (\d+) start (.*)", line)
            if found:
                result.append((int(found.group(1)), found.group(2), []))
            elif result:
                result[-1][2].append(line)
        return result


def classify(lines: list[str]) -> str:
    """Where the child was when killed, told by its last markers."""
    state, writes = "outside", 0
    for line in lines:
        if line == "begin" or line.startswith(("rollback", "op ")):
            state, writes = "outside", 0
        elif line.startswith("write"):
            writes += 1
            state = "in transaction" if writes > 1 else "before first write"
        elif line.startswith("commit"):
            state = "in commit" if writes else "outside"
            writes = 0
    # "write K" is printed before statement K runs: after "write 1" the first write is running,
    # so the transaction has begun in SQLite (BEGIN is sent with the first write).
    return state


def kill_child(
    worker: Worker, log: Path, *, pause: dict[str, Any] | None, delay: float, **command: Any
) -> Kill:
    """Start a child, kill it at the planned point or after `delay` seconds, return its markers."""
    pid = worker.start(log=str(log), pause=pause, **command)
    if pause is not None:
        deadline = time.monotonic() + PAUSE_TIMEOUT
        while _read_lines(log)[-1:] != ["paused"]:
            if time.monotonic() > deadline:
                os.kill(pid, signal.SIGKILL)
                worker.reap(pid)
                raise AssertionError(f"planned kill point {pause} never reached:\n{_tail(log)}")
            time.sleep(0.001)
    else:
        time.sleep(delay)
    os.kill(pid, signal.SIGKILL)
    ended = worker.reap(pid)
    lines = _read_lines(log)
    if ended["signal"] != signal.SIGKILL:
        errors = Path(str(log) + ".err").read_text(encoding="utf-8", errors="replace")
        raise AssertionError(f"child ended before the kill ({ended}):\n{errors}\n{_tail(log)}")
    if pause is not None:
        lines = lines[:-1]  # "paused" is no state of the work
    return Kill("paused" if pause else "timed", lines, classify(lines))


def _read_lines(log: Path) -> list[str]:
    try:
        text = log.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [line for line in text.split("\n")[:-1]]  # a last line without "\n" is not complete


def _tail(log: Path) -> str:
    return "\n".join(_read_lines(log)[-15:])


def check_sqlite(path: Path) -> sqlite3.Connection:
    """Open the database as a fresh program would and check it; the caller closes it."""
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


@dataclass
class Tally:
    """Kills and where they landed, for the test's summary line."""

    name: str
    places: Counter[str] = field(default_factory=Counter)
    modes: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)

    def add(self, kill: Kill, outcome: str) -> None:
        self.places[kill.where] += 1
        self.modes[kill.mode] += 1
        self.outcomes[outcome] += 1

    @property
    def kills(self) -> int:
        return sum(self.modes.values())

    def summary(self) -> str:
        return (
            f"{self.name}: {self.kills} kills ({dict(self.modes)}); landed {dict(self.places)}; "
            f"outcomes {dict(self.outcomes)}"
        )
