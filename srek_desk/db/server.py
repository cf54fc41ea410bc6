"""PostgreSQL least privilege: the app's role reads and writes the tables, the admin migrates.

`setup_server` (CLI `srek-desk server-setup`) runs as an admin role (the database owner or a
superuser): it migrates, creates the application role if missing and grants it exactly

- CONNECT on the database (PUBLIC loses CONNECT and TEMPORARY there: a dedicated database),
- USAGE on the schema (no CREATE: the app role can neither create nor drop tables),
- SELECT, INSERT, UPDATE, DELETE on the application tables, USAGE and SELECT on their id
  sequences, and the same by default for the tables and sequences the admin creates later,
- with these exceptions: `alembic_version` SELECT only; `audit_event` SELECT, INSERT and DELETE
  but never UPDATE; `audit_retention` SELECT and UPDATE. No TRUNCATE, REFERENCES or TRIGGER
  anywhere (TRUNCATE would bypass the row triggers).

Why the app role keeps DELETE on `audit_event`: retention purges old entries in the same
transaction as the rest of its work (services/core/audit.py): it sets the gate in `audit_retention`,
deletes what is older, closes the gate. The append-only trigger (migration 0007) refuses every
UPDATE and every DELETE the gate does not allow, and the hash chain shows an entry removed from
the middle of the log; only the oldest entries can go unseen, which is what retention does.

After a migration by the admin the grants are applied again (`migrate_as_admin`), so tables a
new version adds are covered even when another admin role ran `server-setup`.

Since issue 17 each person signs in with a login role of their own (db/server_logins.py) in the
group roles `srek_berater`, `srek_teamleitung`, `srek_admin`, whose rights and row-level security
db/server_rls.py sets up; `setup_server` installs them (and the audit-append function of
db/audit_sql.py when that module is there). The single application role is optional now: it is
kept for desks that still connect with it, with the rights above and a see-all policy.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url

from srek_desk.db import audit_sql
from srek_desk.db.engine import ServerOptions, database_url, make_server_engine, safe_url
from srek_desk.db.migrate import MigrationResult, current_revision, migrate
from srek_desk.db.server_rls import GROUPS, install_group_roles
from srek_desk.errors import UserError

log = logging.getLogger(__name__)

TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")
# Tables whose privileges are narrower than TABLE_PRIVILEGES: table → privileges taken away.
NARROWED = {
    "alembic_version": ("INSERT", "UPDATE", "DELETE"),
    "audit_event": ("UPDATE",),
    "audit_retention": ("INSERT", "DELETE"),
    "erasure_register": ("INSERT", "UPDATE", "DELETE"),  # its trigger writes it (0012)
}
_ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


@dataclass
class SetupReport:
    role: str | None
    created: bool
    password_set: bool
    database: str
    schema: str
    migration: MigrationResult
    privileges: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    group_privileges: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    row_security: list[str] = field(default_factory=list)
    audit_function: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "created": self.created,
            "password_set": self.password_set,
            "database": self.database,
            "schema": self.schema,
            "schema_before": self.migration.before,
            "schema_after": self.migration.after,
            "privileges": self.privileges,
            "warnings": self.warnings,
            "group_privileges": self.group_privileges,
            "row_security": self.row_security,
            "audit_function": self.audit_function,
        }


def check_role_name(name: str) -> str:
    if not _ROLE_NAME.match(name):
        raise UserError(
            f"„{name}“ ist kein geeigneter Rollenname: bitte nur Kleinbuchstaben, Ziffern und _ "
            "(höchstens 63 Zeichen, nicht mit einer Ziffer beginnend)."
        )
    return name


def role_of(url: str) -> str | None:
    """The login role named in a server URL (None: libpq's default, the OS user)."""
    return make_url(database_url(url)).username


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)


def grant_app_privileges(connection: Connection, role: str) -> None:
    """Give `role` what the app needs in the current database and schema, nothing more.

    Idempotent; run by the admin role (inside its transaction).
    """
    database = connection.execute(text("SELECT current_database()")).scalar_one()
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    r, db, sc = _quote(connection, role), _quote(connection, database), _quote(connection, schema)
    privileges = ", ".join(TABLE_PRIVILEGES)
    statements = [
        f"REVOKE ALL ON DATABASE {db} FROM PUBLIC",
        f"REVOKE ALL ON DATABASE {db} FROM {r}",
        f"GRANT CONNECT ON DATABASE {db} TO {r}",
        f"REVOKE CREATE ON SCHEMA {sc} FROM PUBLIC",
        f"REVOKE ALL ON SCHEMA {sc} FROM {r}",
        f"GRANT USAGE ON SCHEMA {sc} TO {r}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {sc} FROM {r}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {sc} FROM {r}",
        f"GRANT {privileges} ON ALL TABLES IN SCHEMA {sc} TO {r}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {sc} TO {r}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {sc} GRANT {privileges} ON TABLES TO {r}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {sc} GRANT USAGE, SELECT ON SEQUENCES TO {r}",
    ]
    tables = set(
        connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        ).scalars()
    )
    for table, taken in NARROWED.items():
        if table in tables:
            statements.append(
                f"REVOKE {', '.join(taken)} ON {sc}.{_quote(connection, table)} FROM {r}"
            )
    for statement in statements:
        connection.execute(text(statement))


def table_privileges(connection: Connection, role: str) -> dict[str, list[str]]:
    """What `role` may do per table of the current schema (for the report and the tests)."""
    rows = connection.execute(
        text(
            "SELECT table_name, privilege_type FROM information_schema.role_table_grants "
            "WHERE grantee = :role AND table_schema = current_schema() ORDER BY 1, 2"
        ),
        {"role": role},
    ).all()
    result: dict[str, list[str]] = {}
    for table, privilege in rows:
        result.setdefault(table, []).append(privilege)
    return result


def _check_role(connection: Connection, role: str) -> bool:
    """True if the role exists; refuse one with more power than an app needs."""
    row = connection.execute(
        text("SELECT rolsuper, rolbypassrls, rolreplication FROM pg_roles WHERE rolname = :role"),
        {"role": role},
    ).one_or_none()
    if row is None:
        return False
    if row.rolsuper or row.rolbypassrls or row.rolreplication:
        raise UserError(
            f"Die Rolle „{role}“ hat Superuser-, Replikations- oder BYPASSRLS-Rechte und taugt "
            "nicht als Anwendungsrolle. Bitte eine eigene Rolle für SREK Desk angeben."
        )
    owned = connection.execute(
        text(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND pg_get_userbyid(c.relowner) = :role"
        ),
        {"role": role},
    ).scalar_one()
    if owned:
        raise UserError(
            f"Die Rolle „{role}“ besitzt {owned} Tabellen oder Sequenzen der Datenbank; als "
            f"Besitzerin dürfte sie alles. Bitte zuerst „REASSIGN OWNED BY {role} TO "
            "<admin-rolle>“ ausführen oder eine andere Rolle wählen."
        )
    return True


def _ensure_role(connection: Connection, role: str, password: str | None) -> tuple[bool, list[str]]:
    """Create the login role if missing (else take away CREATEDB/CREATEROLE); set the password."""
    name = _quote(connection, role)
    created = not _check_role(connection, role)
    if created:
        connection.execute(text(f"CREATE ROLE {name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"))
    else:
        connection.execute(text(f"ALTER ROLE {name} LOGIN NOCREATEDB NOCREATEROLE"))
    memberships = connection.execute(
        text(
            "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :role ORDER BY 1"
        ),
        {"role": role},
    ).scalars()
    warnings = [
        f"Die Rolle „{role}“ ist Mitglied von „{group}“ und erbt deren Rechte; "
        "bitte prüfen, ob das nötig ist."
        for group in memberships
    ]
    if password is not None:
        set_role_password(connection, role, password)
    return created, warnings


def set_role_password(connection: Connection, role: str, password: str) -> None:
    """ALTER ROLE … PASSWORD with the verifier libpq computes: the clear text never reaches the
    server (nor its statement log). Sent through psycopg itself, inside the same transaction,
    so that SQLAlchemy neither parses the verifier nor puts it into an error message."""
    from psycopg import sql

    raw = connection.connection.driver_connection
    verifier = raw.pgconn.encrypt_password(password.encode(), role.encode(), None)  # type: ignore[union-attr]
    statement = sql.SQL("ALTER ROLE {} PASSWORD {}").format(
        sql.Identifier(role), sql.Literal(verifier.decode("ascii"))
    )
    raw.execute(statement)  # type: ignore[union-attr]


def _install_audit_function(connection: Connection) -> bool:
    """Install the SECURITY DEFINER audit-append function (db/audit_sql.py) for the groups."""
    audit_sql.install(connection)
    # entries now come through the function only: the persons' groups lose direct INSERT
    for group in GROUPS:
        connection.execute(text(f"REVOKE INSERT ON audit_event FROM {_quote(connection, group)}"))
    return True


def _groups_exist(connection: Connection) -> bool:
    count = connection.execute(
        text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:groups)"), {"groups": list(GROUPS)}
    ).scalar_one()
    return int(count) == len(GROUPS)


def _is_personal(connection: Connection, role: str) -> bool:
    """True if `role` is a person's login (a member of a srek group), not the app role."""
    return bool(
        connection.execute(
            text(
                "SELECT EXISTS (SELECT FROM pg_roles g, pg_roles u WHERE u.rolname = :role "
                "AND g.rolname = ANY(:groups) AND pg_has_role(u.oid, g.oid, 'MEMBER'))"
            ),
            {"role": role, "groups": list(GROUPS)},
        ).scalar_one()
    )


def setup_server(
    admin_url: str,
    app_role: str | None = None,
    *,
    password: str | None = None,
    options: ServerOptions | None = None,
) -> SetupReport:
    """Migrate with the admin role, install the group roles with row-level security, and
    create and grant the single application role if one is named (for desks not yet moved)."""
    if app_role is not None:
        check_role_name(app_role)
    if make_url(database_url(admin_url)).get_backend_name() != "postgresql":
        raise UserError("„server-setup“ braucht die Adresse eines PostgreSQL-Servers.")
    if app_role is not None and role_of(admin_url) == app_role:
        raise UserError(
            "Die Anwendungsrolle muss eine andere sein als die Admin-Rolle, mit der migriert wird."
        )
    engine = make_server_engine(admin_url, options or ServerOptions())
    created = False
    warnings: list[str] = []
    privileges: dict[str, list[str]] = {}
    try:
        with engine.connect() as connection:
            if app_role is not None:
                _check_role(connection, app_role)  # before anything changes
            _check_can_create_roles(connection)
        migration = migrate(engine)
        with engine.begin() as connection:
            if app_role is not None:
                created, warnings = _ensure_role(connection, app_role, password)
                grant_app_privileges(connection, app_role)
                privileges = table_privileges(connection, app_role)
                warnings.append(
                    f"Wer mit der gemeinsamen Anwendungsrolle „{app_role}“ arbeitet, hat in der "
                    "Datenbank alle Rechte eines Admins. Bitte jede Person mit „srek-desk users "
                    "add“ eine eigene Anmeldung geben und die Rolle danach entfernen."
                )
            covered = install_group_roles(connection, app_role)
            audit_function = _install_audit_function(connection)
            database = connection.execute(text("SELECT current_database()")).scalar_one()
            schema = connection.execute(text("SELECT current_schema()")).scalar_one()
            groups = {g: table_privileges(connection, g) for g in GROUPS}
    finally:
        engine.dispose()
    log.info("server set up: application role %s, schema %s", app_role, migration.after)
    return SetupReport(
        role=app_role,
        created=created,
        password_set=app_role is not None and password is not None,
        database=database,
        schema=schema,
        migration=migration,
        privileges=privileges,
        warnings=warnings,
        group_privileges=groups,
        row_security=covered,
        audit_function=audit_function,
    )


def _check_can_create_roles(connection: Connection) -> None:
    allowed = connection.execute(
        text("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
    ).scalar_one_or_none()
    if not allowed:
        raise UserError(
            "Die Admin-Rolle darf keine Rollen anlegen (CREATEROLE fehlt). Bitte „server-setup“ "
            "mit einer Rolle ausführen, die CREATEROLE hat oder Superuser ist "
            "(ALTER ROLE … CREATEROLE), oder die IT verständigen."
        )


def migrate_server(
    admin_url: str, options: ServerOptions, app_role: str | None = None
) -> MigrationResult:
    """Migrate with the admin role; after a change, grant the new tables too: to the group roles
    (and their row-level security) if set up, and to `app_role` if it is the single app role."""
    admin = make_server_engine(admin_url, options)
    try:
        result = migrate(admin)
        if result.changed:
            with admin.begin() as connection:
                legacy = (
                    app_role
                    if app_role
                    and app_role != admin.url.username
                    and not _is_personal(connection, app_role)
                    else None
                )
                if legacy:
                    grant_app_privileges(connection, legacy)
                if _groups_exist(connection):
                    install_group_roles(connection, legacy)
                    _install_audit_function(connection)
    finally:
        admin.dispose()
    return result


def migrate_as_admin(app_engine: Engine, options: ServerOptions) -> MigrationResult:
    """Migrate through `options.admin_url` if the schema is behind (else no admin connection)."""
    from srek_desk.db.migrate import SCHEMA_HEAD

    before = current_revision(app_engine)
    if before == SCHEMA_HEAD:
        return MigrationResult(before, before, None)
    admin_database = make_url(database_url(options.admin_url)).database
    if admin_database != app_engine.url.database:
        raise UserError(
            f"„database.admin_url“ nennt die Datenbank „{admin_database}“, „database.url“ aber "
            f"„{app_engine.url.database}“. Bitte die Maschinenkonfiguration berichtigen."
        )
    return migrate_server(options.admin_url, options, app_engine.url.username)


def connection_error(exc: BaseException, url: str) -> UserError | None:
    """A German message for a server that cannot be reached or refuses the login."""
    import psycopg

    current: BaseException | None = exc
    while current is not None:
        if isinstance(current, psycopg.OperationalError) and "connection" in str(current):
            return UserError(
                f"Der Datenbankserver ({safe_url(url)}) ist nicht erreichbar oder hat die "
                "Anmeldung abgelehnt. Bitte Netzwerk, Adresse, Rolle und Passwort prüfen oder "
                "die IT verständigen.",
                details=str(current).strip(),
            )
        current = current.__cause__ or current.__context__
    return None
