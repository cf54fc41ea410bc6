"""Command line: `srek-desk duplicates`, the client records that may belong to one person.

For IT and Teamleitung tidying up after imports: every pair of stored records the duplicate
rules match (same name and birth date, close spellings, …), the older record first. Merging stays
a decision for people, in the app (Klient:innen → Zusammenführen…). Exit code 0; the caller
acts as `cli:<login name>` and sees every client.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from srek_desk.cli.common import EXIT_OK, open_context, print_json

if TYPE_CHECKING:
    from srek_desk.services.clients.duplicates import DuplicateCandidate


def _as_json(candidate: DuplicateCandidate) -> dict[str, Any]:
    return {
        "client_id": candidate.client_id,
        "customer_number": candidate.customer_number,
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "birth_date": candidate.birth_date.isoformat() if candidate.birth_date else None,
    }


def cmd_duplicates(args: argparse.Namespace) -> int:
    from srek_desk.services.clients.duplicates import DuplicateService, candidate_label
    from srek_desk.services.core.access import command_line_actor

    with open_context(args) as context:
        pairs = DuplicateService(context.database, command_line_actor()).pairs()
    if args.json:
        print_json(
            [{"first": _as_json(a), "second": _as_json(b), "reason": a.reason} for a, b in pairs]
        )
        return EXIT_OK
    if not pairs:
        print("Keine möglichen Doppelungen gefunden.")
        return EXIT_OK
    print(f"{len(pairs)} mögliche Doppelung(en):")
    for first, second in pairs:
        print(f"  {candidate_label(first)} – {candidate_label(second)}: {first.reason}")
    print("Zusammenführen in SREK Desk: Klient:innen → Datensatz wählen → Zusammenführen…")
    return EXIT_OK


def register(sub: Any) -> None:
    """Add the subcommand to the `srek-desk` parser."""
    parser = sub.add_parser(
        "duplicates",
        help="Klient:innen-Datensätze auflisten, die zu einer Person gehören könnten",
        description=(
            "Listet Paare von Datensätzen mit gleichem Namen und Geburtsdatum oder ähnlicher "
            "Schreibweise (z. B. Yildiz/Yıldız); zusammengeführt wird in der Oberfläche."
        ),
    )
    parser.add_argument("--json", action="store_true", help="als JSON ausgeben")
    parser.set_defaults(handler=cmd_duplicates)
