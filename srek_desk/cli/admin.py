"""`srek-desk users`, `privacy`, `retention` and `audit`: data protection from the command line.

For IT staff and scripts. Whoever runs these holds the database file anyway; the audit log names
them as `cli:<login name>`. Passwords are read from stdin (`--password-stdin`) or asked for
without echo, never taken as an argument (it would land in the shell history).
`audit --witness -o FILE` writes the head of the audit chain; `audit --verify --witness FILE`
fails when the log no longer reaches it (db/audit_chain.py).
Exit codes: 0 done, 1 refused (German message on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from srek_desk.cli.common import EXIT_OK, EXIT_USER_ERROR, open_context, print_json
from srek_desk.errors import UserError


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Neues Passwort: ")
    if getpass.getpass("Passwort wiederholen: ") != first:
        raise UserError("Die beiden Passwörter stimmen nicht überein.")
    return first


def _accounts(context):  # type: ignore[no-untyped-def]
    from srek_desk.services.protection.accounts import AccountService

    return AccountService.from_config(context.database, context.config)


def _user_id(accounts, name: str) -> int:  # type: ignore[no-untyped-def]
    for user in accounts.users():
        if user.username == name.strip().lower():
            return int(user.id)
    raise UserError(f"Ein Konto „{name}“ gibt es nicht.")


def _server_login(context, name: str) -> dict[str, Any] | None:  # type: ignore[no-untyped-def]
    """The person's own login role on a PostgreSQL server (db/server_logins.py), if any."""
    from srek_desk.db import server_logins

    with context.database.engine.connect() as connection:
        if not server_logins.is_server(connection):
            return None
        login = server_logins.login_of(connection, name.strip().lower())
    if login is None:
        return None
    return {"role": login.name, "can_login": login.can_login, "groups": list(login.groups)}


def cmd_users(args: argparse.Namespace) -> int:
    from srek_desk.services.core.access import ROLES, command_line_actor, parse_roles

    with open_context(args) as context:
        accounts = _accounts(context)
        actor = command_line_actor()
        if args.action == "list":
            users = accounts.users()
            rows = [
                {
                    "username": u.username,
                    "name": u.display_name,
                    "roles": sorted(u.roles),
                    "active": u.active,
                    "locked_until": u.locked_until.isoformat() if u.locked_until else None,
                    "last_login": u.last_login_at.isoformat() if u.last_login_at else None,
                }
                for u in users
            ]
            if args.json:
                print_json({"users": rows})
            else:
                for row in rows:
                    state = "aktiv" if row["active"] else "deaktiviert"
                    print(f"{row['username']:<20} {','.join(row['roles']):<28} {state}")
            return EXIT_OK
        if not args.username:
            raise UserError("Bitte den Benutzernamen angeben.")
        if args.action == "add":
            roles = parse_roles(args.roles)
            if not roles or len(roles) != len([r for r in args.roles.split(",") if r.strip()]):
                raise UserError(f"Rollen bitte aus: {', '.join(ROLES)} (mit Komma getrennt).")
            password = _read_password(args)
            if accounts.needs_first_admin():
                if "admin" not in roles:
                    raise UserError("Das erste Konto muss die Rolle admin haben.")
                accounts.create_first_admin(
                    args.username, args.name or args.username, password, tuple(roles)
                )
            else:
                accounts.create_user(
                    actor, args.username, args.name or args.username, roles, password
                )
            message = f"Konto {args.username.strip().lower()} angelegt."
        elif args.action == "reset-password":
            user_id = _user_id(accounts, args.username)
            accounts.reset_password(actor, user_id, _read_password(args), must_change=True)
            message = "Passwort gesetzt; es muss bei der nächsten Anmeldung geändert werden."
        elif args.action == "unlock":
            accounts.unlock(actor, _user_id(accounts, args.username))
            message = "Konto entsperrt."
        else:  # deactivate
            user_id = _user_id(accounts, args.username)
            user = next(u for u in accounts.users() if u.id == user_id)
            accounts.update_user(
                actor, user_id, display_name=user.display_name, roles=user.roles, active=False
            )
            message = "Konto deaktiviert."
        login = _server_login(context, args.username) if args.action != "unlock" else None
        if login is not None:
            state = "aktiv" if login["can_login"] else "gesperrt (NOLOGIN)"
            groups = ", ".join(login["groups"]) or "keine"
            message += (
                f" Anmeldung am Datenbankserver „{login['role']}“: {state}; Gruppen: {groups}."
            )
    if args.json:
        print_json({"ok": True, "message": message, "server_login": login})
    else:
        print(message)
    return EXIT_OK


def cmd_privacy(args: argparse.Namespace) -> int:
    from srek_desk.db.repositories import client_by_reference
    from srek_desk.services.core.access import command_line_actor
    from srek_desk.services.protection.privacy import PrivacyService

    with open_context(args) as context:
        with context.database.session() as session:
            client = client_by_reference(session, args.client)
            if client is None:
                raise UserError(f"Keine Klientin / kein Klient mit der Nummer „{args.client}“.")
            client_id = int(client.id)  # type: ignore[arg-type]
        privacy = PrivacyService(context.database, command_line_actor())
        result: dict[str, object]
        if args.action == "export":
            folder = Path(args.output)
            stem = f"auskunft-{client_id}"
            privacy.write_access_export(
                client_id, folder / f"{stem}.json", folder / f"{stem}.pdf", None
            )
            result = {"json": str(folder / f"{stem}.json"), "pdf": str(folder / f"{stem}.pdf")}
            text = f"Auskunft geschrieben: {result['pdf']} und {result['json']}"
        elif args.action in ("restrict", "unrestrict"):
            privacy.set_restricted(client_id, args.action == "restrict")
            result = {"restricted": args.action == "restrict"}
            text = (
                "Verarbeitung eingeschränkt."
                if result["restricted"]
                else "Einschränkung aufgehoben."
            )
        else:  # erase
            if not args.yes:
                raise UserError("Löschen nur mit --yes (es lässt sich nicht rückgängig machen).")
            erased = privacy.erase(client_id)
            result = {"pseudonym": erased.pseudonym, "rows_deleted": erased.rows_deleted}
            text = f"Gelöscht; im Protokoll bleibt nur das Pseudonym {erased.pseudonym}."
            text += _backups_still_holding(context, erased.pseudonym, result)
    if args.json:
        print_json(result)
    else:
        print(text)
    return EXIT_OK


def _backups_still_holding(context, pseudonym: str, result: dict[str, object]) -> str:  # type: ignore[no-untyped-def]
    """Which backups still hold the erased person (by pseudonym); the register re-erases."""
    from srek_desk.services.protection.erasures import backups_holding

    found = backups_holding(context.database.backup_folder, pseudonym, context.database.key)
    result["backups_holding"] = [path.name for path in found.holding]
    result["backups_unchecked"] = [path.name for path in found.unchecked]
    return "" if context.database.sqlite_file is None else "\n" + found.german_text()


def cmd_retention(args: argparse.Namespace) -> int:
    from srek_desk.services.core.access import command_line_actor
    from srek_desk.services.protection.retention import RetentionPolicy, RetentionService

    with open_context(args) as context:
        service = RetentionService(context.database, RetentionPolicy.from_config(context.config))
        preview = service.preview()
        data: dict[str, object] = {
            "clients_due": len(preview.clients),
            "client_action": preview.client_action,
            "notes_due": preview.notes,
            "printed_sheets_due": preview.printed_sheets,
            "audit_entries_due": preview.audit_entries,
            "applied": False,
        }
        if args.apply:
            if not args.yes:
                raise UserError("Löschfristen anwenden nur mit --yes.")
            outcome = service.apply(command_line_actor(), preview)
            data.update(applied=True, clients_done=outcome.clients)
    if args.json:
        print_json(data)
    else:
        print(
            f"Fällig: {data['clients_due']} Klient:innen ({data['client_action']}), "
            f"{data['notes_due']} Notizen, {data['printed_sheets_due']} Bogen-Einträge, "
            f"{data['audit_entries_due']} Protokolleinträge."
            + (" Angewandt." if data["applied"] else " (Vorschau; anwenden mit --apply --yes)")
        )
    return EXIT_OK


def _witness_files(args: argparse.Namespace) -> list[str]:
    given = args.witness or []
    if args.verify:
        if "" in given:
            raise UserError("Bitte die Zeugnisdatei angeben: --verify --witness DATEI.")
        return given
    if given and (given != [""] or not args.output):
        raise UserError(
            "Ein Zeugnis schreiben: srek-desk audit --witness -o DATEI; "
            "prüfen: srek-desk audit --verify --witness DATEI."
        )
    return []


def cmd_audit(args: argparse.Namespace) -> int:
    from srek_desk.db.audit_chain import read_witness
    from srek_desk.services.core.access import command_line_actor
    from srek_desk.services.core.audit import AuditFilter, AuditService

    files = _witness_files(args)
    witnesses = [(Path(f).name, read_witness(Path(f))) for f in files]
    with open_context(args) as context:
        service = AuditService(context.database)
        if args.witness and not args.verify:
            return _write_witness(args, service)
        state, problems = service.check_witnesses(witnesses)
        broken = state.first_broken
        lines = service.query(
            command_line_actor(),
            AuditFilter(user_name=args.user or "", action=args.action or "", limit=args.limit),
        )
    entries = [
        {
            "at": line.at.isoformat(),
            "user": line.user_name,
            "action": line.action,
            "entity": line.entity,
            "subject": line.subject,
            "fields": line.fields,
            "detail": line.detail,
        }
        for line in lines
    ]
    if args.json:
        print_json(
            {
                "chain_intact": broken is None,
                "first_broken_id": broken,
                "witnesses_reached": not problems,
                "witness_problems": problems,
                "head_id": state.head_id,
                "count": state.count,
                "entries": entries,
            }
        )
    else:
        for entry in entries:
            print(
                f"{entry['at']}  {entry['user']:<16} {entry['action']:<12} {entry['entity']:<8} "
                f"{entry['subject']:<12} {entry['fields']}"
            )
        if broken is not None:
            print(f"Protokoll außerhalb des Programms verändert (ab Eintrag {broken}).")
        elif problems:
            print(
                "Die vorhandenen Einträge sind unverändert, aber das Protokoll ist unvollständig:"
            )
        else:
            print("Protokoll unverändert.")
        for problem in problems:
            print(problem)
        if witnesses and not problems:
            print(f"Das Protokoll reicht bis zu jedem Zeugnis ({len(witnesses)} geprüft).")
    failed = broken is not None or bool(problems)
    return EXIT_USER_ERROR if failed and args.verify else EXIT_OK


def _write_witness(args: argparse.Namespace, service) -> int:  # type: ignore[no-untyped-def]
    from srek_desk.services.core.access import command_line_actor

    state, witness = service.witness(command_line_actor())
    if state.first_broken is not None:
        raise UserError(
            "Kein Zeugnis geschrieben: das Protokoll ist schon verändert "
            f"(ab Eintrag {state.first_broken}); bitte zuerst klären (srek-desk audit --verify)."
        )
    target = Path(args.output).expanduser()
    try:
        target.write_text(witness.text(), encoding="utf-8")
    except OSError as exc:
        raise UserError(f"Das Zeugnis kann nicht nach {target} geschrieben werden: {exc}") from exc
    if args.json:
        print_json({"witness": str(target), **witness.as_dict()})
    else:
        print(
            f"Protokollzeugnis geschrieben: {target}\n"
            f"Neuester Eintrag {witness.head_id or '–'}, {witness.count} Einträge, "
            f"Hash {witness.head_hash or '–'}\n"
            "Bitte getrennt von Datenbank und Sicherungen aufbewahren (oder ausdrucken); "
            "prüfen mit: srek-desk audit --verify --witness DATEI"
        )
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    users = subparsers.add_parser(
        "users", help="Konten verwalten (IT): anlegen, Passwort, entsperren"
    )
    users.add_argument("action", choices=["list", "add", "reset-password", "unlock", "deactivate"])
    users.add_argument("username", nargs="?", default="")
    users.add_argument("--name", default="", help="angezeigter Name (bei add)")
    users.add_argument(
        "--roles", default="berater", help="berater, teamleitung, admin (mit Komma getrennt)"
    )
    users.add_argument(
        "--password-stdin", action="store_true", help="Passwort aus der ersten Zeile von stdin"
    )
    users.add_argument("--json", action="store_true")
    users.set_defaults(handler=cmd_users)

    privacy = subparsers.add_parser(
        "privacy", help="Betroffenenrechte: Auskunft, Einschränkung, Löschung einer Person"
    )
    privacy.add_argument("action", choices=["export", "restrict", "unrestrict", "erase"])
    privacy.add_argument("--client", required=True, metavar="ID", help="Kundennummer oder Nr.")
    privacy.add_argument("-o", "--output", default=".", metavar="DIR", help="Ordner (export)")
    privacy.add_argument("--yes", action="store_true", help="Löschen ohne Rückfrage bestätigen")
    privacy.add_argument("--json", action="store_true")
    privacy.set_defaults(handler=cmd_privacy)

    retention = subparsers.add_parser("retention", help="Löschfristen: Vorschau oder anwenden")
    retention.add_argument("--apply", action="store_true")
    retention.add_argument("--yes", action="store_true")
    retention.add_argument("--json", action="store_true")
    retention.set_defaults(handler=cmd_retention)

    audit = subparsers.add_parser("audit", help="Protokoll anzeigen und auf Veränderung prüfen")
    audit.add_argument("--user", default="")
    audit.add_argument("--action", default="")
    audit.add_argument("--limit", type=int, default=100)
    audit.add_argument(
        "--verify", action="store_true", help="Exit 1, wenn das Protokoll verändert wurde"
    )
    audit.add_argument(
        "--witness",
        nargs="?",
        const="",
        action="append",
        metavar="DATEI",
        help="mit -o: Zeugnis (neuester Eintrag, Hash, Anzahl) schreiben; mit --verify: "
        "prüfen, ob das Protokoll dieses Zeugnis (oder den Kopf neben einer Sicherung) "
        "noch erreicht (mehrfach möglich)",
    )
    audit.add_argument("-o", "--output", default="", metavar="DATEI", help="Zeugnisdatei")
    audit.add_argument("--json", action="store_true")
    audit.set_defaults(handler=cmd_audit)
