"""Who may do what: roles, the acting user, and which clients a user may see.

Roles (a user may hold several):
- berater:     own clients, clients shared with the team, and clients without a counsellor
- teamleitung: all clients, statistics, the audit log
- admin:       user accounts, settings, retention, backups, the audit log
The command line acts as `SYSTEM`: whoever can run it already holds the database file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, false, or_
from sqlalchemy.orm import Session

from srek_desk.db.models import Client
from srek_desk.errors import UserError

BERATER = "berater"
TEAMLEITUNG = "teamleitung"
ADMIN = "admin"
ROLES: tuple[str, ...] = (BERATER, TEAMLEITUNG, ADMIN)
ROLE_LABELS = {BERATER: "Berater:in", TEAMLEITUNG: "Teamleitung", ADMIN: "Admin"}

# permission → roles that hold it
PERMISSIONS: dict[str, frozenset[str]] = {
    "clients.own": frozenset({BERATER, TEAMLEITUNG}),
    "clients.all": frozenset({TEAMLEITUNG}),
    "statistics": frozenset({TEAMLEITUNG}),
    "audit.view": frozenset({TEAMLEITUNG, ADMIN}),
    "users.manage": frozenset({ADMIN}),
    "settings": frozenset({ADMIN}),
    "retention": frozenset({ADMIN}),
    "backups": frozenset({ADMIN}),
    "offers.edit": frozenset({BERATER, TEAMLEITUNG, ADMIN}),
}


class AccessDenied(UserError):
    """The acting user lacks a permission."""


def parse_roles(text: str) -> frozenset[str]:
    return frozenset(r for r in (p.strip() for p in text.split(",")) if r in ROLES)


def format_roles(roles: frozenset[str] | set[str] | tuple[str, ...]) -> str:
    return ",".join(r for r in ROLES if r in roles)


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: int | None
    username: str
    display_name: str
    roles: frozenset[str] = field(default_factory=frozenset)

    def can(self, permission: str) -> bool:
        return bool(self.roles & PERMISSIONS[permission])

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise AccessDenied("Dafür fehlt Ihrem Konto die Berechtigung.")

    @property
    def role_text(self) -> str:
        return ", ".join(ROLE_LABELS[r] for r in ROLES if r in self.roles)


SYSTEM = Actor(None, "system", "Kommandozeile", frozenset(ROLES))


def command_line_actor() -> Actor:
    """The command line acts with every role; the log names it `cli:<login name>`."""
    import getpass

    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "unbekannt"
    return Actor(None, f"cli:{login}"[:60], "Kommandozeile", frozenset(ROLES))


def client_scope(actor: Actor) -> Any:
    """SQL condition on `client` for the clients `actor` may see (anonymised ones: nobody)."""
    present = Client.anonymised_at.is_(None)  # type: ignore[union-attr]
    if actor.can("clients.all"):
        return present
    if actor.can("clients.own"):
        return and_(
            present,
            or_(
                Client.counsellor_id == actor.user_id,
                Client.counsellor_id.is_(None),  # type: ignore[union-attr]
                Client.shared.is_(True),  # type: ignore[attr-defined]
            ),
        )
    return false()


def may_see(actor: Actor, client: Client) -> bool:
    if client.anonymised_at is not None:
        return False
    if actor.can("clients.all"):
        return True
    if not actor.can("clients.own"):
        return False
    return client.counsellor_id in (None, actor.user_id) or client.shared


COLLEAGUE_CLIENT = (
    "Diese Klientin / dieser Klient wird von einer Kollegin oder einem Kollegen betreut."
)


def visible_client(session: Session, actor: Actor, client_id: int) -> Client:
    """The stored client, if `actor` may see them; German errors otherwise."""
    client = session.get(Client, client_id)
    if client is None:
        raise UserError("Diese Klientin / dieser Klient ist nicht mehr gespeichert.")
    if not may_see(actor, client):
        raise AccessDenied(COLLEAGUE_CLIENT)
    return client
