"""`srek-desk server-setup` and `srek-desk migrate`: the shared PostgreSQL database for IT.

server-setup runs once per office database with an admin role: it migrates, creates the group
roles `srek_berater`, `srek_teamleitung`, `srek_admin` with their rights and row-level security
(db/server_rls.py; persons then get their own login with `srek-desk --db ADMIN_URL users add`)
and, with `--app-role`, the single least-privileged role older desks connect with (db/server.py). migrate brings a database to the
schema of this version: an SQLite file (backed up first) or a server database, there with
`--admin-url` / `database.admin_url` when the desks' own role may not change the schema.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import sys

from srek_desk.cli.common import EXIT_OK, load_config, print_json
from srek_desk.errors import UserError


def _read_password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("Passwort der Anwendungsrolle (leer: keins setzen): ")
        if password and getpass.getpass("Passwort wiederholen: ") != password:
            raise UserError("Die Passwörter stimmen nicht überein.")
    else:
        return None
    if args.password_stdin and not password:
        raise UserError("Auf stdin kam kein Passwort an.")
    return password or None


def cmd_server_setup(args: argparse.Namespace) -> int:
    from srek_desk.db.engine import ServerOptions, safe_url
    from srek_desk.db.server import check_role_name, setup_server

    config = load_config(args)
    admin_url = args.admin_url or config["database.admin_url"]
    if not admin_url:
        raise UserError("Bitte die Adresse der Admin-Rolle angeben: --admin-url URL.")
    if args.app_role:
        check_role_name(args.app_role)
    options = dataclasses.replace(ServerOptions.from_config(config), admin_url=admin_url)
    password = _read_password(args) if args.app_role else None
    report = setup_server(admin_url, args.app_role or None, password=password, options=options)
    from sqlalchemy.engine import URL, make_url

    from srek_desk.db.engine import database_url

    admin = make_url(database_url(admin_url))
    app_url = URL.create(
        admin.drivername,
        username=args.app_role or "BENUTZERNAME",
        host=admin.host,
        port=admin.port,
        database=admin.database,
    )
    data = report.as_dict() | {"app_url": safe_url(app_url)}
    if args.json:
        print_json(data)
        return EXIT_OK
    migration = report.migration
    state = (
        f"aktualisiert von {migration.before or 'leer'} auf {migration.after}"
        if migration.changed
        else f"aktuell ({migration.after})"
    )
    print(f"Datenbank „{report.database}“, Schema „{report.schema}“: {state}.")
    print(
        "Gruppenrollen srek_berater, srek_teamleitung, srek_admin eingerichtet; "
        f"Zeilenschutz auf {len(report.row_security)} Tabellen: {', '.join(report.row_security)}."
    )
    if report.role:
        print(
            f"Anwendungsrolle „{report.role}“ "
            + ("angelegt" if report.created else "war schon da")
            + (", Passwort gesetzt." if report.password_set else ", Passwort unverändert.")
        )
        print("Rechte der Anwendungsrolle je Tabelle:")
        for table, privileges in report.privileges.items():
            print(f"  {table:<22} {', '.join(privileges)}")
    print(
        "Persönliche Anmeldungen: srek-desk --db ADMIN_URL users add NAME --roles … "
        "--password-stdin"
    )
    for warning in report.warnings:
        print(f"Hinweis: {warning}")
    print(f'Für die Arbeitsplätze (Maschinenkonfiguration): [database] url = "{data["app_url"]}"')
    return EXIT_OK


def cmd_migrate(args: argparse.Namespace) -> int:
    from srek_desk.db.engine import ServerOptions, is_postgresql_url, safe_url
    from srek_desk.db.migrate import MigrationResult
    from srek_desk.db.server import migrate_server, role_of
    from srek_desk.services.core.database import resolve_database_location

    config = load_config(args)
    admin_url = args.admin_url or config["database.admin_url"]
    location = resolve_database_location(config)
    result: MigrationResult
    if admin_url and (not config["database.url"] or is_postgresql_url(location)):
        options = dataclasses.replace(ServerOptions.from_config(config), admin_url=admin_url)
        app_role = role_of(location) if is_postgresql_url(location) else None
        result = migrate_server(admin_url, options, app_role)
        where = safe_url(admin_url)
    else:
        from srek_desk.context import AppContext

        context = AppContext.open(config, daily_backup=False)
        try:
            assert context.database.migration is not None
            result = context.database.migration
            where = context.database.url
        finally:
            context.close()
    data = {
        "database": where,
        "before": result.before,
        "after": result.after,
        "changed": result.changed,
        "backup": str(result.backup) if result.backup else None,
    }
    if args.json:
        print_json(data)
    elif result.changed:
        backup = f" Sicherung vorher: {result.backup}" if result.backup else ""
        print(f"Datenbankschema aktualisiert: {result.before or 'leer'} → {result.after}.{backup}")
    else:
        print(f"Das Datenbankschema ist aktuell ({result.after}).")
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    setup = subparsers.add_parser(
        "server-setup",
        help="PostgreSQL: migrieren, Gruppenrollen mit Zeilenschutz einrichten "
        "(und wahlweise die gemeinsame Anwendungsrolle)",
    )
    setup.add_argument(
        "--admin-url",
        metavar="URL",
        help="Admin-Rolle, z. B. postgresql+psycopg://srek_admin@server/srek "
        "(Passwort besser aus ~/.pgpass; Standard: database.admin_url)",
    )
    setup.add_argument(
        "--app-role",
        default="",
        metavar="NAME",
        help="gemeinsame Anwendungsrolle für Arbeitsplätze ohne persönliche Anmeldung, "
        "z. B. srek_app (Übergang: wer sie nutzt, hat Admin-Rechte in der Datenbank)",
    )
    setup.add_argument(
        "--password-stdin",
        action="store_true",
        help="Passwort der Anwendungsrolle aus der ersten Zeile von stdin",
    )
    setup.add_argument("--json", action="store_true")
    setup.set_defaults(handler=cmd_server_setup)

    migrate = subparsers.add_parser(
        "migrate", help="Datenbankschema auf den Stand dieser Version bringen"
    )
    migrate.add_argument("--admin-url", metavar="URL", help="PostgreSQL: als diese Rolle migrieren")
    migrate.add_argument("--json", action="store_true")
    migrate.set_defaults(handler=cmd_migrate)
