"""Command line: `srek-desk applications`, the Bewerbungsnachweis of one client as PDF or JSON.

Exit codes as everywhere: 0 done, 1 refused (German message on stderr: unknown client, no
applications in the period, file not writable), 2 usage error. The audit log names the caller
as `cli:<login name>`.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import Any

from srek_desk.cli.common import EXIT_OK, open_context, pdf_target, print_json


def _day(text: str) -> date:
    """31.12.2026 or 2026-12-31."""
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"„{text}“ ist kein Datum (TT.MM.JJJJ oder JJJJ-MM-TT)")


def cmd_applications(args: argparse.Namespace) -> int:
    from srek_desk.services.clients.applications import ApplicationService
    from srek_desk.services.core.access import command_line_actor

    target = None if args.json else pdf_target(args.output)
    with open_context(args) as context:
        service = ApplicationService(context.database, context.config, command_line_actor())
        proof = service.proof(args.client, start=args.start, end=args.end)
        if target is None:
            service.record_listing(proof)
            print_json([line.as_json() for line in proof.lines])
            return EXIT_OK
        result = service.write_pdf(proof, target)
    print(
        f"Bewerbungsnachweis gespeichert: {target} "
        f"({len(proof.lines)} Bewerbungen, {result.page_count} Seite(n))."
    )
    return EXIT_OK


def register(sub: Any) -> None:
    """Add the subcommand to the `srek-desk` parser."""
    parser = sub.add_parser(
        "applications",
        help="Bewerbungsnachweis (PDF) für eine Klientin / einen Klienten, z. B. fürs Jobcenter",
        description=(
            "Listet die Bewerbungen aus Vermittlungsvorschlägen (Stand beworben, "
            "Vorstellungsgespräch, Zusage, Absage): mit -o als PDF, mit --json als JSON."
        ),
    )
    parser.add_argument(
        "--client", required=True, metavar="ID", help="interne Nummer oder Kundennummer"
    )
    parser.add_argument(
        "--from", dest="start", type=_day, metavar="DATUM", help="Vorschläge ab diesem Tag"
    )
    parser.add_argument(
        "--to", dest="end", type=_day, metavar="DATUM", help="Vorschläge bis zu diesem Tag"
    )
    output = parser.add_mutually_exclusive_group(required=True)
    output.add_argument("-o", "--output", metavar="FILE.pdf", help="den Nachweis als PDF speichern")
    output.add_argument(
        "--json", action="store_true", help="statt des PDFs die Bewerbungen als JSON ausgeben"
    )
    parser.set_defaults(handler=cmd_applications)
