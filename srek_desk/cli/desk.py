"""The desk itself: `srek-desk gui` (the default), `self-test` and `demo`.

Qt is imported only when the window opens or the self-test builds it.
"""

from __future__ import annotations

import argparse
from typing import Any

from srek_desk.cli.common import (
    EXIT_OK,
    EXIT_USER_ERROR,
    load_config,
    non_negative,
    open_context,
    print_json,
)


def cmd_gui(args: argparse.Namespace) -> int:
    from srek_desk.app import run_gui

    return run_gui(load_config(args), demo_prompt=not args.no_demo_prompt)


def cmd_self_test(args: argparse.Namespace) -> int:
    from srek_desk.self_test import run_self_test

    report = run_self_test(with_window=not args.no_window)
    if args.json:
        print_json(report.as_dict())
    else:
        for step in report.steps:
            mark = "OK    " if step.ok else "FEHLER"
            print(f"{mark} {step.name}: {step.detail}")
        print("Selbsttest bestanden." if report.ok else "Selbsttest fehlgeschlagen.")
    return EXIT_OK if report.ok else EXIT_USER_ERROR


def cmd_demo(args: argparse.Namespace) -> int:
    from srek_desk.services.demo.generator import DemoGenerator

    with open_context(args) as context:
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
        print_json(data)
    else:
        print(
            f"Demo-Daten angelegt: {result.offers} Angebote, {result.employers} Arbeitgeber, "
            f"{result.clients} Klient:innen in {result.seconds:.1f} s ({context.database.url})."
        )
    return EXIT_OK


def register(subparsers: Any) -> None:
    """Add `gui`, `self-test` and `demo` to the `srek-desk` parser."""
    gui = subparsers.add_parser("gui", help="Programmfenster öffnen (Standard)")
    gui.add_argument("--no-demo-prompt", action="store_true", help="keine Demo-Daten anbieten")
    gui.set_defaults(handler=cmd_gui)

    self_test = subparsers.add_parser("self-test", help="Selbsttest ohne Bildschirm")
    self_test.add_argument("--json", action="store_true")
    self_test.add_argument("--no-window", action="store_true", help="Fenster nicht prüfen")
    self_test.set_defaults(handler=cmd_self_test)

    demo = subparsers.add_parser("demo", help="fiktive Demo-Daten anlegen")
    demo.add_argument("--offers", type=non_negative, default=2000, metavar="N")
    demo.add_argument("--clients", type=non_negative, default=300, metavar="M")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--json", action="store_true")
    demo.set_defaults(handler=cmd_demo)
