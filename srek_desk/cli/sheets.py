"""Chancenblatt: `srek-desk sheet` prints the opportunity sheet of one client as PDF."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from srek_desk.cli.common import EXIT_OK, open_context, pdf_target, print_json
from srek_desk.errors import UserError


def cmd_sheet(args: argparse.Namespace) -> int:
    from srek_desk.services.core.access import command_line_actor
    from srek_desk.services.sheets.service import SheetService

    target = pdf_target(args.output)
    with open_context(args) as context:
        service = SheetService(
            context.database, context.reference, context.config, actor=command_line_actor()
        )
        offers = [part.strip() for part in (args.offers or "").split(",") if part.strip()]
        prepared = service.prepare(
            args.client, offer_refs=offers, language=args.lang, pseudonymous=args.pseudonymous
        )
        try:
            result = service.render(prepared, target)
        except OSError as exc:
            raise UserError(
                f"Das Chancenblatt kann nicht nach {target} geschrieben werden: {exc.strerror}"
            ) from exc
        sheet_id = service.record(prepared)
    for message in prepared.left_out:  # stale picks: never printed, but the caller must know
        print(f"Hinweis: {message}", file=sys.stderr)
    summary = {
        "file": str(target),
        "pages": result.page_count,
        "offers": len(prepared.offer_ids),
        "offer_ids": list(prepared.offer_ids),
        "language": prepared.data.language,
        "pseudonymous": args.pseudonymous,
        "printed_sheet_id": sheet_id,
        "left_out": list(prepared.left_out),
    }
    if args.json:
        print_json(summary)
    else:
        print(
            f"Chancenblatt gespeichert: {target} ({result.page_count} Seite(n), {len(prepared.offer_ids)} Angebote)."
        )
    return EXIT_OK


def register(subparsers: Any) -> None:
    """Add `sheet` to the `srek-desk` parser."""
    sheet = subparsers.add_parser(
        "sheet", help="Chancenblatt (PDF) für eine Klientin / einen Klienten"
    )
    sheet.add_argument(
        "--client", required=True, metavar="ID", help="interne Nummer oder Kundennummer"
    )
    sheet.add_argument(
        "--offers", metavar="ID,ID,…", help="Angebote (Nummer oder Referenz); sonst die besten"
    )
    sheet.add_argument(
        "--lang",
        choices=["de", "de-simple", "en"],
        default=None,
        help="Standard: Einstellung sheet.default_language",
    )
    sheet.add_argument("--pseudonymous", action="store_true", help="ohne Namen")
    sheet.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    sheet.add_argument("--json", action="store_true")
    sheet.set_defaults(handler=cmd_sheet)
