"""`srek-desk timetable import|status`: load the region's GTFS feed, say what is loaded.

import FEED: a .zip or a folder; exit 0 when it was loaded, 1 when it was refused (German
message naming file and line on stderr; the timetable loaded before stays). JSON: stops,
routes, trips, stop_times, valid_from, valid_to, seconds, publisher, source_name,
dropped_stops, warnings (and stored_bytes, region_km).
status: exit 0, also when none is loaded (then "loaded": false and a German sentence).
The audit log names the caller as `cli:<login name>`.
"""

from __future__ import annotations

import argparse
from typing import Any

from srek_desk.cli.common import EXIT_OK, open_context, print_json


def cmd_import(args: argparse.Namespace) -> int:
    from srek_desk.services.core.access import command_line_actor

    with open_context(args) as context:
        result = context.timetable().import_feed(args.feed, actor=command_line_actor())
    if args.json:
        print_json(result.to_json())
    else:
        print(result.text())
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    with open_context(args) as context:
        status = context.timetable().status()
    if args.json:
        data = status.to_json()
        if not status.loaded:
            data["message"] = status.text()
        print_json(data)
    else:
        print(status.text())
    return EXIT_OK


def register(subparsers: Any) -> None:
    """Add `timetable import` and `timetable status` to the `srek-desk` parser."""
    timetable = subparsers.add_parser(
        "timetable", help="Fahrplan (GTFS) für Bus und Bahn laden oder anzeigen"
    )
    actions = timetable.add_subparsers(dest="timetable_action", metavar="AKTION", required=True)

    load = actions.add_parser(
        "import", help="GTFS-Fahrplan (.zip oder Ordner) laden; ersetzt den bisherigen"
    )
    load.add_argument("feed", metavar="FEED")
    load.add_argument("--json", action="store_true")
    load.set_defaults(handler=cmd_import)

    status = actions.add_parser("status", help="zeigen, welcher Fahrplan geladen ist")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_status)
