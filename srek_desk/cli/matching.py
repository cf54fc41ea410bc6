"""Matching: `srek-desk match` and `travel-times`, the table its travel-time filter reads.

match ranks the offers for one client (or the clients for one offer); travel-times loads the
CSV of travel times between postcodes that `--max-minutes` and `--mode` use.
"""

from __future__ import annotations

import argparse
from typing import Any

from srek_desk.cli.common import EXIT_OK, non_negative, open_context, positive, print_json
from srek_desk.geo.commute import MODES


def cmd_travel_times(args: argparse.Namespace) -> int:
    from srek_desk.services.offers.reference_tables import import_travel_times

    with open_context(args) as context:
        report = import_travel_times(context.database, args.file, context.reference.gazetteer)
    if args.json:
        print_json(report)
    else:
        print(
            f"Fahrzeittabelle übernommen: {report['imported']} Fahrzeiten von {report['origins']} Postleitzahlen."
        )
    return EXIT_OK


def cmd_match(args: argparse.Namespace) -> int:
    from srek_desk.matching.engine import OfferFilter
    from srek_desk.services.core.access import command_line_actor
    from srek_desk.services.matching.service import MatchService

    with open_context(args) as context:
        service = MatchService(context.database, context.reference, context.config)
        if args.client is not None:
            where = OfferFilter(
                offer_types=tuple(args.type or ()),
                states=tuple(args.state or ()),
                max_minutes=args.max_minutes,
                modes=tuple(args.mode or ()),
                include_stale=args.include_stale,
            )
            profile, result = service.rank_offers(
                args.client,
                command_line_actor(),
                top=args.top,
                near_misses=args.near_misses,
                where=where,
            )
            counterpart, subject = (
                "offer",
                {"client_id": profile.id, "reference": profile.customer_number},
            )
        else:
            offer, result = service.rank_clients(
                args.offer,
                command_line_actor(),
                top=args.top,
                near_misses=args.near_misses,
                include_stale=args.include_stale,
            )
            counterpart, subject = "client", {"offer_id": offer.id, "reference": offer.reference}
    if args.json:
        print_json(
            {
                **subject,
                "candidates": result.candidates,
                "matches": [m.as_json(counterpart) for m in result.matches],
                "near_misses": [m.as_json(counterpart) for m in result.near_misses],
            }
        )
        return EXIT_OK
    print(f"{len(result.matches)} Treffer ({result.candidates} Angebote/Personen geprüft)")
    for number, match in enumerate(result.matches, 1):
        _print_match(number, match, counterpart)
    if result.near_misses:
        print("\nKnapp daneben:")
        for number, match in enumerate(result.near_misses, 1):
            _print_match(number, match, counterpart)
    return EXIT_OK


def _print_match(number: int, match: Any, counterpart: str) -> None:
    if counterpart == "offer":
        head = (
            f"{match.title} – {match.employer}, {match.place} ({match.state}) [{match.reference}]"
        )
    else:
        head = f"Kundennummer {match.reference}"
    print(f"{number:>3}. {match.score:5.1f}  {head}")
    if match.excluded_because:
        print(f"        ausgeschlossen: {match.excluded_because}")
    for reason in match.reasons:
        print(f"        · {reason}")


def register(subparsers: Any) -> None:
    """Add `travel-times` and `match` to the `srek-desk` parser."""
    travel = subparsers.add_parser(
        "travel-times", help="Fahrzeittabelle (CSV from_postcode;to_postcode;mode;minutes) laden"
    )
    travel.add_argument("file", metavar="FILE")
    travel.add_argument("--json", action="store_true")
    travel.set_defaults(handler=cmd_travel_times)

    match = subparsers.add_parser("match", help="passende Angebote oder Klient:innen finden")
    target = match.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "--client", metavar="ID", help="Klient:in (interne Nummer oder Kundennummer)"
    )
    target.add_argument(
        "--offer", metavar="ID", help="Angebot (interne Nummer oder Referenznummer)"
    )
    match.add_argument("--top", type=positive, default=20, metavar="N")
    match.add_argument("--near-misses", type=non_negative, default=10, metavar="N")
    match.add_argument(
        "--type", action="append", choices=["ausbildung", "arbeit", "duales_studium", "praktikum"]
    )
    match.add_argument("--state", action="append", metavar="LAND", help="z. B. HE, NI, NW, TH")
    match.add_argument("--max-minutes", type=positive, default=None, metavar="MIN")
    match.add_argument("--mode", action="append", choices=list(MODES))
    match.add_argument(
        "--include-stale",
        action="store_true",
        help="auch veraltete Angebote (Frist oder Beginn vorbei, lange nicht bestätigt)",
    )
    match.add_argument("--json", action="store_true")
    match.set_defaults(handler=cmd_match)
