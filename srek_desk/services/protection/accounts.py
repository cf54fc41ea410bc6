"""Staff accounts: argon2id passwords, login with lockout, roles, the first admin.

Passwords are hashed with argon2id (argon2-cffi); a hash made with older parameters is
replaced at the next successful login. After `max_failed` wrong passwords an account is locked
for `lockout_minutes`; each attempt is counted (one UPDATE, holding the row or the SQLite
database until decided), so parallel attempts cannot pass the limit. Accounts are deactivated,
never deleted. On a PostgreSQL server, account changes reach the person's own login role too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from srek_desk.db import server_logins
from srek_desk.db.models import UserAccount, as_utc, utcnow
from srek_desk.errors import UserError
from srek_desk.services.core import audit
from srek_desk.services.core.access import ADMIN, ROLES, Actor, format_roles, parse_roles
from srek_desk.services.core.database import Database

USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")
WRONG_LOGIN = "Benutzername oder Passwort ist falsch."


class LoginError(UserError):
    """Login refused (wrong password, unknown user, locked or inactive account)."""


def default_hasher() -> PasswordHasher:
    """argon2id with argon2-cffi's recommended parameters (RFC 9106, low-memory profile)."""
    return PasswordHasher()


@dataclass(frozen=True, slots=True)
class UserLine:
    id: int
    username: str
    display_name: str
    roles: frozenset[str]
    active: bool
    locked_until: datetime | None
    last_login_at: datetime | None


class AccountService:
    def __init__(
        self,
        database: Database,
        *,
        hasher: PasswordHasher | None = None,
        max_failed: int = 5,
        lockout_minutes: int = 15,
        min_length: int = 10,
    ) -> None:
        self.database = database
        self.hasher = hasher or default_hasher()
        self.max_failed = max(1, max_failed)
        self.lockout = timedelta(minutes=max(1, lockout_minutes))
        self.min_length = max(1, min_length)
        # verified against for unknown names, so they take as long as known ones
        self._dummy_hash = self.hasher.hash("srek-desk-dummy-password")

    @classmethod
    def from_config(
        cls, database: Database, config: Any, hasher: PasswordHasher | None = None
    ) -> AccountService:
        return cls(
            database,
            hasher=hasher,
            max_failed=config["security.max_failed_logins"],
            lockout_minutes=config["security.lockout_minutes"],
            min_length=config["security.min_password_length"],
        )

    # -- first start and login ----------------------------------------------------------------

    def needs_first_admin(self) -> bool:
        with self.database.session() as session:
            count = session.execute(select(func.count(UserAccount.id))).scalar_one()
        return int(count) == 0

    def create_first_admin(
        self,
        username: str,
        display_name: str,
        password: str,
        extra_roles: tuple[str, ...] = (),
    ) -> Actor:
        """The first account, created on the first start; refused once any account exists."""
        if not self.needs_first_admin():
            raise UserError("Es gibt schon ein Administrationskonto.")
        roles = frozenset({ADMIN, *(r for r in extra_roles if r in ROLES)})
        user_id = self._insert(username, display_name, roles, password, creator=None)
        return Actor(user_id, username.strip().lower(), display_name.strip(), roles)

    def authenticate(self, username: str, password: str, now: datetime | None = None) -> Actor:
        """The actor for a correct login; LoginError otherwise (the same text for unknown names).

        A failure is committed (counter, lock, audit entry) before the error is raised.
        """
        now = now or datetime.now(UTC)
        name = username.strip().lower()
        with self.database.session() as session, session.begin():
            outcome = self._check_login(session, name, password, now)
        if isinstance(outcome, LoginError):
            raise outcome
        return outcome

    def _check_login(
        self, session: Session, name: str, password: str, now: datetime
    ) -> Actor | LoginError:
        # The attempt is counted first, in one statement that locks the row (or, on SQLite, the
        # database) until commit: a parallel attempt waits and then sees this one's outcome.
        counted = session.execute(
            update(UserAccount)
            .where(UserAccount.username == name)
            .values(failed_logins=UserAccount.failed_logins + 1)
        ).rowcount  # type: ignore[attr-defined]
        user = session.execute(
            select(UserAccount)
            .where(UserAccount.username == name)
            .execution_options(populate_existing=True)
        ).scalar_one_or_none()
        if user is not None and not counted:  # on a server: another person's login may not
            user = None  # sign in through this one's connection (row-level security)
        if user is not None:
            user.failed_logins -= 1  # judged below: a wrong password counts it again
        if user is None or not user.active:
            self._verify(self._dummy_hash, password)
            audit.record(session, _anonymous(name), "login_failed", "user", detail="unbekannt")
            return LoginError(WRONG_LOGIN)
        locked_until = as_utc(user.locked_until) if user.locked_until else None
        if locked_until is not None and locked_until > now:
            audit.record(session, _as_actor(user), "login_failed", "user", entity_id=user.id)
            return LoginError(
                "Das Konto ist nach zu vielen Fehlversuchen gesperrt bis "
                f"{locked_until.astimezone().strftime('%H:%M')} Uhr."
            )
        if not self._verify(user.password_hash, password):
            user.failed_logins += 1
            if user.failed_logins >= self.max_failed:
                user.locked_until = now + self.lockout
                user.failed_logins = 0
                audit.record(session, _as_actor(user), "locked", "user", entity_id=user.id)
                return LoginError(
                    f"{WRONG_LOGIN} Das Konto ist jetzt für "
                    f"{int(self.lockout.total_seconds() // 60)} Minuten gesperrt."
                )
            audit.record(session, _as_actor(user), "login_failed", "user", entity_id=user.id)
            return LoginError(WRONG_LOGIN)
        if self.hasher.check_needs_rehash(user.password_hash):
            user.password_hash = self.hasher.hash(password)
        user.failed_logins = 0
        user.locked_until = None
        user.last_login_at = now
        actor = _as_actor(user)
        audit.record(session, actor, "login", "user", entity_id=user.id)
        return actor

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return bool(self.hasher.verify(stored, password))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    # -- administration -----------------------------------------------------------------------

    def users(self) -> list[UserLine]:
        with self.database.session() as session:
            rows = session.execute(select(UserAccount).order_by(UserAccount.username)).scalars()
            return [
                UserLine(
                    u.id or 0,
                    u.username,
                    u.display_name,
                    parse_roles(u.role),
                    u.active,
                    as_utc(u.locked_until) if u.locked_until else None,
                    as_utc(u.last_login_at) if u.last_login_at else None,
                )
                for u in rows
            ]

    def create_user(
        self,
        actor: Actor,
        username: str,
        display_name: str,
        roles: frozenset[str] | set[str],
        password: str,
        *,
        must_change: bool = True,
    ) -> int:
        """A new account; its first password came from an admin, so by default it must be
        replaced at the first sign-in."""
        actor.require("users.manage")
        user_id = self._insert(username, display_name, frozenset(roles), password, creator=actor)
        if must_change:
            with self.database.session() as session, session.begin():
                self._get(session, user_id).must_change_password = True
        return user_id

    def update_user(
        self,
        actor: Actor,
        user_id: int,
        *,
        display_name: str,
        roles: frozenset[str] | set[str],
        active: bool,
    ) -> None:
        actor.require("users.manage")
        wanted = frozenset(r for r in roles if r in ROLES)
        if not wanted:
            raise UserError("Ein Konto braucht mindestens eine Rolle.")
        with self.database.session() as session, session.begin():
            user = self._get(session, user_id)
            if ADMIN in parse_roles(user.role) and (ADMIN not in wanted or not active):
                self._keep_one_admin(session, user_id)
            changed = [
                name
                for name, before, after in (
                    ("display_name", user.display_name, display_name.strip()),
                    ("roles", user.role, format_roles(wanted)),
                    ("active", user.active, active),
                )
                if before != after
            ]
            user.display_name = display_name.strip()
            user.role = format_roles(wanted)
            user.active = active
            if "roles" in changed or "active" in changed:
                logins = server_logins.managing_connection(session.connection())
                if logins is not None:
                    server_logins.set_login_groups(logins, user.username, wanted)
                    server_logins.set_login_active(logins, user.username, active)
            if changed:
                audit.record(
                    session,
                    actor,
                    "user_update",
                    "user",
                    entity_id=user_id,
                    fields=",".join(changed),
                )

    def reset_password(
        self, actor: Actor, user_id: int, password: str, *, must_change: bool = True
    ) -> None:
        """An admin sets a new password (and unlocks); the user changes it at the next login."""
        actor.require("users.manage")
        with self.database.session() as session, session.begin():
            user = self._get(session, user_id)
            self._set_password(user, password)
            user.must_change_password = must_change
            logins = server_logins.managing_connection(session.connection())
            if logins is not None:
                server_logins.set_login_password(logins, user.username, password)
            audit.record(
                session, actor, "password", "user", entity_id=user_id, detail="zurückgesetzt"
            )

    def change_own_password(self, actor: Actor, old: str, new: str) -> None:
        if actor.user_id is None:
            raise UserError("Die Kommandozeile hat kein eigenes Passwort.")
        with self.database.session() as session, session.begin():
            user = self._get(session, actor.user_id)
            if not self._verify(user.password_hash, old):
                raise LoginError("Das bisherige Passwort stimmt nicht.")
            if old == new:
                raise UserError("Das neue Passwort muss sich vom bisherigen unterscheiden.")
            self._set_password(user, new)
            user.must_change_password = False
            server_logins.set_own_password(session.connection(), user.username, new)
            audit.record(session, actor, "password", "user", entity_id=user.id)

    def must_change_password(self, actor: Actor) -> bool:
        if actor.user_id is None:
            return False
        with self.database.session() as session:
            return bool(self._get(session, actor.user_id).must_change_password)

    def unlock(self, actor: Actor, user_id: int) -> None:
        actor.require("users.manage")
        with self.database.session() as session, session.begin():
            user = self._get(session, user_id)
            user.locked_until = None
            user.failed_logins = 0
            audit.record(session, actor, "user_update", "user", entity_id=user_id, fields="locked")

    def password_problems(self, password: str, username: str = "") -> list[str]:
        problems = []
        if len(password) < self.min_length:
            problems.append(f"Das Passwort braucht mindestens {self.min_length} Zeichen.")
        if len(password) > 200:
            problems.append("Das Passwort darf höchstens 200 Zeichen lang sein.")
        if username and username.strip().lower() in password.lower():
            problems.append("Das Passwort darf den Benutzernamen nicht enthalten.")
        if password and len(set(password)) < 4:
            problems.append("Das Passwort ist zu einfach (zu wenige verschiedene Zeichen).")
        return problems

    # -- helpers ------------------------------------------------------------------------------

    def _insert(
        self,
        username: str,
        display_name: str,
        roles: frozenset[str],
        password: str,
        creator: Actor | None,
    ) -> int:
        name = username.strip().lower()
        if not (2 <= len(name) <= 60) or not set(name) <= USERNAME_CHARS:
            raise UserError(
                "Der Benutzername braucht 2 bis 60 Zeichen: Kleinbuchstaben, Ziffern, Punkt, "
                "Bindestrich oder Unterstrich."
            )
        if not roles & set(ROLES):
            raise UserError("Ein Konto braucht mindestens eine Rolle.")
        problems = self.password_problems(password, name)
        if problems:
            raise UserError(" ".join(problems))
        with self.database.session() as session, session.begin():
            logins = server_logins.managing_connection(session.connection())
            taken = session.execute(
                select(UserAccount.id).where(UserAccount.username == name)
            ).scalar_one_or_none()
            if taken is not None:
                raise UserError(f"Den Benutzernamen „{name}“ gibt es schon.")
            user = UserAccount(
                username=name,
                display_name=display_name.strip()[:200],
                role=format_roles(roles),
                password_hash=self.hasher.hash(password),
                password_changed_at=utcnow(),
            )
            session.add(user)
            session.flush()
            assert user.id is not None
            if logins is not None:  # the person's own login to the server, same password
                server_logins.create_login(logins, name, password, roles)
            audit.record(
                session,
                creator or _as_actor(user),
                "user_create",
                "user",
                entity_id=user.id,
                fields="roles",
            )
            return user.id

    def _set_password(self, user: UserAccount, password: str) -> None:
        problems = self.password_problems(password, user.username)
        if problems:
            raise UserError(" ".join(problems))
        user.password_hash = self.hasher.hash(password)
        user.password_changed_at = utcnow()
        user.failed_logins = 0
        user.locked_until = None

    @staticmethod
    def _get(session: Session, user_id: int) -> UserAccount:
        user = session.get(UserAccount, user_id)
        if user is None:
            raise UserError("Dieses Konto gibt es nicht mehr.")
        return user

    @staticmethod
    def _keep_one_admin(session: Session, leaving_id: int) -> None:
        others = [
            u
            for u in session.execute(
                select(UserAccount).where(
                    UserAccount.active.is_(True), UserAccount.id != leaving_id
                )  # type: ignore[attr-defined]
            ).scalars()
            if ADMIN in parse_roles(u.role)
        ]
        if not others:
            raise UserError("Es muss mindestens ein aktives Administrationskonto bleiben.")


def _as_actor(user: UserAccount) -> Actor:
    return Actor(user.id, user.username, user.display_name, parse_roles(user.role))


def _anonymous(name: str) -> Actor:
    # The name typed is kept only if it is a plausible login name (never a mistyped password).
    safe = name if name and len(name) <= 60 and set(name) <= USERNAME_CHARS else ""
    return Actor(None, safe, "", frozenset())
