"""PostgreSQL: each person's own login role, in the group roles of their desk roles.

`srek-desk --db ADMIN_URL users add NAME --roles …` creates the login role NAME with the same
password as the desk account (only its SCRAM verifier reaches the server) and makes it a member
of `srek_berater` / `srek_teamleitung` / `srek_admin` (db/server_rls.py). Changing the roles
changes the memberships; deactivating sets NOLOGIN. Creating and altering other roles needs
CREATEROLE (or a superuser): the admin URL has it, a person's own login has not.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from srek_desk.db.server_rls import GROUP_OF_ROLE, GROUPS
from srek_desk.errors import UserError

RESERVED = {"public", "none", "current_user", "session_user", "current_role", "user"}


@dataclass(frozen=True, slots=True)
class ServerLogin:
    name: str
    can_login: bool
    groups: tuple[str, ...]


def is_server(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql"


def can_manage_roles(connection: Connection) -> bool:
    """True if the connected role may create and alter login roles."""
    row = connection.execute(
        text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    ).scalar_one_or_none()
    return bool(row)


def is_personal_login(connection: Connection) -> bool:
    """True if the session's login role is a person's (a member of a srek group role)."""
    return bool(
        connection.execute(
            text(
                "SELECT EXISTS (SELECT FROM pg_roles g WHERE g.rolname = ANY(:groups) "
                "AND pg_has_role(session_user, g.oid, 'MEMBER'))"
            ),
            {"groups": list(GROUPS)},
        ).scalar_one()
    )


def session_login(connection: Connection) -> str:
    return str(connection.execute(text("SELECT session_user")).scalar_one())


def check_login_name(name: str) -> str:
    if name in RESERVED or name.startswith("pg_") or not (2 <= len(name) <= 60):
        raise UserError(
            f"„{name}“ kann nicht als Anmeldename am Datenbankserver dienen (reserviert). "
            "Bitte einen anderen Benutzernamen wählen."
        )
    return name


def login_of(connection: Connection, name: str) -> ServerLogin | None:
    """The login role `name` and its srek groups, None if there is none."""
    can_login = connection.execute(
        text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :name"), {"name": name}
    ).scalar_one_or_none()
    if can_login is None:
        return None
    groups = connection.execute(
        text(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :name "
            "AND g.rolname = ANY(:groups) ORDER BY 1"
        ),
        {"name": name, "groups": list(GROUPS)},
    ).scalars()
    return ServerLogin(name, bool(can_login), tuple(groups))


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)


def create_login(
    connection: Connection, name: str, password: str, roles: frozenset[str] | set[str]
) -> None:
    """The person's login role with `password` in the groups of `roles` (in the transaction)."""
    from srek_desk.db.server import set_role_password

    check_login_name(name)
    row = connection.execute(
        text(
            "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls OR rolreplication "
            "FROM pg_roles WHERE rolname = :name"
        ),
        {"name": name},
    ).one_or_none()
    if row is not None and row[0]:
        raise UserError(
            f"Am Datenbankserver gibt es schon eine Rolle „{name}“ mit Verwaltungsrechten. "
            "Bitte einen anderen Benutzernamen wählen."
        )
    role = _quote(connection, name)
    if row is None:
        connection.execute(
            text(f"CREATE ROLE {role} LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE")
        )
    else:
        connection.execute(text(f"ALTER ROLE {role} LOGIN"))
    set_role_password(connection, name, password)
    set_login_groups(connection, name, roles)


def set_login_groups(connection: Connection, name: str, roles: frozenset[str] | set[str]) -> None:
    """Membership in exactly the group roles of the desk `roles`."""
    wanted = {GROUP_OF_ROLE[r] for r in roles if r in GROUP_OF_ROLE}
    current = login_of(connection, name)
    if current is None:
        return
    role = _quote(connection, name)
    for group in GROUPS:
        if group in wanted and group not in current.groups:
            connection.execute(text(f"GRANT {_quote(connection, group)} TO {role}"))
        elif group not in wanted and group in current.groups:
            connection.execute(text(f"REVOKE {_quote(connection, group)} FROM {role}"))


def set_login_active(connection: Connection, name: str, active: bool) -> None:
    """LOGIN or NOLOGIN: a deactivated person can no longer connect (an open session runs on
    until it ends; the desk's own sign-in refuses the inactive account already)."""
    if login_of(connection, name) is None:
        return
    state = "LOGIN" if active else "NOLOGIN"
    connection.execute(text(f"ALTER ROLE {_quote(connection, name)} {state}"))


def set_login_password(connection: Connection, name: str, password: str) -> None:
    from srek_desk.db.server import set_role_password

    if login_of(connection, name) is not None:
        set_role_password(connection, name, password)


def managing_connection(connection: Connection) -> Connection | None:
    """`connection` if it manages persons' login roles; None where there are none to manage
    (SQLite, or the shared application role of earlier versions, which cannot create roles).
    A person's own login without CREATEROLE is refused: the IT does this with the admin URL."""
    if not is_server(connection):
        return None
    if can_manage_roles(connection):
        return connection
    if is_personal_login(connection):
        raise UserError(
            "Konten, Rollen und Passwörter anderer Personen ändert am Datenbankserver die IT mit "
            "der Admin-Adresse: „srek-desk --db ADMIN_URL users …“. Dieser Anmeldung fehlt das "
            "Recht dazu (CREATEROLE)."
        )
    return None


def set_own_password(connection: Connection, name: str, password: str) -> None:
    """A person changes their own password: the server login follows if it is theirs."""
    if is_server(connection) and session_login(connection) == name:
        set_login_password(connection, name, password)
