"""`srek-desk fetch`: offers from the Jobbörse (BA Jobsuche), ad hoc or as saved searches.

    srek-desk fetch --was TEXT --wo PLZ|ORT --umkreis KM --angebotsart ART [--save NAME] [--json]
    srek-desk fetch --saved NAME | --all-saved | --list-saved | --delete-saved NAME [--json]

Exit 0 when fetched (bad records, if any, are skipped and listed), 1 when a fetch failed (the
database is then unchanged; with --all-saved the others are still fetched) or a saved search is
unknown, 2 for a wrong call. The report goes to stdout: German text, or with --json the fields of
`srek-desk import --json` plus `pages`, `query`, `max_results`, `not_fetched`, `complete`, `notes`
(a list of such reports for --all-saved). After a fetch the new chances of clients are collected.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from srek_desk.cli.common import (
    EXIT_OK,
    EXIT_USER_ERROR,
    non_negative,
    open_context,
    print_json,
)
from srek_desk.errors import UserError

ANGEBOTSARTEN = ("ausbildung", "arbeit", "praktikum", "selbststaendigkeit")
_QUERY_OPTIONS = ("was", "wo", "umkreis", "angebotsart", "save")


def _new_chances(context: Any, report: Any) -> int | None:
    from srek_desk.services.chances.service import collect_after_import

    return collect_after_import(context.database, context.reference, context.config, report)


def _print(reports: list[Any], chances: list[int | None], as_json: bool, many: bool) -> None:
    if as_json:
        data = []
        for report, new_chances in zip(reports, chances, strict=True):
            item = report.as_dict()
            if new_chances is not None:
                item["new_chances"] = new_chances
            data.append(item)
        print_json(data if many else data[0])
        return
    for report, new_chances in zip(reports, chances, strict=True):
        print(report.text())
        if new_chances is not None:
            print(f"Neue Chancen für Klient:innen: {new_chances}.")


def _list_saved(fetcher: Any, as_json: bool) -> int:
    from srek_desk.db.models import as_utc

    saved = fetcher.saved_queries()
    if as_json:
        print_json(
            [
                {
                    "name": s.name,
                    **s.query.as_dict(),
                    "created_at": s.created_at,
                    "last_fetched_at": s.last_fetched_at,
                    "last_result_count": s.last_result_count,
                }
                for s in saved
            ]
        )
        return EXIT_OK
    if not saved:
        print("Keine gespeicherten Suchen.")
    for s in saved:
        when = (
            f"zuletzt abgerufen {as_utc(s.last_fetched_at).astimezone():%d.%m.%Y %H:%M}, "
            f"{s.last_result_count} Angebote"
            if s.last_fetched_at is not None
            else "noch nie abgerufen"
        )
        print(f"{s.name}: {s.query.describe()} ({when})")
    return EXIT_OK


def cmd_fetch(args: argparse.Namespace) -> int:
    from srek_desk.importers.jobboerse_pages import SearchQuery
    from srek_desk.services.imports.fetch import FetchService
    from srek_desk.services.imports.fetch_report import failed_report

    modes = [m for m in ("saved", "all_saved", "list_saved", "delete_saved") if getattr(args, m)]
    given = [o for o in _QUERY_OPTIONS if getattr(args, o) is not None]
    if modes and given:
        args.parser.error(
            f"--{modes[0].replace('_', '-')} geht nicht zusammen mit "
            + ", ".join(f"--{o}" for o in given)
        )
    if not modes and args.angebotsart is None:
        args.parser.error("--angebotsart fehlt (oder --saved NAME, --all-saved, --list-saved)")
    query = None
    if not modes:
        query = SearchQuery(
            angebotsart=args.angebotsart,
            was=args.was or "",
            wo=args.wo or "",
            umkreis=args.umkreis if args.umkreis is not None else (25 if args.wo else None),
        ).checked()
    with open_context(args) as context:
        fetcher = FetchService.from_config(context.database, context.reference, context.config)
        if args.list_saved:
            return _list_saved(fetcher, args.json)
        if args.delete_saved:
            fetcher.delete_saved(args.delete_saved)
            if args.json:
                print_json({"deleted": args.delete_saved.strip()})
            else:
                print(f"Gespeicherte Suche „{args.delete_saved.strip()}“ gelöscht.")
            return EXIT_OK
        if args.all_saved:
            reports = fetcher.fetch_all_saved()
            if not reports:
                raise UserError("Es gibt keine gespeicherten Suchen (speichern mit --save NAME).")
        else:
            label = args.saved or args.save
            try:
                if args.saved:
                    reports = [fetcher.fetch_saved(args.saved)]
                else:
                    assert query is not None
                    reports = [fetcher.fetch(query, save_as=args.save)]
            except UserError as error:
                if not args.json:
                    raise
                target = {**(query.as_dict() if query else {}), "name": label}
                reports = [failed_report(label or "Jobbörse", target, error.message)]
        chances = [_new_chances(context, r) if r.status == "imported" else None for r in reports]
    _print(reports, chances, args.json, many=bool(args.all_saved))
    failed = [r for r in reports if r.status == "failed"]
    for report in failed:
        print(f"Fehler: {report.message}", file=sys.stderr)
    return EXIT_USER_ERROR if failed else EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    fetcher = subparsers.add_parser(
        "fetch",
        help="Angebote von der Jobbörse (BA-Jobsuche) abrufen, auch als gespeicherte Suche",
        description="Angebote von der Jobbörse der Bundesagentur für Arbeit abrufen. Adresse und "
        "Schlüssel: Einstellungen jobboerse.base_url und jobboerse.api_key (Umgebung "
        "SREK_JOBBOERSE_BASE_URL); ein System-Proxy wird benutzt.",
    )
    fetcher.add_argument("--was", metavar="TEXT", help="Beruf oder Stichwort")
    fetcher.add_argument("--wo", metavar="PLZ|ORT", help="Postleitzahl oder Ort")
    fetcher.add_argument(
        "--umkreis", metavar="KM", type=non_negative, help="Umkreis um „Wo“ in km (Standard: 25)"
    )
    fetcher.add_argument("--angebotsart", choices=ANGEBOTSARTEN)
    fetcher.add_argument(
        "--save", metavar="NAME", help="die Suche unter diesem Namen speichern und abrufen"
    )
    mode = fetcher.add_mutually_exclusive_group()
    mode.add_argument("--saved", metavar="NAME", help="eine gespeicherte Suche erneut abrufen")
    mode.add_argument(
        "--all-saved", action="store_true", help="alle gespeicherten Suchen erneut abrufen"
    )
    mode.add_argument(
        "--list-saved", action="store_true", help="die gespeicherten Suchen auflisten"
    )
    mode.add_argument("--delete-saved", metavar="NAME", help="eine gespeicherte Suche löschen")
    fetcher.add_argument("--json", action="store_true")
    fetcher.set_defaults(handler=cmd_fetch, parser=fetcher)
