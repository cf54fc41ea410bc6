"""The `srek-desk` command line: gui (default), self-test, demo, places, occupations, …

Exit codes: 0 success, 1 user error (German message on stderr), 2 usage error.
Qt is imported only when the GUI starts or the self-test builds the window.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from srek_desk.config import Config
from srek_desk.errors import UserError

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse with German framing for usage errors (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: Aufruf fehlerhaft: {message}\n")


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def load_config(args: argparse.Namespace) -> Config:
    overrides: dict[str, Any] = {}
    if getattr(args, "db", None):
        overrides["database.url"] = args.db
    return Config.load(overrides=overrides)


@contextmanager
def _open_context(args: argparse.Namespace) -> Iterator[Any]:
    """The app's objects for one command; the database is closed afterwards."""
    from srek_desk.context import AppContext

    context = AppContext.open(load_config(args))
    try:
        yield context
    finally:
        context.close()


# -- subcommands ------------------------------------------------------------------------------


def cmd_gui(args: argparse.Namespace) -> int:
    from srek_desk.app import run_gui

    return run_gui(load_config(args), demo_prompt=not args.no_demo_prompt)


def cmd_self_test(args: argparse.Namespace) -> int:
    from srek_desk.self_test import run_self_test

    report = run_self_test(with_window=not args.no_window)
    if args.json:
        _print_json(report.as_dict())
    else:
        for step in report.steps:
            mark = "OK    " if step.ok else "FEHLER"
            print(f"{mark} {step.name}: {step.detail}")
        print("Selbsttest bestanden." if report.ok else "Selbsttest fehlgeschlagen.")
    return 0 if report.ok else 1


def cmd_demo(args: argparse.Namespace) -> int:
    from srek_desk.services.demo.generator import DemoGenerator

    with _open_context(args) as context:
        result = DemoGenerator(context.database, context.reference).generate(
            offers=args.offers, clients=args.clients, seed=args.seed
        )
    data = {
        "offers": result.offers,
        "clients": result.clients,
        "employers": result.employers,
        "seconds": round(result.seconds, 2),
        "database": context.database.url,
    }
    if args.json:
        _print_json(data)
    else:
        print(
            f"Demo-Daten angelegt: {result.offers} Angebote, {result.employers} Arbeitgeber, "
            f"{result.clients} Klient:innen in {result.seconds:.1f} s ({context.database.url})."
        )
    return 0


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
        _print_json(rows)
    else:
        for row in rows:
            district = f", {row['district']}" if row["district"] else ""
            print(
                f"{row['postcode']} {row['name']} ({row['state_name']}{district}) "
                f"{row['lat']:.4f} N, {row['lon']:.4f} O"
            )
    return 0


def cmd_occupations(args: argparse.Namespace) -> int:
    from srek_desk.services.offers.occupations import occupation_catalog

    catalog = occupation_catalog(load_config(args))
    hits = catalog.search(args.query, limit=args.limit)
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
        }
        for h in hits
    ]
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            print(f"{row['code']}  {row['name']}  [{row['level_name']}]  ({row['score']:.0f} %)")
    return 0


def cmd_occupations_import(args: argparse.Namespace) -> int:
    from srek_desk.services.offers.occupations import import_kldb_file

    with _open_context(args) as context:
        report = import_kldb_file(context.database, args.file)
    if args.json:
        _print_json(report)
    else:
        print(
            f"{report['imported']} Berufsgattungen und {report['groups']} Gruppennamen "
            f"aus {args.file} übernommen."
        )
        for error in report["errors"]:
            print(f"  Zeile {error['line']}, {error['field']}: {error['message']}")
    return 0


def pdf_target(output: str) -> Path:
    """The -o file of a PDF command, refused with a German message before any work is done."""
    target = Path(output)
    if target.suffix.lower() != ".pdf":
        raise UserError(f"Die Ausgabedatei muss auf .pdf enden: {target.name}")
    if target.is_dir():
        raise UserError(f"{target} ist ein Ordner; bitte einen Dateinamen angeben.")
    if not target.parent.is_dir():
        raise UserError(f"Den Ordner {target.parent} gibt es nicht.")
    return target


def cmd_sheet(args: argparse.Namespace) -> int:
    from srek_desk.services.sheets.service import SheetService

    target = pdf_target(args.output)
    with _open_context(args) as context:
        service = SheetService(context.database, context.reference, context.config)
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
        _print_json(summary)
    else:
        print(
            f"Chancenblatt gespeichert: {target} ({result.page_count} Seite(n), {len(prepared.offer_ids)} Angebote)."
        )
    return 0


def cmd_travel_times(args: argparse.Namespace) -> int:
    from srek_desk.services.offers.reference_tables import import_travel_times

    with _open_context(args) as context:
        report = import_travel_times(context.database, args.file, context.reference.gazetteer)
    if args.json:
        _print_json(report)
    else:
        print(
            f"Fahrzeittabelle übernommen: {report['imported']} Fahrzeiten von {report['origins']} Postleitzahlen."
        )
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    from srek_desk.matching.engine import OfferFilter
    from srek_desk.services.matching.service import MatchService

    with _open_context(args) as context:
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
                args.client, top=args.top, near_misses=args.near_misses, where=where
            )
            counterpart, subject = (
                "offer",
                {"client_id": profile.id, "reference": profile.customer_number},
            )
        else:
            offer, result = service.rank_clients(
                args.offer,
                top=args.top,
                near_misses=args.near_misses,
                include_stale=args.include_stale,
            )
            counterpart, subject = "client", {"offer_id": offer.id, "reference": offer.reference}
    if args.json:
        _print_json(
            {
                **subject,
                "candidates": result.candidates,
                "matches": [m.as_json(counterpart) for m in result.matches],
                "near_misses": [m.as_json(counterpart) for m in result.near_misses],
            }
        )
        return 0
    print(f"{len(result.matches)} Treffer ({result.candidates} Angebote/Personen geprüft)")
    for number, match in enumerate(result.matches, 1):
        _print_match(number, match, counterpart)
    if result.near_misses:
        print("\nKnapp daneben:")
        for number, match in enumerate(result.near_misses, 1):
            _print_match(number, match, counterpart)
    return 0


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


# -- parser -----------------------------------------------------------------------------------


class _VersionAction(argparse.Action):
    """`--version`: first line exactly `srek-desk <version>` (scripts parse it), then the build."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help="Version und Build zeigen",
        )

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any) -> NoReturn:
        from srek_desk.build_info import version_text

        if sys.stdout is not None:  # a windowed Windows build has no stdout
            sys.stdout.write(version_text() + "\n")
            sys.stdout.flush()
        parser.exit(0)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="srek-desk",
        description="SREK Desk – Ausbildungs- und Stellenvermittlung über Ländergrenzen hinweg.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="Datenbank: Pfad einer SQLite-Datei oder SQLAlchemy-URL (auch: Umgebung SREK_DB)",
    )
    sub = parser.add_subparsers(dest="command", metavar="BEFEHL", parser_class=_Parser)

    gui = sub.add_parser("gui", help="Programmfenster öffnen (Standard)")
    gui.add_argument("--no-demo-prompt", action="store_true", help="keine Demo-Daten anbieten")
    gui.set_defaults(handler=cmd_gui)

    self_test = sub.add_parser("self-test", help="Selbsttest ohne Bildschirm")
    self_test.add_argument("--json", action="store_true")
    self_test.add_argument("--no-window", action="store_true", help="Fenster nicht prüfen")
    self_test.set_defaults(handler=cmd_self_test)

    demo = sub.add_parser("demo", help="fiktive Demo-Daten anlegen")
    demo.add_argument("--offers", type=_non_negative, default=2000, metavar="N")
    demo.add_argument("--clients", type=_non_negative, default=300, metavar="M")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--json", action="store_true")
    demo.set_defaults(handler=cmd_demo)

    places = sub.add_parser("places", help="Postleitzahl oder Ort nachschlagen")
    places.add_argument("query", metavar="QUERY")
    places.add_argument("--json", action="store_true")
    places.add_argument("--limit", type=_positive, default=10)
    places.set_defaults(handler=cmd_places)

    occupations = sub.add_parser("occupations", help="Berufe (KldB 2010) suchen")
    occupations.add_argument("query", metavar="QUERY")
    occupations.add_argument("--json", action="store_true")
    occupations.add_argument("--limit", type=_positive, default=10)
    occupations.set_defaults(handler=cmd_occupations)

    kldb = sub.add_parser(
        "occupations-import", help="amtliche KldB-2010-CSV der BA in die Datenbank laden"
    )
    kldb.add_argument("file", metavar="FILE")
    kldb.add_argument("--json", action="store_true")
    kldb.set_defaults(handler=cmd_occupations_import)

    sheet = sub.add_parser("sheet", help="Chancenblatt (PDF) für eine Klientin / einen Klienten")
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

    travel = sub.add_parser(
        "travel-times", help="Fahrzeittabelle (CSV from_postcode;to_postcode;mode;minutes) laden"
    )
    travel.add_argument("file", metavar="FILE")
    travel.add_argument("--json", action="store_true")
    travel.set_defaults(handler=cmd_travel_times)

    match = sub.add_parser("match", help="passende Angebote oder Klient:innen finden")
    target = match.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "--client", metavar="ID", help="Klient:in (interne Nummer oder Kundennummer)"
    )
    target.add_argument(
        "--offer", metavar="ID", help="Angebot (interne Nummer oder Referenznummer)"
    )
    match.add_argument("--top", type=_positive, default=20, metavar="N")
    match.add_argument("--near-misses", type=_non_negative, default=10, metavar="N")
    match.add_argument(
        "--type", action="append", choices=["ausbildung", "arbeit", "duales_studium", "praktikum"]
    )
    match.add_argument("--state", action="append", metavar="LAND", help="z. B. HE, NI, NW, TH")
    match.add_argument("--max-minutes", type=_positive, default=None, metavar="MIN")
    match.add_argument("--mode", action="append", choices=["car", "pt", "bike"])
    match.add_argument(
        "--include-stale",
        action="store_true",
        help="auch veraltete Angebote (Frist oder Beginn vorbei, lange nicht bestätigt)",
    )
    match.add_argument("--json", action="store_true")
    match.set_defaults(handler=cmd_match)
    from srek_desk.cli_import import register as register_import

    register_import(sub)
    from srek_desk.cli_backup import register as register_backup

    register_backup(sub)
    from srek_desk.cli_admin import register as register_admin

    register_admin(sub)
    from srek_desk.cli_server import register as register_server

    register_server(sub)
    from srek_desk.cli_offline import register as register_offline

    register_offline(sub)
    from srek_desk.cli_applications import register as register_applications

    register_applications(sub)
    from srek_desk.cli_handover import register as register_handover

    register_handover(sub)
    from srek_desk.cli_duplicates import register as register_duplicates

    register_duplicates(sub)
    return parser


def _positive(text: str) -> int:
    value = _non_negative(text)
    if value == 0:
        raise argparse.ArgumentTypeError("muss größer als 0 sein")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}“ ist keine ganze Zahl") from None
    if value < 0:
        raise argparse.ArgumentTypeError("darf nicht negativ sein")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "handler", None) or cmd_gui
    if handler is cmd_gui and not hasattr(args, "no_demo_prompt"):
        args.no_demo_prompt = False
    try:
        from srek_desk.logging_setup import setup_logging

        setup_logging(load_config(args)["logging.level"])
        return handler(args)
    except UserError as error:
        print(f"Fehler: {error.message}", file=sys.stderr)
        if error.details:
            print(error.details, file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("Abgebrochen.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
