"""`srek-desk import` and `srek-desk export`: offers and clients from files, offers to files.

import: exit 0 when the file was imported (bad rows, if any, are skipped and listed), 1 when it
was refused; the report goes to stdout (German text or JSON with --json). After an offer import
the new chances of clients are collected ("new_chances" in the JSON report). Offers missing from
the file stay active unless `--full` says the file is the source's complete list (or an HR-BA-XML
file says TypeOfLoad "F"); the report names what was retired ("retired", "retired_offers").
A CSV file mixing UTF-8 and Windows-1252 is refused naming the first line that does not fit;
`--encoding` reads it in the one encoding given instead.
"""

from __future__ import annotations

import argparse
import sys

from srek_desk.cli.common import EXIT_OK, EXIT_USER_ERROR, open_context, print_json
from srek_desk.db.codes import OFFER_TYPES


def cmd_import(args: argparse.Namespace) -> int:
    from srek_desk.services.chances.service import collect_after_import
    from srek_desk.services.core.access import command_line_actor
    from srek_desk.services.imports.service import ImportOptions, ImportService

    options = ImportOptions(
        file_format=args.format,
        kind=args.kind,
        source=args.source,
        dry_run=args.dry_run,
        skip_bad_rows=not args.strict,
        import_similar=args.import_similar,
        full_load=True if args.full else None,
        offer_type=args.type,
        encoding=args.encoding,
    )
    with open_context(args) as context:
        options.hrbaxml_schema_dir = context.config["import.hrbaxml_schema_dir"]
        report = ImportService(
            context.database, context.reference, actor=command_line_actor()
        ).import_file(args.file, options)
        new_chances = collect_after_import(
            context.database, context.reference, context.config, report
        )
    if args.json:
        data = report.as_dict()
        if new_chances is not None:
            data["new_chances"] = new_chances
        print_json(data)
    else:
        print(report.text())
        if new_chances is not None:
            print(f"Neue Chancen für Klient:innen: {new_chances}.")
    if report.refused:
        print(f"Fehler: {report.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from srek_desk.services.imports.service import ImportService

    with open_context(args) as context:
        count = ImportService(context.database, context.reference).export_offers(
            args.file, source=args.source
        )
    if args.json:
        print_json({"file": str(args.file), "offers": count, "source": args.source})
    else:
        print(f"{count} Angebote nach {args.file} geschrieben.")
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    importer = subparsers.add_parser(
        "import", help="Angebote (BA-Jobsuche, CSV/Excel, HR-BA-XML) oder Klient:innen einlesen"
    )
    importer.add_argument("file", metavar="FILE")
    importer.add_argument(
        "--format", choices=["auto", "ba-json", "csv", "xlsx", "hr-ba-xml"], default="auto"
    )
    importer.add_argument("--kind", choices=["offers", "clients"], default="offers")
    importer.add_argument(
        "--source", metavar="NAME", help="Name der Quelle (Standard: aus Format bzw. Dateiname)"
    )
    importer.add_argument(
        "--dry-run", action="store_true", help="nur prüfen und berichten, nichts speichern"
    )
    importer.add_argument(
        "--strict", action="store_true", help="Datei ablehnen, sobald eine Zeile fehlerhaft ist"
    )
    importer.add_argument(
        "--import-similar",
        action="store_true",
        help="Klient:innen: auch Zeilen übernehmen, die einer gespeicherten Person ähneln "
        "(mit Warnung)",
    )
    importer.add_argument(
        "--full",
        action="store_true",
        help="die Datei ist die vollständige Liste der Quelle: deren aktive Angebote, die in der "
        "Datei fehlen, werden deaktiviert (mit --dry-run nur angezeigt). Ohne --full deaktiviert "
        "ein Import nur, was die Datei ausdrücklich löscht (HR-BA-XML: auch TypeOfLoad F)",
    )
    importer.add_argument(
        "--type",
        choices=[code for code in OFFER_TYPES if code != "unklar"],
        help="Angebotsart für Angebote der Datei, die selbst keine nennen (sonst „Art unklar“)",
    )
    importer.add_argument(
        "--encoding",
        metavar="KODIERUNG",
        help="CSV: Zeichenkodierung der Datei (z. B. utf-8, cp1252); ohne die Angabe wird UTF-8 "
        "oder Windows-1252 erkannt und eine Datei, die beide mischt, abgelehnt",
    )
    importer.add_argument("--json", action="store_true")
    importer.set_defaults(handler=cmd_import)

    exporter = subparsers.add_parser("export", help="Angebote als CSV oder Excel speichern")
    exporter.add_argument("file", metavar="FILE.csv|FILE.xlsx")
    exporter.add_argument("--source", metavar="NAME", help="nur Angebote dieser Quelle")
    exporter.add_argument("--json", action="store_true")
    exporter.set_defaults(handler=cmd_export)
