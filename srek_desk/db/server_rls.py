"""PostgreSQL: the group roles of the desk's roles, their grants, and row-level security.

Each person signs in to the server as their own login role (db/server_logins.py), a member of
one group role per desk role: `srek_berater`, `srek_teamleitung`, `srek_admin` (NOLOGIN).
`install_group_roles` (run by `server-setup` and after every migration, as the admin role):

- grants every group CONNECT, schema USAGE, SELECT/INSERT/UPDATE/DELETE on the application
  tables and their sequences, except: `alembic_version` SELECT only; `audit_event` never UPDATE,
  DELETE for `srek_admin` only (retention through the gate of migration 0007);
  `audit_retention` and `user_account` written by `srek_admin` only; `erasure_register` read
  only (its trigger writes it). Counselling roles may
  UPDATE their *own* account row, and only the login columns (`OWN_ACCOUNT_COLUMNS`).
- enables row-level security on `client`, on every table with a foreign key to `client`
  (found in the catalogue, so a table a later version adds is covered) and on `user_account`.
  `srek_berater` sees and writes exactly the clients the desk shows (services/core/access.py:
  own, shared with the team, not yet taken; never anonymised ones) and the rows hanging on
  them; `srek_teamleitung` and `srek_admin` see all. The session user is mapped to
  `user_account` by name (`session_user`, not `current_user`: SET ROLE does not change it).

RLS is enabled, not forced: the table owner (the admin role that migrates) is not bound, as it
could switch the policies off anyway. A role without a policy sees no row (default deny).
The single application role of earlier versions (`server-setup --app-role`) keeps its grants
and gets a policy that sees everything, so desks still connecting with it keep working.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from srek_desk.errors import UserError

BERATER_GROUP = "srek_berater"
TEAMLEITUNG_GROUP = "srek_teamleitung"
ADMIN_GROUP = "srek_admin"
# desk role (services/core/access.py) → group role on the server
GROUP_OF_ROLE = {"berater": BERATER_GROUP, "teamleitung": TEAMLEITUNG_GROUP, "admin": ADMIN_GROUP}
GROUPS = tuple(GROUP_OF_ROLE.values())
COUNSELLING_GROUPS = (BERATER_GROUP, TEAMLEITUNG_GROUP)

ALL_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")
# table → privileges per group where narrower than ALL_PRIVILEGES
NARROWED: dict[str, dict[str, tuple[str, ...]]] = {
    "alembic_version": dict.fromkeys(GROUPS, ("SELECT",)),
    "audit_event": {
        BERATER_GROUP: ("SELECT", "INSERT"),
        TEAMLEITUNG_GROUP: ("SELECT", "INSERT"),
        ADMIN_GROUP: ("SELECT", "INSERT", "DELETE"),
    },
    "audit_retention": {
        BERATER_GROUP: ("SELECT",),
        TEAMLEITUNG_GROUP: ("SELECT",),
        ADMIN_GROUP: ("SELECT", "UPDATE"),
    },
    # written by the SECURITY DEFINER trigger of migration 0012 only: a restore re-applies it
    "erasure_register": dict.fromkeys(GROUPS, ("SELECT",)),
    "user_account": {
        BERATER_GROUP: ("SELECT",),
        TEAMLEITUNG_GROUP: ("SELECT",),
        ADMIN_GROUP: ("SELECT", "INSERT", "UPDATE"),  # accounts are deactivated, never deleted
    },
}
# What signing in and changing one's own password write (services/protection/accounts.py).
OWN_ACCOUNT_COLUMNS = (
    "password_hash",
    "password_changed_at",
    "must_change_password",
    "failed_logins",
    "locked_until",
    "last_login_at",
)
SESSION_USER_ID = "(SELECT u.id FROM user_account u WHERE u.username = session_user::text)"
# the rule of access.client_scope for a counsellor, in SQL
VISIBLE_CLIENT = f"anonymised_at IS NULL AND (counsellor_id IS NULL OR shared OR counsellor_id = {SESSION_USER_ID})"
POLICY_ALL, POLICY_VISIBLE, POLICY_READ, POLICY_SELF = (
    "srek_all",
    "srek_visible",
    "srek_read",
    "srek_self",
)


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)


def ensure_group_roles(connection: Connection) -> list[str]:
    """Create the missing group roles (NOLOGIN); the names of those created."""
    created = []
    for group in GROUPS:
        row = connection.execute(
            text(
                "SELECT rolcanlogin, rolsuper, rolbypassrls, rolcreaterole FROM pg_roles "
                "WHERE rolname = :name"
            ),
            {"name": group},
        ).one_or_none()
        if row is None:
            connection.execute(text(f"CREATE ROLE {_quote(connection, group)} NOLOGIN"))
            created.append(group)
        elif row.rolcanlogin or row.rolsuper or row.rolbypassrls or row.rolcreaterole:
            raise UserError(
                f"Die Gruppenrolle „{group}“ gibt es schon, aber mit Anmelde-, Superuser-, "
                "BYPASSRLS- oder CREATEROLE-Recht. Bitte die Rolle prüfen (die IT) und diese "
                f"Rechte entziehen: ALTER ROLE {group} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE."
            )
    return created


def _tables(connection: Connection) -> set[str]:
    return set(
        connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        ).scalars()
    )


def client_tables(connection: Connection) -> list[tuple[str, str]]:
    """(table, column) of every foreign key of the current schema that points at `client`."""
    rows = connection.execute(
        text(
            "SELECT c.conrelid::regclass::text, a.attname FROM pg_constraint c "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
            "WHERE c.contype = 'f' AND c.confrelid = to_regclass('client') "
            "AND cardinality(c.conkey) = 1 ORDER BY 1, 2"
        )
    ).all()
    return [(str(table).rsplit(".", 1)[-1].strip('"'), str(column)) for table, column in rows]


def grant_group_privileges(connection: Connection) -> None:
    """The table rights of the three group roles; idempotent."""
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    db, sc = _quote(connection, database), _quote(connection, schema)
    tables = _tables(connection)
    statements = [
        f"REVOKE ALL ON DATABASE {db} FROM PUBLIC",
        f"REVOKE CREATE ON SCHEMA {sc} FROM PUBLIC",
    ]
    for group in GROUPS:
        g = _quote(connection, group)
        statements += [
            f"REVOKE ALL ON DATABASE {db} FROM {g}",
            f"GRANT CONNECT ON DATABASE {db} TO {g}",
            f"REVOKE ALL ON SCHEMA {sc} FROM {g}",
            f"GRANT USAGE ON SCHEMA {sc} TO {g}",
            f"REVOKE ALL ON ALL TABLES IN SCHEMA {sc} FROM {g}",
            f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {sc} FROM {g}",
            f"GRANT {', '.join(ALL_PRIVILEGES)} ON ALL TABLES IN SCHEMA {sc} TO {g}",
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {sc} TO {g}",
        ]
        for table, allowed in NARROWED.items():
            if table in tables:
                t = f"{sc}.{_quote(connection, table)}"
                statements += [
                    f"REVOKE ALL ON {t} FROM {g}",
                    f"GRANT {', '.join(allowed[group])} ON {t} TO {g}",
                ]
    if "user_account" in tables:
        columns = ", ".join(OWN_ACCOUNT_COLUMNS)
        for group in COUNSELLING_GROUPS:
            statements.append(
                f"GRANT UPDATE ({columns}) ON {sc}.user_account TO {_quote(connection, group)}"
            )
    for statement in statements:
        connection.execute(text(statement))


def legacy_app_roles(connection: Connection) -> list[str]:
    """The single application roles earlier set-ups gave a see-all policy (not the groups)."""
    roles = connection.execute(
        text(
            "SELECT roles FROM pg_policies WHERE schemaname = current_schema() "
            "AND tablename = 'client' AND policyname = :policy"
        ),
        {"policy": POLICY_ALL},
    ).scalar_one_or_none()
    return sorted(str(r) for r in (roles or []) if str(r) not in GROUPS and str(r) != "public")


def _policy(
    connection: Connection, table: str, name: str, roles: list[str], command: str, rule: str
) -> None:
    t, p = _quote(connection, table), _quote(connection, name)
    to = ", ".join(_quote(connection, r) for r in roles)
    connection.execute(text(f"DROP POLICY IF EXISTS {p} ON {t}"))
    check = f" WITH CHECK ({rule})" if command in ("ALL", "UPDATE", "INSERT") else ""
    using = f" USING ({rule})" if command != "INSERT" else ""
    connection.execute(text(f"CREATE POLICY {p} ON {t} FOR {command} TO {to}{using}{check}"))


def apply_row_security(connection: Connection, app_role: str | None = None) -> list[str]:
    """Policies on `client`, the tables hanging on it and `user_account`; the tables covered."""
    tables = _tables(connection)
    see_all = [TEAMLEITUNG_GROUP, ADMIN_GROUP, *legacy_app_roles(connection)]
    if app_role and app_role not in see_all:
        see_all.append(app_role)
    covered = []
    if "client" in tables:
        hanging = [(t, c) for t, c in client_tables(connection) if t in tables]
        for table, rule in [("client", VISIBLE_CLIENT)] + [
            (t, f"{_quote(connection, c)} IN (SELECT c.id FROM client c)") for t, c in hanging
        ]:
            connection.execute(
                text(f"ALTER TABLE {_quote(connection, table)} ENABLE ROW LEVEL SECURITY")
            )
            _policy(connection, table, POLICY_ALL, see_all, "ALL", "true")
            _policy(connection, table, POLICY_VISIBLE, [BERATER_GROUP], "ALL", rule)
            covered.append(table)
    if "user_account" in tables:
        admins = [r for r in see_all if r != TEAMLEITUNG_GROUP]
        connection.execute(text("ALTER TABLE user_account ENABLE ROW LEVEL SECURITY"))
        _policy(connection, "user_account", POLICY_ALL, admins, "ALL", "true")
        _policy(connection, "user_account", POLICY_READ, list(COUNSELLING_GROUPS), "SELECT", "true")
        own = "username = session_user::text"
        _policy(connection, "user_account", POLICY_SELF, list(COUNSELLING_GROUPS), "UPDATE", own)
        covered.append("user_account")
    return covered


def install_group_roles(connection: Connection, app_role: str | None = None) -> list[str]:
    """Group roles, their grants and the row-level security, in the admin's transaction."""
    ensure_group_roles(connection)
    grant_group_privileges(connection)
    return apply_row_security(connection, app_role)
