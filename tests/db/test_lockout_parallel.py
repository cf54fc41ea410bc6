"""Lockout counts atomically: parallel wrong passwords get no more tries than the limit.

The attack: many sign-in attempts at once, each reading "not locked, 0 failures" before any of
them had written its failure, so every one of them had its password checked. The hasher here
takes a moment per check and counts them, which opens exactly that window.
"""

from __future__ import annotations

import contextlib
import threading
import time

from argon2 import PasswordHasher
from sqlalchemy import select

from srek_desk.db.models import UserAccount
from srek_desk.services.protection.accounts import AccountService, LoginError
from tests.db.privacy_fixtures import PASSWORD


class SlowCountingHasher(PasswordHasher):
    """Cheap argon2id whose `verify` is counted and takes a while (the race window)."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=64, parallelism=1)
        self.verified = 0
        self._lock = threading.Lock()

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        with self._lock:
            self.verified += 1
        time.sleep(0.05)
        return super().verify(hash, password)


def _failed_logins(database, name: str) -> int:  # type: ignore[no-untyped-def]
    with database.session() as session:
        return int(
            session.execute(
                select(UserAccount.failed_logins).where(UserAccount.username == name)
            ).scalar_one()
        )


def test_parallel_wrong_passwords_get_no_more_tries_than_the_limit(database) -> None:  # type: ignore[no-untyped-def]
    hasher = SlowCountingHasher()
    accounts = AccountService(database, hasher=hasher, max_failed=3, lockout_minutes=15)
    accounts.create_first_admin("chef", "Chefin", PASSWORD)
    attempts = 12
    start = threading.Barrier(attempts)
    outcomes: list[str] = []

    def attempt(number: int) -> None:
        start.wait()
        try:
            accounts.authenticate("chef", f"falsch-{number:02d}-Raten")
        except LoginError as refused:
            outcomes.append(refused.message)
        except Exception as exc:  # reported by the assertion below
            outcomes.append(repr(exc))

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(outcomes) == attempts
    assert hasher.verified == 3, outcomes  # the limit, however many tried at once
    assert sum("jetzt für 15 Minuten gesperrt" in o for o in outcomes) == 1
    assert sum("gesperrt bis" in o for o in outcomes) == attempts - 3
    assert sum(o == "Benutzername oder Passwort ist falsch." for o in outcomes) == 2
    locked = next(u for u in accounts.users() if u.username == "chef")
    assert locked.locked_until is not None
    try:
        accounts.authenticate("chef", PASSWORD)  # even the right password waits for the lock
    except LoginError as refused:
        assert "gesperrt bis" in refused.message
    else:
        raise AssertionError("a locked account signed in")


def test_each_attempt_counts_once_and_a_success_resets(database) -> None:  # type: ignore[no-untyped-def]
    hasher = SlowCountingHasher()
    accounts = AccountService(database, hasher=hasher, max_failed=5)
    accounts.create_first_admin("chef", "Chefin", PASSWORD)
    for number in range(2):
        with contextlib.suppress(LoginError):
            accounts.authenticate("chef", f"falsch-{number}-Raten")
    assert _failed_logins(database, "chef") == 2
    with contextlib.suppress(LoginError):
        accounts.authenticate("niemand", "falsch-Raten")  # unknown names count nowhere
    assert _failed_logins(database, "chef") == 2
    assert accounts.authenticate("chef", PASSWORD).username == "chef"
    assert _failed_logins(database, "chef") == 0
