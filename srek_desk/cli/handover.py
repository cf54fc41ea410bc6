"""`srek-desk handover export|import`: hand cases to another office as an encrypted file.

The password is never an argument (it would land in the shell history): it comes from
`--password-file F` (first line), else from the first line of stdin when stdin is not a
terminal, else from a prompt without echo (asked twice for an export).
Exit codes: 0 done, 1 refused (wrong password, tampered file, access; German message on
stderr), 2 usage. The audit log names the caller as `cli:<login name>`.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from srek_desk.cli.common import EXIT_OK, open_context, print_json
from srek_desk.errors import UserError


def read_password(args: argparse.Namespace, *, confirm: bool) -> str:
    if args.password_file:
        source = Path(args.password_file).expanduser()
        try:
            lines = source.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            raise UserError(f"Die Passwortdatei {source} lässt sich nicht lesen.") from None
        password = lines[0] if lines else ""
    elif sys.stdin is not None and not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin is None:
        raise UserError("Bitte das Passwort mit --password-file angeben.")
    else:
        password = getpass.getpass("Passwort der Übergabedatei: ")
        if confirm and getpass.getpass("Passwort wiederholen: ") != password:
            raise UserError("Die beiden Passwörter stimmen nicht überein.")
    if not password:
        raise UserError("Es wurde kein Passwort angegeben.")
    return password


def _service(context: Any) -> Any:
    from srek_desk.services.handover.service import HandoverService

    return HandoverService(context.database, context.config["office.name"])


def cmd_export(args: argparse.Namespace) -> int:
    from srek_desk.services.core.access import command_line_actor

    password = read_password(args, confirm=True)
    with open_context(args) as context:
        result = _service(context).export(
            list(args.client),
            password,
            Path(args.output),
            command_line_actor(),
            mark_handed_over=args.mark_handed_over,
        )
    if args.json:
        print_json(result.as_dict())
        return EXIT_OK
    counts = result.counts
    print(
        f"{len(result.clients)} Klient:innen in die Übergabedatei {result.path} geschrieben "
        f"({result.size_bytes / 1024:.0f} KB): {counts.get('notes', 0)} Notizen, "
        f"{counts.get('follow_ups', 0)} Wiedervorlagen, {counts.get('proposals', 0)} Vorschläge, "
        f"{counts.get('printed_sheets', 0)} Chancenblätter."
    )
    for client in result.clients:
        print(f"  {client.name}")
    if result.marked_handed_over:
        print("Die Klient:innen sind hier jetzt als übergeben (inaktiv) vermerkt.")
    print("Das Passwort bitte auf anderem Weg weitergeben als die Datei.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from srek_desk.services.core.access import command_line_actor

    password = read_password(args, confirm=False)
    actor = command_line_actor()
    with open_context(args) as context:
        service = _service(context)
        if args.dry_run:
            preview = service.read(Path(args.file), password, actor)
            if args.json:
                print_json({**preview.as_dict(), "dry_run": True})
            else:
                _print_preview(preview, args.on_duplicate)
            return EXIT_OK
        result = service.import_package(
            Path(args.file),
            password,
            actor,
            on_duplicate=args.on_duplicate,
            counsellor=args.counsellor,
        )
    if args.json:
        print_json(result.as_dict())
        return EXIT_OK
    origin = f" von {result.office}" if result.office else ""
    print(f"{len(result.imported)} Klient:innen{origin} übernommen:")
    for client in result.imported:
        print(f"  {client.name}")
    for client in result.merged:
        print(f"Mit dem vorhandenen Eintrag zusammengeführt: {client.name}")
    for client, reason in result.skipped:
        print(f"Nicht übernommen: {client.name} – {reason}")
    counts = result.counts
    print(
        f"Übernommen: {counts.get('notes', 0)} Notizen, {counts.get('follow_ups', 0)} "
        f"Wiedervorlagen, {counts.get('proposals', 0)} Vorschläge, "
        f"{counts.get('printed_sheets', 0)} Chancenblätter."
    )
    if counts.get("offers_missing"):
        print(
            f"Hinweis: {counts['offers_missing']} Vorschläge oder Chancenblätter nennen Angebote, "
            "die es hier nicht gibt; sie stehen als Notiz bei den Klient:innen."
        )
    for warning in result.warnings:
        print(f"Hinweis: {warning}")
    return EXIT_OK


def _print_preview(preview: Any, on_duplicate: str) -> None:
    when = f" vom {preview.created_at.astimezone():%d.%m.%Y %H:%M}" if preview.created_at else ""
    print(
        f"Übergabedatei{when} von {preview.office or 'unbekannt'} "
        f"({preview.exported_by or 'unbekannt'}): {len(preview.clients)} Klient:innen."
    )
    for client in preview.clients:
        born = f", geb. {client.birth_date:%d.%m.%Y}" if client.birth_date else ""
        counts = client.counts
        print(f"  {client.name}{born}: {counts['notes']} Notizen, {counts['proposals']} Vorschläge")
        if client.is_duplicate:
            action = {
                "new": "wird neu angelegt",
                "merge": "wird zusammengeführt"
                if client.merge_target is not None
                else "wird übersprungen (kein eindeutiger Eintrag zum Zusammenführen)",
            }.get(on_duplicate, "wird übersprungen")
            print(f"    vielleicht schon vorhanden ({action}): {client.duplicate_text}")
        if client.customer_number_taken:
            print(f"    Kundennummer {client.customer_number} ist hier schon vergeben.")
    print("Probelauf: nichts übernommen.")


def register(sub: Any) -> None:
    """Add `handover export` and `handover import` to the `srek-desk` parser."""
    handover = sub.add_parser(
        "handover", help="Fälle verschlüsselt an eine andere Beratungsstelle übergeben"
    )
    actions = handover.add_subparsers(dest="handover_action", metavar="AKTION", required=True)

    export = actions.add_parser("export", help="Klient:innen in eine Übergabedatei schreiben")
    export.add_argument(
        "--client",
        action="append",
        required=True,
        metavar="ID",
        help="Nummer, Kundennummer oder Pseudonym (mehrfach möglich)",
    )
    export.add_argument("-o", "--output", required=True, metavar="FILE")
    export.add_argument(
        "--mark-handed-over",
        nargs="?",
        const="",
        default=None,
        metavar="EMPFÄNGER",
        help="die Klient:innen danach als übergeben vermerken (inaktiv, mit Notiz)",
    )
    export.add_argument("--password-file", metavar="F", help="Passwort aus der ersten Zeile")
    export.add_argument("--json", action="store_true")
    export.set_defaults(handler=cmd_export)

    take = actions.add_parser("import", help="Klient:innen aus einer Übergabedatei übernehmen")
    take.add_argument("file", metavar="FILE")
    take.add_argument(
        "--on-duplicate",
        choices=["skip", "new", "merge"],
        default="skip",
        help="wer hier schon so ähnlich gespeichert ist: überspringen (Standard), neu anlegen "
        "oder mit dem einen ähnlichen Eintrag zusammenführen",
    )
    take.add_argument("--dry-run", action="store_true", help="nur zeigen, nichts übernehmen")
    take.add_argument(
        "--counsellor", metavar="NAME", help="Konto, dem die Klient:innen zugeordnet werden"
    )
    take.add_argument("--password-file", metavar="F", help="Passwort aus der ersten Zeile")
    take.add_argument("--json", action="store_true")
    take.set_defaults(handler=cmd_import)
