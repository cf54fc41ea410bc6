"""`srek-desk checkout`, `checkin` and `transfer`: laptops without a network, moving to a server.

checkout and checkin carry clients to a laptop and back; transfer moves a whole single-PC
database onto the office server.

Exit codes: 0 done, 1 refused or conflicts left to decide (German message on stderr), 2 usage.
The server is `--server URL` (else the configured database); the audit log names the caller
as `cli:<login name>`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from srek_desk.cli.common import EXIT_OK, EXIT_USER_ERROR, load_config, print_json
from srek_desk.errors import UserError

if TYPE_CHECKING:
    from srek_desk.services.core.database import Database


@contextmanager
def _server(args: argparse.Namespace) -> Iterator[Database]:
    """The office database: migrated, not locked (the office app may be running on it)."""
    from srek_desk.context import AppContext

    if args.server:
        args.db = args.server
    config = load_config(args)
    context = AppContext.open(config, lock=False, daily_backup=False)
    try:
        yield context.database
    finally:
        context.close()


def _laptop_key(args: argparse.Namespace) -> str | None:
    if not getattr(args, "key_file", None):
        return None
    from srek_desk.db.encryption import read_key_file

    return read_key_file(Path(args.key_file).expanduser())


def cmd_checkout(args: argparse.Namespace) -> int:
    from srek_desk.services.core.access import command_line_actor
    from srek_desk.services.offline import checkout

    with _server(args) as server:
        result = checkout(
            server,
            Path(args.output),
            command_line_actor(),
            args.client,
            users=args.user or None,
            laptop_key=_laptop_key(args),
        )
    if args.json:
        print_json(result.as_dict())
        return EXIT_OK
    print(
        f"{len(result.clients)} Klient:innen ausgecheckt in die Laptop-Datei {result.path} "
        f"(Anmeldung dort: {', '.join(result.users)})."
    )
    for client in result.clients:
        print(f"  {client.name}")
    print(
        f"Mitgenommen: {result.rows.get('offer', 0)} Angebote, "
        f"{result.rows.get('employer', 0)} Arbeitgeber. Zurück mit: srek-desk checkin "
        f"{result.path}"
    )
    return EXIT_OK


def cmd_checkin(args: argparse.Namespace) -> int:
    from srek_desk.db.lock import DatabaseLock
    from srek_desk.services.core.access import command_line_actor
    from srek_desk.services.offline import checkin, resolve

    laptop = Path(args.laptop).expanduser()
    if not laptop.is_file():
        raise UserError(f"Die Laptop-Datei {laptop} gibt es nicht.")
    actor = command_line_actor()
    key = _laptop_key(args)
    with _server(args) as server, DatabaseLock(laptop.resolve()):
        result = checkin(server, laptop, actor, laptop_key=key)
        resolutions = [
            resolve(server, laptop, actor, conflict, args.keep, laptop_key=key)
            for conflict in (result.conflicts if args.keep else [])
        ]
    open_conflicts = [] if args.keep else result.conflicts
    closed = resolutions[-1].closed if resolutions else result.closed
    if args.json:
        print_json(
            {
                **result.as_dict(),
                "resolved": [r.as_dict() for r in resolutions],
                "open_conflicts": len(open_conflicts),
                "closed": closed,
            }
        )
    else:
        _print_checkin(result, resolutions, closed)
    if open_conflicts:
        print(
            f"Fehler: {len(open_conflicts)} Klient:innen wurden im Büro und auf dem Laptop "
            "geändert; ihre Angaben wurden nicht übernommen. Bitte entscheiden: "
            "--keep server (Büro-Stand behalten) oder --keep laptop (Laptop-Stand übernehmen).",
            file=sys.stderr,
        )
        return EXIT_USER_ERROR
    return EXIT_OK


def _print_checkin(result: Any, resolutions: list[Any], closed: bool) -> None:
    from srek_desk.services.offline import show_value

    for title, entries in (
        ("Vom Laptop übernommen", [a.client for a in result.applied]),
        ("Neu vom Laptop", [c.client for c in result.created]),
        ("Nur im Büro geändert (nichts zu tun)", result.office_only),
        ("Unverändert", result.unchanged),
    ):
        if entries:
            print(f"{title}: {', '.join(c.name for c in entries)}")
    for created in result.created:
        if created.duplicate_of:
            print(
                f"Hinweis: {created.client.name} gibt es im Büro vielleicht schon "
                f"({created.duplicate_of}); bitte prüfen."
            )
    for skipped in result.skipped:
        print(
            f"Nicht übernommen: {skipped.client.name or skipped.client.pseudonym} – {skipped.reason}"
        )
    added = {
        "notes": "Notizen",
        "follow_ups": "Wiedervorlagen",
        "proposals": "Vorschläge",
        "printed_sheets": "Chancenblätter",
        "hidden_offers": "ausgeblendete Angebote",
    }
    counts = [f"{result.added.get(key, 0)} {label}" for key, label in added.items()]
    print("Ergänzt: " + ", ".join(counts) + ".")
    for warning in result.warnings:
        print(f"Hinweis: {warning}")
    decided = {r.client.pseudonym: r.keep for r in resolutions}
    for conflict in result.conflicts:
        keep = decided.get(conflict.pseudonym)
        if keep is None:
            print(f"Konflikt: {conflict.client.name} (im Büro und auf dem Laptop geändert)")
        else:
            choice = "Büro-Stand behalten" if keep == "server" else "Laptop-Stand übernommen"
            print(f"Konflikt entschieden: {conflict.client.name} – {choice}")
        for difference in conflict.differences():
            print(
                f"    {difference.label}: Büro „{show_value(difference.server)}“, "
                f"Laptop „{show_value(difference.laptop)}“"
            )
    if closed:
        print("Alle Klient:innen sind zurück; die Ausgabe ist abgeschlossen.")


def cmd_transfer(args: argparse.Namespace) -> int:
    from srek_desk.services.offline.move_to_server import transfer

    result = transfer(args.source, args.to, source_key=_laptop_key(args))
    if args.json:
        print_json(result.as_dict())
        return EXIT_OK
    for table, rows in result.tables.items():
        print(f"  {table:<22} {rows:>8}")
    chain = "geprüft" if result.audit_chain_ok else "schon in der Quelle unterbrochen"
    print(
        f"Übertragen: {result.total_rows} Zeilen in {len(result.tables)} Tabellen nach "
        f"{result.target} ({result.seconds:.1f} s); Protokollkette {chain}."
    )
    for warning in result.warnings:
        print(f"Hinweis: {warning}")
    print(
        "Die Quelldatei ist unverändert; bitte als letzte Sicherung aufbewahren und "
        "database.url auf den Server umstellen."
    )
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    out = subparsers.add_parser(
        "checkout", help="Klient:innen und Angebote für die Arbeit ohne Netz auf einen Laptop"
    )
    out.add_argument("--server", metavar="URL", help="Büro-Datenbank (sonst die eingestellte)")
    out.add_argument(
        "--client",
        action="append",
        required=True,
        metavar="ID",
        help="Nummer, Kundennummer oder Pseudonym (mehrfach möglich)",
    )
    out.add_argument("-o", "--output", required=True, metavar="LAPTOP.sqlite3")
    out.add_argument(
        "--user",
        action="append",
        metavar="NAME",
        help="wer sich auf dem Laptop anmeldet (Standard: die Berater:innen der Klient:innen)",
    )
    out.add_argument("--key-file", metavar="FILE", help="Laptop-Datei damit verschlüsseln")
    out.add_argument("--json", action="store_true")
    out.set_defaults(handler=cmd_checkout)

    back = subparsers.add_parser("checkin", help="Arbeit vom Laptop ins Büro zurückbringen")
    back.add_argument("laptop", metavar="LAPTOP.sqlite3")
    back.add_argument("--server", metavar="URL", help="Büro-Datenbank (sonst die eingestellte)")
    back.add_argument(
        "--keep",
        choices=["server", "laptop"],
        help="Konflikte so entscheiden: Büro-Stand behalten oder Laptop-Stand übernehmen",
    )
    back.add_argument("--key-file", metavar="FILE", help="Schlüssel der Laptop-Datei")
    back.add_argument("--json", action="store_true")
    back.set_defaults(handler=cmd_checkin)

    move = subparsers.add_parser(
        "transfer", help="ganze Einzelplatz-Datenbank in eine leere Server-Datenbank übertragen"
    )
    move.add_argument("source", metavar="SOURCE.sqlite3")
    move.add_argument("--to", required=True, metavar="URL", help="leere Ziel-Datenbank")
    move.add_argument("--key-file", metavar="FILE", help="Schlüssel der Quelldatei")
    move.add_argument("--json", action="store_true")
    move.set_defaults(handler=cmd_transfer)
