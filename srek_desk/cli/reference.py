"""Reference data: `srek-desk places`, `occupations` and `occupations-import`.

Looking up postcodes and places, searching occupations (KldB 2010), and loading the official
KldB CSV of the Bundesagentur für Arbeit into the database.
"""

from __future__ import annotations

import argparse
from typing import Any

from srek_desk.cli.common import EXIT_OK, load_config, open_context, positive, print_json
from srek_desk.errors import UserError


def cmd_places(args: argparse.Namespace) -> int:
    from srek_desk.reference.gazetteer import Gazetteer

    gazetteer = Gazetteer.load()
    query = args.query.strip()
    places = gazetteer.by_postcode(query) if query.isdigit() and len(query) == 5 else []
    if not places:
        places = gazetteer.search(query, limit=args.limit)
    if not places:
        raise UserError(f"Kein Ort und keine Postleitzahl gefunden für „{query}“.")
    rows = [
        {
            "postcode": p.postcode,
            "name": p.name,
            "state": p.state,
            "state_name": p.state_name,
            "district": p.district,
            "lat": round(p.lat, 5),
            "lon": round(p.lon, 5),
        }
        for p in places
    ]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            district = f", {row['district']}" if row["district"] else ""
            print(
                f"{row['postcode']} {row['name']} ({row['state_name']}{district}) "
                f"{row['lat']:.4f} N, {row['lon']:.4f} O"
            )
    return EXIT_OK


def cmd_occupations(args: argparse.Namespace) -> int:
    from srek_desk.reference.occupation_types import OccupationHit
    from srek_desk.services.offers.occupations import occupation_catalog

    catalog = occupation_catalog(load_config(args))
    # The same coding an import does: the job-ad wrapping goes, the occupation is searched.
    coding = catalog.code(args.query)
    hits = catalog.search(coding.query or args.query, limit=args.limit)
    if coding.code is not None and coding.occupation is not None:
        chosen = coding.occupation
        others = [h for h in hits if h.occupation != chosen]
        first = OccupationHit(chosen, coding.score, coding.matched or chosen.name)
        hits = [first, *others[: args.limit - 1]]
    if not hits:
        raise UserError(f"Kein Beruf gefunden für „{args.query}“.")
    rows = [
        {
            "code": h.occupation.code,
            "name": h.occupation.name,
            "level": h.occupation.level,
            "level_name": h.occupation.level_name,
            "is_ausbildung": h.occupation.is_ausbildung,
            "training_months": h.occupation.training_months,
            "score": round(h.score, 1),
            "matched": h.matched,
            # what an import of this text stores: only a confident answer, only this row
            "coded_on_import": index == 0 and coding.code == h.occupation.code,
        }
        for index, h in enumerate(hits)
    ]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['code']}  {row['name']}  [{row['level_name']}]  ({row['score']:.0f} %)")
        if coding.code is not None and coding.occupation is not None:
            print(f"Beim Import: {coding.code} {coding.occupation.name} (sicher zugeordnet).")
        else:
            print(f"Beim Import: ohne Kennziffer, {coding.hint()}; bitte von Hand zuordnen.")
    return EXIT_OK


def cmd_occupations_import(args: argparse.Namespace) -> int:
    from srek_desk.services.offers.occupations import import_kldb_file

    with open_context(args) as context:
        report = import_kldb_file(context.database, args.file)
    if args.json:
        print_json(report)
    else:
        print(
            f"{report['imported']} Berufsgattungen und {report['groups']} Gruppennamen "
            f"aus {args.file} übernommen."
        )
        for error in report["errors"]:  # the message names its line already
            print(f"  {error['message']}")
    return EXIT_OK


def register(subparsers: Any) -> None:
    """Add `places`, `occupations` and `occupations-import` to the `srek-desk` parser."""
    places = subparsers.add_parser("places", help="Postleitzahl oder Ort nachschlagen")
    places.add_argument("query", metavar="QUERY")
    places.add_argument("--json", action="store_true")
    places.add_argument("--limit", type=positive, default=10)
    places.set_defaults(handler=cmd_places)

    occupations = subparsers.add_parser("occupations", help="Berufe (KldB 2010) suchen")
    occupations.add_argument("query", metavar="QUERY")
    occupations.add_argument("--json", action="store_true")
    occupations.add_argument("--limit", type=positive, default=10)
    occupations.set_defaults(handler=cmd_occupations)

    kldb = subparsers.add_parser(
        "occupations-import", help="amtliche KldB-2010-CSV der BA in die Datenbank laden"
    )
    kldb.add_argument("file", metavar="FILE")
    kldb.add_argument("--json", action="store_true")
    kldb.set_defaults(handler=cmd_occupations_import)
