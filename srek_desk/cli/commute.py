"""Commuting: `srek-desk commute FROM TO`, from the timetable, the office's table or the estimate."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from srek_desk.cli.common import EXIT_OK, EXIT_USER_ERROR, open_context, print_json
from srek_desk.geo.commute import MODE_LABELS, MODES

_SOURCES = {
    "timetable": "laut Fahrplan",
    "table": "laut Fahrzeittabelle der Dienststelle",
    "estimate": "geschätzt",
}


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"„{text}“ ist kein Datum (JJJJ-MM-TT)") from None


def _clock(text: str) -> int:
    from srek_desk.matching.transit import parse_clock

    found = parse_clock(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"„{text}“ ist keine Uhrzeit (HH:MM)")
    return found


def cmd_commute(args: argparse.Namespace) -> int:
    from srek_desk.services.timetable.commutes import CommuteService, parse_point

    with open_context(args) as context:
        gazetteer = context.reference.gazetteer
        origin = parse_point(args.origin, gazetteer, "Start")
        destination = parse_point(args.destination, gazetteer, "Ziel")
        answer = CommuteService(context.database, context.config).between(
            origin, destination, mode=args.mode, day=args.date, arrive_by=args.arrive
        )
    if args.json:
        print_json({"from": origin.label, "to": destination.label, **answer.to_json()})
    else:
        _print(origin.label, destination.label, answer.to_json())
    return EXIT_OK if answer.minutes is not None else EXIT_USER_ERROR


def _print(start: str, end: str, data: dict[str, Any]) -> None:
    mode = MODE_LABELS.get(data["mode"], data["mode"])
    day = date.fromisoformat(data["date"]).strftime("%d.%m.%Y")
    print(f"{start} → {end}, {mode}, Ankunft bis {data['arrive_by']} Uhr am {day}:")
    if data["minutes"] is None:
        print(f"  {data['reason']}.")
        return
    if data.get("note"):
        print(f"  {data['note']}")
    approx = "ca. " if data["estimated"] else ""
    print(f"  {approx}{data['minutes']} Min. ({_SOURCES[data['source']]})")
    if data["depart"]:
        changes = data["transfers"]
        changing = "ohne Umsteigen" if not changes else f"{changes}× umsteigen"
        print(f"  los um {data['depart']}, da um {data['arrive']}, {changing}")
    for leg in data["legs"]:
        if leg["kind"] == "ride":
            print(
                f"    {leg['route']}: {leg['from']} {leg['depart']} → {leg['to']} {leg['arrive']}"
            )
        else:
            print(f"    zu Fuß: {leg['from']} {leg['depart']} → {leg['to']} {leg['arrive']}")


def register(subparsers: Any) -> None:
    """Add `commute` to the `srek-desk` parser."""
    commute = subparsers.add_parser(
        "commute", help="Fahrzeit zwischen zwei Postleitzahlen oder Koordinaten (Fahrplan)"
    )
    commute.add_argument("origin", metavar="FROM", help="Postleitzahl oder Breite,Länge")
    commute.add_argument("destination", metavar="TO", help="Postleitzahl oder Breite,Länge")
    commute.add_argument("--mode", choices=list(MODES), default="pt")
    commute.add_argument("--date", type=_day, default=None, help="Tag (JJJJ-MM-TT)")
    commute.add_argument("--arrive", type=_clock, default=None, help="Ankunft spätestens (HH:MM)")
    commute.add_argument("--json", action="store_true")
    commute.set_defaults(handler=cmd_commute)
